"""settings feature of the call-taker desktop."""
