"""The fake server's event stream as a Qt object shaped like :class:`shared.client.qt.QtEventStream`."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from shared.protocol.events import EventEnvelope

from .fake_server import FakeHotlineServer


class FakeEventFeed(QObject):
    """Delivers whatever :meth:`FakeHotlineServer.publish` publishes (from any thread) on the GUI thread."""

    event_received = Signal(object)
    state_changed = Signal(str)

    def __init__(self, server: FakeHotlineServer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = False
        server.subscribe(self._deliver)

    def _deliver(self, envelope: EventEnvelope) -> None:
        if self._running:
            self.event_received.emit(envelope)

    def start(self) -> None:
        self._running = True
        self.state_changed.emit("connected")

    def stop(self) -> None:
        self._running = False

    def kick(self) -> None:
        return None
