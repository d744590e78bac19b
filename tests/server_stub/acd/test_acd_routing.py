"""Priority, redirect on no answer, abandon, hold, logout: how calls move between queue and agents."""

from __future__ import annotations

from server_stub.acd import (
    MISSED,
    REJECTED,
    AbandonRecorded,
    AgentLoggedOut,
    AgentStateSet,
    CallAnswered,
    CallHeld,
    CallPhase,
    CallQueued,
    CallRequeued,
    CallResumed,
    CancelOffer,
    OfferCancelReason,
    OfferRejected,
    OfferTimedOut,
    QueueConfig,
    StaleOffer,
    StateChangeCause,
)
from shared.protocol.enums import AgentState, CustomerTag

from .acd_desk import Desk, of_type, offers


def _desk(**kwargs: object) -> Desk:
    return Desk([QueueConfig("q", "Q", wrap_up_seconds=0, **kwargs)])  # type: ignore[arg-type]


def test_given_vip_and_elderly_callers_when_agent_frees_then_vip_then_elderly_then_arrival_order() -> None:
    desk = _desk()
    desk.call("plain1")
    desk.wait(1)
    desk.call("elderly", "q", CustomerTag.ELDERLY)
    desk.wait(1)
    desk.call("plain2")
    desk.wait(1)
    desk.call("vip", "q", CustomerTag.VIP)
    assert desk.waiting_ids() == ["vip", "elderly", "plain1", "plain2"]
    assert offers(desk.login("a")) == [("vip", "a")]


def test_given_explicit_priority_when_queued_then_it_adds_to_tag_boost() -> None:
    desk = _desk()
    desk.call("vip", "q", CustomerTag.VIP)
    desk.call("urgent", priority=5)
    assert desk.waiting_ids() == ["urgent", "vip"]


def test_given_queued_call_when_position_reported_then_counts_from_one() -> None:
    desk = _desk()
    (queued,) = of_type(desk.call("c1"), CallQueued)
    assert queued.position == 1
    (queued,) = of_type(desk.call("c2", "q", CustomerTag.VIP), CallQueued)
    assert queued.position == 1
    assert [w.position for w in desk.engine.queue_stats("q").waiting] == [1, 2]


def test_given_offer_when_ring_timeout_passes_then_agent_missed_and_call_back_at_head() -> None:
    desk = _desk(offer_timeout_s=15)
    desk.login("a")
    desk.call("c1")
    desk.call("c2")
    assert desk.state("a") is AgentState.RESERVED
    assert desk.tick(14.9) == []
    decisions = desk.tick(0.2)
    assert CancelOffer("c1", "a", OfferCancelReason.TIMED_OUT) in decisions
    missed = AgentStateSet(
        "a", AgentState.NOT_READY, AgentState.RESERVED, StateChangeCause.OFFER_MISSED, MISSED
    )
    assert missed in decisions
    assert CallRequeued("c1", "q", 1) in decisions
    assert desk.waiting_ids() == ["c1", "c2"]
    snapshot = desk.engine.agent("a")
    assert snapshot is not None and snapshot.reason == "missed"


def test_given_missed_offer_when_another_agent_is_ready_then_call_goes_to_them_at_once() -> None:
    desk = _desk()
    desk.login("a")
    desk.wait(1)
    desk.login("b")
    desk.wait(1)
    desk.not_ready("b")
    desk.call("c1")
    desk.ready("b")
    decisions = desk.send(OfferTimedOut(desk.now, "c1", "a"))
    assert offers(decisions) == [("c1", "b")]
    assert desk.state("a") is AgentState.NOT_READY


def test_given_agent_who_missed_a_call_when_ready_again_then_not_offered_that_call_but_the_next() -> None:
    desk = _desk()
    desk.login("a")
    desk.call("c1")
    desk.send(OfferTimedOut(desk.now, "c1", "a"))
    desk.call("c2")
    decisions = desk.ready("a")
    assert offers(decisions) == [("c2", "a")]
    assert desk.waiting_ids() == ["c1"]
    # a colleague who logs in takes the call a missed
    assert offers(desk.login("b")) == [("c1", "b")]


def test_given_offer_when_agent_rejects_then_not_ready_rejected_and_call_requeued() -> None:
    desk = _desk()
    desk.login("a")
    desk.call("c1")
    decisions = desk.send(OfferRejected(desk.now, "c1", "a"))
    assert of_type(decisions, AgentStateSet)[0].reason == REJECTED
    assert of_type(decisions, CallRequeued) == [CallRequeued("c1", "q", 1)]
    assert desk.state("a") is AgentState.NOT_READY


