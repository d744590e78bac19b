"""Conference guests: an agent invited into a colleague's conversation outside queue routing rings
(reserved), talks, and gets wrap-up afterwards; meanwhile the ACD offers them no queue call. An invite that
fails returns them to where they were (ready keeps its place in the longest-idle order; not-ready keeps
its reason)."""

from __future__ import annotations

import pytest

from server_stub.acd import (
    AgentLoggedOut,
    AgentStateSet,
    AgentWrapUpDone,
    GuestFailed,
    GuestInvited,
    GuestJoined,
    GuestLeft,
    InvalidAgentTransitionError,
    InvalidEventError,
    QueueConfig,
    StateChangeCause,
    UnknownAgentError,
)
from shared.protocol.enums import AgentState

from .acd_desk import Desk, of_type, offers


def _desk(wrap_up_s: float = 20) -> Desk:
    desk = Desk(
        [
            QueueConfig("q", "Q", wrap_up_seconds=wrap_up_s),
            QueueConfig("experts", "E", required_skills={"expert": 1}, wrap_up_seconds=45),
        ]
    )
    return desk


def _owner_talking(desk: Desk, call_id: str = "c1", agent_id: str = "owner") -> None:
    desk.login(agent_id)
    desk.call(call_id)
    desk.answer(call_id, agent_id)


def test_given_a_ready_agent_when_invited_then_reserved_with_the_conversation_and_no_queue_call() -> None:
    desk = _desk()
    _owner_talking(desk)
    desk.login("guest")
    decisions = desk.send(GuestInvited(desk.now, "guest", "c1"))
    assert [(d.state, d.cause) for d in of_type(decisions, AgentStateSet)] == [
        (AgentState.RESERVED, StateChangeCause.GUEST_INVITED)
    ]
    snapshot = desk.engine.agent("guest")
    assert snapshot is not None and snapshot.call_id == "c1" and snapshot.guest_call_id == "c1"
    # a new caller waits rather than ring the guest
    assert offers(desk.call("c2")) == []
    desk.send(GuestJoined(desk.now, "guest", "c1"))
    assert desk.state("guest") is AgentState.TALKING
    assert offers(desk.tick(5)) == []
    assert desk.waiting_ids() == ["c2"]


def test_given_a_guest_in_the_room_when_they_leave_then_wrap_up_of_the_call_queue_then_ready() -> None:
    desk = _desk(wrap_up_s=20)
    _owner_talking(desk)
    desk.login("guest", expert=1)  # serves "q" and "experts" (45 s wrap-up)
    desk.send(GuestInvited(desk.now, "guest", "c1"))
    desk.send(GuestJoined(desk.now, "guest", "c1"))
    desk.wait(90)
    desk.send(GuestLeft(desk.now, "guest", "c1", queue_id="q"))
    snapshot = desk.engine.agent("guest")
    assert snapshot is not None and snapshot.state is AgentState.WRAP_UP and snapshot.call_id is None
    assert snapshot.talk_s_today == 90 and snapshot.calls_today == 0
    desk.tick(19)
    assert desk.state("guest") is AgentState.WRAP_UP
    desk.tick(2)
    assert desk.state("guest") is AgentState.READY


def test_given_a_conversation_without_queue_when_the_guest_leaves_then_wrap_up_of_their_own_queues() -> None:
    desk = _desk(wrap_up_s=20)
    desk.login("guest", expert=1)
    desk.send(GuestInvited(desk.now, "guest", "out-1"))
    desk.send(GuestJoined(desk.now, "guest", "out-1"))
    desk.send(GuestLeft(desk.now, "guest", "out-1", queue_id=None))
    snapshot = desk.engine.agent("guest")
    assert snapshot is not None and snapshot.wrap_up_ends_at is not None
    assert (snapshot.wrap_up_ends_at - desk.now).total_seconds() == 45  # the longest of their queues


def test_given_an_expert_not_ready_when_invited_and_done_then_back_to_their_not_ready_reason() -> None:
    desk = _desk(wrap_up_s=10)
    _owner_talking(desk)
    desk.login("expert", ready=False)
    desk.not_ready("expert", "backoffice")
    desk.send(GuestInvited(desk.now, "expert", "c1"))
    desk.send(GuestJoined(desk.now, "expert", "c1"))
    desk.send(GuestLeft(desk.now, "expert", "c1", queue_id="q"))
    assert desk.state("expert") is AgentState.WRAP_UP
    desk.tick(11)
    snapshot = desk.engine.agent("expert")
    assert snapshot is not None and snapshot.state is AgentState.NOT_READY and snapshot.reason == "backoffice"


