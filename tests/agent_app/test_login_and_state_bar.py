"""Login, logout and the state bar: what the call-taker sees before and between calls."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_server import PASSWORD, FakeHotlineServer
from agent_app.state_bar.model import InvalidSeatTransition, SeatEvent, next_state
from shared.protocol.enums import AgentState
from shared.protocol.events import EventType

pytestmark = pytest.mark.gui


def test_given_wrong_password_when_signing_in_then_inline_error_and_still_on_login(
    qtbot: QtBot, agent: AgentApplication
) -> None:
    agent.window.login.work_number.setText("1001")
    agent.window.login.password.setText("nope")
    agent.window.login.sign_in.click()
    qtbot.waitUntil(lambda: agent.window.login.banner.isVisible(), timeout=5000)
    assert "password" in agent.window.login.banner.label.text().lower()
    assert agent.window.stack.currentWidget() is agent.window.login


def test_given_right_password_when_signing_in_then_work_area_and_work_number_remembered(
    qtbot: QtBot, agent: AgentApplication, server: FakeHotlineServer
) -> None:
    agent.window.login.work_number.setText("1001")
    agent.window.login.password.setText(PASSWORD)
    agent.window.login.sign_in.click()
    qtbot.waitUntil(lambda: agent.window.stack.currentWidget() is agent.window.work, timeout=5000)
    assert agent.ctx.settings.last_work_number == "1001"
    assert "王芳" in agent.window.state_bar.agent_label.text()
    qtbot.waitUntil(lambda: "23" in agent.window.state_bar.counters.text(), timeout=5000)
    assert server.calls[0][0] == "login"


def test_given_empty_fields_when_signing_in_then_asked_to_fill_them_without_a_request(
    qtbot: QtBot, agent: AgentApplication, server: FakeHotlineServer
) -> None:
    agent.window.login.sign_in.click()
    assert agent.window.login.banner.isVisible()
    assert server.calls == []


def test_given_signed_in_when_going_ready_and_not_ready_then_chip_and_server_follow(
    qtbot: QtBot, signed_in: AgentApplication, server: FakeHotlineServer
) -> None:
    bar = signed_in.window.state_bar
    bar.ready_button.click()
    qtbot.waitUntil(lambda: server.states[1][0] is AgentState.READY, timeout=5000)
    assert bar.state_chip.text() == bar.state_text(AgentState.READY)
    meal = next(a for a in bar.reason_menu.actions() if a.text() in ("就餐", "Meal"))
    meal.trigger()
    qtbot.waitUntil(lambda: server.states[1][:2] == (AgentState.NOT_READY, "meal"), timeout=5000)
    assert meal.text() in bar.state_chip.text()
    assert bar.ready_button.isEnabled()


def test_given_leader_forces_state_when_event_arrives_then_bar_shows_server_state(
    qtbot: QtBot, signed_in: AgentApplication, server: FakeHotlineServer
) -> None:
    server.publish(
        EventType.AGENT_STATE_DID_CHANGE,
        {
            "agent_id": 1,
            "work_number": "1001",
            "name": "王芳",
            "state": "not_ready",
            "reason": "training",
            "since": "2026-01-01T08:00:00+00:00",
            "forced_by": "赵班长",
        },
    )
    qtbot.waitUntil(
        lambda: (
            signed_in.state_bar.state is AgentState.NOT_READY and signed_in.state_bar.reason == "training"
        ),
        timeout=5000,
    )


def test_given_signed_in_when_signing_out_then_login_page_and_server_logged_out(
    qtbot: QtBot, signed_in: AgentApplication, server: FakeHotlineServer
) -> None:
    signed_in.window.state_bar.logout_button.click()
    qtbot.waitUntil(lambda: signed_in.window.stack.currentWidget() is signed_in.window.login, timeout=5000)
    qtbot.waitUntil(lambda: server.signed_in is None, timeout=5000)
    qtbot.waitUntil(lambda: signed_in.window.login.work_number.text() == "1001", timeout=5000)


def test_given_seat_table_when_pairs_are_invalid_then_next_state_refuses() -> None:
    assert next_state(AgentState.READY, SeatEvent.CALL_OFFERED) is AgentState.RESERVED
    assert next_state(AgentState.TALKING, SeatEvent.CALL_ENDED) is AgentState.WRAP_UP
    assert next_state(AgentState.WRAP_UP, SeatEvent.WRAP_UP_DONE) is AgentState.READY
    with pytest.raises(InvalidSeatTransition):
        next_state(AgentState.TALKING, SeatEvent.LOG_OUT)
    assert next_state(AgentState.LOGGED_OUT, SeatEvent.GO_READY) is AgentState.READY
    with pytest.raises(InvalidSeatTransition):
        next_state(AgentState.LOGGED_OUT, SeatEvent.CALL_ANSWERED)


def test_given_leader_message_and_notice_when_events_arrive_then_banners_show_and_withdrawal_hides(
    qtbot: QtBot, signed_in: AgentApplication, server: FakeHotlineServer
) -> None:
    w = signed_in.window
    server.publish(
        EventType.MESSAGE_WAS_SENT, {"from_name": "赵班长", "to_agent_id": 1, "text": "请尽快示闲"}
    )
    qtbot.waitUntil(lambda: "请尽快示闲" in w.message_banner.label.text(), timeout=5000)
    server.publish(EventType.NOTICE_WAS_PUBLISHED, {"notice_id": 7, "title": "紧急通知", "body": "暴雨停课"})
    qtbot.waitUntil(lambda: "暴雨停课" in w.notice_banner.label.text(), timeout=5000)
    server.publish(EventType.NOTICE_WAS_WITHDRAWN, {"notice_id": 7})
    qtbot.waitUntil(lambda: w.notice_banner.isHidden(), timeout=5000)