def test_given_missed_call_when_higher_priority_call_arrived_meanwhile_then_vip_stays_ahead() -> None:
    desk = _desk()
    desk.login("a")
    desk.call("c1")
    desk.call("vip", "q", CustomerTag.VIP)
    desk.send(OfferTimedOut(desk.now, "c1", "a"))
    assert desk.waiting_ids() == ["vip", "c1"]


def test_given_offer_when_agent_answers_then_talking_and_call_answered_with_wait() -> None:
    desk = _desk()
    desk.login("a")
    desk.call("c1")
    desk.wait(4)
    decisions = desk.answer("c1", "a")
    assert CallAnswered("c1", "a", "q", 4.0) in decisions
    assert desk.state("a") is AgentState.TALKING
    call = desk.engine.call("c1")
    assert call is not None and call.phase is CallPhase.CONNECTED


def test_given_timed_out_offer_when_answer_arrives_late_then_stale_offer_and_nothing_changes() -> None:
    desk = _desk(offer_timeout_s=10)
    desk.login("a")
    desk.call("c1")
    desk.wait(11)
    decisions = desk.answer("c1", "a")
    # the timer fired first (time is the event's), so the late answer is refused
    assert StaleOffer("c1", "a") in decisions
    assert desk.state("a") is AgentState.NOT_READY
    assert desk.waiting_ids() == ["c1"]


def test_given_late_rejection_for_unknown_offer_then_ignored() -> None:
    desk = _desk()
    desk.login("a")
    assert desk.send(OfferRejected(desk.now, "nope", "a")) == []
    assert desk.state("a") is AgentState.READY


def test_given_queued_call_when_caller_hangs_up_then_abandon_recorded_for_callback() -> None:
    desk = _desk()
    desk.call("c1", "q", CustomerTag.ELDERLY)
    desk.wait(42)
    decisions = desk.abandon("c1")
    assert of_type(decisions, AbandonRecorded) == [
        AbandonRecorded("c1", "q", 42.0, frozenset({CustomerTag.ELDERLY}))
    ]
    assert desk.waiting_ids() == []
    assert desk.engine.queue_stats("q").abandoned == 1


def test_given_ringing_offer_when_caller_hangs_up_then_cancelled_and_agent_ready_keeping_idle_rank() -> None:
    desk = _desk()
    desk.login("a")
    desk.wait(5)
    desk.login("b")
    desk.call("c1")  # a idled longest
    desk.wait(3)
    decisions = desk.abandon("c1")
    assert decisions[0] == CancelOffer("c1", "a", OfferCancelReason.CALLER_HUNG_UP)
    assert of_type(decisions, AbandonRecorded)[0].waited_s == 3.0
    assert desk.state("a") is AgentState.READY
    # a's idle time was not reset by the call that never reached them
    assert offers(desk.call("c2")) == [("c2", "a")]


def test_given_unanswered_call_when_call_ended_then_counts_as_abandoned() -> None:
    desk = _desk()
    desk.call("c1")
    assert of_type(desk.hang_up("c1"), AbandonRecorded)


def test_given_hang_up_for_call_acd_no_longer_holds_then_nothing_to_do() -> None:
    desk = _desk()
    assert desk.hang_up("gone") == []


def test_given_talking_agent_when_hold_and_resume_then_state_follows() -> None:
    desk = _desk()
    desk.login("a")
    desk.call("c1")
    desk.answer("c1", "a")
    desk.send(CallHeld(desk.now, "c1"))
    assert desk.state("a") is AgentState.HOLD
    desk.send(CallResumed(desk.now, "c1"))
    assert desk.state("a") is AgentState.TALKING


def test_given_ringing_agent_when_logged_out_then_offer_cancelled_and_call_back_for_others() -> None:
    desk = _desk()
    desk.login("a")
    desk.login("b", ready=False)
    desk.call("c1")
    decisions = desk.send(AgentLoggedOut(desk.now, "a"))
    assert decisions[0] == CancelOffer("c1", "a", OfferCancelReason.AGENT_LOGGED_OUT)
    assert desk.state("a") is AgentState.LOGGED_OUT
    assert desk.waiting_ids() == ["c1"]
    # not a miss: a may take the call when back
    assert offers(desk.login("a")) == [("c1", "a")]


