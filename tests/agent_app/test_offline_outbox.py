"""Offline: calls keep working, tickets wait in the outbox on disk and go out once, in order, later."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from agent_app.demo.fake_server import PASSWORD, FakeHotlineServer
from agent_app.offline.outbox import Outbox
from agent_app.softphone.port import LineState
from shared.config import AppSettings

from .conftest import build_agent


def test_given_outbox_when_entries_added_then_kept_in_order_across_reopen(tmp_path: Path) -> None:
    box = Outbox(tmp_path / "outbox.sqlite")
    refs = [box.add({"caller_number": "1", "type": "consultation", "content": f"第{i}条"}) for i in range(3)]
    box.set_customer(refs[1], 42)
    again = Outbox(tmp_path / "outbox.sqlite")
    pending = again.pending()
    assert [e.client_ref for e in pending] == refs
    assert [e.ticket["content"] for e in pending] == ["第0条", "第1条", "第2条"]
    assert pending[1].customer_id == 42 and all(e.ticket["client_ref"] == e.client_ref for e in pending)
    again.remove(refs[0])
    assert Outbox(tmp_path / "outbox.sqlite").count() == 2


@pytest.mark.gui
def test_given_server_down_when_ticket_saved_then_banner_outbox_and_call_unaffected(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    call_id = phone.ring("13800138000", {})
    qtbot.waitUntil(lambda: signed_in.screen_pop.pop is not None, timeout=5000)
    server.online = False
    signed_in.softphone.answer()
    assert phone.lines[call_id].state is LineState.CONNECTED
    form = signed_in.window.ticket_form
    form.content.setPlainText("断网时登记的工单")
    form.save_button.click()
    qtbot.waitUntil(lambda: not signed_in.offline.online, timeout=5000)
    banner = signed_in.window.offline_banner
    assert banner.isVisible() and "1" in banner.label.text()
    assert signed_in.outbox.count() == 1
    qtbot.waitUntil(lambda: form.banner.isVisible(), timeout=5000)
    phone.far_end_hangs_up(call_id)  # the call itself never noticed
    # the server comes back: the probe notices, the outbox drains, the banner goes
    server.online = True
    signed_in.offline._probe.setInterval(50)
    qtbot.waitUntil(lambda: signed_in.offline.online and signed_in.outbox.count() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    assert [t.content for t in server.tickets].count("断网时登记的工单") == 1


@pytest.mark.gui
def test_given_tickets_left_in_outbox_when_app_restarts_then_sent_once_in_order(
    qtbot: QtBot, server: FakeHotlineServer, phone: FakePhone, settings: AppSettings, tmp_path: Path
) -> None:
    data = tmp_path / "seat"
    box = Outbox(data / "outbox.sqlite")
    first = box.add({"caller_number": "13800138000", "type": "complaint", "content": "第一张"})
    box.add(
        {"caller_number": "13800138000", "type": "consultation", "content": "第二张"},
        new_customer={"name": "新来电人", "phones": ["13600000000"]},
    )
    # the first one already reached the server before the crash (its answer was lost)
    server.signed_in = "1001"
    from shared.client.models import TicketCreate

    server.create_ticket(TicketCreate.model_validate(box.pending()[0].ticket))
    server.signed_in = None
    agent = build_agent(server, phone, settings, data)
    qtbot.addWidget(agent.window)
    try:
        agent.login.submit("1001", PASSWORD)
        qtbot.waitUntil(lambda: agent.outbox.count() == 0, timeout=10_000)
        contents = [t.content for t in server.tickets]
        assert contents.count("第一张") == 1 and contents.count("第二张") == 1
        assert contents.index("第一张") < contents.index("第二张")
        assert any(c.name == "新来电人" for c in server.customers.values())
        assert server.tickets_by_ref[first].content == "第一张"
    finally:
        agent.shutdown()


@pytest.mark.gui
def test_given_server_refuses_entry_when_flushing_then_kept_and_others_still_sent(
    qtbot: QtBot, signed_in: AgentApplication, server: FakeHotlineServer
) -> None:
    from shared.client.errors import ApiClientError, ClientErrorId

    original = server.create_ticket

    def refuse_complaints(draft):  # type: ignore[no-untyped-def]
        if draft.type.value == "complaint":
            raise ApiClientError("投诉需要选择分类", error_id=ClientErrorId.INVALID_INPUT, status=422)
        return original(draft)

    server.create_ticket = refuse_complaints  # type: ignore[method-assign]
    box = signed_in.outbox
    box.add({"caller_number": "1", "type": "complaint", "content": "被拒"})
    box.add({"caller_number": "1", "type": "consultation", "content": "正常"})
    for _ in range(3):
        signed_in.offline.flush()
        qtbot.waitUntil(lambda: not signed_in.offline._flushing, timeout=5000)
    assert [t.content for t in server.tickets].count("正常") == 1
    assert box.count() == 1 and box.pending()[0].last_error == "投诉需要选择分类"
    assert signed_in.window.offline_banner.isVisible()


@pytest.mark.gui
def test_given_state_changed_while_offline_when_server_returns_then_server_gets_it(
    qtbot: QtBot, signed_in: AgentApplication, server: FakeHotlineServer
) -> None:
    from shared.protocol.enums import AgentState

    server.online = False
    signed_in.state_bar.go_not_ready("meeting")
    qtbot.waitUntil(lambda: not signed_in.offline.online, timeout=5000)
    assert signed_in.state_bar.state is AgentState.NOT_READY  # shown at once, server or not
    server.online = True
    signed_in.offline._probe.setInterval(50)
    qtbot.waitUntil(lambda: server.states[1][:2] == (AgentState.NOT_READY, "meeting"), timeout=10_000)


@pytest.mark.gui
def test_given_session_expired_when_a_request_is_refused_then_back_to_login_with_reason(
    qtbot: QtBot, signed_in: AgentApplication, server: FakeHotlineServer
) -> None:
    server.signed_in = None  # the server forgot the token
    signed_in.worklists.refresh()
    qtbot.waitUntil(lambda: signed_in.window.stack.currentWidget() is signed_in.window.login, timeout=5000)
    assert not signed_in.window.login.banner.isHidden()


@pytest.mark.gui
def test_given_known_offline_when_a_call_rings_then_pop_says_so_at_once_without_a_request(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    signed_in.offline.set_online(False)
    before = [name for name, _ in server.calls].count("screen_pop")
    phone.ring("13800138000", {})
    assert not signed_in.window.screen_pop.banner.isHidden()  # immediately, not after a timeout
    assert [name for name, _ in server.calls].count("screen_pop") == before
    assert signed_in.window.ticket_form.caller.text() == "13800138000"  # the ticket can still be written
