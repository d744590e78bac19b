"""The seat grid: painted tiles in a list view, the totals strip, the toolbar, the agent's-day dialog.

Widgets only display and emit intents (``force_requested``, ``supervise_requested`` …); the controller
does the work.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shared.protocol.enums import AgentState, SupervisionMode
from shared.protocol.schemas.agents import StateLogEntry

from ..common import STATE_COLOURS, STATE_ORDER, format_duration, state_label
from .model import ENTRY_ROLE, GroupBy, GroupHeader, SeatGridModel, SeatTile, SortKey

logger = logging.getLogger(__name__)

TILE_SIZE = QSize(168, 86)
HEADER_HEIGHT = 28


class SeatTileDelegate(QStyledItemDelegate):
    """Paints a tile from the precomputed :class:`SeatTile`; fonts and pens are made once."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        base = view.font()
        self._bold = QFont(base)
        self._bold.setBold(True)
        self._small = QFont(base)
        self._small.setPointSizeF(max(7.0, base.pointSizeF() - 1.5))
        self._timer_font = QFont("monospace")
        self._timer_font.setStyleHint(QFont.StyleHint.Monospace)
        self._timer_font.setPointSizeF(base.pointSizeF() + 1)
        self._timer_font.setBold(True)
        self._white = QPen(QColor("white"))
        self._soft = QPen(QColor(255, 255, 255, 215))
        self._selected_pen = QPen(QColor("#1b2430"), 3)
        self._overdue_pen = QPen(QColor("#ffe14d"), 3)
        self._header_pen = QPen(QColor("#3c4450"))
        self._header_brush = QBrush(QColor("#e4e9ef"))
        self.reason_limits: dict[str, int] = {}
        self.now = time.time
        self.cache_enabled = True

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        entry = index.data(ENTRY_ROLE)
        if isinstance(entry, GroupHeader):
            return QSize(max(200, self._view.viewport().width() - 16), HEADER_HEIGHT)
        return TILE_SIZE

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        entry = index.data(ENTRY_ROLE)
        rect: QRect = option.rect  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if isinstance(entry, GroupHeader):
            self._paint_header(painter, rect, entry)
        elif isinstance(entry, SeatTile):
            selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
            self._paint_tile(painter, rect.adjusted(3, 3, -3, -3), entry, selected)
        painter.restore()

    def _paint_header(self, painter: QPainter, rect: QRect, header: GroupHeader) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._header_brush)
        painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 4, 4)
        painter.setPen(self._header_pen)
        painter.setFont(self._bold)
        parts = [f"{header.name}  ({header.total})"]
        for state in STATE_ORDER:
            if header.counts.get(state):
                parts.append(f"{state_label(state)} {header.counts[state]}")
        painter.drawText(rect.adjusted(10, 0, -10, 0), Qt.AlignmentFlag.AlignVCenter, "    ".join(parts))

    def _paint_tile(self, painter: QPainter, rect: QRect, tile: SeatTile, selected: bool) -> None:
        # Everything but the clock changes only with the seat's state: it is drawn once into a pixmap
        # kept on the tile (dropped by SeatTile.refresh), so the 1 s tick paints one pixmap + one text.
        pixmap = tile.pixmap if self.cache_enabled else None
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        if pixmap is None or pixmap.size() != rect.size() * ratio:
            pixmap = QPixmap(rect.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            static = QPainter(pixmap)
            static.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint_static(static, QRect(0, 0, rect.width(), rect.height()), tile)
            static.end()
            if self.cache_enabled:
                tile.pixmap = pixmap
        painter.drawPixmap(rect.topLeft(), pixmap)
        elapsed = max(0.0, self.now() - tile.since_epoch)
        limit = self.reason_limits.get(tile.reason or "") if tile.state is AgentState.NOT_READY else None
        if selected or (limit and elapsed > limit * 60):
            painter.setPen(self._selected_pen if selected else self._overdue_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 6, 6)
        inner = rect.adjusted(8, 5, -8, -5)
        line = inner.height() // 4
        painter.setPen(self._white)
        painter.setFont(self._timer_font)
        painter.drawText(
            QRect(inner.left(), inner.top() + 2 * line, inner.width(), line + 2),
            Qt.AlignmentFlag.AlignLeft,
            format_duration(elapsed),
        )

    def _paint_static(self, painter: QPainter, rect: QRect, tile: SeatTile) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tile.colour)
        painter.drawRoundedRect(rect, 6, 6)
        inner = rect.adjusted(8, 5, -8, -5)
        line = inner.height() // 4
        painter.setPen(self._white)
        painter.setFont(self._bold)
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width(), line), Qt.AlignmentFlag.AlignLeft, tile.title
        )
        painter.setFont(self._small)
        painter.setPen(self._soft)
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width(), line),
            Qt.AlignmentFlag.AlignRight,
            tile.work_number,
        )
        painter.drawText(QRect(inner.left(), inner.top() + line, inner.width(), line), 0, tile.state_text)
        if tile.supervised_mode:
            painter.setPen(self._white)
            painter.drawText(
                QRect(inner.left(), inner.top() + 2 * line, inner.width(), line + 2),
                Qt.AlignmentFlag.AlignRight,
                "◉ " + tile.supervised_mode,
            )
        if tile.call_text:
            painter.setPen(self._soft)
            painter.drawText(
                QRect(inner.left(), inner.top() + 3 * line, inner.width(), line + 2), 0, tile.call_text
            )


