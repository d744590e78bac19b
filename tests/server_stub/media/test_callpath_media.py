"""The call path with real peers: Kamailio + media worker processes, pjsua2 processes as caller, agents
and leader (each speaks one tone and measures what it hears), SIPp as a pcap/DTMF caller and as the
trunk's far end. Assertions on the control-plane events, the recordings' audio and who heard whom."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from server_stub.media import control as mc
from server_stub.media.prompts import RESOURCES, wav_duration
from server_stub.media.runtime import CallPathHandle
from shared.protocol.enums import SupervisionMode
from shared.telephony.peer_client import PeerProcess
from tests.support.recordings import tone_levels
from tools import sipp
from tools.sipp import SippProcess

from .callpath_harness import (
    BLOCKED_NUMBER,
    CALLER_NUMBER,
    HOTLINE,
    TEST_TREE,
    FakeControl,
    caller_account,
    register_agent,
    running_call_path,
)

pytestmark = pytest.mark.sip

CALLER_HZ, AGENT_HZ, AGENT2_HZ, LEADER_HZ = 600.0, 1000.0, 1400.0, 800.0
METER = (CALLER_HZ, LEADER_HZ, AGENT_HZ, AGENT2_HZ)
TRUNK_NUMBER = "88886666"


@dataclass
class Rig:
    handle: CallPathHandle
    control: FakeControl
    caller: PeerProcess
    agent: PeerProcess
    agent2: PeerProcess
    leader: PeerProcess
    caller_acc: str
    blocked_acc: str
    trunk: SippProcess
    data_dir: Path
    agent_acc: str


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    data_dir = tmp_path_factory.mktemp("callpath")
    trunk = SippProcess(["-sn", "uas", "-rtp_echo"]).start()
    peers: list[PeerProcess] = []
    control = FakeControl()
    users = {"1001": "pw-1001", "1002": "pw-1002", "2001": "pw-2001"}
    try:
        for name, tone in (
            ("caller", CALLER_HZ),
            ("agent", AGENT_HZ),
            ("agent2", AGENT2_HZ),
            ("leader", LEADER_HZ),
        ):
            peers.append(PeerProcess(name, tone_hz=tone, meter_hz=METER).start())
        caller, agent, agent2, leader = peers
        with running_call_path(
            data_dir, control, users, workers=3, trunk=f"127.0.0.1:{trunk.port}"
        ) as handle:
            agent_acc = register_agent(agent, "1001", "pw-1001", handle.sip_address)
            register_agent(agent2, "1002", "pw-1002", handle.sip_address)
            register_agent(leader, "2001", "pw-2001", handle.sip_address)
            yield Rig(
                handle,
                control,
                caller,
                agent,
                agent2,
                leader,
                caller_account(caller, CALLER_NUMBER),
                caller_account(caller, BLOCKED_NUMBER),
                trunk,
                data_dir,
                agent_acc,
            )
    finally:
        for peer in peers:
            peer.stop()
        trunk.stop()


@pytest.fixture()
def r(rig: Rig) -> Iterator[Rig]:
    rig.control.route_to = None
    for peer in (rig.caller, rig.agent, rig.agent2, rig.leader):
        peer.clear_events()
    yield rig
    for peer in (rig.caller, rig.agent, rig.agent2, rig.leader):
        _hang_up_all(peer)
    # every worker idle again before the next test
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        infos = rig.handle.pool.workers()
        if all(w.ready and w.conversation_id is None for w in infos) and len(infos) >= 3:
            break
        time.sleep(0.1)


def _hang_up_all(peer: PeerProcess, timeout: float = 15.0) -> None:
    """Hang up every call of ``peer`` and wait until they are really gone (no stale audio next test)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            calls = [c for c in peer.request("calls") if c.get("state") != "ended"]
        except Exception:
            return
        if not calls:
            return
        for call in calls:
            with contextlib.suppress(Exception):
                peer.request("hangup", call_id=call["call_id"])
        time.sleep(0.2)


