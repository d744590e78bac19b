"""demo feature of the call-taker desktop."""
