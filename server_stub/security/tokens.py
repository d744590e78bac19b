"""Opaque bearer tokens: random, shown to the client once, stored only as a SHA-256 hash."""

from __future__ import annotations

import secrets

from ..api.deps import hash_token

__all__ = ["hash_token", "new_token"]


def new_token() -> str:
    return secrets.token_urlsafe(32)
