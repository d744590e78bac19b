"""Configuration the ACD is built from: queues (with opening hours) and agent profiles.

All configuration is frozen; a changed queue or agent is a new object handed to the engine.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import MappingProxyType
from typing import TypeVar

from shared.protocol.enums import CustomerTag, QueueStrategy

from .errors import InvalidConfigError

logger = logging.getLogger(__name__)

TimeRange = tuple[time, time]

#: VIP callers first, then elderly and important callers, then everyone else in arrival order.
DEFAULT_PRIORITY_BOOSTS: Mapping[CustomerTag, int] = MappingProxyType(
    {CustomerTag.VIP: 2, CustomerTag.ELDERLY: 1, CustomerTag.IMPORTANT: 1}
)
K = TypeVar("K")
V = TypeVar("V")


def _frozen_mapping(value: Mapping[K, V]) -> Mapping[K, V]:
    return MappingProxyType(dict(value))


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """When a queue takes calls, in the local wall-clock time the engine is given.

    ``weekly`` maps ``datetime.weekday()`` (0 = Monday … 6 = Sunday) to open ranges ``[start, end)``;
    an ``end`` of 00:00 means "until midnight". A weekday that is missing is closed.
    ``special_days`` override the weekly rule for one date: public holidays map to ``()`` (closed) and
    the make-up working days of the Chinese holiday calendar (调休) map to normal ranges.
    ``OpeningHours.always()`` is open around the clock (the 12345 line).
    """

    weekly: Mapping[int, tuple[TimeRange, ...]]
    special_days: Mapping[date, tuple[TimeRange, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for day in self.weekly:
            if day not in range(7):
                raise InvalidConfigError(
                    f"Opening hours name weekday {day!r}; use 0 (Monday) to 6 (Sunday).", weekday=day
                )
        for ranges in [*self.weekly.values(), *self.special_days.values()]:
            for start, end in ranges:
                if end != time(0) and not start < end:
                    raise InvalidConfigError(
                        f"Opening range {start:%H:%M}–{end:%H:%M} ends before it starts; "
                        "split ranges that cross midnight in two.",
                        start=start.isoformat(),
                        end=end.isoformat(),
                    )
        object.__setattr__(self, "weekly", _frozen_mapping(self.weekly))
        object.__setattr__(self, "special_days", _frozen_mapping(self.special_days))

    @classmethod
    def always(cls) -> OpeningHours:
        whole_day = ((time(0), time(0)),)
        return cls(weekly={day: whole_day for day in range(7)})

    @classmethod
    def weekdays(cls, *ranges: TimeRange) -> OpeningHours:
        """Monday to Friday with the given ranges, closed at weekends."""
        return cls(weekly={day: tuple(ranges) for day in range(5)})

    def is_open(self, at: datetime) -> bool:
        ranges = self.special_days.get(at.date())
        if ranges is None:
            ranges = self.weekly.get(at.weekday(), ())
        now = at.time()
        return any(start <= now and (end == time(0) or now < end) for start, end in ranges)


@dataclass(frozen=True, slots=True)
class QueueConfig:
    """One queue: who may take its calls, how an agent is chosen, and what happens to long waits.

    - ``required_skills``: skill → minimum level; an agent serves the queue when they hold every skill
      at that level or better. A queue without required skills is served by every agent.
    - ``primary_skill``: the skill the highest/lowest-skill strategies rank by (default: the first
      required skill).
    - ``priority_boosts``: caller tag → priority added to the call's own priority (the largest boost of
      the caller's tags counts). Higher priority is served first; equal priority in arrival order.
    - ``max_wait_s``: after this long in the queue the call overflows to ``overflow_queue_id`` or, when
      that is ``None``, to voicemail. ``None`` waits for ever.
    - ``announce_interval_s``: every so often the caller hears position and estimated wait
      (``None``: never).
    - ``offer_timeout_s``: how long an agent's phone rings before the ACD takes the call back and sets
      the agent not-ready "missed".
    - ``default_handle_time_s``: the handle time the wait estimate uses before the queue has history.
    """

    queue_id: str
    name: str
    strategy: QueueStrategy = QueueStrategy.LONGEST_IDLE
    required_skills: Mapping[str, int] = field(default_factory=dict)
    primary_skill: str | None = None
    priority_boosts: Mapping[CustomerTag, int] = field(default_factory=lambda: dict(DEFAULT_PRIORITY_BOOSTS))
    wrap_up_seconds: float = 30.0
    service_level_threshold_s: float = 20.0
    max_wait_s: float | None = None
    overflow_queue_id: str | None = None
    announce_interval_s: float | None = 30.0
    offer_timeout_s: float = 15.0
    default_handle_time_s: float = 180.0
    opening_hours: OpeningHours = field(default_factory=OpeningHours.always)

    def __post_init__(self) -> None:
        if not self.queue_id:
            raise InvalidConfigError("A queue needs a non-empty id.")
        try:
            strategy = QueueStrategy(self.strategy)
        except ValueError:
            choices = ", ".join(s.value for s in QueueStrategy)
            raise InvalidConfigError(
                f"Queue {self.queue_id!r}: unknown strategy {self.strategy!r}; choose one of {choices}.",
                queue_id=self.queue_id,
            ) from None
        object.__setattr__(self, "strategy", strategy)
        for skill, level in self.required_skills.items():
            if not skill or not isinstance(level, int) or level < 0:
                raise InvalidConfigError(
                    f"Queue {self.queue_id!r}: skill {skill!r} needs a level that is a whole number ≥ 0.",
                    queue_id=self.queue_id,
                )
        positive = {
            "offer_timeout_s": self.offer_timeout_s,
            "default_handle_time_s": self.default_handle_time_s,
        }
        optional_positive = {"max_wait_s": self.max_wait_s, "announce_interval_s": self.announce_interval_s}
        non_negative = {
            "wrap_up_seconds": self.wrap_up_seconds,
            "service_level_threshold_s": self.service_level_threshold_s,
        }
        for name, value in positive.items():
            if not value > 0:
                raise InvalidConfigError(
                    f"Queue {self.queue_id!r}: {name} must be more than 0 (got {value!r}).",
                    queue_id=self.queue_id,
                )
        for name, opt in optional_positive.items():
            if opt is not None and not opt > 0:
                raise InvalidConfigError(
                    f"Queue {self.queue_id!r}: {name} must be more than 0, or None to turn it off "
                    f"(got {opt!r}).",
                    queue_id=self.queue_id,
                )
        for name, value in non_negative.items():
            if not value >= 0:
                raise InvalidConfigError(
                    f"Queue {self.queue_id!r}: {name} must be 0 or more (got {value!r}).",
                    queue_id=self.queue_id,
                )
        if self.overflow_queue_id == self.queue_id:
            raise InvalidConfigError(
                f"Queue {self.queue_id!r} overflows to itself; name another queue or None (voicemail).",
                queue_id=self.queue_id,
            )
        object.__setattr__(self, "required_skills", _frozen_mapping(self.required_skills))
        boosts = {CustomerTag(tag): int(boost) for tag, boost in self.priority_boosts.items()}
        object.__setattr__(self, "priority_boosts", _frozen_mapping(boosts))

    @property
    def ranking_skill(self) -> str | None:
        """The skill the highest/lowest-skill strategies compare."""
        if self.primary_skill is not None:
            return self.primary_skill
        return next(iter(self.required_skills), None)

    def is_served_by(self, agent: AgentProfile) -> bool:
        skills = agent.skills
        return all(
            skill in skills and skills[skill] >= level for skill, level in self.required_skills.items()
        )

    def priority_for(self, caller_tags: frozenset[CustomerTag], priority: int) -> int:
        return priority + max((self.priority_boosts.get(tag, 0) for tag in caller_tags), default=0)


@dataclass(frozen=True, slots=True)
class AgentProfile:
    """An agent as the ACD sees them: an id, skill levels (skill → level, higher is better) and a team."""

    agent_id: str
    skills: Mapping[str, int] = field(default_factory=dict)
    team: str = ""

    def __post_init__(self) -> None:
        if not self.agent_id:
            raise InvalidConfigError("An agent needs a non-empty id.")
        for skill, level in self.skills.items():
            if not skill or not isinstance(level, int) or level < 0:
                raise InvalidConfigError(
                    f"Agent {self.agent_id!r}: skill {skill!r} needs a level that is a whole number ≥ 0.",
                    agent_id=self.agent_id,
                )
        object.__setattr__(self, "skills", _frozen_mapping(self.skills))
