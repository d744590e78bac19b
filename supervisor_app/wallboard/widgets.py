"""Wallboard charts (pyqtgraph): every plot item is created once and fed with ``setData`` on bounded
arrays, peak downsampling, clip to view, pen width 1 (a width-2 pen costs ~4× per redraw)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from shared.protocol.enums import AgentState

from ..common import STATE_COLOURS, STATE_ORDER, state_label

pg.setConfigOptions(antialias=False, background="w", foreground="#3c4450")


@dataclass
class WallData:
    """Everything one redraw needs, as arrays of equal length per series (x = epoch seconds)."""

    x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    offered: np.ndarray = field(default_factory=lambda: np.zeros(0))
    offered_last_week: np.ndarray = field(default_factory=lambda: np.zeros(0))
    service_level: np.ndarray = field(default_factory=lambda: np.zeros(0))
    asa: np.ndarray = field(default_factory=lambda: np.zeros(0))
    aht: np.ndarray = field(default_factory=lambda: np.zeros(0))
    abandon_rate: np.ndarray = field(default_factory=lambda: np.zeros(0))
    by_state: dict[AgentState, np.ndarray] = field(default_factory=dict)
    waiting_x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    waiting: np.ndarray = field(default_factory=lambda: np.zeros(0))
    kpis: dict[str, str] = field(default_factory=dict)


def _plot(title: str) -> pg.PlotWidget:
    widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(utcOffset=-8 * 3600)})
    widget.setTitle(title, size="11pt")
    # no grid: pyqtgraph draws it with alpha across the whole plot, which was 80% of a redraw
    widget.showGrid(x=False, y=False)
    widget.setMouseEnabled(x=False, y=False)
    widget.hideButtons()
    widget.addLegend(offset=(6, 6), labelTextSize="8pt")
    item = widget.getPlotItem()
    item.setDownsampling(auto=True, mode="peak")
    item.setClipToView(True)
    return widget


def _curve(plot: pg.PlotWidget, colour: str, name: str, *, dashed: bool = False) -> pg.PlotDataItem:
    pen = pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
    return plot.plot([], [], pen=pen, name=name)


class WallboardView(QWidget):
    """KPI tiles on top, six charts below. Threading contract: GUI thread."""

    closed = Signal()

    KPI_KEYS = ("waiting", "service_level", "asa", "aht", "abandon_rate", "offered")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        kpi_row = QHBoxLayout()
        self.kpis: dict[str, QLabel] = {}
        titles = {
            "waiting": self.tr("Calls waiting"),
            "service_level": self.tr("Service level"),
            "asa": self.tr("Avg speed of answer"),
            "aht": self.tr("Avg handle time"),
            "abandon_rate": self.tr("Abandon rate"),
            "offered": self.tr("Calls today"),
        }
        for key in self.KPI_KEYS:
            box = QWidget(self)
            box.setObjectName("kpiBox")
            box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            bl = QVBoxLayout(box)
            caption = QLabel(titles[key], box)
            caption.setObjectName("kpiCaption")
            value = QLabel("—", box)
            value.setObjectName("kpiValue")
            bl.addWidget(caption)
            bl.addWidget(value)
            kpi_row.addWidget(box)
            self.kpis[key] = value
        layout.addLayout(kpi_row)
        grid = QGridLayout()
        layout.addLayout(grid, 1)
        self.calls_plot = _plot(self.tr("Calls per interval vs same day last week"))
        self.offered_curve = _curve(self.calls_plot, "#1f6fb2", self.tr("today"))
        self.last_week_curve = _curve(self.calls_plot, "#8a8f98", self.tr("last week"), dashed=True)
        self.states_plot = _plot(self.tr("Agents by state"))
        self.state_curves = {
            s: _curve(self.states_plot, STATE_COLOURS[s], state_label(s))
            for s in STATE_ORDER
            if s is not AgentState.LOGGED_OUT
        }
        self.waiting_plot = _plot(self.tr("Calls waiting"))
        self.waiting_curve = _curve(self.waiting_plot, "#c0392b", self.tr("waiting"))
        self.sl_plot = _plot(self.tr("Service level %"))
        self.sl_curve = _curve(self.sl_plot, "#2e9e5b", self.tr("answered in time"))
        self.sl_plot.addItem(pg.InfiniteLine(pos=80, angle=0, pen=pg.mkPen("#f5b942", width=1)))
        self.sl_plot.setYRange(0, 100)
        self.speed_plot = _plot(self.tr("Speed of answer and handle time (s)"))
        self.asa_curve = _curve(self.speed_plot, "#2f7fd1", self.tr("speed of answer"))
        self.aht_curve = _curve(self.speed_plot, "#8e44ad", self.tr("handle time"))
        self.abandon_plot = _plot(self.tr("Abandon rate %"))
        self.abandon_curve = _curve(self.abandon_plot, "#d08a1e", self.tr("abandoned"))
        for i, plot in enumerate(self.plots()):
            grid.addWidget(plot, i // 3, i % 3)

    def plots(self) -> tuple[pg.PlotWidget, ...]:
        return (
            self.calls_plot,
            self.states_plot,
            self.waiting_plot,
            self.sl_plot,
            self.speed_plot,
            self.abandon_plot,
        )

    def show_data(self, data: WallData) -> None:
        # auto-range would be recomputed after every one of the 13 setData calls; do it once per plot
        for plot in self.plots():
            plot.getViewBox().disableAutoRange()
        self._set_curves(data)
        for plot in self.plots():
            plot.getViewBox().enableAutoRange(x=True, y=plot is not self.sl_plot)
        for key, label in self.kpis.items():
            label.setText(data.kpis.get(key, "—"))

    def _set_curves(self, data: WallData) -> None:
        self.offered_curve.setData(data.x, data.offered)
        self.last_week_curve.setData(data.x, data.offered_last_week)
        for state, curve in self.state_curves.items():
            curve.setData(data.x, data.by_state.get(state, np.zeros(len(data.x))))
        self.waiting_curve.setData(data.waiting_x, data.waiting)
        self.sl_curve.setData(data.x, data.service_level)
        self.asa_curve.setData(data.x, data.asa)
        self.aht_curve.setData(data.x, data.aht)
        self.abandon_curve.setData(data.x, data.abandon_rate)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isWindow():
            self.close()
            self.closed.emit()
            return
        super().keyPressEvent(event)
