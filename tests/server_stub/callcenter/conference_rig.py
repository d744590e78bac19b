"""Conference fixtures: the call centre of ``conftest`` (its fake media plane takes
``conference_add``/``conference_remove`` and can refuse them like a media plane without rooms), with
rooms of four parties (caller, owner and two more) so "full" is quick to reach, and an admin."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.app import bind_app
from server_stub.callcenter.runtime import CallCenter
from server_stub.db.models import Agent, Call, CallAgentLeg
from server_stub.media import control as mc
from server_stub.settings import TEST_PASSWORD_COST, Settings
from shared.protocol.enums import Role

from .conftest import HOTLINE, PASSWORD, QUEUE, Centre, FakeMedia, ManualClock, seed

CALLER = "13800138000"
MAX_PARTIES = 4


ConfCentre = Centre


@pytest.fixture
def conf(cc_built_app: FastAPI, db_url: str, tmp_path: Path) -> Iterator[ConfCentre]:
    """On SQLite and on PostgreSQL; an admin ``0001`` besides the agents and the leader of ``seed``."""
    settings = Settings(
        data_dir=tmp_path, database_url=db_url, password_cost=TEST_PASSWORD_COST, migrate_on_start=False
    )
    app = bind_app(cc_built_app, settings)
    seed(app)
    with app.state.session_factory() as db:
        db.add(
            Agent(
                work_number="0001",
                name="管理员",
                password_hash=app.state.password_hasher.hash(PASSWORD),
                role=Role.ADMIN,
            )
        )
        db.commit()
    media = FakeMedia()
    clock = ManualClock()
    cc = CallCenter(
        session_factory=app.state.session_factory,
        events=app.state.events,
        media=media,
        tick_s=0.05,
        clock=clock,
        conference_max_parties=MAX_PARTIES,
    )
    cc.observe(app.state.events)
    start_seq = app.state.events.last_seq
    cc.start()
    app.state.callcenter = cc
    try:
        with TestClient(app) as client:
            yield ConfCentre(app, client, cc, media, clock, start_seq)
    finally:
        cc.stop()
        app.state.engine.dispose()


def now() -> datetime:
    return datetime.now(UTC)


def go_ready(c: Centre, work_number: str) -> dict[str, str]:
    headers = c.login(work_number)
    r = c.client.post("/api/v1/agents/me/state", json={"state": "ready"}, headers=headers)
    assert r.status_code == 200, r.text
    c.settle()
    return headers


def arrive(c: Centre, conv: str, caller: str = CALLER, queue: str = QUEUE) -> None:
    c.cc.handle(mc.InboundCallArrived(conv, caller, HOTLINE, f"sip-{conv}", now()))
    c.cc.handle(mc.IvrRouted(conv, queue, "main>1", "1"))
    c.settle()


def answer(c: Centre, conv: str, agent: str) -> None:
    c.media.wait_for("offer_to_agent", lambda a: a[0] == conv and a[1] == agent)
    c.cc.handle(mc.AgentRinging(conv, agent))
    c.cc.handle(mc.AgentAnswered(conv, agent, now()))
    c.settle()


def talking(c: Centre, conv: str = "conv-1", agent: str = "1001") -> dict[str, str]:
    """``agent`` (ready, alone) answers a caller; returns their auth headers."""
    headers = go_ready(c, agent)
    arrive(c, conv)
    answer(c, conv, agent)
    return headers


def call_row(c: Centre, conv: str) -> Call:
    with c.app.state.session_factory() as db:
        call = db.scalar(select(Call).where(Call.sip_call_id == f"sip-{conv}"))
        assert call is not None
        db.expunge(call)
        return call


def legs(c: Centre, call_id: int) -> list[CallAgentLeg]:
    with c.app.state.session_factory() as db:
        return list(
            db.scalars(select(CallAgentLeg).where(CallAgentLeg.call_id == call_id).order_by(CallAgentLeg.id))
        )


def agent_id(c: Centre, work_number: str) -> int:
    with c.app.state.session_factory() as db:
        found = db.scalar(select(Agent.id).where(Agent.work_number == work_number))
        assert found is not None
        return found
