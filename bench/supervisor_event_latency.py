"""Event received → tile painted, on a 500-seat console offscreen at 1920×1080.

A background thread plays the event socket's role: it stamps an ``agent_state_did_change`` envelope the
moment it "receives" it and emits it the way :class:`shared.client.qt.QtEventStream` does (a signal from
the stream thread, queued to the GUI thread). The seat controller applies it as in the app; the delegate
notes when it paints that seat in its new state. Meanwhile other seats change at ``--background`` events
per second so the grid is busy, as on a real shift.

Second phase (``--server-events``, default 60): the same console against the real server over its
WebSocket — a leader forces seats ready / not ready through REST; the figures are "REST request sent →
tile painted" and "WebSocket frame parsed → tile painted" (stamped where the stream thread hands the
envelope to Qt).

    .venv/bin/python -m bench.supervisor_event_latency [--events 150] [--background 20] [--server-events 60]
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
    parser.add_argument(
        "--server-events", type=int, default=60, help="forced changes through the real server"
    )
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
    rows = [
        row("event received → tile painted p50", p50, "ms"),
        row("event received → tile painted p95", p95, "ms"),
        row("events measured", len(latencies), "events"),
        row("events never painted", lost, "events"),
    ]
    if args.server_events:
        rows += real_server_phase(app, args.server_events)
    write_results("supervisor_event_latency", rows)
    return 0


def real_server_phase(app: QApplication, count: int) -> list[dict[str, Any]]:
    """Forced changes through a real server (uvicorn in a thread, SQLite) and its WebSocket."""
    import contextlib

    from server_stub.app import create_app
    from server_stub.db.models import Agent, NotReadyReason
    from server_stub.settings import TEST_PASSWORD_COST, Settings
    from shared.client.qt import QtEventStream
    from shared.client.supervisor_api import SupervisorClient
    from shared.protocol.enums import Role
    from tests.support.live_server import serve_in_thread

    received: dict[tuple[int, str], float] = {}

    class StampedStream(QtEventStream):
        def _from_thread(self, envelope: EventEnvelope) -> None:
            p = envelope.payload
            if envelope.type is EventType.AGENT_STATE_DID_CHANGE:
                since = datetime.fromisoformat(p["since"]).timestamp()
                received[(int(p["agent_id"]), f"{p['state']}@{since:.6f}")] = time.perf_counter()
            super()._from_thread(envelope)

    with TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = Settings(
            data_dir=root / "data",
            database_url=f"sqlite:///{root / 'h.sqlite'}",
            password_cost=TEST_PASSWORD_COST,
        )
        settings.data_dir.mkdir(parents=True)
        server_app = create_app(settings)
        hashed = server_app.state.password_hasher.hash("bench-pass-1")
        with server_app.state.session_factory() as db:
            db.add(NotReadyReason(code="break", label_zh="小休", label_en="Break"))
            db.add(Agent(work_number="9001", name="班长", password_hash=hashed, role=Role.LEADER))
            db.add_all(
                Agent(work_number=str(1001 + i), name=f"坐席{i:03d}", password_hash=hashed)
                for i in range(SEATS)
            )
            db.commit()
        serving = contextlib.ExitStack()
        client = SupervisorClient(serving.enter_context(serve_in_thread(server_app)))
        rest: list[float] = []
        ws: list[float] = []
        try:
            client.login("9001", "bench-pass-1")
            user = QSettings(str(root / "u.ini"), QSettings.Format.IniFormat)
            bridge = ApiBridge()
            ctx = ConsoleContext(
                api=client,
                bridge=bridge,
                settings=AppSettings("B", preset_layers=[], user=user),
                data_dir=root,
            )
            seats = SeatsController(ctx, SupervisionController(ctx, None))
            seats.apply_snapshot(client.snapshot())
            pane = seats.pane
            pane.resize(1920, 1080)
            pane.show()
            stream = StampedStream(client.base_url, lambda: client.token)
            stream.event_received.connect(seats.on_event)
            stream.start()
            deadline = time.monotonic() + 15
            while stream.last_seq == 0 and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.005)
            painted: dict[tuple[int, str], float] = {}
            original = pane.grid.tile_delegate._paint_tile

            def spy(painter: Any, rect: Any, tile: SeatTile, selected: bool) -> None:
                original(painter, rect, tile, selected)
                key = (tile.agent_id, f"{tile.state.value}@{tile.since_epoch:.6f}")
                if key in received and key not in painted:
                    painted[key] = time.perf_counter()

            pane.grid.tile_delegate._paint_tile = spy  # type: ignore[method-assign]
            visible = [t.agent_id for t in seats.model.tiles()[:100]]
            sent: list[float] = []
            done: list[tuple[int, str]] = []
            rng = random.Random(9)

            def force() -> None:
                for i in range(count):
                    agent_id = rng.choice(visible)
                    state = AgentState.READY if i % 2 else AgentState.NOT_READY
                    started = time.perf_counter()
                    out = client.force_state(
                        agent_id, state, "break" if state is AgentState.NOT_READY else None
                    )
                    sent.append(started)
                    done.append((agent_id, f"{out.state.value}@{out.state_since.timestamp():.6f}"))
                    time.sleep(0.2)

            worker = threading.Thread(target=force, daemon=True)
            worker.start()
            deadline = time.monotonic() + count * 0.5 + 30
            while (worker.is_alive() or len(painted) < len(done)) and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.001)
            rest = [(painted[k] - sent[i]) * 1000 for i, k in enumerate(done) if k in painted]
            ws = [(painted[k] - received[k]) * 1000 for k in done if k in painted]
            stream.stop()
            bridge.shutdown()
            pane.close()
        finally:
            client.close()
            serving.close()
            server_app.state.engine.dispose()
    r50, r95 = p50_p95(rest)
    w50, w95 = p50_p95(ws)
    return [
        row("real server: REST force → tile painted p50", r50, "ms"),
        row("real server: REST force → tile painted p95", r95, "ms"),
        row("real server: WebSocket frame → tile painted p50", w50, "ms"),
        row("real server: WebSocket frame → tile painted p95", w95, "ms"),
        row("real server: changes painted", len(ws), "events"),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