def _dial_hotline(r: Rig, account: str | None = None) -> tuple[str, str]:
    """Caller dials 12345; returns (caller's call id, conversation id)."""
    before = {e.conversation_id for e in r.control.events if isinstance(e, mc.InboundCallArrived)}
    call_id = r.caller.request(
        "dial", uri=f"sip:{HOTLINE}@{r.handle.sip_address}", account_id=account or r.caller_acc
    )
    arrived = r.control.wait_for(mc.InboundCallArrived, where=lambda e: e.conversation_id not in before)
    r.caller.wait_event("CallStateChanged", timeout=15, call_id=call_id, state="connected")
    return str(call_id), arrived.conversation_id


def _to_agent(r: Rig, agent: str = "1001") -> tuple[str, str, str]:
    """A caller reaches ``agent`` through the IVR (key 1) and the agent answers."""
    r.control.route_to = agent
    peer = r.agent if agent == "1001" else r.agent2
    call_id, conv = _dial_hotline(r)
    r.caller.request("send_dtmf", call_id=call_id, digits="1")
    incoming = peer.wait_event("IncomingCall", timeout=20)
    peer.request("answer", call_id=incoming["call_id"])
    r.control.wait_for(mc.AgentAnswered, where=lambda e: e.conversation_id == conv)
    return call_id, conv, str(incoming["call_id"])


def _ended(r: Rig, conv: str, timeout: float = 15.0) -> mc.ConversationEnded:
    return r.control.wait_for(
        mc.ConversationEnded, timeout=timeout, where=lambda e: e.conversation_id == conv
    )


def test_given_a_caller_pressing_1_when_the_agent_answers_then_both_hear_each_other_and_both_are_recorded(
    r: Rig,
) -> None:
    call_id, conv, _ = _to_agent(r)
    incoming = r.agent.history("IncomingCall")[-1]
    assert incoming["x_headers"]["X-Hotline-Call"] == conv
    assert incoming["x_headers"]["X-Hotline-Caller"] == CALLER_NUMBER
    assert incoming["x_headers"]["X-Hotline-Queue"] == "Q12345_GENERAL"
    assert incoming["x_headers"]["X-Hotline-Ivr-Path"] == "main>1"
    r.agent.wait_tone(CALLER_HZ, audible=True)
    r.caller.wait_tone(AGENT_HZ, audible=True)
    time.sleep(1.5)  # some conversation on the recording
    r.caller.request("hangup", call_id=call_id)
    ended = _ended(r, conv)
    assert ended.ended_by is mc.EndedBy.CALLER
    assert ended.recording is not None and ended.recording.agent_work_numbers == ("1001",)
    path = r.data_dir / "recordings" / ended.recording.path
    assert path.is_file() and ended.recording.duration_s > 1.0
    levels = tone_levels(path, (CALLER_HZ, AGENT_HZ, AGENT2_HZ))
    assert levels[CALLER_HZ] > 0.05 and levels[AGENT_HZ] > 0.05, levels
    assert levels[AGENT2_HZ] < 0.01, levels
    sides = {
        rec.kind: tone_levels(r.data_dir / "recordings" / rec.path, (CALLER_HZ, AGENT_HZ))
        for rec in ended.leg_recordings
    }
    assert sides["caller"][CALLER_HZ] > 0.05 and sides["caller"][AGENT_HZ] < 0.01, sides
    assert sides["agent"][AGENT_HZ] > 0.05 and sides["agent"][CALLER_HZ] < 0.01, sides
    routed = r.control.wait_for(mc.IvrRouted, where=lambda e: e.conversation_id == conv)
    assert (routed.queue_code, routed.digits) == ("Q12345_GENERAL", "1")
    assert r.control.of(conv)[:4] == ["InboundCallArrived", "IvrRouted", "AgentRinging", "AgentAnswered"]


