"""The server-side conference room: what the control plane can rely on, and the room's pure rules (who sits
on which worker, who hears whom, what a failed invitation is called). No pjsua2 and no I/O here;
:mod:`.worker` applies these, :mod:`.pool` carries a chained room's messages.

**Parties** (``MediaControl.conference_add(conversation_id, party_id, target, headers, timeout_s)``) are legs
of the conversation, named by the control plane's ``party_id`` (unique in the conversation). AGENT →
``sip:<work_number>@<registrar>`` with the call's data (``X-Hotline-Call``, ``-Caller``, the first offer's
queue/IVR path, what ``transfer(headers=…)`` added) plus ``X-Hotline-Conference: <party_id>``,
``X-Hotline-Conference-From: <owning agent>`` and the ``headers`` passed (those win); NUMBER → the trunk,
like a department transfer. Events: ``ConferencePartyRinging`` (dialled), then ``ConferencePartyJoined`` or
``ConferencePartyFailed(reason, sip_code)`` — reasons: ``busy`` (486/600), ``declined`` (603), ``not reachable
(not registered)`` (404/410/480), ``no answer`` (``timeout_s`` ran out, or 408), ``cancelled`` (removed while
ringing), ``room full``, ``the caller is not in a conversation with an agent``, ``no media worker is free to
extend the room``, ``no free call slot on the media worker``, ``the conversation ended``; later
``ConferencePartyLeft(removed=True|False)``. Every outcome of ``conference_add`` is one of these events,
except a duplicate ``party_id`` (``CommandFailed(error_id="duplicate_party")``); ``conference_remove`` of a
party not in the room is ``CommandFailed(error_id="unknown_party")``. Bad arguments (empty party id, a
QUEUE target, an empty value, a bad header name, a timeout ≤ 0) raise ``MediaCommandError`` at once.

**Audio**: caller, owning agent, every joined party, the links to the rest of the room and the recorder are
mixed all-to-all on the bridge (nobody hears themselves); the caller is never put on hold for it. The mix
recording names every agent who joined (``RecordingInfo.agent_work_numbers``). Supervision works on top
where a call slot is free: listen hears the whole room, whisper reaches the owning agent only, barge and
take-over make the leader a member of the room.

**Hold** by the owning agent: the agent drops out of the mix (hears nothing, is not heard) and
``CallerHeld``/``CallerResumed`` are reported as before; the rest of the room talks on. The caller hears hold
music only while nobody is there to talk to (the agent holds or left and no party has joined).

**Leaving**: a party's hang-up → ``ConferencePartyLeft``; the owning agent's hang-up while parties are in the
room → ``AgentHungUp`` and the caller stays with them; the caller left alone (no agent, no party) → the
conversation ends (``ended_by=agent``). The caller's hang-up ends everything: every party gets
``ConferencePartyLeft`` (``ConferencePartyFailed("the conversation ended")`` while ringing), then one
``ConversationEnded`` with the recording. Transfers (blind or consult) are refused while parties are in the
room (``error_id="conference_active"``).

**Size and chaining**: a room holds at most ``max_room_size`` members, caller and owning agent included
(``start_call_path(max_room_size=8)``; ``CallPathHandle.max_room_size`` applies from the next invitation).
A worker has :data:`MAX_CALLS_PER_WORKER` call slots, so a larger room is a *chain*: the conversation's
worker keeps the caller, the owning agent and what fits, and places a *link* call (worker-to-worker SIP,
``sip:room-<conversation_id>@<worker host:port>`` with ``X-Hotline-Room``, straight to the worker, not
through Kamailio) to an idle worker the pool reserves (``WorkerInfo.room_of``); that worker dials the further
parties itself and may link on in turn. Commands go down the chain and party events come up it through the
pool (``RoomForward``/``RoomRelay``), so the control plane sees them under the conversation's id. Each worker
mixes its local members and its links all-to-all, so everyone hears everyone and nobody an echo. A link
nobody is behind any more is hung up and its worker freed; a worker of the chain that dies takes only its
own parties with it (``ConferencePartyLeft``).

Placement (:func:`place_party`): a worker keeps its last free slot for a link while the room may still
grow beyond it; so with the default room size of 8 the chain is caller+agent+1 | 2 | 3 (three workers),
and with a room size of 4 the whole room stays on one worker (caller, agent and two parties). Each link
hop adds jitter buffers: a party on an extension hears the caller later (``bench/conference_room.py``).
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
