"""Work lists: my callbacks, voicemails and tickets (with SLA lights)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agent_app.widgets_common import BannerKind, InlineBanner, format_duration, icon
from shared.client.models import CallbackOut, TicketOut, VoicemailOut
from shared.protocol.enums import SlaLight, TicketStatus, VoicemailStatus


def _local(when: datetime | None) -> str:
    return when.astimezone().strftime("%m-%d %H:%M") if when else ""


def _table(parent: QWidget, headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class WorkListsWidget(QWidget):
    """Displays the lists; emits what the call-taker wants done with the selected row. Threading
    contract: GUI thread."""

    call_back_requested = Signal(str)  # number
    callback_done_requested = Signal(int)
    callback_dial_requested = Signal(int)
    voicemail_play_requested = Signal(int)
    voicemail_done_requested = Signal(int)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.banner = InlineBanner(self)
        layout.addWidget(self.banner)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        # callbacks
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.callbacks = _table(
            page, [self.tr("Number"), self.tr("Since"), self.tr("Reason"), self.tr("Attempts")], 2
        )
        box.addWidget(self.callbacks, 1)
        row = QHBoxLayout()
        self.callback_call = QPushButton(self.tr("Call back"), page)
        self.callback_done = QPushButton(self.tr("Mark done"), page)
        row.addWidget(self.callback_call)
        row.addWidget(self.callback_done)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(page, self.tr("Callbacks"))
        # voicemails
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.voicemails = _table(
            page, [self.tr("Number"), self.tr("Left at"), self.tr("Length"), self.tr("Status")], 3
        )
        box.addWidget(self.voicemails, 1)
        row = QHBoxLayout()
        self.voicemail_play = QPushButton(self.tr("Play"), page)
        self.voicemail_call = QPushButton(self.tr("Call back"), page)
        self.voicemail_done = QPushButton(self.tr("Mark done"), page)
        for button in (self.voicemail_play, self.voicemail_call, self.voicemail_done):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(page, self.tr("Voicemails"))
        # tickets
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.tickets = _table(
            page,
            [
                self.tr("SLA"),
                self.tr("Serial"),
                self.tr("Caller"),
                self.tr("Content"),
                self.tr("Department"),
                self.tr("Deadline"),
            ],
            3,
        )
        box.addWidget(self.tickets, 1)
        self.tabs.addTab(page, self.tr("My tickets"))
        self.refresh = QPushButton(self.tr("Refresh"), self)
        self.tabs.setCornerWidget(self.refresh)
        self.refresh.clicked.connect(self.refresh_requested)
        self.callback_call.clicked.connect(lambda: self._id(self.callbacks, self.callback_dial_requested))
        self.voicemail_call.clicked.connect(lambda: self._number(self.voicemails))
        self.callback_done.clicked.connect(lambda: self._id(self.callbacks, self.callback_done_requested))
        self.voicemail_play.clicked.connect(lambda: self._id(self.voicemails, self.voicemail_play_requested))
        self.voicemail_done.clicked.connect(lambda: self._id(self.voicemails, self.voicemail_done_requested))

    def _number(self, table: QTableWidget) -> None:
        item = table.item(table.currentRow(), 0)
        if item is not None:
            self.call_back_requested.emit(item.text())

    def _id(self, table: QTableWidget, signal: SignalInstance) -> None:
        item = table.item(table.currentRow(), 0)
        if item is not None:
            signal.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[int, list[str]]]) -> None:
        table.setRowCount(len(rows))
        for r, (item_id, values) in enumerate(rows):
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if c == 0:
                    cell.setData(Qt.ItemDataRole.UserRole, item_id)
                table.setItem(r, c, cell)

    def show_callbacks(self, items: list[CallbackOut]) -> None:
        self._fill(
            self.callbacks,
            [
                (i.id, [i.number, _local(i.created_at), self.reason_text(i.reason), str(i.attempts)])
                for i in items
            ],
        )
        self.tabs.setTabText(0, self.tr("Callbacks (%1)").replace("%1", str(len(items))))

    def reason_text(self, reason: str) -> str:
        return {
            "abandoned": self.tr("Hung up in the queue"),
            "requested": self.tr("Asked to be called back"),
            "voicemail": self.tr("Left a voicemail"),
        }.get(reason, reason)

    def status_text(self, status: VoicemailStatus) -> str:
        return {
            VoicemailStatus.NEW: self.tr("New"),
            VoicemailStatus.HEARD: self.tr("Heard"),
            VoicemailStatus.DONE: self.tr("Done"),
        }[status]

    def show_voicemails(self, items: list[VoicemailOut]) -> None:
        self._fill(
            self.voicemails,
            [
                (
                    v.id,
                    [
                        v.caller_number,
                        _local(v.created_at),
                        format_duration(v.duration_seconds),
                        self.status_text(v.status),
                    ],
                )
                for v in items
            ],
        )
        new = sum(1 for v in items if v.status is VoicemailStatus.NEW)
        self.tabs.setTabText(1, self.tr("Voicemails (%1 new)").replace("%1", str(new)))

    def show_tickets(self, tickets: list[TicketOut]) -> None:
        light_text = {
            SlaLight.GREEN: self.tr("On time"),
            SlaLight.YELLOW: self.tr("Due soon"),
            SlaLight.RED: self.tr("Overdue"),
        }
        finished = {
            TicketStatus.DONE: self.tr("Done"),
            TicketStatus.VISITED: self.tr("Visited"),
            TicketStatus.CLOSED: self.tr("Closed"),
        }
        self.tickets.setRowCount(len(tickets))
        for r, t in enumerate(tickets):
            # a ticket without a light is finished: say so, or its past deadline reads as forgotten
            light = QTableWidgetItem(light_text[t.sla_light] if t.sla_light else finished.get(t.status, ""))
            if t.sla_light is not None:
                light.setIcon(icon(f"sla_{t.sla_light.value}"))
            light.setData(Qt.ItemDataRole.UserRole, t.id)
            self.tickets.setItem(r, 0, light)
            for c, value in enumerate(
                [
                    t.serial,
                    t.caller_number,
                    t.content.replace("\n", " ")[:60],
                    t.department_name or "",
                    _local(t.deadline),
                ],
                start=1,
            ):
                self.tickets.setItem(r, c, QTableWidgetItem(value))
            content = self.tickets.item(r, 3)
            if content is not None:
                content.setToolTip(t.content)  # the column shows the first words only
        red = sum(1 for t in tickets if t.sla_light is SlaLight.RED)
        self.tabs.setTabText(2, self.tr("My tickets (%1 overdue)").replace("%1", str(red)))

    def show_message(self, text: str, kind: BannerKind = BannerKind.INFO) -> None:
        self.banner.show_message(text, kind)
