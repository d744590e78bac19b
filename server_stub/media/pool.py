"""The pool of media worker processes, supervised by the server.

Workers are started ahead of demand (``size`` processes, more up to ``max_size`` while fewer than
``min_idle`` are idle), each on its own SIP port; the pool tells Kamailio's dispatcher which ones exist
(``on_workers_changed``). A worker that dies loses its own conversation and nothing else: the pool reports
``WorkerDied`` + ``ConversationEnded(WORKER_DIED)`` and starts a replacement. A conference room larger than
one worker reserves further idle workers (``reserve_room_worker``, ``WorkerInfo.room_of``); the pool carries
the chain's commands and party events between them (``RoomForward``/``RoomRelay``).

Threading: ``start``/``stop`` from the owner thread. ``command``/``dial_outbound``/``workers`` are
thread-safe. Worker events and lookups are handed to the :class:`CallControl` on the pool's one
dispatcher thread, in the order each worker sent them.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing.connection
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from . import control as mc
from .channel import (
    RESERVE_ROOM_WORKER,
    CommandName,
    QueryAnswer,
    RoomForward,
    RoomRelay,
    RoomReleased,
    WorkerCommand,
    WorkerConfig,
    WorkerEvent,
    WorkerQuery,
    WorkerReady,
    WorkerShutdown,
)

logger = logging.getLogger(__name__)

_PROJECT_ROOT = Path(__file__).resolve().parents[2]
MAX_EARLY_DEATHS = 3
START_CONCURRENCY = 6

#: the lookups a worker may ask for (CallControl methods)
QUERY_METHODS = frozenset({"is_blacklisted", "ivr_menu", "is_open", "active_notice_text", "ticket_status"})


@dataclass
class _Worker:
    worker_id: str
    process: subprocess.Popen[bytes]
    conn: Connection
    started_at: float
    host: str = ""
    port: int = 0
    ready: bool = False
    conversation_id: str | None = None
    send_lock: threading.Lock | None = None
    room_of: str | None = None  # extends this conversation's conference room (reserved, not idle)

    @property
    def idle(self) -> bool:
        return self.ready and self.conversation_id is None and self.room_of is None


@dataclass(frozen=True)
class WorkerInfo:
    worker_id: str
    pid: int
    host: str
    port: int
    ready: bool
    conversation_id: str | None
    room_of: str | None = None  # this worker extends that conversation's conference room


class WorkerPool:
    """See the module docstring."""

    def __init__(
        self,
        *,
        template: WorkerConfig,
        control: mc.CallControl,
        size: int = 4,
        min_idle: int = 1,
        max_size: int | None = None,
        on_workers_changed: Callable[[list[tuple[str, int]]], None] | None = None,
    ) -> None:
        if size < 1:
            raise ValueError("a media worker pool needs at least one worker")
        self._template = template
        self._control = control
        self._size = size
        self._min_idle = min_idle
        self._max_size = max(size, max_size or size)
        self._on_workers_changed = on_workers_changed
        self._lock = threading.Lock()
        self._workers: dict[str, _Worker] = {}
        self._ids = itertools.count(1)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._published: list[tuple[str, int]] | None = None
        self.deaths = 0
        self._early_deaths = 0  # in a row, before saying WorkerReady: a crash loop, not bad luck
        self.broken: str | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self, timeout: float | None = None) -> None:
        """Start ``size`` workers, at most ``START_CONCURRENCY`` booting at once (a hundred interpreters
        importing pjsua2 together on two cores would all be slow), and wait until they listen.
        ``timeout`` defaults to 3 s per worker, at least 60 s."""
        limit = timeout if timeout is not None else max(60.0, 3.0 * self._size)
        deadline = time.monotonic() + limit
        self._thread = threading.Thread(target=self._run, name="media-pool", daemon=True)
        self._thread.start()
        for _ in range(self._size):
            while (
                self._booting() >= START_CONCURRENCY and time.monotonic() < deadline and self.broken is None
            ):
                time.sleep(0.05)
            if self.broken is not None or time.monotonic() >= deadline:
                break
            self._spawn()
        if not self.wait_ready(self._size, max(0.0, deadline - time.monotonic())):
            if self.broken:
                raise RuntimeError(self.broken)
            raise RuntimeError(
                f"media workers did not start within {limit:.0f} s ({self.ready_count()} of {self._size} "
                "ready); the machine may be overloaded"
            )

    def _booting(self) -> int:
        with self._lock:
            return sum(1 for w in self._workers.values() if not w.ready)

    def wait_ready(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.broken is None:
            if self.ready_count() >= count:
                return True
            time.sleep(0.05)
        return self.ready_count() >= count

    def ready_count(self) -> int:
        with self._lock:
            return sum(1 for w in self._workers.values() if w.ready)

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        with self._lock:
            workers = list(self._workers.values())
        for w in workers:
            self._send(w, WorkerShutdown())
        deadline = time.monotonic() + timeout
        for w in workers:
            try:
                w.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning(
                    "media worker %s (pid %s) did not stop; killing it", w.worker_id, w.process.pid
                )
                with contextlib.suppress(ProcessLookupError):
                    os.kill(w.process.pid, signal.SIGKILL)
                w.process.wait(5)
            with contextlib.suppress(OSError):
                w.conn.close()
        if self._thread is not None:
            self._thread.join(5)
        with self._lock:
            self._workers.clear()

    # ------------------------------------------------------------------ commands

    def command(self, conversation_id: str, name: CommandName, **args: Any) -> None:
        with self._lock:
            worker = next((w for w in self._workers.values() if w.conversation_id == conversation_id), None)
        if worker is None:
            raise mc.MediaCommandError(
                f"no media worker holds conversation {conversation_id} (it ended or never existed)",
                error_id="unknown_conversation",
            )
        self._send(worker, WorkerCommand(name, conversation_id, args))

    def dial_outbound(
        self, agent_work_number: str, number: str, headers: dict[str, str] | None = None
    ) -> str:
        conversation_id = uuid.uuid4().hex[:16]
        with self._lock:
            worker = next((w for w in self._workers.values() if w.idle), None)
            if worker is not None:
                worker.conversation_id = conversation_id
        if worker is None:
            raise mc.MediaCommandError(
                "every media worker is busy; try again shortly", error_id="no_idle_worker"
            )
        self._send(
            worker,
            WorkerCommand(
                CommandName.DIAL_OUTBOUND,
                conversation_id,
                {"agent_work_number": agent_work_number, "number": number, "headers": dict(headers or {})},
            ),
        )
        self._top_up()
        return conversation_id

    def workers(self) -> list[WorkerInfo]:
        with self._lock:
            return [
                WorkerInfo(w.worker_id, w.process.pid, w.host, w.port, w.ready, w.conversation_id, w.room_of)
                for w in self._workers.values()
            ]

    # ------------------------------------------------------------------ internals

    def _spawn(self) -> _Worker:
        worker_id = f"w{next(self._ids)}"
        parent_sock, child_sock = socket.socketpair()
        config = replace(self._template, worker_id=worker_id, sip_port=0)
        child_fd = child_sock.fileno()
        process = subprocess.Popen(
            [sys.executable, "-m", "server_stub.media.worker", str(child_fd)],
            pass_fds=(child_fd,),
            cwd=_PROJECT_ROOT,
            stdin=subprocess.DEVNULL,
            # pjlib prints its start-up banner on stdout before logging is configured; the server's stdout
            # carries the one "listening on" line scripts read, so keep workers off it (logs go to stderr).
            stdout=subprocess.DEVNULL,
        )
        child_sock.close()
        parent = Connection(parent_sock.detach())
        worker = _Worker(worker_id, process, parent, time.monotonic(), send_lock=threading.Lock())
        self._send(worker, config)
        with self._lock:
            self._workers[worker_id] = worker
        logger.info("media worker %s starting (pid %s)", worker_id, process.pid)
        return worker

    def _send(self, worker: _Worker, msg: Any) -> None:
        assert worker.send_lock is not None
        try:
            with worker.send_lock:
                worker.conn.send(msg)
        except (OSError, EOFError, BrokenPipeError) as exc:
            logger.warning("media worker %s unreachable: %s", worker.worker_id, exc)

    def _run(self) -> None:
        while not self._stopping.is_set():
            with self._lock:
                workers = list(self._workers.values())
            # a dead worker's socket reads as end-of-file: that is the death notice
            waitables: dict[Any, _Worker] = {w.conn: w for w in workers}
            if not waitables:
                time.sleep(0.2)
                continue
            try:
                ready = multiprocessing.connection.wait(list(waitables), timeout=0.5)
            except OSError:
                continue
            for obj in ready:
                if self._stopping.is_set():
                    return
                worker = waitables[obj]
                if not self._read(worker):
                    self._on_death(worker)

    def _read(self, worker: _Worker) -> bool:
        """Handle what the worker sent; ``False`` when its end is closed (it died or is exiting)."""
        try:
            while worker.conn.poll(0):
                self._on_message(worker, worker.conn.recv())
        except (EOFError, OSError):
            return False
        return True

    def _on_message(self, worker: _Worker, msg: Any) -> None:
        if isinstance(msg, WorkerReady):
            with self._lock:
                worker.host, worker.port, worker.ready = msg.host, msg.port, True
                self._early_deaths = 0
            logger.info("media worker %s ready on %s:%d", worker.worker_id, msg.host, msg.port)
            self._publish()
        elif isinstance(msg, WorkerEvent):
            event = msg.event
            if isinstance(event, mc.InboundCallArrived | mc.OutboundRequested):
                with self._lock:
                    worker.conversation_id = event.conversation_id
                self._top_up()
            elif isinstance(event, mc.ConversationReleased):
                with self._lock:
                    if worker.conversation_id == event.conversation_id:
                        worker.conversation_id = None
            self._deliver(event)
        elif isinstance(msg, WorkerQuery):
            if msg.method == RESERVE_ROOM_WORKER:
                self._send(worker, QueryAnswer(msg.request_id, self._reserve_room_worker(worker, *msg.args)))
            else:
                self._send(worker, self._answer(msg))
        elif isinstance(msg, RoomForward | RoomRelay):
            with self._lock:
                target = self._workers.get(msg.to_worker)
            if target is None:
                logger.warning("conference message for vanished worker %s dropped", msg.to_worker)
            else:
                self._send(target, msg)
        elif isinstance(msg, RoomReleased):
            with self._lock:
                if worker.room_of == msg.conversation_id:
                    worker.room_of = None

    def _reserve_room_worker(self, requester: _Worker, conversation_id: str) -> dict[str, Any] | None:
        """An idle worker becomes the next link of ``conversation_id``'s conference chain. It is told at
        once (before the requester can dial it) so that Kamailio's next trunk call finds it busy."""
        with self._lock:
            worker = next((w for w in self._workers.values() if w.idle and w is not requester), None)
            if worker is not None:
                worker.room_of = conversation_id
        if worker is None:
            logger.warning("no idle media worker to extend conference %s", conversation_id)
            self._top_up()
            return None
        self._send(
            worker,
            WorkerCommand(CommandName.ROOM_RESERVE, conversation_id, {"upstream": requester.worker_id}),
        )
        self._top_up()
        logger.info("media worker %s extends the room of %s", worker.worker_id, conversation_id)
        return {"worker_id": worker.worker_id, "host": worker.host, "port": worker.port}

    def _answer(self, query: WorkerQuery) -> QueryAnswer:
        if query.method not in QUERY_METHODS:
            return QueryAnswer(query.request_id, error=f"unknown lookup {query.method!r}")
        try:
            return QueryAnswer(query.request_id, getattr(self._control, query.method)(*query.args))
        except Exception as exc:  # a failing lookup must not kill the dispatcher; the IVR falls back
            logger.exception("lookup %s%r failed", query.method, query.args)
            return QueryAnswer(query.request_id, error=repr(exc))

    def _deliver(self, event: mc.MediaEvent) -> None:
        try:
            self._control.handle(event)
        except Exception:  # the control plane's bug must not stop the media plane
            logger.exception("control plane failed to handle %s", type(event).__name__)

    def _on_death(self, worker: _Worker) -> None:
        with self._lock:
            if self._workers.pop(worker.worker_id, None) is None:
                return
        self.deaths += 1
        try:
            worker.process.wait(2)
        except subprocess.TimeoutExpired:
            # its pipe is gone, so it can no longer be supervised: make sure it is really gone
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.process.pid, signal.SIGKILL)
            worker.process.wait(5)
        with contextlib.suppress(OSError):
            worker.conn.close()
        lost = (worker.conversation_id,) if worker.conversation_id else ()
        logger.error(
            "media worker %s (pid %s) died with exit code %s; lost conversations %s",
            worker.worker_id,
            worker.process.pid,
            worker.process.returncode,
            list(lost) or "none",
        )
        self._deliver(mc.WorkerDied("", worker.worker_id, lost))
        self._tell_room_chain(worker)
        for conversation_id in lost:
            self._deliver(mc.ConversationEnded(conversation_id, datetime.now(UTC), mc.EndedBy.WORKER_DIED))
        if not worker.ready:
            self._early_deaths += 1
            if self._early_deaths >= MAX_EARLY_DEATHS:
                self.broken = (
                    f"media workers exit while starting (exit code {worker.process.returncode}, "
                    f"{self._early_deaths} in a row): check --sip-host ({self._template.host!r} must be an "
                    "address of this machine) and the worker errors in the server log"
                )
                logger.error("%s; not starting more", self.broken)
                self._publish()
                return
        self._spawn()
        self._top_up()
        self._publish()

    def _tell_room_chain(self, dead: _Worker) -> None:
        """A worker of a conference chain died: the workers linked to it drop that link at once (rather
        than after the link's RTP timeout) — its parties are gone, the rest of the room goes on."""
        room = dead.room_of or dead.conversation_id
        if room is None:
            return
        with self._lock:
            chain = [w for w in self._workers.values() if room in (w.conversation_id, w.room_of)]
        for w in chain:
            self._send(w, WorkerCommand(CommandName.ROOM_LINK_LOST, room, {"worker_id": dead.worker_id}))

    def _top_up(self) -> None:
        """Keep ``min_idle`` workers idle (up to ``max_size``) so the next call finds one at once."""
        with self._lock:
            total = len(self._workers)
            idle = sum(1 for w in self._workers.values() if w.conversation_id is None and w.room_of is None)
        missing = min(self._min_idle - idle, self._max_size - total)
        for _ in range(max(0, missing)):
            self._spawn()

    def _publish(self) -> None:
        with self._lock:
            live = sorted((w.host, w.port) for w in self._workers.values() if w.ready)
        if live == self._published or self._on_workers_changed is None:
            return
        self._published = live
        try:
            self._on_workers_changed(live)
        except Exception:  # a failed dispatcher reload is retried on the next change
            logger.exception("could not publish the media workers to the dispatcher")
            self._published = None
