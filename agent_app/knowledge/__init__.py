"""knowledge feature of the call-taker desktop."""
