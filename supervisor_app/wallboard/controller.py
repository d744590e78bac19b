"""Wallboard controller: the last 8 hours from ``/reports/wallboard`` (every minute) plus live samples of
calls waiting from the queue panel, turned into arrays once and pushed to every open view (the tab and
the full-screen wall display)."""

from __future__ import annotations

import logging
from collections import deque

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from shared.client.errors import ApiClientError
from shared.protocol.enums import AgentState
from shared.protocol.events import EventEnvelope
from shared.protocol.schemas.queues import QueueOut
from shared.protocol.schemas.reports import WallboardSeries

from ..common import ConsoleContext, format_duration
from .widgets import WallboardView, WallData

logger = logging.getLogger(__name__)

REFRESH_MS = 60_000
MAX_LIVE_SAMPLES = 8 * 360  # 8 hours of 10-second samples: the buffer never grows past this


def series_to_data(series: WallboardSeries) -> WallData:
    """Arrays for the charts (pure: no Qt), rates as percentages; empty intervals are gaps, not zeros."""
    points = series.points
    x = np.array([p.bucket_start.timestamp() for p in points], dtype=float)
    offered = np.array([p.offered for p in points], dtype=float)
    answered = np.array([p.answered for p in points], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        sl = np.where(offered > 0, 100.0 * np.array([p.answered_within_sl for p in points]) / offered, np.nan)
        abandon = np.where(offered > 0, 100.0 * np.array([p.abandoned for p in points]) / offered, np.nan)
    asa = np.array([np.nan if p.average_answer_seconds is None else p.average_answer_seconds for p in points])
    aht = np.array([np.nan if p.average_handle_seconds is None else p.average_handle_seconds for p in points])
    by_state: dict[AgentState, np.ndarray] = {
        s: np.array([p.agents_by_state.get(s.value, 0) for p in points], dtype=float)
        for s in AgentState
        if s is not AgentState.LOGGED_OUT
    }
    total_offered = float(offered.sum())
    within = float(sum(p.answered_within_sl for p in points))
    abandoned = float(sum(p.abandoned for p in points))
    weights = answered[~np.isnan(asa)] if len(points) else np.zeros(0)
    kpis = {
        "offered": f"{int(total_offered)}",
        "service_level": f"{100 * within / total_offered:.0f}%" if total_offered else "—",
        "abandon_rate": f"{100 * abandoned / total_offered:.1f}%" if total_offered else "—",
        "asa": format_duration(float(np.average(asa[~np.isnan(asa)], weights=weights)))
        if weights.sum() > 0
        else "—",
        "aht": format_duration(float(np.nanmean(aht))) if np.any(~np.isnan(aht)) else "—",
    }
    return WallData(
        waiting_x=x,
        waiting=np.array([p.calls_waiting for p in points], dtype=float),
        x=x,
        offered=offered,
        offered_last_week=np.array([p.offered_last_week for p in points], dtype=float),
        service_level=sl,
        asa=asa,
        aht=aht,
        abandon_rate=abandon,
        by_state=by_state,
        kpis=kpis,
    )


class WallboardController(QObject):
    """Threading contract: GUI thread; the fetch runs on the bridge, array building on the GUI thread
    (a few hundred points)."""

    notify = Signal(str, bool)
    handle_seconds = Signal(float)

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.pane = WallboardView(parent)
        self.wall: WallboardView | None = None
        self.data = WallData()
        self._waiting_x: deque[float] = deque(maxlen=MAX_LIVE_SAMPLES)
        self._waiting: deque[float] = deque(maxlen=MAX_LIVE_SAMPLES)
        self._history_x = np.zeros(0)
        self._history = np.zeros(0)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def start(self) -> None:
        self.refresh()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        self._ctx.bridge.run(
            lambda: self._ctx.api.wallboard(8, 15), success=self.show_series, failure=self._failed
        )

    def show_series(self, series: WallboardSeries) -> None:
        live_kpi = self.data.kpis.get("waiting")
        self.data = series_to_data(series)
        self._history_x, self._history = self.data.waiting_x, self.data.waiting
        self._join_live()
        if live_kpi:
            self.data.kpis["waiting"] = live_kpi
        aht = self.data.aht[~np.isnan(self.data.aht)] if len(self.data.aht) else np.zeros(0)
        if len(aht):
            self.handle_seconds.emit(float(aht.mean()))
        self.redraw()

    def set_queues(self, queues: list[QueueOut]) -> None:
        known = [q.stats.waiting for q in queues if q.stats.waiting is not None]
        if not known:
            return
        waiting = float(sum(known))
        self._waiting_x.append(self._ctx.now().timestamp())
        self._waiting.append(waiting)
        self._join_live()
        self.data.kpis["waiting"] = str(int(waiting))
        self.redraw()

    def _join_live(self) -> None:
        """The interval history from the server, then the live samples taken since its last point."""
        last = float(self._history_x[-1]) if len(self._history_x) else 0.0
        live_x = np.fromiter(self._waiting_x, dtype=float)
        live = np.fromiter(self._waiting, dtype=float)
        keep = live_x > last
        self.data.waiting_x = np.concatenate([self._history_x, live_x[keep]])
        self.data.waiting = np.concatenate([self._history, live[keep]])

    def on_event(self, envelope: EventEnvelope) -> None:
        return None  # the series is interval-based; live state is on the seat grid

    def redraw(self) -> None:
        for view in (self.pane, self.wall):
            if view is not None:
                view.show_data(self.data)
                if len(self.data.x):  # live samples share the history's time window
                    view.waiting_plot.setXRange(float(self.data.x[0]), self._ctx.now().timestamp(), padding=0)

    def show_wall(self) -> None:
        """The wall display: the same charts, full screen, Esc to leave."""
        if self.wall is None:
            self.wall = WallboardView()
            self.wall.setWindowTitle(self.tr("Hotline Desk — wallboard"))
            self.wall.setObjectName("wallDisplay")
            self.wall.closed.connect(self._wall_closed)
        self.wall.show_data(self.data)
        self.wall.showFullScreen()

    def _wall_closed(self) -> None:
        if self.wall is not None:
            self.wall.deleteLater()
            self.wall = None

    def _failed(self, error: ApiClientError) -> None:
        self.notify.emit(error.message, True)
