"""Queue panel controller: loads queues, applies ``queue_did_change`` events, polls figures every 10 s
(the day's counters change with every call; the server does not push each one)."""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from shared.client.errors import ApiClientError, ClientErrorId
from shared.protocol.events import EventEnvelope, EventType
from shared.protocol.schemas.queues import QueueOut
from shared.protocol.schemas.reports import LiveQueueFigures, WaitingCall

from ..common import ConsoleContext
from .model import DEFAULT_HANDLE_SECONDS, Thresholds
from .widgets import QueuePanel

logger = logging.getLogger(__name__)

POLL_MS = 5_000


class QueuesController(QObject):
    """Threading contract: GUI thread; fetches run on the bridge."""

    notify = Signal(str, bool)
    updated = Signal(list)  # list[QueueOut]

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.panel = QueuePanel(parent)
        self.queues: dict[str, QueueOut] = {}
        self.handle_seconds = DEFAULT_HANDLE_SECONDS
        self.thresholds = Thresholds()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)
        self._in_flight = False
        self._waiting_known = True
        self._waiting_calls: list[WaitingCall] = []
        self.acd_estimates: dict[str, int | None] = {}
        self._live_retry_at = 0.0
        self._last_error = ""
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(lambda: self.panel.tick_waiting(self.queues, self._ctx.now()))

    def start(self) -> None:
        self.refresh()
        self._poll.start()
        self._tick.start()

    def stop(self) -> None:
        self._poll.stop()
        self._tick.stop()

    def refresh(self) -> None:
        if self._in_flight:
            return
        self._in_flight = True
        self._ctx.bridge.run(self._ctx.api.queues, success=self._loaded, failure=self._failed)
        if time.monotonic() >= self._live_retry_at:
            self._ctx.bridge.run(self._ctx.api.live_queues, success=self._got_live, failure=self._live_failed)
        if self._waiting_known:
            self._ctx.bridge.run(
                self._ctx.api.waiting_calls, success=self._got_waiting, failure=self._waiting_failed
            )

    def _got_live(self, figures: list[LiveQueueFigures]) -> None:
        self.acd_estimates = {f.code: f.estimated_wait_seconds for f in figures}
        self._show()

    def _live_failed(self, error: ApiClientError) -> None:
        # no call path (404 unmounted, 503 not started): use our own estimate, ask again in a minute
        self.acd_estimates = {}
        self._live_retry_at = time.monotonic() + 60
        logger.info("no live ACD figures: %s", error.message)

    def _got_waiting(self, calls: list[WaitingCall]) -> None:
        self._waiting_calls = calls
        self.panel.show_waiting(calls, self.queues, self._ctx.now())

    def _waiting_failed(self, error: ApiClientError) -> None:
        if error.error_id is ClientErrorId.NOT_FOUND:  # a server without /reports: stop asking every 5 s
            self._waiting_known = False
            logger.info("this server lists no waiting calls (%s)", error.message)
            return
        logger.info("waiting calls not loaded: %s", error.message)

    def _loaded(self, queues: list[QueueOut]) -> None:
        self._in_flight = False
        self._last_error = ""
        self.queues = {q.code: q for q in queues}
        self._show()

    def _show(self) -> None:
        ordered = sorted(self.queues.values(), key=lambda q: q.id)
        self.panel.show_queues(ordered, self.handle_seconds, self.thresholds, self.acd_estimates)
        if self._waiting_calls:  # names and thresholds come with the queues, which may arrive second
            self.panel.show_waiting(self._waiting_calls, self.queues, self._ctx.now())
        self.updated.emit(ordered)

    def on_event(self, envelope: EventEnvelope) -> None:
        if envelope.type is EventType.QUEUE_DID_CHANGE:
            queue = QueueOut.model_validate(envelope.payload)
            self.queues[queue.code] = queue
            self._show()
        elif envelope.type is EventType.SNAPSHOT:
            raw: list[dict[str, Any]] = envelope.payload.get("queues", [])
            self._loaded([QueueOut.model_validate(q) for q in raw])

    def set_handle_seconds(self, seconds: float | None) -> None:
        if seconds:
            self.handle_seconds = seconds
            self._show()

    def _failed(self, error: ApiClientError) -> None:
        self._in_flight = False
        if error.message != self._last_error:  # polled every 5 s: say it once, not every time
            self._last_error = error.message
            self.notify.emit(error.message, True)