def test_given_a_ringing_guest_when_the_invite_fails_then_back_to_ready_keeping_their_idle_place() -> None:
    desk = _desk()
    desk.login("guest")
    desk.wait(30)
    desk.login("other")
    desk.send(GuestInvited(desk.now, "guest", "c9"))
    desk.wait(5)
    decisions = desk.send(GuestFailed(desk.now, "guest", "c9"))
    assert [(d.state, d.cause) for d in of_type(decisions, AgentStateSet)] == [
        (AgentState.READY, StateChangeCause.GUEST_FAILED)
    ]
    # declining a colleague's invite is not a missed queue offer: still the longest idle
    assert offers(desk.call("c2")) == [("c2", "guest")]


def test_given_a_not_ready_guest_when_the_invite_fails_then_not_ready_with_the_same_reason() -> None:
    desk = _desk()
    desk.login("expert", ready=False)
    desk.not_ready("expert", "training")
    desk.send(GuestInvited(desk.now, "expert", "c9"))
    desk.send(GuestLeft(desk.now, "expert", "c9"))  # removed while ringing
    snapshot = desk.engine.agent("expert")
    assert snapshot is not None and snapshot.state is AgentState.NOT_READY and snapshot.reason == "training"


def test_given_a_guest_when_they_ask_for_not_ready_then_it_applies_after_the_wrap_up() -> None:
    desk = _desk(wrap_up_s=5)
    desk.login("guest")
    desk.send(GuestInvited(desk.now, "guest", "c1"))
    desk.send(GuestJoined(desk.now, "guest", "c1"))
    desk.not_ready("guest", "lunch")
    assert desk.state("guest") is AgentState.TALKING
    desk.send(GuestLeft(desk.now, "guest", "c1", queue_id="q"))
    desk.tick(6)
    snapshot = desk.engine.agent("guest")
    assert snapshot is not None and snapshot.state is AgentState.NOT_READY and snapshot.reason == "lunch"


@pytest.mark.parametrize("busy", ["talking", "reserved", "wrap_up", "logged_out"])
def test_given_an_agent_who_is_not_idle_when_invited_then_refused_and_nothing_changes(busy: str) -> None:
    desk = _desk(wrap_up_s=30)
    desk.login("guest")
    if busy in ("talking", "wrap_up"):
        desk.call("c1")
        desk.answer("c1", "guest")
        if busy == "wrap_up":
            desk.hang_up("c1")
    elif busy == "reserved":
        desk.call("c1")
    else:
        desk.send(AgentLoggedOut(desk.now, "guest"))
    before = desk.engine.agent("guest")
    with pytest.raises(InvalidAgentTransitionError):
        desk.send(GuestInvited(desk.now, "guest", "c7"))
    assert desk.engine.agent("guest") == before


def test_given_bad_guest_events_then_clear_errors_or_ignored_when_stale() -> None:
    desk = _desk()
    with pytest.raises(UnknownAgentError):
        desk.send(GuestInvited(desk.now, "nobody", "c1"))
    desk.login("guest")
    with pytest.raises(InvalidEventError):
        desk.send(GuestInvited(desk.now, "guest", ""))
    desk.send(GuestInvited(desk.now, "guest", "c1"))
    with pytest.raises(InvalidEventError, match="already a guest"):
        desk.send(GuestInvited(desk.now, "guest", "c2"))
    # reports about another conversation change nothing
    assert desk.send(GuestJoined(desk.now, "guest", "c2")) == []
    assert desk.send(GuestLeft(desk.now, "guest", "c2")) == []
    assert desk.state("guest") is AgentState.RESERVED


def test_given_a_guest_when_logged_out_by_a_supervisor_then_later_reports_are_ignored() -> None:
    desk = _desk()
    desk.login("guest")
    desk.send(GuestInvited(desk.now, "guest", "c1"))
    desk.send(GuestJoined(desk.now, "guest", "c1"))
    desk.send(AgentLoggedOut(desk.now, "guest"))
    assert desk.send(GuestLeft(desk.now, "guest", "c1")) == []
    snapshot = desk.engine.agent("guest")
    assert snapshot is not None and snapshot.state is AgentState.LOGGED_OUT and snapshot.call_id is None


def test_given_a_talking_agent_with_not_ready_pending_when_wrap_up_done_is_sent_then_refused_and_kept() -> (
    None
):
    # found by the invariant test: the refused event used to drop the pending not-ready
    desk = _desk()
    _owner_talking(desk, "c1", "a")
    desk.not_ready("a", "lunch")
    before = desk.engine.agent("a")
    with pytest.raises(InvalidAgentTransitionError):
        desk.send(AgentWrapUpDone(desk.now, "a"))
    assert desk.engine.agent("a") == before
    desk.hang_up("c1")
    desk.tick(25)
    snapshot = desk.engine.agent("a")
    assert snapshot is not None and snapshot.state is AgentState.NOT_READY and snapshot.reason == "lunch"
