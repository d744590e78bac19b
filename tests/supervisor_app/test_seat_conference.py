"""Conference rooms on the seat grid: from ``conference_did_change`` (leaders receive every room) the
owner's tile reads "Conference · N people · caller", the invited seats show the same call and whose it is,
a seat that leaves drops it, and the room's end restores the plain caller line. The agent's day says which
calls were a colleague's conference, and the per-agent report shows conferences joined apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from shared.protocol.enums import AgentState
from shared.protocol.schemas.conference import ConferencePartyState as S
from supervisor_app.app import SupervisorApplication
from supervisor_app.demo.fake_server import FakeSupervisorServer
from supervisor_app.reports.model import ReportKind
from supervisor_app.seats.model import SeatTile

from .conftest import wait_idle

CALLER = "13800138000"
OWNER, INVITED, BYSTANDER = 2, 4, 6
CALL_ID = 501


def _tile(console: SupervisorApplication, agent_id: int) -> SeatTile:
    tile = console.seats.model.tile(agent_id)
    assert tile is not None
    return tile


def _says_people(text: str, n: int) -> bool:
    return f"Conference · {n} people" in text or f"会议 · {n}人" in text


def _tooltip(console: SupervisorApplication, agent_id: int) -> str:
    model = console.seats.model
    row = model.row_of(agent_id)
    assert row is not None
    return str(model.data(model.index(row), Qt.ItemDataRole.ToolTipRole))


def test_given_a_conference_when_events_arrive_then_owner_and_invited_tiles_show_the_room_until_it_ends(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    since = datetime.now(UTC) - timedelta(seconds=30)
    server.set_seat_state(OWNER, AgentState.TALKING, caller=CALLER, queue_code="citizen", at=since)
    server.set_seat_state(BYSTANDER, AgentState.TALKING, caller="13911112222", queue_code="gjj", at=since)
    # the real server's state events of an invited seat name the call, not the caller
    server.set_seat_state(INVITED, AgentState.RESERVED)
    owner, invited, bystander = (_tile(signed_in, a) for a in (OWNER, INVITED, BYSTANDER))
    qtbot.waitUntil(lambda: invited.state is AgentState.RESERVED, timeout=10_000)
    before_bystander = bystander.call_text

    server.publish_conference(CALL_ID, owner=OWNER, caller=CALLER, invited=[(INVITED, S.RINGING)])
    qtbot.waitUntil(lambda: _says_people(owner.call_text, 2), timeout=10_000)
    assert owner.call_text.endswith(CALLER)
    # the ringing colleague shows the owner's call already: the same caller, and whose call it is
    assert _says_people(invited.call_text, 2) and invited.call_text.endswith(CALLER)
    assert owner.name in _tooltip(signed_in, INVITED)
    assert owner.name not in _tooltip(signed_in, OWNER).split("\n", 1)[1]  # the owner's tip: no "invited"

    server.set_seat_state(INVITED, AgentState.TALKING)
    server.publish_conference(
        CALL_ID, owner=OWNER, caller=CALLER, invited=[(INVITED, S.JOINED), ("12329001", S.JOINED)]
    )
    qtbot.waitUntil(lambda: _says_people(owner.call_text, 4), timeout=10_000)
    assert _says_people(invited.call_text, 4)
    assert invited.state is AgentState.TALKING
    # a leader searching the caller's number finds every seat in the room
    signed_in.seats.pane.search.setText(CALLER)
    model = signed_in.seats.model
    qtbot.waitUntil(lambda: model.visible_seat_count() == 2, timeout=5_000)
    assert {model.row_of(OWNER) is not None, model.row_of(INVITED) is not None} == {True}
    signed_in.seats.pane.search.clear()
    assert bystander.call_text == before_bystander  # not in the room: untouched

    # the colleague hangs up: their tile drops the room, the owner's counts three
    server.publish_conference(
        CALL_ID, owner=OWNER, caller=CALLER, invited=[(INVITED, S.LEFT), ("12329001", S.JOINED)]
    )
    server.set_seat_state(INVITED, AgentState.WRAP_UP)
    qtbot.waitUntil(lambda: invited.state is AgentState.WRAP_UP, timeout=10_000)
    assert invited.call_text == "" and invited.conference is None
    assert _says_people(owner.call_text, 3)

    # the room ends while the owner's seat is still talking: back to the plain caller line
    server.publish_conference(
        CALL_ID, owner=OWNER, caller=CALLER, invited=[(INVITED, S.LEFT), ("12329001", S.LEFT)], ended=True
    )
    qtbot.waitUntil(lambda: owner.conference is None, timeout=10_000)
    assert owner.call_text.startswith(CALLER) and not _says_people(owner.call_text, 3)


def test_given_a_seat_in_a_conference_when_the_snapshot_reloads_then_the_room_stays_on_its_tile(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    server.set_seat_state(OWNER, AgentState.TALKING, caller=CALLER, queue_code="citizen")
    server.publish_conference(CALL_ID, owner=OWNER, caller=CALLER, invited=[("12329001", S.JOINED)])
    owner = _tile(signed_in, OWNER)
    qtbot.waitUntil(lambda: _says_people(owner.call_text, 3), timeout=10_000)
    signed_in.seats.reload()
    wait_idle(qtbot, signed_in)
    reloaded = _tile(signed_in, OWNER)
    assert reloaded is not owner and _says_people(reloaded.call_text, 3)


def test_given_an_agents_day_when_a_call_was_a_colleagues_conference_then_the_result_says_whose(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    signed_in.seats.open_day(OWNER)
    wait_idle(qtbot, signed_in)
    dialog = signed_in.seats.day_dialog
    assert dialog is not None
    results = [dialog.calls.item(r, 4).text() for r in range(dialog.calls.rowCount())]  # type: ignore[union-attr]
    colleague = server.seats[OWNER % len(server.seats) + 1]["name"]
    joined = [r for r in results if colleague in r]
    assert len(joined) == 1 and ("conference" in joined[0] or "会议" in joined[0])
    dialog.close()


def test_given_the_agent_report_when_shown_then_conferences_joined_are_columns_apart_from_calls(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    pane = signed_in.reports.pane
    pane.kind.setCurrentIndex(pane.kind.findData(ReportKind.AGENTS.value))
    wait_idle(qtbot, signed_in)
    headers = [pane.table.horizontalHeaderItem(c).text() for c in range(pane.table.columnCount())]  # type: ignore[union-attr]
    assert headers[-2:] == ["Conferences joined", "Time in conferences"]  # tests run untranslated
    expected = server.agent_report(datetime.now(UTC), datetime.now(UTC)).rows[0]
    row = signed_in.reports.rows[0]
    assert row[0] == expected.work_number
    assert row[3] == str(expected.calls_answered)  # handled calls as before
    assert row[-2] == str(expected.conferences_joined)
    assert expected.conference_talk_seconds == 0 or row[-1] != "0:00:00"
