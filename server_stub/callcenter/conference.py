"""A conversation's conference room as the control plane tracks it: who is in it and in which state.

Party ids are unique within one conversation and never reused: ``caller`` is the citizen (or the number an
outbound call reached), ``agent:<work number>`` the agent who held the conversation when the room was
opened (the owner), ``p1``, ``p2``… every invited party in invitation order (a party invited again after
leaving gets a new id). The media plane dials and mixes; this module only keeps the books and renders the
room as the wire schemas (:mod:`shared.protocol.schemas.conference`).

Threading: owned by the call centre's owner thread (it hangs off a :class:`.conversation.Conversation`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from shared.protocol.schemas.conference import (
    ConferenceDidChange,
    ConferenceOut,
    ConferenceParty,
    ConferencePartyKind,
    ConferencePartyReason,
    ConferencePartyState,
)

logger = logging.getLogger(__name__)

CALLER_PARTY = "caller"
#: caller and owner included, when the media plane states no cap of its own (``max_room_size``; the
#: media workers' default is the same 8)
MAX_CONFERENCE_PARTIES = 8


def owner_party_id(work_number: str) -> str:
    return f"agent:{work_number}"


class PartyEvent(StrEnum):
    """What the media plane (or the room's end) reports about one party."""

    JOIN = "join"
    FAIL = "fail"
    LEAVE = "leave"


class PartyTransitionError(ValueError):
    """A report that does not fit the party's state (e.g. a join after the party left): ignored by the
    caller of :func:`next_party_state`, because media reports can cross a removal."""


_S = ConferencePartyState
_E = PartyEvent

PARTY_TRANSITIONS = MappingProxyType(
    {
        (_S.RINGING, _E.JOIN): _S.JOINED,
        (_S.RINGING, _E.FAIL): _S.FAILED,
        # removed (or the call ended) while it still rang
        (_S.RINGING, _E.LEAVE): _S.LEFT,
        (_S.JOINED, _E.LEAVE): _S.LEFT,
    }
)


def next_party_state(state: ConferencePartyState, event: PartyEvent) -> ConferencePartyState:
    """The party's state after ``event``; raises :class:`PartyTransitionError` when it does not apply."""
    try:
        return PARTY_TRANSITIONS[(state, event)]
    except KeyError:
        raise PartyTransitionError(f"a {state.value} party cannot {event.value}") from None


_R = ConferencePartyReason

#: the media plane's words for a failed invitation (:func:`server_stub.media.conference_room.failure_reason`
#: and the worker's own refusals), lower case, as codes
_FAILURE_WORDS = MappingProxyType(
    {
        "no answer": _R.NO_ANSWER,
        "busy": _R.BUSY,
        "declined": _R.DECLINED,
        "cancelled": _R.CANCELLED,
        "not reachable (not registered)": _R.UNREACHABLE,
        "room full": _R.ROOM_FULL,
        "the conversation ended": _R.CALL_ENDED,
        "the call ended": _R.CALL_ENDED,
    }
)
#: what a SIP final answer means when the words say nothing we know
_FAILURE_SIP = MappingProxyType(
    {
        408: _R.NO_ANSWER,
        486: _R.BUSY,
        600: _R.BUSY,
        603: _R.DECLINED,
        404: _R.UNREACHABLE,
        410: _R.UNREACHABLE,
        480: _R.UNREACHABLE,
        487: _R.CANCELLED,
    }
)


def failure_reason_code(reason: str, sip_code: int = 0) -> ConferencePartyReason:
    """The stable code of a ``ConferencePartyFailed(reason, sip_code)``: the media plane's words decide
    first (they know a ring-out from a removal, which one SIP code cannot tell), then the SIP code, else
    ``failed`` (a worker's own trouble: no free slot, a lost extension worker, a dial error)."""
    known = _FAILURE_WORDS.get(reason.strip().lower())
    if known is not None:
        return known
    return _FAILURE_SIP.get(sip_code, _R.FAILED)


def leave_reason_code(*, removed: bool, call_ended: bool) -> ConferencePartyReason:
    """The stable code of a party leaving the room."""
    if call_ended:
        return _R.CALL_ENDED
    return _R.REMOVED if removed else _R.HUNG_UP


@dataclass
class RoomParty:
    party_id: str
    kind: ConferencePartyKind
    value: str
    display: str
    state: ConferencePartyState
    reason: str | None = None
    reason_code: ConferencePartyReason | None = None
    #: the ``call_agent_legs`` row of an invited party (the owner's and the caller's are not ours)
    leg_id: int | None = None
    #: ``agents.id`` of an agent party (the event's audience)
    agent_db_id: int | None = None
    #: the ACD holds this agent as a guest of the conversation (reserved/talking, wrap-up afterwards)
    acd_guest: bool = False
    joined_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.state in (ConferencePartyState.RINGING, ConferencePartyState.JOINED)

    def set_reason(self, reason: str | None, code: ConferencePartyReason | None) -> None:
        """Why the party failed or left: the words (shown as sent by older seats) and the code."""
        self.reason, self.reason_code = reason, code

    @property
    def invited(self) -> bool:
        return self.party_id != CALLER_PARTY and not self.party_id.startswith("agent:")

    def as_schema(self) -> ConferenceParty:
        return ConferenceParty(
            party_id=self.party_id,
            kind=self.kind,
            value=self.value,
            display=self.display,
            state=self.state,
            reason=self.reason,
            reason_code=self.reason_code,
        )


@dataclass
class ConferenceRoom:
    """The parties of one conversation's room, in the order they came (owner thread only)."""

    owner: str
    max_parties: int
    parties: dict[str, RoomParty] = field(default_factory=dict)
    _next: int = 1

    def new_party_id(self) -> str:
        party_id = f"p{self._next}"
        self._next += 1
        return party_id

    def add(self, party: RoomParty) -> None:
        self.parties[party.party_id] = party

    def active(self) -> list[RoomParty]:
        return [p for p in self.parties.values() if p.active]

    def active_agent(self, work_number: str) -> RoomParty | None:
        return next(
            (
                p
                for p in self.parties.values()
                if p.active and p.kind is ConferencePartyKind.AGENT and p.value == work_number
            ),
            None,
        )

    def active_number(self, number: str) -> RoomParty | None:
        return next(
            (
                p
                for p in self.parties.values()
                if p.active and p.kind is ConferencePartyKind.NUMBER and p.value == number
            ),
            None,
        )

    def invited_active(self) -> list[RoomParty]:
        return [p for p in self.parties.values() if p.active and p.invited]

    def audience(self) -> tuple[int, ...]:
        """Every agent who is or was in the room: a party that just left learns it too."""
        ids = {p.agent_db_id for p in self.parties.values() if p.agent_db_id is not None}
        return tuple(sorted(ids))

    def pass_ownership(self) -> str | None:
        """The owner left: the agent party longest in the room (joined first) holds it now."""
        joined = [
            p
            for p in self.parties.values()
            if p.state is ConferencePartyState.JOINED and p.kind is ConferencePartyKind.AGENT
        ]
        joined.sort(key=lambda p: (p.joined_at is None, p.joined_at))
        if joined:
            self.owner = joined[0].value
            return self.owner
        return None

    def as_out(self, call_id: int) -> ConferenceOut:
        return ConferenceOut(
            call_id=call_id,
            owner=self.owner,
            max_parties=self.max_parties,
            parties=[p.as_schema() for p in self.parties.values()],
        )

    def as_event(self, call_id: int, *, ended: bool = False) -> ConferenceDidChange:
        return ConferenceDidChange(
            call_id=call_id,
            owner=self.owner,
            max_parties=self.max_parties,
            parties=[p.as_schema() for p in self.parties.values()],
            ended=ended,
        )
