"""Adapts ``shared.telephony.SoftphoneEngine`` to :class:`~agent_app.softphone.port.SoftphonePort`.

The engine lives on the GUI thread (``threadCnt=0``, ``mainThreadOnly``), pumped by the telephony
package's own Qt adapter (``QtTelephony``), so every engine event — and therefore every port event —
arrives on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from PySide6.QtCore import QObject

from shared.telephony import events as tev
from shared.telephony.config import AccountConfig, EngineConfig
from shared.telephony.engine import SoftphoneEngine
from shared.telephony.errors import TelephonyError
from shared.telephony.ids import AccountId, CallId
from shared.telephony.qt_adapter import QtTelephony
from shared.telephony.states import CallState

from .port import (
    CallEnded,
    IncomingCall,
    LineChanged,
    LineState,
    OutgoingCall,
    PhoneError,
    PhoneEvent,
    PhoneListener,
    QualityReport,
    RegistrationChanged,
    SipAccount,
    TransferResult,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")

_LINE_STATE = {
    CallState.DIALING: LineState.DIALING,
    CallState.EARLY: LineState.DIALING,
    CallState.RINGING: LineState.RINGING,
    CallState.CONNECTING: LineState.CONNECTED,
    CallState.CONNECTED: LineState.CONNECTED,
    CallState.HELD: LineState.HELD,
    CallState.ENDED: LineState.ENDED,
}


class EngineSoftphone(QObject):
    """The real softphone. Threading contract: GUI thread only (see module docstring)."""

    def __init__(
        self, config: EngineConfig | None = None, *, pump_interval_ms: int = 15, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._qt = QtTelephony(pump_ms=pump_interval_ms, parent=self)
        self._engine = self._qt.engine
        self._qt.any_event.connect(self._on_engine_event)
        self._qt.start(config or EngineConfig(bind_address="", quality_interval_s=5.0))
        self._listener: PhoneListener = lambda _e: None
        self._account: AccountId | None = None
        self._headset: Any = None  # HeadsetBridge once attached

    def attach_headset(self, microphone: str, speaker: str) -> None:
        """Bridge the calls to the headset (PortAudio, devices by name, "" = system default).

        Raises whatever PortAudio raises when it is missing; the caller keeps the phone without audio.
        """
        from shared.telephony.audio import HeadsetBridge

        self._headset = HeadsetBridge(microphone=microphone or None, speaker=speaker or None)
        self._engine.set_headset(self._headset)
        self._headset.start()

    def select_devices(self, microphone: str, speaker: str) -> None:
        if self._headset is not None:
            self._headset.select_microphone(microphone or None)
            self._headset.select_speaker(speaker or None)

    @property
    def engine(self) -> SoftphoneEngine:
        return self._engine

    def set_listener(self, listener: PhoneListener) -> None:
        self._listener = listener

    def _emit(self, event: PhoneEvent) -> None:
        self._listener(event)

    def _on_engine_event(self, event: tev.TelephonyEvent) -> None:
        match event:
            case tev.RegistrationChanged():
                self._emit(RegistrationChanged(event.state.value == "registered", event.reason))
            case tev.IncomingCall():
                self._emit(
                    IncomingCall(
                        str(event.call_id),
                        event.caller_id,
                        event.display_name,
                        dict(event.x_headers),
                        waiting=event.busy_elsewhere,
                    )
                )
            case tev.CallCreated():
                self._emit(OutgoingCall(str(event.call_id), event.remote_uri))
            case tev.CallStateChanged():
                if event.state is not CallState.ENDED:
                    snap = self._engine.call_snapshot(event.call_id)
                    self._emit(
                        LineChanged(
                            str(event.call_id),
                            _LINE_STATE[event.state],
                            snap.muted,
                            bool(snap.conferenced_with),
                        )
                    )
            case tev.CallMediaChanged():
                snap = self._engine.call_snapshot(event.call_id)
                self._emit(
                    LineChanged(
                        str(event.call_id), _LINE_STATE[snap.state], event.muted, bool(event.conferenced_with)
                    )
                )
            case tev.CallQuality():
                self._emit(
                    QualityReport(str(event.call_id), event.mos, event.rx_loss_pct, event.rx_jitter_ms)
                )
            case tev.TransferProgress() if event.final:
                self._emit(TransferResult(str(event.call_id), event.succeeded, event.reason))
            case tev.CallEnded():
                self._emit(
                    CallEnded(
                        str(event.call_id), event.end_reason.value, event.was_connected, event.duration_s
                    )
                )
            case _:
                pass

    def _do(self, what: str, fn: Callable[..., T], *args: object) -> T:
        try:
            return fn(*args)
        except TelephonyError as exc:
            logger.info("%s failed: %s", what, exc)
            raise PhoneError(str(exc)) from exc

    def register(self, account: SipAccount) -> None:
        if self._account is not None:
            self.unregister()
        config = AccountConfig(
            sip_uri=f'"{account.display_name or account.user}" <sip:{account.user}@{account.domain}>',
            registrar_uri=account.registrar,
            username=account.user,
            password=account.password,
        )
        self._account = self._do("register", self._engine.add_account, config)

    def unregister(self) -> None:
        if self._account is not None:
            account, self._account = self._account, None
            self._do("unregister", self._engine.remove_account, account)

    def dial(self, number: str, headers: Mapping[str, str] | None = None) -> str:
        if self._account is None:
            raise PhoneError("The phone is not signed in to the telephone server yet.")
        return str(self._do("dial", self._engine.dial, number, self._account, headers))

    def answer(self, call_id: str) -> None:
        self._do("answer", self._engine.answer, CallId(call_id))

    def reject(self, call_id: str) -> None:
        self._do("reject", self._engine.reject, CallId(call_id), 486)

    def hangup(self, call_id: str) -> None:
        self._do("hangup", self._engine.hangup, CallId(call_id))

    def hold(self, call_id: str, on: bool) -> None:
        self._do("hold", self._engine.hold if on else self._engine.unhold, CallId(call_id))

    def mute(self, call_id: str, on: bool) -> None:
        self._do("mute", self._engine.mute, CallId(call_id), on)

    def send_dtmf(self, call_id: str, digits: str) -> None:
        self._do("dtmf", self._engine.send_dtmf, CallId(call_id), digits)

    def blind_transfer(self, call_id: str, target: str) -> None:
        self._do("transfer", self._engine.blind_transfer, CallId(call_id), target)

    def consult_transfer(self, call_id: str, consult_call_id: str) -> None:
        self._do("transfer", self._engine.consult_transfer, CallId(call_id), CallId(consult_call_id))

    def conference(self, call_a: str, call_b: str) -> None:
        self._do("conference", self._engine.conference, CallId(call_a), CallId(call_b))

    def shutdown(self) -> None:
        if self._headset is not None:
            self._engine.set_headset(None)
            self._headset.close()  # before the endpoint goes: pjsua2 asserts on orphaned bridge ports
            self._headset = None
        self._qt.stop()
