"""screen pop feature of the call-taker desktop."""
