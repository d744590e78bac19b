"""A small driver for ACD tests: one engine, a hand-cranked clock and shorthand for the usual events."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TypeVar

from server_stub.acd import (
    AcdEngine,
    AgentLoggedIn,
    AgentProfile,
    AgentStateRequested,
    CallAbandoned,
    CallArrived,
    CallEnded,
    Decision,
    Event,
    OfferAccepted,
    OfferCall,
    QueueConfig,
    Tick,
)
from shared.protocol.enums import AgentState, CustomerTag

D = TypeVar("D")

#: a Monday morning
MONDAY_9AM = datetime(2026, 11, 23, 9, 0, 0)


class Desk:
    """Engine plus clock. ``at(seconds)`` moves the clock forward; every helper returns the decisions."""

    def __init__(self, queues: Iterable[QueueConfig], start: datetime = MONDAY_9AM) -> None:
        self.engine = AcdEngine(queues)
        self.now = start
        self.log: list[Decision] = []

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def send(self, event: Event) -> list[Decision]:
        decisions = self.engine.handle(event)
        self.log.extend(decisions)
        return decisions

    def tick(self, seconds: float = 0) -> list[Decision]:
        self.wait(seconds)
        return self.send(Tick(self.now))

    def login(self, agent_id: str, ready: bool = True, **skills: int) -> list[Decision]:
        return self.send(AgentLoggedIn(self.now, AgentProfile(agent_id, skills), ready=ready))

    def ready(self, agent_id: str) -> list[Decision]:
        return self.send(AgentStateRequested(self.now, agent_id, AgentState.READY))

    def not_ready(self, agent_id: str, reason: str = "break") -> list[Decision]:
        return self.send(AgentStateRequested(self.now, agent_id, AgentState.NOT_READY, reason))

    def call(
        self, call_id: str, queue_id: str = "q", *tags: CustomerTag, priority: int = 0
    ) -> list[Decision]:
        return self.send(CallArrived(self.now, call_id, queue_id, frozenset(tags), priority))

    def answer(self, call_id: str, agent_id: str) -> list[Decision]:
        return self.send(OfferAccepted(self.now, call_id, agent_id))

    def hang_up(self, call_id: str) -> list[Decision]:
        return self.send(CallEnded(self.now, call_id))

    def abandon(self, call_id: str) -> list[Decision]:
        return self.send(CallAbandoned(self.now, call_id))

    def state(self, agent_id: str) -> AgentState:
        snapshot = self.engine.agent(agent_id)
        assert snapshot is not None
        return snapshot.state

    def waiting_ids(self, queue_id: str = "q") -> list[str]:
        return [w.call_id for w in self.engine.queue_stats(queue_id).waiting]


def offers(decisions: Iterable[Decision]) -> list[tuple[str, str]]:
    """(call, agent) of every offer, in order."""
    return [(d.call_id, d.agent_id) for d in decisions if isinstance(d, OfferCall)]


def of_type(decisions: Iterable[Decision], kind: type[D]) -> list[D]:
    return [d for d in decisions if isinstance(d, kind)]
