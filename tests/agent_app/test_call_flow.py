"""A call from ring to ready: pop, answer, ticket, hang up, wrap-up; plus the softphone's other controls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from agent_app.demo.fake_server import FakeHotlineServer
from agent_app.softphone.controller import SilentRinger
from agent_app.softphone.port import (
    CALLER_HEADER,
    IVR_DIGITS_HEADER,
    IVR_PATH_HEADER,
    QUEUE_HEADER,
    LineState,
)
from shared.protocol.enums import AgentState, CustomerTag
from shared.protocol.events import EventType

pytestmark = pytest.mark.gui

HEADERS = {
    CALLER_HEADER: "13800138000",
    QUEUE_HEADER: "12345综合",
    IVR_PATH_HEADER: "1>2",
    IVR_DIGITS_HEADER: "12",
}


def _ready(qtbot: QtBot, agent: AgentApplication, server: FakeHotlineServer) -> None:
    agent.state_bar.go_ready()
    qtbot.waitUntil(lambda: server.states[1][0] is AgentState.READY, timeout=5000)


def test_given_ready_agent_when_known_caller_rings_then_banner_ring_and_full_pop(
    qtbot: QtBot,
    signed_in: AgentApplication,
    phone: FakePhone,
    server: FakeHotlineServer,
    ringer: SilentRinger,
) -> None:
    _ready(qtbot, signed_in, server)
    phone.ring("13800138000", HEADERS)
    w = signed_in.window
    assert w.softphone.incoming.isVisible() and w.softphone.incoming_number.text() == "13800138000"
    assert ringer.ringing
    assert signed_in.state_bar.state is AgentState.RESERVED
    qtbot.waitUntil(lambda: signed_in.screen_pop.pop is not None, timeout=5000)
    assert w.screen_pop.name.text() == "刘建国"
    assert [lbl.toolTip() for lbl in w.screen_pop._tag_labels if lbl.toolTip()] == [
        w.screen_pop.tag_text(CustomerTag.VIP),
        w.screen_pop.tag_text(CustomerTag.ELDERLY),
    ]
    assert w.screen_pop.tickets.rowCount() == 3
    assert w.screen_pop.calls.rowCount() == 3
    assert "12345综合" in w.screen_pop.ivr.text() and "12" in w.screen_pop.ivr.text()
    assert signed_in.screen_pop.last_latency_s is not None and signed_in.screen_pop.last_latency_s < 1.0
    # the ticket form is ready for this caller with their open tickets to link
    assert w.ticket_form.caller.text() == "13800138000"
    assert w.ticket_form.link.count() == 4 and w.ticket_form.customer_box.isHidden()


def test_given_call_when_answered_ticket_saved_and_hung_up_then_wrap_up_then_ready(
    qtbot: QtBot,
    signed_in: AgentApplication,
    phone: FakePhone,
    server: FakeHotlineServer,
    ringer: SilentRinger,
) -> None:
    _ready(qtbot, signed_in, server)
    signed_in.state_bar.wrap_up_seconds = 1
    call_id = phone.ring("13800138000", HEADERS)
    qtbot.waitUntil(lambda: signed_in.screen_pop.pop is not None, timeout=5000)
    w = signed_in.window
    qtbot.mouseClick(w.softphone.answer, Qt.MouseButton.LeftButton)
    assert phone.lines[call_id].state is LineState.CONNECTED
    assert not ringer.ringing and signed_in.state_bar.state is AgentState.TALKING
    w.ticket_form.content.setPlainText("咨询公积金租房提取条件")
    w.ticket_form.select_category(2)
    w.ticket_form.department.setCurrentIndex(1)
    w.ticket_form.save_button.click()
    qtbot.waitUntil(lambda: bool(w.ticket_form.serial.text()), timeout=5000)
    saved = server.tickets[-1]
    assert saved.serial in w.ticket_form.serial.text()
    assert saved.content == "咨询公积金租房提取条件" and saved.category_id == 2 and saved.department_id == 1
    assert saved.customer_id is not None
    w.softphone.hangup.click()
    assert phone.lines[call_id].state is LineState.ENDED
    assert signed_in.state_bar.state is AgentState.WRAP_UP
    assert w.state_bar.wrap_up_bar.isVisible()
    qtbot.waitUntil(lambda: signed_in.state_bar.state is AgentState.READY, timeout=5000)
    qtbot.waitUntil(lambda: server.states[1][0] is AgentState.READY, timeout=5000)


def test_given_wrap_up_when_ticket_saved_then_wrap_up_ends_at_once(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    _ready(qtbot, signed_in, server)
    call_id = phone.ring("13800138000", HEADERS)
    signed_in.softphone.answer()
    phone.far_end_hangs_up(call_id)
    assert signed_in.state_bar.state is AgentState.WRAP_UP
    signed_in.window.ticket_form.content.setPlainText("来电人已挂机，补录工单")
    signed_in.tickets.save()
    qtbot.waitUntil(lambda: signed_in.state_bar.state is AgentState.READY, timeout=5000)


def test_given_server_offer_first_when_invite_follows_then_one_lookup_and_ivr_merged(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    server.publish(EventType.CALL_WAS_OFFERED, {"caller_number": "13800138000", "queue_code": "12329公积金"})
    qtbot.waitUntil(lambda: signed_in.screen_pop.pop is not None, timeout=5000)
    phone.ring("13800138000", {IVR_PATH_HEADER: "2>1", IVR_DIGITS_HEADER: "21"})
    qtbot.waitUntil(lambda: "21" in signed_in.window.screen_pop.ivr.text(), timeout=5000)
    assert [name for name, _ in server.calls].count("screen_pop") == 1
    assert "12329公积金" in signed_in.window.screen_pop.ivr.text()


def test_given_first_time_caller_when_ticket_saved_then_customer_created_with_it(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    phone.ring("13911112222", {})
    qtbot.waitUntil(lambda: signed_in.screen_pop.pop is not None, timeout=5000)
    w = signed_in.window
    assert not w.ticket_form.customer_box.isHidden()
    assert w.screen_pop.banner.isVisible()
    signed_in.softphone.answer()
    w.ticket_form.customer_name.setText("周丽")
    w.ticket_form.customer_address.setText("临江区滨江路66号")
    w.ticket_form.content.setPlainText("夜间施工噪音扰民")
    w.ticket_form.save_button.click()
    qtbot.waitUntil(lambda: bool(w.ticket_form.serial.text()), timeout=5000)
    customer = server.customers[server.phone_index["13911112222"]]
    assert customer.name == "周丽" and customer.address == "临江区滨江路66号"
    assert server.tickets[-1].customer_id == customer.id


def test_given_empty_content_when_saving_then_inline_error_and_nothing_sent(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    phone.ring("13800138000", HEADERS)
    signed_in.window.ticket_form.save_button.click()
    assert signed_in.window.ticket_form.banner.isVisible()
    assert "create_ticket" not in [name for name, _ in server.calls]


def test_given_connected_call_when_using_controls_then_phone_does_each(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    call_id = phone.ring("13800138000", HEADERS)
    signed_in.softphone.answer()
    p = signed_in.window.softphone
    p.hold.click()
    assert phone.lines[call_id].state is LineState.HELD and signed_in.state_bar.state is AgentState.HOLD
    p.hold.click()
    assert (
        phone.lines[call_id].state is LineState.CONNECTED and signed_in.state_bar.state is AgentState.TALKING
    )
    p.mute.click()
    assert phone.lines[call_id].muted and p.mute.isChecked()
    p.keypad_toggle.setChecked(True)
    for key in "12#":
        next(b for b in p.keypad.findChildren(type(p.hold)) if b.text() == key).click()
    assert phone.lines[call_id].dtmf == "12#"
    phone.report_quality(call_id, 3.1)
    assert p.quality.text() == "●○○"


def test_given_call_when_blind_transferring_to_department_from_directory_then_call_handed_over(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    call_id = phone.ring("13800138000", HEADERS)
    signed_in.softphone.answer()
    p = signed_in.window.softphone
    p.transfer.click()
    picker = p.transfer_picker
    qtbot.waitUntil(lambda: picker.list.count() > 0, timeout=5000)
    picker.search.setText("公积金管理中心")
    picker.blind.click()
    assert ("blind_transfer", call_id, "88512329") in phone.actions
    assert phone.lines[call_id].state is LineState.ENDED
    assert signed_in.state_bar.state is AgentState.WRAP_UP


def test_given_directory_when_opened_then_agents_show_state_and_logged_out_are_hidden(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    phone.ring("13800138000", HEADERS)
    signed_in.softphone.answer()
    signed_in.window.softphone.transfer.click()
    picker = signed_in.window.softphone.transfer_picker
    qtbot.waitUntil(lambda: picker.list.count() > 0, timeout=5000)
    texts = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert texts[0].startswith("●") and "李强" in texts[0]  # ready agents first
    assert not any("王芳" in t for t in texts)  # not oneself
    assert any("赵班长" in t for t in texts)  # leaders are reachable too
    assert any("市燃气集团" in t for t in texts)
    assert any("12329公积金" in t for t in texts)  # queues are targets too


def test_given_consultation_when_completing_then_attended_transfer(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    first = phone.ring("13800138000", HEADERS)
    signed_in.softphone.answer()
    signed_in.softphone.start_consult("1002")
    consult = signed_in.softphone.current_id
    assert consult is not None and consult != first and phone.lines[first].state is LineState.HELD
    phone.far_end_answers(consult)
    assert signed_in.window.softphone.transfer.text() != signed_in.window.softphone.tr("Transfer")
    signed_in.window.softphone.transfer.click()
    assert ("consult_transfer", first, consult) in phone.actions


def test_given_two_calls_when_conferencing_then_three_way(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    first = phone.ring("13800138000", HEADERS)
    signed_in.softphone.answer()
    signed_in.softphone.dial("88512329")
    second = signed_in.softphone.current_id
    assert second is not None
    phone.far_end_answers(second)
    signed_in.window.softphone.conference.click()
    assert ("conference", second, first) in phone.actions
    assert phone.lines[first].conferenced_with == second


def test_given_talking_when_second_call_rings_then_call_waiting_and_answer_holds_first(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, ringer: SilentRinger
) -> None:
    first = phone.ring("13800138000", HEADERS)
    signed_in.softphone.answer()
    second = phone.ring("13911112222", {})
    p = signed_in.window.softphone
    assert p.incoming.isVisible() and p.incoming_title.text() == p.tr("Call waiting")
    assert signed_in.state_bar.state is AgentState.TALKING
    signed_in.softphone.answer()
    assert phone.lines[first].state is LineState.HELD
    assert phone.lines[second].state is LineState.CONNECTED
    assert p.lines.isVisible() and p.lines.count() == 2


def test_given_dialled_number_when_redialling_then_same_number_called(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    p = signed_in.window.softphone
    p.number.setText("13700001111")
    p.call_button.click()
    first = signed_in.softphone.current_id
    assert first is not None
    phone.far_end_hangs_up(first)
    p.redial.click()
    assert [a for a in phone.actions if a[0] == "dial"] == [("dial", "13700001111")] * 2


def test_given_ringing_when_hotkey_pressed_then_call_answered(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    call_id = phone.ring("13800138000", HEADERS)
    signed_in.window.activateWindow()
    qtbot.keyClick(signed_in.window.softphone, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: phone.lines[call_id].state is LineState.CONNECTED, timeout=3000)


def test_given_server_without_templates_when_choosing_bundled_template_then_form_filled(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    from agent_app.tickets.controller import bundled_templates

    assert len(bundled_templates()) >= 5
    server.ticket_templates = lambda: []  # type: ignore[method-assign]
    signed_in.tickets.load_reference_data()
    form = signed_in.window.ticket_form
    qtbot.waitUntil(lambda: form.template.count() == len(bundled_templates()) + 1, timeout=5000)
    form.template.activated.emit(1)
    assert "公积金" in form.content.toPlainText()


def test_given_server_unreachable_when_loading_templates_then_bundled_ones_offered(
    qtbot: QtBot, signed_in: AgentApplication, server: FakeHotlineServer
) -> None:
    from agent_app.tickets.controller import bundled_templates
    from shared.client.errors import ApiClientError, ClientErrorId

    def unreachable() -> list[object]:
        raise ApiClientError("connection refused", error_id=ClientErrorId.UNREACHABLE)

    server.ticket_templates = unreachable  # type: ignore[method-assign,assignment]
    form = signed_in.window.ticket_form
    form.template.clear()
    signed_in.tickets.load_reference_data()
    qtbot.waitUntil(lambda: form.template.count() == len(bundled_templates()) + 1, timeout=5000)
    assert form.template.itemText(1) == bundled_templates()[0].name


def test_given_headset_call_button_when_pressed_twice_then_answers_then_hangs_up(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    call_id = phone.ring("13800138000", HEADERS)
    signed_in.window.activateWindow()
    qtbot.keyClick(signed_in.window.softphone, Qt.Key.Key_ToggleCallHangup)
    qtbot.waitUntil(lambda: phone.lines[call_id].state is LineState.CONNECTED, timeout=3000)
    qtbot.keyClick(signed_in.window.softphone, Qt.Key.Key_ToggleCallHangup)
    qtbot.waitUntil(lambda: phone.lines[call_id].state is LineState.ENDED, timeout=3000)


def test_given_keyboard_when_ctrl_f_then_knowledge_search_focused_and_ctrl_s_saves(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    phone.ring("13800138000", HEADERS)
    signed_in.softphone.answer()
    w = signed_in.window
    w.activateWindow()
    qtbot.keyClick(w.softphone, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.knowledge.search.hasFocus(), timeout=3000)
    qtbot.keyClick(w.knowledge.search, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.ticket_form.content.hasFocus(), timeout=3000)
    w.ticket_form.content.insertPlainText("键盘登记")  # QTest cannot type non-ASCII (an IME does)
    qtbot.keyClick(w.ticket_form.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(t.content == "键盘登记" for t in server.tickets), timeout=5000)


def test_given_live_call_when_closing_window_then_refused_with_a_message(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    call_id = phone.ring("13800138000", HEADERS)
    signed_in.softphone.answer()
    assert signed_in.window.close() is False
    assert "hang up" in signed_in.window.message_banner.label.text().lower() or not (
        signed_in.window.message_banner.isHidden()
    )
    phone.far_end_hangs_up(call_id)
    assert signed_in.window.close() is True


def test_given_server_carried_call_when_transferring_to_queue_then_server_moves_it_with_the_ticket(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    from agent_app.softphone.port import CALL_HEADER
    from shared.client.models import TransferKind

    server.call_path = True
    call_id = phone.ring("13800138000", {**HEADERS, CALL_HEADER: "conv-42"})
    signed_in.softphone.answer()
    signed_in.window.ticket_form.content.setPlainText("需转公积金专席")
    signed_in.tickets.save()
    qtbot.waitUntil(lambda: signed_in.softphone.ticket_serial is not None, timeout=5000)
    serial = signed_in.softphone.ticket_serial
    signed_in.softphone.blind_transfer(f"{TransferKind.QUEUE}:12329")
    qtbot.waitUntil(lambda: any(name == "transfer_call" for name, _ in server.calls), timeout=5000)
    args = next(a for name, a in server.calls if name == "transfer_call")
    assert args == (TransferKind.QUEUE, "12329", False, serial)
    assert not any(a[0] == "blind_transfer" for a in phone.actions)  # not by SIP
    assert phone.lines[call_id].state is LineState.CONNECTED  # the worker ends our leg, not us


def test_given_server_with_call_path_when_calling_back_then_server_places_the_call(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    server.call_path = True
    lists = signed_in.window.worklists
    qtbot.waitUntil(lambda: lists.callbacks.rowCount() == 2, timeout=5000)
    lists.callbacks.selectRow(0)
    lists.callback_call.click()
    qtbot.waitUntil(lambda: any(name == "dial_outbound" for name, _ in server.calls), timeout=5000)
    assert next(a for name, a in server.calls if name == "dial_outbound") == ("13912345678", 1)
    assert not any(a[0] == "dial" for a in phone.actions)


def test_given_ticket_being_written_when_a_second_call_waits_then_form_and_pop_stay_until_answered(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    phone.ring("13800138000", HEADERS)
    qtbot.waitUntil(lambda: signed_in.screen_pop.pop is not None, timeout=5000)
    signed_in.softphone.answer()
    form = signed_in.window.ticket_form
    form.content.setPlainText("正在记录第一位来电人的诉求")
    phone.ring("13911112222", {})
    assert form.content.toPlainText() == "正在记录第一位来电人的诉求"
    assert signed_in.window.screen_pop.number.text() == "13800138000"
    assert [name for name, _ in server.calls].count("screen_pop") == 1
    signed_in.softphone.answer()  # takes the waiting call (the first is held)
    qtbot.waitUntil(lambda: signed_in.window.screen_pop.number.text() == "13911112222", timeout=5000)
    assert form.caller.text() == "13911112222"


def test_given_draft_for_first_caller_when_switching_to_waiting_call_and_back_then_draft_restored(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    first = phone.ring("13800138000", HEADERS)
    signed_in.softphone.answer()
    form = signed_in.window.ticket_form
    form.content.setPlainText("第一位来电人：咨询提取")
    phone.ring("13911112222", {})
    signed_in.softphone.answer()
    qtbot.waitUntil(lambda: form.caller.text() == "13911112222", timeout=5000)
    assert form.content.toPlainText() == ""
    second = signed_in.softphone.current_id
    assert second is not None
    phone.far_end_hangs_up(second)  # the panel falls back to the first (held) caller
    qtbot.waitUntil(lambda: form.caller.text() == "13800138000", timeout=5000)
    assert form.content.toPlainText() == "第一位来电人：咨询提取"
    qtbot.waitUntil(lambda: signed_in.window.screen_pop.number.text() == "13800138000", timeout=5000)
    assert phone.lines[first].state is LineState.HELD


def test_given_queue_code_in_invite_when_popping_then_queue_name_shown(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    qtbot.waitUntil(lambda: "12329" in signed_in.queues, timeout=5000)
    phone.ring("13800138000", {QUEUE_HEADER: "12329"})
    assert signed_in.window.softphone.incoming_detail.text() == "12329公积金"
    qtbot.waitUntil(lambda: signed_in.screen_pop.pop is not None, timeout=5000)
    assert "12329公积金" in signed_in.window.screen_pop.ivr.text()
