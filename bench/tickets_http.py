"""Ticket create and update over HTTP at concurrency 20: p50/p95 and throughput, SQLite and PostgreSQL.

    .venv/bin/python -m bench.tickets_http [--threads 20] [--per-thread 25] [--backends sqlite,postgresql]

The real server (``python -m server_stub``) runs in a subprocess on a free port against a fresh database;
20 client threads each create ``per-thread`` tickets (``POST /api/v1/tickets``), then edit each of them
once with its revision (``PATCH /api/v1/tickets/{serial}``, ``If-Match``). Latency is per request as the
client sees it; throughput is requests per second of wall time for the phase. The load generator shares
the machine's cores with the server, so the figures are a floor, not a ceiling.
Writes ``bench/results/tickets_http.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import Engine, insert, select

from bench._report import p50_p95, row, write_results
from server_stub.api.deps import hash_token
from server_stub.db.engine import create_db_engine
from server_stub.db.migrations import upgrade_to_head
from server_stub.db.models import Agent, ApiToken
from shared.protocol.enums import Role

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
BENCH_WORK_NUMBER = "B0001"
BENCH_TOKEN = "bench-token-screen-pop-and-tickets-0001"
SERVER_START_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ensure_bench_login(engine: Engine, *, role: Role = Role.LEADER) -> str:
    """A signed-in user straight in the database (no password hashing in the measured path)."""
    with engine.begin() as conn:
        agent_id = conn.execute(select(Agent.id).where(Agent.work_number == BENCH_WORK_NUMBER)).scalar()
        if agent_id is None:
            agent_id = conn.execute(
                insert(Agent)
                .values(
                    work_number=BENCH_WORK_NUMBER,
                    name="Bench",
                    password_hash="!",
                    role=role,
                    active=True,
                    state="logged_out",
                    state_since=datetime.now(UTC),
                    created_at=datetime.now(UTC),
                )
                .returning(Agent.id)
            ).scalar_one()
        token_hash = hash_token(BENCH_TOKEN)
        if conn.execute(select(ApiToken.id).where(ApiToken.token_hash == token_hash)).scalar() is None:
            conn.execute(
                insert(ApiToken).values(
                    token_hash=token_hash,
                    agent_id=agent_id,
                    created_at=datetime.now(UTC),
                    expires_at=datetime.now(UTC) + timedelta(days=3650),
                    revoked=False,
                )
            )
    return BENCH_TOKEN


@contextlib.contextmanager
def running_server(database_url: str) -> Iterator[str]:
    """``python -m server_stub`` on a free port; yields the base URL; stopped by PID (SIGTERM, then KILL)."""
    with tempfile.TemporaryDirectory(prefix="bench-server-") as data_dir:
        port = free_port()
        log = Path(data_dir) / "stderr.log"
        with log.open("wb") as err:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "server_stub",
                    "--data-dir",
                    data_dir,
                    "--http-port",
                    str(port),
                    "--database-url",
                    database_url,
                    "--log-level",
                    "WARNING",
                    "--no-sip",
                ],
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"server exited with {process.returncode}: {log.read_text()[-2000:]}")
                try:
                    if requests.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server did not answer within {SERVER_START_TIMEOUT} s")
                time.sleep(0.2)
            yield base
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def timed(fn: Callable[[], requests.Response], expect: int) -> float:
    started = time.perf_counter()
    response = fn()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != expect:
        raise RuntimeError(f"unexpected {response.status_code}: {response.text[:300]}")
    return elapsed


def run_load(base: str, token: str, *, threads: int, per_thread: int) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    local = threading.local()

    def http() -> requests.Session:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers.update(headers)
        session: requests.Session = local.session
        return session

    def create_batch(worker: int) -> list[tuple[float, str, int]]:
        out = []
        for i in range(per_thread):
            body = {
                "caller_number": f"139{worker:04d}{i:04d}",
                "type": "complaint",
                "content": f"压测工单 {worker}-{i}：小区夜间施工噪音扰民，请相关部门处理。",
                "client_ref": f"bench-{os.getpid()}-{worker}-{i}-{secrets.token_hex(4)}",
            }
            started = time.perf_counter()
            response = http().post(f"{base}/api/v1/tickets", json=body, timeout=60)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 201:
                raise RuntimeError(f"create failed {response.status_code}: {response.text[:300]}")
            data = response.json()
            out.append((elapsed, data["serial"], data["revision"]))
        return out

    def update_batch(items: list[tuple[float, str, int]]) -> list[float]:
        latencies = []
        for _, serial, revision in items:
            latencies.append(
                timed(
                    lambda serial=serial, revision=revision: http().patch(  # type: ignore[misc]
                        f"{base}/api/v1/tickets/{serial}",
                        json={"title": "已补充现场照片"},
                        headers={"If-Match": f'"{revision}"'},
                        timeout=60,
                    ),
                    200,
                )
            )
        return latencies

    with ThreadPoolExecutor(max_workers=threads) as pool:
        started = time.perf_counter()
        created = list(pool.map(create_batch, range(threads)))
        create_wall = time.perf_counter() - started
        started = time.perf_counter()
        updated = list(pool.map(update_batch, created))
        update_wall = time.perf_counter() - started
    create_ms = [c[0] for batch in created for c in batch]
    update_ms = [u for batch in updated for u in batch]
    serials = [c[1] for batch in created for c in batch]
    if len(set(serials)) != len(serials):
        raise RuntimeError("duplicate serials under concurrency")
    return {
        "create_ms": create_ms,
        "update_ms": update_ms,
        "create_rps": len(create_ms) / create_wall,
        "update_rps": len(update_ms) / update_wall,
    }


@contextlib.contextmanager
def fresh_database(backend: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="bench-tickets-") as tmp:
            yield f"sqlite:///{Path(tmp) / 'tickets.sqlite'}"
        return
    from tests.support.postgres import running_postgres

    with running_postgres() as server:
        yield server.create_database("bench_tickets")


def bench_backend(backend: str, *, threads: int, per_thread: int) -> list[dict[str, Any]]:
    with fresh_database(backend) as url:
        engine = create_db_engine(url)
        upgrade_to_head(engine)
        token = ensure_bench_login(engine)
        engine.dispose()
        with running_server(url) as base:
            # warm-up: first requests pay imports, pool connections and statement caches
            run_load(base, token, threads=2, per_thread=3)
            result = run_load(base, token, threads=threads, per_thread=per_thread)
    c50, c95 = p50_p95(result["create_ms"])
    u50, u95 = p50_p95(result["update_ms"])
    label = f"{backend} c{threads}"
    return [
        row(f"{label} create p50", c50, "ms"),
        row(f"{label} create p95", c95, "ms"),
        row(f"{label} create throughput", result["create_rps"], "req/s"),
        row(f"{label} update p50", u50, "ms"),
        row(f"{label} update p95", u95, "ms"),
        row(f"{label} update throughput", result["update_rps"], "req/s"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--per-thread", type=int, default=25)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    rows: list[dict[str, Any]] = []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        rows += bench_backend(backend, threads=args.threads, per_thread=args.per_thread)
    write_results("tickets_http", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
