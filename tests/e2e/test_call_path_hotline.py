"""The hotline end to end with real peers: the server's REST and database, the call centre (ACD runtime),
Kamailio, media worker processes, pjsua2 processes as agents, leader and caller (each speaks a tone and
measures what it hears), SIPp as a caller with PCMA audio and DTMF and as the trunk's far end. Assertions
on the database rows, the events and the recordings' audio."""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from server_stub.db.models import (
    AgentStateLog,
    AuditEntry,
    Call,
    CallAgentLeg,
    CallbackTask,
    Recording,
    Voicemail,
)
from server_stub.media.prompts import RESOURCES, wav_duration
from shared.protocol.enums import AgentState, CallDisposition
from tests.server_stub.media.test_callpath_media import sipp_caller_scenario
from tests.shared.telephony.sip_servers import SippProcess
from tests.support.recordings import tone_levels

from .callpath_rig import (
    AGENT2_HZ,
    AGENT_HZ,
    CALLER_HZ,
    HOTLINE,
    LEADER_HZ,
    QUEUE,
    Rig,
    running_rig,
    wait_until,
)

pytestmark = [pytest.mark.sip, pytest.mark.e2e]


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    with running_rig(tmp_path_factory.mktemp("e2e-callpath")) as rig:
        yield rig


@pytest.fixture()
def r(rig: Rig) -> Iterator[Rig]:
    for peer in rig.peers.values():
        peer.clear_events()
    yield rig
    rig.idle()
    # agents back to a known state: signed in, not ready
    for wn in ("1001", "1002"):
        wait_until(functools.partial(_out_of_call, rig, wn), 20, f"{wn} out of the call")
        if rig.agent(wn).state is not AgentState.NOT_READY or rig.agent(wn).state_reason != "break":
            rig.set_state(wn, "not_ready", "break")


def _in_call(rig: Rig, work_number: str) -> bool:
    return rig.agent(work_number).state in (AgentState.RESERVED, AgentState.TALKING, AgentState.HOLD)


def _out_of_call(rig: Rig, work_number: str) -> bool:
    return rig.agent(work_number).state not in (AgentState.RESERVED, AgentState.TALKING, AgentState.HOLD)


def _call_by_caller_after(r: Rig, number: str, after_id: int) -> Call | None:
    with r.db() as db:
        return db.scalar(
            select(Call).where(Call.caller_number == number, Call.id > after_id).order_by(Call.id.desc())
        )


def _last_call_id(r: Rig) -> int:
    with r.db() as db:
        return db.scalar(select(Call.id).order_by(Call.id.desc())) or 0


def _ended_call(r: Rig, number: str, after_id: int, timeout: float = 20.0) -> Call:
    found: list[Call] = []

    def ended() -> bool:
        call = _call_by_caller_after(r, number, after_id)
        if call is not None and call.ended_at is not None:
            found.append(call)
            return True
        return False

    wait_until(ended, timeout, f"call from {number} ended in the database")
    return found[-1]


def _dial_and_press_1(r: Rig) -> str:
    caller = r.peers["caller"]
    call_id = str(
        caller.request("dial", uri=f"sip:{HOTLINE}@{r.sip_address}", account_id=r.accounts["caller"])
    )
    caller.wait_event("CallStateChanged", timeout=20, call_id=call_id, state="connected")
    time.sleep(0.5)  # the menu prompt starts
    caller.request("send_dtmf", call_id=call_id, digits="1")
    return call_id


