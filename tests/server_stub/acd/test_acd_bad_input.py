"""Input the ACD cannot act on: a clear error, and nothing changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from server_stub.acd import (
    AcdError,
    AgentLoggedOut,
    AgentStateRequested,
    CallArrived,
    CallHeld,
    DuplicateCallError,
    InvalidAgentTransitionError,
    InvalidEventError,
    OfferCall,
    QueueConfig,
    Tick,
    UnknownAgentError,
    UnknownCallError,
    UnknownQueueError,
)
from shared.protocol.enums import AgentState

from .acd_desk import Desk, offers


def _snapshot(desk: Desk) -> tuple[object, ...]:
    engine = desk.engine
    return (engine.agents(), engine.calls(), engine.all_queue_stats())


def test_given_unknown_queue_when_call_arrives_then_error_lists_configured_queues() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    with pytest.raises(UnknownQueueError, match="configured: q") as raised:
        desk.call("c1", "nope")
    assert raised.value.error_id == "acd.unknown_queue"
    assert desk.engine.calls() == ()


def test_given_call_already_queued_when_same_id_arrives_then_duplicate_error_and_queue_unchanged() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.call("c1")
    before = _snapshot(desk)
    with pytest.raises(DuplicateCallError):
        desk.call("c1")
    assert _snapshot(desk) == before


def test_given_unknown_tag_when_call_arrives_then_clear_error() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    with pytest.raises(InvalidEventError, match="'gold'"):
        desk.send(CallArrived(desk.now, "c1", "q", frozenset({"gold"})))  # type: ignore[arg-type]


def test_given_unknown_agent_when_asking_ready_then_error_says_to_log_in() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    with pytest.raises(UnknownAgentError, match="log them in"):
        desk.ready("ghost")


def test_given_talking_agent_when_ready_requested_then_refused_and_call_untouched() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.login("a")
    desk.call("c1")
    desk.answer("c1", "a")
    before = _snapshot(desk)
    with pytest.raises(InvalidAgentTransitionError, match="talking"):
        desk.ready("a")
    assert _snapshot(desk) == before


def test_given_agent_when_call_driven_state_requested_then_refused_with_advice() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.login("a")
    with pytest.raises(InvalidEventError, match="follows from the call"):
        desk.send(AgentStateRequested(desk.now, "a", AgentState.TALKING))


def test_given_logged_in_agent_when_logging_in_again_then_refused() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.login("a")
    with pytest.raises(InvalidAgentTransitionError):
        desk.login("a")


def test_given_logged_out_agent_when_logging_out_again_then_refused() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.login("a")
    desk.send(AgentLoggedOut(desk.now, "a"))
    with pytest.raises(InvalidAgentTransitionError):
        desk.send(AgentLoggedOut(desk.now, "a"))


def test_given_waiting_call_when_hold_requested_then_refused() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.call("c1")
    with pytest.raises(InvalidEventError, match="only a connected call"):
        desk.send(CallHeld(desk.now, "c1"))
    with pytest.raises(UnknownCallError):
        desk.send(CallHeld(desk.now, "zzz"))


def test_given_repeated_ready_request_when_already_ready_then_nothing_happens() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.login("a")
    assert desk.ready("a") == []


def test_given_not_an_event_when_handled_then_clear_error() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    with pytest.raises(InvalidEventError, match="not an ACD event"):
        desk.engine.handle("tick")  # type: ignore[arg-type]


def test_given_timers_due_when_event_is_refused_then_timer_decisions_come_with_the_next_call() -> None:
    desk = Desk([QueueConfig("q", "Q", offer_timeout_s=10)])
    desk.login("a")
    desk.call("c1")
    desk.login("b", ready=False)
    desk.wait(11)
    with pytest.raises(AcdError):
        desk.ready("ghost")
    carried = desk.tick()
    assert ("c1", "a") not in offers(carried)
    assert any(getattr(d, "reason", None) == "missed" for d in carried)


def test_given_event_from_the_past_when_handled_then_treated_as_now() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.tick(100)
    desk.send(CallArrived(desk.now - timedelta(seconds=30), "c1", "q"))
    desk.tick(5)
    (waiting,) = desk.engine.queue_stats("q").waiting
    assert waiting.waited_s == 5.0


def test_given_naive_times_when_aware_time_arrives_then_clear_error() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.tick()
    with pytest.raises(InvalidEventError, match="naive and timezone-aware"):
        desk.send(Tick(datetime(2026, 11, 23, 10, tzinfo=UTC)))


def test_given_offer_in_progress_when_events_are_refused_then_no_call_is_offered_twice() -> None:
    desk = Desk([QueueConfig("q", "Q")])
    desk.login("a")
    desk.login("b")
    desk.call("c1")
    for bad in (lambda: desk.call("c1"), lambda: desk.ready("ghost")):
        with pytest.raises(AcdError):
            bad()
    assert [d for d in desk.log if isinstance(d, OfferCall)] == [OfferCall("c1", "a", "q", 15.0)]
