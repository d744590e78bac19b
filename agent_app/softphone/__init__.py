"""softphone feature of the call-taker desktop."""
