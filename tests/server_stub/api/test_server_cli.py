"""``python -m server_stub``: starts on a free port, prints its URL, logs to DIR/logs/server.log, stops
cleanly on SIGTERM; ``--demo-data`` refuses a database that has content."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, insert, select

from server_stub.db.engine import create_db_engine, make_session_factory
from server_stub.db.models import Agent
from server_stub.security.passwords import PasswordHasher
from server_stub.services.auth import DEMO_PASSWORD, ensure_demo_logins
from server_stub.settings import TEST_PASSWORD_COST
from shared.protocol.enums import Role

REPO = Path(__file__).resolve().parents[3]
START_TIMEOUT = 120.0


def _start(data_dir: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server_stub",
            "--data-dir",
            str(data_dir),
            "--http-port",
            "0",
            "--no-sip",
            *extra,
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


@pytest.fixture
def server_process() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def _read_url(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if "listening on" in line:
            return line.strip().rsplit(" ", 1)[-1]
    raise AssertionError(f"server did not print its URL; exit code {process.poll()}")


def test_given_data_dir_when_started_then_serves_and_stops_on_sigterm(tmp_path, db_url, server_process):
    process = _start(tmp_path, "--database-url", db_url)
    server_process.append(process)
    url = _read_url(process)
    assert url.startswith("http://127.0.0.1:")
    health = requests.get(f"{url}/api/v1/health", timeout=30)
    assert health.json()["status"] == "ok"
    assert requests.get(f"{url}/openapi.json", timeout=30).json()["info"]["title"] == "Hotline Desk server"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    log = (tmp_path / "logs" / "server.log").read_text(encoding="utf-8")
    assert "listening on" in log
    assert "server stopped" in log


def test_given_sqlite_default_then_database_file_in_data_dir(tmp_path, server_process):
    process = _start(tmp_path)
    server_process.append(process)
    _read_url(process)
    assert (tmp_path / "hotline.sqlite").exists()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 0


def test_given_database_with_agents_when_demo_data_then_refused_with_reason(tmp_path, db_url, server_process):
    engine = create_db_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            insert(Agent).values(
                work_number="1",
                name="x",
                password_hash="!",
                role=Role.ADMIN,
                active=True,
                state="logged_out",
                state_since=datetime.now(UTC),
                created_at=datetime.now(UTC),
            )
        )
    engine.dispose()
    process = _start(tmp_path, "--database-url", db_url, "--demo-data")
    server_process.append(process)
    _, stderr = process.communicate(timeout=START_TIMEOUT)
    assert process.returncode == 2
    assert "--demo-data" in stderr and "empty" in stderr


def test_given_port_taken_then_exit_2_with_message(tmp_path, server_process):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server_stub",
                "--data-dir",
                str(tmp_path),
                "--http-port",
                str(port),
                "--no-sip",
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        server_process.append(process)
        _, stderr = process.communicate(timeout=START_TIMEOUT)
    assert process.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in stderr


def test_given_empty_database_when_demo_logins_then_documented_accounts_sign_in(db_engine):
    hasher = PasswordHasher(TEST_PASSWORD_COST)
    factory = make_session_factory(db_engine)
    with factory() as session:
        assert ensure_demo_logins(session, hasher=hasher) == 22
        session.commit()
        assert ensure_demo_logins(session, hasher=hasher) == 0
        roles = dict(session.execute(select(Agent.work_number, Agent.role)).all())
        assert roles["0001"] == Role.ADMIN
        assert roles["9001"] == Role.LEADER
        assert all(roles[str(n)] == Role.AGENT for n in range(1001, 1021))
        admin = session.scalar(select(Agent).where(Agent.work_number == "0001"))
        assert admin is not None and hasher.verify(admin.password_hash, DEMO_PASSWORD)
        assert session.scalar(select(func.count()).select_from(Agent)) == 22
