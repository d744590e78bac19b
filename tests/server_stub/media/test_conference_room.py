"""The server-side conference room with real peers: Kamailio + media worker processes, pjsua2 processes
as caller, owning agent, invited agents and leader, each speaking its own tone and measuring what it hears
(every tone a multiple of 50 Hz, so the meters' 20 ms DFT bins do not leak into each other, and chosen so
that no two or three of them mix into a third). SIPp echoes as a department reached over the trunk."""

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
from server_stub.media.runtime import CallPathHandle
from shared.protocol.enums import SupervisionMode
from shared.telephony.peer_client import PeerProcess
from tests.shared.telephony.sip_servers import SippProcess
from tests.support.recordings import tone_levels

from .callpath_harness import (
    CALLER_NUMBER,
    HOTLINE,
    E,
    FakeControl,
    caller_account,
    register_agent,
    running_call_path,
)

pytestmark = pytest.mark.sip

CALLER_HZ, AGENT_HZ, A2_HZ, A3_HZ, A4_HZ, LEADER_HZ = 700.0, 850.0, 1250.0, 2050.0, 2350.0, 2800.0
METER = (CALLER_HZ, AGENT_HZ, A2_HZ, A3_HZ, A4_HZ, LEADER_HZ)
AGENT, NUMBER = mc.TransferTargetKind.AGENT, mc.TransferTargetKind.NUMBER


@dataclass
class Rig:
    handle: CallPathHandle
    control: FakeControl
    caller: PeerProcess
    agent: PeerProcess  # 1001, owns the conversation
    a2: PeerProcess  # 1002
    a3: PeerProcess  # 1003
    a4: PeerProcess  # 1004
    leader: PeerProcess  # 2001
    caller_acc: str
    data_dir: Path

    @property
    def peers(self) -> tuple[PeerProcess, ...]:
        return (self.caller, self.agent, self.a2, self.a3, self.a4, self.leader)


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    data_dir = tmp_path_factory.mktemp("conference")
    trunk = SippProcess(["-sn", "uas", "-rtp_echo"]).start()
    peers: list[PeerProcess] = []
    control = FakeControl()
    users = {w: f"pw-{w}" for w in ("1001", "1002", "1003", "1004", "2001")}
    try:
        for name, tone in (
            ("caller", CALLER_HZ),
            ("agent", AGENT_HZ),
            ("a2", A2_HZ),
            ("a3", A3_HZ),
            ("a4", A4_HZ),
            ("leader", LEADER_HZ),
        ):
            peers.append(PeerProcess(name, tone_hz=tone, meter_hz=METER).start())
        caller, agent, a2, a3, a4, leader = peers
        with running_call_path(
            data_dir, control, users, workers=3, trunk=f"127.0.0.1:{trunk.port}"
        ) as handle:
            for peer, work_number in zip(peers[1:], ("1001", "1002", "1003", "1004", "2001"), strict=True):
                register_agent(peer, work_number, f"pw-{work_number}", handle.sip_address)
            yield Rig(
                handle,
                control,
                caller,
                agent,
                a2,
                a3,
                a4,
                leader,
                caller_account(caller, CALLER_NUMBER),
                data_dir,
            )
    finally:
        for peer in peers:
            peer.stop()
        trunk.stop()


@pytest.fixture()
def r(rig: Rig) -> Iterator[Rig]:
    rig.control.route_to = "1001"
    rig.handle.max_room_size = 8
    for peer in rig.peers:
        peer.clear_events()
    yield rig
    for peer in rig.peers:
        _hang_up_all(peer)
    # every worker idle again (no conversation, no room extension) before the next test
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        infos = rig.handle.pool.workers()
        if all(w.ready and w.conversation_id is None and w.room_of is None for w in infos):
            break
        time.sleep(0.1)


def _hang_up_all(peer: PeerProcess, timeout: float = 15.0) -> None:
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


