"""The WebSocket half: a background thread that keeps ``/api/v1/events`` open and resyncs after gaps.

On every (re)connect it asks for ``?since=<last seq>``; the server replays what was missed or, if it no
longer holds that far back, sends a ``snapshot`` envelope (the consumer reloads its views). Duplicates
(``seq`` at or below the last seen) are dropped, so handlers see each event at most once, in order.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from enum import StrEnum
from urllib.parse import urlencode

from pydantic import ValidationError
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from shared.protocol.events import EventEnvelope, EventType

from .rest import API_PREFIX

logger = logging.getLogger(__name__)

EVENTS_PATH = f"{API_PREFIX}/events"
CLOSE_NOT_AUTHENTICATED = 4401  # the server's close code for a refused token


class StreamState(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"  # will retry
    REJECTED = "rejected"  # the token was refused: retrying will not help until the user signs in again
    STOPPED = "stopped"


EnvelopeHandler = Callable[[EventEnvelope], None]
StateHandler = Callable[[StreamState], None]


def events_url(base_url: str, *, since: int, token: str) -> str:
    ws_base = (
        "ws://" + base_url[len("http://") :]
        if base_url.startswith("http://")
        else ("wss://" + base_url[len("https://") :])
    )
    return f"{ws_base}{EVENTS_PATH}?{urlencode({'since': since, 'token': token})}"


class EventStream:
    """Keeps one event socket open on its own daemon thread until :meth:`stop`.

    Threading contract: ``on_event`` and ``on_state`` are called on the stream's thread — a Qt
    consumer must hop to the GUI thread (:class:`shared.client.qt.QtEventStream` does). :meth:`start`
    and :meth:`stop` may be called from any thread; :attr:`last_seq` is safe to read anywhere.
    """

    def __init__(
        self,
        base_url: str,
        token_provider: Callable[[], str | None],
        on_event: EnvelopeHandler,
        on_state: StateHandler | None = None,
        *,
        since: int = 0,
        min_backoff_s: float = 0.2,
        max_backoff_s: float = 10.0,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._token_provider = token_provider
        self._on_event = on_event
        self._on_state = on_state or (lambda _s: None)
        self._since = since
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._min_backoff = min_backoff_s
        self._max_backoff = max_backoff_s
        self._thread: threading.Thread | None = None
        self._conn: ClientConnection | None = None
        self.state = StreamState.STOPPED

    @property
    def last_seq(self) -> int:
        with self._lock:
            return self._since

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="hotline-events", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 3.0) -> None:
        self._stop.set()
        conn = self._conn
        if conn is not None:
            try:
                conn.close()
            except Exception:  # closing a dying socket may raise anything; we are leaving anyway
                logger.debug("closing event socket", exc_info=True)
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None
        self._set_state(StreamState.STOPPED)

    def kick(self) -> None:
        """Drop the current connection so the thread reconnects at once (e.g. after a new login)."""
        conn = self._conn
        if conn is not None:
            try:
                conn.close()
            except Exception:
                logger.debug("kicking event socket", exc_info=True)

    def _set_state(self, state: StreamState) -> None:
        if state is self.state:
            return
        self.state = state
        try:
            self._on_state(state)
        except Exception:
            logger.exception("event-stream state handler failed")

    def _run(self) -> None:
        backoff = self._min_backoff
        refused: str | None = None  # a token the server turned away: wait for a new sign-in
        while not self._stop.is_set():
            token = self._token_provider()
            if not token or token == refused:
                self._set_state(StreamState.REJECTED)
                self._stop.wait(1.0)
                continue
            self._set_state(StreamState.CONNECTING)
            try:
                url = events_url(self._base, since=self.last_seq, token=token)
                auth = {"Authorization": f"Bearer {token}"}
                with connect(url, open_timeout=5, close_timeout=1, additional_headers=auth) as conn:
                    self._conn = conn
                    self._set_state(StreamState.CONNECTED)
                    backoff = self._min_backoff
                    self._pump(conn)
            except InvalidStatus as exc:
                status = exc.response.status_code
                logger.info("event socket refused: HTTP %s", status)
                if status in (401, 403):
                    refused = token
                    self._set_state(StreamState.REJECTED)
                else:
                    self._set_state(StreamState.DISCONNECTED)
            except ConnectionClosed as exc:
                code = exc.rcvd.code if exc.rcvd is not None else None
                logger.info("event socket closed: %s", exc)
                if code == CLOSE_NOT_AUTHENTICATED:
                    refused = token
                    self._set_state(StreamState.REJECTED)
                else:
                    self._set_state(StreamState.DISCONNECTED)
            except (OSError, InvalidHandshake, TimeoutError) as exc:
                logger.info("event socket lost: %s", exc)
                self._set_state(StreamState.DISCONNECTED)
            finally:
                self._conn = None
            if self._stop.wait(backoff):
                break
            backoff = min(self._max_backoff, backoff * 2)

    def _pump(self, conn: ClientConnection) -> None:
        while not self._stop.is_set():
            try:
                raw = conn.recv(timeout=1.0)
            except TimeoutError:
                continue
            try:
                envelope = EventEnvelope.model_validate(json.loads(raw))
            except (ValueError, ValidationError) as exc:
                logger.warning("ignoring unreadable event: %s", exc)
                continue
            with self._lock:
                if envelope.type is EventType.SNAPSHOT:
                    # the snapshot is the whole truth as of its seq, even one below ours (a server that
                    # lost its history): follow it, or every event after it would be dropped as "seen"
                    self._since = envelope.seq
                elif envelope.seq <= self._since:
                    continue  # replayed twice across a reconnect
                else:
                    self._since = envelope.seq
            try:
                self._on_event(envelope)
            except Exception:
                logger.exception("event handler failed for %s", envelope.type)