def test_given_an_agent_ready_when_a_caller_presses_1_then_they_talk_and_the_full_record_is_written(
    r: Rig,
) -> None:
    before = _last_call_id(r)
    r.set_state("1001", "ready")
    caller_call = _dial_and_press_1(r)
    agent = r.peers["1001"]
    incoming = agent.wait_event("IncomingCall", timeout=20)
    headers = incoming["x_headers"]
    assert headers["X-Hotline-Caller"] == "13800138000" and headers["X-Hotline-Queue"] == QUEUE
    assert headers["X-Hotline-Ivr-Path"] == "main>1"
    call_row_id = int(headers["X-Hotline-Call-Id"])
    # the phone rings first, the database follows at once
    wait_until(lambda: r.agent("1001").state is AgentState.RESERVED, 10, "reserved in the database")
    offered = [e for e in r.events("call_was_offered") if e.payload["call_id"] == call_row_id]
    assert offered and offered[0].payload["agent_id"] == r.agent("1001").id
    agent.request("answer", call_id=incoming["call_id"])
    agent.wait_tone(CALLER_HZ, audible=True)
    r.peers["caller"].wait_tone(AGENT_HZ, audible=True)
    wait_until(lambda: r.agent("1001").state is AgentState.TALKING, 10, "talking in the database")
    time.sleep(1.5)  # some conversation on the recording
    r.peers["caller"].request("hangup", call_id=caller_call)
    call = _ended_call(r, "13800138000", before)
    assert call.id == call_row_id and call.disposition is CallDisposition.ANSWERED
    assert call.agent_id == r.agent("1001").id and call.ivr_path == "main>1" and call.ivr_digits == "1"
    assert call.queued_at and call.offered_at and call.answered_at and call.ended_at
    with r.db() as db:
        legs = list(db.scalars(select(CallAgentLeg).where(CallAgentLeg.call_id == call.id)))
        recording = db.scalar(select(Recording).where(Recording.call_id == call.id))
        log = [
            row.state
            for row in db.scalars(
                select(AgentStateLog)
                .where(AgentStateLog.agent_id == call.agent_id)
                .order_by(AgentStateLog.id)
            )
        ]
    assert [(leg.outcome, leg.answered_at is not None) for leg in legs] == [("answered", True)]
    assert recording is not None and recording.duration_seconds > 1.0
    levels = tone_levels(r.data_dir / "recordings" / recording.path, (CALLER_HZ, AGENT_HZ, AGENT2_HZ))
    assert levels[CALLER_HZ] > 0.05 and levels[AGENT_HZ] > 0.05 and levels[AGENT2_HZ] < 0.01, levels
    assert log[-4:-1] == [AgentState.RESERVED, AgentState.TALKING, AgentState.WRAP_UP] or log[-3:] == [
        AgentState.RESERVED,
        AgentState.TALKING,
        AgentState.WRAP_UP,
    ], log
    kinds = [e.type.value for e in r.events()]
    assert "call_did_start" in kinds and "call_did_end" in kinds
    wait_until(lambda: r.agent("1001").state is AgentState.READY, 15, "ready after the 3 s wrap-up")


def test_given_no_agent_ready_when_a_sipp_caller_abandons_in_the_queue_then_a_callback_task_is_shared_out(
    r: Rig,
) -> None:
    for wn in ("1001", "1002"):  # signed in, not taking calls
        if r.agent(wn).state is not AgentState.NOT_READY:
            r.set_state(wn, "not_ready", "break")
    before = _last_call_id(r)
    sipp = SippProcess(["-m", "1", "-l", "1", "-sf", "caller.xml", r.sip_address])
    sipp.write_scenario("caller.xml", sipp_caller_scenario(number="13611112222", talk_ms=2500))
    sipp.args[sipp.args.index("caller.xml")] = str(sipp.dir / "caller.xml")
    try:
        sipp.start()
        assert sipp.wait(60) == 0, sipp.output
    finally:
        sipp.stop()
    call = _ended_call(r, "13611112222", before)
    assert call.disposition is CallDisposition.ABANDONED and call.ivr_digits == "1" and call.queued_at
    with r.db() as db:
        task = db.scalar(select(CallbackTask).where(CallbackTask.call_id == call.id))
    assert task is not None and task.number == "13611112222"
    assert task.assigned_agent_id in (r.agent("1001").id, r.agent("1002").id)
    assert any(e.payload["callback_id"] == task.id for e in r.events("callback_was_assigned"))


def test_given_two_ready_agents_when_the_first_rejects_then_the_second_answers(r: Rig) -> None:
    before = _last_call_id(r)
    r.set_state("1001", "ready")
    r.set_state("1002", "ready")
    seen = {wn: len(r.peers[wn].history("IncomingCall")) for wn in ("1001", "1002")}
    caller_call = _dial_and_press_1(r)
    rang: dict[str, dict[str, object]] = {}

    def someone_rings() -> bool:
        for wn in ("1001", "1002"):
            got = r.peers[wn].history("IncomingCall")[seen[wn] :]
            if got:
                rang[wn] = got[-1]
        return bool(rang)

    wait_until(someone_rings, 20, "an agent rings")
    first = next(iter(rang))
    second = "1002" if first == "1001" else "1001"
    r.peers[first].request("reject", call_id=rang[first]["call_id"], code=603)
    incoming = r.peers[second].wait_event("IncomingCall", timeout=20)
    r.peers[second].request("answer", call_id=incoming["call_id"])
    r.peers["caller"].wait_tone(AGENT2_HZ if second == "1002" else AGENT_HZ, audible=True)
    wait_until(lambda: r.agent(first).state_reason == "rejected", 10, "first agent not ready 'rejected'")
    r.peers["caller"].request("hangup", call_id=caller_call)
    call = _ended_call(r, "13800138000", before)
    with r.db() as db:
        outcomes = [
            (leg.agent_id, leg.outcome)
            for leg in db.scalars(
                select(CallAgentLeg).where(CallAgentLeg.call_id == call.id).order_by(CallAgentLeg.id)
            )
        ]
    assert outcomes == [(r.agent(first).id, "rejected"), (r.agent(second).id, "answered")]
    assert call.agent_id == r.agent(second).id