def test_given_a_menu_whose_prompt_file_is_missing_when_calling_then_the_caller_still_reaches_the_queue(
    r: Rig,
) -> None:
    r.control.tree = {**r.control.tree, "prompt": "deleted_by_mistake.wav"}
    try:
        call_id, conv = _dial_hotline(r)
        routed = r.control.wait_for(mc.IvrRouted, where=lambda e: e.conversation_id == conv)
        assert routed.ivr_path == "main>default"  # no prompt to hear, no key pressed: the default queue
    finally:
        r.control.tree = dict(TEST_TREE)
    r.caller.request("hangup", call_id=call_id)
    _ended(r, conv)


def test_given_a_blacklisted_number_when_calling_then_it_hears_a_message_and_is_disconnected(r: Rig) -> None:
    call_id, conv = _dial_hotline(r, r.blocked_acc)
    blocked = r.control.wait_for(mc.BlockedCallerRejected, where=lambda e: e.conversation_id == conv)
    assert blocked.caller == BLOCKED_NUMBER
    ended = r.caller.wait_event("CallEnded", timeout=15, call_id=call_id)
    assert ended["was_connected"] and ended["duration_s"] > 1.0  # the message was played first
    assert _ended(r, conv).ended_by is mc.EndedBy.SYSTEM
    assert "IvrRouted" not in r.control.of(conv)


def test_given_a_queued_caller_when_hanging_up_then_caller_hung_up_is_reported(r: Rig) -> None:
    call_id, conv = _dial_hotline(r)
    r.caller.request("send_dtmf", call_id=call_id, digits="1")
    r.control.wait_for(mc.IvrRouted, where=lambda e: e.conversation_id == conv)
    r.handle.complete_transfer(conv)  # nothing to complete: refused, the caller stays queued
    refused = r.control.wait_for(mc.CommandFailed, where=lambda e: e.conversation_id == conv)
    assert (refused.command, refused.error_id) == ("complete_transfer", "wrong_phase")
    with pytest.raises(mc.MediaCommandError, match="not a queue"):
        r.handle.transfer(conv, mc.TransferTarget(mc.TransferTargetKind.QUEUE, "Q1"), consult=True)
    r.handle.announce_position(conv, 3, 100)
    time.sleep(1.0)  # hold music / announcement playing
    r.caller.wait_tone(AGENT_HZ, audible=False)
    r.caller.request("hangup", call_id=call_id)
    hung = r.control.wait_for(mc.CallerHungUp, where=lambda e: e.conversation_id == conv)
    assert hung.phase == "queued"
    assert _ended(r, conv).recording is None


def test_given_an_offer_when_the_agent_rejects_then_did_not_answer_and_the_caller_stays_queued(
    r: Rig,
) -> None:
    call_id, conv = _dial_hotline(r)
    r.caller.request("send_dtmf", call_id=call_id, digits="1")
    r.control.wait_for(mc.IvrRouted, where=lambda e: e.conversation_id == conv)
    r.handle.offer_to_agent(conv, "1001", {"X-Hotline-Queue": "Q12345_GENERAL"})
    incoming = r.agent.wait_event("IncomingCall", timeout=15)
    r.agent.request("reject", call_id=incoming["call_id"], code=486)
    missed = r.control.wait_for(mc.AgentDidNotAnswer, where=lambda e: e.conversation_id == conv)
    assert missed.reason is mc.NoAnswerReason.REJECTED
    r.handle.offer_to_agent(conv, "1002", {})
    r.agent2.request("answer", call_id=r.agent2.wait_event("IncomingCall", timeout=15)["call_id"])
    r.caller.wait_tone(AGENT2_HZ, audible=True)
    r.agent2.wait_tone(CALLER_HZ, audible=True)


