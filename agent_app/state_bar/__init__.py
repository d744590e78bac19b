"""state bar feature of the call-taker desktop."""
