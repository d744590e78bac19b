"""Notices, broadcast messages, blacklist; the tickets board (lights, overdue, extensions, re-dispatch,
rework, return visits)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from shared.protocol.enums import AgentState, ExtensionDecision, Satisfaction, SlaLight, TicketStatus
from supervisor_app.app import SupervisorApplication
from supervisor_app.demo.fake_server import FakeSupervisorServer

from .conftest import cell, wait_idle


def test_given_notice_form_when_published_then_server_has_it_and_list_shows_it(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    pane = signed_in.broadcast.pane
    pane.notice_title.setText("系统故障")
    pane.notice_body.setPlainText("12329 线路故障，预计 30 分钟恢复。")
    pane.notice_line.setCurrentIndex(pane.notice_line.findData("12329"))
    pane.publish.click()
    wait_idle(qtbot, signed_in)
    published = server.notice_list[-1]
    assert (published.title, published.hotline_number, published.play_in_ivr) == ("系统故障", "12329", True)
    assert pane.notices.rowCount() == 2
    pane.notices.selectRow(1)
    pane.withdraw.click()
    wait_idle(qtbot, signed_in)
    assert ("notice_withdrawn", published.id) in server.calls and pane.notices.rowCount() == 1


def test_given_empty_notice_when_published_then_refused_without_a_request(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    signed_in.broadcast.pane.publish.click()
    wait_idle(qtbot, signed_in)
    assert not [c for c in server.calls if c[0] == "notice_published"]
    assert signed_in.window.banner.isVisible()


def test_given_message_when_broadcast_then_every_seat_is_addressed(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    pane = signed_in.broadcast.pane
    pane.message.setText("11:00 全体例会")
    pane.send.click()
    wait_idle(qtbot, signed_in)
    assert server.messages[-1].to_agent_id is None and server.messages[-1].text == "11:00 全体例会"


def test_given_number_when_blocked_for_seven_days_then_listed_with_expiry_and_can_be_lifted(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    pane = signed_in.broadcast.pane
    pane.block_number.setText("13712345678")
    pane.block_reason.setText("反复骚扰")
    pane.block_expiry.setCurrentIndex(pane.block_expiry.findData(7))
    pane.block.click()
    wait_idle(qtbot, signed_in)
    entry = server.blacklist_entries[-1]
    assert entry.number == "13712345678"
    assert entry.expires_at is not None
    assert timedelta(days=6, hours=23) < entry.expires_at - datetime.now(UTC) <= timedelta(days=7)
    assert pane.blacklist.rowCount() == 2
    pane.blacklist.selectRow(1)
    pane.lift.click()
    wait_idle(qtbot, signed_in)
    assert pane.blacklist.rowCount() == 1


def test_given_bad_number_when_blocking_then_clear_error_and_no_request(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    signed_in.broadcast.block("12-34", "x", 0)
    assert "digits" in signed_in.window.banner.label.text() or "数字" in signed_in.window.banner.label.text()
    assert not [c for c in server.calls if c[0] == "number_blocked"]


def test_given_board_when_red_filter_then_only_red_open_tickets_and_overdue_by_department(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    board = signed_in.tickets.pane
    board.filters["red"].click()
    wait_idle(qtbot, signed_in)
    assert signed_in.tickets.rows and all(t.sla_light is SlaLight.RED for t in signed_in.tickets.rows)
    expected_red = sum(1 for t in server.ticket_list if t.sla_light is SlaLight.RED)
    shown_red = sum(int(cell(board.overdue, r, 1).text()) for r in range(board.overdue.rowCount()))
    assert shown_red == expected_red
    board.overdue.selectRow(0)
    wait_idle(qtbot, signed_in)
    department = board.department_ids[0]
    assert all(t.department_id == department for t in signed_in.tickets.rows)


def test_given_board_when_extension_pending_filter_then_only_those_tickets_and_approval_drops_one(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    board = signed_in.tickets.pane
    board.filters["extension"].click()
    wait_idle(qtbot, signed_in)
    expected = {t.serial for t in server.ticket_list if t.has_pending_extension}
    assert expected and {t.serial for t in signed_in.tickets.rows} == expected
    assert board.table.rowCount() == len(expected)
    serial = signed_in.tickets.rows[0].serial
    signed_in.tickets.select(serial)
    wait_idle(qtbot, signed_in)
    board.approve.click()
    wait_idle(qtbot, signed_in)  # deciding reloads the board under the same filter
    assert serial not in {t.serial for t in signed_in.tickets.rows}
    assert board.table.rowCount() == len(expected) - 1


def test_given_pending_extension_when_approved_then_deadline_moves(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    ticket = next(t for t in server.ticket_list if t.extensions)
    signed_in.tickets.select(ticket.serial)
    wait_idle(qtbot, signed_in)
    board = signed_in.tickets.pane
    assert board.approve.isEnabled() and "需现场勘查" in board.extension_text.text()
    board.approve.click()
    wait_idle(qtbot, signed_in)
    updated = server.ticket(ticket.serial)
    assert updated.extensions[0].decision is ExtensionDecision.APPROVED
    assert updated.deadline == ticket.extensions[0].requested_deadline
    assert not board.approve.isEnabled()


def test_given_ticket_when_redispatched_reworked_and_visited_then_server_records_each(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    open_ticket = next(t for t in server.ticket_list if t.status is TicketStatus.PROCESSING)
    signed_in.tickets.select(open_ticket.serial)
    wait_idle(qtbot, signed_in)
    board = signed_in.tickets.pane
    board.department.setCurrentIndex(2)
    board.dispatch.click()
    wait_idle(qtbot, signed_in)
    assert server.ticket(open_ticket.serial).department_id == board.department.itemData(2)
    board.reopen.click()  # no reason given: refused locally
    assert ("ticket_reopen", open_ticket.serial) not in server.calls
    done = next(t for t in server.ticket_list if t.status is TicketStatus.DONE)
    signed_in.tickets.select(done.serial)
    wait_idle(qtbot, signed_in)
    assert board.visit.isEnabled()
    board.satisfaction.setCurrentIndex(1)
    board.visit.click()
    wait_idle(qtbot, signed_in)
    visited = server.ticket(done.serial)
    assert visited.status is TicketStatus.VISITED and visited.satisfaction is Satisfaction.UNSATISFIED


def test_given_forced_state_when_audit_tab_opened_then_the_act_is_listed_with_the_leader(
    qtbot: QtBot, signed_in: SupervisorApplication
) -> None:
    signed_in.seats.force_state(4, AgentState.LOGGED_OUT)
    wait_idle(qtbot, signed_in)
    signed_in.window.tabs.setCurrentWidget(signed_in.audit.pane)
    wait_idle(qtbot, signed_in)
    table = signed_in.audit.pane.table
    assert table.rowCount() >= 1
    assert cell(table, 0, 2).text() == "State forced"
    assert "9001" in cell(table, 0, 1).text() and cell(table, 0, 3).text().endswith("(1004)")