def test_given_a_worker_killed_mid_call_when_the_pool_notices_then_worker_died_and_the_next_call_works(
    r: Rig,
) -> None:
    call_id, conv, _ = _to_agent(r)
    worker = next(w for w in r.handle.pool.workers() if w.conversation_id == conv)
    others = {w.worker_id for w in r.handle.pool.workers() if w.worker_id != worker.worker_id}
    os.kill(worker.pid, signal.SIGKILL)
    died = r.control.wait_for(mc.WorkerDied, where=lambda e: e.worker_id == worker.worker_id)
    assert died.conversation_ids == (conv,)
    assert _ended(r, conv).ended_by is mc.EndedBy.WORKER_DIED
    assert r.handle.pool.wait_ready(3, timeout=30)
    assert others <= {w.worker_id for w in r.handle.pool.workers()}  # nobody else was touched
    _hang_up_all(r.caller)
    _hang_up_all(r.agent)
    r.agent.clear_events()
    call_id, conv2, _ = _to_agent(r)
    r.caller.wait_tone(AGENT_HZ, audible=True)
    r.caller.request("hangup", call_id=call_id)
    _ended(r, conv2)


def test_given_a_talking_call_when_a_leader_supervises_then_each_mode_routes_audio_as_specified(
    r: Rig,
) -> None:
    call_id, conv, agent_call = _to_agent(r)
    r.handle.supervise(conv, "2001", SupervisionMode.LISTEN)
    joined = r.control.wait_for(mc.SupervisorJoined, where=lambda e: e.conversation_id == conv)
    assert joined.mode is SupervisionMode.LISTEN
    r.leader.wait_tone(CALLER_HZ, audible=True)
    r.leader.wait_tone(AGENT_HZ, audible=True)
    r.agent.wait_tone(LEADER_HZ, audible=False)
    r.caller.wait_tone(LEADER_HZ, audible=False)

    r.handle.supervise(conv, "2001", SupervisionMode.WHISPER)
    r.agent.wait_tone(LEADER_HZ, audible=True)
    r.caller.wait_tone(LEADER_HZ, audible=False)

    r.handle.supervise(conv, "2001", SupervisionMode.BARGE)
    r.caller.wait_tone(LEADER_HZ, audible=True)
    r.agent.wait_tone(LEADER_HZ, audible=True)
    r.leader.wait_tone(CALLER_HZ, audible=True)

    r.handle.supervise(conv, "2001", SupervisionMode.TAKE_OVER)
    r.agent.wait_event("CallEnded", timeout=15, call_id=agent_call)
    r.control.wait_for(mc.AgentHungUp, where=lambda e: e.conversation_id == conv)
    r.caller.wait_tone(LEADER_HZ, audible=True)
    r.caller.wait_tone(AGENT_HZ, audible=False)
    r.leader.wait_tone(CALLER_HZ, audible=True)
    r.caller.request("hangup", call_id=call_id)
    ended = _ended(r, conv)
    assert ended.recording is not None and "2001" in ended.recording.agent_work_numbers


def test_given_a_talking_call_when_blind_transferred_to_another_agent_then_the_caller_talks_to_them(
    r: Rig,
) -> None:
    call_id, conv, agent_call = _to_agent(r)
    r.handle.transfer(conv, mc.TransferTarget(mc.TransferTargetKind.AGENT, "1002"))
    r.agent.wait_event("CallEnded", timeout=15, call_id=agent_call)
    incoming = r.agent2.wait_event("IncomingCall", timeout=15)
    assert incoming["x_headers"]["X-Hotline-Call"] == conv  # the call's data follows it
    assert incoming["x_headers"]["X-Hotline-Transfer-From"] == "1001"
    assert incoming["x_headers"]["X-Hotline-Ivr-Path"] == "main>1"
    r.agent2.request("answer", call_id=incoming["call_id"])
    done = r.control.wait_for(mc.TransferCompleted, where=lambda e: e.conversation_id == conv)
    assert done.from_agent == "1001" and done.target.value == "1002"
    r.caller.wait_tone(AGENT2_HZ, audible=True)
    r.agent2.wait_tone(CALLER_HZ, audible=True)
    r.caller.request("hangup", call_id=call_id)
    ended = _ended(r, conv)
    assert ended.recording is not None and ended.recording.agent_work_numbers == ("1001", "1002")


