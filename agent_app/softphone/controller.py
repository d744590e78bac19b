"""Drives the softphone: phone events in, panel updates and call-flow signals out."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from agent_app.context import AppContext
from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import DepartmentOut, DirectoryEntry, QueueOut, TransferKind
from shared.protocol.enums import AgentState
from shared.protocol.events import EventEnvelope, EventType

from .model import CallLine, Direction, quality_level
from .port import (
    CALL_HEADER,
    CALLER_HEADER,
    QUEUE_HEADER,
    CallEnded,
    IncomingCall,
    LineChanged,
    LineState,
    OutgoingCall,
    PhoneError,
    PhoneEvent,
    QualityReport,
    RegistrationChanged,
    TransferResult,
)
from .widgets import SoftphonePanel

logger = logging.getLogger(__name__)


class Ringer(Protocol):
    def start(self) -> None: ...
    def stop(self) -> None: ...


class SilentRinger:
    """No ring device (tests, or PortAudio absent). Threading contract: GUI thread."""

    def __init__(self) -> None:
        self.ringing = False

    def start(self) -> None:
        self.ringing = True

    def stop(self) -> None:
        self.ringing = False


class SoftphoneController(QObject):
    """Threading contract: GUI thread; the phone calls its listener on the GUI thread."""

    incoming_call = Signal(object)  # port.IncomingCall, the moment the INVITE arrives
    call_answered = Signal(object)  # CallLine
    call_ended = Signal(object, bool)  # CallLine, was_connected
    call_held = Signal(bool)
    registration_changed = Signal(bool)
    transferred = Signal(str)  # target, once the server took the transfer
    current_changed = Signal(object)  # CallLine the panel now controls (switching lines, one ended)

    def __init__(
        self,
        ctx: AppContext,
        panel: SoftphonePanel,
        *,
        ringer: Ringer | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(panel)
        self._ctx = ctx
        self.panel = panel
        self.ringer = ringer or SilentRinger()
        self._clock = clock
        self.lines: dict[str, CallLine] = {}
        self.current_id: str | None = None
        self.last_dialled = ""
        self._consult: tuple[str, str] | None = None  # (original call, consultation call)
        self.ticket_serial: str | None = None  # saved during this call: it follows a transfer
        self._switch_after_end = False
        self.own_work_number = ""  # not offered as a transfer target
        self.queue_name: Callable[[str], str] = lambda code: code  # the app maps codes to names
        self.registered = False
        ctx.phone.set_listener(self.on_phone_event)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        panel.answer_requested.connect(self.answer)
        panel.reject_requested.connect(self.reject)
        panel.hangup_requested.connect(self.hangup)
        panel.hold_toggled.connect(self.toggle_hold)
        panel.mute_toggled.connect(self.toggle_mute)
        panel.dial_requested.connect(self.dial)
        panel.redial_requested.connect(self.redial)
        panel.dtmf_requested.connect(self.send_dtmf)
        panel.transfer_opened.connect(self.open_transfer)
        panel.conference_requested.connect(self.conference)
        panel.line_selected.connect(self.select_line)
        panel.transfer_picker.blind_requested.connect(self.blind_transfer)
        panel.transfer_picker.consult_requested.connect(self.start_consult)
        panel.transfer_picker.closed.connect(panel.transfer_picker.hide)

    # ---- helpers ------------------------------------------------------------------------------

    @property
    def current(self) -> CallLine | None:
        return self.lines.get(self.current_id or "")

    def ringing_line(self) -> CallLine | None:
        return next((x for x in self.lines.values() if x.state is LineState.RINGING), None)

    def live_lines(self) -> list[CallLine]:
        return [x for x in self.lines.values() if x.live]

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except PhoneError as exc:
            self.panel.show_error(str(exc))

    def _render(self) -> None:
        now = self._clock()
        ringing = self.ringing_line()
        self.panel.show_incoming(ringing, self.queue_name(ringing.queue) if ringing else "")
        self.panel.show_calls(self.live_lines(), self.current, now)
        current = self.current
        self.panel.show_quality(quality_level(current.mos if current else None))
        if self._consult is not None:
            self.panel.transfer.setText(self.tr("Complete transfer"))
        else:
            self.panel.transfer.setText(self.tr("Transfer"))
        if self.live_lines():
            self._ticker.start()
        else:
            self._ticker.stop()

    def _tick(self) -> None:
        current = self.current
        if current is not None:
            self.panel.show_timer(current.talk_seconds(self._clock()))

    # ---- phone events -------------------------------------------------------------------------

    def on_phone_event(self, event: PhoneEvent) -> None:
        match event:
            case IncomingCall():
                line = CallLine(
                    event.call_id,
                    # a media worker's INVITE comes from the worker; the citizen is in X-Hotline-Caller
                    event.header(CALLER_HEADER) or event.caller_number,
                    Direction.INBOUND,
                    LineState.RINGING,
                    self._clock(),
                    waiting=event.waiting,
                    hotline_call_ref=event.header(CALL_HEADER),
                    queue=event.header(QUEUE_HEADER),
                )
                self.lines[event.call_id] = line
                if self.current_id is None or not self.current:
                    self.current_id = event.call_id
                self.ringer.start()
                self.incoming_call.emit(event)
            case OutgoingCall():
                if event.call_id not in self.lines:
                    self.lines[event.call_id] = CallLine(
                        event.call_id,
                        self.last_dialled or event.number,
                        Direction.OUTBOUND,
                        LineState.DIALING,
                        self._clock(),
                    )
                self.current_id = event.call_id
            case LineChanged():
                changed = self.lines.get(event.call_id)
                if changed is None:
                    return
                line = changed
                was = line.state
                line.state, line.muted, line.conferenced = event.state, event.muted, event.conferenced
                if event.state is LineState.CONNECTED and line.connected_at is None:
                    line.connected_at = self._clock()
                    if line.direction is Direction.INBOUND:
                        self.call_answered.emit(line)
                if (
                    was is LineState.RINGING
                    and event.state is not LineState.RINGING
                    and not self.ringing_line()
                ):
                    self.ringer.stop()
                if line.call_id == self.current_id and (event.state is LineState.HELD) != (
                    was is LineState.HELD
                ):
                    self.call_held.emit(event.state is LineState.HELD)
            case CallEnded():
                ended = self.lines.pop(event.call_id, None)
                if ended is None:
                    return
                line = ended
                line.state = LineState.ENDED
                if not self.ringing_line():
                    self.ringer.stop()
                if self._consult and event.call_id in self._consult:
                    self._consult = None
                if self.current_id == event.call_id:
                    self._switch_after_end = True
                    self.current_id = next(
                        (x.call_id for x in self.live_lines() if x.state is not LineState.RINGING), None
                    ) or (next((x.call_id for x in self.live_lines()), None))
                remaining_talking = any(x.connected_at is not None for x in self.live_lines())
                self.call_ended.emit(line, event.was_connected and not remaining_talking)
                if self._switch_after_end:
                    self._switch_after_end = False
                    current = self.current
                    if current is not None and current.connected_at is not None:
                        self.current_changed.emit(current)
            case QualityReport():
                rated = self.lines.get(event.call_id)
                if rated is not None:
                    rated.mos = event.mos
            case TransferResult():
                if not event.succeeded:
                    self.panel.show_error(self.tr("The transfer failed: %1").replace("%1", event.reason))
            case RegistrationChanged():
                self.registered = event.registered
                self.registration_changed.emit(event.registered)
            case _:
                pass
        self._render()

    # ---- intents ------------------------------------------------------------------------------

    def answer(self) -> None:
        line = self.ringing_line()
        if line is None:
            return
        current = self.current
        if current is not None and current is not line and current.state is LineState.CONNECTED:
            self._guard(lambda: self._ctx.phone.hold(current.call_id, True))  # call waiting: park the first
        self.current_id = line.call_id
        self._guard(lambda: self._ctx.phone.answer(line.call_id))
        self._render()

    def toggle_call(self) -> None:
        """One-button headsets: answer what rings, otherwise hang up the current call."""
        if self.ringing_line() is not None:
            self.answer()
        else:
            self.hangup()

    def reject(self) -> None:
        line = self.ringing_line()
        if line is not None:
            self._guard(lambda: self._ctx.phone.reject(line.call_id))

    def hangup(self) -> None:
        line = self.current
        if line is not None and line.state is not LineState.RINGING:
            self._guard(lambda: self._ctx.phone.hangup(line.call_id))

    def toggle_hold(self) -> None:
        line = self.current
        if line is not None and line.state in (LineState.CONNECTED, LineState.HELD):
            self._guard(lambda: self._ctx.phone.hold(line.call_id, line.state is LineState.CONNECTED))
        self._render()

    def toggle_mute(self) -> None:
        line = self.current
        if line is not None:
            self._guard(lambda: self._ctx.phone.mute(line.call_id, not line.muted))
        self._render()

    def dial(self, number: str) -> None:
        number = number.strip()
        if not number:
            self.panel.show_error(self.tr("Enter a number to call."))
            return
        self.last_dialled = number
        current = self.current
        if current is not None and current.state is LineState.CONNECTED:
            self._guard(lambda: self._ctx.phone.hold(current.call_id, True))
        try:
            call_id = self._ctx.phone.dial(number)
        except PhoneError as exc:
            self.panel.show_error(str(exc))
            return
        if call_id not in self.lines:
            self.lines[call_id] = CallLine(
                call_id, number, Direction.OUTBOUND, LineState.DIALING, self._clock()
            )
        self.current_id = call_id
        self._render()

    def redial(self) -> None:
        if self.last_dialled:
            self.dial(self.last_dialled)
        else:
            self.panel.show_error(self.tr("Nothing to redial yet."))

    def send_dtmf(self, digits: str) -> None:
        line = self.current
        if line is not None and line.state is LineState.CONNECTED:
            self._guard(lambda: self._ctx.phone.send_dtmf(line.call_id, digits))

    def select_line(self, call_id: str) -> None:
        if call_id in self.lines and call_id != self.current_id:
            self.current_id = call_id
            self._render()
            self.current_changed.emit(self.lines[call_id])

    def open_transfer(self) -> None:
        if self._consult is not None:
            original, consult = self._consult
            self._guard(lambda: self._ctx.phone.consult_transfer(original, consult))
            return
        picker = self.panel.transfer_picker
        picker.show()
        picker.search.setFocus()
        self._ctx.bridge.run(
            lambda: (self._ctx.api.directory(), self._ctx.api.queues(), self._ctx.api.departments()),
            success=self._show_directory,
            failure=lambda e: self.panel.show_error(e.message),
        )

    def _show_directory(
        self, result: tuple[list[DirectoryEntry], list[QueueOut], list[DepartmentOut]]
    ) -> None:
        agents, queues, departments = result
        order = {AgentState.READY: 0, AgentState.WRAP_UP: 1, AgentState.NOT_READY: 2, AgentState.TALKING: 3}
        entries: list[tuple[str, str, str, AgentState | None]] = [
            (self.tr("Agent"), f"{a.name} {a.work_number}", f"{TransferKind.AGENT}:{a.work_number}", a.state)
            for a in sorted(agents, key=lambda a: order.get(a.state, 9))
            if a.state is not AgentState.LOGGED_OUT and a.work_number != self.own_work_number
        ]
        entries += [
            (self.tr("Queue"), q.name, f"{TransferKind.QUEUE}:{q.code}", None) for q in queues if q.active
        ]
        entries += [
            (self.tr("Department"), d.name, f"{TransferKind.NUMBER}:{d.transfer_number}", None)
            for d in departments
            if d.active and d.transfer_number
        ]
        self.panel.transfer_picker.set_entries(entries)

    def blind_transfer(self, target: str) -> None:
        """``target`` is ``kind:value`` from the directory (``agent:1002``, ``queue:12345``, ``number:…``)."""
        line = self.current
        if line is not None:
            self.panel.transfer_picker.hide()
            self._transfer(line, target, consult=False)

    def start_consult(self, target: str) -> None:
        line = self.current
        if line is None:
            return
        self.panel.transfer_picker.hide()
        self._transfer(line, target, consult=True)

    def _transfer(self, line: CallLine, target: str, *, consult: bool) -> None:
        """A call the server's media worker carries is handed on by the server, which moves the call's
        data and the ticket with it; a direct call (or a server without the call path) by SIP."""
        kind_text, _, value = target.partition(":")
        try:
            kind = TransferKind(kind_text)
        except ValueError:
            kind, value = TransferKind.NUMBER, target  # a number typed by hand
        if not line.hotline_call_ref:
            self._sip_transfer(line, value, consult=consult)
            return

        def failed(error: ApiClientError) -> None:
            if error.server_error_id == "call_path_off" or error.error_id is ClientErrorId.NOT_FOUND:
                self._sip_transfer(line, value, consult=consult)
            else:
                self.panel.show_error(error.message)

        serial = self.ticket_serial
        self._ctx.bridge.run(
            lambda: self._ctx.api.transfer_call(kind, value, consult=consult, ticket=serial),
            success=lambda _result: self.transferred.emit(target),
            failure=failed,
        )

    def _sip_transfer(self, line: CallLine, value: str, *, consult: bool) -> None:
        if not consult:
            self._guard(lambda: self._ctx.phone.blind_transfer(line.call_id, value))
            return
        original = line.call_id
        self.dial(value)
        if self.current_id and self.current_id != original:
            self._consult = (original, self.current_id)
        self._render()

    def on_server_event(self, envelope: EventEnvelope) -> None:
        """Server events the softphone shows (the server-side conference room)."""
        if envelope.type is EventType.CONFERENCE_DID_CHANGE:
            logger.debug("conference_did_change %s", envelope.seq)

    def conference(self) -> None:
        others = [
            x for x in self.live_lines() if x.call_id != self.current_id and x.state is not LineState.RINGING
        ]
        line = self.current
        if line is None or not others:
            return
        other = others[0]
        self._consult = None
        self._guard(lambda: self._ctx.phone.conference(line.call_id, other.call_id))
        self._render()
