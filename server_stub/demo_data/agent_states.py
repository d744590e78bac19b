"""Agent state history (``agent_state_log``) derived from the calls each agent handled.

Per agent the calls are grouped into sign-in sessions (a gap of four hours or more ends one); within
a session the agent is ready between calls, reserved while an offer rings, talking, then in wrap-up
for the queue's wrap-up time, and takes not-ready breaks in long gaps (meal around midday,
otherwise a short break, training or a meeting). An offer that rang out puts the agent not-ready
"missed" for two minutes, as the ACD does. Between sessions the agent is logged out.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from server_stub.demo_data import CENTRE_TZ
from server_stub.demo_data.calls import DemoCall
from server_stub.demo_data.people import DemoStaff
from shared.protocol.enums import AgentState, CallDirection, Role

logger = logging.getLogger(__name__)

SESSION_GAP = timedelta(hours=4)
WRAP_UP = timedelta(seconds=30)
MISSED_PAUSE = timedelta(minutes=2)
MISSED_REASON = "missed"  # the server's own reason for an offer that rang out (services.agent_states)


@dataclass(frozen=True, slots=True)
class DemoStateSpan:
    """One row of an agent's state history; ``ended_at`` is ``None`` only for the current state."""

    agent: str
    state: AgentState
    reason: str | None
    started_at: datetime
    ended_at: datetime | None
    call_id: int | None = None


@dataclass(frozen=True, slots=True)
class _Leg:
    start: datetime  # offered (inbound) or dialled (outbound)
    answered: datetime | None
    end: datetime
    call_id: int
    missed: bool


def _legs_by_agent(calls: list[DemoCall]) -> dict[str, list[_Leg]]:
    out: dict[str, list[_Leg]] = {}
    for c in calls:
        for leg in c.legs:
            if leg.agent is None or leg.ended_at is None:
                continue
            start = c.arrived_at if c.direction is CallDirection.OUTBOUND else leg.offered_at
            out.setdefault(leg.agent, []).append(
                _Leg(start, leg.answered_at, leg.ended_at, c.id, leg.outcome == "missed")
            )
    for legs in out.values():
        legs.sort(key=lambda x: (x.start, x.call_id))
    return out


def _break_reason(rng: random.Random, at: datetime) -> tuple[str, timedelta]:
    hour = at.astimezone(CENTRE_TZ).hour
    if 11 <= hour < 13 or 17 <= hour < 19:
        return "meal", timedelta(minutes=rng.randint(25, 45))
    r = rng.random()
    if r < 0.6:
        return "break", timedelta(minutes=rng.randint(5, 15))
    if r < 0.8:
        return "training", timedelta(minutes=rng.randint(30, 60))
    return "meeting", timedelta(minutes=rng.randint(20, 45))


def agent_state_history(
    calls: list[DemoCall],
    staff: list[DemoStaff],
    *,
    today: date,
    seed: int = 0,
    until: datetime | None = None,
) -> list[DemoStateSpan]:
    """Every agent's states over the call history, in time order per agent (agents in staff order).

    Spans of one agent never overlap and each starts where the previous ended; the last one is an
    open ``logged_out`` span that starts no later than ``until`` (default: the start of ``today``).
    """
    end = until or datetime.combine(today, time(0), CENTRE_TZ)
    rng = random.Random(f"agent-states:{seed}")
    by_agent = _legs_by_agent(calls)
    out: list[DemoStateSpan] = []
    history_start = datetime.combine(today, time(0), CENTRE_TZ) - timedelta(days=400)
    for person in staff:
        if person.role is Role.AGENT:
            out.extend(
                _agent_spans(
                    rng, person.work_number, by_agent.get(person.work_number, []), history_start, end
                )
            )
    return out


def _agent_spans(
    rng: random.Random, agent: str, legs: list[_Leg], history_start: datetime, end: datetime
) -> list[DemoStateSpan]:
    spans: list[DemoStateSpan] = []

    def add(state: AgentState, start: datetime, end: datetime | None, reason: str | None = None,
            call_id: int | None = None) -> None:  # fmt: skip
        _append(spans, agent, state, start, end, reason, call_id)

    sessions: list[list[_Leg]] = []
    for leg in legs:
        if sessions and leg.start - sessions[-1][-1].end < SESSION_GAP:
            sessions[-1].append(leg)
        else:
            sessions.append([leg])
    cursor = history_start
    for session in sessions:
        login = session[0].start - timedelta(minutes=rng.randint(3, 25))
        add(AgentState.LOGGED_OUT, cursor, login)
        ready_from = login
        for i, leg in enumerate(session):
            gap = leg.start - ready_from
            if gap > timedelta(minutes=25) and rng.random() < 0.7:
                pause_at = ready_from + timedelta(minutes=rng.randint(1, 5))
                reason, length = _break_reason(rng, pause_at)
                pause_end = min(pause_at + length, leg.start - timedelta(minutes=1))
                add(AgentState.READY, ready_from, pause_at)
                add(AgentState.NOT_READY, pause_at, pause_end, reason)
                ready_from = max(ready_from, pause_end)
            add(AgentState.READY, ready_from, leg.start)
            if leg.missed:
                add(AgentState.RESERVED, leg.start, leg.end, call_id=leg.call_id)
                ready_from = min(leg.end + MISSED_PAUSE, _next_start(session, i, leg.end + MISSED_PAUSE))
                add(AgentState.NOT_READY, leg.end, ready_from, MISSED_REASON)
                continue
            answered = leg.answered or leg.start
            add(AgentState.RESERVED, leg.start, answered, call_id=leg.call_id)
            add(AgentState.TALKING, answered, leg.end, call_id=leg.call_id)
            wrap_end = min(leg.end + WRAP_UP, _next_start(session, i, leg.end + WRAP_UP))
            add(AgentState.WRAP_UP, leg.end, wrap_end, call_id=leg.call_id)
            ready_from = max(ready_from, wrap_end)
        # nobody is signed in when the demo starts, so the last session ends by then
        logout = min(ready_from + timedelta(minutes=rng.randint(2, 30)), max(end, ready_from))
        add(AgentState.READY, ready_from, logout)
        cursor = logout
    add(AgentState.LOGGED_OUT, cursor, None)
    return spans


def _append(
    spans: list[DemoStateSpan],
    agent: str,
    state: AgentState,
    start: datetime,
    end: datetime | None,
    reason: str | None,
    call_id: int | None,
) -> None:
    # zero-length states (an offer answered the same second) are not worth a row
    if end is not None and end <= start:
        return
    spans.append(DemoStateSpan(agent, state, reason, start, end, call_id))


def _next_start(session: list[_Leg], i: int, default: datetime) -> datetime:
    return session[i + 1].start if i + 1 < len(session) else default