def _talking(r: Rig) -> tuple[str, str, str]:
    """A caller reaches agent 1001 through the IVR; returns (caller's call, conversation, agent's call)."""
    before = {e.conversation_id for e in r.control.events if isinstance(e, mc.InboundCallArrived)}
    call_id = str(
        r.caller.request("dial", uri=f"sip:{HOTLINE}@{r.handle.sip_address}", account_id=r.caller_acc)
    )
    conv = r.control.wait_for(
        mc.InboundCallArrived, where=lambda e: e.conversation_id not in before
    ).conversation_id
    r.caller.wait_event("CallStateChanged", timeout=15, call_id=call_id, state="connected")
    r.caller.request("send_dtmf", call_id=call_id, digits="1")
    incoming = r.agent.wait_event("IncomingCall", timeout=20)
    r.agent.request("answer", call_id=incoming["call_id"])
    r.control.wait_for(mc.AgentAnswered, where=lambda e: e.conversation_id == conv)
    return call_id, conv, str(incoming["call_id"])


def _wait_party(r: Rig, kind: type[E], conv: str, party_id: str, timeout: float = 20.0) -> E:
    return r.control.wait_for(
        kind,
        timeout=timeout,
        where=lambda e: e.conversation_id == conv and getattr(e, "party_id", None) == party_id,
    )


def _invite(r: Rig, conv: str, party_id: str, peer: PeerProcess, work_number: str) -> dict[str, object]:
    """Invite an agent into the room and have its softphone answer; returns the INVITE it saw."""
    r.handle.conference_add(
        conv, party_id, mc.TransferTarget(AGENT, work_number), {"X-Hotline-Ticket": "202611210042"}
    )
    _wait_party(r, mc.ConferencePartyRinging, conv, party_id)
    incoming = peer.wait_event("IncomingCall", timeout=20)
    peer.request("answer", call_id=incoming["call_id"])
    _wait_party(r, mc.ConferencePartyJoined, conv, party_id)
    return incoming


def _assert_room(members: dict[PeerProcess, float], outside: dict[PeerProcess, float] | None = None) -> None:
    """Each member hears every other member and not itself; nobody in the room hears ``outside``."""
    for peer in members:
        for other, hz in members.items():
            if other is not peer:
                peer.wait_tone(hz, audible=True, timeout=15)
    for peer, own in members.items():
        peer.wait_tone(own, audible=False)
        for hz in (outside or {}).values():
            peer.wait_tone(hz, audible=False)


def _ended(r: Rig, conv: str, timeout: float = 20.0) -> mc.ConversationEnded:
    return r.control.wait_for(
        mc.ConversationEnded, timeout=timeout, where=lambda e: e.conversation_id == conv
    )


def _room_workers(r: Rig, conv: str) -> list[str]:
    return [w.worker_id for w in r.handle.pool.workers() if w.room_of == conv]


def test_given_a_call_when_two_agents_join_a_room_of_four_then_all_hear_each_other_until_the_caller_leaves(
    r: Rig,
) -> None:
    r.handle.max_room_size = 4  # the whole room on the conversation's own worker
    call_id, conv, _ = _talking(r)
    seen = _invite(r, conv, "p-1002", r.a2, "1002")
    headers = seen["x_headers"]
    assert isinstance(headers, dict)
    assert headers["X-Hotline-Call"] == conv and headers["X-Hotline-Caller"] == CALLER_NUMBER
    assert headers["X-Hotline-Ticket"] == "202611210042" and headers["X-Hotline-Conference-From"] == "1001"
    _invite(r, conv, "p-1003", r.a3, "1003")
    assert _room_workers(r, conv) == []  # four members fit one worker
    _assert_room(
        {r.caller: CALLER_HZ, r.agent: AGENT_HZ, r.a2: A2_HZ, r.a3: A3_HZ},
        outside={r.a4: A4_HZ, r.leader: LEADER_HZ},
    )
    time.sleep(1.0)  # some conference on the recording
    r.caller.request("hangup", call_id=call_id)
    for peer in (r.agent, r.a2, r.a3):  # every leg of the room is hung up
        peer.wait_event("CallEnded", timeout=15)
    ended = _ended(r, conv)
    assert ended.ended_by is mc.EndedBy.CALLER
    assert ended.recording is not None
    assert ended.recording.agent_work_numbers == ("1001", "1002", "1003")
    left = {
        e.party_id
        for e in r.control.events
        if isinstance(e, mc.ConferencePartyLeft) and e.conversation_id == conv
    }
    assert left == {"p-1002", "p-1003"}
    assert (
        sum(isinstance(e, mc.ConversationEnded) and e.conversation_id == conv for e in r.control.events) == 1
    )
    levels = tone_levels(r.data_dir / "recordings" / ended.recording.path, METER)
    for hz in (CALLER_HZ, AGENT_HZ, A2_HZ, A3_HZ):
        assert levels[hz] > 0.02, levels
    assert levels[A4_HZ] < 0.005, levels


