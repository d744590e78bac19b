"""The console's supervision ladder over the real call path: the leader clicks Listen on the talking
seat, the server audits it and tells the conversation's media worker, the worker calls the console's
own softphone (registered at sign-in, auto-answer) and the leader hears the caller; Stop ends that call.

Real everything: the server app over HTTP with Kamailio and media worker processes, pjsua2 peers as
caller and agent, the console (``SupervisorApplication`` as the launcher builds it, the launcher's
``shared.telephony`` softphone on its GUI thread) in a child process because pjsua2 allows one endpoint
per process (``tests/supervisor_app/console_probe.py``, rig in ``live_rig.py``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from server_stub.db.models import Agent, AuditEntry
from shared.protocol.enums import AgentState
from tests.e2e.callpath_rig import AGENT_HZ, CALLER_HZ, HOTLINE, PASSWORD, wait_until
from tests.shared.telephony.audio.pulse import PulseServer
from tests.support.pulse import private_pulse

from .live_rig import AGENT, LEADER, LiveRig, headset_tones, live_rig, wait_status

pytestmark = [pytest.mark.sip, pytest.mark.e2e, pytest.mark.gui]


@pytest.fixture
def pulse() -> Iterator[PulseServer]:
    """A private PulseAudio with a null sink: the leader's headset speaker on a machine without sound."""
    with private_pulse(commands=("pulseaudio", "parec")) as server:
        yield server


@pytest.fixture
def live(tmp_path: Path, pulse: PulseServer) -> Iterator[LiveRig]:
    with live_rig(tmp_path / "live", pulse=pulse) as rig:
        yield rig


def _audit(live: LiveRig, action: str) -> list[AuditEntry]:
    with live.rig.db() as db:
        leader_id = db.scalar(select(Agent.id).where(Agent.work_number == LEADER))
        rows = list(db.scalars(select(AuditEntry).where(AuditEntry.action == action)))
        db.expunge_all()
    return [row for row in rows if row.actor_id == leader_id]


def _caller_talks_to_agent(live: LiveRig) -> str:
    """The caller dials the hotline, presses 1 and agent 1001 (the only ready seat) answers."""
    rig = live.rig
    rig.set_state(AGENT, "ready")
    caller = live.peers["caller"]
    call_id = str(
        caller.request("dial", uri=f"sip:{HOTLINE}@{rig.sip_address}", account_id=rig.accounts["caller"])
    )
    caller.wait_event("CallStateChanged", timeout=20, call_id=call_id, state="connected")
    time.sleep(0.5)  # the menu prompt starts
    caller.request("send_dtmf", call_id=call_id, digits="1")
    agent = live.peers[AGENT]
    incoming = agent.wait_event("IncomingCall", timeout=20)
    agent.request("answer", call_id=incoming["call_id"])
    caller.wait_tone(AGENT_HZ, audible=True, timeout=15)
    wait_until(lambda: rig.agent(AGENT).state is AgentState.TALKING, 10, "talking in the database")
    return call_id


def test_given_a_talking_seat_when_the_leader_clicks_listen_then_the_console_softphone_hears_the_caller_and_stop_ends_it(  # noqa: E501
    live: LiveRig, pulse: PulseServer
) -> None:
    console = live.console
    console.request("login", work_number=LEADER, password=PASSWORD)
    console.wait_event("SignedIn", timeout=20)
    console.wait_event("RegistrationChanged", timeout=20, state="registered")  # creds from the server

    caller_call = _caller_talks_to_agent(live)
    wait_status(
        console,
        lambda s: s["tiles"].get(AGENT, {}).get("state") == "talking",
        15,
        "the seat shows talking (event stream)",
    )

    assert console.request("status")["calls"] == []  # nothing on the leader's softphone before Listen
    agent_id = console.request("click", work_number=AGENT, mode="listen")
    incoming = console.wait_event("IncomingCall", timeout=20)  # the media worker calls the console
    assert incoming["auto_answer"], incoming
    leader_call = incoming["call_id"]
    console.wait_event("CallStateChanged", timeout=15, call_id=leader_call, state="connected")
    changed = console.wait_event("SupervisionChanged", timeout=10)
    assert changed == {"event": "SupervisionChanged", "agent_id": agent_id, "mode": "listen"}
    event = console.wait_event(
        "ServerEvent",
        timeout=10,
        type="supervision_did_change",
        where=lambda e: e["payload"]["mode"] == "listen",
    )
    assert event["payload"]["agent_id"] == agent_id
    started = _audit(live, "supervision_started")
    assert [e.details for e in started] == [{"mode": "listen", "agent": AGENT}]
    status = console.request("status")
    assert status["stage"] == "listening" and status["tiles"][AGENT]["supervised"] == "listen", status
    assert [c["state"] for c in status["calls"] if c["call_id"] == leader_call] == ["connected"], status

    # the leader's ear (a level meter on the supervision call) hears the caller and the agent
    console.wait_tone(CALLER_HZ, audible=True, timeout=15)
    console.wait_tone(AGENT_HZ, audible=True, timeout=10)
    # … and so does the headset's speaker (PortAudio on the private PulseAudio's null sink)
    heard = headset_tones(pulse, (CALLER_HZ, AGENT_HZ, 300.0))
    assert heard[CALLER_HZ] > 0.02 and heard[AGENT_HZ] > 0.02 and heard[300.0] < 0.01, heard

    console.request("click", work_number=AGENT, mode=None)
    console.wait_event("CallEnded", timeout=15, call_id=leader_call)
    stopped = console.wait_event("SupervisionChanged", timeout=10)
    assert stopped["mode"] is None
    console.wait_event(
        "ServerEvent", timeout=10, type="supervision_did_change", where=lambda e: e["payload"]["mode"] is None
    )
    assert [e.details for e in _audit(live, "supervision_ended")] == [{"mode": None, "agent": AGENT}]
    status = wait_status(console, lambda s: not s["calls"], 10, "no call left on the leader's softphone")
    assert status["stage"] == "idle" and status["tiles"][AGENT]["supervised"] is None, status
    # the conversation itself goes on: the caller still hears the agent
    live.peers["caller"].wait_tone(AGENT_HZ, audible=True, timeout=5)
    live.peers["caller"].request("hangup", call_id=caller_call)
