"""The seat's conference room on the real server: real REST (``/callcenter/conference``) and the real
event stream (``conference_did_change`` over the WebSocket), the server's call centre with a fake media
plane as the *other side* (it records ``conference_add``/``conference_remove``; the test reports what the
worker would), and the fake phone. The media worker's own room is tested under ``tests/server_stub``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from agent_app.softphone.port import CALL_HEADER, CALLER_HEADER
from server_stub.callcenter.runtime import CallCenter
from server_stub.media import control as mc
from shared.client import ApiClientError, HotlineClient
from shared.client.models import ConferencePartyKind
from shared.protocol.enums import AgentState
from tests.server_stub.callcenter.conftest import HOTLINE, PASSWORD, QUEUE, FakeMedia, seed
from tests.shared.client.conftest import PASSWORD as LIVE_PASSWORD
from tests.shared.client.conftest import LiveServer

from .real_seat import close_real_seat, open_real_seat

pytestmark = pytest.mark.gui

CALLER = "13800138000"


@dataclass
class Centre:
    server: LiveServer
    cc: CallCenter
    media: FakeMedia

    def settle(self) -> None:
        self.cc.call(lambda: None, timeout=10)


@pytest.fixture
def centre(live_server: LiveServer) -> Iterator[Centre]:
    """The live server with its call centre running on a fake media plane (no Kamailio, no workers)."""
    app = live_server.app
    seed(app)
    media = FakeMedia()
    cc = CallCenter(
        session_factory=app.state.session_factory, events=app.state.events, media=media, tick_s=0.05
    )
    cc.observe(app.state.events)
    cc.start()
    app.state.callcenter = cc
    try:
        yield Centre(live_server, cc, media)
    finally:
        app.state.callcenter = None
        cc.stop()


Seat = tuple[AgentApplication, FakePhone]


@pytest.fixture
def seats(qtbot: QtBot, centre: Centre, tmp_path: Path) -> Iterator[Callable[[str], Seat]]:
    """Signs a seat in (real client, real event stream, fake phone); every seat is shut down after."""
    opened: list[tuple[AgentApplication, HotlineClient]] = []

    def open_seat(work_number: str) -> Seat:
        app, phone, client = open_real_seat(qtbot, centre.server.url, tmp_path / f"seat-{work_number}")
        opened.append((app, client))
        app.window.show()
        app.login.submit(work_number, PASSWORD)
        qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.work, timeout=10_000)
        return app, phone

    try:
        yield open_seat
    finally:
        for app, client in opened:
            close_real_seat(app, client)


@pytest.fixture
def seat(seats: Callable[[str], Seat]) -> Seat:
    return seats("1001")


def _now() -> datetime:
    return datetime.now(UTC)


def _colleague_ready(centre: Centre, work_number: str) -> HotlineClient:
    client = HotlineClient(centre.server.url)
    client.login(work_number, PASSWORD)
    client.set_state(AgentState.READY)
    centre.settle()
    return client


def _server_call_answered(qtbot: QtBot, centre: Centre, app: AgentApplication, phone: FakePhone) -> str:
    """A caller through the IVR, offered to the seat by the call centre, answered: the worker's INVITE is
    played into the fake phone with the headers the call centre gave the media plane."""
    app.state_bar.go_ready()
    qtbot.waitUntil(lambda: app.ctx.bridge.pending == 0, timeout=10_000)
    centre.settle()
    conv = "conv-conf-1"
    centre.cc.handle(mc.InboundCallArrived(conv, CALLER, HOTLINE, f"sip-{conv}", _now()))
    centre.cc.handle(mc.IvrRouted(conv, QUEUE, "main>1", "1"))
    offer = centre.media.wait_for("offer_to_agent", lambda a: a[0] == conv and a[1] == "1001")
    phone.ring(CALLER, {**offer[2], CALL_HEADER: conv, CALLER_HEADER: CALLER})
    app.softphone.answer()
    centre.cc.handle(mc.AgentRinging(conv, "1001"))
    centre.cc.handle(mc.AgentAnswered(conv, "1001", _now()))
    centre.settle()
    return conv


def test_given_real_server_when_seat_has_no_call_there_then_invite_is_refused_in_words(
    qtbot: QtBot, seat: Seat, centre: Centre
) -> None:
    """The seat believes it carries a server call (worker headers) that the server does not know."""
    app, phone = seat
    phone.ring(CALLER, {CALL_HEADER: "conv-gone", CALLER_HEADER: CALLER, "X-Hotline-Call-Id": "999"})
    app.softphone.answer()
    app.softphone.invite("agent:1002")
    banner = app.window.softphone.banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=10_000)
    assert banner.label.text() == app.softphone.tr(
        "The server has no call of yours to add anyone to; the call may have ended."
    )
    assert app.window.softphone.room.isHidden() and "conference_add" not in centre.media.names()


def test_given_real_server_without_call_path_when_inviting_then_client_reports_call_path_off(
    live_server: LiveServer,
) -> None:
    live_server.add_agent("4001")
    client = HotlineClient(live_server.url)
    client.login("4001", LIVE_PASSWORD)
    with pytest.raises(ApiClientError) as refused:
        client.invite_to_conference(ConferencePartyKind.AGENT, "1002")
    assert refused.value.server_error_id == "call_path_off" and refused.value.status == 503
    with pytest.raises(ApiClientError) as blank:
        client.invite_to_conference(ConferencePartyKind.AGENT, "  ")
    assert "Choose a colleague" in blank.value.message  # refused before it leaves the seat
    client.close()


def test_given_real_server_when_owner_invites_colleague_then_rings_joins_is_removed_and_room_ends(
    qtbot: QtBot, seat: Seat, centre: Centre
) -> None:
    app, phone = seat
    conv = _server_call_answered(qtbot, centre, app, phone)
    colleague = _colleague_ready(centre, "1002")  # after: the ACD would have given them the caller
    client = HotlineClient(centre.server.url)
    client.login("1001", PASSWORD)
    assert client.conference() is not None  # the server shows every call as a room of two…
    p = app.window.softphone
    assert p.room.isHidden()  # …which is no conference to show

    p.conference.click()
    picker = p.transfer_picker
    qtbot.waitUntil(lambda: picker.list.count() > 0, timeout=10_000)
    qtbot.keyClicks(picker.search, "1002")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    added = centre.media.wait_for("conference_add", lambda a: a[0] == conv)
    party_id, target = added[1], added[2]
    assert target == mc.TransferTarget(mc.TransferTargetKind.AGENT, "1002")
    qtbot.waitUntil(lambda: len(p.room.rows) == 3, timeout=10_000)
    row = next(r for r in p.room.rows if "1002" in r.name.text())
    assert row.status.text() == p.room.tr("ringing…")

    centre.cc.handle(mc.ConferencePartyRinging(conv, party_id))
    centre.cc.handle(mc.ConferencePartyJoined(conv, party_id, _now()))
    qtbot.waitUntil(lambda: "conference (3)" in p.current_status.text(), timeout=10_000)  # over the WebSocket
    row = next(r for r in p.room.rows if "1002" in r.name.text())
    assert row.status.text() == p.room.tr("in the conference") and not row.remove.isHidden()

    qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)
    centre.media.wait_for("conference_remove", lambda a: a == (conv, party_id))
    centre.cc.handle(mc.ConferencePartyLeft(conv, party_id, _now(), removed=True))
    qtbot.waitUntil(lambda: "conference (2)" in p.current_status.text(), timeout=10_000)
    row = next(r for r in p.room.rows if "1002" in r.name.text())
    assert p.room.tr("removed by the room's owner") in row.status.text() and row.remove.isHidden()

    again = client.invite_to_conference(ConferencePartyKind.NUMBER, "13912345678")
    assert [x.state.value for x in again.parties][-1] == "ringing"
    qtbot.waitUntil(lambda: len(p.room.rows) == 4, timeout=10_000)
    centre.cc.handle(mc.CallerHungUp(conv, _now(), "talking"))
    centre.cc.handle(mc.ConversationEnded(conv, _now(), mc.EndedBy.CALLER, None))
    qtbot.waitUntil(lambda: p.room.isHidden(), timeout=10_000)  # ended=true reached the seat
    assert app.softphone.room is None
    client.close()
    colleague.close()


def test_given_real_server_when_colleague_is_invited_then_their_seat_rings_with_the_call_and_shows_the_room(
    qtbot: QtBot, seats: Callable[[str], Seat], centre: Centre
) -> None:
    owner, owner_phone = seats("1001")
    conv = _server_call_answered(qtbot, centre, owner, owner_phone)
    guest, guest_phone = seats("1002")
    guest.state_bar.go_ready()
    qtbot.waitUntil(lambda: guest.ctx.bridge.pending == 0, timeout=10_000)
    centre.settle()

    owner.softphone.invite("agent:1002")

    added = centre.media.wait_for("conference_add", lambda a: a[0] == conv)
    party_id, headers = added[1], added[3]
    # the worker adds the call's data and who invites (media worker _conference_add) to the INVITE
    worker_adds = {CALL_HEADER: conv, CALLER_HEADER: CALLER, "X-Hotline-Conference-From": "1001"}
    call_id = guest_phone.ring(CALLER, {**headers, **worker_adds})
    g = guest.window.softphone
    assert "1001" in g.incoming_detail.text()
    qtbot.waitUntil(lambda: len(g.room.rows) == 3, timeout=10_000)  # their own party rings
    guest.softphone.answer()
    centre.cc.handle(mc.ConferencePartyRinging(conv, party_id))
    centre.cc.handle(mc.ConferencePartyJoined(conv, party_id, _now()))
    qtbot.waitUntil(lambda: "conference (3)" in g.current_status.text(), timeout=10_000)
    assert all(row.remove.isHidden() for row in g.room.rows)  # only 1001 holds the room
    assert any("(you)" in row.name.text() for row in g.room.rows)
    o = owner.window.softphone
    qtbot.waitUntil(lambda: "conference (3)" in o.current_status.text(), timeout=10_000)

    guest_phone.far_end_hangs_up(call_id)  # the guest leaves (their leg ends)
    centre.cc.handle(mc.ConferencePartyLeft(conv, party_id, _now()))
    assert g.room.isHidden()
    qtbot.waitUntil(lambda: "conference (2)" in o.current_status.text(), timeout=10_000)
    assert guest.softphone.room is None
