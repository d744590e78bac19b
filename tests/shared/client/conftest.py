"""The real server (``server_stub.app.create_app``) on a free loopback port, for the client's tests.

uvicorn runs in a thread of the test process on a socket we bind ourselves (port 0), so parallel runs
never collide; teardown asks it to exit and joins the thread even when the test failed.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from server_stub.app import create_app
from server_stub.db.engine import create_db_engine
from server_stub.db.migrations import upgrade_to_head
from server_stub.db.models import Agent
from server_stub.settings import TEST_PASSWORD_COST, Settings
from shared.protocol.enums import Role

PASSWORD = "secret-pass-1"


@dataclass
class LiveServer:
    app: FastAPI
    url: str

    def add_agent(
        self,
        work_number: str,
        *,
        name: str = "测试坐席",
        role: Role = Role.AGENT,
        sip_password: str | None = None,
    ) -> int:
        hasher = self.app.state.password_hasher
        with self.app.state.session_factory() as db:
            agent = Agent(
                work_number=work_number,
                name=name,
                password_hash=hasher.hash(PASSWORD),
                role=role,
                sip_password=sip_password,
            )
            db.add(agent)
            db.commit()
            return agent.id


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("client-db") / "template.sqlite"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def live_server(tmp_path: Path, migrated_sqlite: Path) -> Iterator[LiveServer]:
    db = tmp_path / "hotline.sqlite"
    shutil.copyfile(migrated_sqlite, db)
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=f"sqlite:///{db}",
        password_cost=TEST_PASSWORD_COST,
        presence_grace_seconds=0.5,
        event_buffer_size=64,
        migrate_on_start=False,
    )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app = create_app(settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        assert server.started, "uvicorn did not start"
        yield LiveServer(app, f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        app.state.engine.dispose()
