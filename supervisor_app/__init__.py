"""Hotline Desk shift-leader console: ``python -m supervisor_app``."""
