"""Wire vocabulary shared by the server and both apps: enums, REST bodies and WebSocket events.

Everything that crosses the wire is defined here once; the server and the clients import it.
"""
