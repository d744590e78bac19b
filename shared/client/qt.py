"""Qt side of the client: run blocking calls on a pool, deliver results and events as signals.

Modelled on Anki's ``taskman`` + ``operations``: a controller writes

    bridge.run(lambda: api.screen_pop(number), success=self._show_pop, failure=self._pop_failed)

The lambda runs on a worker thread and must not touch any widget; ``success``/``failure`` run on the
GUI thread. Failures arrive as :class:`ApiClientError` (anything else is wrapped in one, logged with
its traceback, and shown to the person only as a friendly message).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from shared.protocol.events import EventEnvelope

from .errors import ApiClientError, ClientErrorId
from .events import EventStream, StreamState

logger = logging.getLogger(__name__)

T = TypeVar("T")


class _Delivery(QObject):
    """Lives on the GUI thread; the worker emits into it, so the slot runs there (queued connection)."""

    done = Signal(object, object)  # (result, error)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], delivery: _Delivery) -> None:
        super().__init__()
        self._fn = fn
        self._delivery = delivery
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except ApiClientError as exc:
            self._delivery.done.emit(None, exc)
            return
        except Exception as exc:  # a bug, not a network problem: keep the traceback in the log only
            logger.exception("background operation failed")
            error = ApiClientError(
                "Something went wrong in the app; the action was not completed. Try again.",
                error_id=ClientErrorId.BAD_RESPONSE,
            )
            error.__cause__ = exc
            self._delivery.done.emit(None, error)
            return
        self._delivery.done.emit(result, None)


class ApiBridge(QObject):
    """Runs blocking work off the GUI thread and calls back on it.

    Threading contract: create and call :meth:`run` on the GUI thread. Callbacks run on the GUI
    thread, in completion order (not submission order). ``busy_changed`` reports whether any job is
    in flight (for a spinner). Jobs still running at :meth:`shutdown` finish, but their callbacks are
    dropped.
    """

    busy_changed = Signal(bool)
    failed = Signal(object)  # every ApiClientError, after the job's own failure callback (offline detection)
    succeeded = Signal()

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._pending: set[_Delivery] = set()
        self._closed = False

    @property
    def pending(self) -> int:
        return len(self._pending)

    def run(
        self,
        fn: Callable[[], T],
        *,
        success: Callable[[T], None] | None = None,
        failure: Callable[[ApiClientError], None] | None = None,
    ) -> None:
        if self._closed:
            return
        delivery = _Delivery()

        def finish(result: Any, error: ApiClientError | None) -> None:
            self._pending.discard(delivery)
            delivery.deleteLater()
            if not self._pending:
                self.busy_changed.emit(False)
            if self._closed:
                return
            if error is not None:
                if failure is not None:
                    failure(error)
                else:
                    logger.info("unhandled background failure: %s", error)
                self.failed.emit(error)
            else:
                if success is not None:
                    success(result)
                self.succeeded.emit()

        delivery.done.connect(finish)
        first = not self._pending
        self._pending.add(delivery)
        if first:
            self.busy_changed.emit(True)
        self._pool.start(_Job(fn, delivery))

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Block until every worker finished (tests, shutdown); callbacks still need the event loop."""
        return self._pool.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = 3000) -> None:
        self._closed = True
        self._pool.waitForDone(timeout_ms)


class QtEventStream(QObject):
    """An :class:`EventStream` whose events and state changes arrive as signals on the GUI thread.

    Threading contract: construct, :meth:`start` and :meth:`stop` on the GUI thread.
    """

    event_received = Signal(object)  # EventEnvelope
    state_changed = Signal(str)  # StreamState value

    def __init__(
        self,
        base_url: str,
        token_provider: Callable[[], str | None],
        *,
        since: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._stream = EventStream(
            base_url, token_provider, self._from_thread, self._state_from_thread, since=since
        )

    def _from_thread(self, envelope: EventEnvelope) -> None:
        self.event_received.emit(envelope)

    def _state_from_thread(self, state: StreamState) -> None:
        self.state_changed.emit(state.value)

    @property
    def last_seq(self) -> int:
        return self._stream.last_seq

    def start(self) -> None:
        self._stream.start()

    def stop(self) -> None:
        self._stream.stop()

    def kick(self) -> None:
        self._stream.kick()
