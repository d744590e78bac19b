"""Queue figures and the thresholds that turn their cells amber and red (pure functions, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shared.protocol.schemas.queues import QueueOut

DEFAULT_HANDLE_SECONDS = 180.0


class Level(StrEnum):
    OK = "ok"
    AMBER = "amber"
    RED = "red"


LEVEL_COLOURS = {Level.OK: None, Level.AMBER: "#f5b942", Level.RED: "#e0533f"}


@dataclass(frozen=True)
class Thresholds:
    """Service level below ``sl_amber``/``sl_red`` percent; abandon rate above ``abandon_*`` percent;
    longest wait above the queue's service-level time (amber) or its maximum wait / 2 (red)."""

    sl_amber: float = 80.0
    sl_red: float = 60.0
    abandon_amber: float = 5.0
    abandon_red: float = 10.0


def estimated_wait_seconds(queue: QueueOut, handle_seconds: float = DEFAULT_HANDLE_SECONDS) -> float | None:
    """A rough expected wait for a new caller when the call router gives none: the calls ahead, served
    by the signed-in agents at the average handle time. ``None`` when the number waiting is unknown."""
    waiting = queue.stats.waiting
    if waiting is None:
        return None
    serving = max(1, queue.stats.agents_signed_in)
    return (waiting + 1) * handle_seconds / serving


def abandon_percent(queue: QueueOut) -> float | None:
    offered = queue.stats.offered_today
    return 100.0 * queue.stats.abandoned_today / offered if offered else None


def service_level_level(queue: QueueOut, t: Thresholds) -> Level:
    sl = queue.stats.service_level_percent
    if sl is None:
        return Level.OK
    return Level.RED if sl < t.sl_red else Level.AMBER if sl < t.sl_amber else Level.OK


def wait_level(seconds: float | None, queue: QueueOut | None) -> Level:
    """A wait past the queue's service-level time is amber, past half its maximum wait red."""
    if seconds is None or queue is None:
        return Level.OK
    if seconds > queue.max_wait_seconds / 2:
        return Level.RED
    return Level.AMBER if seconds > queue.service_level_seconds else Level.OK


def longest_wait_level(queue: QueueOut) -> Level:
    return wait_level(queue.stats.longest_wait_seconds, queue)


def abandon_level(queue: QueueOut, t: Thresholds) -> Level:
    rate = abandon_percent(queue)
    if rate is None:
        return Level.OK
    return Level.RED if rate > t.abandon_red else Level.AMBER if rate > t.abandon_amber else Level.OK


def waiting_level(queue: QueueOut) -> Level:
    waiting = queue.stats.waiting
    if not waiting:
        return Level.OK
    ready = queue.stats.agents_ready
    return Level.RED if waiting > 2 * ready + 1 else Level.AMBER if waiting > ready else Level.OK
