"""Identifiers the engine hands out instead of pjsua2 objects."""

from __future__ import annotations

from typing import NewType

CallId = NewType("CallId", str)
"""Our id for one call leg, e.g. ``"c7"``; never reused within one engine's life."""

AccountId = NewType("AccountId", str)
"""Our id for one SIP account, e.g. ``"a2"``; ``"local"`` is the registrar-less account (direct IP calls)."""

MediaId = NewType("MediaId", str)
"""A port on the engine's conference bridge: ``"call:c7"``, ``"headset:capture"``, ``"tone:3"`` …"""

LOCAL_ACCOUNT = AccountId("local")
HEADSET_CAPTURE = MediaId("headset:capture")
HEADSET_PLAYBACK = MediaId("headset:playback")


def call_media_id(call_id: CallId) -> MediaId:
    return MediaId(f"call:{call_id}")
