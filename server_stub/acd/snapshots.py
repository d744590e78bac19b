"""Read-only views of the engine for the REST layer, the wallboard and tests (as of the last event)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from shared.protocol.enums import AgentState, CustomerTag

logger = logging.getLogger(__name__)


class CallPhase(StrEnum):
    WAITING = "waiting"
    OFFERED = "offered"
    CONNECTED = "connected"


@dataclass(frozen=True, slots=True)
class WaitingCall:
    call_id: str
    position: int
    waited_s: float
    priority: int
    caller_tags: frozenset[CustomerTag]


@dataclass(frozen=True, slots=True)
class CallSnapshot:
    call_id: str
    queue_id: str
    phase: CallPhase
    priority: int
    arrived_at: datetime
    entered_queue_at: datetime
    agent_id: str | None
    #: the agent who last missed or rejected this call; they are not offered it again
    last_missed_by: str | None


@dataclass(frozen=True, slots=True)
class QueueStats:
    """One queue today. ``service_level`` = answered within the threshold ÷ (answered + abandoned)."""

    queue_id: str
    name: str
    open_now: bool
    waiting: tuple[WaitingCall, ...]
    ringing: int
    longest_wait_s: float
    estimated_wait_s: int | None
    staffed_agents: int
    ready_agents: int
    average_handle_s: float
    answered: int
    answered_within_threshold: int
    abandoned: int
    overflowed: int
    voicemail: int
    after_hours: int
    service_level: float | None


@dataclass(frozen=True, slots=True)
class AgentSnapshot:
    agent_id: str
    team: str
    state: AgentState
    reason: str | None
    state_since: datetime
    idle_since: datetime | None
    calls_today: int
    talk_s_today: float
    call_id: str | None
    wrap_up_ends_at: datetime | None
    queue_ids: tuple[str, ...]
    #: not-ready reason that applies when the current call's wrap-up ends
    not_ready_after_call: str | None = None
    #: the conversation this agent was invited into outside queue routing (``call_id`` names it too)
    guest_call_id: str | None = None
