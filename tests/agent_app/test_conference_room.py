"""The server-side conference room from the seat: invite from the directory, watch parties ring, join,
fail and leave, remove them, see the room end; refusals in words; direct calls keep the local three-way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from agent_app.demo.fake_server import FakeHotlineServer
from agent_app.softphone.conference_widgets import ConferencePartyRow
from agent_app.softphone.port import CALL_HEADER, CALL_ID_HEADER, CALLER_HEADER, QUEUE_HEADER, LineState
from agent_app.softphone.widgets import PickerMode
from shared.client.models import ConferencePartyKind, ConferencePartyState
from shared.protocol.events import EventType

pytestmark = pytest.mark.gui

#: bound for every wait on the bridge or the event feed: a 2-core machine shared with other suites can
#: starve the worker threads for seconds; a condition met sooner returns at once
WAIT_MS = 30_000

SERVER_CALL = {
    CALLER_HEADER: "13800138000",
    QUEUE_HEADER: "12345",
    CALL_HEADER: "conv-9",
    CALL_ID_HEADER: "4711",
}


def _talking_on_server_call(qtbot: QtBot, agent: AgentApplication, phone: FakePhone) -> str:
    call_id = phone.ring("13800138000", SERVER_CALL)
    agent.softphone.answer()
    assert phone.lines[call_id].state is LineState.CONNECTED
    return call_id


def _invite_from_directory(qtbot: QtBot, agent: AgentApplication, search: str) -> None:
    """Keyboard only: the Add party button, type into the search, Enter."""
    p = agent.window.softphone
    p.conference.click()
    picker = p.transfer_picker
    qtbot.waitUntil(lambda: picker.isVisible() and picker.list.count() > 0, timeout=WAIT_MS)
    assert picker.search.hasFocus()
    qtbot.keyClicks(picker.search, search) if search.isascii() else picker.search.setText(search)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)


def _row(agent: AgentApplication, text: str) -> ConferencePartyRow:
    rows = agent.window.softphone.room.rows
    return next(r for r in rows if text in r.name.text())


def _invites(server: FakeHotlineServer) -> list[tuple[object, ...]]:
    return [a for name, a in server.calls if name == "invite_to_conference"]


def test_given_server_carried_call_when_inviting_agent_then_party_rings_then_joins_and_line_counts_room(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    server.call_path = True
    _talking_on_server_call(qtbot, signed_in, phone)
    p = signed_in.window.softphone
    assert p.conference.isEnabled() and p.conference.text() == p.tr("Add party")

    _invite_from_directory(qtbot, signed_in, "1002")

    qtbot.waitUntil(lambda: _invites(server) == [(ConferencePartyKind.AGENT, "1002")], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: p.room.isVisible() and len(p.room.rows) == 3, timeout=WAIT_MS)
    assert not p.transfer_picker.isVisible()
    assert _row(signed_in, "李强").status.text() == p.room.tr("ringing…")
    assert "13800138000" in p.room.rows[0].name.text()  # the caller first
    assert "conference (2)" in p.current_status.text()  # caller and me; the colleague still rings

    party = server.conference_room.parties[-1] if server.conference_room else None
    assert party is not None
    server.set_party_state(party.party_id, ConferencePartyState.JOINED)

    qtbot.waitUntil(
        lambda: _row(signed_in, "李强").status.text() == p.room.tr("in the conference"), timeout=WAIT_MS
    )
    assert "conference (3)" in p.current_status.text()
    assert "3" in p.room.title.text()


def test_given_invited_party_when_it_fails_then_row_says_why_and_room_stays(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    server.call_path = True
    _talking_on_server_call(qtbot, signed_in, phone)
    _invite_from_directory(qtbot, signed_in, "公积金管理中心")
    qtbot.waitUntil(lambda: _invites(server) == [(ConferencePartyKind.NUMBER, "GJJ")], timeout=WAIT_MS)
    p = signed_in.window.softphone
    qtbot.waitUntil(lambda: len(p.room.rows) == 3, timeout=WAIT_MS)
    dept = _row(signed_in, "市住房公积金管理中心")
    assert server.conference_room is not None
    server.set_party_state(
        server.conference_room.parties[-1].party_id, ConferencePartyState.FAILED, "无人接听"
    )

    qtbot.waitUntil(
        lambda: "无人接听" in _row(signed_in, "市住房公积金管理中心").status.text(), timeout=WAIT_MS
    )
    dept = _row(signed_in, "市住房公积金管理中心")
    assert dept.remove.isHidden()  # nothing to hang up
    assert p.room.isVisible() and "conference (2)" in p.current_status.text()


def test_given_owner_when_removing_joined_party_then_server_hangs_it_up_and_row_shows_left(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    server.call_path = True
    _talking_on_server_call(qtbot, signed_in, phone)
    # one invitation at a time, as a person adds parties: two in flight race in the fake server (it
    # publishes each room after releasing its lock, so the first invitation's 3-party room can arrive
    # after the second's 4-party one and the seat rightly shows the last event it got)
    signed_in.softphone.invite("agent:1002")
    qtbot.waitUntil(lambda: len(signed_in.window.softphone.room.rows) == 3, timeout=WAIT_MS)
    signed_in.softphone.invite("number:13912345678")
    qtbot.waitUntil(lambda: len(signed_in.window.softphone.room.rows) == 4, timeout=WAIT_MS)
    assert server.conference_room is not None
    for party in server.conference_room.parties[2:]:
        server.set_party_state(party.party_id, ConferencePartyState.JOINED)
    p = signed_in.window.softphone
    qtbot.waitUntil(lambda: "conference (4)" in p.current_status.text(), timeout=WAIT_MS)
    assert _row(signed_in, "13800138000").remove.isHidden()  # the caller is not removed from here
    assert _row(signed_in, "王芳").remove.isHidden()  # nor oneself: hang up instead
    colleague = _row(signed_in, "李强")
    assert not colleague.remove.isHidden()

    qtbot.mouseClick(colleague.remove, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: any(n == "remove_conference_party" for n, _ in server.calls), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "conference (3)" in p.current_status.text(), timeout=WAIT_MS)
    left = _row(signed_in, "李强")
    assert p.room.tr("left") in left.status.text() and "removed by the room's owner" in left.status.text()
    assert left.remove.isHidden()


def test_given_room_when_server_ends_it_then_view_and_line_mark_clear(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    server.call_path = True
    _talking_on_server_call(qtbot, signed_in, phone)
    signed_in.softphone.invite("agent:1002")
    p = signed_in.window.softphone
    qtbot.waitUntil(lambda: p.room.isVisible(), timeout=WAIT_MS)

    server.end_conference()

    qtbot.waitUntil(lambda: p.room.isHidden(), timeout=WAIT_MS)
    assert signed_in.softphone.room is None and "conference" not in p.current_status.text()


def test_given_room_when_our_call_ends_then_room_is_gone(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    server.call_path = True
    call_id = _talking_on_server_call(qtbot, signed_in, phone)
    signed_in.softphone.invite("agent:1002")
    p = signed_in.window.softphone
    qtbot.waitUntil(lambda: p.room.isVisible(), timeout=WAIT_MS)
    phone.far_end_hangs_up(call_id)
    assert p.room.isHidden() and signed_in.softphone.room is None


@pytest.mark.parametrize(
    ("setup", "target", "words"),
    [
        ("full", "agent:1002", "full (at most 2 parties)"),
        ("twice", "agent:1002", "李强 is already in the conference"),
        ("plain", "agent:9999", "9999 cannot be reached now"),
        ("no_call_path", "agent:1002", "call path is off"),
    ],
)
def test_given_server_refuses_when_inviting_then_panel_says_why_in_words(
    qtbot: QtBot,
    signed_in: AgentApplication,
    phone: FakePhone,
    server: FakeHotlineServer,
    setup: str,
    target: str,
    words: str,
) -> None:
    server.call_path = setup != "no_call_path"
    if setup == "full":
        server.conference_max_parties = 2
    _talking_on_server_call(qtbot, signed_in, phone)
    if setup == "twice":
        _invite_from_directory(qtbot, signed_in, "1002")  # the directory knows the name
        qtbot.waitUntil(lambda: len(_invites(server)) == 1, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: signed_in.window.softphone.room.isVisible(), timeout=WAIT_MS)

    signed_in.softphone.invite(target)

    banner = signed_in.window.softphone.banner
    qtbot.waitUntil(lambda: banner.isVisible() and words in banner.label.text(), timeout=WAIT_MS)
    assert "Traceback" not in banner.label.text() and "HTTP" not in banner.label.text()
    assert phone.lines and all(x.state is LineState.CONNECTED for x in phone.lines.values())


def test_given_server_without_conference_route_when_inviting_then_seat_says_it_needs_an_update(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    from shared.client.errors import ApiClientError, ClientErrorId

    def old_server(_kind: object, _value: str) -> None:
        raise ApiClientError("Not Found", error_id=ClientErrorId.NOT_FOUND, status=404)

    server.invite_to_conference = old_server  # type: ignore[method-assign,assignment]
    _talking_on_server_call(qtbot, signed_in, phone)
    signed_in.softphone.invite("agent:1002")
    banner = signed_in.window.softphone.banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=WAIT_MS)
    assert "update" in banner.label.text() and "Not Found" not in banner.label.text()


def test_given_typed_number_when_enter_then_that_number_is_invited(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    server.call_path = True
    _talking_on_server_call(qtbot, signed_in, phone)
    picker = signed_in.window.softphone.transfer_picker
    _invite_from_directory(qtbot, signed_in, "139 1234 5678")
    qtbot.waitUntil(
        lambda: _invites(server) == [(ConferencePartyKind.NUMBER, "13912345678")], timeout=WAIT_MS
    )
    assert not picker.isVisible()


def test_given_conference_directory_when_using_keys_then_arrows_choose_and_escape_closes(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    server.call_path = True
    _talking_on_server_call(qtbot, signed_in, phone)
    p = signed_in.window.softphone
    p.conference.click()
    picker = p.transfer_picker
    qtbot.waitUntil(lambda: picker.list.count() > 0, timeout=WAIT_MS)
    assert picker.mode is PickerMode.CONFERENCE
    assert picker.invite.isVisible() and not picker.blind.isVisible() and not picker.consult.isVisible()
    texts = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert not any("12329公积金" in t for t in texts)  # queues are transfer targets, not parties
    assert any("李强" in t for t in texts) and any("市燃气集团" in t for t in texts)
    first = picker.list.currentRow()
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.list.currentRow() == first + 1
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    assert picker.list.currentRow() == first
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)
    assert not picker.isVisible() and _invites(server) == []


def test_given_invited_seat_when_room_event_names_it_then_room_shown_without_remove_buttons(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    """The colleague's seat (1001 here): the worker's INVITE carries the call's headers; the room's events
    reach it too. Only the owner (1002) may remove parties."""
    call_id = phone.ring("13800138000", {**SERVER_CALL, "X-Hotline-Conference-From": "1002"})
    assert "1002" in signed_in.window.softphone.incoming_detail.text()  # who asks them in
    room = {
        "call_id": 4711,
        "owner": "1002",
        "max_parties": 6,
        "parties": [
            {
                "party_id": "c",
                "kind": "caller",
                "value": "13800138000",
                "display": "13800138000",
                "state": "joined",
            },
            {"party_id": "o", "kind": "agent", "value": "1002", "display": "李强", "state": "joined"},
            {"party_id": "me", "kind": "agent", "value": "1001", "display": "王芳", "state": "ringing"},
        ],
        "ended": False,
    }
    server.publish(EventType.CONFERENCE_DID_CHANGE, room)
    p = signed_in.window.softphone
    qtbot.waitUntil(lambda: len(p.room.rows) == 3, timeout=WAIT_MS)
    signed_in.softphone.answer()
    room["parties"][2]["state"] = "joined"  # type: ignore[index]
    server.publish(EventType.CONFERENCE_DID_CHANGE, room)
    qtbot.waitUntil(lambda: "conference (3)" in p.current_status.text(), timeout=WAIT_MS)
    assert all(row.remove.isHidden() for row in p.room.rows)
    assert "(you)" in _row(signed_in, "王芳").name.text()

    room["parties"][2]["state"] = "left"  # type: ignore[index]
    server.publish(EventType.CONFERENCE_DID_CHANGE, room)
    qtbot.waitUntil(lambda: p.room.isHidden(), timeout=WAIT_MS)
    assert phone.lines[call_id].state is LineState.CONNECTED


def test_given_someone_elses_room_or_garbage_when_event_arrives_then_nothing_shown(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    _talking_on_server_call(qtbot, signed_in, phone)
    other = {
        "call_id": 99,
        "owner": "1003",
        "max_parties": 6,
        "parties": [
            {"party_id": "x", "kind": "agent", "value": "1004", "display": "陈静", "state": "joined"}
        ],
    }
    server.publish(EventType.CONFERENCE_DID_CHANGE, other)
    server.publish(EventType.CONFERENCE_DID_CHANGE, {"call_id": "not a number"})
    server.publish(EventType.NOTICE_WAS_WITHDRAWN, {"notice_id": 12345})  # a later event: the others passed
    qtbot.wait(50)
    assert signed_in.window.softphone.room.isHidden() and signed_in.softphone.room is None


def test_given_direct_call_when_conferencing_then_local_three_way_not_the_server(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    server.call_path = True
    first = phone.ring("13800138000", {CALLER_HEADER: "13800138000"})
    signed_in.softphone.answer()
    p = signed_in.window.softphone
    assert p.conference.text() == p.tr("Conference") and not p.conference.isEnabled()
    signed_in.softphone.dial("88512329")
    second = signed_in.softphone.current_id
    assert second is not None
    phone.far_end_answers(second)
    assert p.conference.isEnabled()
    p.conference.click()
    assert ("conference", second, first) in phone.actions
    assert not p.transfer_picker.isVisible() and _invites(server) == []
    assert "conference" in p.current_status.text() and "(" not in p.current_status.text()


def test_given_reconnect_when_server_room_holds_only_caller_and_me_then_no_room_is_shown(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    """The real server reports every call as a room of two; that is not a conference to show."""
    from shared.client.models import ConferenceOut, ConferenceParty

    server.call_path = True
    _talking_on_server_call(qtbot, signed_in, phone)
    server.conference_room = ConferenceOut(
        call_id=4711,
        owner="1001",
        max_parties=6,
        parties=[
            ConferenceParty(
                party_id="caller",
                kind=ConferencePartyKind.CALLER,
                value="13800138000",
                display="13800138000",
                state=ConferencePartyState.JOINED,
            ),
            ConferenceParty(
                party_id="agent:1001",
                kind=ConferencePartyKind.AGENT,
                value="1001",
                display="王芳",
                state=ConferencePartyState.JOINED,
            ),
        ],
    )
    server.publish(EventType.SNAPSHOT, {})
    qtbot.waitUntil(lambda: any(n == "conference" for n, _ in server.calls), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: signed_in.ctx.bridge.pending == 0, timeout=WAIT_MS)
    assert signed_in.window.softphone.room.isHidden() and "conference" not in (
        signed_in.window.softphone.current_status.text()
    )


def test_given_server_reasons_when_shown_then_in_words_without_sip_codes(qtbot: QtBot) -> None:
    from agent_app.softphone.conference_widgets import ConferenceRoomView

    view = ConferenceRoomView()
    qtbot.addWidget(view)
    assert view.reason_text("no answer (SIP 408)") == view.tr("no answer")
    assert view.reason_text("not reachable (not registered)") == view.tr("not reachable (not signed in)")
    assert view.reason_text("failed (503)") == view.tr("failed")
    assert view.reason_text("线路故障") == "线路故障"


def test_given_left_event_before_stale_remove_answer_when_both_arrive_then_party_stays_left(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    """The real server answers DELETE with the room as it was (the party still joined) and publishes
    ``left`` when the worker reports it: whichever comes home first, the seat shows ``left``."""
    from shared.client.models import ConferenceOut

    server.call_path = True
    _talking_on_server_call(qtbot, signed_in, phone)
    signed_in.softphone.invite("agent:1002")
    p = signed_in.window.softphone
    qtbot.waitUntil(lambda: len(p.room.rows) == 3, timeout=WAIT_MS)
    assert server.conference_room is not None
    server.set_party_state("p1", ConferencePartyState.JOINED)
    qtbot.waitUntil(lambda: "conference (3)" in p.current_status.text(), timeout=WAIT_MS)
    stale = server.conference_room

    def remove_then_answer_stale(party_id: str) -> ConferenceOut:
        server.set_party_state(party_id, ConferencePartyState.LEFT, "removed by the room's owner")
        return stale

    server.remove_conference_party = remove_then_answer_stale  # type: ignore[method-assign,assignment]
    qtbot.mouseClick(_row(signed_in, "李强").remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: signed_in.ctx.bridge.pending == 0, timeout=WAIT_MS)
    qtbot.wait(20)  # anything still queued for the GUI thread
    assert "conference (2)" in p.current_status.text()
    assert p.room.tr("left") in _row(signed_in, "李强").status.text()


def test_given_room_with_guests_when_transferring_and_server_refuses_then_seat_says_remove_them_first(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    from shared.client.errors import ApiClientError, ClientErrorId

    def refuse(*_args: object, **_kw: object) -> None:
        raise ApiClientError(
            "Others are in this conference; remove them before transferring the caller.",
            error_id=ClientErrorId.CONFLICT,
            status=409,
            server_error_id="conference_in_progress",
        )

    server.call_path = True
    server.transfer_call = refuse  # type: ignore[method-assign,assignment]
    call_id = _talking_on_server_call(qtbot, signed_in, phone)
    signed_in.softphone.invite("agent:1002")
    qtbot.waitUntil(lambda: signed_in.window.softphone.room.isVisible(), timeout=WAIT_MS)
    signed_in.softphone.blind_transfer("queue:12329")
    banner = signed_in.window.softphone.banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=WAIT_MS)
    assert banner.label.text() == signed_in.softphone.tr(
        "Others are in the conference: remove them before transferring the caller."
    )
    assert phone.lines[call_id].state is LineState.CONNECTED
