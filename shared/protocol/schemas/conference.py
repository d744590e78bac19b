"""Server-side conference rooms (more than three parties).

The agent talking to a caller asks the server to dial more parties into the conversation
(``POST /api/v1/callcenter/conference``): colleagues by work number, departments or outside numbers.
The media worker carrying the call mixes everyone; when one worker's four call slots are not enough
it extends the room to another worker. The room's current members are in ``GET
/api/v1/callcenter/conference`` and are pushed as ``conference_did_change`` events to every agent in
the room (and to leaders).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ._base import RequestBody, ResponseBody


class ConferencePartyKind(StrEnum):
    CALLER = "caller"  # the citizen who called (or was called back)
    AGENT = "agent"  # a seat, by work number
    NUMBER = "number"  # a department's number or an outside number, dialled on the trunk


class ConferencePartyState(StrEnum):
    RINGING = "ringing"
    JOINED = "joined"
    LEFT = "left"  # hung up, or removed by the agent who owns the room
    FAILED = "failed"  # busy, no answer, unreachable


class ConferencePartyReason(StrEnum):
    """Why a party failed or left, as a stable code a seat translates (``reason`` stays the words)."""

    NO_ANSWER = "no_answer"  # rang out, or 408
    BUSY = "busy"  # 486 / 600
    DECLINED = "declined"  # 603: the seat rejected the invitation
    CANCELLED = "cancelled"  # taken back while it still rang
    UNREACHABLE = "unreachable"  # not registered / no such number (404, 410, 480)
    HUNG_UP = "hung_up"  # the party hung up
    REMOVED = "removed"  # the room's owner took them out
    CALL_ENDED = "call_ended"  # the caller hung up, so the conversation ended
    ROOM_FULL = "room_full"
    FAILED = "failed"  # anything else (a media worker problem, an unknown SIP answer)


class ConferenceInvite(RequestBody):
    """``kind`` agent (value: work number) or number (department code/name or an outside number)."""

    kind: ConferencePartyKind
    value: str = Field(min_length=1, max_length=64)


class ConferenceParty(ResponseBody):
    party_id: str
    kind: ConferencePartyKind
    value: str  # work number or dialled number; the caller's number for the caller
    display: str  # what the seat shows: agent name, department name or the number
    state: ConferencePartyState
    reason: str | None = None  # why it failed / left, in words a person understands
    #: the same as a stable code (added later: an older server leaves it ``None``, seats fall back to
    #: ``reason``)
    reason_code: ConferencePartyReason | None = None


class ConferenceOut(ResponseBody):
    call_id: int
    owner: str  # work number of the agent who holds the room (the one who took the call)
    max_parties: int
    parties: list[ConferenceParty]


class ConferenceDidChange(ResponseBody):
    """The event payload: the whole room, so a seat just redraws it."""

    call_id: int
    owner: str
    max_parties: int
    parties: list[ConferenceParty]
    ended: bool = False
