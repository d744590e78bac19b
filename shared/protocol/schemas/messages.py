"""Leaders' messages to agents (the bodies live beside notices; re-exported here by domain name)."""

from .notices import MessageCreate, MessageOut

__all__ = ["MessageCreate", "MessageOut"]