def test_given_a_talking_call_when_consult_transfer_completes_then_the_caller_talks_to_the_target(
    r: Rig,
) -> None:
    call_id, conv, agent_call = _to_agent(r)
    r.handle.transfer(conv, mc.TransferTarget(mc.TransferTargetKind.AGENT, "1002"), consult=True)
    incoming = r.agent2.wait_event("IncomingCall", timeout=15)
    r.agent2.request("answer", call_id=incoming["call_id"])
    r.agent2.wait_tone(AGENT_HZ, audible=True)  # the two agents talk …
    r.agent.wait_tone(AGENT2_HZ, audible=True)
    r.caller.wait_tone(AGENT2_HZ, audible=False)  # … while the caller does not hear them
    r.caller.wait_tone(AGENT_HZ, audible=False)
    r.handle.complete_transfer(conv)
    r.agent.wait_event("CallEnded", timeout=15, call_id=agent_call)
    r.caller.wait_tone(AGENT2_HZ, audible=True)
    r.control.wait_for(mc.TransferCompleted, where=lambda e: e.conversation_id == conv)
    r.caller.request("hangup", call_id=call_id)
    _ended(r, conv)


def test_given_a_consult_call_when_the_first_agent_hangs_up_then_the_caller_is_handed_over(r: Rig) -> None:
    call_id, conv, agent_call = _to_agent(r)
    r.handle.transfer(conv, mc.TransferTarget(mc.TransferTargetKind.AGENT, "1002"), consult=True)
    r.agent2.request("answer", call_id=r.agent2.wait_event("IncomingCall", timeout=15)["call_id"])
    r.agent.wait_tone(AGENT2_HZ, audible=True)
    r.agent.request("hangup", call_id=agent_call)
    r.control.wait_for(mc.TransferCompleted, where=lambda e: e.conversation_id == conv)
    r.caller.wait_tone(AGENT2_HZ, audible=True)
    r.agent2.wait_tone(CALLER_HZ, audible=True)
    r.caller.request("hangup", call_id=call_id)
    assert _ended(r, conv).ended_by is mc.EndedBy.CALLER


def test_given_an_agent_when_dialling_out_then_a_worker_places_the_trunk_leg_and_records(r: Rig) -> None:
    conv = r.handle.dial_outbound("1001", TRUNK_NUMBER, {"X-Hotline-Callback": "42"})
    incoming = r.agent.wait_event("IncomingCall", timeout=15)
    assert incoming["auto_answer"] and incoming["x_headers"]["X-Hotline-Outbound"] == TRUNK_NUMBER
    answered = r.control.wait_for(mc.OutboundAnswered, timeout=20, where=lambda e: e.conversation_id == conv)
    assert answered.number == TRUNK_NUMBER
    r.agent.wait_tone(AGENT_HZ, audible=True)  # the trunk's far end echoes the agent's voice back
    time.sleep(1.0)
    r.agent.request("hangup", call_id=incoming["call_id"])
    ended = _ended(r, conv)
    assert ended.ended_by is mc.EndedBy.AGENT and ended.recording is not None


def test_given_a_talking_call_when_transferred_to_a_queue_then_the_control_plane_is_asked_and_offers_again(
    r: Rig,
) -> None:
    call_id, conv, agent_call = _to_agent(r)
    target = mc.TransferTarget(mc.TransferTargetKind.QUEUE, "Q12345_COMPLAINT")
    r.handle.transfer(conv, target)
    asked = r.control.wait_for(mc.TransferRequested, where=lambda e: e.conversation_id == conv)
    assert (asked.requested_by, asked.target) == ("1001", target)
    r.agent.wait_event("CallEnded", timeout=15, call_id=agent_call)
    r.caller.wait_tone(AGENT_HZ, audible=False)  # back on hold: nobody talks to the caller
    r.handle.offer_to_agent(conv, "1002", {"X-Hotline-Queue": "Q12345_COMPLAINT"})
    r.agent2.request("answer", call_id=r.agent2.wait_event("IncomingCall", timeout=15)["call_id"])
    r.caller.wait_tone(AGENT2_HZ, audible=True)
    r.caller.request("hangup", call_id=call_id)
    _ended(r, conv)


