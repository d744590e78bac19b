"""Estimated wait time (EWT) for a queue position.

Method: ``EWT(position) = position × AHT ÷ staffed``, rounded up to whole seconds, where

- ``AHT`` (average handle time) is the mean of the queue's last ``window`` handled calls, each counted
  as talk time plus the queue's configured wrap-up; before the first handled call it is the queue's
  ``default_handle_time_s``;
- ``staffed`` is the number of logged-in agents who serve the queue and are not not-ready (ready,
  ringing, talking, on hold or in wrap-up): with ``staffed`` agents working in parallel, on average one
  of them frees up every ``AHT ÷ staffed`` seconds, and the caller at ``position`` needs ``position``
  of those.
- With nobody staffed there is no defensible figure, so the estimate is ``None``.

Agents who serve several queues are counted in each; the estimate is then optimistic, which is the
usual trade-off of this Erlang-free rule of thumb.
"""

from __future__ import annotations

import logging
import math
from collections import deque

logger = logging.getLogger(__name__)


class HandleTimeHistory:
    """Rolling mean of recent handle times for one queue. Not thread-safe; owned by one engine."""

    __slots__ = ("_default", "_samples", "_sum")

    def __init__(self, default_s: float, window: int = 20) -> None:
        self._default = default_s
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
            return self._default
        return self._sum / len(self._samples)


def estimate_wait_s(position: int, average_handle_s: float, staffed_agents: int) -> int | None:
    """Seconds the caller at ``position`` (1 = next) should expect to wait; ``None`` when unstaffed."""
    if staffed_agents <= 0:
        return None
    return math.ceil(position * average_handle_s / staffed_agents)
