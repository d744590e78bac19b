"""worklists feature of the call-taker desktop."""
