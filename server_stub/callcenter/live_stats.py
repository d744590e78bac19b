"""Live figures for REST and the wallboard: queues, agents and conversations as the ACD sees them now.

A :class:`LiveSnapshot` is immutable; the owner thread replaces it after every event, so readers on any
thread get a consistent picture without locks.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from shared.protocol.enums import AgentState
from shared.protocol.schemas.conference import ConferenceParty

from .. import acd

if TYPE_CHECKING:
    from .conversation import Conversation

logger = logging.getLogger(__name__)


class LiveWaitingCall(BaseModel):
    model_config = ConfigDict(frozen=True)

    call_id: int | None
    caller_number: str
    position: int
    waited_seconds: float
    priority: int


class LiveQueue(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    open_now: bool
    waiting: int
    ringing: int
    longest_wait_seconds: float
    estimated_wait_seconds: int | None
    staffed_agents: int
    ready_agents: int
    answered: int
    abandoned: int
    overflowed: int
    voicemail: int
    service_level_percent: float | None
    average_handle_seconds: float
    waiting_calls: list[LiveWaitingCall]


class LiveAgent(BaseModel):
    model_config = ConfigDict(frozen=True)

    work_number: str
    state: AgentState
    reason: str | None
    since: datetime
    calls_today: int
    talk_seconds_today: float
    call_id: int | None
    queues: list[str]


class LiveCall(BaseModel):
    model_config = ConfigDict(frozen=True)

    call_id: int | None
    conversation_id: str
    direction: str
    caller_number: str
    hotline_number: str
    queue_code: str | None
    phase: str
    agent: str | None
    offered_to: str | None
    supervisors: dict[str, str]
    #: the conference room's parties (caller, owner, invited) once the agent invited someone; else empty
    conference: list[ConferenceParty] = Field(default_factory=list)
    conference_owner: str | None = None


class LiveSnapshot(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: datetime | None
    queues: list[LiveQueue]
    agents: list[LiveAgent]
    calls: list[LiveCall]

    @classmethod
    def empty(cls) -> LiveSnapshot:
        return cls(at=None, queues=[], agents=[], calls=[])

    def queue(self, code: str) -> LiveQueue | None:
        return next((q for q in self.queues if q.code == code), None)

    def agent(self, work_number: str) -> LiveAgent | None:
        return next((a for a in self.agents if a.work_number == work_number), None)


def build_snapshot(engine: acd.AcdEngine, convs: Mapping[str, Conversation], at: datetime) -> LiveSnapshot:
    def call_id(conversation_id: str | None) -> int | None:
        conv = convs.get(conversation_id) if conversation_id else None
        return conv.call_id if conv is not None else None

    queues = []
    for stats in engine.all_queue_stats():
        waiting = []
        for w in stats.waiting:
            conv = convs.get(w.call_id)
            waiting.append(
                LiveWaitingCall(
                    call_id=conv.call_id if conv else None,
                    caller_number=conv.caller if conv else "",
                    position=w.position,
                    waited_seconds=round(w.waited_s, 1),
                    priority=w.priority,
                )
            )
        queues.append(
            LiveQueue(
                code=stats.queue_id,
                name=stats.name,
                open_now=stats.open_now,
                waiting=len(stats.waiting),
                ringing=stats.ringing,
                longest_wait_seconds=round(stats.longest_wait_s, 1),
                estimated_wait_seconds=stats.estimated_wait_s,
                staffed_agents=stats.staffed_agents,
                ready_agents=stats.ready_agents,
                answered=stats.answered,
                abandoned=stats.abandoned,
                overflowed=stats.overflowed,
                voicemail=stats.voicemail,
                service_level_percent=(
                    round(100.0 * stats.service_level, 1) if stats.service_level is not None else None
                ),
                average_handle_seconds=round(stats.average_handle_s, 1),
                waiting_calls=waiting,
            )
        )
    agents = [
        LiveAgent(
            work_number=a.agent_id,
            state=a.state,
            reason=a.reason,
            since=a.state_since,
            calls_today=a.calls_today,
            talk_seconds_today=round(a.talk_s_today, 1),
            call_id=call_id(a.call_id),
            queues=list(a.queue_ids),
        )
        for a in engine.agents()
    ]
    calls = [
        LiveCall(
            call_id=c.call_id,
            conversation_id=c.conversation_id,
            direction=c.direction.value,
            caller_number=c.caller,
            hotline_number=c.hotline,
            queue_code=c.queue_code,
            phase=c.phase,
            agent=c.agent,
            offered_to=c.offered_to,
            supervisors={k: v.value for k, v in c.supervisors.items()},
            conference=[p.as_schema() for p in c.room.parties.values()] if c.room is not None else [],
            conference_owner=c.room.owner if c.room is not None else None,
        )
        for c in convs.values()
    ]
    return LiveSnapshot(at=at, queues=queues, agents=agents, calls=calls)


def as_dict(snapshot: LiveSnapshot) -> dict[str, Any]:
    return snapshot.model_dump(mode="json")


def apply_live(queues: list[Any], snapshot: LiveSnapshot) -> list[Any]:
    """Fill the ACD's figures into ``QueueOut`` bodies (``GET /api/v1/queues``): callers waiting, the
    longest wait and ready agents. Queues the ACD does not run keep ``None`` (unknown)."""
    for out in queues:
        live = snapshot.queue(out.code)
        if live is None:
            continue
        out.stats.waiting = live.waiting
        out.stats.longest_wait_seconds = round(live.longest_wait_seconds)
        out.stats.agents_ready = live.ready_agents
    return queues