class SeatGridView(QListView):
    """The tile wall. One 1 s timer repaints only the viewport (time in state); nothing else ticks."""

    day_requested = Signal(int)
    context_requested = Signal(int, QPoint)

    def __init__(self, model: SeatGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seatGrid")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setSpacing(0)
        self.setUniformItemSizes(False)
        self.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setModel(model)
        self.tile_delegate = SeatTileDelegate(self)
        self.setItemDelegate(self.tile_delegate)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context)
        self.doubleClicked.connect(self._double)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.viewport().update)
        self._tick.start()

    def _agent_at(self, index: QModelIndex) -> int | None:
        entry = index.data(ENTRY_ROLE) if index.isValid() else None
        return entry.agent_id if isinstance(entry, SeatTile) else None

    def _double(self, index: QModelIndex) -> None:
        agent_id = self._agent_at(index)
        if agent_id is not None:
            self.day_requested.emit(agent_id)

    def _context(self, pos: QPoint) -> None:
        agent_id = self._agent_at(self.indexAt(pos))
        if agent_id is not None:
            self.context_requested.emit(agent_id, self.viewport().mapToGlobal(pos))

    def selected_agent(self) -> int | None:
        indexes = self.selectedIndexes()
        return self._agent_at(indexes[0]) if indexes else None


class StateTotals(QWidget):
    """A chip per state with its count; clicking a chip filters the grid to that state."""

    state_toggled = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.total = QLabel(self)
        self.total.setObjectName("totalSeats")
        layout.addWidget(self.total)
        self.chips: dict[AgentState, QLabel] = {}
        for state in STATE_ORDER:
            chip = QLabel(self)
            chip.setObjectName(f"chip_{state.value}")
            chip.setStyleSheet(
                f"background:{STATE_COLOURS[state]};color:white;border-radius:10px;"
                "padding:3px 10px;font-weight:bold;"
            )
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.mousePressEvent = self._chip_handler(state)  # type: ignore[method-assign]
            layout.addWidget(chip)
            self.chips[state] = chip
        layout.addStretch(1)
        self.show_totals(Counter())

    def _chip_handler(self, state: AgentState) -> Callable[[object], None]:
        return lambda _event: self.state_toggled.emit(state.value)

    def show_totals(self, counts: Counter[AgentState]) -> None:
        signed_in = sum(n for s, n in counts.items() if s is not AgentState.LOGGED_OUT)
        self.total.setText(
            self.tr("Seats %1 · signed in %2")
            .replace("%1", str(sum(counts.values())))
            .replace("%2", str(signed_in))
        )
        for state, chip in self.chips.items():
            chip.setText(f"{state_label(state)} {counts.get(state, 0)}")


