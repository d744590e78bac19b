from __future__ import annotations

from datetime import date, datetime, time

import pytest

from server_stub.acd import AcdEngine, AgentProfile, InvalidConfigError, OpeningHours, QueueConfig
from shared.protocol.enums import CustomerTag


def test_given_overflow_loop_when_building_engine_then_error_names_the_loop() -> None:
    with pytest.raises(InvalidConfigError, match="a → b → a"):
        AcdEngine(
            [QueueConfig("a", "A", overflow_queue_id="b"), QueueConfig("b", "B", overflow_queue_id="a")]
        )


def test_given_overflow_to_unknown_queue_when_building_engine_then_error_names_it() -> None:
    with pytest.raises(InvalidConfigError, match="'nowhere'"):
        AcdEngine([QueueConfig("a", "A", overflow_queue_id="nowhere")])


def test_given_queue_overflowing_to_itself_then_refused() -> None:
    with pytest.raises(InvalidConfigError, match="overflows to itself"):
        QueueConfig("a", "A", overflow_queue_id="a")


def test_given_duplicate_queue_ids_when_building_engine_then_refused() -> None:
    with pytest.raises(InvalidConfigError, match="used twice"):
        AcdEngine([QueueConfig("a", "A"), QueueConfig("a", "A again")])


@pytest.mark.parametrize(
    "kwargs",
    [
        {"offer_timeout_s": 0},
        {"max_wait_s": -5},
        {"announce_interval_s": 0},
        {"wrap_up_seconds": -1},
        {"default_handle_time_s": 0},
        {"strategy": "fastest"},
        {"required_skills": {"housing": -1}},
    ],
)
def test_given_bad_queue_setting_then_error_names_queue(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidConfigError, match="'q1'"):
        QueueConfig("q1", "Queue 1", **kwargs)  # type: ignore[arg-type]


def test_given_bad_agent_skill_then_error_names_agent() -> None:
    with pytest.raises(InvalidConfigError, match="'a1'"):
        AgentProfile("a1", {"housing": -2})


def test_given_opening_range_backwards_then_refused() -> None:
    with pytest.raises(InvalidConfigError, match="ends before it starts"):
        OpeningHours.weekdays((time(18), time(9)))


def test_given_weekday_hours_then_open_inside_closed_outside_and_at_weekends() -> None:
    hours = OpeningHours.weekdays((time(8, 30), time(12)), (time(13, 30), time(17, 30)))
    monday = date(2026, 11, 23)
    assert hours.is_open(datetime.combine(monday, time(8, 30)))
    assert not hours.is_open(datetime.combine(monday, time(12, 0)))
    assert not hours.is_open(datetime.combine(monday, time(12, 45)))
    assert hours.is_open(datetime.combine(monday, time(17, 29)))
    assert not hours.is_open(datetime(2026, 11, 28, 10, 0))  # Saturday


def test_given_holiday_and_makeup_workday_then_special_days_override_weekdays() -> None:
    # National Day week: Thursday 1 Oct closed, Saturday 10 Oct a make-up working day
    hours = OpeningHours(
        weekly={d: ((time(9), time(17)),) for d in range(5)},
        special_days={date(2026, 10, 1): (), date(2026, 10, 10): ((time(9), time(17)),)},
    )
    assert not hours.is_open(datetime(2026, 10, 1, 10, 0))
    assert hours.is_open(datetime(2026, 10, 10, 10, 0))


def test_given_always_open_then_open_at_midnight_and_late_evening() -> None:
    hours = OpeningHours.always()
    assert hours.is_open(datetime(2026, 11, 22, 0, 0))
    assert hours.is_open(datetime(2026, 11, 22, 23, 59, 59))


def test_given_default_queue_then_vip_before_elderly_before_others() -> None:
    queue = QueueConfig("q", "Q")
    assert queue.priority_for(frozenset({CustomerTag.VIP}), 0) > queue.priority_for(
        frozenset({CustomerTag.ELDERLY}), 0
    )
    assert queue.priority_for(frozenset({CustomerTag.ELDERLY}), 0) > queue.priority_for(frozenset(), 0)


def test_given_skills_then_agent_serves_only_queues_whose_minimum_levels_they_meet() -> None:
    queue = QueueConfig("housing", "Housing fund", required_skills={"housing": 3, "mandarin": 1})
    assert queue.is_served_by(AgentProfile("a", {"housing": 3, "mandarin": 5}))
    assert not queue.is_served_by(AgentProfile("b", {"housing": 2, "mandarin": 5}))
    assert not queue.is_served_by(AgentProfile("c", {"housing": 5}))
    assert QueueConfig("general", "General").is_served_by(AgentProfile("d"))
