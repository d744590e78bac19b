"""One caller's journey as the control plane tracks it: the conversation and where the caller is.

Threading: owned by the call centre's owner thread; never shared.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from shared.protocol.enums import CallDirection, CallDisposition, SupervisionMode

if TYPE_CHECKING:
    from .conference import ConferenceRoom

logger = logging.getLogger(__name__)


class Phase(StrEnum):
    """Where a caller is, as the control plane tracks it (the media plane's ``CallerHungUp.phase`` uses
    the same words)."""

    IVR = "ivr"
    QUEUED = "queued"
    RINGING = "ringing"
    TALKING = "talking"
    VOICEMAIL = "voicemail"
    BLOCKED = "blocked"
    DIALLING = "dialling"


@dataclass
class Conversation:
    """One caller's journey as the control plane tracks it (owner thread only)."""

    conversation_id: str
    call_id: int | None
    caller: str
    hotline: str
    direction: CallDirection = CallDirection.INBOUND
    queue_code: str | None = None
    ivr_path: str = ""
    digits: str = ""
    phase: Phase = Phase.IVR
    in_acd: bool = False
    offered_to: str | None = None
    offer_leg: int | None = None
    agent: str | None = None
    agent_leg: int | None = None
    disposition: CallDisposition | None = None
    supervisors: dict[str, SupervisionMode] = field(default_factory=dict)
    #: an agent offered the call outside the ACD (a transfer to a named agent)
    direct_offer: bool = False
    outbound_number: str | None = None
    #: agents the ACD holds not-ready while they talk outside it: work number → reason
    held_agents: dict[str, str] = field(default_factory=dict)
    #: the transfer under way is a consult transfer (the caller waits on hold meanwhile)
    consult: bool = False
    #: the queue we asked the media plane to transfer the caller to (its TransferRequested is the go-ahead)
    queue_transfer: str | None = None
    #: the ticket registered during the call; it follows the call to the next agent
    ticket: str | None = None
    #: the agent's softphone holds the caller since then (``None``: not on hold)
    held_since: datetime | None = None
    #: time the caller spent on hold so far (``calls.hold_seconds``)
    hold_seconds: float = 0.0
    #: the conference room, once the agent invited a first party
    room: ConferenceRoom | None = None
    #: the caller hung up: the room's parties are being let go
    room_closing: bool = False

    @property
    def far_end(self) -> str:
        """The citizen's number: who called in, or whom an outbound call reached."""
        return self.outbound_number or self.caller

    def end_hold(self, at: datetime) -> bool:
        """Close the hold period at ``at`` (adds it to :attr:`hold_seconds`); ``False`` when not on hold."""
        if self.held_since is None:
            return False
        self.hold_seconds += max(0.0, (at - self.held_since).total_seconds())
        self.held_since = None
        return True
