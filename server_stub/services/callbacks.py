"""Callback tasks: created by the call path when a queued caller hangs up, shared round-robin among
online agents, closed by the agent with a note."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.protocol.enums import AgentState, CallbackStatus, Role
from shared.protocol.events import CallbackWasAssigned

from ..api.errors import Conflict, Forbidden, InvalidInput
from ..db.models import Agent, CallbackTask
from .blacklist import normalise

logger = logging.getLogger(__name__)

OPEN_STATES = (CallbackStatus.OPEN, CallbackStatus.IN_PROGRESS)


def _next_agent(session: Session) -> Agent | None:
    """Round robin: the signed-in call-taker whose last callback assignment is oldest (never = first)."""
    last_assigned = (
        select(CallbackTask.assigned_agent_id, func.max(CallbackTask.id).label("last_id"))
        .where(CallbackTask.assigned_agent_id.is_not(None))
        .group_by(CallbackTask.assigned_agent_id)
        .subquery()
    )
    stmt = (
        select(Agent)
        .outerjoin(last_assigned, last_assigned.c.assigned_agent_id == Agent.id)
        .where(Agent.active.is_(True), Agent.role == Role.AGENT, Agent.state != AgentState.LOGGED_OUT)
        .order_by(func.coalesce(last_assigned.c.last_id, 0), Agent.id)
        .limit(1)
    )
    return session.scalar(stmt)


def create_callback_task(
    session: Session,
    *,
    number: str,
    call_id: int | None = None,
    queue_id: int | None = None,
    reason: str = "abandoned",
) -> tuple[CallbackTask, CallbackWasAssigned | None]:
    """Create a task and assign it to the next online agent (if any). Flushes; returns the task and the
    event to publish to that agent after commit (``None`` when nobody is online: leaders assign it)."""
    task = CallbackTask(number=normalise(number), call_id=call_id, queue_id=queue_id, reason=reason)
    agent = _next_agent(session)
    if agent is not None:
        task.assigned_agent_id = agent.id
    session.add(task)
    session.flush()
    logger.info(
        "callback task %s for %s assigned to %s", task.id, task.number, agent.work_number if agent else None
    )
    return task, (assigned_event(task) if agent is not None else None)


def assigned_event(task: CallbackTask) -> CallbackWasAssigned:
    assert task.assigned_agent_id is not None
    return CallbackWasAssigned(
        callback_id=task.id, agent_id=task.assigned_agent_id, number=task.number, reason=task.reason
    )


def assign(session: Session, *, task: CallbackTask, agent_id: int) -> CallbackWasAssigned:
    if task.status not in OPEN_STATES:
        raise Conflict("This callback is closed already.", error_id="callback_closed")
    agent = session.get(Agent, agent_id)
    if agent is None or not agent.active:
        raise InvalidInput(f"No active agent with id {agent_id}.", error_id="unknown_agent")
    task.assigned_agent_id = agent.id
    session.flush()
    return assigned_event(task)


def record_result(
    session: Session, *, task: CallbackTask, by: Agent, status: str, note: str | None
) -> CallbackTask:
    if by.role == Role.AGENT and task.assigned_agent_id != by.id:
        raise Forbidden("This callback is assigned to someone else.", error_id="not_your_callback")
    if task.status not in OPEN_STATES:
        raise Conflict("This callback is closed already.", error_id="callback_closed")
    now = datetime.now(UTC)
    if status == "in_progress":
        task.status = CallbackStatus.IN_PROGRESS
        task.attempts += 1
        task.last_attempt_at = now
    else:
        if status == "failed" and not note:
            raise InvalidInput(
                "Say why the callback failed (e.g. 'no answer three times').", error_id="note_required"
            )
        task.status = CallbackStatus(status)
        task.done_at = now
        task.result_note = note
    session.flush()
    return task


def for_agent(session: Session, *, agent: Agent, include_closed: bool = False) -> list[CallbackTask]:
    stmt = select(CallbackTask).where(CallbackTask.assigned_agent_id == agent.id)
    if not include_closed:
        stmt = stmt.where(CallbackTask.status.in_(OPEN_STATES))
    return list(session.scalars(stmt.order_by(CallbackTask.created_at, CallbackTask.id)))


def list_tasks(
    session: Session, *, status: CallbackStatus | None = None, unassigned: bool = False
) -> list[CallbackTask]:
    stmt = select(CallbackTask)
    if status is not None:
        stmt = stmt.where(CallbackTask.status == status)
    if unassigned:
        stmt = stmt.where(CallbackTask.assigned_agent_id.is_(None))
    return list(
        session.scalars(stmt.order_by(CallbackTask.created_at.desc(), CallbackTask.id.desc()).limit(500))
    )


def assign_waiting(session: Session) -> list[CallbackWasAssigned]:
    """Hand out tasks that arrived while nobody was signed in, round robin over who is online now.
    Called when an agent comes online; returns the events to publish after commit."""
    waiting = session.scalars(
        select(CallbackTask)
        .where(CallbackTask.assigned_agent_id.is_(None), CallbackTask.status == CallbackStatus.OPEN)
        .order_by(CallbackTask.created_at, CallbackTask.id)
    ).all()
    events = []
    for task in waiting:
        agent = _next_agent(session)
        if agent is None:
            break
        task.assigned_agent_id = agent.id
        session.flush()  # the next pick sees this assignment
        events.append(assigned_event(task))
    return events
