"""Per-queue index of the ready agents who serve it, ordered by the queue's strategy.

An agent's ranking key only changes while they are not ready (idle-since is set on becoming ready,
calls and talk time change during and after a call, skills through a profile change that re-indexes
them), so a sorted list built on insertion stays correct and picking the best agent is a look at its
front. Round robin keeps agents in id order and resumes after the last agent offered a call.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from shared.protocol.enums import QueueStrategy

logger = logging.getLogger(__name__)

RankKey = tuple[Any, ...]


def rank_key(
    strategy: QueueStrategy,
    *,
    idle_since: datetime,
    calls_today: int,
    talk_s_today: float,
    skill_level: int,
) -> RankKey:
    """Smaller is better. Ties fall to the agent idle longest, then to the agent id."""
    match strategy:
        case QueueStrategy.LONGEST_IDLE:
            return (idle_since,)
        case QueueStrategy.FEWEST_CALLS:
            return (calls_today, idle_since)
        case QueueStrategy.LEAST_TALK_TIME:
            return (talk_s_today, idle_since)
        case QueueStrategy.HIGHEST_SKILL:
            return (-skill_level, idle_since)
        case QueueStrategy.LOWEST_SKILL:
            return (skill_level, idle_since)
        case QueueStrategy.ROUND_ROBIN:
            return ()
    raise AssertionError(f"unhandled strategy {strategy!r}")


class ReadyPool:
    """Ready agents of one queue in strategy order. Not thread-safe; owned by one ``AcdEngine``."""

    __slots__ = ("_entries", "_keys", "last_offered", "strategy")

    def __init__(self, strategy: QueueStrategy) -> None:
        self.strategy = strategy
        self._entries: list[tuple[RankKey, str]] = []
        self._keys: dict[str, RankKey] = {}
        #: round robin resumes after this agent id
        self.last_offered: str | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, agent_id: object) -> bool:
        return agent_id in self._keys

    def add(self, agent_id: str, key: RankKey) -> None:
        if agent_id in self._keys:
            self.remove(agent_id)
        self._keys[agent_id] = key
        insort(self._entries, (key, agent_id))

    def remove(self, agent_id: str) -> None:
        key = self._keys.pop(agent_id, None)
        if key is None:
            return
        index = bisect_left(self._entries, (key, agent_id))
        del self._entries[index]

    def clear(self) -> None:
        self._entries.clear()
        self._keys.clear()

    def _in_order(self) -> Iterator[str]:
        entries = self._entries
        if self.strategy is QueueStrategy.ROUND_ROBIN and self.last_offered is not None:
            start = bisect_right(entries, ((), self.last_offered))
            for index in range(start, len(entries)):
                yield entries[index][1]
            for index in range(start):
                yield entries[index][1]
        else:
            for _, agent_id in entries:
                yield agent_id

    def best(self, exclude: str | None = None) -> str | None:
        """The agent the strategy picks next, skipping ``exclude`` (who just missed this call)."""
        for agent_id in self._in_order():
            if agent_id != exclude:
                return agent_id
        return None

    def ordered(self) -> list[str]:
        return list(self._in_order())
