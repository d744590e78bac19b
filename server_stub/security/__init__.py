"""Password hashing (Argon2id) and bearer tokens."""
