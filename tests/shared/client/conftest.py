"""The real server (``server_stub.app.create_app``) on a free loopback port, for the client's tests.

uvicorn runs in a thread of the test process on a port found by binding to 0
(:func:`tests.support.live_server.serve_in_thread`); teardown stops it even when the test failed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI

from server_stub.app import create_app
from server_stub.db.models import Agent
from server_stub.settings import TEST_PASSWORD_COST, Settings
from shared.protocol.enums import Role
from tests.support.live_server import serve_in_thread
from tests.support.sqlite import write_migrated_sqlite

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
    return write_migrated_sqlite(tmp_path_factory.mktemp("client-db") / "template.sqlite")


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
    try:
        with serve_in_thread(app, start_timeout=20) as url:
            yield LiveServer(app, url)
    finally:
        app.state.engine.dispose()