def test_given_a_conversation_when_the_leader_listens_over_rest_then_they_hear_both_and_it_is_audited(
    r: Rig,
) -> None:
    r.set_state("1001", "ready")
    caller_call = _dial_and_press_1(r)
    agent = r.peers["1001"]
    incoming = agent.wait_event("IncomingCall", timeout=20)
    agent.request("answer", call_id=incoming["call_id"])
    agent.wait_tone(CALLER_HZ, audible=True)
    resp = r.client.post(
        "/api/v1/supervision", json={"agent": "1001", "mode": "listen"}, headers=r.headers("9001")
    )
    assert resp.status_code == 200, resp.text
    leader = r.peers["9001"]
    leader.wait_tone(CALLER_HZ, audible=True, timeout=15)
    leader.wait_tone(AGENT_HZ, audible=True)
    r.peers["caller"].wait_tone(LEADER_HZ, audible=False)
    wait_until(lambda: bool(r.events("supervision_did_change")), 10, "supervision event")
    with r.db() as db:
        entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "supervision_started"))
    assert entry is not None and entry.details == {"mode": "listen", "agent": "1001"}
    r.peers["caller"].request("hangup", call_id=caller_call)


def test_given_an_agent_when_calling_back_over_rest_then_the_trunk_leg_is_placed_and_recorded(r: Rig) -> None:
    r.set_state("1001", "ready")
    resp = r.client.post(
        "/api/v1/callcenter/outbound", json={"number": "88886666"}, headers=r.headers("1001")
    )
    assert resp.status_code == 201, resp.text
    agent = r.peers["1001"]
    incoming = agent.wait_event("IncomingCall", timeout=20)  # auto-answered by the softphone
    assert incoming["auto_answer"]
    agent.wait_tone(AGENT_HZ, audible=True, timeout=20)  # the far end echoes the agent
    time.sleep(1.0)
    agent.request("hangup", call_id=incoming["call_id"])
    call_id = resp.json()["call_id"]

    def ended() -> bool:
        with r.db() as db:
            call = db.get(Call, call_id)
            return call is not None and call.ended_at is not None

    wait_until(ended, 20, "outbound call ended")
    with r.db() as db:
        call = db.get(Call, call_id)
        assert call is not None
        assert call.direction.value == "outbound" and call.callee_number == "88886666" and call.answered_at
        assert db.scalar(select(Recording).where(Recording.call_id == call_id)) is not None
    wait_until(lambda: r.agent("1001").state is AgentState.READY, 10, "ready again after the callback")


def _talking_to(r: Rig, work_number: str) -> tuple[str, str]:
    """A caller reaches ``work_number`` (the only ready agent) and they talk; (caller call, agent call)."""
    r.set_state(work_number, "ready")
    caller_call = _dial_and_press_1(r)
    incoming = r.peers[work_number].wait_event("IncomingCall", timeout=20)
    r.peers[work_number].request("answer", call_id=incoming["call_id"])
    r.peers["caller"].wait_tone(AGENT_HZ if work_number == "1001" else AGENT2_HZ, audible=True)
    wait_until(lambda: r.agent(work_number).state is AgentState.TALKING, 10, "talking")
    return caller_call, str(incoming["call_id"])


