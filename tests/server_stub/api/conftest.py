"""API test fixtures: the app on a fresh database (SQLite and PostgreSQL), users of each role, sign-in.

* ``app`` / ``client``: the app (routes built once per session, see ``built_app``) bound to the ``db_url``
  fixture's fresh, already-migrated database with a new event hub, a cheap password hash (tests hash
  hundreds of passwords) and a short disconnect grace period. Keep per-test state on ``app.state``.
* ``make_user(role, work_number=None, password=DEFAULT_PASSWORD, **fields) -> Agent`` writes a user.
* ``login(work_number, password=DEFAULT_PASSWORD) -> headers`` signs in through the real endpoint.
* ``agent_headers`` / ``leader_headers`` / ``admin_headers``: a fresh user of that role, signed in. The
  user behind each is on ``headers.user`` (a dict subclass carrying the Agent row).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from server_stub.app import bind_app, build_app
from server_stub.db.models import Agent, NotReadyReason
from server_stub.settings import TEST_PASSWORD_COST, Settings
from shared.protocol.enums import AgentState, Role

DEFAULT_PASSWORD = "secret-pass-1"

_work_numbers = itertools.count(5000)


class AuthHeaders(dict[str, str]):
    """``{"Authorization": "Bearer …"}`` that also remembers who signed in (``.user``) and the token."""

    user: Agent
    token: str


class MakeUser(Protocol):
    def __call__(
        self,
        role: Role = Role.AGENT,
        *,
        work_number: str | None = None,
        password: str = DEFAULT_PASSWORD,
        **fields: Any,
    ) -> Agent: ...


class Login(Protocol):
    def __call__(self, work_number: str, password: str = DEFAULT_PASSWORD) -> AuthHeaders: ...


@pytest.fixture
def app_settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        database_url=db_url,
        password_cost=TEST_PASSWORD_COST,
        presence_grace_seconds=0.5,
        event_buffer_size=64,
        event_seq_start=0,  # events number 1, 2, 3 … so app.state.events.replay_since(0) lists them all
        migrate_on_start=False,  # db_url is already migrated
    )


@pytest.fixture(scope="session")
def built_app() -> FastAPI:
    """Routes prepared once per session: building them is most of ``create_app``'s cost."""
    return build_app()


@pytest.fixture
def app(built_app: FastAPI, app_settings: Settings) -> Iterator[FastAPI]:
    """The app bound to this test's fresh database, hub and settings (all of ``app.state`` is new)."""
    app_settings.data_dir.mkdir(parents=True, exist_ok=True)
    application = bind_app(built_app, app_settings)
    routes_before = len(application.router.routes)
    yield application
    application.state.engine.dispose()
    # a test that mounted extra routes must not leave them on the shared app
    if len(application.router.routes) > routes_before:
        del application.router.routes[routes_before:]
        mark_changed = getattr(application.router, "_mark_routes_changed", None)
        if callable(mark_changed):  # FastAPI ≥ 0.16x caches route lookups by a version counter
            mark_changed()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def session(app: FastAPI) -> Iterator[Session]:
    """A session on the app's database for arranging data and checking what was (not) written."""
    with app.state.session_factory() as db:
        yield db


@pytest.fixture
def make_user(app: FastAPI) -> MakeUser:
    hasher = app.state.password_hasher

    def make(
        role: Role = Role.AGENT,
        *,
        work_number: str | None = None,
        password: str = DEFAULT_PASSWORD,
        **fields: Any,
    ) -> Agent:
        number = work_number or str(next(_work_numbers))
        with app.state.session_factory() as db:
            agent = Agent(
                work_number=number,
                name=fields.pop("name", f"{role.value.title()} {number}"),
                password_hash=hasher.hash(password),
                role=role,
                **fields,
            )
            db.add(agent)
            db.commit()
            return agent

    return make


@pytest.fixture
def login(client: TestClient, app: FastAPI) -> Login:
    def do_login(work_number: str, password: str = DEFAULT_PASSWORD) -> AuthHeaders:
        response = client.post("/api/v1/auth/login", json={"work_number": work_number, "password": password})
        assert response.status_code == 200, response.text
        token = response.json()["token"]
        headers = AuthHeaders(Authorization=f"Bearer {token}")
        headers.token = token
        with app.state.session_factory() as db:
            user = db.scalar(select(Agent).where(Agent.work_number == work_number))
            assert user is not None
            headers.user = user
        return headers

    return do_login


def _signed_in(make_user: MakeUser, login: Login, role: Role) -> AuthHeaders:
    user = make_user(role)
    return login(user.work_number)


@pytest.fixture
def agent_headers(make_user: MakeUser, login: Login) -> AuthHeaders:
    return _signed_in(make_user, login, Role.AGENT)


@pytest.fixture
def leader_headers(make_user: MakeUser, login: Login) -> AuthHeaders:
    return _signed_in(make_user, login, Role.LEADER)


@pytest.fixture
def admin_headers(make_user: MakeUser, login: Login) -> AuthHeaders:
    return _signed_in(make_user, login, Role.ADMIN)


@pytest.fixture
def reasons(app: FastAPI) -> list[str]:
    """Two not-ready reason codes (``break``, ``training``) in the database."""
    with app.state.session_factory() as db:
        db.add_all(
            [
                NotReadyReason(code="break", label_zh="小休", label_en="Break", sort_order=1),
                NotReadyReason(code="training", label_zh="培训", label_en="Training", sort_order=2),
            ]
        )
        db.commit()
    return ["break", "training"]


@pytest.fixture
def set_state(app: FastAPI) -> Callable[[int, AgentState], None]:
    """Put an agent straight into a state (arranging a test, not exercising the state machine)."""

    def put(agent_id: int, state: AgentState) -> None:
        with app.state.session_factory() as db:
            agent = db.get(Agent, agent_id)
            assert agent is not None
            agent.state = state
            db.commit()

    return put


def assert_error(response: Any, status: int, error_id: str | None = None) -> dict[str, Any]:
    """Assert a refusal with the project's error body; returns the body."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) >= {"error_id", "message"}, body
    assert body["message"], body
    if error_id is not None:
        assert body["error_id"] == error_id, body
    return body
