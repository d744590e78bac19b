"""The fake server's event stream as a Qt object shaped like :class:`shared.client.qt.QtEventStream`."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from shared.protocol.events import EventEnvelope, EventType

from .fake_server import FakeSupervisorServer


class FakeEventFeed(QObject):
    """Delivers what :meth:`FakeSupervisorServer.publish` publishes (from any thread) on the GUI thread.

    On :meth:`start` it first replays the busy seats' current calls (what a live socket would already
    have said). With ``animate_ms`` it also changes a few random seats on a timer (demo mode only).
    Threading contract: construct and start on the GUI thread.
    """

    event_received = Signal(object)
    state_changed = Signal(str)

    def __init__(
        self, server: FakeSupervisorServer, *, animate_ms: int = 0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._server = server
        self._running = False
        self.last_seq = 0
        server.subscribe(self._deliver)
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, animate_ms))
        self._timer.timeout.connect(self._animate)
        self._animate_ms = animate_ms

    def _deliver(self, envelope: EventEnvelope) -> None:
        if self._running:
            self.last_seq = envelope.seq
            self.event_received.emit(envelope)

    def start(self) -> None:
        self._running = True
        self.state_changed.emit("connected")
        for payload in self._server.busy_seat_events():
            self._server.publish(EventType.AGENT_STATE_DID_CHANGE, payload)
        if self._animate_ms:
            self._timer.start()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def kick(self) -> None:
        return None

    def _animate(self) -> None:
        for _ in range(3):
            self._server.random_change()