def test_given_a_talking_agent_when_transferring_to_the_queue_then_the_next_agent_gets_call_data_and_ticket(
    r: Rig,
) -> None:
    before = _last_call_id(r)
    caller_call, agent_call = _talking_to(r, "1001")
    r.set_state("1002", "ready")
    body = {"kind": "queue", "value": QUEUE, "ticket": "2026050600017"}
    resp = r.client.post("/api/v1/callcenter/transfer", json=body, headers=r.headers("1001"))
    assert resp.status_code == 200, resp.text
    r.peers["1001"].wait_event("CallEnded", timeout=15, call_id=agent_call)
    incoming = r.peers["1002"].wait_event("IncomingCall", timeout=20)
    assert incoming["x_headers"]["X-Hotline-Ticket"] == "2026050600017"
    assert incoming["x_headers"]["X-Hotline-Call-Id"] == str(resp.json()["call_id"])
    assert incoming["x_headers"]["X-Hotline-Caller"] == "13800138000"
    r.peers["1002"].request("answer", call_id=incoming["call_id"])
    r.peers["caller"].wait_tone(AGENT2_HZ, audible=True)
    wait_until(lambda: r.agent("1001").state in (AgentState.WRAP_UP, AgentState.READY), 10, "1001 wraps up")
    r.peers["caller"].request("hangup", call_id=caller_call)
    call = _ended_call(r, "13800138000", before)
    with r.db() as db:
        legs = [
            (leg.agent_id, leg.outcome)
            for leg in db.scalars(
                select(CallAgentLeg).where(CallAgentLeg.call_id == call.id).order_by(CallAgentLeg.id)
            )
        ]
    assert legs == [(r.agent("1001").id, "transferred_blind"), (r.agent("1002").id, "answered")]
    assert call.agent_id == r.agent("1002").id and call.disposition is CallDisposition.ANSWERED


def test_given_a_talking_agent_when_transferring_to_a_colleague_then_the_colleague_talks_and_shows_talking(
    r: Rig,
) -> None:
    before = _last_call_id(r)
    caller_call, agent_call = _talking_to(r, "1001")
    r.set_state("1002", "ready")
    body = {"kind": "agent", "value": "1002", "ticket": "2026050600023"}
    resp = r.client.post("/api/v1/callcenter/transfer", json=body, headers=r.headers("1001"))
    assert resp.status_code == 200, resp.text
    incoming = r.peers["1002"].wait_event("IncomingCall", timeout=20)
    assert incoming["x_headers"]["X-Hotline-Transfer-From"] == "1001"
    # the colleague's screen pops with the ticket registered so far and the call's record
    assert incoming["x_headers"]["X-Hotline-Ticket"] == "2026050600023"
    assert incoming["x_headers"]["X-Hotline-Call-Id"] == str(resp.json()["call_id"])
    assert incoming["x_headers"]["X-Hotline-Queue"] == QUEUE
    r.peers["1002"].request("answer", call_id=incoming["call_id"])
    r.peers["1001"].wait_event("CallEnded", timeout=15, call_id=agent_call)
    r.peers["caller"].wait_tone(AGENT2_HZ, audible=True)
    wait_until(lambda: r.agent("1002").state is AgentState.TALKING, 10, "1002 talking in the database")
    r.peers["caller"].request("hangup", call_id=caller_call)
    call = _ended_call(r, "13800138000", before)
    assert call.agent_id == r.agent("1002").id
    wait_until(lambda: r.agent("1002").state is AgentState.READY, 10, "1002 ready again")


def test_given_a_caller_choosing_voicemail_when_speaking_then_the_message_and_the_call_are_recorded(
    r: Rig,
) -> None:
    before = _last_call_id(r)
    caller = r.peers["caller"]
    call_id = str(
        caller.request("dial", uri=f"sip:{HOTLINE}@{r.sip_address}", account_id=r.accounts["caller"])
    )
    caller.wait_event("CallStateChanged", timeout=20, call_id=call_id, state="connected")
    time.sleep(0.5)
    caller.request("send_dtmf", call_id=call_id, digits="0")
    intro = sum(wav_duration(RESOURCES / f"{name}.wav") for name in ("voicemail_intro", "beep"))
    time.sleep(intro + 2.5)  # the intro and the beep, then the caller's tone is the message
    caller.request("send_dtmf", call_id=call_id, digits="#")
    call = _ended_call(r, "13800138000", before)
    assert call.disposition is CallDisposition.VOICEMAIL
    with r.db() as db:
        vm = db.scalar(select(Voicemail).where(Voicemail.call_id == call.id))
    assert vm is not None and vm.caller_number == "13800138000" and vm.duration_seconds > 0
    assert (r.data_dir / "voicemail" / vm.path).is_file()
    assert any(e.payload["voicemail_id"] == vm.id for e in r.events("voicemail_was_left"))


