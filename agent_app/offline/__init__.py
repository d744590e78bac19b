"""offline feature of the call-taker desktop."""
