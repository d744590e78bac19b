"""The reports pane: choose a report and a period, see a table and a chart (bar, pie or trend), export."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..seats.widgets import fill_table, make_table
from .model import Period, ReportKind

PALETTE = [
    "#1f6fb2",
    "#2e9e5b",
    "#d08a1e",
    "#c0392b",
    "#8e44ad",
    "#1f9aa8",
    "#8a8f98",
    "#a87a00",
    "#2c6aa3",
    "#b52b27",
]


class PieChart(QWidget):
    """A simple pie with a legend (pyqtgraph has none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slices: list[tuple[str, float]] = []
        self.setMinimumSize(320, 240)

    def set_slices(self, slices: list[tuple[str, float]]) -> None:
        self.slices = [(label, value) for label, value in slices if value > 0]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        total = sum(v for _l, v in self.slices)
        if not total:
            return
        side = min(self.width() * 0.55, self.height()) - 20
        pie = QRectF(10, (self.height() - side) / 2, side, side)
        angle = 90 * 16
        for i, (label, value) in enumerate(self.slices):
            span = -round(360 * 16 * value / total)
            painter.setBrush(QColor(PALETTE[i % len(PALETTE)]))
            painter.setPen(QColor("white"))
            painter.drawPie(pie, angle, span)
            angle += span
            y = 14 + i * 20
            painter.fillRect(QRectF(side + 30, y, 12, 12), QColor(PALETTE[i % len(PALETTE)]))
            painter.setPen(QColor("#23272e"))
            painter.drawText(int(side + 48), int(y + 11), f"{label}  {value:g} ({100 * value / total:.0f}%)")


class ReportsPane(QWidget):
    """Displays one report at a time; emits ``run_requested`` and ``export_requested``."""

    run_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.kind = QComboBox(self)
        for kind, text in (
            (ReportKind.VOLUME_DAY, self.tr("Call volume per day")),
            (ReportKind.VOLUME_HOUR, self.tr("Call volume per hour")),
            (ReportKind.AGENTS, self.tr("Per agent")),
            (ReportKind.FREQUENT, self.tr("Frequent callers")),
            (ReportKind.TICKETS_TYPE, self.tr("Tickets by type")),
            (ReportKind.TICKETS_CATEGORY, self.tr("Tickets by category")),
            (ReportKind.TICKETS_DEPARTMENT, self.tr("Tickets by department")),
        ):
            self.kind.addItem(text, kind.value)
        self.period = QComboBox(self)
        for period, text in (
            (Period.TODAY, self.tr("Today")),
            (Period.YESTERDAY, self.tr("Yesterday")),
            (Period.LAST_7_DAYS, self.tr("Last 7 days")),
            (Period.LAST_30_DAYS, self.tr("Last 30 days")),
        ):
            self.period.addItem(text, period.value)
        self.period.setCurrentIndex(2)  # a week of days says more than one bar for today
        self.by_queue = QCheckBox(self.tr("Per queue"), self)
        self.run = QPushButton(self.tr("Show"), self)
        self.run.setObjectName("primaryButton")
        self.export = QPushButton(self.tr("Export CSV / XLSX…"), self)
        bar.addWidget(QLabel(self.tr("Report"), self))
        bar.addWidget(self.kind)
        bar.addWidget(QLabel(self.tr("Period"), self))
        bar.addWidget(self.period)
        bar.addWidget(self.by_queue)
        bar.addWidget(self.run)
        bar.addStretch(1)
        bar.addWidget(self.export)
        layout.addLayout(bar)
        self.caption = QLabel(self)
        self.caption.setObjectName("hint")
        layout.addWidget(self.caption)
        split = QSplitter(Qt.Orientation.Vertical, self)
        layout.addWidget(split, 1)
        self.table: QTableWidget = make_table(split, [""])
        split.addWidget(self.table)
        self.charts = QStackedWidget(split)
        self.bar_plot = pg.PlotWidget()
        self.bar_plot.setMouseEnabled(x=False, y=False)
        self.bar_plot.hideButtons()
        self.bar_plot.showGrid(y=True, alpha=0.25)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.35, brush="#1f6fb2")
        self.bars_previous = pg.BarGraphItem(x=[], height=[], width=0.35, brush="#b9c4d0")
        self.trend = self.bar_plot.plot([], [], pen=pg.mkPen("#c0392b", width=1), symbol="o", symbolSize=4)
        self.bar_plot.addItem(self.bars_previous)
        self.bar_plot.addItem(self.bars)
        self.pie = PieChart(self.charts)
        self.charts.addWidget(self.bar_plot)
        self.charts.addWidget(self.pie)
        split.addWidget(self.charts)
        split.setSizes([420, 320])
        self.run.clicked.connect(self.run_requested)
        self.export.clicked.connect(self.export_requested)
        self.kind.currentIndexChanged.connect(self.run_requested)
        self.period.currentIndexChanged.connect(self.run_requested)
        self.by_queue.toggled.connect(self.run_requested)

    def show_table(self, headers: list[str], rows: list[list[str]]) -> None:
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        fill_table(self.table, rows)

    def show_bars(
        self,
        labels: list[str],
        values: list[float],
        previous: list[float] | None = None,
        *,
        trend: bool = True,
    ) -> None:
        self.charts.setCurrentWidget(self.bar_plot)
        x = np.arange(len(values), dtype=float)
        offset = 0.18 if previous is not None else 0.0
        self.bars.setOpts(x=x + offset, height=values, width=0.35 if previous is not None else 0.7)
        self.bars_previous.setOpts(x=x - offset, height=previous or [], width=0.35)
        self.trend.setData(x + offset if trend else [], values if trend else [])
        step = max(1, math.ceil(len(labels) / 16))
        axis = self.bar_plot.getAxis("bottom")
        axis.setTicks([[(i, labels[i]) for i in range(0, len(labels), step)]])
        self.bar_plot.enableAutoRange()

    def show_pie(self, slices: list[tuple[str, float]]) -> None:
        self.charts.setCurrentWidget(self.pie)
        self.pie.set_slices(slices)
