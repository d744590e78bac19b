"""Drives the softphone: phone events in, panel updates and call-flow signals out."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer, Signal

from agent_app.context import AppContext
from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import (
    ConferenceDidChange,
    ConferenceOut,
    ConferencePartyKind,
    ConferencePartyState,
    DepartmentOut,
    DirectoryEntry,
    QueueOut,
    TransferKind,
)
from shared.protocol.enums import AgentState
from shared.protocol.events import EventEnvelope, EventType

from .model import CallLine, Direction, quality_level
from .port import (
    CALL_HEADER,
    CALL_ID_HEADER,
    CALLER_HEADER,
    CONFERENCE_FROM_HEADER,
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
from .widgets import PickerMode, SoftphonePanel

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
        self.room: ConferenceDidChange | None = None  # the server's room this seat is in
        # conference events seen: a REST answer older than an event must not undo it (events are ordered
        # by the server, answers race them home)
        self._room_events = 0
        self._directory_names: dict[str, str] = {}  # work number / department code → name, for errors
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
        panel.transfer_picker.invite_requested.connect(self.invite)
        panel.transfer_picker.closed.connect(panel.transfer_picker.hide)
        panel.room.remove_requested.connect(self.remove_party)

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
        room_line = self._room_line()
        for each in self.lines.values():
            each.conference_size = room_size(self.room) if each is room_line else 0
        self.panel.room.show_room(
            self.room if room_line is not None else None,
            talking=room_size(self.room),
            own_work_number=self.own_work_number,
            owner=self.room is not None and self.room.owner == self.own_work_number,
        )
        ringing = self.ringing_line()
        detail = ""
        if ringing is not None and ringing.conference_from:
            who = self._directory_names.get(ringing.conference_from, ringing.conference_from)
            detail = self.tr("%1 invites you into a conference").replace("%1", who)
        elif ringing is not None:
            detail = self.queue_name(ringing.queue)
        self.panel.show_incoming(ringing, detail)
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
                    hotline_call_id=event.header(CALL_ID_HEADER),
                    conference_from=event.header(CONFERENCE_FROM_HEADER),
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
                if self.room is not None and self._room_line(among=[*self.live_lines(), line]) is line:
                    self.room = None  # our leg of the room is gone; nothing left to show or remove
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
        self.open_directory(PickerMode.TRANSFER)

    def open_directory(self, mode: PickerMode) -> None:
        """The searchable directory: transfer targets, or whom to invite into the conference."""
        picker = self.panel.transfer_picker
        picker.set_mode(mode)
        picker.search.clear()
        picker.show()
        picker.search.setFocus()
        self._ctx.bridge.run(
            lambda: (self._ctx.api.directory(), self._ctx.api.queues(), self._ctx.api.departments()),
            success=lambda result: self._show_directory(result, mode),
            failure=lambda e: self.panel.show_error(e.message),
        )

    def _show_directory(
        self, result: tuple[list[DirectoryEntry], list[QueueOut], list[DepartmentOut]], mode: PickerMode
    ) -> None:
        agents, queues, departments = result
        self._directory_names = {a.work_number: a.name for a in agents}
        self._directory_names.update({d.code: d.name for d in departments})
        if mode is PickerMode.CONFERENCE:
            queues = []  # a room invites people, not a queue
        order = {AgentState.READY: 0, AgentState.WRAP_UP: 1, AgentState.NOT_READY: 2, AgentState.TALKING: 3}
        entries: list[tuple[str, str, str, AgentState | None]] = [
            (self.tr("Agent"), f"{a.name} {a.work_number}", f"{TransferKind.AGENT}:{a.work_number}", a.state)
            for a in sorted(agents, key=lambda a: order.get(a.state, 9))
            if a.state is not AgentState.LOGGED_OUT and a.work_number != self.own_work_number
        ]
        entries += [
            (self.tr("Queue"), q.name, f"{TransferKind.QUEUE}:{q.code}", None) for q in queues if q.active
        ]
        # the server dials a department by its code in a conference (and shows its name in the room)
        entries += [
            (
                self.tr("Department"),
                d.name,
                f"{TransferKind.NUMBER}:{d.code if mode is PickerMode.CONFERENCE else d.transfer_number}",
                None,
            )
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
            elif error.server_error_id == "conference_in_progress":
                self.panel.show_error(
                    self.tr("Others are in the conference: remove them before transferring the caller.")
                )
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
        """Server events the softphone shows: the conference room (the whole room in every event)."""
        if envelope.type is EventType.CONFERENCE_DID_CHANGE:
            try:
                room = ConferenceDidChange.model_validate(envelope.payload)
            except ValidationError as exc:
                logger.warning("unreadable conference_did_change #%s: %s", envelope.seq, exc)
                return
            self._room_events += 1
            self._apply_room(room)
        elif envelope.type is EventType.SNAPSHOT and any(x.server_carried for x in self.live_lines()):
            self.refresh_room()  # the stream was away: events about our room may have been missed

    def _unless_events_came(
        self, apply: Callable[[ConferenceOut | None], None]
    ) -> Callable[[ConferenceOut | None], None]:
        """``apply`` for a REST answer, skipped when a room event arrived while the request was out: the
        event is at least as new (the server publishes every change)."""
        seen = self._room_events

        def guarded(room: ConferenceOut | None) -> None:
            if self._room_events == seen:
                apply(room)

        return guarded

    def refresh_room(self) -> None:
        def got(room: ConferenceOut | None) -> None:
            if room is not None:
                self._apply_room(room)
            elif self.room is not None:
                self.room = None
                self._render()

        self._ctx.bridge.run(
            self._ctx.api.conference, success=self._unless_events_came(got), failure=lambda e: None
        )

    def _apply_room(self, room: ConferenceDidChange | ConferenceOut) -> None:
        if isinstance(room, ConferenceOut):
            room = ConferenceDidChange.model_validate(room.model_dump())
        ours = self.room is not None and self.room.call_id == room.call_id
        if room.ended:
            if ours:
                self.room = None
        elif not has_guests(room):
            # the server reports every call as a room of the caller and its agent: nothing to show yet
            if ours:
                self.room = None
        elif self._seat_is_in(room):
            self.room = room
        elif ours:
            self.room = None  # this seat left the room, or never got in (it rang and failed)
        else:
            return  # someone else's room (leaders hear of every room)
        self._render()

    def _seat_is_in(self, room: ConferenceDidChange) -> bool:
        if room.owner == self.own_work_number:
            return True
        return any(
            p.kind is ConferencePartyKind.AGENT
            and p.value == self.own_work_number
            and p.state in (ConferencePartyState.RINGING, ConferencePartyState.JOINED)
            for p in room.parties
        )

    def _room_line(self, among: list[CallLine] | None = None) -> CallLine | None:
        """The line the room grows from: the one whose INVITE named the room's call, else this seat's
        call from a media worker (older workers do not send the call id)."""
        room = self.room
        if room is None:
            return None
        lines = [x for x in (among if among is not None else self.live_lines()) if x.server_carried]
        named = next((x for x in lines if x.hotline_call_id == str(room.call_id)), None)
        if named is not None:
            return named
        unnamed = [x for x in lines if not x.hotline_call_id]
        current = self.current
        if current is not None and current in unnamed:
            return current
        return unnamed[0] if unnamed else None

    def conference(self) -> None:
        """A call the server carries: open the directory to invite someone into the server's room.
        Two direct calls: join them here (three-way)."""
        line = self.current
        if line is not None and line.server_carried:
            if line.state is LineState.CONNECTED:
                self.open_directory(PickerMode.CONFERENCE)
            return
        self._local_three_way()

    def invite(self, target: str) -> None:
        """``target`` is ``kind:value`` from the directory (``agent:1002``, ``number:GJJ``, a typed
        ``number:138…``)."""
        kind_text, _, value = target.partition(":")
        kind = ConferencePartyKind.AGENT if kind_text == TransferKind.AGENT else ConferencePartyKind.NUMBER
        if kind_text not in (TransferKind.AGENT, TransferKind.NUMBER):
            value = target  # typed by hand
        self.panel.transfer_picker.hide()
        self.panel.banner.hide()
        self._ctx.bridge.run(
            lambda: self._ctx.api.invite_to_conference(kind, value),
            success=self._unless_events_came(lambda room: self._apply_room(room) if room else None),
            failure=lambda e: self.panel.show_error(self.conference_error_text(e, value)),
        )

    def remove_party(self, party_id: str) -> None:
        def done(room: ConferenceOut | None) -> None:
            if room is not None:
                self._apply_room(room)

        self._ctx.bridge.run(
            lambda: self._ctx.api.remove_conference_party(party_id),
            success=self._unless_events_came(done),
            failure=lambda e: self.panel.show_error(self.conference_error_text(e, "")),
        )

    def conference_error_text(self, error: ApiClientError, who: str) -> str:
        """The server's refusal in words the call-taker can act on."""
        name = self._directory_names.get(who, who)
        match error.server_error_id:
            case "room_full":
                limit = error.details.get("max_parties") or (self.room.max_parties if self.room else "")
                text = self.tr("The conference is full (at most %1 parties): remove someone first.")
                return (
                    text.replace("%1", str(limit))
                    if limit
                    else self.tr("The conference is full: remove someone first.")
                )
            case "already_in_room":
                return self.tr("%1 is already in the conference.").replace("%1", name)
            case "agent_unavailable":
                return self.tr("%1 cannot be reached now (signed out or on another call).").replace(
                    "%1", name
                )
            case "call_path_off":
                return self.tr(
                    "The server cannot hold a conference now (its call path is off). Call the colleague "
                    "on a second line and use Conference for a three-way call."
                )
            case "no_conversation":
                return self.tr("The server has no call of yours to add anyone to; the call may have ended.")
            case "no_conference":
                return self.tr("There is no conference on this call any more.")
            case "unknown_agent":
                return self.tr("There is no colleague with work number %1.").replace("%1", who)
            case "unknown_number":
                return self.tr("%1 is neither a department nor a number that can be dialled.").replace(
                    "%1", name
                )
            case "transfer_in_progress":
                return self.tr("A transfer of this call is under way: finish or cancel it first.")
            case "conference_unavailable":
                return self.tr("The server cannot add anyone to this call right now; try again in a moment.")
            case "not_room_owner":
                return self.tr("Only the colleague who holds the call can remove parties.")
            case "cannot_remove_party":
                return self.tr("The caller and the colleague holding the call cannot be removed.")
            case "party_not_in_room" | "unknown_party":
                return self.tr("That party has already left the conference.")
            case None if error.error_id is ClientErrorId.NOT_FOUND:
                return self.tr(
                    "This server cannot hold conferences yet (it needs an update). Call the colleague "
                    "on a second line and use Conference for a three-way call."
                )
            case _:
                return error.message

    def _local_three_way(self) -> None:
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


def has_guests(room: ConferenceDidChange) -> bool:
    """Anyone invited, in any state: the room is more than the call itself."""
    return any(
        p.kind is not ConferencePartyKind.CALLER
        and not (p.kind is ConferencePartyKind.AGENT and p.value == room.owner)
        for p in room.parties
    )


def room_size(room: ConferenceDidChange | None) -> int:
    """People talking in the room (the owner counts even if the server lists only the others)."""
    if room is None:
        return 0
    joined = [p for p in room.parties if p.state is ConferencePartyState.JOINED]
    owner_listed = any(p.kind is ConferencePartyKind.AGENT and p.value == room.owner for p in room.parties)
    return len(joined) + (0 if owner_listed else 1)