class SeatsPane(QWidget):
    """Toolbar (group, sort, search), totals and the grid."""

    def __init__(self, model: SeatGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        self.group = QComboBox(self)
        for value, text in (
            (GroupBy.NONE, self.tr("No grouping")),
            (GroupBy.TEAM, self.tr("By team")),
            (GroupBy.SKILL, self.tr("By skill")),
        ):
            self.group.addItem(text, value.value)
        self.sort = QComboBox(self)
        for key, text in (
            (SortKey.WORK_NUMBER, self.tr("Work number")),
            (SortKey.NAME, self.tr("Name")),
            (SortKey.STATE, self.tr("State")),
            (SortKey.TIME_IN_STATE, self.tr("Longest in state")),
        ):
            self.sort.addItem(text, key.value)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Filter: name, work number, team, caller"))
        self.search.setClearButtonEnabled(True)
        self.state_filter = QComboBox(self)
        self.state_filter.addItem(self.tr("All states"), "")
        for state in STATE_ORDER:
            self.state_filter.addItem(state_label(state), state.value)
        bar.addWidget(QLabel(self.tr("Group"), self))
        bar.addWidget(self.group)
        bar.addWidget(QLabel(self.tr("Sort"), self))
        bar.addWidget(self.sort)
        bar.addWidget(self.state_filter)
        bar.addWidget(self.search, 1)
        layout.addLayout(bar)
        self.totals = StateTotals(self)
        layout.addWidget(self.totals)
        self.grid = SeatGridView(model, self)
        layout.addWidget(self.grid, 1)
        self.totals.state_toggled.connect(self._toggle_state)

    def _toggle_state(self, value: str) -> None:
        i = self.state_filter.findData(value)
        self.state_filter.setCurrentIndex(0 if self.state_filter.currentIndex() == i else i)


def seat_menu(
    parent: QWidget, tile: SeatTile, reasons: list[tuple[str, str]]
) -> tuple[QMenu, dict[QAction, tuple[str, object]]]:
    """The right-click menu on a tile; each action maps to an intent ``(kind, argument)``."""
    menu = QMenu(parent)
    intents: dict[QAction, tuple[str, object]] = {}
    title = menu.addAction(f"{tile.name} ({tile.work_number}) — {tile.state_text}")
    title.setEnabled(False)
    menu.addSeparator()
    talking = tile.state in (AgentState.TALKING, AgentState.HOLD)
    sup = menu.addMenu(parent.tr("Supervise"))
    sup.setEnabled(talking or tile.supervised_mode is not None)
    for mode, text in (
        (SupervisionMode.LISTEN, parent.tr("Listen")),
        (SupervisionMode.WHISPER, parent.tr("Whisper")),
        (SupervisionMode.BARGE, parent.tr("Barge in")),
        (SupervisionMode.TAKE_OVER, parent.tr("Take over")),
    ):
        intents[sup.addAction(text)] = ("supervise", mode)
    intents[sup.addAction(parent.tr("Stop supervising"))] = ("supervise", None)
    menu.addSeparator()
    intents[menu.addAction(parent.tr("Force ready"))] = ("force", (AgentState.READY, None))
    not_ready = menu.addMenu(parent.tr("Force not ready"))
    for code, label in reasons:
        intents[not_ready.addAction(label)] = ("force", (AgentState.NOT_READY, code))
    intents[menu.addAction(parent.tr("Force logout"))] = ("force", (AgentState.LOGGED_OUT, None))
    menu.addSeparator()
    intents[menu.addAction(parent.tr("Send message…"))] = ("message", None)
    intents[menu.addAction(parent.tr("Agent's day…"))] = ("day", None)
    return menu, intents


class StateTimeline(QWidget):
    """The agent's day as coloured stretches on one line (hover shows nothing; the table has details)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(54)
        self._entries: list[StateLogEntry] = []
        self._start: datetime | None = None
        self._end: datetime | None = None

    def set_entries(self, entries: list[StateLogEntry], start: datetime, end: datetime) -> None:
        self._entries, self._start, self._end = entries, start, end
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.rect().adjusted(4, 4, -4, -20)
        painter.fillRect(rect, QColor("#eef1f5"))
        if not self._entries or self._start is None or self._end is None:
            return
        span = max(1.0, (self._end - self._start).total_seconds())
        for e in self._entries:
            a = max(0.0, (e.started_at - self._start).total_seconds()) / span
            b = min(span, ((e.ended_at or self._end) - self._start).total_seconds()) / span
            x0 = rect.left() + int(a * rect.width())
            x1 = rect.left() + max(int(b * rect.width()), x0 - rect.left() + 1)
            painter.fillRect(
                QRect(x0, rect.top(), max(1, x1 - x0), rect.height()), QColor(STATE_COLOURS[e.state])
            )
        painter.setPen(QColor("#4a5360"))
        # a label every 3 hours of centre time, wherever the span starts (a night shift crosses midnight)
        local_start = self._start + timedelta(hours=8)
        tick = local_start.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        while tick.hour % 3:
            tick += timedelta(hours=1)
        while tick - timedelta(hours=8) <= self._end:
            x = rect.left() + int(rect.width() * (tick - local_start).total_seconds() / span)
            x = min(max(x, rect.left() + 20), rect.right() - 20)
            painter.drawText(
                QRect(x - 20, rect.bottom() + 2, 40, 16), Qt.AlignmentFlag.AlignCenter, f"{tick.hour:02d}"
            )
            tick += timedelta(hours=3)


class AgentDayDialog(QDialog):
    """State timeline, calls and tickets of one agent today."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        self.heading = QLabel(title, self)
        self.heading.setObjectName("sectionTitle")
        layout.addWidget(self.heading)
        self.timeline = StateTimeline(self)
        layout.addWidget(self.timeline)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        tabs = QTabWidget(self)
        self.states = _table(
            self, [self.tr("Start"), self.tr("End"), self.tr("State"), self.tr("Reason"), self.tr("Duration")]
        )
        self.calls = _table(
            self,
            [self.tr("Arrived"), self.tr("Caller"), self.tr("Queue"), self.tr("Talk"), self.tr("Result")],
        )
        self.tickets = _table(
            self, [self.tr("Serial"), self.tr("Title"), self.tr("Status"), self.tr("Department")]
        )
        tabs.addTab(self.states, self.tr("States"))
        tabs.addTab(self.calls, self.tr("Calls"))
        tabs.addTab(self.tickets, self.tr("Tickets"))
        layout.addWidget(tabs, 1)


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


def make_table(parent: QWidget, headers: list[str]) -> QTableWidget:
    return _table(parent, headers)
