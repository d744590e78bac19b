"""Which ready agent gets the next call, per queue strategy."""

from __future__ import annotations

from server_stub.acd import QueueConfig
from shared.protocol.enums import QueueStrategy

from .acd_desk import Desk, offers


def _desk(strategy: QueueStrategy, **kwargs: object) -> Desk:
    return Desk([QueueConfig("q", "Q", strategy=strategy, wrap_up_seconds=0, **kwargs)])  # type: ignore[arg-type]


def _handle_call(desk: Desk, call_id: str, agent_id: str, talk_s: float) -> None:
    """Give ``agent_id`` a finished call of ``talk_s`` seconds (everyone else is made not-ready meanwhile)."""
    others = [a.agent_id for a in desk.engine.agents() if a.agent_id != agent_id and a.state == "ready"]
    for other in others:
        desk.not_ready(other)
    assert offers(desk.call(call_id)) == [(call_id, agent_id)]
    desk.answer(call_id, agent_id)
    desk.wait(talk_s)
    desk.hang_up(call_id)
    for other in others:
        desk.ready(other)


def test_given_longest_idle_when_call_arrives_then_agent_ready_longest_gets_it() -> None:
    desk = _desk(QueueStrategy.LONGEST_IDLE)
    desk.login("b")
    desk.wait(5)
    desk.login("a")
    desk.wait(5)
    desk.login("c")
    assert offers(desk.call("c1")) == [("c1", "b")]
    assert offers(desk.call("c2")) == [("c2", "a")]


def test_given_longest_idle_when_agent_comes_back_from_break_then_idle_counts_from_ready_again() -> None:
    desk = _desk(QueueStrategy.LONGEST_IDLE)
    desk.login("a")
    desk.login("b")
    desk.wait(10)
    desk.not_ready("a", "lunch")
    desk.ready("a")
    assert offers(desk.call("c1")) == [("c1", "b")]


def test_given_equal_idle_time_when_call_arrives_then_lowest_agent_id_wins() -> None:
    desk = _desk(QueueStrategy.LONGEST_IDLE)
    for agent in ("c", "a", "b"):
        desk.login(agent)
    assert offers(desk.call("c1")) == [("c1", "a")]


def test_given_fewest_calls_when_call_arrives_then_agent_with_fewest_answered_calls_today_gets_it() -> None:
    desk = _desk(QueueStrategy.FEWEST_CALLS)
    desk.login("a")
    desk.login("b")
    _handle_call(desk, "x1", "a", 10)
    _handle_call(desk, "x2", "a", 10)
    _handle_call(desk, "x3", "b", 10)
    # a idled longer but took two calls, b one
    assert offers(desk.call("c1")) == [("c1", "b")]


def test_given_least_talk_time_when_call_arrives_then_agent_with_least_talk_today_gets_it() -> None:
    desk = _desk(QueueStrategy.LEAST_TALK_TIME)
    desk.login("a")
    desk.login("b")
    _handle_call(desk, "x1", "a", 300)
    _handle_call(desk, "x2", "b", 60)
    _handle_call(desk, "x3", "b", 60)
    # b took more calls but talked less
    assert offers(desk.call("c1")) == [("c1", "b")]


def test_given_highest_skill_when_call_arrives_then_strongest_in_primary_skill_gets_it() -> None:
    desk = _desk(QueueStrategy.HIGHEST_SKILL, required_skills={"housing": 1, "mandarin": 1})
    desk.login("a", housing=2, mandarin=9)
    desk.login("b", housing=5, mandarin=1)
    desk.login("c", housing=3, mandarin=3)
    assert offers(desk.call("c1")) == [("c1", "b")]
    assert offers(desk.call("c2")) == [("c2", "c")]


def test_given_lowest_skill_when_call_arrives_then_least_skilled_gets_it_keeping_experts_free() -> None:
    desk = _desk(QueueStrategy.LOWEST_SKILL, required_skills={"housing": 1})
    desk.login("a", housing=4)
    desk.login("b", housing=1)
    desk.login("c", housing=2)
    assert offers(desk.call("c1")) == [("c1", "b")]
    assert offers(desk.call("c2")) == [("c2", "c")]


def test_given_explicit_primary_skill_when_ranking_then_that_skill_counts() -> None:
    desk = _desk(
        QueueStrategy.HIGHEST_SKILL,
        required_skills={"housing": 1, "complaints": 1},
        primary_skill="complaints",
    )
    desk.login("a", housing=9, complaints=1)
    desk.login("b", housing=1, complaints=4)
    assert offers(desk.call("c1")) == [("c1", "b")]


def test_given_round_robin_when_calls_arrive_then_agents_take_turns_in_id_order() -> None:
    desk = _desk(QueueStrategy.ROUND_ROBIN)
    for agent in ("a", "b", "c"):
        desk.login(agent)
    taken = []
    for n in range(6):
        call_id = f"c{n}"
        ((_, agent_id),) = offers(desk.call(call_id))
        taken.append(agent_id)
        desk.answer(call_id, agent_id)
        desk.wait(1)
        desk.hang_up(call_id)  # no wrap-up: ready again at once
    assert taken == ["a", "b", "c", "a", "b", "c"]


def test_given_round_robin_when_next_agent_is_busy_then_the_one_after_gets_it() -> None:
    desk = _desk(QueueStrategy.ROUND_ROBIN)
    for agent in ("a", "b", "c"):
        desk.login(agent)
    assert offers(desk.call("c1")) == [("c1", "a")]
    desk.not_ready("b")
    assert offers(desk.call("c2")) == [("c2", "c")]
    desk.ready("b")
    desk.answer("c1", "a")
    desk.hang_up("c1")
    # the last offer went to c, so the turn wraps round to a although b is ready too
    assert offers(desk.call("c3")) == [("c3", "a")]


def test_given_agent_without_the_required_skill_when_call_arrives_then_not_offered() -> None:
    desk = _desk(QueueStrategy.LONGEST_IDLE, required_skills={"consumer": 2})
    desk.login("a", consumer=1)
    desk.login("b", housing=5)
    assert offers(desk.call("c1")) == []
    assert desk.waiting_ids() == ["c1"]
    decisions = desk.login("c", consumer=2)
    assert offers(decisions) == [("c1", "c")]


def test_given_ready_agents_when_strategy_order_is_read_then_supervisor_sees_pick_order() -> None:
    desk = _desk(QueueStrategy.LOWEST_SKILL, required_skills={"housing": 1})
    desk.login("a", housing=4)
    desk.login("b", housing=1)
    assert desk.engine.ready_agents_in_order("q") == ("b", "a")
