"""Running conference rooms against the real server: real REST (``GET /callcenter/live``, the snapshot)
and the real event stream, the server's call centre on a fake media plane as the *other side* (it records
``offer_to_agent`` / ``conference_add``; the test reports what the worker would). A room is running before
the leader signs in; the console shows it on the owner's and the invited seat's tiles without any event
about the room. Without the call path the server answers 503 ``call_path_off`` and the console says
nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from server_stub.callcenter.runtime import CallCenter
from server_stub.media import control as mc
from shared.client import ApiClientError, HotlineClient
from shared.client.models import ConferencePartyKind
from shared.client.qt import QtEventStream
from shared.client.supervisor_api import SupervisorClient
from shared.config import AppSettings
from shared.protocol.enums import AgentState, Role
from supervisor_app.app import SupervisorApplication
from supervisor_app.seats.model import SeatTile
from tests.server_stub.callcenter.conftest import HOTLINE, PASSWORD, QUEUE, FakeMedia, seed
from tests.shared.client.conftest import PASSWORD as LIVE_PASSWORD
from tests.shared.client.conftest import LiveServer, live_server, migrated_sqlite  # noqa: F401

from .conftest import wait_idle

pytestmark = pytest.mark.gui

CALLER = "13800138000"
OWNER, COLLEAGUE, LEADER = "1001", "1002", "9001"


@dataclass
class Centre:
    server: LiveServer
    cc: CallCenter
    media: FakeMedia

    def settle(self) -> None:
        self.cc.call(lambda: None, timeout=10)


@pytest.fixture
def centre(live_server: LiveServer) -> Iterator[Centre]:  # noqa: F811
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


OpenConsole = Callable[[str, str, str], SupervisorApplication]
#: the event types each console received, in order
heard: dict[SupervisorApplication, list[str]] = {}


@pytest.fixture
def open_console(qtbot: QtBot, tmp_path: Path) -> Iterator[OpenConsole]:
    """Builds the console as the launcher does (real client, real event stream, no phone) and signs in;
    every console is shut down after, also when the test failed."""
    opened: list[tuple[SupervisorApplication, SupervisorClient]] = []

    def open_one(url: str, work_number: str, password: str) -> SupervisorApplication:
        client = SupervisorClient(url)
        settings = AppSettings(
            "SupervisorApp",
            preset_layers=[],
            user=QSettings(str(tmp_path / f"u{len(opened)}.ini"), QSettings.Format.IniFormat),
        )
        events = QtEventStream(client.base_url, lambda: client.token)
        console = SupervisorApplication(api=client, settings=settings, events=events, data_dir=tmp_path)
        opened.append((console, client))
        heard[console] = []
        events.event_received.connect(lambda e: heard[console].append(e.type.value))
        qtbot.addWidget(console.window)
        console.window.show()
        console.login.submit(work_number, password)
        qtbot.waitUntil(lambda: console.window.stream_state.text() == "Live", timeout=20_000)
        return console

    try:
        yield open_one
    finally:
        for console, client in opened:
            console.shutdown()
            client.close()
            heard.pop(console, None)


def _ready(centre: Centre, work_number: str) -> HotlineClient:
    client = HotlineClient(centre.server.url)
    client.login(work_number, PASSWORD)
    client.set_state(AgentState.READY)
    centre.settle()
    return client


def _room_of_three(centre: Centre) -> list[HotlineClient]:
    """A caller through the IVR answered by 1001, who invites 1002; 1002 answers: caller, 1001, 1002."""
    owner = _ready(centre, OWNER)
    conv = "conv-room-1"
    now = datetime.now(UTC)
    centre.cc.handle(mc.InboundCallArrived(conv, CALLER, HOTLINE, f"sip-{conv}", now))
    centre.cc.handle(mc.IvrRouted(conv, QUEUE, "main>1", "1"))
    centre.media.wait_for("offer_to_agent", lambda a: a[0] == conv and a[1] == OWNER)
    centre.cc.handle(mc.AgentRinging(conv, OWNER))
    centre.cc.handle(mc.AgentAnswered(conv, OWNER, datetime.now(UTC)))
    centre.settle()
    colleague = _ready(centre, COLLEAGUE)  # after: the ACD would have given them the caller
    owner.invite_to_conference(ConferencePartyKind.AGENT, COLLEAGUE)
    party_id = centre.media.wait_for("conference_add", lambda a: a[0] == conv)[1]
    centre.cc.handle(mc.ConferencePartyRinging(conv, party_id))
    centre.cc.handle(mc.ConferencePartyJoined(conv, party_id, datetime.now(UTC)))
    centre.settle()
    return [owner, colleague]


def _tile(console: SupervisorApplication, work_number: str) -> SeatTile:
    tile = next((t for t in console.seats.model.tiles() if t.work_number == work_number), None)
    assert tile is not None, f"no tile for {work_number}"
    return tile


def test_given_a_room_running_on_the_real_server_when_the_leader_signs_in_then_the_tiles_show_it(
    qtbot: QtBot, centre: Centre, open_console: OpenConsole
) -> None:
    agents = _room_of_three(centre)
    try:
        console = open_console(centre.server.url, LEADER, PASSWORD)
        qtbot.waitUntil(lambda: len(console.seats.model.tiles()) == 3, timeout=20_000)

        # the REST snapshot and the stream's own snapshot each rebuild the tiles: read them afresh
        qtbot.waitUntil(lambda: _tile(console, OWNER).conference is not None, timeout=20_000)
        qtbot.waitUntil(lambda: _tile(console, COLLEAGUE).conference is not None, timeout=20_000)
        wait_idle(qtbot, console)
        owner, colleague, other = (_tile(console, w) for w in (OWNER, COLLEAGUE, "1003"))
        assert owner.call_text.startswith("Conference · 3 people") and owner.call_text.endswith(CALLER)
        assert colleague.call_text.startswith("Conference · 3 people")
        assert colleague.conference is not None and colleague.conference.owner_work_number == OWNER
        assert other.conference is None
        # no conference event reached this console: the rooms came from the live read
        assert "conference_did_change" not in heard[console]
    finally:
        for client in agents:
            client.close()


def test_given_the_real_server_without_call_path_when_the_leader_signs_in_then_no_rooms_and_no_banner(
    qtbot: QtBot,
    live_server: LiveServer,  # noqa: F811
    open_console: OpenConsole,
) -> None:
    live_server.add_agent("4001")
    live_server.add_agent("9101", role=Role.LEADER)
    probe = SupervisorClient(live_server.url)
    probe.login("9101", LIVE_PASSWORD)
    with pytest.raises(ApiClientError) as refused:
        probe.live()
    assert refused.value.server_error_id == "call_path_off" and refused.value.status == 503
    probe.close()

    console = open_console(live_server.url, "9101", LIVE_PASSWORD)
    qtbot.waitUntil(lambda: len(console.seats.model.tiles()) == 1, timeout=20_000)
    wait_idle(qtbot, console)
    assert all(t.conference is None for t in console.seats.model.tiles())
    assert not console.window.banner.isVisible(), console.window.banner.label.text()
