"""The Qt adapter pumps the engine from a QTimer and delivers events as signals on the GUI thread."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import TONE_B, start_peer

pytestmark = pytest.mark.sip

ROOT = Path(__file__).resolve().parents[3]


def test_given_a_qt_app_when_it_calls_a_peer_then_signals_arrive_on_the_gui_thread_in_order():
    b = start_peer("B", TONE_B)
    probe = subprocess.Popen(
        [sys.executable, "-m", "tests.shared.telephony.qt_probe", b.uri_for("agent")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    try:
        incoming = b.wait_event("IncomingCall")
        b.request("answer", call_id=incoming["call_id"])
        b.wait_event("CallStateChanged", call_id=incoming["call_id"], state="connected")
        b.request("hangup", call_id=incoming["call_id"])
        out, err = probe.communicate(timeout=30)
    finally:
        if probe.poll() is None:
            probe.kill()
            probe.wait(5)
        b.stop()
    assert probe.returncode == 0, err[-2000:]
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert lines[0] == {"wrong_thread": ["wrong_thread"]}
    signals = [line for line in lines if "signal" in line]
    assert all(line["on_gui_thread"] for line in signals)
    names = [line["signal"] for line in signals]
    assert names[0] == "call_created" and names[-1] == "call_ended"
    states = [line["state"] for line in signals if line["signal"] == "call_state_changed"]
    assert "connected" in states and states[-1] == "ended"
