"""An administrator edits the queues while calls are in progress."""

from __future__ import annotations

from dataclasses import replace

import pytest

from server_stub.acd import InvalidConfigError, QueueConfig, QueuesConfigured, UnknownQueueError
from shared.protocol.enums import CustomerTag, QueueStrategy

from .acd_desk import Desk, offers


def test_given_new_strategy_when_queues_reconfigured_then_next_call_follows_it() -> None:
    queue = QueueConfig("q", "Q", required_skills={"housing": 1})
    desk = Desk([queue])
    desk.login("a", housing=5)
    desk.wait(1)
    desk.login("b", housing=1)
    desk.send(QueuesConfigured(desk.now, (replace(queue, strategy=QueueStrategy.LOWEST_SKILL),)))
    assert offers(desk.call("c1")) == [("c1", "b")]


def test_given_higher_skill_minimum_when_reconfigured_then_weaker_agents_stop_serving() -> None:
    queue = QueueConfig("q", "Q", required_skills={"housing": 1})
    desk = Desk([queue])
    desk.login("a", housing=1)
    desk.not_ready("a")
    desk.send(QueuesConfigured(desk.now, (replace(queue, required_skills={"housing": 3}),)))
    desk.call("c1")
    assert offers(desk.ready("a")) == []
    snapshot = desk.engine.agent("a")
    assert snapshot is not None and snapshot.queue_ids == ()
    assert desk.engine.queue_stats("q").staffed_agents == 0


def test_given_new_queue_when_reconfigured_then_calls_can_arrive_and_ready_agents_serve_it() -> None:
    queue = QueueConfig("q", "Q", required_skills={"housing": 1})
    desk = Desk([queue])
    desk.login("a", consumer=2)
    desk.send(
        QueuesConfigured(desk.now, (queue, QueueConfig("c", "Consumer", required_skills={"consumer": 1})))
    )
    assert offers(desk.call("c1", "c")) == [("c1", "a")]


def test_given_queue_holding_calls_when_removed_then_refused_and_nothing_changes() -> None:
    desk = Desk([QueueConfig("q", "Q"), QueueConfig("old", "Old")])
    desk.call("c1", "old")
    before = (desk.engine.queue_ids, desk.engine.calls())
    with pytest.raises(InvalidConfigError, match="old still hold calls"):
        desk.send(QueuesConfigured(desk.now, (QueueConfig("q", "Q"),)))
    assert (desk.engine.queue_ids, desk.engine.calls()) == before


def test_given_empty_queue_when_removed_then_new_calls_for_it_are_refused() -> None:
    desk = Desk([QueueConfig("q", "Q"), QueueConfig("old", "Old")])
    desk.send(QueuesConfigured(desk.now, (QueueConfig("q", "Q"),)))
    assert desk.engine.queue_ids == ("q",)
    with pytest.raises(UnknownQueueError):
        desk.call("c1", "old")


def test_given_new_priority_boosts_when_reconfigured_then_waiting_calls_reorder() -> None:
    queue = QueueConfig("q", "Q")
    desk = Desk([queue])
    desk.call("vip", "q", CustomerTag.VIP)
    desk.call("elderly", "q", CustomerTag.ELDERLY)
    boosts = {CustomerTag.ELDERLY: 5, CustomerTag.VIP: 1}
    desk.send(QueuesConfigured(desk.now, (replace(queue, priority_boosts=boosts),)))
    assert desk.waiting_ids() == ["elderly", "vip"]


def test_given_overflow_loop_when_reconfigured_then_refused() -> None:
    desk = Desk([QueueConfig("a", "A"), QueueConfig("b", "B")])
    with pytest.raises(InvalidConfigError, match="loop"):
        desk.send(
            QueuesConfigured(
                desk.now,
                (QueueConfig("a", "A", overflow_queue_id="b"), QueueConfig("b", "B", overflow_queue_id="a")),
            )
        )
    assert desk.engine.queue_config("a").overflow_queue_id is None
