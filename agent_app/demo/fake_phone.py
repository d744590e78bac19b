"""A softphone that rings on command: for widget tests, screenshots and ``--demo`` mode.

Implements :class:`~agent_app.softphone.port.SoftphonePort` with plain state; ``ring()`` simulates an
INVITE from the server, ``far_end_hangs_up()`` a BYE. Threading contract: GUI thread only.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from agent_app.softphone.port import (
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


@dataclass
class FakeLine:
    call_id: str
    number: str
    state: LineState
    muted: bool = False
    connected_at: float | None = None
    dtmf: str = ""
    transferred_to: str | None = None
    conferenced_with: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class FakePhone:
    """The softphone port's fake. Threading contract: GUI thread only; the listener runs synchronously."""

    def __init__(self) -> None:
        self._listener: PhoneListener = lambda _e: None
        self._ids = itertools.count(1)
        self.lines: dict[str, FakeLine] = {}
        self.account: SipAccount | None = None
        self.actions: list[tuple[str, ...]] = []

    def _emit(self, event: PhoneEvent) -> None:
        self._listener(event)

    def _line(self, call_id: str) -> FakeLine:
        line = self.lines.get(call_id)
        if line is None or line.state is LineState.ENDED:
            raise PhoneError("That call has already ended.")
        return line

    def _changed(self, line: FakeLine) -> None:
        self._emit(LineChanged(line.call_id, line.state, line.muted, line.conferenced_with is not None))

    # ---- what the far side does -------------------------------------------------------------

    def ring(self, number: str, headers: Mapping[str, str] | None = None) -> str:
        call_id = f"c{next(self._ids)}"
        waiting = any(x.state in (LineState.CONNECTED, LineState.HELD) for x in self.lines.values())
        self.lines[call_id] = FakeLine(call_id, number, LineState.RINGING, headers=dict(headers or {}))
        self._emit(IncomingCall(call_id, number, "", dict(headers or {}), waiting=waiting))
        return call_id

    def far_end_answers(self, call_id: str) -> None:
        line = self._line(call_id)
        line.state, line.connected_at = LineState.CONNECTED, time.monotonic()
        self._changed(line)

    def far_end_hangs_up(self, call_id: str) -> None:
        self._end(self._line(call_id), "normal")

    def report_quality(self, call_id: str, mos: float, loss_pct: float = 0.0) -> None:
        self._emit(QualityReport(call_id, mos, loss_pct, 5.0))

    def _end(self, line: FakeLine, reason: str) -> None:
        was_connected = line.connected_at is not None
        duration = time.monotonic() - line.connected_at if line.connected_at else 0.0
        line.state = LineState.ENDED
        self._emit(CallEnded(line.call_id, reason, was_connected, duration))

    # ---- SoftphonePort ----------------------------------------------------------------------

    def set_listener(self, listener: PhoneListener) -> None:
        self._listener = listener

    def register(self, account: SipAccount) -> None:
        self.account = account
        self.actions.append(("register", account.user))
        self._emit(RegistrationChanged(True, "OK"))

    def unregister(self) -> None:
        self.account = None
        self._emit(RegistrationChanged(False, "signed out"))

    def dial(self, number: str, headers: Mapping[str, str] | None = None) -> str:
        if not number.strip():
            raise PhoneError("Enter a number to call.")
        call_id = f"c{next(self._ids)}"
        self.lines[call_id] = FakeLine(call_id, number, LineState.DIALING, headers=dict(headers or {}))
        self.actions.append(("dial", number))
        self._emit(OutgoingCall(call_id, number))
        self._changed(self.lines[call_id])
        return call_id

    def answer(self, call_id: str) -> None:
        line = self._line(call_id)
        if line.state is not LineState.RINGING:
            raise PhoneError("Only a ringing call can be answered.")
        line.state, line.connected_at = LineState.CONNECTED, time.monotonic()
        self.actions.append(("answer", call_id))
        self._changed(line)

    def reject(self, call_id: str) -> None:
        self.actions.append(("reject", call_id))
        self._end(self._line(call_id), "declined")

    def hangup(self, call_id: str) -> None:
        self.actions.append(("hangup", call_id))
        self._end(self._line(call_id), "normal")

    def hold(self, call_id: str, on: bool) -> None:
        line = self._line(call_id)
        line.state = LineState.HELD if on else LineState.CONNECTED
        self.actions.append(("hold" if on else "unhold", call_id))
        self._changed(line)

    def mute(self, call_id: str, on: bool) -> None:
        line = self._line(call_id)
        line.muted = on
        self.actions.append(("mute" if on else "unmute", call_id))
        self._changed(line)

    def send_dtmf(self, call_id: str, digits: str) -> None:
        self._line(call_id).dtmf += digits
        self.actions.append(("dtmf", call_id, digits))

    def blind_transfer(self, call_id: str, target: str) -> None:
        line = self._line(call_id)
        line.transferred_to = target
        self.actions.append(("blind_transfer", call_id, target))
        self._emit(TransferResult(call_id, True, "Accepted"))
        self._end(line, "transferred")

    def consult_transfer(self, call_id: str, consult_call_id: str) -> None:
        line = self._line(call_id)
        consult = self._line(consult_call_id)
        line.transferred_to = consult.number
        self.actions.append(("consult_transfer", call_id, consult_call_id))
        self._emit(TransferResult(call_id, True, "Accepted"))
        self._end(line, "transferred")
        self._end(consult, "transferred")

    def conference(self, call_a: str, call_b: str) -> None:
        a, b = self._line(call_a), self._line(call_b)
        a.conferenced_with, b.conferenced_with = call_b, call_a
        for line in (a, b):
            line.state = LineState.CONNECTED
            self._changed(line)
        self.actions.append(("conference", call_a, call_b))

    def shutdown(self) -> None:
        for line in list(self.lines.values()):
            if line.state is not LineState.ENDED:
                self._end(line, "normal")