def test_given_a_room_when_a_party_hangs_up_and_another_is_removed_then_the_rest_go_on(r: Rig) -> None:
    r.handle.max_room_size = 4
    call_id, conv, _ = _talking(r)
    a2_call = _invite(r, conv, "p-1002", r.a2, "1002")["call_id"]
    _invite(r, conv, "p-1003", r.a3, "1003")
    r.caller.wait_tone(A3_HZ, audible=True)
    r.caller.wait_tone(A2_HZ, audible=True)

    r.a2.request("hangup", call_id=a2_call)
    left = _wait_party(r, mc.ConferencePartyLeft, conv, "p-1002")
    assert not left.removed
    _assert_room({r.caller: CALLER_HZ, r.agent: AGENT_HZ, r.a3: A3_HZ}, outside={r.a2: A2_HZ})

    r.handle.conference_remove(conv, "p-1003")
    assert _wait_party(r, mc.ConferencePartyLeft, conv, "p-1003").removed
    r.a3.wait_event("CallEnded", timeout=15)
    r.caller.wait_tone(A3_HZ, audible=False)
    r.caller.wait_tone(AGENT_HZ, audible=True)  # caller and agent talk on
    r.agent.wait_tone(CALLER_HZ, audible=True)

    r.handle.conference_remove(conv, "p-1003")  # already gone: refused, nothing changes
    refused = r.control.wait_for(
        mc.CommandFailed, where=lambda e: e.conversation_id == conv and e.command == "conference_remove"
    )
    assert refused.error_id == "unknown_party"
    assert "ConversationEnded" not in r.control.of(conv)
    r.caller.request("hangup", call_id=call_id)
    _ended(r, conv)


def test_given_an_invitation_when_the_agent_is_offline_busy_slow_or_the_room_full_then_the_party_failed(
    r: Rig,
) -> None:
    call_id, conv, _ = _talking(r)
    r.handle.conference_add(conv, "p-offline", mc.TransferTarget(AGENT, "1009"))
    offline = _wait_party(r, mc.ConferencePartyFailed, conv, "p-offline")
    assert "not reachable" in offline.reason and offline.sip_code == 404

    r.handle.conference_add(conv, "p-busy", mc.TransferTarget(AGENT, "1002"))
    incoming = r.a2.wait_event("IncomingCall", timeout=20)
    r.a2.request("reject", call_id=incoming["call_id"], code=486)
    busy = _wait_party(r, mc.ConferencePartyFailed, conv, "p-busy")
    assert (busy.reason, busy.sip_code) == ("busy", 486)

    r.handle.conference_add(conv, "p-slow", mc.TransferTarget(AGENT, "1004"), timeout_s=2.0)
    r.a4.wait_event("IncomingCall", timeout=20)  # rings, nobody picks up
    assert _wait_party(r, mc.ConferencePartyFailed, conv, "p-slow").reason == "no answer"
    r.a4.wait_event("CallEnded", timeout=15)

    r.handle.max_room_size = 3
    _invite(r, conv, "p-1003", r.a3, "1003")
    r.handle.conference_add(conv, "p-1004", mc.TransferTarget(AGENT, "1004"))
    assert _wait_party(r, mc.ConferencePartyFailed, conv, "p-1004").reason == "room full"
    with pytest.raises(mc.MediaCommandError, match="agent or a number"):
        r.handle.conference_add(conv, "p-q", mc.TransferTarget(mc.TransferTargetKind.QUEUE, "Q1"))
    r.handle.conference_add(conv, "p-1003", mc.TransferTarget(AGENT, "1003"))
    dup = r.control.wait_for(mc.CommandFailed, where=lambda e: e.conversation_id == conv)
    assert dup.error_id == "duplicate_party"
    _assert_room({r.caller: CALLER_HZ, r.agent: AGENT_HZ, r.a3: A3_HZ}, outside={r.a4: A4_HZ})
    r.caller.request("hangup", call_id=call_id)
    _ended(r, conv)


