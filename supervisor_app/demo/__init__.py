"""Deterministic fake server and event feed for tests, demo mode and screenshots."""
