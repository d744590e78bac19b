"""REST request and response bodies, one module per domain; the server and both apps import them.

Requests refuse unknown fields (``extra="forbid"``) so a typo in a client is a clear 422, not a silently
ignored value.
"""
