"""Conference rooms that were running before the console listened: after signing in, and after every
resync of the event stream, the console reads ``GET /callcenter/live`` and the tiles show the rooms at
once (not only from the room's next ``conference_did_change``). Without the call path there are no rooms
and nothing is said; a slow read never undoes what a newer event showed."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from shared.protocol.enums import AgentState
from shared.protocol.schemas.conference import ConferencePartyState as S
from supervisor_app.app import SupervisorApplication
from supervisor_app.demo.fake_server import LEADER_WORK_NUMBER, PASSWORD, FakeSupervisorServer
from supervisor_app.seats.model import SeatTile

from .conftest import SEATS, wait_idle

CALLER = "13800138000"
OWNER, INVITED, BYSTANDER = 2, 4, 6
CALL_ID = 501


def _tile(console: SupervisorApplication, agent_id: int) -> SeatTile:
    tile = console.seats.model.tile(agent_id)
    assert tile is not None
    return tile


def _says_people(text: str, n: int) -> bool:
    return f"Conference · {n} people" in text or f"会议 · {n}人" in text


def _sign_in(qtbot: QtBot, console: SupervisorApplication) -> None:
    console.login.submit(LEADER_WORK_NUMBER, PASSWORD)
    qtbot.waitUntil(lambda: console.seats.model.visible_seat_count() == SEATS, timeout=10_000)
    wait_idle(qtbot, console)


def _room_running(server: FakeSupervisorServer, call_id: int = CALL_ID, owner: int = OWNER) -> None:
    """A room of four (caller, owner, a colleague, a department) as the call centre holds it."""
    server.set_seat_state(owner, AgentState.TALKING, caller=CALLER, queue_code="citizen")
    server.set_seat_state(INVITED, AgentState.TALKING)
    server.publish_conference(
        call_id, owner=owner, caller=CALLER, invited=[(INVITED, S.JOINED), ("12329001", S.JOINED)]
    )


def test_given_a_room_running_before_sign_in_when_the_leader_signs_in_then_its_tiles_show_it_at_once(
    qtbot: QtBot, console: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    server.call_path_running = True
    _room_running(server)  # published while no console listened: only the live read knows it now

    _sign_in(qtbot, console)

    owner, invited, bystander = (_tile(console, a) for a in (OWNER, INVITED, BYSTANDER))
    qtbot.waitUntil(lambda: _says_people(owner.call_text, 4), timeout=10_000)
    assert owner.call_text.endswith(CALLER) and owner.conference is not None and owner.conference.owner
    # the invited colleague's tile shows the same room and whose call it is
    assert _says_people(invited.call_text, 4) and invited.call_text.endswith(CALLER)
    assert invited.conference is not None and invited.conference.owner_name == owner.name
    assert bystander.conference is None
    assert not console.window.banner.isVisible()

    # events keep it current from here on
    server.publish_conference(
        CALL_ID, owner=OWNER, caller=CALLER, invited=[(INVITED, S.LEFT), ("12329001", S.JOINED)]
    )
    qtbot.waitUntil(lambda: _says_people(owner.call_text, 3), timeout=10_000)
    assert invited.conference is None


def test_given_a_resync_when_rooms_started_and_ended_while_events_were_missed_then_the_tiles_follow(
    qtbot: QtBot, console: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    server.call_path_running = True
    _room_running(server, call_id=700, owner=BYSTANDER)  # this one ends while the console is away
    _sign_in(qtbot, console)
    gone = _tile(console, BYSTANDER)
    qtbot.waitUntil(lambda: gone.conference is not None, timeout=10_000)

    console.events.stop()  # the stream drops; what happens now reaches the console only by a resync
    server.publish_conference(700, owner=BYSTANDER, caller=CALLER, invited=[(INVITED, S.LEFT)], ended=True)
    _room_running(server)
    console.events.start()
    server.publish_snapshot()

    model = console.seats.model
    qtbot.waitUntil(lambda: _says_people(_tile(console, OWNER).call_text, 4), timeout=10_000)
    wait_idle(qtbot, console)
    assert _says_people(_tile(console, INVITED).call_text, 4)
    assert model.tile(BYSTANDER) is not None and _tile(console, BYSTANDER).conference is None
    assert server.live_requests >= 2  # read at sign-in and again after the resync


def test_given_a_server_without_the_call_path_when_signing_in_then_no_rooms_and_nothing_is_said(
    qtbot: QtBot, console: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    assert not server.call_path_running
    server.set_seat_state(OWNER, AgentState.TALKING, caller=CALLER, queue_code="citizen")

    _sign_in(qtbot, console)
    server.publish_snapshot()
    wait_idle(qtbot, console)

    assert server.live_requests >= 2  # asked (503 call_path_off both times)
    assert not console.window.banner.isVisible()
    assert all(t.conference is None for t in console.seats.model.tiles())
    owner = _tile(console, OWNER)
    assert owner.call_text.startswith(CALLER)
    # rooms still come from events as before
    server.publish_conference(CALL_ID, owner=OWNER, caller=CALLER, invited=[("12329001", S.JOINED)])
    qtbot.waitUntil(lambda: _says_people(owner.call_text, 3), timeout=10_000)
    assert not console.window.banner.isVisible()


def test_given_a_slow_live_read_when_newer_events_arrive_meanwhile_then_the_read_does_not_undo_them(
    qtbot: QtBot, console: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    server.call_path_running = True
    _room_running(server)
    server.set_seat_state(BYSTANDER, AgentState.TALKING, caller="13911112222", queue_code="gjj")
    server.publish_conference(700, owner=BYSTANDER, caller="13911112222", invited=[("12315001", S.JOINED)])
    _sign_in(qtbot, console)
    owner, invited, other = (_tile(console, a) for a in (OWNER, INVITED, BYSTANDER))
    qtbot.waitUntil(lambda: _says_people(owner.call_text, 4) and other.conference is not None, timeout=10_000)

    gate = threading.Event()
    server.live_gate = gate
    try:
        before = server.live_requests
        server.publish_snapshot()  # a resync: the read starts now and answers late with what it read now
        qtbot.waitUntil(lambda: server.live_requests > before, timeout=10_000)
        # meanwhile: the colleague hangs up, and the other room ends
        server.publish_conference(
            CALL_ID, owner=OWNER, caller=CALLER, invited=[(INVITED, S.LEFT), ("12329001", S.JOINED)]
        )
        server.publish_conference(
            700, owner=BYSTANDER, caller="13911112222", invited=[("12315001", S.LEFT)], ended=True
        )
        owner, invited, other = (_tile(console, a) for a in (OWNER, INVITED, BYSTANDER))
        qtbot.waitUntil(lambda: _says_people(owner.call_text, 3), timeout=10_000)
        assert other.conference is None and invited.conference is None
    finally:
        gate.set()
    wait_idle(qtbot, console)  # the stale read has landed

    assert _says_people(owner.call_text, 3) and not _says_people(owner.call_text, 4)
    assert invited.conference is None
    assert other.conference is None and other.call_text.startswith("13911112222")