def test_given_a_talking_call_when_transferred_to_a_department_number_then_a_trunk_leg_takes_over(
    r: Rig,
) -> None:
    call_id, conv, agent_call = _to_agent(r)
    r.handle.transfer(conv, mc.TransferTarget(mc.TransferTargetKind.NUMBER, "0871-12345"))
    r.agent.wait_event("CallEnded", timeout=15, call_id=agent_call)
    done = r.control.wait_for(mc.TransferCompleted, timeout=20, where=lambda e: e.conversation_id == conv)
    assert done.target.kind is mc.TransferTargetKind.NUMBER
    r.caller.wait_tone(CALLER_HZ, audible=True)  # the trunk's far end (SIPp) echoes the caller
    r.caller.request("hangup", call_id=call_id)
    _ended(r, conv)


def test_given_a_registered_agent_when_its_softphone_dials_a_number_then_a_worker_places_the_trunk_leg(
    r: Rig,
) -> None:
    call_id = r.agent.request("dial", uri=TRUNK_NUMBER, account_id=r.agent_acc)
    asked = r.control.wait_for(mc.OutboundRequested, where=lambda e: e.number == TRUNK_NUMBER)
    assert asked.agent_work_number == "1001"
    r.control.wait_for(mc.OutboundAnswered, where=lambda e: e.conversation_id == asked.conversation_id)
    r.agent.wait_tone(AGENT_HZ, audible=True)  # echoed by the far end
    r.agent.request("hangup", call_id=call_id)
    assert _ended(r, asked.conversation_id).recording is not None


def test_given_the_agent_s_softphone_when_it_refers_the_call_then_the_control_plane_is_asked(r: Rig) -> None:
    call_id, conv, agent_call = _to_agent(r)
    with contextlib.suppress(Exception):  # the worker declines the REFER itself and reports it
        r.agent.request("blind_transfer", call_id=agent_call, target_uri=f"sip:1002@{r.handle.sip_address}")
    asked = r.control.wait_for(mc.TransferRequested, where=lambda e: e.conversation_id == conv)
    assert asked.requested_by == "1001"
    assert asked.target == mc.TransferTarget(mc.TransferTargetKind.AGENT, "1002")
    r.caller.wait_tone(AGENT_HZ, audible=True)  # nothing changed until the control plane decides
    r.caller.request("hangup", call_id=call_id)
    _ended(r, conv)


def test_given_a_caller_asking_ticket_status_when_typing_the_serial_then_it_is_looked_up_and_menu_returns(
    r: Rig,
) -> None:
    r.control.tickets["202611210007"] = "您的工单正在办理中。"
    call_id, conv = _dial_hotline(r)
    # keys pressed during a prompt are kept (type-ahead), so no waiting for the prompts to finish
    r.caller.request("send_dtmf", call_id=call_id, digits="3202611210007#")
    deadline = time.monotonic() + 15
    while "202611210007" not in r.control.serials_asked and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "202611210007" in r.control.serials_asked
    r.caller.request("send_dtmf", call_id=call_id, digits="1")
    routed = r.control.wait_for(mc.IvrRouted, where=lambda e: e.conversation_id == conv)
    assert routed.ivr_path == "main>1"
    r.caller.request("hangup", call_id=call_id)
    _ended(r, conv)


