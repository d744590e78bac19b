"""Conference rooms in the call centre, on a real database and event hub, with the media plane faked
(it records ``conference_add``/``conference_remove`` and the test plays its ``ConferenceParty*``
reports): who rings, who talks, what the seats are told, what the call record keeps."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from server_stub.db.models import Recording
from server_stub.events.hub import Subscription
from server_stub.media import control as mc
from shared.protocol.enums import AgentState, Role

from .conference_rig import (
    CALLER,
    ConfCentre,
    agent_id,
    arrive,
    call_row,
    conf,
    go_ready,
    legs,
    now,
    talking,
)
from .conftest import agent_row, wait_until

__all__ = ["conf"]  # the fixture, imported so pytest finds it here

URL = "/api/v1/callcenter/conference"


def _invite(c: ConfCentre, headers: dict[str, str], kind: str, value: str) -> dict[str, Any]:
    r = c.client.post(URL, json={"kind": kind, "value": value}, headers=headers)
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def _room(c: ConfCentre) -> list[dict[str, Any]]:
    """The last ``conference_did_change`` payloads, oldest first."""
    return [e.payload for e in c.events("conference_did_change")]


def _states(payload: dict[str, Any]) -> dict[str, str]:
    return {p["party_id"]: p["state"] for p in payload["parties"]}


def _seen_by(c: ConfCentre, work_number: str, role: Role = Role.AGENT) -> list[str]:
    """Event types a seat signed in as ``work_number`` receives (the hub's own audience filter)."""
    sub = Subscription(agent_id=agent_id(c, work_number), role=role)
    got = c.app.state.events.replay_since(c.start_seq, sub) or []
    return [e.type.value for e in got]


def test_given_a_talking_agent_when_inviting_a_ready_colleague_then_they_ring_and_get_no_queue_call(
    conf: ConfCentre,
) -> None:
    owner = talking(conf, "conv-1", "1001")
    go_ready(conf, "1002")
    room = _invite(conf, owner, "agent", "1002")
    call = call_row(conf, "conv-1")
    assert room["call_id"] == call.id and room["owner"] == "1001" and room["max_parties"] == 4
    assert [(p["party_id"], p["kind"], p["value"], p["state"]) for p in room["parties"]] == [
        ("caller", "caller", CALLER, "joined"),
        ("agent:1001", "agent", "1001", "joined"),
        ("p1", "agent", "1002", "ringing"),
    ]
    assert room["parties"][2]["display"] == "坐席1002"
    args = conf.media.wait_for("conference_add")
    assert args[:3] == ("conv-1", "p1", mc.TransferTarget(mc.TransferTargetKind.AGENT, "1002"))
    assert args[3]["X-Hotline-Call-Id"] == str(call.id) and args[3]["X-Hotline-Conference"] == "p1"
    # the colleague's seat: ringing for this call, screen pop data, the room
    row = agent_row(conf.app, "1002")
    assert row.state is AgentState.RESERVED
    assert "call_was_offered" in _seen_by(conf, "1002") and "conference_did_change" in _seen_by(conf, "1002")
    assert "conference_did_change" not in _seen_by(conf, "1003")  # not in the room
    assert "conference_did_change" in _seen_by(conf, "9001", Role.LEADER)
    # a new caller for the same queue is not offered to the invited colleague
    arrive(conf, "conv-2", caller="13900000002")
    conf.cc.handle(mc.ConferencePartyRinging("conv-1", "p1"))
    conf.cc.handle(mc.ConferencePartyJoined("conv-1", "p1", now()))
    conf.settle()
    assert not [a for n, a in conf.media.commands if n == "offer_to_agent" and a[0] == "conv-2"]
    live = conf.cc.live()
    assert live.agent("1002").state is AgentState.TALKING  # type: ignore[union-attr]
    assert live.agent("1002").call_id == call.id  # type: ignore[union-attr]
    assert agent_row(conf.app, "1002").state is AgentState.TALKING
    seat = [
        (e.payload["state"], e.payload["call_id"])
        for e in conf.events("agent_state_did_change")
        if e.payload["work_number"] == "1002"
    ]
    assert seat[-2:] == [("reserved", call.id), ("talking", call.id)]
    conv = next(x for x in live.calls if x.conversation_id == "conv-1")
    assert [(p.party_id, p.state.value) for p in conv.conference] == [
        ("caller", "joined"),
        ("agent:1001", "joined"),
        ("p1", "joined"),
    ]
    # the leaders' live view shows the conversation's parties
    r = conf.client.get("/api/v1/callcenter/live", headers=conf.login("9001"))
    assert r.status_code == 200, r.text
    shown = next(x for x in r.json()["calls"] if x["call_id"] == call.id)
    assert [p["party_id"] for p in shown["conference"]] == ["caller", "agent:1001", "p1"]
    assert shown["conference_owner"] == "1001"
    # the invited colleague sees the same room
    r = conf.client.get(URL, headers=conf.login("1002"))
    assert r.status_code == 200 and _states(r.json())["p1"] == "joined"


def test_given_a_full_conference_when_the_caller_hangs_up_then_legs_recording_and_wrap_up_follow(
    conf: ConfCentre,
) -> None:
    owner = talking(conf, "conv-1", "1001")
    go_ready(conf, "1002")
    _invite(conf, owner, "agent", "1002")
    _invite(conf, owner, "number", "12329001")
    for party in ("p1", "p2"):
        conf.cc.handle(mc.ConferencePartyJoined("conv-1", party, now()))
    conf.cc.handle(mc.ConferencePartyLeft("conv-1", "p1", now()))  # the colleague hangs up first
    conf.settle()
    assert _states(_room(conf)[-1]) == {
        "caller": "joined",
        "agent:1001": "joined",
        "p1": "left",
        "p2": "joined",
    }
    assert agent_row(conf.app, "1002").state is AgentState.WRAP_UP
    recording = mc.RecordingInfo("2026/05/06/conv-1.wav", now(), 61.0, 900_000, 16000, ("1001", "1002"))
    conf.cc.handle(mc.CallerHungUp("conv-1", now(), "talking"))
    conf.cc.handle(mc.ConversationEnded("conv-1", now(), mc.EndedBy.CALLER, recording))
    conf.settle()
    last = _room(conf)[-1]
    assert last["ended"] is True and set(_states(last).values()) == {"left"}
    reasons = {p["party_id"]: p["reason"] for p in last["parties"]}
    assert reasons == {
        "caller": "hung up",
        "agent:1001": "the call ended",
        "p1": "hung up",
        "p2": "the call ended",
    }
    call = call_row(conf, "conv-1")
    rows = legs(conf, call.id)
    assert [(leg.agent_id, leg.target_number, leg.outcome) for leg in rows] == [
        (agent_id(conf, "1001"), None, "answered"),
        (agent_id(conf, "1002"), None, "conference"),
        (None, "12329001", "conference"),
    ]
    assert all(leg.answered_at is not None and leg.ended_at is not None for leg in rows)
    assert call.agent_id == agent_id(conf, "1001")  # who took the call stays its agent
    with conf.app.state.session_factory() as db:
        assert db.scalar(select(Recording.path).where(Recording.call_id == call.id)) == recording.path
    assert agent_row(conf.app, "1001").state is AgentState.WRAP_UP
    conf.clock.advance(6)  # the queue's wrap-up is 5 s, for the colleague too
    wait_until(lambda: agent_row(conf.app, "1002").state is AgentState.READY, what="colleague ready")
    wait_until(lambda: agent_row(conf.app, "1001").state is AgentState.READY, what="owner ready")
    assert conf.cc.live().calls == []


def test_given_an_invited_colleague_when_they_do_not_answer_then_failed_with_the_reason_and_back_to_ready(
    conf: ConfCentre,
) -> None:
    owner = talking(conf)
    go_ready(conf, "1002")
    _invite(conf, owner, "agent", "1002")
    conf.cc.handle(mc.ConferencePartyFailed("conv-1", "p1", "no answer", 408))
    conf.settle()
    party = next(p for p in _room(conf)[-1]["parties"] if p["party_id"] == "p1")
    assert party["state"] == "failed" and party["reason"] == "no answer (SIP 408)"
    assert agent_row(conf.app, "1002").state is AgentState.READY  # not "missed": it was no queue call
    assert legs(conf, call_row(conf, "conv-1").id)[-1].outcome == "conference_failed"
    # the room has space again, and the same colleague can be asked again under a new id
    again = _invite(conf, owner, "agent", "1002")
    assert again["parties"][-1]["party_id"] == "p2"


def test_given_the_owner_removes_a_party_then_the_media_plane_hangs_them_up_and_the_room_says_removed(
    conf: ConfCentre,
) -> None:
    owner = talking(conf)
    _invite(conf, owner, "number", "12329001")
    conf.cc.handle(mc.ConferencePartyJoined("conv-1", "p1", now()))
    conf.settle()
    r = conf.client.delete(f"{URL}/parties/p1", headers=owner)
    assert r.status_code == 200, r.text
    assert conf.media.wait_for("conference_remove") == ("conv-1", "p1")
    conf.cc.handle(mc.ConferencePartyLeft("conv-1", "p1", now(), removed=True))
    conf.settle()
    party = next(p for p in _room(conf)[-1]["parties"] if p["party_id"] == "p1")
    assert party["state"] == "left" and party["reason"] == "removed by the room's owner"
    again = conf.client.delete(f"{URL}/parties/p1", headers=owner)
    assert again.status_code == 409 and again.json()["error_id"] == "party_not_in_room"


def test_given_the_owner_hangs_up_when_a_colleague_is_in_the_room_then_the_colleague_holds_it(
    conf: ConfCentre,
) -> None:
    owner = talking(conf)
    colleague = go_ready(conf, "1002")
    _invite(conf, owner, "agent", "1002")
    _invite(conf, owner, "number", "12329001")
    conf.cc.handle(mc.ConferencePartyJoined("conv-1", "p1", now()))
    conf.cc.handle(mc.ConferencePartyJoined("conv-1", "p2", now()))
    conf.cc.handle(mc.AgentHungUp("conv-1", "1001", now()))
    conf.settle()
    last = _room(conf)[-1]
    assert last["owner"] == "1002" and _states(last)["agent:1001"] == "left"
    assert agent_row(conf.app, "1001").state is AgentState.WRAP_UP
    assert agent_row(conf.app, "1002").state is AgentState.TALKING
    r = conf.client.delete(f"{URL}/parties/p2", headers=colleague)
    assert r.status_code == 200, r.text
    assert conf.media.wait_for("conference_remove") == ("conv-1", "p2")


def test_given_an_expert_not_ready_when_invited_and_done_then_back_to_their_reason_after_wrap_up(
    conf: ConfCentre,
) -> None:
    from server_stub.db.models import NotReadyReason

    with conf.app.state.session_factory() as db:
        db.add(NotReadyReason(code="backoffice", label_zh="后台", label_en="Back office", sort_order=1))
        db.commit()
    owner = talking(conf)
    r = conf.client.post(
        "/api/v1/agents/me/state",
        json={"state": "not_ready", "reason": "backoffice"},
        headers=conf.login("1003"),
    )
    assert r.status_code == 200, r.text
    conf.settle()
    _invite(conf, owner, "agent", "1003")
    conf.cc.handle(mc.ConferencePartyJoined("conv-1", "p1", now()))
    conf.cc.handle(mc.ConferencePartyLeft("conv-1", "p1", now()))
    conf.settle()
    assert agent_row(conf.app, "1003").state is AgentState.WRAP_UP
    conf.clock.advance(6)
    wait_until(lambda: agent_row(conf.app, "1003").state is AgentState.NOT_READY, what="back to not ready")
    assert agent_row(conf.app, "1003").state_reason == "backoffice"


def test_given_a_leader_when_invited_then_their_softphone_rings_and_no_seat_state_is_touched(
    conf: ConfCentre,
) -> None:
    owner = talking(conf)
    before = agent_row(conf.app, "9001").state
    room = _invite(conf, owner, "agent", "9001")
    assert room["parties"][-1]["display"] == "值班长" and room["parties"][-1]["state"] == "ringing"
    conf.cc.handle(mc.ConferencePartyJoined("conv-1", "p1", now()))
    conf.cc.handle(mc.ConferencePartyLeft("conv-1", "p1", now()))
    conf.settle()
    assert _states(_room(conf)[-1])["p1"] == "left"
    assert agent_row(conf.app, "9001").state is before
    assert legs(conf, call_row(conf, "conv-1").id)[-1].outcome == "conference"
