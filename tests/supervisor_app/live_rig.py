"""The real server with its call path, served over HTTP, plus the leader's console in its own process.

The server side reuses the end-to-end rig's seeding and helpers (``tests/e2e/callpath_rig.py``): the
real app on SQLite (uvicorn on a port found by binding to 0, so the console can reach REST and the
WebSocket), the call centre with Kamailio and media worker processes, pjsua2 peer processes as the caller
and agent 1001 (each speaks a tone and measures what it hears). The leader 9001 is the console itself:
:class:`ConsoleProcess` runs :mod:`tests.supervisor_app.console_probe`. Everything is stopped by PID.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from fastapi import FastAPI
from fastapi.testclient import TestClient

from server_stub.app import create_app
from server_stub.callcenter.startup import CallCenterHandle, start_callcenter
from server_stub.settings import TEST_PASSWORD_COST, Settings
from shared.telephony.peer_client import PeerProcess
from tests.e2e.callpath_rig import AGENT_HZ, CALLER_HZ, METER, Rig, register, seed
from tests.shared.telephony.audio.pulse import HEADSET_SPEAKER, RATE, SINK, PulseServer
from tests.shared.telephony.sip_servers import free_udp_port
from tests.support.live_server import serve_in_thread

AGENT = "1001"
LEADER = "9001"
_PULSE_VARS = ("HOME", "XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH", "PULSE_STATE_PATH", "PULSE_SERVER")


class ConsoleProcess(PeerProcess):
    """The console probe in a child process, driven over the peer's JSON-lines protocol."""

    def __init__(
        self, server_url: str, sip_port: int, data_dir: Path, *, pulse: PulseServer | None = None
    ) -> None:
        super().__init__("console", log_dir=data_dir)
        # the private PulseAudio's environment must be there before PortAudio lists its devices
        env = [f"{k}={v}" for k, v in pulse.env.items() if k in _PULSE_VARS] if pulse else []
        self._args = [
            *(["/usr/bin/env", *env] if env else []),
            sys.executable,
            "-m",
            "tests.supervisor_app.console_probe",
            server_url,
            str(sip_port),
            str(data_dir / "console"),
            HEADSET_SPEAKER if pulse else "",
        ]


@dataclass
class LiveRig:
    rig: Rig  # the e2e rig's helpers (REST as a user, agent rows) over this server
    url: str
    sip_port: int
    console: ConsoleProcess

    @property
    def app(self) -> FastAPI:
        return self.rig.app

    @property
    def peers(self) -> dict[str, PeerProcess]:
        return self.rig.peers


@contextlib.contextmanager
def live_rig(data_dir: Path, *, workers: int = 2, pulse: PulseServer | None = None) -> Iterator[LiveRig]:
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=data_dir, password_cost=TEST_PASSWORD_COST, presence_grace_seconds=30)
    app = create_app(settings)  # mounts /callcenter and /supervision, like python -m server_stub
    seed(app, agents=(AGENT,), leader=LEADER)
    peers: dict[str, PeerProcess] = {}
    handle: CallCenterHandle | None = None
    console: ConsoleProcess | None = None
    try:
        peers["caller"] = PeerProcess("live-caller", tone_hz=CALLER_HZ, meter_hz=METER).start()
        peers[AGENT] = PeerProcess(f"live-{AGENT}", tone_hz=AGENT_HZ, meter_hz=METER).start()
        with serve_in_thread(app) as url:
            sip_port = free_udp_port()
            handle = start_callcenter(
                app, settings, sip_port=sip_port, media_workers=workers, worker_log_level="INFO"
            )
            # REST as the agents with the e2e helpers; the hub's loop is uvicorn's, so no lifespan here
            rig = Rig(app, TestClient(app), handle, data_dir, trunk=None, peers=peers)  # type: ignore[arg-type]
            rig.accounts[AGENT] = register(peers[AGENT], AGENT, rig.sip_address)
            rig.accounts["caller"] = str(
                peers["caller"].request("add_account", config={"sip_uri": "sip:13800138000@127.0.0.1"})
            )
            console = ConsoleProcess(url, sip_port, data_dir, pulse=pulse)
            console.start(timeout=60)
            yield LiveRig(rig, url, sip_port, console)
    finally:
        if console is not None:
            console.stop()
        if handle is not None:
            handle.stop()
        for peer in peers.values():
            peer.stop()
        app.state.engine.dispose()


def headset_tones(pulse: PulseServer, freqs: tuple[float, ...], seconds: float = 1.5) -> dict[float, float]:
    """Record the headset speaker's sink (its monitor) for ``seconds``; each tone's share of the spectrum."""
    proc = subprocess.Popen(
        ["parec", "-d", f"{SINK}.monitor", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1"],
        env=pulse.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(seconds)
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    pcm = np.frombuffer(out[: len(out) // 2 * 2], dtype="<i2").astype(np.float64)
    if pcm.size < RATE // 4:
        raise AssertionError(f"parec recorded only {pcm.size} samples from the headset sink")
    spectrum = np.abs(np.fft.rfft(pcm * np.hanning(len(pcm))))
    bins = np.fft.rfftfreq(len(pcm), 1 / RATE)
    total = float(np.sum(spectrum)) or 1.0
    return {f: float(np.sum(spectrum[(bins > f - 15) & (bins < f + 15)]) / total) for f in freqs}


def wait_status(console: ConsoleProcess, predicate: Any, timeout: float, what: str) -> dict[str, Any]:
    """Poll the console's status until ``predicate(status)``; the last status in the failure message."""
    deadline = time.monotonic() + timeout
    while True:
        status = console.request("status")
        if predicate(status):
            return dict(status)
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s; console status {status}")
        time.sleep(0.2)
