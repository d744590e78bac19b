"""What QA tripped over in a compressed shift: the notice for another line, two "ready" buttons in
wrap-up, a softphone panel saying "waiting for calls" during wrap-up, a pop that missed the ticket just
saved, and a ticket the server refused after an outage sitting silently in the outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication, notice_is_for_seat, served_hotlines
from agent_app.demo.fake_phone import FakePhone
from agent_app.demo.fake_server import PASSWORD, FakeHotlineServer
from agent_app.softphone.port import CALLER_HEADER, QUEUE_HEADER
from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import NoticeOut, QueueOut, TicketCreate, TicketOut
from shared.protocol.enums import AgentState
from shared.protocol.events import EventType

pytestmark = pytest.mark.gui

HEADERS = {CALLER_HEADER: "13800138000", QUEUE_HEADER: "12345"}


def _notice(notice_id: int, title: str, hotline: str | None, minutes_ago: int) -> NoticeOut:
    return NoticeOut(
        id=notice_id,
        title=title,
        body=f"{title}正文",
        hotline_number=hotline,
        play_in_ivr=False,
        published_at=datetime.now(UTC) - timedelta(minutes=minutes_ago),
        published_by_id=5,
    )


def _only_12345_and_12315(server: FakeHotlineServer) -> None:
    """The housing-fund queue needs the gjj skill, which 1001 does not have."""
    original = server.queues

    def queues() -> list[QueueOut]:
        return [
            q.model_copy(update={"required_skills": {"gjj": 2}}) if q.hotline_number == "12329" else q
            for q in original()
        ]

    server.queues = queues  # type: ignore[method-assign]


def test_given_queues_and_skills_when_working_out_lines_then_acd_rule_decides() -> None:
    queue = QueueOut.model_validate(
        {
            "id": 1,
            "code": "gjj",
            "name": "公积金",
            "hotline_number": "12329",
            "strategy": "longest_idle",
            "required_skills": {"gjj": 2},
            "priority_rules": {},
            "wrap_up_seconds": 30,
            "service_level_seconds": 20,
            "max_wait_seconds": 300,
            "overflow_to_voicemail": True,
            "announce_every_seconds": 60,
            "offer_timeout_seconds": 15,
            "opening_hours": {},
            "active": True,
        }
    )
    assert served_hotlines([queue], {"gjj": 1}) == set()
    assert served_hotlines([queue], {"gjj": 3}) == {"12329"}
    assert notice_is_for_seat(None, {"12345"}) and notice_is_for_seat("12329", None)
    assert not notice_is_for_seat("12329", {"12345", "12315"})


def test_given_seat_serving_12345_when_notices_for_12329_and_all_lines_then_only_its_own_show(
    qtbot: QtBot, agent: AgentApplication, server: FakeHotlineServer
) -> None:
    _only_12345_and_12315(server)
    server.notices = lambda: [  # type: ignore[method-assign]
        _notice(2, "公积金系统升级", "12329", minutes_ago=1),  # newest, but not this seat's line
        _notice(1, "全线路停电预案", None, minutes_ago=30),
    ]
    agent.login.submit("1001", PASSWORD)
    banner = agent.window.notice_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=10_000)
    assert "全线路停电预案" in banner.label.text()
    server.publish(
        EventType.NOTICE_WAS_PUBLISHED,
        {"notice_id": 3, "title": "公积金网点调整", "body": "…", "hotline_number": "12329"},
    )
    qtbot.wait(100)
    assert "全线路停电预案" in banner.label.text()
    server.publish(
        EventType.NOTICE_WAS_PUBLISHED,
        {"notice_id": 4, "title": "12345热线系统切换", "body": "…", "hotline_number": "12345"},
    )
    qtbot.waitUntil(lambda: "12345热线系统切换" in banner.label.text(), timeout=5000)


def _wrap_up(qtbot: QtBot, app: AgentApplication, phone: FakePhone, server: FakeHotlineServer) -> str:
    app.state_bar.go_ready()
    qtbot.waitUntil(lambda: server.states[1][0] is AgentState.READY, timeout=5000)
    call_id = phone.ring("13800138000", HEADERS)
    app.softphone.answer()
    phone.far_end_hangs_up(call_id)
    assert app.state_bar.state is AgentState.WRAP_UP
    return call_id


def test_given_wrap_up_when_looking_at_state_bar_then_one_ready_action_and_f9_ends_it(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    _wrap_up(qtbot, signed_in, phone, server)
    bar = signed_in.window.state_bar
    visible = [b for b in bar.findChildren(QPushButton) if b.isVisible() and b is not bar.logout_button]
    assert visible == [bar.ready_button]  # the one action; no second "finish wrap-up" beside it
    assert bar.ready_button.isEnabled()
    assert bar.ready_button.text() != bar.state_text(AgentState.READY)  # it says it ends the wrap-up
    signed_in.window.activateWindow()
    qtbot.keyClick(signed_in.window.softphone, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: signed_in.state_bar.state is AgentState.READY, timeout=5000)
    qtbot.waitUntil(lambda: server.states[1][0] is AgentState.READY, timeout=5000)
    assert bar.ready_button.text() == bar.state_text(AgentState.READY)


def test_given_wrap_up_when_ready_button_clicked_then_ready(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    _wrap_up(qtbot, signed_in, phone, server)
    signed_in.window.state_bar.ready_button.click()
    qtbot.waitUntil(lambda: signed_in.state_bar.state is AgentState.READY, timeout=5000)


def test_given_wrap_up_or_not_ready_when_no_call_then_softphone_says_so_not_waiting_for_calls(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    panel = signed_in.window.softphone
    waiting, idle = panel.tr("Waiting for calls"), panel.tr("No call")
    _wrap_up(qtbot, signed_in, phone, server)
    assert panel.current_status.text() != waiting and panel.current_number.text() != idle
    assert panel.current_number.text().startswith(panel.tr("Wrap-up · %1").split("%1")[0])
    meal = next(r for r in signed_in.state_bar.reasons if r.code == "meal")
    signed_in.state_bar.go_not_ready("meal")
    qtbot.waitUntil(lambda: signed_in.state_bar._label(meal) in panel.current_number.text(), timeout=5000)
    assert panel.current_status.text() != waiting
    signed_in.state_bar.go_ready()
    qtbot.waitUntil(lambda: panel.current_status.text() == waiting, timeout=5000)
    assert panel.current_number.text() == idle


def test_given_caller_on_line_when_ticket_saved_then_pop_lists_it_without_another_lookup(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    phone.ring("13800138000", HEADERS)
    qtbot.waitUntil(lambda: signed_in.screen_pop.pop is not None, timeout=5000)
    signed_in.softphone.answer()
    pop = signed_in.window.screen_pop
    rows_before = pop.tickets.rowCount()
    total_before = signed_in.screen_pop.pop.open_tickets_total  # type: ignore[union-attr]
    lookups = [name for name, _ in server.calls].count("screen_pop")
    form = signed_in.window.ticket_form
    form.content.setPlainText("来电人再次反映小区噪音")
    form.save_button.click()
    qtbot.waitUntil(lambda: pop.tickets.rowCount() == rows_before + 1, timeout=5000)
    serial = server.tickets[-1].serial
    item = pop.tickets.item(0, 1)
    assert item is not None and item.text() == serial
    assert str(total_before + 1) in pop.tickets_title.text()
    assert [name for name, _ in server.calls].count("screen_pop") == lookups
    # the ticket closed elsewhere: its row goes, again without asking
    server.publish(
        EventType.TICKET_DID_CHANGE,
        {"ticket_id": server.tickets[-1].id, "serial": serial, "status": "closed", "kind": "closed"},
    )
    qtbot.waitUntil(lambda: pop.tickets.rowCount() == rows_before, timeout=5000)
    assert [name for name, _ in server.calls].count("screen_pop") == lookups


def _refuse_tickets(server: FakeHotlineServer, message: str) -> None:
    def refuse(draft: TicketCreate) -> TicketOut:
        server.calls.append(("create_ticket", (draft,)))
        raise ApiClientError(message, error_id=ClientErrorId.INVALID_INPUT, status=422)

    server.create_ticket = refuse  # type: ignore[method-assign]


def test_given_outage_when_server_returns_and_refuses_ticket_then_call_taker_told_with_draft_in_form(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    phone.ring("13800138000", HEADERS)
    qtbot.waitUntil(lambda: signed_in.screen_pop.pop is not None, timeout=5000)
    signed_in.softphone.answer()
    server.online = False
    form = signed_in.window.ticket_form
    form.content.setPlainText("断网时登记，服务器恢复后拒收")
    form.save_button.click()
    qtbot.waitUntil(lambda: not signed_in.offline.online, timeout=5000)
    _refuse_tickets(server, "所选分类已停用，请重新选择分类。")
    server.online = True
    signed_in.offline._probe.setInterval(50)
    qtbot.waitUntil(lambda: "所选分类已停用" in form.banner.label.text(), timeout=10_000)
    assert form.banner.isVisible() and form.save_button.isEnabled()
    assert form.content.toPlainText() == "断网时登记，服务器恢复后拒收"  # nothing lost
    assert signed_in.outbox.count() == 1  # kept, marked refused ...
    attempts = [name for name, _ in server.calls].count("create_ticket")
    for _ in range(3):  # ... and not sent again and again
        signed_in.offline.flush()
        qtbot.waitUntil(lambda: not signed_in.offline._flushing, timeout=5000)
    assert [name for name, _ in server.calls].count("create_ticket") == attempts
    # corrected and saved again: the refused entry makes way for the new one
    del server.create_ticket  # the fake's own method again
    form.content.setPlainText("断网时登记，已改分类")
    form.save_button.click()
    qtbot.waitUntil(lambda: bool(form.serial.text()), timeout=5000)
    qtbot.waitUntil(lambda: signed_in.outbox.count() == 0, timeout=5000)
    assert server.tickets[-1].content == "断网时登记，已改分类"
    qtbot.waitUntil(lambda: not signed_in.window.offline_banner.isVisible(), timeout=5000)


def test_given_refused_ticket_of_an_earlier_caller_when_restoring_then_draft_back_in_form(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    _refuse_tickets(server, "来电号码不在服务范围。")
    box = signed_in.outbox
    box.add({"caller_number": "13900001111", "type": "complaint", "content": "早先的投诉草稿"})
    signed_in.offline.flush()
    form = signed_in.window.ticket_form
    qtbot.waitUntil(lambda: form.restore_button.isVisible(), timeout=5000)
    assert "13900001111" in form.banner.label.text() and "来电号码不在服务范围" in form.banner.label.text()
    form.content.setPlainText("正在写的另一张")
    form.caller.setText("13800138000")
    form.restore_button.click()
    assert form.caller.text() == "13900001111"
    assert form.content.toPlainText() == "早先的投诉草稿"
    assert form.type.currentData() == "complaint"
    assert box.count() == 1  # still kept until the corrected one is saved
    # the call-taker moves on without saving it: it stays refused in the outbox, offered again
    form.new_button.click()
    assert box.count() == 1 and form.restore_button.isVisible()
    form.restore_button.click()
    assert form.content.toPlainText() == "早先的投诉草稿"
    del server.create_ticket  # the fake's own method again: the corrected one goes through
    form.content.setPlainText("早先的投诉草稿（已补充地址）")
    form.save_button.click()
    qtbot.waitUntil(lambda: box.count() == 0, timeout=5000)
    assert server.tickets[-1].content == "早先的投诉草稿（已补充地址）"


def test_given_ticket_refused_in_an_earlier_session_when_outbox_flushed_then_restore_offered_not_resent(
    qtbot: QtBot, signed_in: AgentApplication, server: FakeHotlineServer
) -> None:
    box = signed_in.outbox
    ref = box.add({"caller_number": "13700002222", "type": "consultation", "content": "昨天被拒的工单"})
    box.record_failure(ref, "分类已停用。")
    signed_in.offline.flush()
    form = signed_in.window.ticket_form
    qtbot.waitUntil(lambda: form.restore_button.isVisible(), timeout=5000)
    assert "昨天被拒的工单" not in [t.content for t in server.tickets]
    form.restore_button.click()
    assert form.content.toPlainText() == "昨天被拒的工单" and "分类已停用" in form.banner.label.text()
