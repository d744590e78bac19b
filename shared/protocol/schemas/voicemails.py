"""Voicemail bodies (they live beside callbacks; re-exported here by domain name)."""

from .callbacks import VoicemailOut, VoicemailStatusChange

__all__ = ["VoicemailOut", "VoicemailStatusChange"]
