"""Estimated wait time (EWT) for a queue position.

Two estimates, the first that applies wins:

1. **Observed answer rate.** When the queue answered at least ``min_answers`` calls in the last
   ``window_s`` seconds: ``EWT(position) = position ÷ answers per second``. A caller at position *p*
   waits for *p* answers, and the recent pace of answers already reflects how many agents really work
   this queue (agents serving several queues, breaks, long calls) — which a head count cannot know.
   The window runs up to *now*, so when answers stop the rate falls and the estimate grows.
2. **Head count.** Otherwise ``EWT(position) = position × AHT ÷ staffed``, where ``AHT`` (average
   handle time) is the mean of the queue's last handled calls, each counted as talk time plus the
   queue's configured wrap-up (``default_handle_time_s`` before any history), and ``staffed`` is the
   number of logged-in agents who serve the queue and are not not-ready: with ``staffed`` agents in
   parallel one frees up every ``AHT ÷ staffed`` seconds on average. Agents who serve several queues
   count in each, so this start-up estimate is optimistic.

With nobody staffed there is no defensible figure and the estimate is ``None`` ("all agents are busy").
Estimates are whole seconds, rounded up.
"""

from __future__ import annotations

import logging
import math
from bisect import bisect_left
from collections import deque
from datetime import datetime, timedelta

logger = logging.getLogger(__name__)


class HandleTimeHistory:
    """Rolling mean of recent handle times for one queue. Not thread-safe; owned by one engine."""

    __slots__ = ("_samples", "_sum", "default_s")

    def __init__(self, default_s: float, window: int = 20) -> None:
        self.default_s = default_s
        self._samples: deque[float] = deque(maxlen=window)
        self._sum = 0.0

    def record(self, handle_time_s: float) -> None:
        if self._samples.maxlen is not None and len(self._samples) == self._samples.maxlen:
            self._sum -= self._samples[0]
        self._samples.append(handle_time_s)
        self._sum += handle_time_s

    @property
    def average_s(self) -> float:
        if not self._samples:
            return self.default_s
        return self._sum / len(self._samples)


class AnswerRate:
    """Answers per second over a sliding window ending now. Not thread-safe; owned by one engine."""

    __slots__ = ("_min_answers", "_times", "_window", "observing_since")

    def __init__(self, window_s: float = 600.0, min_answers: int = 5) -> None:
        self._window = timedelta(seconds=window_s)
        self._min_answers = min_answers
        self._times: list[datetime] = []
        #: the window cannot reach back before the engine saw its first event
        self.observing_since: datetime | None = None

    def record(self, at: datetime) -> None:
        if self.observing_since is None:
            self.observing_since = at
        self._times.append(at)
        if len(self._times) > 4096:
            # answers older than the window never count again; trim in bulk, not per answer
            del self._times[: bisect_left(self._times, at - self._window)]

    def per_second(self, now: datetime) -> float | None:
        """``None`` until the window holds ``min_answers`` answers."""
        start = now - self._window
        count = len(self._times) - bisect_left(self._times, start)
        if count < self._min_answers:
            return None
        if self.observing_since is not None and self.observing_since > start:
            start = self.observing_since
        span = (now - start).total_seconds()
        return count / span if span > 0 else None


def estimate_wait_s(
    position: int,
    average_handle_s: float,
    staffed_agents: int,
    answers_per_s: float | None = None,
) -> int | None:
    """Seconds the caller at ``position`` (1 = next) should expect to wait; ``None`` when unstaffed."""
    if staffed_agents <= 0:
        return None
    if answers_per_s is not None and answers_per_s > 0:
        return math.ceil(position / answers_per_s)
    return math.ceil(position * average_handle_s / staffed_agents)
