"""Domain logic as keyword-only functions over a session: they flush, never commit (see api/deps.py)."""
