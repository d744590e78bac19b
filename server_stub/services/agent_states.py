"""The agent state machine: an explicit transition table, a pure :func:`next_state`, and
:func:`apply_event`, which persists each change in ``agent_state_log`` (start/end) on the agent row.

``logged_out → ready ⇄ not_ready(reason); ready → reserved → talking ⇄ hold → wrap_up → ready``.
Leaders may force ready / not_ready / logged_out from any state; a client whose event socket stays
gone past the grace period is logged out with reason ``disconnected``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shared.protocol.enums import AgentState
from shared.protocol.events import AgentStateDidChange

from ..api.errors import InvalidInput, InvalidTransition
from ..db.models import Agent, AgentStateLog, NotReadyReason

logger = logging.getLogger(__name__)

S = AgentState

DISCONNECTED_REASON = "disconnected"
MISSED_REASON = "missed"


class StateEvent(StrEnum):
    # the agent's own choices
    GO_READY = "go_ready"
    GO_NOT_READY = "go_not_ready"
    FINISH_WRAP_UP = "finish_wrap_up"
    LOG_OUT = "log_out"
    # the call path
    RESERVE = "reserve"
    ANSWER = "answer"
    HOLD = "hold"
    RESUME = "resume"
    HANG_UP = "hang_up"
    MISS = "miss"
    RELEASE = "release"
    # supervision and presence
    FORCE_READY = "force_ready"
    FORCE_NOT_READY = "force_not_ready"
    FORCE_LOG_OUT = "force_log_out"
    DISCONNECT = "disconnect"


TRANSITIONS: dict[tuple[AgentState, StateEvent], AgentState] = {
    (S.LOGGED_OUT, StateEvent.GO_READY): S.READY,
    (S.LOGGED_OUT, StateEvent.GO_NOT_READY): S.NOT_READY,
    (S.READY, StateEvent.GO_NOT_READY): S.NOT_READY,
    (S.NOT_READY, StateEvent.GO_READY): S.READY,
    # picking another reason while already not ready (e.g. break → training)
    (S.NOT_READY, StateEvent.GO_NOT_READY): S.NOT_READY,
    (S.READY, StateEvent.LOG_OUT): S.LOGGED_OUT,
    (S.NOT_READY, StateEvent.LOG_OUT): S.LOGGED_OUT,
    (S.WRAP_UP, StateEvent.LOG_OUT): S.LOGGED_OUT,
    (S.READY, StateEvent.RESERVE): S.RESERVED,
    (S.RESERVED, StateEvent.ANSWER): S.TALKING,
    (S.RESERVED, StateEvent.MISS): S.NOT_READY,
    (S.RESERVED, StateEvent.RELEASE): S.READY,
    (S.TALKING, StateEvent.HOLD): S.HOLD,
    (S.HOLD, StateEvent.RESUME): S.TALKING,
    (S.TALKING, StateEvent.HANG_UP): S.WRAP_UP,
    (S.HOLD, StateEvent.HANG_UP): S.WRAP_UP,
    (S.WRAP_UP, StateEvent.FINISH_WRAP_UP): S.READY,
    (S.WRAP_UP, StateEvent.GO_NOT_READY): S.NOT_READY,
}
for _state in AgentState:
    TRANSITIONS[(_state, StateEvent.FORCE_READY)] = S.READY
    TRANSITIONS[(_state, StateEvent.FORCE_NOT_READY)] = S.NOT_READY
    TRANSITIONS[(_state, StateEvent.FORCE_LOG_OUT)] = S.LOGGED_OUT
    TRANSITIONS[(_state, StateEvent.DISCONNECT)] = S.LOGGED_OUT

#: Events whose target state needs a reason code.
NEEDS_REASON = {StateEvent.GO_NOT_READY, StateEvent.FORCE_NOT_READY}


def next_state(state: AgentState, event: StateEvent) -> AgentState:
    """The state after ``event``; raises :class:`InvalidTransition` for a pair the table doesn't allow."""
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise InvalidTransition(
            f"An agent who is {state.value} cannot {event.value.replace('_', ' ')}.",
            details={"state": state.value, "event": event.value},
        ) from None


def own_request_event(current: AgentState, requested: AgentState) -> StateEvent:
    """Map what an agent asks for on ``POST /agents/me/state`` to an event."""
    if requested == S.READY:
        return StateEvent.FINISH_WRAP_UP if current == S.WRAP_UP else StateEvent.GO_READY
    if requested == S.NOT_READY:
        return StateEvent.GO_NOT_READY
    if requested == S.LOGGED_OUT:
        return StateEvent.LOG_OUT
    raise InvalidTransition(
        f"Agents set only ready, not_ready or logged_out themselves; {requested.value} follows the call.",
        details={"state": current.value, "requested": requested.value},
    )


def forced_event(requested: AgentState) -> StateEvent:
    forced = {
        S.READY: StateEvent.FORCE_READY,
        S.NOT_READY: StateEvent.FORCE_NOT_READY,
        S.LOGGED_OUT: StateEvent.FORCE_LOG_OUT,
    }
    if requested not in forced:
        raise InvalidTransition(
            f"Leaders can force ready, not_ready or logged_out, not {requested.value}.",
            details={"requested": requested.value},
        )
    return forced[requested]


