"""Domain services: keyword-only functions over a session that flush but never commit."""
