"""Conference fixtures: the call centre of ``conftest`` (its fake media plane takes
``conference_add``/``conference_remove`` and can refuse them like a media plane without rooms), with
rooms of four parties (caller, owner and two more) so "full" is quick to reach, and an admin."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from server_stub.db.models import Agent, Call, CallAgentLeg
from server_stub.media import control as mc
from shared.protocol.enums import Role

from .conftest import HOTLINE, PASSWORD, QUEUE, Centre, running_centre

CALLER = "13800138000"
MAX_PARTIES = 4


ConfCentre = Centre


@pytest.fixture
def conf(cc_built_app: FastAPI, db_url: str, tmp_path: Path) -> Iterator[ConfCentre]:
    """On SQLite and on PostgreSQL; an admin ``0001`` besides the agents and the leader of ``seed``."""
    with running_centre(cc_built_app, db_url, tmp_path, conference_max_parties=MAX_PARTIES) as centre:
        with centre.app.state.session_factory() as db:
            db.add(
                Agent(
                    work_number="0001",
                    name="管理员",
                    password_hash=centre.app.state.password_hasher.hash(PASSWORD),
                    role=Role.ADMIN,
                )
            )
            db.commit()
        yield centre


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