def test_given_a_room_when_the_owning_agent_holds_then_hangs_up_then_the_caller_stays_with_the_party(
    r: Rig,
) -> None:
    call_id, conv, agent_call = _talking(r)
    _invite(r, conv, "p-1002", r.a2, "1002")
    r.caller.wait_tone(A2_HZ, audible=True)
    r.agent.request("hold", call_id=agent_call)
    r.control.wait_for(mc.CallerHeld, where=lambda e: e.conversation_id == conv)
    r.caller.wait_tone(AGENT_HZ, audible=False)  # the holding agent is out of the room for now …
    r.a2.wait_tone(AGENT_HZ, audible=False)
    r.caller.wait_tone(A2_HZ, audible=True)  # … the others talk on
    r.a2.wait_tone(CALLER_HZ, audible=True)
    r.agent.request("unhold", call_id=agent_call)
    r.control.wait_for(mc.CallerResumed, where=lambda e: e.conversation_id == conv)
    r.caller.wait_tone(AGENT_HZ, audible=True)

    r.agent.request("hangup", call_id=agent_call)
    gone = r.control.wait_for(mc.AgentHungUp, where=lambda e: e.conversation_id == conv)
    assert gone.agent_work_number == "1001"
    r.caller.wait_tone(A2_HZ, audible=True)
    r.a2.wait_tone(CALLER_HZ, audible=True)
    assert "ConversationEnded" not in r.control.of(conv)

    r.a2.request("hangup", call_id=r.a2.history("IncomingCall")[-1]["call_id"])
    _wait_party(r, mc.ConferencePartyLeft, conv, "p-1002")
    ended = _ended(r, conv)  # the caller alone: the conversation is over
    assert ended.ended_by is mc.EndedBy.AGENT
    r.caller.wait_event("CallEnded", timeout=15, call_id=call_id)


def test_given_a_room_of_three_when_a_leader_listens_then_whispers_then_the_room_and_only_the_agent_hear_it(
    r: Rig,
) -> None:
    call_id, conv, _ = _talking(r)
    _invite(r, conv, "p-1002", r.a2, "1002")
    r.handle.supervise(conv, "2001", SupervisionMode.LISTEN)
    r.control.wait_for(mc.SupervisorJoined, where=lambda e: e.conversation_id == conv)
    for hz in (CALLER_HZ, AGENT_HZ, A2_HZ):
        r.leader.wait_tone(hz, audible=True)
    for peer in (r.caller, r.agent, r.a2):
        peer.wait_tone(LEADER_HZ, audible=False)
    r.handle.supervise(conv, "2001", SupervisionMode.WHISPER)
    r.agent.wait_tone(LEADER_HZ, audible=True)
    time.sleep(0.5)
    r.caller.wait_tone(LEADER_HZ, audible=False)
    r.a2.wait_tone(LEADER_HZ, audible=False)
    r.caller.request("hangup", call_id=call_id)
    _ended(r, conv)


def test_given_a_room_when_a_department_number_is_invited_then_it_joins_over_the_trunk(r: Rig) -> None:
    call_id, conv, _ = _talking(r)
    r.handle.conference_add(conv, "dept", mc.TransferTarget(NUMBER, "0871-12345"))
    _wait_party(r, mc.ConferencePartyJoined, conv, "dept")
    r.caller.wait_tone(CALLER_HZ, audible=True)  # the trunk's far end (SIPp) echoes what the room says
    r.agent.wait_tone(AGENT_HZ, audible=True)
    r.caller.request("hangup", call_id=call_id)
    _wait_party(r, mc.ConferencePartyLeft, conv, "dept")
    _ended(r, conv)


def test_given_a_room_of_five_when_it_spans_two_workers_then_everyone_hears_everyone_and_it_ends_cleanly(
    r: Rig,
) -> None:
    call_id, conv, _ = _talking(r)
    _invite(r, conv, "p-1002", r.a2, "1002")  # on the conversation's worker
    _invite(r, conv, "p-1003", r.a3, "1003")  # the last slot is the link: these two ring from a second worker
    _invite(r, conv, "p-1004", r.a4, "1004")
    extension = _room_workers(r, conv)
    assert len(extension) == 1
    _assert_room(
        {r.caller: CALLER_HZ, r.agent: AGENT_HZ, r.a2: A2_HZ, r.a3: A3_HZ, r.a4: A4_HZ},
        outside={r.leader: LEADER_HZ},
    )
    r.handle.conference_remove(conv, "p-1004")  # a party on the extension is removed through the chain
    assert _wait_party(r, mc.ConferencePartyLeft, conv, "p-1004").removed
    r.caller.wait_tone(A4_HZ, audible=False)
    r.caller.wait_tone(A3_HZ, audible=True)
    time.sleep(1.0)
    r.caller.request("hangup", call_id=call_id)
    for peer in (r.agent, r.a2, r.a3):
        peer.wait_event("CallEnded", timeout=15)
    ended = _ended(r, conv)
    assert ended.recording is not None
    assert set(ended.recording.agent_work_numbers) == {"1001", "1002", "1003", "1004"}
    levels = tone_levels(r.data_dir / "recordings" / ended.recording.path, METER)
    assert levels[A3_HZ] > 0.02 and levels[A4_HZ] > 0.01, levels  # the extension's parties are recorded
    deadline = time.monotonic() + 15
    while _room_workers(r, conv) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _room_workers(r, conv) == []  # the extension is idle again


