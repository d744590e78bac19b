"""The ACD's configuration read from the database: queues (``queues`` rows) and agent profiles (agents
with their skills). The ACD names queues by their code and agents by their work number (their SIP user).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from shared.protocol.enums import CustomerTag, Role

from ..acd import AgentProfile, OpeningHours, QueueConfig
from ..acd.errors import InvalidConfigError
from ..db.models import Agent, Queue

logger = logging.getLogger(__name__)

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _parse_hhmm(text: str) -> time:
    if text in ("24:00", "24:00:00"):
        return time(0)
    return time.fromisoformat(text)


def opening_hours_from_json(raw: dict[str, list[list[str]]] | None) -> OpeningHours:
    """``{"mon": [["08:00", "20:00"]], …}`` (the ``queues.opening_hours`` column); empty = always open."""
    if not raw:
        return OpeningHours.always()
    weekly: dict[int, tuple[tuple[time, time], ...]] = {}
    for day, ranges in raw.items():
        if day not in _DAYS:
            raise InvalidConfigError(f"Opening hours name the day {day!r}; use mon … sun.")
        weekly[_DAYS.index(day)] = tuple((_parse_hhmm(a), _parse_hhmm(b)) for a, b in ranges)
    return OpeningHours(weekly=weekly)


def queue_config(queue: Queue, codes: dict[int, str]) -> QueueConfig:
    """One ``queues`` row as the ACD wants it. A queue with neither an overflow queue nor voicemail waits
    for ever (the row's ``max_wait_seconds`` then has nothing to lead to)."""
    overflow = codes.get(queue.overflow_queue_id) if queue.overflow_queue_id else None
    max_wait: float | None = float(queue.max_wait_seconds)
    if overflow is None and not queue.overflow_to_voicemail:
        max_wait = None
    boosts = {}
    for tag, boost in (queue.priority_rules or {}).items():
        try:
            boosts[CustomerTag(tag)] = int(boost)
        except ValueError:
            logger.warning("queue %s: priority rule for unknown caller tag %r ignored", queue.code, tag)
    return QueueConfig(
        queue_id=queue.code,
        name=queue.name,
        strategy=queue.strategy,
        required_skills=dict(queue.required_skills or {}),
        priority_boosts=boosts,
        wrap_up_seconds=float(queue.wrap_up_seconds),
        service_level_threshold_s=float(queue.service_level_seconds),
        max_wait_s=max_wait,
        overflow_queue_id=overflow,
        announce_interval_s=float(queue.announce_every_seconds) if queue.announce_every_seconds else None,
        offer_timeout_s=float(queue.offer_timeout_seconds),
        opening_hours=opening_hours_from_json(queue.opening_hours),
    )


def load_queue_configs(session: Session) -> tuple[QueueConfig, ...]:
    """Every active queue; an overflow to an inactive queue becomes "wait" (logged)."""
    rows = list(session.scalars(select(Queue).order_by(Queue.id)))
    codes = {q.id: q.code for q in rows if q.active}
    configs = []
    for row in rows:
        if not row.active:
            continue
        try:
            configs.append(queue_config(row, codes))
        except InvalidConfigError as exc:
            logger.error("queue %s left out of the ACD: %s", row.code, exc)
    return tuple(configs)


def load_agent_profiles(session: Session) -> dict[str, AgentProfile]:
    """Active call-takers by work number, with their skills and team name."""
    rows = session.scalars(
        select(Agent)
        .options(selectinload(Agent.skills), selectinload(Agent.team))
        .where(Agent.active.is_(True), Agent.role == Role.AGENT)
    )
    return {
        a.work_number: AgentProfile(
            a.work_number, {s.skill: int(s.level) for s in a.skills}, a.team.name if a.team else ""
        )
        for a in rows
    }


@dataclass(frozen=True)
class CentreConfig:
    """A consistent read of queues and agents, with a fingerprint to notice admins' edits cheaply."""

    queues: tuple[QueueConfig, ...]
    agents: dict[str, AgentProfile]
    fingerprint: str


def load_centre_config(session: Session) -> CentreConfig:
    queues = load_queue_configs(session)
    agents = load_agent_profiles(session)
    digest = hashlib.sha256(
        json.dumps(
            [
                [repr(q) for q in queues],
                sorted((k, sorted(v.skills.items()), v.team) for k, v in agents.items()),
            ],
            default=str,
        ).encode()
    ).hexdigest()
    return CentreConfig(queues, agents, digest)


def load_centre_config_safe(session_factory: Callable[[], Session]) -> CentreConfig:
    with session_factory() as session:
        return load_centre_config(session)