def _check_reason(session: Session, event: StateEvent, reason: str | None) -> str | None:
    if event in NEEDS_REASON:
        if not reason:
            raise InvalidInput(
                "Pick a not-ready reason (GET /api/v1/reasons lists them).", error_id="reason_required"
            )
        if session.get(NotReadyReason, reason) is None:
            raise InvalidInput(
                f"Unknown not-ready reason {reason!r}; pick one from GET /api/v1/reasons.",
                error_id="unknown_reason",
                details={"reason": reason},
            )
        return reason
    if event == StateEvent.MISS:
        return MISSED_REASON
    if event == StateEvent.DISCONNECT:
        return DISCONNECTED_REASON
    if reason:
        raise InvalidInput("A reason is only given when going not ready.", error_id="unexpected_reason")
    return None


def apply_event(
    session: Session,
    *,
    agent: Agent,
    event: StateEvent,
    reason: str | None = None,
    changed_by: Agent | None = None,
    call_id: int | None = None,
    now: datetime | None = None,
) -> AgentStateDidChange:
    """Move ``agent`` by ``event``: close the open log row, open a new one, update the agent. Flushes.

    The agent's row is locked first so two simultaneous changes can't both pass the table from the same
    state. Returns the event payload
    for the caller to publish after commit.
    """
    # A no-op UPDATE takes the row's write lock on PostgreSQL and the database's on SQLite (whose driver
    # only opens a transaction at the first write, so a SELECT … FOR UPDATE would lock nothing there);
    # the state is then re-read under that lock.
    session.execute(
        update(Agent).where(Agent.id == agent.id).values(state=Agent.state),
        execution_options={"synchronize_session": False},
    )
    session.refresh(agent)
    target = next_state(agent.state, event)
    reason = _check_reason(session, event, reason)
    return record_state(
        session, agent=agent, state=target, reason=reason, changed_by=changed_by, call_id=call_id, now=now
    )


def record_state(
    session: Session,
    *,
    agent: Agent,
    state: AgentState,
    reason: str | None,
    changed_by: Agent | None = None,
    call_id: int | None = None,
    now: datetime | None = None,
) -> AgentStateDidChange:
    """Persist a state without consulting the table: for a caller that checked its own state machine
    (the ACD). Closes the open ``agent_state_log`` row, opens a new one, updates the agent. Flushes."""
    now = now or datetime.now(UTC)
    open_rows = session.scalars(
        select(AgentStateLog).where(AgentStateLog.agent_id == agent.id, AgentStateLog.ended_at.is_(None))
    )
    for row in open_rows:
        row.ended_at = now
    session.add(
        AgentStateLog(
            agent_id=agent.id,
            state=state,
            reason=reason,
            started_at=now,
            changed_by_id=changed_by.id if changed_by is not None else None,
            call_id=call_id,
        )
    )
    previous = agent.state
    agent.state = state
    agent.state_reason = reason
    agent.state_since = now
    session.flush()
    logger.info("agent %s: %s -> %s (%s)", agent.work_number, previous.value, state.value, reason)
    return state_payload(agent, forced_by=changed_by, call_id=call_id)


def state_payload(
    agent: Agent, *, forced_by: Agent | None = None, call_id: int | None = None
) -> AgentStateDidChange:
    return AgentStateDidChange(
        agent_id=agent.id,
        work_number=agent.work_number,
        name=agent.name,
        state=agent.state,
        reason=agent.state_reason,
        since=agent.state_since,
        forced_by=forced_by.work_number if forced_by is not None else None,
        call_id=call_id,
    )


def history(
    session: Session, *, agent_id: int, since: datetime, until: datetime | None = None
) -> list[AgentStateLog]:
    """State rows overlapping ``[since, until)``, oldest first."""
    stmt = select(AgentStateLog).where(
        AgentStateLog.agent_id == agent_id,
        (AgentStateLog.ended_at.is_(None)) | (AgentStateLog.ended_at > since),
    )
    if until is not None:
        stmt = stmt.where(AgentStateLog.started_at < until)
    return list(session.scalars(stmt.order_by(AgentStateLog.started_at, AgentStateLog.id)))


def list_reasons(session: Session) -> list[NotReadyReason]:
    return list(
        session.scalars(select(NotReadyReason).order_by(NotReadyReason.sort_order, NotReadyReason.code))
    )


def create_reason(
    session: Session, *, code: str, label_zh: str, label_en: str, max_minutes: int | None, sort_order: int
) -> NotReadyReason:
    if code in (DISCONNECTED_REASON, MISSED_REASON) or session.get(NotReadyReason, code) is not None:
        from ..api.errors import Conflict

        raise Conflict(
            f"Reason code {code!r} exists already; pick another code.", error_id="duplicate_reason"
        )
    row = NotReadyReason(
        code=code, label_zh=label_zh, label_en=label_en, max_minutes=max_minutes, sort_order=sort_order
    )
    session.add(row)
    session.flush()
    return row


def delete_reason(session: Session, *, code: str) -> bool:
    row = session.get(NotReadyReason, code)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
