"""Ring-to-pop on the call-taker desktop against a server holding 1,000,000 calls and 300,000 tickets.

INVITE received by the app's SIP engine (its ``IncomingCall`` event) → screen pop painted with the
caller's history, measured inside the real app (real client, real engine, own process:
``agent_app.demo.probe``) while a real far end (``shared.telephony.peer``) calls it with the
``X-Hotline-*`` headers the media workers send. Each call is then answered for 0.2 s (memory during a
call is read there) and the seat idles at the end (idle CPU).

Also from the far end's dial request to the painted pop (wall clock, same machine: adds the INVITE's
trip, PJSIP's parsing and the up-to-15 ms engine pump). Baseline in the same run: the server's own
``GET /screen-pop/{number}`` from a plain HTTP client.

The 1M/300k database is built once with ``server_stub.demo_data.loader.load_bulk`` and cached in
``$HOTLINE_BENCH_CACHE`` (default ``~/.cache/hotline-bench``); building it takes ~10–20 minutes on two
cores, later runs reuse it. ``--calls``/``--tickets`` pick a smaller history for a quick look.

    .venv/bin/python -m bench.agent_ring_to_pop [--rings 40] [--calls 1000000 --tickets 300000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import requests
from sqlalchemy import func, select

from bench._report import p50_p95, row, write_results
from server_stub.app import create_app
from server_stub.db.engine import create_db_engine
from server_stub.db.migrations import upgrade_to_head
from server_stub.db.models import Agent, Call, Ticket
from server_stub.demo_data.loader import load_bulk
from server_stub.demo_data.people import DEMO_PASSWORD
from server_stub.settings import Settings
from shared.protocol.enums import Role
from shared.telephony.peer_client import PeerProcess
from tests.support.live_server import serve_in_thread

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
NAME = "agent_ring_to_pop"


def cache_dir() -> Path:
    return Path(os.environ.get("HOTLINE_BENCH_CACHE", Path.home() / ".cache" / "hotline-bench"))


def database(calls: int, tickets: int) -> Path:
    path = cache_dir() / f"pop-{calls}-{tickets}.sqlite"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".building")
    for leftover in path.parent.glob(partial.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    sys.stdout.write(f"building {calls:,} calls + {tickets:,} tickets into {path} (once)…\n")
    sys.stdout.flush()
    engine = create_db_engine(f"sqlite:///{partial}")
    upgrade_to_head(engine)
    load_bulk(engine, calls=calls, tickets=tickets)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    partial.replace(path)
    sys.stdout.write(f"built in {time.perf_counter() - started:.0f} s\n")
    return path


class Server:
    def __init__(self, db: Path, data_dir: Path) -> None:
        settings = Settings(
            data_dir=data_dir,
            database_url=f"sqlite:///{db}",
            migrate_on_start=False,
            presence_grace_seconds=30,
        )
        data_dir.mkdir(parents=True, exist_ok=True)
        self.app = create_app(settings)
        self.url = ""
        self._serving = contextlib.ExitStack()

    def __enter__(self) -> Server:
        self.url = self._serving.enter_context(serve_in_thread(self.app))
        return self

    def __exit__(self, *exc: object) -> None:
        self._serving.close()
        self.app.state.engine.dispose()


def pick_numbers(server: Server, count: int) -> tuple[str, list[str]]:
    """An agent to sign in as, and caller numbers: half the heaviest callers, half ordinary ones."""
    with server.app.state.session_factory() as db:
        agent = db.scalars(
            select(Agent).where(Agent.role == Role.AGENT, Agent.active.is_(True)).order_by(Agent.id)
        ).first()
        assert agent is not None, "the demo data has no agent"
        heavy = list(
            db.scalars(
                select(Ticket.caller_number)
                .group_by(Ticket.caller_number)
                .order_by(func.count().desc())
                .limit(count // 2)
            )
        )
        ordinary = list(
            db.scalars(
                select(Call.caller_number).where(Call.id % 997 == 0).distinct().limit(count - len(heavy))
            )
        )
        return agent.work_number, [n for n in heavy + ordinary if n.isdigit()][:count]


class Probe:
    def __init__(self, args: list[str], log: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "agent_app.demo.probe", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=log.open("w"),
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        assert self.proc.stdout is not None
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            if line.startswith("{"):
                self.events.put(json.loads(line))

    def wait(self, event: str, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                item = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if item["event"] == "timeout":
                raise RuntimeError("the app timed out")
            if item["event"] == event:
                return item
        raise RuntimeError(f"no {event!r} from the app within {timeout} s")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rings", type=int, default=40)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--tickets", type=int, default=300_000)
    parser.add_argument("--idle-s", type=float, default=10.0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    db = database(args.calls, args.tickets)
    work = Path(os.environ.get("TMPDIR", "/tmp")) / f"agent-bench-{os.getpid()}"
    with Server(db, work / "server") as server:
        work_number, numbers = pick_numbers(server, args.rings)
        # baseline: the server's own answer time for the same numbers, from a plain HTTP client
        http = requests.Session()
        token = http.post(
            f"{server.url}/api/v1/auth/login",
            json={"work_number": work_number, "password": DEMO_PASSWORD},
            timeout=10,
        ).json()["token"]
        http.headers["Authorization"] = f"Bearer {token}"
        server_ms = []
        for number in numbers:
            started = time.perf_counter()
            http.get(f"{server.url}/api/v1/screen-pop/{number}", timeout=10).raise_for_status()
            server_ms.append((time.perf_counter() - started) * 1000)
        http.post(f"{server.url}/api/v1/auth/logout", timeout=10)
        probe = Probe(
            [
                "--server",
                server.url,
                "--work-number",
                work_number,
                "--password",
                DEMO_PASSWORD,
                "--calls",
                str(len(numbers)),
                "--mode",
                "pop",
                "--wrap-up-s",
                "1",
                "--idle-s",
                str(args.idle_s),
                "--timeout-s",
                str(60 + 10 * len(numbers)),
            ],
            work / "app.log",
        )
        far_end = PeerProcess("citizen", tone_hz=600.0).start()
        pops: list[dict[str, Any]] = []
        talking_rss: list[float] = []
        try:
            knowledge = probe.wait("knowledge", 90)
            ready = probe.wait("ready", 30)
            idle_rss = ready["rss_mb"]
            for i, number in enumerate(numbers):
                far_end.clear_events()
                dialled_at = time.time()
                far_end.request(
                    "dial",
                    uri=ready["sip_uri"],
                    headers={
                        "X-Hotline-Call": f"bench-{i}",
                        "X-Hotline-Caller": number,
                        "X-Hotline-Queue": "12345",
                        "X-Hotline-Ivr-Path": "1>2",
                        "X-Hotline-Ivr-Digits": "12",
                    },
                )
                pops.append(probe.wait("popped"))
                pops[-1]["from_dial_ms"] = (pops[-1]["wall"] - dialled_at) * 1000
                talking_rss.append(probe.wait("answered")["rss_mb"])
                far_end.wait_event("CallEnded", timeout=20)
                probe.wait("state", 10)  # wrap-up begins; the probe goes ready again itself
                time.sleep(1.3)
            probe.wait("idle", 30)
            time.sleep(0.5)
            cpu_before, wall_before = probe.cpu_seconds(), time.monotonic()
            time.sleep(args.idle_s - 1.0)
            idle_cpu = (probe.cpu_seconds() - cpu_before) / (time.monotonic() - wall_before) * 100
        finally:
            far_end.stop()
            probe.stop()
    painted = [p["latency_ms"] for p in pops]
    d50, d95 = p50_p95([p["from_dial_ms"] for p in pops])
    p50, p95 = p50_p95(painted)
    b50, b95 = p50_p95(server_ms)
    heavy = [p for p in pops if p["open_tickets"] or p["recent_calls"]]
    rows = [
        row("ring_to_pop_painted_p50", p50, "ms"),
        row("ring_to_pop_painted_p95", p95, "ms"),
        row("ring_to_pop_painted_max", max(painted), "ms"),
        row("far_end_dial_to_pop_painted_p50", d50, "ms"),
        row("far_end_dial_to_pop_painted_p95", d95, "ms"),
        row("server_screen_pop_http_p50", b50, "ms", baseline=True),
        row("server_screen_pop_http_p95", b95, "ms", baseline=True),
        row("pops_with_history", len(heavy), "calls"),
        row("rings", len(pops), "calls"),
        row("history_calls_in_db", args.calls, "rows"),
        row("history_tickets_in_db", args.tickets, "rows"),
        row("rss_signed_in_idle", idle_rss, "MB"),
        row("rss_during_call_max", max(talking_rss), "MB"),
        row("idle_cpu_signed_in", idle_cpu, "% of one core"),
        row("first_login_to_knowledge_searchable", knowledge["seconds"], "s"),
        row("knowledge_articles_searchable", knowledge["articles"], "articles"),
    ]
    write_results(NAME, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
