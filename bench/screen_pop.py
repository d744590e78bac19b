"""Screen pop at benchmark scale (1,000,000 calls, 300,000 tickets): p50/p95 in the service and over HTTP.

    HOTLINE_BENCH_SCALE=1 .venv/bin/python -m bench.screen_pop [--lookups 200] [--backends sqlite,postgresql]

Data: the demo centre plus ``load_bulk`` history scaled by ``HOTLINE_BENCH_SCALE`` (default 0.1 =
100,000 calls / 30,000 tickets, because the full load takes several minutes per backend on a shared
2-core machine; ``1`` is the issue's full scale), plus one "hot" number with 19,000 calls and 60 open
tickets (a switchboard or serial caller — the case that must not get slower with history).
The SQLite file is cached under ``bench/.cache/`` (keyed by scale and a fingerprint of the schema and
generator code); PostgreSQL is dumped there too and restored with ``pg_restore`` on later runs.

Lookups: known customers' numbers, unknown (first-time) numbers and the hot number, in a fixed mix,
written as callers present them (``+86 …``, dashes). Service = ``services.screen_pop.screen_pop`` on a new
session per lookup; HTTP = ``GET /api/v1/screen-pop/{number}`` against ``python -m server_stub`` in a
subprocess, keep-alive, one client; the two alternate lookup by lookup so a busy machine skews both
alike. Baseline (same run): the hot number's pop without the caps — every call and every unfinished
ticket loaded, as a naive implementation would.
Writes ``bench/results/screen_pop.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import logging
import os
import random
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

from bench._report import p50_p95, row, write_results
from bench.tickets_http import ensure_bench_login, running_server
from server_stub.db.engine import create_db_engine, make_session_factory
from server_stub.db.migrations import upgrade_to_head
from server_stub.db.models import Call, Customer, CustomerPhone, CustomerTagLink, Ticket, TicketSerialCounter
from server_stub.services.screen_pop import screen_pop
from server_stub.services.serials import format_serial, serial_day
from server_stub.services.sla import deadline_for, warn_at_for
from shared.protocol.enums import CallDirection, CallDisposition, CustomerTag, TicketStatus, TicketType

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
CACHE_DIR = REPO / "bench" / ".cache"
FULL_CALLS = 1_000_000
FULL_TICKETS = 300_000
HOT_NUMBER = "13999990000"
HOT_CALLS = 19_000
HOT_TICKETS = 60
FINGERPRINT_FILES = (
    "server_stub/db/migrations/versions/0001_initial_schema.py",
    "server_stub/demo_data/loader.py",
    "server_stub/demo_data/bulk.py",
)
#: Bump when ``add_hot_number`` or the bench login change what goes into the cached databases.
HOT_DATA_VERSION = 1


def scale() -> float:
    value = float(os.environ.get("HOTLINE_BENCH_SCALE", "0.1"))
    if not 0 < value <= 1:
        raise SystemExit("HOTLINE_BENCH_SCALE must be in (0, 1]")
    return value


def fingerprint(scale_value: float) -> str:
    digest = hashlib.sha256(f"scale={scale_value};hot={HOT_DATA_VERSION}".encode())
    for name in FINGERPRINT_FILES:
        path = REPO / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:12]


def add_hot_number(engine: Engine) -> None:
    """One customer number with 19,000 calls over a year and 60 unfinished tickets."""
    now = datetime.now(UTC)
    rng = random.Random(19000)
    with engine.begin() as conn:
        customer_id = conn.execute(
            insert(Customer)
            .values(name="总机 (bench)", address="云川市政务中心", created_at=now, updated_at=now)
            .returning(Customer.id)
        ).scalar_one()
        conn.execute(insert(CustomerPhone).values(customer_id=customer_id, number=HOT_NUMBER))
        conn.execute(insert(CustomerTagLink).values(customer_id=customer_id, tag=CustomerTag.IMPORTANT))
        calls = []
        for i in range(HOT_CALLS):
            arrived = now - timedelta(seconds=int(rng.random() * 365 * 86400))
            calls.append(
                {
                    "direction": CallDirection.INBOUND,
                    "caller_number": HOT_NUMBER,
                    "callee_number": "12345",
                    "hotline_number": "12345",
                    "customer_id": customer_id,
                    "arrived_at": arrived,
                    "answered_at": arrived + timedelta(seconds=20),
                    "ended_at": arrived + timedelta(seconds=200),
                    "disposition": CallDisposition.ANSWERED,
                    "priority": 0,
                    "hold_seconds": 0,
                }
            )
            if len(calls) == 5000 or i == HOT_CALLS - 1:
                conn.execute(insert(Call), calls)
                calls = []
        # serials on a day of their own far in the past, so they cannot clash with the bulk history's
        day = serial_day(now - timedelta(days=4000))
        tickets = []
        for i in range(HOT_TICKETS):
            created = now - timedelta(hours=i * 7)
            deadline = deadline_for(created, None)
            tickets.append(
                {
                    "serial": format_serial(day, i + 1),
                    "type": TicketType.COMPLAINT,
                    "status": TicketStatus.DISPATCHED if i % 2 else TicketStatus.REGISTERED,
                    "content": f"总机转来第{i}件",
                    "caller_number": HOT_NUMBER,
                    "customer_id": customer_id,
                    "created_at": created,
                    "updated_at": created,
                    "deadline": deadline,
                    "warn_at": warn_at_for(created, deadline),
                    "return_count": 0,
                    "revision": 1,
                }
            )
        conn.execute(insert(Ticket), tickets)
        conn.execute(insert(TicketSerialCounter).values(day=day, last_sequence=HOT_TICKETS))


def populate(engine: Engine, scale_value: float) -> dict[str, Any]:
    from server_stub.demo_data.loader import load_bulk

    started = time.monotonic()
    upgrade_to_head(engine)
    written = load_bulk(engine, calls=int(FULL_CALLS * scale_value), tickets=int(FULL_TICKETS * scale_value))
    add_hot_number(engine)
    ensure_bench_login(engine)
    seconds = time.monotonic() - started
    logger.warning("loaded %s in %.0f s", written, seconds)
    return {"load_seconds": seconds, **written}


@contextlib.contextmanager
def sqlite_database(scale_value: float) -> Iterator[tuple[str, float | None]]:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = CACHE_DIR / f"screen_pop-{scale_value:g}-{fingerprint(scale_value)}.sqlite"
    load_seconds: float | None = None
    if not path.exists():
        for stale in CACHE_DIR.glob(f"screen_pop-{scale_value:g}-*.sqlite*"):
            stale.unlink()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        engine = create_db_engine(f"sqlite:///{partial}")
        load_seconds = populate(engine, scale_value)["load_seconds"]
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.exec_driver_sql("ANALYZE")
        engine.dispose()
        partial.rename(path)
    yield f"sqlite:///{path}", load_seconds


@contextlib.contextmanager
def postgres_database(scale_value: float) -> Iterator[tuple[str, float | None]]:
    from tests.support.postgres import find_pg_bin, running_postgres

    dump = CACHE_DIR / f"screen_pop-{scale_value:g}-{fingerprint(scale_value)}.pgdump"
    with running_postgres() as server:
        url = server.create_database("bench_screen_pop")
        pg_bin = find_pg_bin()
        conn_args = ["-h", server.host, "-p", str(server.port), "-U", server.user]
        load_seconds: float | None = None
        if dump.exists() and pg_bin is not None:
            started = time.monotonic()
            subprocess.run(
                [
                    str(pg_bin / "pg_restore"),
                    *conn_args,
                    "-d",
                    "bench_screen_pop",
                    "--no-owner",
                    "-j",
                    "2",
                    str(dump),
                ],
                check=True,
                timeout=1800,
            )
            logger.warning("restored the PostgreSQL dump in %.0f s", time.monotonic() - started)
        else:
            engine = create_db_engine(url)
            load_seconds = populate(engine, scale_value)["load_seconds"]
            engine.dispose()
            if pg_bin is not None:
                for stale in CACHE_DIR.glob(f"screen_pop-{scale_value:g}-*.pgdump"):
                    stale.unlink()
                partial = dump.with_suffix(".partial")
                subprocess.run(
                    [str(pg_bin / "pg_dump"), *conn_args, "-Fc", "-f", str(partial), "bench_screen_pop"],
                    check=True,
                    timeout=1800,
                )
                shutil.move(partial, dump)
        with contextlib.closing(create_db_engine(url).connect()) as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        yield url, load_seconds


def lookups(engine: Engine, count: int) -> list[tuple[str, str]]:
    """``(kind, number as dialled)``: 60 % known customers, 30 % first-time callers, 10 % the hot number."""
    rng = random.Random(7)
    with engine.connect() as conn:
        numbers = list(conn.execute(select(CustomerPhone.number).order_by(CustomerPhone.id)).scalars())
    numbers = [n for n in numbers if n != HOT_NUMBER]
    out: list[tuple[str, str]] = []
    for i in range(count):
        pick = i % 10
        if pick < 6:
            number = rng.choice(numbers)
            out.append(("known", f"+86 {number}" if i % 2 else number))
        elif pick < 9:
            out.append(("unknown", f"0086-137-{rng.randrange(10**8):08d}"))
        else:
            out.append(("hot", f"+86-{HOT_NUMBER[:3]}-{HOT_NUMBER[3:7]}-{HOT_NUMBER[7:]}"))
    return out


def _normalise(number: str) -> str:
    from server_stub.services.customers import normalize_number

    result = normalize_number(number)
    assert result is not None
    return result


def measure_interleaved(
    engine: Engine, base: str, token: str, plan: list[tuple[str, str]]
) -> dict[str, dict[str, list[float]]]:
    """Each lookup through the service, then over HTTP, alternately — so load from other work on the
    machine hits both layers alike. The first pass over the plan warms caches and is not counted."""
    factory = make_session_factory(engine)
    timings: dict[str, dict[str, list[float]]] = {
        layer: {"all": [], "hot": []} for layer in ("service", "http")
    }
    with requests.Session() as http:
        http.headers["Authorization"] = f"Bearer {token}"
        for warm in (True, False):
            for kind, dialled in plan:
                started = time.perf_counter()
                with factory() as session:
                    pop = screen_pop(session, number=_normalise(dialled), now=datetime.now(UTC))
                service_ms = (time.perf_counter() - started) * 1000
                if kind == "hot" and pop.calls_total != HOT_CALLS:
                    raise RuntimeError(f"hot number shows {pop.calls_total} calls")
                started = time.perf_counter()
                response = http.get(f"{base}/api/v1/screen-pop/{dialled}", timeout=60)
                http_ms = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise RuntimeError(f"screen pop {dialled}: {response.status_code} {response.text[:200]}")
                if warm:
                    continue
                for layer, elapsed in (("service", service_ms), ("http", http_ms)):
                    timings[layer]["all"].append(elapsed)
                    if kind == "hot":
                        timings[layer]["hot"].append(elapsed)
    return timings


def measure_uncapped_baseline(engine: Engine, repeats: int = 10) -> list[float]:
    """What a naive pop costs for the hot number: every call and every unfinished ticket as ORM objects."""
    factory = make_session_factory(engine)
    samples = []
    for _ in range(repeats + 1):
        started = time.perf_counter()
        with factory() as session:
            calls = session.scalars(
                select(Call).where(Call.caller_number == HOT_NUMBER).order_by(Call.arrived_at.desc())
            ).all()
            tickets = session.scalars(
                select(Ticket).where(Ticket.caller_number == HOT_NUMBER, Ticket.status != TicketStatus.CLOSED)
            ).all()
            assert len(calls) == HOT_CALLS and tickets
        samples.append((time.perf_counter() - started) * 1000)
    return samples[1:]


def count_rows(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        calls = session.scalar(select(func.count()).select_from(Call)) or 0
        tickets = session.scalar(select(func.count()).select_from(Ticket)) or 0
    return calls, tickets


def bench_backend(backend: str, scale_value: float, lookups_count: int) -> list[dict[str, Any]]:
    opener = sqlite_database if backend == "sqlite" else postgres_database
    rows: list[dict[str, Any]] = []
    with opener(scale_value) as (url, load_seconds):
        engine = create_db_engine(url)
        calls, tickets = count_rows(engine)
        rows.append(row(f"{backend} calls in database", calls, "rows"))
        rows.append(row(f"{backend} tickets in database", tickets, "rows"))
        if load_seconds is not None:
            rows.append(row(f"{backend} bulk load (first run only)", load_seconds, "s"))
        plan = lookups(engine, lookups_count)
        baseline = measure_uncapped_baseline(engine)
        token = ensure_bench_login(engine)
        with running_server(url) as base:
            measured = measure_interleaved(engine, base, token, plan)
        engine.dispose()
    for layer, timings in measured.items():
        p50, p95 = p50_p95(timings["all"])
        rows.append(row(f"{backend} {layer} p50", p50, "ms"))
        rows.append(row(f"{backend} {layer} p95", p95, "ms"))
        h50, h95 = p50_p95(timings["hot"])
        rows.append(row(f"{backend} {layer} hot number ({HOT_CALLS} calls) p50", h50, "ms"))
        rows.append(row(f"{backend} {layer} hot number ({HOT_CALLS} calls) p95", h95, "ms"))
    b50, b95 = p50_p95(baseline)
    rows.append(row(f"{backend} uncapped hot-number pop p50", b50, "ms", baseline=True))
    rows.append(row(f"{backend} uncapped hot-number pop p95", b95, "ms", baseline=True))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    scale_value = scale()
    rows: list[dict[str, Any]] = [
        row("scale (HOTLINE_BENCH_SCALE)", scale_value, "× 1M calls / 300k tickets")
    ]
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        rows += bench_backend(backend, scale_value, args.lookups)
    name = "screen_pop" if scale_value == 0.1 else f"screen_pop_scale{scale_value:g}"
    write_results(name, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
