"""Wallboard redraw, offscreen at 1920×1080: the real 8-hour series (32 intervals, 13 curves) and a stress
load of 3,600 points per curve; beside a baseline with pen width 2 (TELEPHONY-FACTS: 10 curves × 3,600
points cost 17 ms at width 1, 60–69 ms at width 2).

    .venv/bin/python -m bench.supervisor_wallboard [--rounds 30]
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from bench._report import p50_p95, row, write_results
from supervisor_app.demo.fake_server import FakeSupervisorServer
from supervisor_app.wallboard.controller import series_to_data
from supervisor_app.wallboard.widgets import WallboardView, WallData


def stress_data(points: int, shift: int) -> WallData:
    x = datetime.now(UTC).timestamp() - 8 * 3600 + np.arange(points) * (8 * 3600 / points)
    rng = np.random.default_rng(shift)

    def series(level: float) -> np.ndarray:
        return level + 10 * np.sin(np.arange(points) / 50 + shift) + rng.normal(0, 2, points)

    data = WallData(
        x=x,
        offered=series(80),
        offered_last_week=series(70),
        service_level=series(80),
        asa=series(20),
        aht=series(200),
        abandon_rate=series(8),
        waiting_x=x,
        waiting=series(10),
    )
    data.by_state = {s: series(30) for s in WallboardView().state_curves}
    return data


def timed_redraw(view: WallboardView, data: WallData, app: QApplication) -> float:
    app.processEvents()
    start = time.perf_counter()
    view.show_data(data)
    view.repaint()
    app.processEvents()
    return (time.perf_counter() - start) * 1000


def set_pen_width(view: WallboardView, width: int) -> None:
    for plot in (
        view.calls_plot,
        view.states_plot,
        view.waiting_plot,
        view.sl_plot,
        view.speed_plot,
        view.abandon_plot,
    ):
        for item in plot.getPlotItem().listDataItems():
            pen = pg.mkPen(item.opts["pen"])
            pen.setWidth(width)
            item.setPen(pen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.supervisor_wallboard")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    view = WallboardView()
    view.resize(1920, 1080)
    view.show()
    real = series_to_data(FakeSupervisorServer(seats=10).wallboard(8, 15))
    real.waiting_x, real.waiting = real.x, np.full(len(real.x), 5.0)
    stress = [stress_data(3600, i) for i in range(2)]

    real_ms = [timed_redraw(view, real, app) for _ in range(args.rounds)]
    stress_ms = [timed_redraw(view, stress[i % 2], app) for i in range(args.rounds)]
    set_pen_width(view, 2)
    wide_ms = [timed_redraw(view, stress[i % 2], app) for i in range(args.rounds)]
    view.close()

    rows = []
    for name, samples, baseline in (
        ("redraw 8 h series (32 points × 13 curves)", real_ms, False),
        ("redraw 3,600 points × 13 curves, pen 1", stress_ms, False),
        ("redraw 3,600 points × 13 curves, pen 2", wide_ms, True),
    ):
        p50, p95 = p50_p95(samples)
        rows.append(row(f"{name} p50", p50, "ms", baseline=baseline))
        rows.append(row(f"{name} p95", p95, "ms", baseline=baseline))
    write_results("supervisor_wallboard", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
