"""Call-centre fixtures: the real app on a fresh SQLite database with the call-centre router mounted, a
queue and agents, a hand-driven clock, and a fake media plane (the *other* side) that records commands."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.app import API_PREFIX, bind_app, build_app
from server_stub.callcenter import router as cc_router
from server_stub.callcenter.runtime import CallCenter
from server_stub.db.models import Agent, AgentSkill, Queue
from server_stub.demo_data import CENTRE_TZ
from server_stub.media import control as mc
from server_stub.settings import TEST_PASSWORD_COST, Settings
from shared.protocol.enums import QueueStrategy, Role, SupervisionMode
from shared.protocol.events import EventEnvelope

PASSWORD = "pw-test-1"
QUEUE = "Q_TEST"
HOTLINE = "12345"


class ManualClock:
    """The ACD's wall clock, moved by the test (ring timeouts and wrap-ups without waiting)."""

    def __init__(self) -> None:
        self._now = datetime(2026, 5, 6, 10, 0, tzinfo=CENTRE_TZ)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += timedelta(seconds=seconds)


@dataclass
class FakeMedia:
    """Records every MediaControl command (thread-safe); ``dial_outbound`` hands out conversation ids."""

    commands: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)
    #: the call data each ``transfer`` was given, in order
    transfer_headers: list[dict[str, str]] = field(default_factory=list)
    #: set: ``conference_add`` raises with this error id, like a media plane that cannot do it
    refuse_conference_with: str | None = None

    def _add(self, name: str, *args: Any) -> None:
        with self.cond:
            self.commands.append((name, args))
            self.cond.notify_all()

    def offer_to_agent(
        self, conversation_id: str, agent_work_number: str, headers: dict[str, str], timeout_s: float = 20.0
    ) -> None:
        self._add("offer_to_agent", conversation_id, agent_work_number, dict(headers))

    def cancel_offer(self, conversation_id: str) -> None:
        self._add("cancel_offer", conversation_id)

    def announce_position(self, conversation_id: str, position: int, estimated_wait_s: int | None) -> None:
        self._add("announce_position", conversation_id, position)

    def route_to_voicemail(self, conversation_id: str, prompt: str | None = None) -> None:
        self._add("route_to_voicemail", conversation_id)

    def play_and_hang_up(self, conversation_id: str, prompt: str) -> None:
        self._add("play_and_hang_up", conversation_id)

    def transfer(
        self,
        conversation_id: str,
        target: mc.TransferTarget,
        *,
        consult: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        with self.cond:
            self.transfer_headers.append(dict(headers or {}))
        self._add("transfer", conversation_id, target)

    def complete_transfer(self, conversation_id: str) -> None:
        self._add("complete_transfer", conversation_id)

    def cancel_transfer(self, conversation_id: str) -> None:
        self._add("cancel_transfer", conversation_id)

    def supervise(self, conversation_id: str, supervisor_work_number: str, mode: SupervisionMode) -> None:
        self._add("supervise", conversation_id, supervisor_work_number, mode)

    def end_supervision(self, conversation_id: str) -> None:
        self._add("end_supervision", conversation_id)

    def dial_outbound(
        self, agent_work_number: str, number: str, headers: dict[str, str] | None = None
    ) -> str:
        self._add("dial_outbound", agent_work_number, number)
        return f"out-{len(self.commands)}"

    def hang_up(self, conversation_id: str) -> None:
        self._add("hang_up", conversation_id)

    def conference_add(
        self,
        conversation_id: str,
        party_id: str,
        target: mc.TransferTarget,
        headers: Mapping[str, str] | None = None,
        timeout_s: float = 30.0,
    ) -> None:
        if self.refuse_conference_with is not None:
            raise mc.MediaCommandError(
                "Conference rooms are not available yet.", error_id=self.refuse_conference_with
            )
        self._add("conference_add", conversation_id, party_id, target, dict(headers or {}))

    def conference_remove(self, conversation_id: str, party_id: str) -> None:
        self._add("conference_remove", conversation_id, party_id)

    def wait_for(
        self, name: str, where: Callable[[tuple[Any, ...]], bool] | None = None, timeout: float = 10.0
    ) -> tuple[Any, ...]:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for cmd, args in self.commands:
                    if cmd == name and (where is None or where(args)):
                        return args
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {name} within {timeout} s; commands: {self.commands}")
                self.cond.wait(min(left, 0.2))

    def names(self) -> list[str]:
        with self.cond:
            return [c for c, _ in self.commands]


@dataclass
class Centre:
    app: FastAPI
    client: TestClient
    cc: CallCenter
    media: FakeMedia
    clock: ManualClock
    start_seq: int

    def events(self, kind: str | None = None) -> list[EventEnvelope]:
        got = self.app.state.events.replay_since(self.start_seq) or []
        return [e for e in got if kind is None or e.type.value == kind]

    def login(self, work_number: str) -> dict[str, str]:
        r = self.client.post(
            f"{API_PREFIX}/auth/login", json={"work_number": work_number, "password": PASSWORD}
        )
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['token']}"}

    def settle(self, timeout: float = 10.0) -> None:
        """Wait until the owner thread has handled everything queued so far."""
        self.cc.call(lambda: None, timeout=timeout)


