"""Supervisor console feature package."""
