"""Database fixtures: every server test that asks for ``db_engine`` runs on SQLite *and* PostgreSQL.

PostgreSQL is a real server from Debian's package, started once per test session and stopped by PID.
Each test gets a fresh database cloned from a migrated template (``CREATE DATABASE … TEMPLATE``), which
costs tens of milliseconds instead of re-running the migrations; SQLite likewise copies a migrated file.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from server_stub.db.engine import create_db_engine, make_session_factory
from server_stub.db.migrations import upgrade_to_head
from tests.support.postgres import PostgresServer, running_postgres
from tests.support.sqlite import write_migrated_sqlite

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer) -> str:
    url = pg_server.create_database("hotline_template")
    engine = create_db_engine(url)
    upgrade_to_head(engine)
    engine.dispose()
    return "hotline_template"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_migrated_sqlite(tmp_path_factory.mktemp("sqlite-template") / "template.sqlite")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of a fresh, migrated, empty database on each backend."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "hotline.sqlite"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    server: PostgresServer = request.getfixturevalue("pg_server")
    template_name: str = request.getfixturevalue("pg_template")
    name = f"t{next(_counter)}"
    import psycopg

    with psycopg.connect(host=server.host, port=server.port, user=server.user, dbname="postgres") as conn:
        conn.autocommit = True
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
    return server.url(name)


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    engine = create_db_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(db_engine: Engine) -> Iterator[Session]:
    factory = make_session_factory(db_engine)
    with factory() as session:
        yield session