def test_given_a_room_of_six_when_it_spans_three_workers_then_everyone_hears_everyone_through_two_links(
    r: Rig,
) -> None:
    call_id, conv, _ = _talking(r)
    for party, peer, work_number in (
        ("p-1002", r.a2, "1002"),  # the conversation's worker
        ("p-1003", r.a3, "1003"),  # the first extension …
        ("p-1004", r.a4, "1004"),
        ("p-2001", r.leader, "2001"),  # … and the second, linked from the first
    ):
        _invite(r, conv, party, peer, work_number)
    assert len(_room_workers(r, conv)) == 2
    _assert_room(
        {r.caller: CALLER_HZ, r.agent: AGENT_HZ, r.a2: A2_HZ, r.a3: A3_HZ, r.a4: A4_HZ, r.leader: LEADER_HZ}
    )
    r.handle.conference_remove(conv, "p-2001")  # two hops down the chain
    assert _wait_party(r, mc.ConferencePartyLeft, conv, "p-2001").removed
    r.caller.wait_tone(LEADER_HZ, audible=False)
    deadline = time.monotonic() + 15  # nobody behind the second link any more: that worker is freed
    while len(_room_workers(r, conv)) > 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(_room_workers(r, conv)) == 1
    r.caller.wait_tone(A4_HZ, audible=True)
    r.caller.request("hangup", call_id=call_id)
    assert _ended(r, conv).ended_by is mc.EndedBy.CALLER


def test_given_an_idle_worker_when_someone_else_poses_as_a_room_link_then_403_and_the_worker_stays_free(
    r: Rig,
) -> None:
    worker = next(w for w in r.handle.pool.workers() if w.ready and w.conversation_id is None)
    forged = {"X-Hotline-Room": "conv-forged", "X-Hotline-Room-From": "w-1"}  # no or a wrong key
    for headers in (forged, {**forged, "X-Hotline-Room-Key": "0" * 32}):
        call_id = r.caller.request(
            "dial", uri=f"sip:room-conv-forged@{worker.host}:{worker.port}", headers=headers
        )
        ended = r.caller.wait_event("CallEnded", timeout=15, call_id=call_id)
        assert ended["sip_code"] == 403 and not ended["was_connected"], ended
    info = next(w for w in r.handle.pool.workers() if w.worker_id == worker.worker_id)
    assert info.conversation_id is None and info.room_of is None


def test_given_a_room_on_two_workers_when_the_extension_dies_then_its_party_leaves_and_the_rest_talk_on(
    r: Rig,
) -> None:
    # last in the module: the worker that linked to the dead one keeps a PJSIP slot for the unanswered BYE
    call_id, conv, _ = _talking(r)
    _invite(r, conv, "p-1002", r.a2, "1002")
    _invite(r, conv, "p-1003", r.a3, "1003")  # rings from the extension
    (extension,) = _room_workers(r, conv)
    r.caller.wait_tone(A3_HZ, audible=True)
    pid = next(w.pid for w in r.handle.pool.workers() if w.worker_id == extension)
    os.kill(pid, signal.SIGKILL)
    left = _wait_party(r, mc.ConferencePartyLeft, conv, "p-1003")
    assert not left.removed
    r.caller.wait_tone(A3_HZ, audible=False)
    _assert_room({r.caller: CALLER_HZ, r.agent: AGENT_HZ, r.a2: A2_HZ})
    assert "ConversationEnded" not in r.control.of(conv)
    r.caller.request("hangup", call_id=call_id)
    _ended(r, conv)
