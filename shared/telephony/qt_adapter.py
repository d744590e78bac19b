"""Qt face of the engine: a QObject whose signals carry the engine's typed events, and a QTimer that pumps
the engine on the GUI thread. The only module of the package that imports PySide6."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from shared.telephony import events as ev
from shared.telephony.config import EngineConfig
from shared.telephony.engine import SoftphoneEngine

logger = logging.getLogger(__name__)


class QtTelephony(QObject):
    """Owns a :class:`SoftphoneEngine` on the GUI thread and re-emits its events as signals.

    Threading contract: create, :meth:`start` and :meth:`stop` on the GUI thread; use :attr:`engine` only
    from the GUI thread. Signals are emitted on the GUI thread from the pump timer (every ``pump_ms``).
    Every signal carries the event object (``shared.telephony.events``); ``any_event`` carries all of them.
    """

    any_event = Signal(object)  # every TelephonyEvent
    registration_changed = Signal(object)  # RegistrationChanged
    call_created = Signal(object)  # CallCreated
    incoming_call = Signal(object)  # IncomingCall
    incoming_call_rejected = Signal(object)  # IncomingCallRejected
    call_state_changed = Signal(object)  # CallStateChanged
    call_media_changed = Signal(object)  # CallMediaChanged
    dtmf_received = Signal(object)  # DtmfReceived
    call_quality = Signal(object)  # CallQuality
    transfer_requested = Signal(object)  # TransferRequested
    transfer_progress = Signal(object)  # TransferProgress
    call_replaced = Signal(object)  # CallReplaced
    call_ended = Signal(object)  # CallEnded
    playback_finished = Signal(object)  # PlaybackFinished

    def __init__(
        self, engine: SoftphoneEngine | None = None, pump_ms: int = 15, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine or SoftphoneEngine()
        self._timer = QTimer(self)
        self._timer.setInterval(pump_ms)
        self._timer.timeout.connect(self._pump)
        self._unsubscribe = self.engine.add_listener(self._forward)

    def start(self, config: EngineConfig | None = None) -> None:
        """Start the engine (if not started yet) and the pump timer."""
        if not self.engine.started:
            self.engine.start(config)
        self._timer.start()

    def stop(self) -> None:
        """Stop pumping and shut the engine down (hangs up calls, closes the headset)."""
        self._timer.stop()
        self.engine.shutdown()

    def _pump(self) -> None:
        try:
            self.engine.pump(0)
        except Exception:
            logger.exception("telephony pump failed")

    def _forward(self, event: ev.TelephonyEvent) -> None:
        signal = {
            ev.RegistrationChanged: self.registration_changed,
            ev.CallCreated: self.call_created,
            ev.IncomingCall: self.incoming_call,
            ev.IncomingCallRejected: self.incoming_call_rejected,
            ev.CallStateChanged: self.call_state_changed,
            ev.CallMediaChanged: self.call_media_changed,
            ev.DtmfReceived: self.dtmf_received,
            ev.CallQuality: self.call_quality,
            ev.TransferRequested: self.transfer_requested,
            ev.TransferProgress: self.transfer_progress,
            ev.CallReplaced: self.call_replaced,
            ev.CallEnded: self.call_ended,
            ev.PlaybackFinished: self.playback_finished,
        }.get(type(event))
        if signal is not None:
            signal.emit(event)
        self.any_event.emit(event)
