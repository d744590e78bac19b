"""What the server tells the ACD. Every event carries ``at``: the local wall-clock time it happened.

The ACD has no clock; ``at`` is its only notion of time (timers fire when an event's ``at`` passes
them, so the server sends ``Tick`` about once a second). Times are naive or aware ``datetime``s, but
the same kind for every event of one engine.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from shared.protocol.enums import AgentState, CustomerTag

from .config import AgentProfile, QueueConfig

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Tick:
    """Time passes: offers time out, wrap-ups end, calls overflow, announcements fall due."""

    at: datetime


@dataclass(frozen=True, slots=True)
class AgentLoggedIn:
    """The agent logs in, ready at once or not-ready with ``reason``. A known agent keeps today's stats."""

    at: datetime
    agent: AgentProfile
    ready: bool = True
    reason: str = "login"


@dataclass(frozen=True, slots=True)
class AgentLoggedOut:
    """Log out (by the agent or forced by a supervisor); allowed in every state.

    A ringing offer is taken back and the call returns to the head of its queue; a call in progress
    carries on, but the agent gets no wrap-up and no further calls.
    """

    at: datetime
    agent_id: str


@dataclass(frozen=True, slots=True)
class AgentStateRequested:
    """The agent (or a supervisor) asks for ``READY``, ``NOT_READY`` (with a reason) or ``LOGGED_OUT``.

    ``READY`` from wrap-up ends the wrap-up early. ``NOT_READY`` while ringing declines the offer (the call
    goes back to the head of its queue); while talking or on hold it applies when the call's wrap-up
    ends (``NotReadyAfterCall``), and ``READY`` before then withdraws it. The call-driven states
    (reserved, talking, hold, wrap-up) cannot be requested; they follow from the call events.
    """

    at: datetime
    agent_id: str
    state: AgentState
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class AgentWrapUpDone:
    """The agent finishes wrap-up before the timer does."""

    at: datetime
    agent_id: str


@dataclass(frozen=True, slots=True)
class WrapUpExtended:
    """A supervisor granted the agent ``extra_s`` more seconds of wrap-up."""

    at: datetime
    agent_id: str
    extra_s: float


@dataclass(frozen=True, slots=True)
class AgentProfileChanged:
    """New skills or team for a known agent; the queues they serve follow at once."""

    at: datetime
    agent: AgentProfile


@dataclass(frozen=True, slots=True)
class QueuesConfigured:
    """The complete new set of queues (an administrator edited them).

    Queues are matched by id: changed settings apply at once (strategy, skills and so who serves the
    queue, priority boosts for calls already waiting); timers already running (ring, max wait,
    announcement) keep their old length. A queue can only be removed once it holds no calls.
    """

    at: datetime
    queues: tuple[QueueConfig, ...]


@dataclass(frozen=True, slots=True)
class CallArrived:
    """The IVR hands a caller to a queue. ``priority`` adds to the queue's boost for ``caller_tags``."""

    at: datetime
    call_id: str
    queue_id: str
    caller_tags: frozenset[CustomerTag] = field(default_factory=frozenset)
    priority: int = 0


@dataclass(frozen=True, slots=True)
class OfferAccepted:
    """The agent answered the call the ACD offered them."""

    at: datetime
    call_id: str
    agent_id: str


@dataclass(frozen=True, slots=True)
class OfferRejected:
    """The agent declined (or their phone answered busy): agent → not-ready "rejected", call → head."""

    at: datetime
    call_id: str
    agent_id: str


@dataclass(frozen=True, slots=True)
class OfferTimedOut:
    """The agent's phone rang out (or was unreachable): agent → not-ready "missed", call → head.

    The ACD also times offers out by itself after the queue's ``offer_timeout_s``.
    """

    at: datetime
    call_id: str
    agent_id: str


@dataclass(frozen=True, slots=True)
class CallHeld:
    """The agent put the caller on hold (talking → hold)."""

    at: datetime
    call_id: str


@dataclass(frozen=True, slots=True)
class CallResumed:
    """The agent took the caller off hold (hold → talking)."""

    at: datetime
    call_id: str


@dataclass(frozen=True, slots=True)
class CallAbandoned:
    """The caller hung up before an agent answered (while queued or while an agent's phone rang)."""

    at: datetime
    call_id: str


@dataclass(frozen=True, slots=True)
class CallEnded:
    """The call is over. After an answer the agent goes to wrap-up; before one it counts as abandoned.

    A transferred call ends here for the first agent and arrives again (``CallArrived``, same id
    allowed) in the target queue.
    """

    at: datetime
    call_id: str


@dataclass(frozen=True, slots=True)
class GuestInvited:
    """An agent is rung into conversation ``call_id`` outside queue routing (a conference party).

    Allowed from ready or not-ready: the agent goes reserved and gets no queue call while a guest. The
    conversation need not be one the ACD holds (an outbound call has none).
    """

    at: datetime
    agent_id: str
    call_id: str


@dataclass(frozen=True, slots=True)
class GuestJoined:
    """The invited agent answered and is in the conversation (reserved → talking)."""

    at: datetime
    agent_id: str
    call_id: str


@dataclass(frozen=True, slots=True)
class GuestFailed:
    """The invited agent never joined (busy, no answer, removed while ringing): they return to the state
    they were invited from, not to not-ready "missed" — declining a colleague's invite is not a miss."""

    at: datetime
    agent_id: str
    call_id: str


@dataclass(frozen=True, slots=True)
class GuestLeft:
    """The guest left the conversation (hung up, removed, the call ended): wrap-up follows with the wrap-up
    time of ``queue_id`` (the conversation's queue), or of the agent's own queues when it has none; then the
    agent returns to ready, or to the not-ready reason they were invited from."""

    at: datetime
    agent_id: str
    call_id: str
    queue_id: str | None = None


Event = (
    Tick
    | AgentLoggedIn
    | AgentLoggedOut
    | AgentStateRequested
    | AgentWrapUpDone
    | WrapUpExtended
    | AgentProfileChanged
    | QueuesConfigured
    | CallArrived
    | OfferAccepted
    | OfferRejected
    | OfferTimedOut
    | CallHeld
    | CallResumed
    | CallAbandoned
    | CallEnded
    | GuestInvited
    | GuestJoined
    | GuestFailed
    | GuestLeft
)
