"""End to end through the whole call path: a citizen dials 12345 at Kamailio, a media worker plays the
IVR and offers the call to the app registered with digest auth; the app pops from the worker's
X-Hotline headers and the real server, the agent answers, saves a ticket, hangs up, wraps up, is ready.

The routing decision comes from the media tests' small control plane (``FakeControl`` routes every IVR'd
caller to our agent) until ``python -m server_stub`` starts the ACD and the call path together.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from server_stub.db.models import Ticket
from shared.client import HotlineClient
from shared.client.models import CustomerCreate
from shared.protocol.enums import AgentState
from shared.telephony.peer_client import PeerProcess
from tests.server_stub.media.callpath_harness import (
    CALLER_NUMBER,
    HOTLINE,
    FakeControl,
    caller_account,
    running_call_path,
)
from tests.shared.client.conftest import PASSWORD, LiveServer

from .test_end_to_end import ROOT, ProbeOutput

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.sip,
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("kamailio") is None, reason="needs Kamailio (tools/setup-system.sh)"),
]


def test_given_caller_through_ivr_and_worker_when_offered_to_the_app_then_full_cycle(
    live_server: LiveServer, tmp_path: Path
) -> None:
    live_server.add_agent("3003", name="张敏", sip_password="pw-3003-secret")
    setup = HotlineClient(live_server.url)
    setup.login("3003", PASSWORD)
    setup.create_customer(CustomerCreate(name="刘建国", phones=[CALLER_NUMBER]))
    setup.logout()
    control = FakeControl(route_to="3003")
    caller = PeerProcess("citizen-3", tone_hz=600.0).start()
    app: subprocess.Popen[str] | None = None
    try:
        with running_call_path(tmp_path / "callpath", control, {"3003": "pw-3003-secret"}, workers=1) as path:
            app = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "agent_app.demo.probe",
                    "--server",
                    live_server.url,
                    "--work-number",
                    "3003",
                    "--password",
                    PASSWORD,
                    "--mode",
                    "e2e",
                    "--wrap-up-s",
                    "1",
                    "--sip-registrar",
                    f"sip:{path.sip_address}",
                    "--sip-domain",
                    path.sip_address,
                    "--timeout-s",
                    "120",
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=(tmp_path / "app.log").open("w"),
                text=True,
                env={
                    "QT_QPA_PLATFORM": "offscreen",
                    "PATH": "/usr/bin:/bin",
                    "HOME": str(tmp_path),
                    "XDG_CACHE_HOME": str(tmp_path / "cache"),
                },
            )
            assert app.stdout is not None
            out = ProbeOutput(app.stdout)
            out.wait("ready", 60)
            out.wait("registration", 30, registered=True)
            account = caller_account(caller, CALLER_NUMBER)
            call_id = caller.request("dial", uri=f"sip:{HOTLINE}@{path.sip_address}", account_id=account)
            caller.wait_event("CallStateChanged", timeout=20, call_id=call_id, state="connected")
            caller.request("send_dtmf", call_id=call_id, digits="1")
            incoming = out.wait("incoming", 30)
            assert incoming["headers"]["X-Hotline-Caller"] == CALLER_NUMBER
            popped = out.wait("popped")
            assert popped["customer"] == "刘建国" and popped["number"] == CALLER_NUMBER
            assert out.wait("answered")["state"] == AgentState.TALKING.value
            ticket = out.wait("ticket")
            assert ticket["serial"] in ticket["shown"]
            caller.wait_event("CallEnded", timeout=20, call_id=call_id)
            assert out.wait("state", fresh=True)["state"] == AgentState.WRAP_UP.value
            assert out.wait("state", 15, fresh=True)["state"] == AgentState.READY.value
            assert app.wait(30) == 0
    finally:
        if app is not None and app.poll() is None:
            app.kill()
            app.wait(10)
        caller.stop()
    with live_server.app.state.session_factory() as db:
        saved = db.scalars(select(Ticket).where(Ticket.serial == ticket["serial"])).one()
        assert saved.caller_number == CALLER_NUMBER and "公积金提取" in saved.content
