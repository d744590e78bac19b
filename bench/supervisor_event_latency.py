"""Event received → tile painted, on a 500-seat console offscreen at 1920×1080.

A background thread plays the event socket's role: it stamps an ``agent_state_did_change`` envelope the
moment it "receives" it and emits it the way :class:`shared.client.qt.QtEventStream` does (a signal from
the stream thread, queued to the GUI thread). The seat controller applies it as in the app; the delegate
notes when it paints that seat in its new state. Meanwhile other seats change at ``--background`` events
per second so the grid is busy, as on a real shift.

    .venv/bin/python -m bench.supervisor_event_latency [--events 150] [--background 20]
"""

from __future__ import annotations

import argparse
import os
import random
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication

from bench._report import p50_p95, row, write_results
from shared.client.qt import ApiBridge
from shared.config import AppSettings
from shared.protocol.enums import AgentState
from shared.protocol.events import EventEnvelope, EventType
from supervisor_app.common import ConsoleContext
from supervisor_app.demo.fake_server import FakeSupervisorServer
from supervisor_app.seats.controller import SeatsController
from supervisor_app.seats.model import SeatTile
from supervisor_app.supervision.controller import SupervisionController

SEATS = 500


class ThreadStream(QObject):
    """Emits from a worker thread, like QtEventStream's socket thread."""

    event_received = Signal(object)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.supervisor_event_latency")
    parser.add_argument("--events", type=int, default=150)
    parser.add_argument("--background", type=float, default=20.0, help="other seats' events per second")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    server = FakeSupervisorServer(seats=SEATS)
    server.login("9001", "demo-pass")
    with TemporaryDirectory() as tmp:
        settings = AppSettings(
            "SupervisorBench",
            preset_layers=[],
            user=QSettings(str(Path(tmp) / "u.ini"), QSettings.Format.IniFormat),
        )
        bridge = ApiBridge()
        ctx = ConsoleContext(api=server, bridge=bridge, settings=settings, data_dir=Path(tmp))
        seats = SeatsController(ctx, SupervisionController(ctx, None))
        seats.apply_snapshot(server.snapshot())
        pane = seats.pane
        pane.resize(1920, 1080)
        pane.show()
        app.processEvents()

        sent: dict[tuple[int, str], float] = {}
        painted: dict[tuple[int, str], float] = {}
        delegate = pane.grid.tile_delegate
        original = delegate._paint_tile

        def spy(painter: Any, rect: Any, tile: SeatTile, selected: bool) -> None:
            original(painter, rect, tile, selected)
            key = (tile.agent_id, f"{tile.state.value}@{tile.since_epoch:.6f}")
            if key in sent and key not in painted:
                painted[key] = time.perf_counter()

        delegate._paint_tile = spy  # type: ignore[method-assign]
        stream = ThreadStream()
        stream.event_received.connect(seats.on_event)
        visible = [t.agent_id for t in seats.model.tiles()[:100]]  # rows on screen without scrolling
        others = [t.agent_id for t in seats.model.tiles()[100:]]
        stop = threading.Event()
        seq = iter(range(1, 10_000_000))
        lock = threading.Lock()

        def envelope(agent_id: int, state: AgentState) -> tuple[EventEnvelope, tuple[int, str]]:
            since = datetime.now(UTC)
            s = server.seats[agent_id]
            payload = {
                "agent_id": agent_id,
                "work_number": s["work_number"],
                "name": s["name"],
                "state": state.value,
                "since": since.isoformat(),
                "caller_number": "13800138000",
                "queue_code": "citizen",
            }
            with lock:
                number = next(seq)
            key = (agent_id, f"{state.value}@{since.timestamp():.6f}")
            return EventEnvelope(
                seq=number, type=EventType.AGENT_STATE_DID_CHANGE, at=since, payload=payload
            ), key

        def measured() -> None:
            rng = random.Random(5)
            for _ in range(args.events):
                if stop.wait(0.1):
                    return
                env, key = envelope(
                    rng.choice(visible),
                    rng.choice([AgentState.TALKING, AgentState.WRAP_UP, AgentState.READY]),
                )
                sent[key] = time.perf_counter()
                stream.event_received.emit(env)

        def background() -> None:
            rng = random.Random(6)
            while not stop.wait(1.0 / args.background):
                env, _key = envelope(rng.choice(others), rng.choice(list(AgentState)))
                stream.event_received.emit(env)

        threads = [
            threading.Thread(target=measured, daemon=True),
            threading.Thread(target=background, daemon=True),
        ]
        for t in threads:
            t.start()
        deadline = time.monotonic() + args.events * 0.1 + 20
        while (threads[0].is_alive() or len(painted) < len(sent)) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.001)
        stop.set()
        for t in threads:
            t.join(5)
        latencies = [(painted[k] - sent[k]) * 1000 for k in sent if k in painted]
        lost = len(sent) - len(latencies)
        bridge.shutdown()
        pane.close()
    p50, p95 = p50_p95(latencies)
    write_results(
        "supervisor_event_latency",
        [
            row("event received → tile painted p50", p50, "ms"),
            row("event received → tile painted p95", p95, "ms"),
            row("events measured", len(latencies), "events"),
            row("events never painted", lost, "events"),
        ],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
