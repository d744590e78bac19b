"""The server-side conference room's pure rules: who sits on which worker, who hears whom, and what a
failed invitation is called. No pjsua2 and no I/O here; :mod:`.worker` applies these.

A room is the caller's conversation plus *parties* the control plane invites
(``MediaControl.conference_add``).
A worker has :data:`MAX_CALLS_PER_WORKER` call slots, so a room larger than one worker is a *chain*: the
conversation's worker keeps the caller, the owning agent and what fits, and places a *link* call
(worker-to-worker SIP, Request-URI ``room-<conversation_id>``) to a reserved idle worker, which dials the
further parties itself and may in turn link to a next one. Every worker mixes its local members and its
link legs all-to-all (a port never hears itself), so everyone hears everyone and nobody hears an echo.

Placement (:func:`place_party`): a worker keeps its last free slot for a link while the room may still
grow beyond it; so with the default room size of 8 the chain is caller+agent+1 | link+2+link | link+3, and
with a room size of 4 the whole room stays on one worker (caller, agent and two parties).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

__all__ = [
    "DEFAULT_MAX_ROOM_SIZE",
    "MAX_CALLS_PER_WORKER",
    "MIN_ROOM_SIZE",
    "PartyState",
    "Placement",
    "all_to_all",
    "failure_reason",
    "place_party",
    "room_uri_user",
]

#: the pjsua2 wheel's compile-time ceiling (see TELEPHONY-FACTS.md)
MAX_CALLS_PER_WORKER = 4
#: members of one room, counting the caller and the owning agent
DEFAULT_MAX_ROOM_SIZE = 8
MIN_ROOM_SIZE = 3  # caller, agent and one party: anything less is not a conference
ROOM_URI_PREFIX = "room-"

T = TypeVar("T")


class PartyState(StrEnum):
    RINGING = "ringing"
    JOINED = "joined"


class Placement(StrEnum):
    LOCAL = "local"  # dial the party from this worker
    FORWARD = "forward"  # hand it to the next worker of the chain (opening the link first if needed)
    NO_SLOT = "no_slot"  # neither: every slot is taken (e.g. a supervisor sits in the last one)


def place_party(*, free_slots: int, has_link: bool, spare_after: int) -> Placement:
    """Where a new party goes on a worker with ``free_slots`` free call slots. ``has_link``: this worker
    already links to a next worker. ``spare_after``: how many more members the room may take after this
    one (0 = this is the last one the room size allows, so the last slot need not be kept for a link)."""
    if has_link:
        return Placement.LOCAL if free_slots >= 1 else Placement.FORWARD
    if free_slots >= 2 or (free_slots == 1 and spare_after <= 0):
        return Placement.LOCAL
    if free_slots == 1:
        return Placement.FORWARD  # the link takes the last slot; the party rings on the next worker
    return Placement.NO_SLOT


def all_to_all(members: Iterable[T | None]) -> set[tuple[T, T]]:
    """Every member heard by every other member, never by itself (``None`` entries are skipped)."""
    present = [m for m in dict.fromkeys(members) if m is not None]
    return {(src, dst) for src in present for dst in present if src != dst}


def failure_reason(sip_code: int, *, timed_out: bool, cancelled: bool, fallback: str = "") -> str:
    """Words for ``ConferencePartyFailed.reason`` (the control plane shows them to the inviting agent)."""
    if cancelled:
        return "cancelled"
    if timed_out:
        return "no answer"
    if sip_code in (486, 600):
        return "busy"
    if sip_code == 603:
        return "declined"
    if sip_code in (404, 410, 480):
        return "not reachable (not registered)"
    if sip_code == 408:
        return "no answer"
    if sip_code == 487:
        return "cancelled"
    return fallback or (f"failed ({sip_code})" if sip_code else "failed")


def room_uri_user(conversation_id: str) -> str:
    """The Request-URI user of a link call to the worker that extends ``conversation_id``'s room."""
    return f"{ROOM_URI_PREFIX}{conversation_id}"
