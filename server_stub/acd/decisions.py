"""What the ACD tells the server to do. Decisions come out of ``AcdEngine.handle`` in the order to act."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from shared.protocol.enums import AgentState, CustomerTag

logger = logging.getLogger(__name__)


class StateChangeCause(StrEnum):
    """Why an agent's state changed; the reports keep it next to the state."""

    LOGIN = "login"
    LOGOUT = "logout"
    REQUEST = "request"
    OFFER = "offer"
    ANSWER = "answer"
    OFFER_MISSED = "offer_missed"
    OFFER_REJECTED = "offer_rejected"
    OFFER_CANCELLED = "offer_cancelled"
    HOLD = "hold"
    RESUME = "resume"
    CALL_ENDED = "call_ended"
    WRAP_UP_TIMER = "wrap_up_timer"
    WRAP_UP_DONE = "wrap_up_done"
    GUEST_INVITED = "guest_invited"
    GUEST_JOINED = "guest_joined"
    GUEST_FAILED = "guest_failed"


class OfferCancelReason(StrEnum):
    TIMED_OUT = "timed_out"
    CALLER_HUNG_UP = "caller_hung_up"
    AGENT_LOGGED_OUT = "agent_logged_out"
    AGENT_NOT_READY = "agent_not_ready"


@dataclass(frozen=True, slots=True)
class AgentStateSet:
    """The agent's state changed: persist it (with ``cause``) and broadcast ``agent_state_did_change``.

    ``reason`` is the not-ready reason ("missed", "rejected", "lunch", …) and ``None`` otherwise.
    """

    agent_id: str
    state: AgentState
    previous: AgentState
    cause: StateChangeCause
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class NotReadyAfterCall:
    """The agent asked for not-ready during a call: it applies when the wrap-up ends.

    ``reason`` ``None`` means the request was withdrawn (the agent asked for ready again).
    """

    agent_id: str
    reason: str | None


@dataclass(frozen=True, slots=True)
class CallQueued:
    """The call waits in ``queue_id`` at ``position`` (1 = next); play hold music and this position."""

    call_id: str
    queue_id: str
    position: int
    estimated_wait_s: int | None


@dataclass(frozen=True, slots=True)
class AfterHours:
    """The queue is closed: the IVR plays the after-hours message (and offers voicemail)."""

    call_id: str
    queue_id: str


@dataclass(frozen=True, slots=True)
class OfferCall:
    """Ring ``agent_id``'s softphone with this call; the ACD takes it back after ``ring_timeout_s``."""

    call_id: str
    agent_id: str
    queue_id: str
    ring_timeout_s: float


@dataclass(frozen=True, slots=True)
class CancelOffer:
    """Stop ringing ``agent_id`` for this call (CANCEL the INVITE); ``reason`` says why."""

    call_id: str
    agent_id: str
    reason: OfferCancelReason


@dataclass(frozen=True, slots=True)
class StaleOffer:
    """An answer came for an offer the ACD had already taken back: hang up that agent leg."""

    call_id: str
    agent_id: str


@dataclass(frozen=True, slots=True)
class CallAnswered:
    """Bridge caller and agent. ``waited_s`` counts from the call's first arrival in any queue."""

    call_id: str
    agent_id: str
    queue_id: str
    waited_s: float


@dataclass(frozen=True, slots=True)
class CallRequeued:
    """A missed, rejected or withdrawn offer: the call is back at ``position`` (the head of its priority)."""

    call_id: str
    queue_id: str
    position: int


@dataclass(frozen=True, slots=True)
class AnnouncePosition:
    """Interrupt the hold music: "you are number ``position``, about ``estimated_wait_s`` seconds".

    ``estimated_wait_s`` is ``None`` when nobody staffs the queue right now (say "all agents are busy").
    """

    call_id: str
    queue_id: str
    position: int
    estimated_wait_s: int | None


@dataclass(frozen=True, slots=True)
class Overflow:
    """The call waited ``waited_s`` in ``from_queue_id`` (its max wait) and moves to ``to_queue_id``."""

    call_id: str
    from_queue_id: str
    to_queue_id: str
    waited_s: float


@dataclass(frozen=True, slots=True)
class SendToVoicemail:
    """Take the caller to voicemail for ``queue_id`` (max wait reached with no overflow queue)."""

    call_id: str
    queue_id: str
    waited_s: float


@dataclass(frozen=True, slots=True)
class AbandonRecorded:
    """The caller hung up unanswered after ``waited_s``: create a callback task for the caller."""

    call_id: str
    queue_id: str
    waited_s: float
    caller_tags: frozenset[CustomerTag]


Decision = (
    AgentStateSet
    | NotReadyAfterCall
    | CallQueued
    | AfterHours
    | OfferCall
    | CancelOffer
    | StaleOffer
    | CallAnswered
    | CallRequeued
    | AnnouncePosition
    | Overflow
    | SendToVoicemail
    | AbandonRecorded
)
