"""Time-driven behaviour: wrap-up timer, overflow after max wait, announcements, opening hours."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from server_stub.acd import (
    AfterHours,
    AgentStateSet,
    AgentWrapUpDone,
    AnnouncePosition,
    CallQueued,
    InvalidEventError,
    OfferTimedOut,
    OpeningHours,
    Overflow,
    QueueConfig,
    SendToVoicemail,
    StateChangeCause,
    WrapUpExtended,
)
from shared.protocol.enums import AgentState

from .acd_desk import Desk, of_type, offers


def _talk_and_hang_up(desk: Desk, call_id: str, agent_id: str, talk_s: float = 60) -> None:
    desk.call(call_id)
    desk.answer(call_id, agent_id)
    desk.wait(talk_s)
    desk.hang_up(call_id)


def test_given_call_ends_when_wrap_up_seconds_pass_then_agent_ready_and_gets_next_call() -> None:
    desk = Desk([QueueConfig("q", "Q", wrap_up_seconds=30)])
    desk.login("a")
    _talk_and_hang_up(desk, "c1", "a")
    assert desk.state("a") is AgentState.WRAP_UP
    snapshot = desk.engine.agent("a")
    assert snapshot is not None and snapshot.wrap_up_ends_at == desk.now.replace(second=30)
    desk.call("c2")
    assert desk.tick(29) == []
    decisions = desk.tick(1)
    assert decisions[0] == AgentStateSet(
        "a", AgentState.READY, AgentState.WRAP_UP, StateChangeCause.WRAP_UP_TIMER
    )
    assert offers(decisions) == [("c2", "a")]


def test_given_wrap_up_when_agent_finishes_early_then_ready_at_once() -> None:
    desk = Desk([QueueConfig("q", "Q", wrap_up_seconds=120)])
    desk.login("a")
    _talk_and_hang_up(desk, "c1", "a")
    desk.wait(10)
    decisions = desk.send(AgentWrapUpDone(desk.now, "a"))
    assert of_type(decisions, AgentStateSet)[0].cause is StateChangeCause.WRAP_UP_DONE
    assert desk.state("a") is AgentState.READY
    # the old timer must not fire into a later wrap-up
    assert desk.tick(200) == []


def test_given_wrap_up_when_extension_granted_then_timer_moves_later() -> None:
    desk = Desk([QueueConfig("q", "Q", wrap_up_seconds=30)])
    desk.login("a")
    _talk_and_hang_up(desk, "c1", "a")
    desk.send(WrapUpExtended(desk.now, "a", 60))
    desk.tick(31)
    assert desk.state("a") is AgentState.WRAP_UP
    desk.tick(60)
    assert desk.state("a") is AgentState.READY


def test_given_agent_not_in_wrap_up_when_extension_asked_then_clear_error() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.login("a")
    with pytest.raises(InvalidEventError, match="not in wrap-up"):
        desk.send(WrapUpExtended(desk.now, "a", 60))


def test_given_wrap_up_when_agent_goes_not_ready_then_timer_does_not_make_them_ready() -> None:
    desk = Desk([QueueConfig("q", "Q", wrap_up_seconds=30)])
    desk.login("a")
    _talk_and_hang_up(desk, "c1", "a")
    desk.not_ready("a", "meeting")
    desk.tick(60)
    assert desk.state("a") is AgentState.NOT_READY


def test_given_no_wrap_up_configured_when_call_ends_then_wrap_up_passes_through_to_ready() -> None:
    desk = Desk([QueueConfig("q", "Q", wrap_up_seconds=0)])
    desk.login("a")
    _talk_and_hang_up(desk, "c1", "a")
    states = [d.state for d in of_type(desk.log[-2:], AgentStateSet)]
    assert states == [AgentState.WRAP_UP, AgentState.READY]


def test_given_max_wait_without_overflow_queue_when_reached_then_voicemail() -> None:
    desk = Desk([QueueConfig("q", "Q", max_wait_s=120, announce_interval_s=None)])
    desk.call("c1")
    assert desk.tick(119) == []
    assert desk.tick(1) == [SendToVoicemail("c1", "q", 120.0)]
    stats = desk.engine.queue_stats("q")
    assert stats.voicemail == 1 and stats.waiting == ()


def test_given_max_wait_with_overflow_queue_when_reached_then_call_moves_and_is_offered_there() -> None:
    desk = Desk(
        [
            QueueConfig(
                "q",
                "Housing",
                required_skills={"housing": 1},
                max_wait_s=60,
                overflow_queue_id="g",
                announce_interval_s=None,
            ),
            QueueConfig("g", "General"),
        ]
    )
    desk.login("a", consumer=1)  # serves only the general queue
    desk.not_ready("a")
    desk.call("c1")
    decisions = desk.tick(60)
    assert decisions[0] == Overflow("c1", "q", "g", 60.0)
    assert of_type(decisions, CallQueued)[0].queue_id == "g"
    assert desk.waiting_ids("g") == ["c1"]
    assert offers(desk.ready("a")) == [("c1", "a")]
    assert desk.engine.queue_stats("q").overflowed == 1


def test_given_overflow_chain_when_each_max_wait_passes_then_call_ends_in_voicemail() -> None:
    desk = Desk(
        [
            QueueConfig("a", "A", max_wait_s=30, overflow_queue_id="b", announce_interval_s=None),
            QueueConfig("b", "B", max_wait_s=30, announce_interval_s=None),
        ]
    )
    desk.call("c1", "a")
    desk.tick(30)
    assert desk.tick(30)[-1] == SendToVoicemail("c1", "b", 30.0)


def test_given_overflow_target_closed_when_max_wait_reached_then_voicemail() -> None:
    closed = OpeningHours(weekly={})
    desk = Desk(
        [
            QueueConfig("q", "Q", max_wait_s=60, overflow_queue_id="night", announce_interval_s=None),
            QueueConfig("night", "Night desk", opening_hours=closed),
        ]
    )
    desk.call("c1")
    assert desk.tick(60) == [SendToVoicemail("c1", "q", 60.0)]


def test_given_ringing_call_when_max_wait_passes_then_not_snatched_but_overflows_if_missed() -> None:
    desk = Desk([QueueConfig("q", "Q", max_wait_s=60, offer_timeout_s=20, announce_interval_s=None)])
    desk.tick(0)
    desk.call("c1")
    desk.wait(50)
    desk.login("a")  # rings from t=50 to t=70
    assert desk.tick(15) == []
    decisions = desk.tick(5)
    assert decisions[-1] == SendToVoicemail("c1", "q", 70.0)


def test_given_ringing_call_when_max_wait_passes_and_agent_answers_then_answered() -> None:
    desk = Desk([QueueConfig("q", "Q", max_wait_s=60, offer_timeout_s=20)])
    desk.call("c1")
    desk.wait(50)
    desk.login("a")
    desk.wait(15)
    desk.answer("c1", "a")
    assert desk.state("a") is AgentState.TALKING
    assert not of_type(desk.tick(100), SendToVoicemail)


def test_given_announce_interval_when_call_waits_then_position_and_wait_announced_on_schedule() -> None:
    desk = Desk([QueueConfig("q", "Q", announce_interval_s=30, default_handle_time_s=120)])
    desk.login("a", ready=False)
    desk.login("b")
    desk.call("busy")
    desk.answer("busy", "b")
    desk.call("c1")
    desk.call("c2")
    assert desk.tick(29) == []
    # b staffs the queue while talking, a is not ready: 1 staffed → position × 120 s
    assert desk.tick(1) == [AnnouncePosition("c1", "q", 1, 120), AnnouncePosition("c2", "q", 2, 240)]
    assert desk.tick(30) == [AnnouncePosition("c1", "q", 1, 120), AnnouncePosition("c2", "q", 2, 240)]


def test_given_long_gap_between_events_when_announcements_due_then_said_once_and_cadence_kept() -> None:
    desk = Desk([QueueConfig("q", "Q", announce_interval_s=30)])
    desk.call("c1")
    assert len(desk.tick(100)) == 1  # due at 30, 60, 90: one announcement, not three
    assert desk.tick(19) == []
    assert len(desk.tick(1)) == 1  # next at 120


def test_given_announcements_off_when_call_waits_then_silence() -> None:
    desk = Desk([QueueConfig("q", "Q", announce_interval_s=None)])
    desk.call("c1")
    assert desk.tick(600) == []


def test_given_ringing_call_when_announcement_due_then_not_announced_but_resumes_if_missed() -> None:
    desk = Desk([QueueConfig("q", "Q", announce_interval_s=30, offer_timeout_s=45)])
    desk.login("a")
    desk.call("c1")
    assert desk.tick(30) == []
    desk.tick(15)  # missed at 45
    assert of_type(desk.tick(15), AnnouncePosition) == [AnnouncePosition("c1", "q", 1, None)]


def test_given_queue_closed_when_call_arrives_then_after_hours_and_not_queued() -> None:
    hours = OpeningHours.weekdays((time(8, 30), time(17, 30)))
    desk = Desk([QueueConfig("q", "Q", opening_hours=hours)], start=datetime(2026, 11, 23, 18, 0))
    desk.login("a")
    assert desk.call("c1") == [AfterHours("c1", "q")]
    assert desk.engine.call("c1") is None
    stats = desk.engine.queue_stats("q")
    assert stats.after_hours == 1 and not stats.open_now


def test_given_queue_open_when_call_arrives_in_hours_then_queued() -> None:
    hours = OpeningHours.weekdays((time(8, 30), time(17, 30)))
    desk = Desk([QueueConfig("q", "Q", opening_hours=hours)])
    assert of_type(desk.call("c1"), CallQueued)


def test_given_missed_agent_alone_and_ready_again_when_time_passes_then_call_waits_for_someone_else() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.login("a")
    desk.call("c1")
    desk.send(OfferTimedOut(desk.now, "c1", "a"))
    desk.ready("a")
    assert offers(desk.tick(60)) == []