def test_given_talking_agent_when_forced_out_then_call_carries_on_and_ends_without_wrap_up() -> None:
    desk = _desk()
    desk.login("a")
    desk.call("c1")
    desk.answer("c1", "a")
    desk.send(AgentLoggedOut(desk.now, "a"))
    assert desk.state("a") is AgentState.LOGGED_OUT
    desk.wait(60)
    assert desk.hang_up("c1") == []
    assert desk.state("a") is AgentState.LOGGED_OUT
    assert desk.engine.call("c1") is None


def test_given_agent_logs_out_and_in_again_same_day_then_keeps_todays_stats() -> None:
    desk = _desk()
    desk.login("a")
    desk.call("c1")
    desk.answer("c1", "a")
    desk.wait(30)
    desk.hang_up("c1")
    desk.send(AgentLoggedOut(desk.now, "a"))
    desk.login("a")
    snapshot = desk.engine.agent("a")
    assert snapshot is not None and (snapshot.calls_today, snapshot.talk_s_today) == (1, 30.0)


def test_given_agent_serving_two_queues_when_both_have_calls_then_higher_priority_call_first() -> None:
    desk = Desk([QueueConfig("q", "Q", wrap_up_seconds=0), QueueConfig("r", "R", wrap_up_seconds=0)])
    desk.call("r-plain", "r")
    desk.wait(1)
    desk.call("q-plain", "q")
    desk.call("q-vip", "q", CustomerTag.VIP)
    assert offers(desk.login("a")) == [("q-vip", "a")]
    desk.answer("q-vip", "a")
    desk.hang_up("q-vip")
    # same priority: the earlier arrival wins across queues
    assert offers(desk.log[-2:]) == [("r-plain", "a")]


def test_given_skills_change_when_agent_is_ready_then_they_serve_new_queue_at_once() -> None:
    from server_stub.acd import AgentProfile, AgentProfileChanged

    desk = Desk([QueueConfig("q", "Q", required_skills={"consumer": 1})])
    desk.login("a", housing=3)
    desk.call("c1")
    decisions = desk.send(AgentProfileChanged(desk.now, AgentProfile("a", {"consumer": 2})))
    assert offers(decisions) == [("c1", "a")]
    snapshot = desk.engine.agent("a")
    assert snapshot is not None and snapshot.queue_ids == ("q",)


def test_given_same_event_sequence_when_replayed_then_identical_decisions() -> None:
    def run() -> list[object]:
        desk = _desk()
        for agent in ("d", "b", "a", "c"):
            desk.login(agent)
        for n in range(8):
            desk.call(f"c{n}", "q", *([CustomerTag.VIP] if n % 3 == 0 else []))
            desk.wait(1)
        desk.tick(20)
        return list(desk.log)

    assert run() == run()


def test_given_talking_agent_when_not_ready_requested_then_applies_when_wrap_up_ends() -> None:
    from server_stub.acd import NotReadyAfterCall

    desk = Desk([QueueConfig("q", "Q", wrap_up_seconds=30)])
    desk.login("a")
    desk.call("c1")
    desk.answer("c1", "a")
    assert desk.not_ready("a", "meeting") == [NotReadyAfterCall("a", "meeting")]
    assert desk.state("a") is AgentState.TALKING
    desk.hang_up("c1")
    assert desk.state("a") is AgentState.WRAP_UP
    desk.call("c2")
    decisions = desk.tick(30)
    assert of_type(decisions, AgentStateSet) == [
        AgentStateSet(
            "a", AgentState.NOT_READY, AgentState.WRAP_UP, StateChangeCause.WRAP_UP_TIMER, "meeting"
        )
    ]
    assert offers(decisions) == []


def test_given_not_ready_after_call_when_ready_requested_during_call_then_withdrawn() -> None:
    from server_stub.acd import NotReadyAfterCall

    desk = _desk()
    desk.login("a")
    desk.call("c1")
    desk.answer("c1", "a")
    desk.not_ready("a", "meeting")
    assert desk.ready("a") == [NotReadyAfterCall("a", None)]
    desk.hang_up("c1")
    assert desk.state("a") is AgentState.READY


def test_given_ringing_agent_when_not_ready_requested_then_offer_declined_and_call_back_at_head() -> None:
    desk = _desk()
    desk.login("a")
    desk.call("c1")
    decisions = desk.not_ready("a", "toilet")
    assert decisions[0] == CancelOffer("c1", "a", OfferCancelReason.AGENT_NOT_READY)
    assert of_type(decisions, CallRequeued) == [CallRequeued("c1", "q", 1)]
    snapshot = desk.engine.agent("a")
    assert snapshot is not None and (snapshot.state, snapshot.reason) == (AgentState.NOT_READY, "toilet")
