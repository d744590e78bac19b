"""Sign-in lockout: too many failed attempts for one work number, or from one client address (someone
trying one password against many work numbers), and further attempts are refused for a while.

The counts live in this process's memory: the server runs one API process (ARCHITECTURE.md's scale-out
with several API processes would move them into the database or PostgreSQL). A restart forgets them,
which only gives an attacker one more round of ``max_failures`` attempts.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

logger = logging.getLogger(__name__)


class LockScope(StrEnum):
    WORK_NUMBER = "work_number"
    CLIENT = "client"


@dataclass(frozen=True)
class Lockout:
    """A refusal in force: who is locked and for how many more seconds."""

    scope: LockScope
    key: str
    retry_after_seconds: int
    #: not a lockout yet: the attempts already being checked would reach the limit (wait for them)
    busy: bool = False


@dataclass
class _Counter:
    failures: deque[float] = field(default_factory=deque)
    locked_until: float = 0.0
    in_flight: int = 0  # attempts begun whose password check has not finished


class LoginThrottle:
    """Counts failed sign-ins per work number and per client address in a sliding window.

    ``max_failures`` failures of one work number (``max_client_failures`` from one address) within
    ``window_seconds`` lock it for ``lockout_seconds``; attempts while locked are refused without being
    counted (so the lock does not grow) and without checking the password. A success clears the work
    number's failures, not the address's (a sprayer who knows one password must not reset its count).

    Threading: every method may be called from any thread (FastAPI runs sync handlers in a pool); one lock
    guards the counters.
    """

    def __init__(
        self,
        *,
        max_failures: int = 5,
        max_client_failures: int = 30,
        window_seconds: float = 900.0,
        lockout_seconds: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_failures < 1 or max_client_failures < 1 or window_seconds <= 0 or lockout_seconds <= 0:
            raise ValueError("login limits must be positive")
        self.max_failures = max_failures
        self.max_client_failures = max_client_failures
        self.window_seconds = window_seconds
        self.lockout_seconds = lockout_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._counters: dict[tuple[LockScope, str], _Counter] = {}

    def check(self, *, work_number: str, client: str) -> Lockout | None:
        """The lockout refusing this attempt, if any (the work number's first)."""
        now = self._clock()
        with self._lock:
            return self._locked(now, work_number, client)

    def begin(self, *, work_number: str, client: str) -> Lockout | None:
        """Reserve an attempt before the password is checked: the lockout refusing it, or ``None`` and the
        attempt is counted as under way until :meth:`failed`, :meth:`succeeded` or :meth:`released`.

        Attempts under way count towards the limits, so parallel requests cannot check more than
        ``max_failures`` passwords between two lockouts (the check and the count are one step here); an
        attempt that would go past the limit while others are still being checked is refused for a second.
        """
        now = self._clock()
        with self._lock:
            lock = self._locked(now, work_number, client)
            if lock is not None:
                return lock
            keys = self._keys(work_number, client)
            for scope, key, limit in keys:
                counter = self._counters.get((scope, key))
                if counter is not None and len(counter.failures) + counter.in_flight >= limit:
                    return Lockout(scope, key, 1, busy=True)
            for scope, key, _limit in keys:
                self._counters.setdefault((scope, key), _Counter()).in_flight += 1
        return None

    def released(self, *, work_number: str, client: str) -> None:
        """An attempt from :meth:`begin` ended without a verdict on the password (e.g. a disabled account)."""
        with self._lock:
            self._end_attempt(work_number, client)

    def _keys(self, work_number: str, client: str) -> tuple[tuple[LockScope, str, int], ...]:
        return (
            (LockScope.WORK_NUMBER, work_number, self.max_failures),
            (LockScope.CLIENT, client, self.max_client_failures),
        )

    def _locked(self, now: float, work_number: str, client: str) -> Lockout | None:
        for scope, key in ((LockScope.WORK_NUMBER, work_number), (LockScope.CLIENT, client)):
            counter = self._counters.get((scope, key))
            if counter is not None and counter.locked_until > now:
                return Lockout(scope, key, max(1, math.ceil(counter.locked_until - now)))
        return None

    def _end_attempt(self, work_number: str, client: str) -> None:
        for scope, key, _limit in self._keys(work_number, client):
            counter = self._counters.get((scope, key))
            if counter is not None and counter.in_flight > 0:
                counter.in_flight -= 1

    def failed(self, *, work_number: str, client: str) -> list[Lockout]:
        """Count a failed attempt; returns the lockouts it started (to audit), usually none."""
        now = self._clock()
        started: list[Lockout] = []
        with self._lock:
            self._end_attempt(work_number, client)
            self._prune(now)
            for scope, key, limit in self._keys(work_number, client):
                counter = self._counters.setdefault((scope, key), _Counter())
                counter.failures.append(now)
                if len(counter.failures) >= limit:
                    counter.failures.clear()
                    counter.locked_until = now + self.lockout_seconds
                    started.append(Lockout(scope, key, math.ceil(self.lockout_seconds)))
        for lock in started:
            logger.warning(
                "sign-in locked for %s %r for %s s", lock.scope.value, lock.key, lock.retry_after_seconds
            )
        return started

    def succeeded(self, *, work_number: str, client: str | None = None) -> None:
        with self._lock:
            if client is not None:
                self._end_attempt(work_number, client)
            counter = self._counters.get((LockScope.WORK_NUMBER, work_number))
            if counter is not None:
                counter.failures.clear()
                counter.locked_until = 0.0
                if counter.in_flight == 0:
                    del self._counters[(LockScope.WORK_NUMBER, work_number)]

    def _prune(self, now: float) -> None:
        """Forget failures older than the window and expired locks, so memory stays bounded."""
        horizon = now - self.window_seconds
        for key in list(self._counters):
            counter = self._counters[key]
            while counter.failures and counter.failures[0] <= horizon:
                counter.failures.popleft()
            if not counter.failures and counter.locked_until <= now and counter.in_flight == 0:
                del self._counters[key]