@pytest.fixture(scope="session")
def cc_built_app() -> FastAPI:
    app = build_app()
    app.include_router(cc_router.router, prefix=API_PREFIX)
    return app


def seed(app: FastAPI, *, queue_kwargs: dict[str, Any] | None = None) -> None:
    hasher = app.state.password_hasher
    pw = hasher.hash(PASSWORD)
    with app.state.session_factory() as db:
        db.add(
            Queue(
                code=QUEUE,
                name="测试队列",
                hotline_number=HOTLINE,
                strategy=QueueStrategy.LONGEST_IDLE,
                required_skills={"general": 1},
                priority_rules={"vip": 100},
                wrap_up_seconds=5,
                max_wait_seconds=600,
                offer_timeout_seconds=15,
                announce_every_seconds=0,
                **(queue_kwargs or {}),
            )
        )
        db.add(
            Queue(
                code="Q_OTHER",
                name="其他",
                hotline_number=HOTLINE,
                strategy=QueueStrategy.ROUND_ROBIN,
                required_skills={"gjj": 1},
                wrap_up_seconds=5,
                announce_every_seconds=0,
            )
        )
        for wn, skills in (("1001", {"general": 1}), ("1002", {"general": 1}), ("1003", {"gjj": 2})):
            agent = Agent(
                work_number=wn, name=f"坐席{wn}", password_hash=pw, role=Role.AGENT, sip_password="x"
            )
            agent.skills = [AgentSkill(skill=k, level=v) for k, v in skills.items()]
            db.add(agent)
        db.add(Agent(work_number="9001", name="值班长", password_hash=pw, role=Role.LEADER))
        db.commit()


@contextmanager
def running_centre(cc_built_app: FastAPI, db_url: str, tmp_path: Path, **cc_options: Any) -> Iterator[Centre]:
    """The seeded server app (``seed``) with a running call centre on the fake media plane."""
    settings = Settings(
        data_dir=tmp_path,
        database_url=db_url,
        password_cost=TEST_PASSWORD_COST,
        migrate_on_start=False,
    )
    app = bind_app(cc_built_app, settings)
    seed(app)
    media = FakeMedia()
    clock = ManualClock()
    cc = CallCenter(
        session_factory=app.state.session_factory,
        events=app.state.events,
        media=media,
        tick_s=0.05,
        clock=clock,
        **cc_options,
    )
    cc.observe(app.state.events)
    start_seq = app.state.events.last_seq
    cc.start()
    app.state.callcenter = cc
    try:
        with TestClient(app) as client:
            yield Centre(app, client, cc, media, clock, start_seq)
    finally:
        cc.stop()
        app.state.engine.dispose()


@pytest.fixture
def centre(cc_built_app: FastAPI, db_url: str, tmp_path: Path) -> Iterator[Centre]:
    """On SQLite and on PostgreSQL (``db_url`` from ``tests/server_stub/conftest.py``)."""
    with running_centre(cc_built_app, db_url, tmp_path) as running:
        yield running


def agent_row(app: FastAPI, work_number: str) -> Agent:
    with app.state.session_factory() as db:
        agent = db.scalar(select(Agent).where(Agent.work_number == work_number))
        assert agent is not None
        db.expunge(agent)
        return agent


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not met within {timeout} s")
        time.sleep(0.02)
