"""The queue panel: one row per queue, threshold cells painted amber or red."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from shared.protocol.schemas.queues import QueueOut
from shared.protocol.schemas.reports import WaitingCall

from ..common import format_duration
from ..seats.widgets import make_table
from .model import (
    LEVEL_COLOURS,
    Level,
    Thresholds,
    abandon_level,
    abandon_percent,
    estimated_wait_seconds,
    longest_wait_level,
    service_level_level,
    wait_level,
    waiting_level,
)


class QueuePanel(QWidget):
    """Displays queue figures; knows nothing about the network."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        title = QLabel(self.tr("Queues"), self)
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.table: QTableWidget = make_table(
            self,
            [
                self.tr("Queue"),
                self.tr("Waiting"),
                self.tr("Longest wait"),
                self.tr("Est. wait"),
                self.tr("Service level"),
                self.tr("Offered"),
                self.tr("Answered"),
                self.tr("Abandoned"),
                self.tr("Ready / in"),
            ],
        )
        row = QHBoxLayout()
        row.addWidget(self.table, 3)
        self.waiting = make_table(
            self, [self.tr("Queue"), self.tr("Caller"), self.tr("Priority"), self.tr("Waited")]
        )
        row.addWidget(self.waiting, 2)
        layout.addLayout(row)
        self.waiting_rows: list[WaitingCall] = []
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.levels: dict[tuple[str, int], Level] = {}

    def show_queues(
        self,
        queues: list[QueueOut],
        handle_seconds: float,
        thresholds: Thresholds,
        acd_estimates: dict[str, int | None] | None = None,
    ) -> None:
        self.table.setRowCount(len(queues))
        self.levels.clear()
        unknown = False
        for row, q in enumerate(queues):
            s = q.stats
            acd = (acd_estimates or {}).get(q.code)
            ewt = float(acd) if acd is not None else estimated_wait_seconds(q, handle_seconds)
            abandon = abandon_percent(q)
            unknown = unknown or s.waiting is None
            cells: list[tuple[str, Level]] = [
                (f"{q.name} ({q.hotline_number})", Level.OK),
                ("—" if s.waiting is None else str(s.waiting), waiting_level(q)),
                (
                    "—" if s.longest_wait_seconds is None else format_duration(s.longest_wait_seconds),
                    longest_wait_level(q),
                ),
                ("—" if ewt is None else ("" if acd is not None else "≈ ") + format_duration(ewt), Level.OK),
                (
                    "—" if s.service_level_percent is None else f"{s.service_level_percent:.1f}%",
                    service_level_level(q, thresholds),
                ),
                (str(s.offered_today), Level.OK),
                (str(s.answered_today), Level.OK),
                (
                    f"{s.abandoned_today}" + ("" if abandon is None else f" ({abandon:.1f}%)"),
                    abandon_level(q, thresholds),
                ),
                (f"{s.agents_ready} / {s.agents_signed_in}", Level.OK),
            ]
            for col, (text, level) in enumerate(cells):
                item = QTableWidgetItem(text)
                colour = LEVEL_COLOURS[level]
                if colour:
                    item.setBackground(QBrush(QColor(colour)))
                    item.setForeground(QBrush(QColor("white" if level is Level.RED else "#3a2a00")))
                self.levels[(q.code, col)] = level
                self.table.setItem(row, col, item)
        self.hint.setText(
            self.tr("Waiting calls are counted by the call router; this server does not report them yet.")
            if unknown
            else ""
        )

    def show_waiting(self, calls: list[WaitingCall], queues: dict[str, QueueOut], now: datetime) -> None:
        self.waiting_rows = calls
        self.waiting.setRowCount(len(calls))
        for row, call in enumerate(calls):
            queue = queues.get(call.queue_code or "")
            for col, text in enumerate(
                (
                    queue.name if queue else (call.queue_code or "—"),
                    call.caller_number,
                    str(call.priority or ""),
                    "",
                )
            ):
                self.waiting.setItem(row, col, QTableWidgetItem(text))
        self.tick_waiting(queues, now)

    def tick_waiting(self, queues: dict[str, QueueOut], now: datetime) -> None:
        """Only the "waited" column moves each second."""
        for row, call in enumerate(self.waiting_rows):
            seconds = max(0.0, (now - call.queued_at).total_seconds())
            item = QTableWidgetItem(format_duration(seconds))
            colour = LEVEL_COLOURS[wait_level(seconds, queues.get(call.queue_code or ""))]
            if colour:
                item.setBackground(QBrush(QColor(colour)))
            self.waiting.setItem(row, 3, item)
