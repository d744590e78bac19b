"""login feature of the call-taker desktop."""
