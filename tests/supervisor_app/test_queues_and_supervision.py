"""Queue panel thresholds and live updates; the supervision ladder (table, engine calls, honest refusals)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from shared.protocol.enums import AgentState, SupervisionMode
from shared.protocol.events import EventType
from supervisor_app.app import SupervisorApplication
from supervisor_app.demo.fake_server import FakeSupervisorServer
from supervisor_app.queues.model import Level, Thresholds, estimated_wait_seconds, longest_wait_level
from supervisor_app.supervision.ladder import InvalidLadderStep, LadderStage, LadderStep, next_state

from .conftest import RecordingPhone, cell, wait_idle

WAITING, LONGEST, ESTIMATE, SL, ABANDONED = 1, 2, 3, 4, 7


def test_given_queue_figures_when_shown_then_threshold_cells_turn_amber_and_red(
    signed_in: SupervisorApplication,
) -> None:
    levels = signed_in.queues.panel.levels
    # citizen: longest 95 s > max_wait/2 (90 s) → red; abandon 5.6% → amber; SL 86.5% → ok
    assert levels[("citizen", LONGEST)] is Level.RED
    assert levels[("citizen", ABANDONED)] is Level.AMBER
    assert levels[("citizen", SL)] is Level.OK
    # consumer: SL 61.2% → amber, abandon 13.3% → red
    assert levels[("consumer", SL)] is Level.AMBER
    assert levels[("consumer", ABANDONED)] is Level.RED
    table = signed_in.queues.panel.table
    assert cell(table, 0, LONGEST).background().color().name() == "#e0533f"
    assert table.rowCount() == 3


def test_given_queue_event_when_received_then_its_row_updates(
    signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    queue = server.queues()[1]
    queue.stats.waiting = 42
    server.publish(EventType.QUEUE_DID_CHANGE, queue.model_dump(mode="json"))
    assert cell(signed_in.queues.panel.table, 1, WAITING).text() == "42"
    assert signed_in.queues.panel.levels[("gjj", WAITING)] is Level.RED


def test_given_unknown_waiting_when_estimating_then_no_made_up_number(server: FakeSupervisorServer) -> None:
    server.login("9001", "demo-pass")
    queue = server.queues()[0]
    queue.stats.waiting = None
    assert estimated_wait_seconds(queue) is None
    queue.stats.waiting, queue.stats.agents_signed_in = 3, 2
    assert estimated_wait_seconds(queue, 100) == pytest.approx(200)
    queue.stats.longest_wait_seconds = 10
    assert longest_wait_level(queue) is Level.OK
    assert Thresholds().sl_amber == 80


@pytest.mark.parametrize(
    ("stage", "step", "expected"),
    [
        (LadderStage.IDLE, LadderStep.LISTEN, LadderStage.LISTENING),
        (LadderStage.LISTENING, LadderStep.WHISPER, LadderStage.WHISPERING),
        (LadderStage.WHISPERING, LadderStep.BARGE, LadderStage.BARGING),
        (LadderStage.BARGING, LadderStep.TAKE_OVER, LadderStage.TAKEN_OVER),
        (LadderStage.BARGING, LadderStep.LISTEN, LadderStage.LISTENING),
        (LadderStage.TAKEN_OVER, LadderStep.STOP, LadderStage.IDLE),
    ],
)
def test_given_stage_when_valid_step_then_next_stage(
    stage: LadderStage, step: LadderStep, expected: LadderStage
) -> None:
    assert next_state(stage, step) is expected


@pytest.mark.parametrize(
    ("stage", "step"),
    [
        (LadderStage.IDLE, LadderStep.TAKE_OVER),
        (LadderStage.IDLE, LadderStep.STOP),
        (LadderStage.TAKEN_OVER, LadderStep.WHISPER),
        (LadderStage.LISTENING, LadderStep.LISTEN),
    ],
)
def test_given_stage_when_invalid_step_then_refused(stage: LadderStage, step: LadderStep) -> None:
    with pytest.raises(InvalidLadderStep):
        next_state(stage, step)


def _talking_seat(server: FakeSupervisorServer) -> int:
    return next(a for a, s in server.seats.items() if s["state"] is AgentState.TALKING)


def test_given_signed_in_when_phone_present_then_it_registers_for_supervision_calls(
    signed_in: SupervisorApplication, phone: RecordingPhone
) -> None:
    assert phone.registered and phone.registered[0][0] == "9001"


def test_given_server_calls_the_leader_when_climbing_the_ladder_then_each_rung_is_a_request_not_a_dial(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer, phone: RecordingPhone
) -> None:
    agent = _talking_seat(server)
    sup = signed_in.supervision
    for mode in (
        SupervisionMode.LISTEN,
        SupervisionMode.WHISPER,
        SupervisionMode.BARGE,
        SupervisionMode.TAKE_OVER,
    ):
        sup.request(agent, mode)
        wait_idle(qtbot, signed_in)
        tile = signed_in.seats.model.tile(agent)
        assert tile is not None and tile.supervised_mode == mode.value
    assert phone.dialled == [] and phone.dtmf == []  # the media worker calls the auto-answering softphone
    sup.request(agent, None)
    wait_idle(qtbot, signed_in)
    assert sup.stage is LadderStage.IDLE and phone.hung_up == []
    assert [c[0] for c in server.calls].count("supervision") == 5


def test_given_talking_seat_when_leader_dials_and_climbs_the_ladder_then_phone_and_server_follow(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer, phone: RecordingPhone
) -> None:
    server.leader_dials = True
    agent = _talking_seat(server)
    sup = signed_in.supervision
    sup.request(agent, SupervisionMode.LISTEN)
    wait_idle(qtbot, signed_in)
    assert phone.dialled == [
        (f"sip:supervise-{agent}@127.0.0.1", {"X-Hotline-Supervise": f"{agent};mode=listen"})
    ]
    tile = signed_in.seats.model.tile(agent)
    assert tile is not None and tile.supervised_mode == "listen"
    assert "listen" in signed_in.window.ladder.status.text()
    for mode in (SupervisionMode.WHISPER, SupervisionMode.BARGE, SupervisionMode.TAKE_OVER):
        sup.request(agent, mode)
        wait_idle(qtbot, signed_in)
    assert phone.dtmf == ["5", "6", "7"]
    sup.request(agent, SupervisionMode.WHISPER)  # not after take-over
    wait_idle(qtbot, signed_in)
    assert phone.dtmf == ["5", "6", "7"]
    assert signed_in.window.banner.isVisible()
    sup.request(agent, None)
    wait_idle(qtbot, signed_in)
    assert phone.hung_up == ["call-1"] and sup.stage is LadderStage.IDLE
    audited = [c for c in server.calls if c[0] == "supervision"]
    assert len(audited) == 5  # every accepted act reached the server's audit


def test_given_server_without_supervision_when_listening_then_leader_is_told_and_nothing_dials(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer, phone: RecordingPhone
) -> None:
    console = signed_in
    server.supervision_available = False
    console.supervision.request(_talking_seat(server), SupervisionMode.LISTEN)
    wait_idle(qtbot, console)
    assert phone.dialled == []
    assert (
        "not available" in console.window.banner.label.text() or "尚未" in console.window.banner.label.text()
    )


def test_given_ladder_buttons_when_no_seat_selected_then_asks_for_one(
    qtbot: QtBot, signed_in: SupervisorApplication, phone: RecordingPhone
) -> None:
    signed_in.window.ladder.buttons[SupervisionMode.LISTEN].click()
    wait_idle(qtbot, signed_in)
    assert phone.dialled == [] and signed_in.window.banner.isVisible()


def test_given_callers_queued_when_panel_loads_then_they_show_by_priority_with_ticking_coloured_waits(
    qtbot: QtBot, signed_in: SupervisorApplication
) -> None:
    panel = signed_in.queues.panel
    assert panel.waiting.rowCount() == 20  # 7 + 2 + 11
    assert cell(panel.waiting, 0, 2).text() == "100"  # the VIP first
    longest = max(range(20), key=lambda r: signed_in.ctx.now() - panel.waiting_rows[r].queued_at)
    assert cell(panel.waiting, longest, 3).background().color().name() == "#e0533f"  # 204 s > 180 s / 2
    before = cell(panel.waiting, 0, 3).text()
    qtbot.waitUntil(lambda: cell(panel.waiting, 0, 3).text() != before, timeout=10_000)  # the 1 s tick


def test_given_wallboard_when_loaded_then_calls_waiting_has_history_then_live_samples(
    signed_in: SupervisorApplication,
) -> None:
    data = signed_in.wallboard.data
    assert len(data.waiting) > len(data.x)  # 32 intervals from the server, then live samples
    assert list(data.waiting_x[: len(data.x)]) == list(data.x)
    assert data.waiting[-1] == 20


def test_given_call_path_running_when_queues_refresh_then_the_routers_estimate_replaces_ours(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    table = signed_in.queues.panel.table
    assert cell(table, 0, ESTIMATE).text().startswith("≈")  # no call path: our rough estimate
    server.call_path_running = True
    signed_in.queues._live_retry_at = 0.0  # don't wait the minute before asking again
    signed_in.queues.refresh()
    qtbot.waitUntil(lambda: cell(table, 0, ESTIMATE).text() == "00:45", timeout=10_000)
