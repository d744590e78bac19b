"""What the wallboard and the caller are told: estimated wait, service level, daily counters."""

from __future__ import annotations

from datetime import datetime

from server_stub.acd import CallQueued, QueueConfig, estimate_wait_s
from shared.protocol.enums import CustomerTag

from .acd_desk import Desk, of_type


def test_given_positions_and_staff_when_estimating_then_position_times_aht_over_staff_rounded_up() -> None:
    assert estimate_wait_s(1, 180, 3) == 60
    assert estimate_wait_s(4, 100, 3) == 134
    assert estimate_wait_s(1, 180, 0) is None


def test_given_no_history_when_call_queues_then_estimate_uses_default_handle_time() -> None:
    desk = Desk([QueueConfig("q", "Q", default_handle_time_s=240)])
    desk.login("a", ready=False)
    (queued,) = of_type(desk.call("c1"), CallQueued)
    assert queued.estimated_wait_s is None  # nobody staffed
    desk.login("b")
    desk.answer("c1", "b")
    (queued,) = of_type(desk.call("c2"), CallQueued)
    assert queued.estimated_wait_s == 240


def test_given_handled_calls_when_estimating_then_average_of_talk_plus_wrap_up_is_used() -> None:
    desk = Desk([QueueConfig("q", "Q", wrap_up_seconds=20, default_handle_time_s=600)])
    desk.login("a")
    for call_id, talk in (("c1", 60), ("c2", 100)):
        desk.call(call_id)
        desk.answer(call_id, "a")
        desk.wait(talk)
        desk.hang_up(call_id)
        desk.tick(20)
    stats = desk.engine.queue_stats("q")
    assert stats.average_handle_s == 100.0  # (80 + 120) / 2
    assert desk.engine.estimated_wait("q", 3) == 300


def test_given_answers_and_abandons_when_reading_stats_then_service_level_and_counts_are_right() -> None:
    desk = Desk([QueueConfig("q", "Q", service_level_threshold_s=20, wrap_up_seconds=0)])
    desk.login("a")
    desk.call("fast")
    desk.wait(5)
    desk.answer("fast", "a")
    desk.call("slow")
    desk.wait(60)
    desk.hang_up("fast")
    desk.answer("slow", "a")
    desk.call("gone")
    desk.wait(10)
    desk.abandon("gone")
    stats = desk.engine.queue_stats("q")
    assert (stats.answered, stats.answered_within_threshold, stats.abandoned) == (2, 1, 1)
    assert stats.service_level == 1 / 3


def test_given_waiting_calls_when_reading_stats_then_longest_wait_priority_and_order_shown() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.call("c1")
    desk.wait(50)
    desk.call("vip", "q", CustomerTag.VIP)
    desk.wait(10)
    desk.tick()
    stats = desk.engine.queue_stats("q")
    assert [(w.call_id, w.position, w.waited_s) for w in stats.waiting] == [("vip", 1, 10.0), ("c1", 2, 60.0)]
    assert stats.longest_wait_s == 60.0
    assert stats.waiting[0].priority > stats.waiting[1].priority


def test_given_new_day_when_first_event_after_midnight_then_daily_counts_start_again() -> None:
    desk = Desk([QueueConfig("q", "Q", wrap_up_seconds=0)], start=datetime(2026, 11, 23, 23, 50))
    desk.login("a")
    desk.call("c1")
    desk.answer("c1", "a")
    desk.wait(60)
    desk.hang_up("c1")
    desk.tick(15 * 60)
    agent = desk.engine.agent("a")
    assert agent is not None and (agent.calls_today, agent.talk_s_today) == (0, 0.0)
    assert desk.engine.queue_stats("q").answered == 0


def test_given_new_day_when_fewest_calls_ranks_then_yesterdays_calls_no_longer_count() -> None:
    from shared.protocol.enums import QueueStrategy

    from .acd_desk import offers

    desk = Desk(
        [QueueConfig("q", "Q", wrap_up_seconds=0, strategy=QueueStrategy.FEWEST_CALLS)],
        start=datetime(2026, 11, 23, 23, 50),
    )
    desk.login("a")
    desk.wait(1)
    desk.login("b")
    desk.not_ready("b")
    for n in range(3):
        desk.call(f"y{n}")
        desk.answer(f"y{n}", "a")
        desk.hang_up(f"y{n}")
    desk.wait(5)
    desk.ready("b")
    assert desk.engine.ready_agents_in_order("q") == ("b", "a")  # 0 calls before 3
    desk.tick(20 * 60)  # midnight passes
    # both have 0 calls today, so the longer idle agent (a, ready 5 s before b) comes first
    assert desk.engine.ready_agents_in_order("q") == ("a", "b")
    assert offers(desk.call("c1")) == [("c1", "a")]


def test_given_agents_in_various_states_when_listing_then_every_agent_with_state_and_queues() -> None:
    desk = Desk([QueueConfig("q", "Q", required_skills={"housing": 1}), QueueConfig("g", "General")])
    desk.login("b", housing=2)
    desk.login("a", ready=False)
    listing = desk.engine.agents()
    assert [(s.agent_id, s.state.value, s.reason, s.queue_ids) for s in listing] == [
        ("a", "not_ready", "login", ("g",)),
        ("b", "ready", None, ("q", "g")),
    ]
    assert listing[1].idle_since == desk.now
    stats = {s.queue_id: s for s in desk.engine.all_queue_stats()}
    assert (stats["q"].staffed_agents, stats["g"].staffed_agents, stats["g"].ready_agents) == (1, 1, 1)


def test_given_steady_answers_when_estimating_then_position_over_observed_answer_rate() -> None:
    # 10 agents, but the queue only answers one call every 20 s (they are busy elsewhere)
    desk = Desk([QueueConfig("q", "Q", wrap_up_seconds=0, default_handle_time_s=60)])
    for n in range(10):
        desk.login(f"a{n}", ready=False)
    desk.login("worker")
    for n in range(6):
        desk.call(f"c{n}")
        desk.answer(f"c{n}", "worker")
        desk.wait(20)
        desk.hang_up(f"c{n}")
    desk.not_ready("worker")
    for n in range(10):
        desk.ready(f"a{n}")
        desk.not_ready(f"a{n}")  # staffed head count would say 10× faster than reality
    desk.login("b")
    desk.call("busy")
    desk.answer("busy", "b")
    # 7 answers in 120 s since the engine started
    assert desk.engine.estimated_wait("q", 3) == 52  # ceil(3 / (7 / 120))


def test_given_answers_stop_when_time_passes_then_rate_estimate_grows_then_falls_back() -> None:
    desk = Desk([QueueConfig("q", "Q", wrap_up_seconds=0, default_handle_time_s=60)])
    desk.login("a")
    for n in range(5):
        desk.call(f"c{n}")
        desk.answer(f"c{n}", "a")
        desk.wait(10)
        desk.hang_up(f"c{n}")
    first = desk.engine.estimated_wait("q", 1)
    desk.tick(300)
    later = desk.engine.estimated_wait("q", 1)
    assert first is not None and later is not None and later > first
    desk.tick(600)  # the window has no answers left: head-count estimate with the observed handle time
    assert desk.engine.estimated_wait("q", 1) == 10
