"""Queue configuration (admin CRUD) and today's figures per queue from ``calls`` and the agents."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from shared.protocol.enums import AgentState, CallDisposition, Role
from shared.protocol.schemas.queues import QueueCreate, QueueOut, QueueStats, QueueUpdate

from ..api.errors import Conflict, InvalidInput
from ..db.models import Agent, Call, Queue
from .agents import CENTRE_TZ

logger = logging.getLogger(__name__)

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")


def get_by_code(session: Session, *, code: str) -> Queue | None:
    return session.scalar(select(Queue).where(Queue.code == code))


def list_queues(session: Session, *, include_inactive: bool = True) -> list[Queue]:
    stmt = select(Queue)
    if not include_inactive:
        stmt = stmt.where(Queue.active.is_(True))
    return list(session.scalars(stmt.order_by(Queue.code)))


def _validate(
    session: Session, *, code: str, skills: dict[str, int], hours: dict[str, list[list[str]]]
) -> None:
    bad_levels = {k: v for k, v in skills.items() if not 1 <= v <= 5 or not k}
    if bad_levels:
        raise InvalidInput(
            "Required skill levels run from 1 to 5.", error_id="invalid_skill_level", details=bad_levels
        )
    for day, spans in hours.items():
        if day not in _DAYS:
            raise InvalidInput(
                f"Opening hours use the days {', '.join(_DAYS)}; {day!r} is not one.",
                error_id="invalid_opening_hours",
            )
        for span in spans:
            if len(span) != 2 or not all(_HHMM.match(t) for t in span) or span[0] >= span[1]:
                raise InvalidInput(
                    f'Opening hours for {day} need ["HH:MM", "HH:MM"] pairs with start before end; '
                    f"got {span!r}.",
                    error_id="invalid_opening_hours",
                )


def _overflow_id(session: Session, *, code: str, overflow_code: str | None) -> int | None:
    if overflow_code is None:
        return None
    if overflow_code == code:
        raise InvalidInput("A queue cannot overflow into itself.", error_id="invalid_overflow")
    target = get_by_code(session, code=overflow_code)
    if target is None:
        raise InvalidInput(
            f"No queue with code {overflow_code!r} to overflow into.", error_id="invalid_overflow"
        )
    return target.id


def create(session: Session, *, body: QueueCreate) -> Queue:
    if get_by_code(session, code=body.code) is not None:
        raise Conflict(f"Queue code {body.code!r} exists already.", error_id="duplicate_queue")
    _validate(session, code=body.code, skills=body.required_skills, hours=body.opening_hours)
    fields = body.model_dump(exclude={"overflow_queue_code"})
    queue = Queue(**fields)
    queue.overflow_queue_id = _overflow_id(session, code=body.code, overflow_code=body.overflow_queue_code)
    session.add(queue)
    session.flush()
    return queue


def update(session: Session, *, queue: Queue, body: QueueUpdate) -> dict[str, object]:
    changes = body.model_dump(exclude_unset=True)
    _validate(
        session,
        code=queue.code,
        skills=changes.get("required_skills") or {},
        hours=changes.get("opening_hours") or {},
    )
    if "overflow_queue_code" in changes:
        queue.overflow_queue_id = _overflow_id(
            session, code=queue.code, overflow_code=changes.pop("overflow_queue_code")
        )
    for key, value in changes.items():
        if value is None:
            raise InvalidInput(f"{key} cannot be empty.", error_id="invalid_input", details={"field": key})
        setattr(queue, key, value)
    session.flush()
    return body.model_dump(mode="json", exclude_unset=True)


def _qualified(agent: Agent, required: dict[str, int]) -> bool:
    levels = {s.skill: s.level for s in agent.skills}
    return all(levels.get(skill, 0) >= level for skill, level in required.items())


def stats_for(session: Session, *, queues: list[Queue], now: datetime | None = None) -> dict[int, QueueStats]:
    """Today's figures per queue id (centre-local day)."""
    now = now or datetime.now(UTC)
    day_start = now.astimezone(CENTRE_TZ).replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
    ids = [q.id for q in queues]
    calls = session.execute(
        select(Call.queue_id, Call.disposition, Call.queued_at, Call.arrived_at, Call.answered_at).where(
            Call.queue_id.in_(ids), Call.arrived_at >= day_start
        )
    ).all()
    agents = list(
        session.scalars(
            select(Agent)
            .options(selectinload(Agent.skills))
            .where(Agent.active.is_(True), Agent.role == Role.AGENT, Agent.state != AgentState.LOGGED_OUT)
        )
    )
    out: dict[int, QueueStats] = {}
    for queue in queues:
        mine = [c for c in calls if c.queue_id == queue.id]
        answered = [c for c in mine if c.answered_at is not None]
        within = [
            c
            for c in answered
            if c.answered_at - (c.queued_at or c.arrived_at) <= timedelta(seconds=queue.service_level_seconds)
        ]
        qualified = [a for a in agents if _qualified(a, queue.required_skills or {})]
        out[queue.id] = QueueStats(
            agents_ready=sum(1 for a in qualified if a.state == AgentState.READY),
            agents_signed_in=len(qualified),
            offered_today=len(mine),
            answered_today=len(answered),
            abandoned_today=sum(1 for c in mine if c.disposition == CallDisposition.ABANDONED),
            service_level_percent=round(100.0 * len(within) / len(mine), 1) if mine else None,
        )
    return out


def queue_out(queue: Queue, *, codes: dict[int, str], stats: QueueStats | None = None) -> QueueOut:
    return QueueOut(
        id=queue.id,
        code=queue.code,
        name=queue.name,
        hotline_number=queue.hotline_number,
        strategy=queue.strategy,
        required_skills=queue.required_skills or {},
        priority_rules=queue.priority_rules or {},
        wrap_up_seconds=queue.wrap_up_seconds,
        service_level_seconds=queue.service_level_seconds,
        max_wait_seconds=queue.max_wait_seconds,
        overflow_queue_code=codes.get(queue.overflow_queue_id) if queue.overflow_queue_id else None,
        overflow_to_voicemail=queue.overflow_to_voicemail,
        announce_every_seconds=queue.announce_every_seconds,
        offer_timeout_seconds=queue.offer_timeout_seconds,
        opening_hours=queue.opening_hours or {},
        active=queue.active,
        stats=stats or QueueStats(),
    )


def overview(session: Session, *, include_inactive: bool = True) -> list[QueueOut]:
    """Every queue with its configuration and today's figures."""
    queues = list_queues(session, include_inactive=include_inactive)
    codes = {q.id: q.code for q in list_queues(session)}
    stats = stats_for(session, queues=queues)
    return [queue_out(q, codes=codes, stats=stats[q.id]) for q in queues]
