"""End to end: the real server, the real app with the real SIP engine (own process), a real far end.

ring → pop within budget → answer → ticket saved → hang up → wrap-up → ready, checked from all sides:
the app's own report, the far end's call, and the server's database.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import pytest
from sqlalchemy import select

from server_stub.db.models import AgentStateLog, Ticket
from shared.client import HotlineClient
from shared.client.models import CustomerCreate
from shared.protocol.enums import AgentState, CustomerTag
from shared.telephony.peer_client import PeerProcess
from tests.shared.client.conftest import PASSWORD, LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.sip, pytest.mark.gui]

ROOT = Path(__file__).resolve().parents[2]
POP_BUDGET_MS = 1000  # China's ring is 1 s on: the pop must be painted within the first ring


class ProbeOutput:
    """Reads the app process's JSON lines on a thread; ``wait`` takes the first matching line, in order,
    keeping the others for later waits (events may arrive in either order)."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self._pending: list[dict[str, Any]] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            if line.startswith("{"):
                self.lines.put(json.loads(line))

    def wait(self, event: str, timeout: float = 30.0, *, fresh: bool = False, **match: Any) -> dict[str, Any]:
        """``fresh``: only lines not yet read (e.g. the next state change, not an earlier one)."""

        def wanted(item: dict[str, Any]) -> bool:
            return item["event"] == event and all(item.get(k) == v for k, v in match.items())

        for item in [] if fresh else self._pending:
            if wanted(item):
                self._pending.remove(item)
                return item
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {event!r} from the app; saw {[e['event'] for e in self.seen]}")
            try:
                item = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            self.seen.append(item)
            if item["event"] == "timeout":
                raise AssertionError(f"the app timed out; saw {self.seen}")
            if wanted(item):
                return item
            self._pending.append(item)


def test_given_real_server_engine_and_far_end_when_citizen_calls_then_full_call_cycle(
    live_server: LiveServer, tmp_path: Path
) -> None:
    agent_id = live_server.add_agent("3001", name="王芳", sip_password="sip-secret-3001")
    setup = HotlineClient(live_server.url)
    setup.login("3001", PASSWORD)
    customer = setup.create_customer(
        CustomerCreate(name="刘建国", phones=["13800138000"], tags=[CustomerTag.VIP, CustomerTag.ELDERLY])
    )
    setup.logout()
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "agent_app.demo.probe",
            "--server",
            live_server.url,
            "--work-number",
            "3001",
            "--password",
            PASSWORD,
            "--calls",
            "1",
            "--mode",
            "e2e",
            "--wrap-up-s",
            "1",
            "--timeout-s",
            "90",
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
    far_end = PeerProcess("citizen", tone_hz=600.0).start()
    try:
        assert app.stdout is not None
        out = ProbeOutput(app.stdout)
        ready = out.wait("ready", 60)
        far_end.request(
            "dial",
            uri=ready["sip_uri"],
            headers={
                "X-Hotline-Call": "e2e-1",
                "X-Hotline-Caller": "13800138000",
                "X-Hotline-Queue": "12345",
                "X-Hotline-Ivr-Path": "1>2",
                "X-Hotline-Ivr-Digits": "12",
            },
        )
        popped = out.wait("popped")
        assert popped["customer"] == "刘建国"
        assert popped["latency_ms"] < POP_BUDGET_MS
        answered = out.wait("answered")
        assert answered["state"] == AgentState.TALKING.value, json.dumps(out.seen, ensure_ascii=False)
        far_end.wait_event("CallStateChanged", state="connected", timeout=15)
        ticket = out.wait("ticket")
        assert ticket["serial"] and ticket["serial"] in ticket["shown"]
        far_end.wait_event("CallEnded", timeout=15)
        assert out.wait("state", fresh=True)["state"] == AgentState.WRAP_UP.value
        assert out.wait("state", 15, fresh=True)["state"] == AgentState.READY.value
        done = out.wait("done", 30)
        assert app.wait(30) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)
        far_end.stop()
    with live_server.app.state.session_factory() as db:
        saved = db.scalars(select(Ticket).where(Ticket.serial == ticket["serial"])).one()
        assert saved.customer_id == customer.id and saved.agent_id == agent_id
        assert "公积金提取" in saved.content and saved.client_ref
        states = [
            row.state
            for row in db.scalars(
                select(AgentStateLog).where(AgentStateLog.agent_id == agent_id).order_by(AgentStateLog.id)
            )
        ]
        # ready before the call; after the app quit the server logs a vanished seat out (presence)
        assert AgentState.READY in states and states[-1] is AgentState.LOGGED_OUT
    assert done["server_state"] == AgentState.READY.value


def test_given_real_engine_when_holding_muting_and_sending_dtmf_then_far_end_notices_each(
    live_server: LiveServer, tmp_path: Path
) -> None:
    live_server.add_agent("3002", name="李强", sip_password="sip-secret-3002")
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "agent_app.demo.probe",
            "--server",
            live_server.url,
            "--work-number",
            "3002",
            "--password",
            PASSWORD,
            "--calls",
            "1",
            "--mode",
            "controls",
            "--timeout-s",
            "90",
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
    far_end = PeerProcess("citizen-2", tone_hz=600.0).start()
    try:
        assert app.stdout is not None
        out = ProbeOutput(app.stdout)
        ready = out.wait("ready", 60)
        far_end.request("dial", uri=ready["sip_uri"], headers={"X-Hotline-Caller": "13911112222"})
        held = out.wait("held")
        assert held["line_state"] == "held" and held["seat_state"] == AgentState.HOLD.value
        resumed = out.wait("resumed")
        assert resumed["line_state"] == "connected" and resumed["seat_state"] == AgentState.TALKING.value
        assert out.wait("muted")["muted"] is True
        far_end.wait_event("CallEnded", timeout=20)
        assert app.wait(30) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)
        digits = [e["digit"] for e in far_end.history("DtmfReceived")]
        media = far_end.history("CallMediaChanged")
        far_end.stop()
    assert digits == ["1", "#"]
    assert any(m["remote_hold"] for m in media) and not media[-1]["remote_hold"]
