"""tickets feature of the call-taker desktop."""
