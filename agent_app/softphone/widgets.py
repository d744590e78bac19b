"""The softphone panel: incoming banner, big call controls, dial pad, call list, transfer picker."""

from __future__ import annotations

import re
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_app.state_bar.model import STATE_COLOURS
from agent_app.widgets_common import BannerKind, InlineBanner, format_duration
from shared.protocol.enums import AgentState

from .conference_widgets import ConferenceRoomView
from .model import CallLine, Direction, QualityLevel
from .port import LineState

_QUALITY_COLOUR = {
    QualityLevel.UNKNOWN: "#9aa0a6",
    QualityLevel.GOOD: "#2e9e5b",
    QualityLevel.FAIR: "#d08a1e",
    QualityLevel.POOR: "#c0392b",
}


class PickerMode(StrEnum):
    TRANSFER = "transfer"  # hand the caller on: blind, or consult first
    CONFERENCE = "conference"  # add a party to the server's conference room


_TYPED_NUMBER = re.compile(r"^\+?[0-9]{3,32}$")


class TransferPicker(QFrame):
    """Searchable directory of agents (with state), departments and queues, or a typed number; not a
    modal dialog. Keyboard: type to search, Up/Down choose, Enter does the main action (blind transfer,
    or invite), Escape closes. Threading contract: GUI thread."""

    blind_requested = Signal(str)  # target
    consult_requested = Signal(str)
    invite_requested = Signal(str)  # target, conference mode
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferPicker")
        self.mode = PickerMode.TRANSFER
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel(self.tr("Transfer to"), self)
        head.addWidget(self.title)
        close = QPushButton("×", self)
        close.setFlat(True)
        close.setFixedWidth(28)
        close.setToolTip(self.tr("Close (Esc)"))
        close.clicked.connect(self.closed)
        head.addStretch(1)
        head.addWidget(close)
        layout.addLayout(head)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search name, work number, department…"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.list = QListWidget(self)
        self.list.setMinimumHeight(160)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.blind = QPushButton(self.tr("Blind transfer"), self)
        self.consult = QPushButton(self.tr("Consult first"), self)
        self.invite = QPushButton(self.tr("Invite"), self)
        self.invite.setObjectName("inviteButton")
        buttons.addWidget(self.blind)
        buttons.addWidget(self.consult)
        buttons.addWidget(self.invite)
        layout.addLayout(buttons)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.accept_current)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.blind.clicked.connect(lambda: self._emit(self.blind_requested))
        self.consult.clicked.connect(lambda: self._emit(self.consult_requested))
        self.invite.clicked.connect(lambda: self._emit(self.invite_requested))
        self.list.itemDoubleClicked.connect(lambda _i: self.accept_current())
        self._typed: QListWidgetItem | None = None
        self.set_mode(PickerMode.TRANSFER)
        self.set_entries([])

    def set_mode(self, mode: PickerMode) -> None:
        self.mode = mode
        transfer = mode is PickerMode.TRANSFER
        self.title.setText(self.tr("Transfer to") if transfer else self.tr("Add to the conference"))
        self.blind.setVisible(transfer)
        self.consult.setVisible(transfer)
        self.invite.setVisible(not transfer)

    def accept_current(self) -> None:
        """Enter, or a double click: the picker's main action on the chosen entry."""
        self._emit(self.blind_requested if self.mode is PickerMode.TRANSFER else self.invite_requested)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.closed.emit()
                return True
            if watched is self.list and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept_current()
                return True
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _step(self, delta: int) -> None:
        """Move the choice among the visible entries while the search field keeps the focus."""
        visible = [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        if not visible:
            return
        row = self.list.currentRow()
        position = visible.index(row) + delta if row in visible else 0
        self.list.setCurrentRow(visible[max(0, min(position, len(visible) - 1))])

    def _emit(self, signal: SignalInstance) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden() and item.data(Qt.ItemDataRole.UserRole):
            signal.emit(item.data(Qt.ItemDataRole.UserRole))

    def set_entries(self, entries: list[tuple[str, str, str, AgentState | None]]) -> None:
        """(kind label, display name, target, agent state or None)."""
        self.list.clear()
        for kind, name, target, state in entries:
            text = f"{kind} · {name}"
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, target)
            item.setData(Qt.ItemDataRole.ToolTipRole, target)
            if state is not None:
                item.setForeground(QColor(STATE_COLOURS[state]))
                item.setText(f"● {text}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsSelectable)
        self._typed = None
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item is self._typed:
                continue
            target = str(item.data(Qt.ItemDataRole.UserRole) or "")
            hidden = bool(needle) and needle not in item.text().lower() and needle not in target
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        # a number typed into the search is a target of its own (an outside line, a mobile), listed last
        number = needle.replace(" ", "").replace("-", "")
        if _TYPED_NUMBER.match(number):
            if self._typed is None:
                self._typed = QListWidgetItem("", self.list)
            self._typed.setText(self.tr("Number · %1").replace("%1", number))
            self._typed.setData(Qt.ItemDataRole.UserRole, f"number:{number}")
            first = first or self._typed
        elif self._typed is not None:
            self.list.takeItem(self.list.row(self._typed))
            self._typed = None
        if first is not None:
            self.list.setCurrentItem(first)


class SoftphonePanel(QFrame):
    """Displays calls; emits intents. Threading contract: GUI thread."""

    answer_requested = Signal()
    reject_requested = Signal()
    hangup_requested = Signal()
    hold_toggled = Signal()
    mute_toggled = Signal()
    dial_requested = Signal(str)
    redial_requested = Signal()
    dtmf_requested = Signal(str)
    transfer_opened = Signal()
    conference_requested = Signal()
    line_selected = Signal(str)  # call id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("softphonePanel")
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        # incoming banner
        self.incoming = QFrame(self)
        self.incoming.setObjectName("incomingBanner")
        inc = QVBoxLayout(self.incoming)
        self.incoming_title = QLabel(self.tr("Incoming call"), self.incoming)
        self.incoming_number = QLabel(self.incoming)
        self.incoming_number.setObjectName("incomingNumber")
        self.incoming_detail = QLabel(self.incoming)
        inc.addWidget(self.incoming_title)
        inc.addWidget(self.incoming_number)
        inc.addWidget(self.incoming_detail)
        row = QHBoxLayout()
        self.answer = QPushButton(self.tr("Answer"), self.incoming)
        self.answer.setObjectName("answerButton")
        self.reject = QPushButton(self.tr("Reject"), self.incoming)
        self.reject.setObjectName("rejectButton")
        for button in (self.answer, self.reject):
            button.setMinimumHeight(48)
            row.addWidget(button)
        inc.addLayout(row)
        layout.addWidget(self.incoming)
        # current call
        self.current = QFrame(self)
        self.current.setObjectName("currentCall")
        cur = QVBoxLayout(self.current)
        top = QHBoxLayout()
        self._no_call = True
        self._seat: tuple[AgentState, str | None, float] = (AgentState.READY, None, 0.0)
        self.current_number = QLabel(self.tr("No call"), self.current)
        self.current_number.setObjectName("currentNumber")
        self.quality = QLabel(self.current)
        self.quality.setToolTip(self.tr("Call quality"))
        top.addWidget(self.current_number, 1)
        top.addWidget(self.quality)
        cur.addLayout(top)
        self.current_status = QLabel(self.current)
        self.call_timer = QLabel("00:00", self.current)
        self.call_timer.setObjectName("callTimer")
        status_row = QHBoxLayout()
        status_row.addWidget(self.current_status, 1)
        status_row.addWidget(self.call_timer)
        cur.addLayout(status_row)
        controls = QGridLayout()
        self.hangup = QPushButton(self.tr("Hang up"), self.current)
        self.hangup.setObjectName("hangupButton")
        self.hold = QPushButton(self.tr("Hold"), self.current)
        self.mute = QPushButton(self.tr("Mute"), self.current)
        self.transfer = QPushButton(self.tr("Transfer"), self.current)
        self.conference = QPushButton(self.tr("Conference"), self.current)
        self.keypad_toggle = QPushButton(self.tr("Keypad"), self.current)
        for button in (self.hold, self.mute, self.keypad_toggle):
            button.setCheckable(True)
        for i, button in enumerate(
            (self.hold, self.mute, self.transfer, self.conference, self.keypad_toggle)
        ):
            button.setMinimumHeight(40)
            controls.addWidget(button, i // 3, i % 3)
        self.hangup.setMinimumHeight(48)
        controls.addWidget(self.hangup, 2, 0, 1, 3)
        cur.addLayout(controls)
        layout.addWidget(self.current)
        # the server's conference room on this call (hidden without one)
        self.room = ConferenceRoomView(self)
        layout.addWidget(self.room)
        # keypad
        self.keypad = QFrame(self)
        pad = QGridLayout(self.keypad)
        for i, key in enumerate("123456789*0#"):
            button = QPushButton(key, self.keypad)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _c=False, k=key: self._key(k))
            pad.addWidget(button, i // 3, i % 3)
        layout.addWidget(self.keypad)
        self.keypad_toggle.setChecked(True)
        # transfer
        self.transfer_picker = TransferPicker(self)
        self.transfer_picker.hide()
        layout.addWidget(self.transfer_picker, 1)
        # dial
        dial_row = QHBoxLayout()
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("Number to call"))
        self.call_button = QPushButton(self.tr("Call"), self)
        self.redial = QPushButton(self.tr("Redial"), self)
        dial_row.addWidget(self.number, 1)
        dial_row.addWidget(self.call_button)
        dial_row.addWidget(self.redial)
        layout.addLayout(dial_row)
        # lines
        self.lines_title = QLabel(self.tr("Calls"), self)
        layout.addWidget(self.lines_title)
        self.lines = QListWidget(self)
        self.lines.setMaximumHeight(110)
        layout.addWidget(self.lines)
        self.banner = InlineBanner(self)
        layout.addWidget(self.banner)
        layout.addStretch(1)

        self.answer.clicked.connect(self.answer_requested)
        self.reject.clicked.connect(self.reject_requested)
        self.hangup.clicked.connect(self.hangup_requested)
        self.hold.clicked.connect(self.hold_toggled)
        self.mute.clicked.connect(self.mute_toggled)
        self.transfer.clicked.connect(self.transfer_opened)
        self.conference.clicked.connect(self.conference_requested)
        self.keypad_toggle.toggled.connect(self.keypad.setVisible)
        self.call_button.clicked.connect(lambda: self.dial_requested.emit(self.number.text().strip()))
        self.number.returnPressed.connect(lambda: self.dial_requested.emit(self.number.text().strip()))
        self.redial.clicked.connect(self.redial_requested)
        self.lines.currentItemChanged.connect(self._line_clicked)
        self.show_calls([], None, 0.0)

    def _key(self, key: str) -> None:
        if self.hangup.isEnabled():
            self.dtmf_requested.emit(key)
        else:
            self.number.insert(key)

    def _line_clicked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.line_selected.emit(item.data(Qt.ItemDataRole.UserRole))

    def line_text(self, line: CallLine) -> str:
        states = {
            LineState.RINGING: self.tr("ringing"),
            LineState.DIALING: self.tr("dialling"),
            LineState.CONNECTED: self.tr("talking"),
            LineState.HELD: self.tr("on hold"),
            LineState.ENDED: self.tr("ended"),
        }
        arrow = "↙" if line.direction is Direction.INBOUND else "↗"
        if line.conference_size:
            extra = self.tr(" · conference (%1)").replace("%1", str(line.conference_size))
        else:
            extra = self.tr(" · conference") if line.conferenced else ""
        return f"{arrow} {line.number} · {states[line.state]}{extra}"

    def show_incoming(self, line: CallLine | None, detail: str = "") -> None:
        self.incoming.setVisible(line is not None)
        if line is not None:
            self.incoming_title.setText(self.tr("Call waiting") if line.waiting else self.tr("Incoming call"))
            self.incoming_number.setText(line.number)
            self.incoming_detail.setText(detail)

    def show_calls(self, lines: list[CallLine], current: CallLine | None, now: float) -> None:
        self.lines.blockSignals(True)
        self.lines.clear()
        for line in lines:
            item = QListWidgetItem(self.line_text(line), self.lines)
            item.setData(Qt.ItemDataRole.UserRole, line.call_id)
            if current is not None and line.call_id == current.call_id:
                self.lines.setCurrentItem(item)
        self.lines.blockSignals(False)
        self.lines.setVisible(len(lines) > 1)
        self.lines_title.setVisible(len(lines) > 1)
        active = current is not None and current.state in (
            LineState.CONNECTED,
            LineState.HELD,
            LineState.DIALING,
        )
        for button in (self.hangup, self.hold, self.mute, self.transfer):
            button.setEnabled(active)
        # a call the server carries grows into the server's room; a direct one mixes locally (three-way)
        server_room = current is not None and current.server_carried
        self.conference.setText(self.tr("Add party") if server_room else self.tr("Conference"))
        self.conference.setToolTip(
            self.tr("Invite a colleague, a department or a number into this call")
            if server_room
            else self.tr("Join your two calls into a three-way call")
        )
        if server_room:
            self.conference.setEnabled(current is not None and current.state is LineState.CONNECTED)
        else:
            self.conference.setEnabled(
                active and len([x for x in lines if x.state is not LineState.RINGING]) >= 2
            )
        self._no_call = current is None
        if current is None:
            self._show_seat_without_call()
            self.hold.setChecked(False)
            self.mute.setChecked(False)
            self.show_quality(QualityLevel.UNKNOWN)
            return
        self.current_number.setText(current.number)
        self.current_status.setText(self.line_text(current).split(" · ", 1)[-1])
        self.call_timer.setText(format_duration(current.talk_seconds(now)))
        self.hold.setChecked(current.state is LineState.HELD)
        self.mute.setChecked(current.muted)

    def show_seat_state(self, state: AgentState, reason_label: str | None, seconds_in_state: float) -> None:
        """What the seat is doing while no call is up, as the state bar says it: wrap-up and not-ready
        take no new calls, so the panel must not read "waiting for calls" then."""
        self._seat = (state, reason_label, seconds_in_state)
        if self._no_call:
            self._show_seat_without_call()

    def _show_seat_without_call(self) -> None:
        state, reason_label, seconds = self._seat
        self.call_timer.setText("00:00")
        no_new_calls = self.tr("No new calls until you are ready")
        if state is AgentState.WRAP_UP:
            self.current_number.setText(self.tr("Wrap-up · %1").replace("%1", format_duration(seconds)))
            self.current_status.setText(no_new_calls)
        elif state is AgentState.NOT_READY:
            headline = self.tr("Not ready · %1").replace("%1", format_duration(seconds))
            if reason_label:
                headline = (
                    self.tr("Not ready (%1) · %2")
                    .replace("%1", reason_label)
                    .replace("%2", format_duration(seconds))
                )
            self.current_number.setText(headline)
            self.current_status.setText(no_new_calls)
        elif state is AgentState.LOGGED_OUT:
            self.current_number.setText(self.tr("Signed out"))
            self.current_status.setText("")
        else:
            self.current_number.setText(self.tr("No call"))
            self.current_status.setText(self.tr("Waiting for calls"))

    def show_timer(self, seconds: float) -> None:
        self.call_timer.setText(format_duration(seconds))

    def show_quality(self, level: QualityLevel) -> None:
        bars = {
            QualityLevel.UNKNOWN: "",
            QualityLevel.GOOD: "●●●",
            QualityLevel.FAIR: "●●○",
            QualityLevel.POOR: "●○○",
        }[level]
        self.quality.setText(bars)
        words = {
            QualityLevel.UNKNOWN: self.tr("Call quality: not measured yet"),
            QualityLevel.GOOD: self.tr("Call quality: good"),
            QualityLevel.FAIR: self.tr("Call quality: fair"),
            QualityLevel.POOR: self.tr("Call quality: poor, the caller may hear gaps"),
        }
        self.quality.setToolTip(words[level])
        self.quality.setStyleSheet(f"color:{_QUALITY_COLOUR[level]};font-size:16px;")

    def show_error(self, text: str) -> None:
        self.banner.show_message(text, BannerKind.ERROR)
