"""The seat on the real server (fake phone only): a caller whose last call became a conference pops with
everyone who was in it, as the server reads them from the call's conference legs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from server_stub.db.base import utcnow
from server_stub.db.models import Call, CallAgentLeg
from server_stub.services.calls_participants import CONFERENCE_OUTCOME as JOINED
from shared.protocol.enums import CallDirection, CallDisposition
from tests.agent_app.test_screen_pop_participants import cell
from tests.shared.client.conftest import PASSWORD, LiveServer

from .real_seat import real_seat

pytestmark = pytest.mark.gui

CALLER = "13655550001"
OUTSIDE = "13900001111"


def _conference_in_history(server: LiveServer) -> None:
    """王芳 took the call and brought in 李强 and an outside number; 张敏 was invited but never answered."""
    owner = server.add_agent("1001", name="王芳")
    colleague = server.add_agent("1002", name="李强")
    no_answer = server.add_agent("1003", name="张敏")
    start = utcnow() - timedelta(days=1)
    with server.app.state.session_factory() as db:
        call = Call(
            direction=CallDirection.INBOUND,
            caller_number=CALLER,
            callee_number="12345",
            hotline_number="12345",
            arrived_at=start,
            answered_at=start + timedelta(seconds=5),
            ended_at=start + timedelta(minutes=6),
            agent_id=owner,
            disposition=CallDisposition.ANSWERED,
        )
        call.legs = [
            CallAgentLeg(agent_id=colleague, answered_at=start + timedelta(minutes=1), outcome=JOINED),
            CallAgentLeg(target_number=OUTSIDE, answered_at=start + timedelta(minutes=2), outcome=JOINED),
            CallAgentLeg(agent_id=no_answer, answered_at=None, outcome=JOINED),
        ]
        db.add(call)
        db.commit()


@pytest.fixture
def seat(
    qtbot: QtBot, live_server: LiveServer, tmp_path: Path
) -> Iterator[tuple[AgentApplication, FakePhone]]:
    with real_seat(qtbot, live_server.url, tmp_path) as seat:
        yield seat


def test_given_real_server_when_caller_of_an_earlier_conference_rings_then_pop_names_who_joined(
    qtbot: QtBot, seat: tuple[AgentApplication, FakePhone], live_server: LiveServer
) -> None:
    _conference_in_history(live_server)
    app, phone = seat
    app.login.submit("1001", PASSWORD)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.work, timeout=60_000)

    phone.ring(CALLER, {"X-Hotline-Caller": CALLER})

    qtbot.waitUntil(lambda: app.screen_pop.pop is not None, timeout=60_000)
    pop = app.window.screen_pop
    assert pop.calls.rowCount() == 1
    who = cell(pop, 0)
    assert who.text() == f"王芳 + 李强, {OUTSIDE}"  # 张敏 never answered: not in it
    assert who.toolTip().splitlines() == [
        "王芳 1001 (took the call)",
        "李强 1002 (joined the conference)",
        f"{OUTSIDE} (joined the conference)",
    ]
