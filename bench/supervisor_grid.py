"""Seat grid painting at 500 seats, 1920×1080, offscreen: a full update (every seat changes state), 25
changed seats, the 1 s "time in state" viewport repaint — beside a baseline list whose model formats
text and colours inside ``data()`` (the approach TELEPHONY-FACTS measured at 165–190 ms per full update).

    .venv/bin/python -m bench.supervisor_grid [--rounds 30]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QListView

from bench._report import p50_p95, row, write_results
from shared.protocol.enums import AgentState
from supervisor_app.common import STATE_COLOURS, format_duration, state_label
from supervisor_app.seats.model import SeatGridModel, SeatTile
from supervisor_app.seats.widgets import SeatGridView

SEATS = 500
STATES = [s for s in AgentState]


def make_tiles(rng: random.Random) -> list[SeatTile]:
    now = datetime.now(UTC)
    return [
        SeatTile(
            agent_id=i + 1,
            work_number=str(1001 + i),
            name=f"坐席{i:03d}",
            team=f"{i % 8 + 1}组",
            state=rng.choice(STATES),
            since=now - timedelta(seconds=rng.randint(1, 3000)),
            caller_number="13800138000",
            queue_code="citizen",
        )
        for i in range(SEATS)
    ]


def payload(tile: SeatTile, state: AgentState) -> dict[str, Any]:
    return {
        "agent_id": tile.agent_id,
        "work_number": tile.work_number,
        "name": tile.name,
        "state": state.value,
        "since": datetime.now(UTC),
        "caller_number": "13912345678",
        "queue_code": "gjj",
        "reason": None,
    }


class NaiveSeatModel(QAbstractListModel):
    """Baseline: recomputes every string and colour in ``data()`` on each paint."""

    def __init__(self, tiles: list[SeatTile]) -> None:
        super().__init__()
        self.tiles = tiles

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return len(self.tiles)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        t = self.tiles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            elapsed = (datetime.now(UTC) - t.since).total_seconds()
            return (
                f"{t.name} {t.work_number}\n{state_label(t.state)}\n{format_duration(elapsed)}\n"
                f"{t.caller_number} · {t.queue_code}"
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(STATE_COLOURS[t.state])
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(168, 86)
        return None


def timed_repaint(view: QListView, app: QApplication) -> float:
    app.processEvents()
    start = time.perf_counter()
    view.viewport().repaint()
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.supervisor_grid")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    rng = random.Random(1)

    model = SeatGridModel()
    model.load(make_tiles(rng))
    view = SeatGridView(model)
    view.resize(1920, 1080)
    view.show()
    app.processEvents()
    tiles = model.tiles()

    full, changed25, tick = [], [], []
    for _ in range(args.rounds):
        burst = [payload(tile, rng.choice(STATES)) for tile in tiles]
        start = time.perf_counter()
        model.apply_many(burst)  # what the controller does with a burst of events
        view.viewport().repaint()
        full.append((time.perf_counter() - start) * 1000)
        burst = [payload(tile, rng.choice(STATES)) for tile in rng.sample(tiles, 25)]
        start = time.perf_counter()
        model.apply_many(burst)
        app.processEvents()  # the 25 dataChanged → 25 small update regions, painted now
        changed25.append((time.perf_counter() - start) * 1000)
        tick.append(timed_repaint(view, app))
    uncached = []
    view.tile_delegate.cache_enabled = False  # same picture, drawn from scratch every time
    for _ in range(args.rounds):
        uncached.append(timed_repaint(view, app))
    view.close()

    naive = NaiveSeatModel(make_tiles(rng))
    naive_view = QListView()
    naive_view.setViewMode(QListView.ViewMode.IconMode)
    naive_view.setUniformItemSizes(True)
    naive_view.setModel(naive)
    naive_view.resize(1920, 1080)
    naive_view.show()
    app.processEvents()
    naive_full = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for t in naive.tiles:
            t.state = rng.choice(STATES)
        naive.dataChanged.emit(naive.index(0), naive.index(SEATS - 1))
        naive_view.viewport().repaint()
        naive_full.append((time.perf_counter() - start) * 1000)
    naive_view.close()

    rows = []
    for name, samples, baseline in (
        ("full update 500 seats", full, False),
        ("25 changed seats", changed25, False),
        ("1 s time-in-state viewport repaint", tick, False),
        ("1 s repaint without the tile pixmap cache", uncached, True),
        ("full update 500 seats, text in data()", naive_full, True),
    ):
        p50, p95 = p50_p95(samples)
        rows.append(row(f"{name} p50", p50, "ms", baseline=baseline))
        rows.append(row(f"{name} p95", p95, "ms", baseline=baseline))
    write_results("supervisor_grid", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
