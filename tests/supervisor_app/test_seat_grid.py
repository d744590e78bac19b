"""Seat grid: tiles for every seat, live state events, grouping/filtering, forcing states, messages, the
agent's day; and sign-in (wrong password, agents refused)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from shared.protocol.enums import AgentState
from supervisor_app.app import SupervisorApplication
from supervisor_app.demo.fake_server import PASSWORD, FakeSupervisorServer
from supervisor_app.seats.model import GroupHeader, SeatTile

from .conftest import SEATS, wait_idle


def test_given_signed_in_when_loaded_then_every_seat_has_a_tile_and_totals_match(
    signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    model = signed_in.seats.model
    assert model.rowCount() == SEATS
    expected = Counter(s["state"] for s in server.seats.values())
    assert model.totals() == expected
    chip = signed_in.seats.pane.totals.chips[AgentState.TALKING]
    assert chip.text().endswith(str(expected[AgentState.TALKING]))
    busy = next(s for s in server.seats.values() if s["caller_number"])
    tile = model.tile(busy["agent_id"])
    assert tile is not None and busy["caller_number"] in tile.call_text


def test_given_state_event_when_received_then_only_that_tile_repaints_with_new_state(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    model = signed_in.seats.model
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=None: changed.append((a.row(), b.row())))
    since = datetime.now(UTC) - timedelta(seconds=75)
    server.set_seat_state(3, AgentState.TALKING, caller="13912345678", queue_code="gjj", at=since)
    tile = model.tile(3)
    assert tile is not None
    qtbot.waitUntil(lambda: bool(changed), timeout=10_000)  # applied on the next event-loop pass
    assert tile.state is AgentState.TALKING and tile.call_text == "13912345678 · 公积金"  # the queue by name
    row = model.row_of(3)
    assert changed == [(row, row)]
    # the tile's clock reads from `since`: the delegate paints 01:15 now, and more a second later
    assert 74 <= datetime.now(UTC).timestamp() - tile.since_epoch < 90
    qtbot.waitUntil(
        lambda: (
            signed_in.seats.pane.totals.chips[AgentState.TALKING]
            .text()
            .endswith(str(model.totals()[AgentState.TALKING]))
        ),
        timeout=3000,
    )


def test_given_grouping_and_filters_when_changed_then_headers_and_matches_follow(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    pane, model = signed_in.seats.pane, signed_in.seats.model
    pane.group.setCurrentIndex(1)  # by team
    entries = [model.entry(r) for r in range(model.rowCount())]
    headers = [e for e in entries if isinstance(e, GroupHeader)]
    assert len(headers) == 5 and sum(h.total for h in headers) == SEATS
    pane.group.setCurrentIndex(2)  # by skill
    skills = {e.name for e in (model.entry(r) for r in range(model.rowCount())) if isinstance(e, GroupHeader)}
    assert skills == {"citizen", "gjj", "consumer"}
    pane.group.setCurrentIndex(1)
    pane.search.setText(server.seats[7]["work_number"])
    seats = [e for e in (model.entry(r) for r in range(model.rowCount())) if isinstance(e, SeatTile)]
    assert [s.agent_id for s in seats] == [7]
    pane.search.clear()
    pane.group.setCurrentIndex(0)
    pane.state_filter.setCurrentIndex(pane.state_filter.findData("ready"))
    assert all(model.entry(r).state is AgentState.READY for r in range(model.rowCount()))  # type: ignore[union-attr]
    # with a state filter on, a seat that turns ready joins the grid after the coalescing delay
    talking = next(a for a, s in server.seats.items() if s["state"] is AgentState.TALKING)
    server.set_seat_state(talking, AgentState.READY)
    qtbot.waitUntil(lambda: model.row_of(talking) is not None, timeout=10_000)


def test_given_seat_when_forced_not_ready_then_server_records_it_and_tile_follows_the_event(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    signed_in.seats.force_state(5, AgentState.NOT_READY, "meeting")
    wait_idle(qtbot, signed_in)
    assert ("agent_state_forced", 5) in server.calls
    tile = signed_in.seats.model.tile(5)
    assert tile is not None
    qtbot.waitUntil(lambda: tile.state is AgentState.NOT_READY, timeout=10_000)
    assert "开会" in tile.state_text
    assert signed_in.window.banner.isVisible()


def test_given_seat_when_message_sent_then_server_has_it(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    signed_in.seats.send_message(5, "请尽快回到座位")
    wait_idle(qtbot, signed_in)
    assert server.messages[-1].to_agent_id == 5 and server.messages[-1].text == "请尽快回到座位"


def test_given_tile_when_double_clicked_then_agents_day_shows_states_calls_and_tickets(
    qtbot: QtBot, signed_in: SupervisorApplication
) -> None:
    grid = signed_in.seats.pane.grid
    index = signed_in.seats.model.index(0)
    grid.doubleClicked.emit(index)
    wait_idle(qtbot, signed_in)
    dialog = signed_in.seats.day_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.states.rowCount() > 0 and dialog.calls.rowCount() == 12 and dialog.tickets.rowCount() > 0
    assert "Talking" in dialog.summary.text() or "通话" in dialog.summary.text()
    dialog.close()


def test_given_wrong_password_when_signing_in_then_friendly_error(
    qtbot: QtBot, console: SupervisorApplication
) -> None:
    console.login.submit("9001", "nope")
    wait_idle(qtbot, console)
    assert console.window.login.banner.isVisible()
    assert console.window.stack.currentWidget() is console.window.login


def test_given_agent_login_when_signing_in_then_console_refuses(
    qtbot: QtBot, console: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    console.login.submit(server.seats[1]["work_number"], PASSWORD)
    wait_idle(qtbot, console)
    assert (
        "shift leaders" in console.window.login.banner.label.text()
        or "班长" in console.window.login.banner.label.text()
    )
    assert console.window.stack.currentWidget() is console.window.login
    assert server.token is None  # signed out again


def test_given_invalid_index_when_model_asked_then_nothing(signed_in: SupervisorApplication) -> None:
    assert signed_in.seats.model.data(QModelIndex()) is None


def test_given_chinese_when_installed_then_console_speaks_chinese(qtbot: QtBot) -> None:
    from shared.i18n import TranslationInstaller
    from supervisor_app.common import forget_translations, state_label
    from supervisor_app.login.widgets import LoginWidget

    installer = TranslationInstaller("supervisor_app")
    assert installer.install("zh_CN")
    forget_translations()
    try:
        widget = LoginWidget()
        qtbot.addWidget(widget)
        assert widget.sign_in.text() == "登录"
        assert state_label(AgentState.WRAP_UP) == "话后整理"
    finally:
        installer.install("en")
        forget_translations()
    assert state_label(AgentState.WRAP_UP) == "Wrap-up"


def test_given_talking_and_ready_tiles_when_menu_built_then_supervision_only_on_the_talking_one(
    signed_in: SupervisorApplication,
) -> None:
    from PySide6.QtWidgets import QMenu

    from shared.protocol.enums import SupervisionMode
    from supervisor_app.seats.widgets import seat_menu

    def supervise_menu(menu: QMenu) -> QMenu:
        return next(m for m in menu.findChildren(QMenu) if m.title() == "Supervise")

    reasons = [("break", "小休"), ("meal", "就餐")]
    talking = next(t for t in signed_in.seats.model.tiles() if t.state is AgentState.TALKING)
    ready = next(t for t in signed_in.seats.model.tiles() if t.state is AgentState.READY)
    menu, intents = seat_menu(signed_in.seats.pane, talking, reasons)
    assert supervise_menu(menu).isEnabled()
    kinds = {(kind, str(arg)) for kind, arg in intents.values()}
    assert ("supervise", str(SupervisionMode.LISTEN)) in kinds and ("supervise", "None") in kinds
    assert ("force", str((AgentState.NOT_READY, "meal"))) in kinds
    assert ("force", str((AgentState.LOGGED_OUT, None))) in kinds and ("message", "None") in kinds
    menu, _intents = seat_menu(signed_in.seats.pane, ready, reasons)
    assert not supervise_menu(menu).isEnabled()


def test_given_session_revoked_when_next_request_refused_then_back_to_sign_in_with_a_reason(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    server.token = None  # the server forgot the token (expired, or the account was disabled)
    signed_in.queues.refresh()
    qtbot.waitUntil(lambda: signed_in.window.stack.currentWidget() is signed_in.window.login, timeout=10_000)
    assert "session has ended" in signed_in.window.login.banner.label.text()
    assert signed_in.session is None
