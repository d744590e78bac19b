"""In-process event hub: strictly increasing ``seq``, a bounded replay buffer, per-client fan-out."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import BaseModel

from shared.protocol.enums import Role
from shared.protocol.events import EventEnvelope, EventType

logger = logging.getLogger(__name__)

#: WebSocket close codes the hub ends a subscription with (the socket handler sends them).
CLOSE_NOT_AUTHENTICATED = 4401
CLOSE_FELL_BEHIND = 4409

#: ``observer(event_type, payload_as_json_dict)``
Observer = Callable[[EventType, dict[str, Any]], None]

#: A client that falls this far behind is cut off and resyncs from a snapshot when it reconnects.
SUBSCRIBER_QUEUE_LIMIT = 1000


class EventSink(Protocol):
    """What routers and services publish into (see :class:`server_stub.api.deps.EventPublisher`)."""

    def publish(
        self,
        event_type: EventType,
        payload: BaseModel | dict[str, Any],
        *,
        to_agent_ids: Collection[int] | None = None,
    ) -> int: ...


@dataclass(frozen=True)
class _Stored:
    envelope: EventEnvelope
    #: ``None`` = everyone; otherwise only these agents (and every leader/admin) receive it.
    audience: frozenset[int] | None


@dataclass(eq=False)
class Subscription:
    """One connected client's inbox. Created and read on the event loop thread only."""

    agent_id: int
    role: Role
    queue: asyncio.Queue[EventEnvelope | None] = field(
        default_factory=lambda: asyncio.Queue(maxsize=SUBSCRIBER_QUEUE_LIMIT)
    )
    overflowed: bool = False
    #: hash of the bearer token the socket signed in with (so signing out can close it)
    token_hash: str | None = None
    #: why the hub ended this subscription: the reader closes the socket with this code
    close_code: int | None = None

    def wants(self, audience: frozenset[int] | None) -> bool:
        return audience is None or self.role in (Role.LEADER, Role.ADMIN) or self.agent_id in audience


class EventHub:
    """Numbers every event and fans it out to subscribed WebSocket clients.

    Threading: :meth:`publish` may be called from any thread (sync FastAPI handlers run in a thread pool);
    sequence assignment and buffering happen under a lock and delivery is handed to the event loop with
    ``call_soon_threadsafe`` in ``seq`` order. :meth:`subscribe`, :meth:`unsubscribe` and
    :meth:`replay_since` must be called on the event loop thread.
    """

    def __init__(self, *, buffer_size: int = 2048, last_seq: int | None = None) -> None:
        self._lock = threading.Lock()
        # Numbering starts at the clock in milliseconds, so a restarted server continues *above* every
        # number a client saw before (unless it published over 1000 events a second on average): a
        # reconnecting client's ``since`` is then simply "too old" and it gets a snapshot.
        start = time.time_ns() // 1_000_000 if last_seq is None else last_seq
        self._seq = itertools.count(start + 1)
        self._last_seq = start
        self._buffer: deque[_Stored] = deque(maxlen=buffer_size)
        self._subscribers: set[Subscription] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._observers: list[Observer] = []

    def attach_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    @property
    def last_seq(self) -> int:
        return self._last_seq

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def publish(
        self,
        event_type: EventType,
        payload: BaseModel | dict[str, Any],
        *,
        to_agent_ids: Collection[int] | None = None,
    ) -> int:
        body = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else dict(payload)
        audience = frozenset(to_agent_ids) if to_agent_ids is not None else None
        with self._lock:
            seq = next(self._seq)
            envelope = EventEnvelope(seq=seq, type=event_type, at=datetime.now(UTC), payload=body)
            stored = _Stored(envelope, audience)
            self._buffer.append(stored)
            self._last_seq = seq
            loop = self._loop
            # Scheduling inside the lock keeps deliveries in seq order across publishing threads.
            if loop is not None and not loop.is_closed():
                try:
                    loop.call_soon_threadsafe(self._deliver, stored)
                except RuntimeError:  # loop shut down between the check and the call
                    logger.debug("event %s not delivered: loop closed", seq)
        logger.debug("published #%s %s", seq, event_type.value)
        for observer in list(self._observers):
            try:
                observer(event_type, body)
            except Exception:
                logger.exception("event observer failed on %s", event_type.value)
        return seq

    def add_observer(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer(event_type, payload_dict)`` after every publication, on the publishing thread
        (in-process consumers such as the call centre). It must be quick; its errors are logged, never
        passed to the publisher. Returns a function that removes it."""
        self._observers.append(observer)

        def remove() -> None:
            with contextlib.suppress(ValueError):
                self._observers.remove(observer)

        return remove

    def _deliver(self, stored: _Stored) -> None:
        for sub in list(self._subscribers):
            if sub.overflowed or not sub.wants(stored.audience):
                continue
            try:
                sub.queue.put_nowait(stored.envelope)
            except asyncio.QueueFull:
                logger.warning("client of agent %s fell behind; dropping it so it resyncs", sub.agent_id)
                sub.overflowed = True
                self._end(sub, CLOSE_FELL_BEHIND)

    def _end(self, sub: Subscription, code: int) -> None:
        sub.close_code = code
        self._subscribers.discard(sub)
        # Wake the reader so it notices and closes; make room for the sentinel first.
        if sub.queue.full():
            sub.queue.get_nowait()
        sub.queue.put_nowait(None)

    def close_sessions(self, *, agent_id: int | None = None, token_hash: str | None = None) -> None:
        """End the sockets of a signed-out token or of an agent (disabled, password reset). Any thread."""

        def end_matching() -> None:
            for sub in list(self._subscribers):
                if (agent_id is not None and sub.agent_id == agent_id) or (
                    token_hash is not None and sub.token_hash == token_hash
                ):
                    self._end(sub, CLOSE_NOT_AUTHENTICATED)

        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(end_matching)

    def subscribe(self, *, agent_id: int, role: Role, token_hash: str | None = None) -> Subscription:
        sub = Subscription(agent_id=agent_id, role=role, token_hash=token_hash)
        self._subscribers.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self._subscribers.discard(sub)

    def replay_since(self, since: int, sub: Subscription | None = None) -> list[EventEnvelope] | None:
        """Events after ``since`` this subscriber may see; ``None`` if the buffer no longer reaches back."""
        with self._lock:
            if since > self._last_seq:
                return None  # numbers from somewhere else (a clock gone backwards): resync
            if since == self._last_seq:
                return []
            if not self._buffer or self._buffer[0].envelope.seq > since + 1:
                return None
            return [
                s.envelope
                for s in self._buffer
                if s.envelope.seq > since and (sub is None or sub.wants(s.audience))
            ]
