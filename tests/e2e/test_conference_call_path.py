"""A server-side conference end to end: a caller (pjsua2) reaches agent A through the IVR and the queue,
A invites colleagues B and C over REST, the media worker rings their softphones and mixes everyone —
each party speaks its own tone and hears the three others — B hangs up, the caller hangs up; the
database keeps every party's leg and the recording, and the seats got ``conference_did_change``.

Real peers throughout: the server's REST on SQLite, the call centre, Kamailio, media worker processes,
one pjsua2 process per party, SIPp as the trunk's far end."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.app import API_PREFIX, bind_app, build_app
from server_stub.callcenter import router as cc_router
from server_stub.callcenter.startup import CallCenterHandle, start_callcenter
from server_stub.db.models import Call, CallAgentLeg, Recording
from server_stub.events.hub import Subscription
from server_stub.settings import TEST_PASSWORD_COST, Settings
from shared.protocol.enums import AgentState, Role
from shared.telephony.peer_client import PeerProcess
from tests.shared.telephony.sip_servers import SippProcess, free_udp_port
from tests.support.recordings import tone_levels

from .callpath_rig import HOTLINE, Rig, register, seed, wait_until

pytestmark = [pytest.mark.sip, pytest.mark.e2e]

CALLER = "13800138000"
#: every party's own tone; every ear measures all four
TONES = {"caller": 600.0, "1001": 1000.0, "1002": 1400.0, "1003": 800.0}
METER = tuple(TONES.values())
URL = f"{API_PREFIX}/callcenter/conference"


@contextlib.contextmanager
def _conference_rig(data_dir: Path) -> Iterator[Rig]:
    """``callpath_rig.running_rig`` with three agents of distinct tones and no leader."""
    settings = Settings(data_dir=data_dir, password_cost=TEST_PASSWORD_COST)
    app = build_app()
    app.include_router(cc_router.router, prefix=API_PREFIX)
    bind_app(app, settings)
    agents = ("1001", "1002", "1003")
    seed(app, agents=agents)
    trunk = SippProcess(["-sn", "uas", "-rtp_echo"]).start()
    peers: dict[str, PeerProcess] = {}
    handle: CallCenterHandle | None = None
    try:
        for name, tone in TONES.items():
            peers[name] = PeerProcess(f"conf-{name}", tone_hz=tone, meter_hz=METER).start()
        with TestClient(app) as client:
            handle = start_callcenter(
                app,
                settings,
                sip_port=free_udp_port(),
                media_workers=2,
                trunk=f"127.0.0.1:{trunk.port}",
                worker_log_level="INFO",
            )
            rig = Rig(app, client, handle, data_dir, trunk, peers, start_seq=app.state.events.last_seq)
            for name in agents:
                rig.accounts[name] = register(peers[name], name, rig.sip_address)
            rig.accounts["caller"] = str(
                peers["caller"].request("add_account", config={"sip_uri": f"sip:{CALLER}@127.0.0.1"})
            )
            yield rig
    finally:
        if handle is not None:
            handle.stop()
        for peer in peers.values():
            peer.stop()
        trunk.stop()
        app.state.engine.dispose()


@pytest.fixture()
def rig(tmp_path: Path) -> Iterator[Rig]:
    with _conference_rig(tmp_path) as rig:
        yield rig


def _room_events(rig: Rig, work_number: str) -> list[dict[str, Any]]:
    """The ``conference_did_change`` payloads the seat of ``work_number`` receives."""
    sub = Subscription(agent_id=rig.agent(work_number).id, role=Role.AGENT)
    got = rig.app.state.events.replay_since(rig.start_seq, sub) or []
    return [e.payload for e in got if e.type.value == "conference_did_change"]


def _party_state(rig: Rig, party_id: str) -> str | None:
    events = _room_events(rig, "1001")
    if not events:
        return None
    return next((p["state"] for p in events[-1]["parties"] if p["party_id"] == party_id), None)


def _invite_and_answer(rig: Rig, owner: dict[str, str], work_number: str, party_id: str) -> str:
    seen = len(rig.peers[work_number].history("IncomingCall"))
    r = rig.client.post(URL, json={"kind": "agent", "value": work_number}, headers=owner)
    assert r.status_code == 201, r.text
    assert r.json()["parties"][-1]["party_id"] == party_id
    wait_until(lambda: len(rig.peers[work_number].history("IncomingCall")) > seen, 20, f"{work_number} rings")
    incoming = rig.peers[work_number].history("IncomingCall")[-1]
    assert incoming["x_headers"].get("X-Hotline-Conference") == party_id
    wait_until(lambda: rig.agent(work_number).state is AgentState.RESERVED, 10, f"{work_number} reserved")
    rig.peers[work_number].request("answer", call_id=incoming["call_id"])
    wait_until(lambda: _party_state(rig, party_id) == "joined", 20, f"{party_id} joined")
    wait_until(lambda: rig.agent(work_number).state is AgentState.TALKING, 10, f"{work_number} talking")
    return str(incoming["call_id"])


def test_given_a_caller_with_a_when_a_invites_b_and_c_then_all_four_hear_each_other_and_it_is_recorded(
    rig: Rig,
) -> None:
    for colleague in ("1002", "1003"):  # signed in, out of the queue: only A takes the caller
        rig.set_state(colleague, "not_ready", "break")
    rig.set_state("1001", "ready")
    caller = rig.peers["caller"]
    caller_call = str(
        caller.request("dial", uri=f"sip:{HOTLINE}@{rig.sip_address}", account_id=rig.accounts["caller"])
    )
    caller.wait_event("CallStateChanged", timeout=20, call_id=caller_call, state="connected")
    time.sleep(0.5)  # the menu prompt starts
    caller.request("send_dtmf", call_id=caller_call, digits="1")
    incoming = rig.peers["1001"].wait_event("IncomingCall", timeout=20)
    call_id = int(incoming["x_headers"]["X-Hotline-Call-Id"])
    rig.peers["1001"].request("answer", call_id=incoming["call_id"])
    caller.wait_tone(TONES["1001"], audible=True)
    wait_until(lambda: rig.agent("1001").state is AgentState.TALKING, 10, "A talking")

    owner = rig.headers("1001")
    b_call = _invite_and_answer(rig, owner, "1002", "p1")
    _invite_and_answer(rig, owner, "1003", "p2")
    for ear in TONES:
        for voice, hz in TONES.items():
            if voice != ear:
                rig.peers[ear].wait_tone(hz, audible=True, timeout=15)
    room = rig.client.get(URL, headers=rig.headers("1003")).json()
    assert [(p["party_id"], p["state"]) for p in room["parties"]] == [
        ("caller", "joined"),
        ("agent:1001", "joined"),
        ("p1", "joined"),
        ("p2", "joined"),
    ]
    live = next(c for c in rig.handle.callcenter.live().calls if c.call_id == call_id)
    assert [p.party_id for p in live.conference] == ["caller", "agent:1001", "p1", "p2"]
    time.sleep(1.0)  # all four on the recording

    rig.peers["1002"].request("hangup", call_id=b_call)  # B leaves; the others go on
    wait_until(lambda: _party_state(rig, "p1") == "left", 20, "B left the room")
    caller.wait_tone(TONES["1002"], audible=False, timeout=15)
    caller.wait_tone(TONES["1003"], audible=True)
    wait_until(lambda: rig.agent("1002").state is not AgentState.TALKING, 10, "B out of the call")

    caller.request("hangup", call_id=caller_call)

    def ended() -> bool:
        with rig.db() as db:
            call = db.get(Call, call_id)
            return call is not None and call.ended_at is not None

    wait_until(ended, 20, "the call ended in the database")
    with rig.db() as db:
        call = db.get(Call, call_id)
        assert call is not None
        legs = list(
            db.scalars(select(CallAgentLeg).where(CallAgentLeg.call_id == call_id).order_by(CallAgentLeg.id))
        )
        recording = db.scalar(select(Recording).where(Recording.call_id == call_id))
    ids = {wn: rig.agent(wn).id for wn in ("1001", "1002", "1003")}
    assert [(leg.agent_id, leg.outcome) for leg in legs] == [
        (ids["1001"], "answered"),
        (ids["1002"], "conference"),
        (ids["1003"], "conference"),
    ]
    assert all(leg.answered_at and leg.ended_at for leg in legs)
    b_leg = legs[1]
    assert b_leg.ended_at is not None and call.ended_at is not None and b_leg.ended_at < call.ended_at
    assert call.agent_id == ids["1001"]
    assert recording is not None and recording.duration_seconds > 1.0
    levels = tone_levels(rig.data_dir / "recordings" / recording.path, METER)
    assert all(level > 0.02 for level in levels.values()), levels

    for seat in ("1001", "1002", "1003"):
        events = _room_events(rig, seat)
        assert events, f"{seat} got no conference_did_change"
        assert events[-1]["ended"] is True and events[-1]["call_id"] == call_id
    # the colleagues were invited from not-ready "break": wrap-up, then back to their break
    for colleague in ("1002", "1003"):
        wait_until(
            lambda wn=colleague: rig.agent(wn).state is AgentState.NOT_READY,  # type: ignore[misc]
            20,
            f"{colleague} back to not ready",
        )
        assert rig.agent(colleague).state_reason == "break"
    wait_until(lambda: rig.agent("1001").state is AgentState.READY, 20, "A ready after wrap-up")
