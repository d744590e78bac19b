"""Event fan-out: one published event → received on N WebSockets, p50/p95 milliseconds.

    .venv/bin/python -m bench.events_fanout [--sockets 200] [--rounds 30]

The real server (``python -m server_stub``) runs in a subprocess on a free port with a fresh SQLite
database. N clients open ``/api/v1/events`` with a leader's token; then, ``rounds`` times, a leader
broadcasts a message (``POST /api/v1/messages``) and every socket timestamps its arrival. Latency is from
just before the POST to each socket's arrival (so it includes the request, the commit and the fan-out);
the POST's own round trip is reported as the baseline. Clients share the machine's cores with the
server, so the figures are an upper bound on what a seat sees. Writes ``bench/results/events_fanout.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import insert
from websockets.asyncio.client import ClientConnection, connect

from bench._report import p50_p95, row, write_results
from server_stub.db.engine import create_db_engine, sqlite_url_for
from server_stub.db.migrations import upgrade_to_head
from server_stub.db.models import Agent, ApiToken
from server_stub.security.tokens import hash_token, new_token
from shared.protocol.enums import Role

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 120.0
ROUND_TIMEOUT = 30.0


def prepare_database(data_dir: Path) -> str:
    """A migrated database with one leader and a token for them (no password hashing needed)."""
    engine = create_db_engine(sqlite_url_for(data_dir))
    upgrade_to_head(engine)
    token = new_token()
    with engine.begin() as conn:
        agent_id = conn.execute(
            insert(Agent)
            .values(
                work_number="B9001",
                name="Bench leader",
                password_hash="!",
                role=Role.LEADER,
                active=True,
                state="logged_out",
                state_since=datetime.now(UTC),
                created_at=datetime.now(UTC),
            )
            .returning(Agent.id)
        ).scalar_one()
        conn.execute(
            insert(ApiToken).values(
                token_hash=hash_token(token),
                agent_id=agent_id,
                created_at=datetime.now(UTC),
                expires_at=datetime.now(UTC) + timedelta(hours=2),
                revoked=False,
            )
        )
    engine.dispose()
    return token


@contextlib.contextmanager
def running_server(data_dir: Path) -> Iterator[str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server_stub",
            "--data-dir",
            str(data_dir),
            "--http-port",
            "0",
            "--log-level",
            "WARNING",
            "--no-sip",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + START_TIMEOUT
        url = None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                raise RuntimeError(f"server exited with {process.wait()} before listening")
            if "listening on" in line:
                url = line.strip().rsplit(" ", 1)[-1]
                break
        if url is None:
            raise RuntimeError("server did not start in time")
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _reader(ws: ClientConnection, arrivals: dict[str, list[float]]) -> None:
    async for raw in ws:
        now = time.perf_counter()
        event = json.loads(raw)
        if event.get("type") == "message_was_sent":
            arrivals.setdefault(event["payload"]["text"], []).append(now)


async def measure(base: str, token: str, *, sockets: int, rounds: int) -> dict[str, list[float]]:
    ws_url = base.replace("http://", "ws://") + f"/api/v1/events?token={token}"
    conns: list[ClientConnection] = []
    for _ in range(sockets):
        ws = await connect(ws_url, max_size=None, open_timeout=30)
        await asyncio.wait_for(ws.recv(), 30)  # the snapshot
        conns.append(ws)
    arrivals: dict[str, list[float]] = {}
    readers = [asyncio.create_task(_reader(ws, arrivals)) for ws in conns]
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    deliveries: list[float] = []
    last_socket: list[float] = []
    post_rtt: list[float] = []
    try:
        for i in range(rounds):
            text = f"bench-{i}"
            t0 = time.perf_counter()
            response = await asyncio.to_thread(
                http.post, f"{base}/api/v1/messages", json={"to_agent_id": None, "text": text}, timeout=30
            )
            post_rtt.append((time.perf_counter() - t0) * 1000)
            response.raise_for_status()
            deadline = time.monotonic() + ROUND_TIMEOUT
            while len(arrivals.get(text, [])) < sockets:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"round {i}: only {len(arrivals.get(text, []))}/{sockets} sockets got it"
                    )
                await asyncio.sleep(0.005)
            times = [(t - t0) * 1000 for t in arrivals[text]]
            deliveries.extend(times)
            last_socket.append(max(times))
    finally:
        for task in readers:
            task.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
        for ws in conns:
            await ws.close()
    return {"deliveries": deliveries, "last_socket": last_socket, "post_rtt": post_rtt}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sockets", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        data_dir = Path(tmp)
        token = prepare_database(data_dir)
        t0 = time.perf_counter()
        with running_server(data_dir) as base:
            startup_ms = (time.perf_counter() - t0) * 1000
            results = asyncio.run(measure(base, token, sockets=args.sockets, rounds=args.rounds))
    d50, d95 = p50_p95(results["deliveries"])
    l50, l95 = p50_p95(results["last_socket"])
    r50, r95 = p50_p95(results["post_rtt"])
    n = args.sockets
    rows: list[dict[str, Any]] = [
        row(f"publish→received, {n} sockets, p50", d50, "ms"),
        row(f"publish→received, {n} sockets, p95", d95, "ms"),
        row(f"publish→last of {n} sockets, p50", l50, "ms"),
        row(f"publish→last of {n} sockets, p95", l95, "ms"),
        row("POST /messages round trip alone, p50", r50, "ms", baseline=True),
        row("POST /messages round trip alone, p95", r95, "ms", baseline=True),
        row("server start to listening (migrated empty db)", startup_ms, "ms"),
    ]
    write_results("events_fanout", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