def test_given_a_caller_choosing_voicemail_when_speaking_then_the_message_is_saved(r: Rig) -> None:
    call_id, conv = _dial_hotline(r)
    r.caller.request("send_dtmf", call_id=call_id, digits="0")
    r.control.wait_for(mc.InboundCallArrived, where=lambda e: e.conversation_id == conv)
    intro = sum(wav_duration(RESOURCES / f"{name}.wav") for name in ("voicemail_intro", "beep"))
    time.sleep(intro + 2.5)  # the intro and beep, then the caller's tone is the message
    r.caller.request("send_dtmf", call_id=call_id, digits="#")
    left = r.control.wait_for(mc.VoicemailLeft, timeout=20, where=lambda e: e.conversation_id == conv)
    assert left.caller == CALLER_NUMBER and left.duration_s > 0.5
    _ended(r, conv)
    path = r.data_dir / "voicemail" / left.path
    assert tone_levels(path, (CALLER_HZ,))[CALLER_HZ] > 0.1


def sipp_caller_scenario(*, hotline: str = HOTLINE, number: str = "13611112222", talk_ms: int = 3000) -> str:
    """A caller who presses 1 in the IVR, speaks (the shipped PCMA pcap) and hangs up after ``talk_ms``."""
    return sipp.caller_scenario(
        hotline=hotline,
        number=number,
        actions=[sipp.pause(1500), *sipp.press("1", gap_ms=500), sipp.play_pcap("pcap/g711a.pcap")],
        wait_for_bye_ms=talk_ms,
        then_hang_up=True,
        name="hotline caller: DTMF 1 in the IVR, then hangs up",
    )


def test_given_a_sipp_caller_when_it_presses_1_then_it_is_queued_and_abandoning_is_reported(r: Rig) -> None:
    before = {e.conversation_id for e in r.control.events}
    caller = SippProcess(
        ["-m", "1", "-l", "1", r.handle.sip_address], scenario=sipp_caller_scenario(talk_ms=2500)
    )
    try:
        caller.start()
        assert caller.wait(60) == 0, caller.output
    finally:
        caller.stop()
    arrived = r.control.wait_for(mc.InboundCallArrived, where=lambda e: e.conversation_id not in before)
    assert arrived.caller == "13611112222" and arrived.hotline_number == HOTLINE
    conv = arrived.conversation_id
    routed = r.control.wait_for(mc.IvrRouted, where=lambda e: e.conversation_id == conv)
    assert routed.digits == "1"
    assert r.control.wait_for(mc.CallerHungUp, where=lambda e: e.conversation_id == conv).phase == "queued"


def test_given_a_sipp_caller_with_pcap_audio_when_an_agent_answers_then_the_agent_hears_it_and_it_is_recorded(
    r: Rig,
) -> None:
    r.control.route_to = "1001"
    before = {e.conversation_id for e in r.control.events}
    caller = SippProcess(
        ["-m", "1", "-l", "1", r.handle.sip_address],
        scenario=sipp_caller_scenario(number="13622223333", talk_ms=6000),
    )
    try:
        caller.start()
        incoming = r.agent.wait_event("IncomingCall", timeout=20)
        r.agent.request("answer", call_id=incoming["call_id"])
        deadline = time.monotonic() + 10
        heard = -100.0
        while time.monotonic() < deadline and heard < -40:  # the pcap's speech through worker and bridge
            heard = max(heard, r.agent.levels()[0])
            time.sleep(0.1)
        assert heard > -40, f"agent heard {heard:.1f} dBFS"
        assert caller.wait(60) == 0, caller.output
    finally:
        caller.stop()
    conv = r.control.wait_for(
        mc.InboundCallArrived, where=lambda e: e.conversation_id not in before and e.caller == "13622223333"
    ).conversation_id
    assert r.control.wait_for(mc.CallerHungUp, where=lambda e: e.conversation_id == conv).phase == "talking"
    ended = _ended(r, conv)
    assert ended.recording is not None and ended.recording.duration_s > 2