def test_given_a_consult_transfer_when_the_agent_completes_it_then_the_caller_talks_to_the_colleague(
    r: Rig,
) -> None:
    before = _last_call_id(r)
    caller_call, agent_call = _talking_to(r, "1001")
    r.set_state("1002", "ready")
    body = {"kind": "agent", "value": "1002", "consult": True, "ticket": "2026050600031"}
    resp = r.client.post("/api/v1/callcenter/transfer", json=body, headers=r.headers("1001"))
    assert resp.status_code == 200, resp.text
    incoming = r.peers["1002"].wait_event("IncomingCall", timeout=20)
    assert incoming["x_headers"]["X-Hotline-Ticket"] == "2026050600031"
    assert incoming["x_headers"]["X-Hotline-Consult-From"] == "1001"
    r.peers["1002"].request("answer", call_id=incoming["call_id"])
    r.peers["1001"].wait_tone(AGENT2_HZ, audible=True)  # the two agents talk …
    r.peers["caller"].wait_tone(AGENT2_HZ, audible=False)  # … while the caller waits on hold
    done = r.client.post("/api/v1/callcenter/transfer/complete", headers=r.headers("1001"))
    assert done.status_code == 200, done.text
    r.peers["1001"].wait_event("CallEnded", timeout=15, call_id=agent_call)
    r.peers["caller"].wait_tone(AGENT2_HZ, audible=True)
    r.peers["caller"].request("hangup", call_id=caller_call)
    call = _ended_call(r, "13800138000", before)
    with r.db() as db:
        legs = [
            (leg.agent_id, leg.outcome)
            for leg in db.scalars(
                select(CallAgentLeg).where(CallAgentLeg.call_id == call.id).order_by(CallAgentLeg.id)
            )
        ]
    assert legs == [(r.agent("1001").id, "transferred_consult"), (r.agent("1002").id, "answered")]


def test_given_an_agent_softphone_referring_to_a_queue_then_the_server_carries_the_transfer_out(
    r: Rig,
) -> None:
    before = _last_call_id(r)
    caller_call, agent_call = _talking_to(r, "1001")
    r.set_state("1002", "ready")
    # the agent app's transfer button on a plain SIP phone: REFER to sip:queue-<code>@server
    with contextlib.suppress(Exception):  # the worker declines the REFER itself (603) and asks the server
        r.peers["1001"].request(
            "blind_transfer", call_id=agent_call, target_uri=f"sip:queue-{QUEUE}@{r.sip_address}"
        )
    r.peers["1001"].wait_event("CallEnded", timeout=20, call_id=agent_call)
    incoming = r.peers["1002"].wait_event("IncomingCall", timeout=20)
    r.peers["1002"].request("answer", call_id=incoming["call_id"])
    r.peers["caller"].wait_tone(AGENT2_HZ, audible=True)
    r.peers["caller"].request("hangup", call_id=caller_call)
    call = _ended_call(r, "13800138000", before)
    assert call.agent_id == r.agent("1002").id


def test_given_a_talking_agent_when_the_softphone_holds_and_resumes_then_the_seat_shows_hold_and_it_counts(
    r: Rig,
) -> None:
    before = _last_call_id(r)
    seq = r.app.state.events.last_seq
    caller_call, agent_call = _talking_to(r, "1001")
    r.peers["1001"].request("hold", call_id=agent_call)
    wait_until(lambda: r.agent("1001").state is AgentState.HOLD, 15, "1001 on hold in the database")
    r.peers["caller"].wait_tone(AGENT_HZ, audible=False)  # hold music, not the agent's side
    time.sleep(1.5)  # the caller waits on hold a while
    r.peers["1001"].request("unhold", call_id=agent_call)
    wait_until(lambda: r.agent("1001").state is AgentState.TALKING, 15, "1001 talking again")
    r.peers["caller"].wait_tone(AGENT_HZ, audible=True)
    r.peers["caller"].request("hangup", call_id=caller_call)
    call = _ended_call(r, "13800138000", before)
    assert call.hold_seconds > 0
    states = [
        e.payload["state"]
        for e in r.events("agent_state_did_change", since=seq)
        if e.payload.get("work_number") == "1001"
    ]
    assert "hold" in states and "talking" in states[states.index("hold") :]
