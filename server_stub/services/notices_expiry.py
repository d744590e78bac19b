"""Tells seats when an emergency notice's validity ends: ``notice_was_withdrawn`` once per notice, at its
``expires_at`` (before, seats kept showing it until their next snapshot).

A timer thread sleeps until the next expiry (or at most ``max_sleep_s``) instead of scanning on every
request; a newly published notice wakes it, so a notice valid for seconds is still announced on time.
Notices that expired while the server was down are not announced: seats resync from the snapshot, which
lists only active notices, when they reconnect.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.protocol.events import EventType, NoticeWasWithdrawn

from ..db.models import Notice
from ..events.hub import EventHub

logger = logging.getLogger(__name__)

#: Sleep at most this long: catches a notice whose expiry was set by other means than ``POST /notices``.
DEFAULT_MAX_SLEEP_S = 60.0
#: Never spin on a timer due "now" (the clock and the database may round differently).
_MIN_SLEEP_S = 0.01


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def expired_between(session: Session, *, after: datetime, until: datetime) -> list[int]:
    """Ids of notices not withdrawn whose validity ended in ``(after, until]``, earliest first."""
    stmt = (
        select(Notice.id)
        .where(
            Notice.withdrawn_at.is_(None),
            Notice.expires_at.is_not(None),
            Notice.expires_at > after,
            Notice.expires_at <= until,
        )
        .order_by(Notice.expires_at, Notice.id)
    )
    return list(session.scalars(stmt))


def next_expiry(session: Session, *, after: datetime) -> datetime | None:
    """When the next notice in force runs out, if any does."""
    stmt = select(func.min(Notice.expires_at)).where(
        Notice.withdrawn_at.is_(None), Notice.expires_at.is_not(None), Notice.expires_at > after
    )
    found = session.scalar(stmt)
    return _utc(found) if found is not None else None


class NoticeExpirySweeper:
    """Publishes ``notice_was_withdrawn`` for each notice as its validity ends.

    Each sweep covers the time since the previous one, ``(last, now]``, so a notice is announced once.

    Threading: :meth:`start`, :meth:`stop` and :meth:`poke` may be called from any thread; sweeps run on the
    sweeper's own daemon thread, each in its own database session; the hub's publish is thread-safe.
    """

    def __init__(
        self,
        *,
        session_factory: Callable[[], Session],
        events: EventHub,
        max_sleep_s: float = DEFAULT_MAX_SLEEP_S,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._session_factory = session_factory
        self._events = events
        self._max_sleep_s = max_sleep_s
        self._clock = clock
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._remove_observer: Callable[[], None] | None = None
        self._last = clock()
        self.announced = 0

    def start(self) -> NoticeExpirySweeper:
        if self._thread is not None:
            return self
        self._last = self._clock()
        self._remove_observer = self._events.add_observer(self._on_publication)
        self._thread = threading.Thread(target=self._run, name="notice-expiry", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._remove_observer is not None:
            self._remove_observer()
            self._remove_observer = None
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                logger.warning("notice expiry sweeper did not stop within %s s", timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def poke(self) -> None:
        """Look again now (a notice was published: its expiry may be the next one)."""
        self._wake.set()

    def _on_publication(self, event_type: EventType, _payload: dict[str, Any]) -> None:
        if event_type is EventType.NOTICE_WAS_PUBLISHED:
            self.poke()

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()  # before the sweep: a poke during it makes the wait below return at once
            try:
                sleep_s = self._sweep()
            except Exception:
                logger.exception("notice expiry sweep failed; trying again later")
                sleep_s = self._max_sleep_s
            self._wake.wait(sleep_s)

    def _sweep(self) -> float:
        """Announce what expired since the last sweep; returns how long to sleep."""
        now = self._clock()
        with self._session_factory() as session:
            expired = expired_between(session, after=self._last, until=now)
            upcoming = next_expiry(session, after=now)
        self._last = now
        for notice_id in expired:
            self._events.publish(EventType.NOTICE_WAS_WITHDRAWN, NoticeWasWithdrawn(notice_id=notice_id))
            self.announced += 1
            logger.info("notice %s expired: withdrawal published", notice_id)
        if upcoming is None:
            return self._max_sleep_s
        due = (upcoming - now) / timedelta(seconds=1)
        return min(self._max_sleep_s, max(_MIN_SLEEP_S, due))
