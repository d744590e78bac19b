"""Fixtures for the headset-audio tests.

``pulse`` starts one private PulseAudio for the session (see ``pulse.py`` for why it is private and
how PortAudio finds it) and stops it by PID. Anything using pjsua2 or the PulseAudio devices runs in a
subprocess (``run_scenario``): pjsua2 allows one ``Endpoint`` per process, and PortAudio must see the
PulseAudio environment before ``sounddevice`` is imported.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.shared.telephony.audio.pulse import PulseServer

SCENARIOS = Path(__file__).with_name("audio_scenarios.py")
REPO_ROOT = Path(__file__).resolve().parents[4]

Scenario = Callable[..., dict[str, Any]]


@pytest.fixture(scope="session")
def pulse() -> Iterator[PulseServer]:
    if shutil.which("pulseaudio") is None:
        pytest.fail("pulseaudio is not installed (tools/setup-system.sh installs it)")
    server = PulseServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


def _run(env: dict[str, str] | None, name: str, *args: str, timeout: float = 60.0) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, str(SCENARIOS), name, *args],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise AssertionError(
            f"scenario {name} failed (exit {proc.returncode})\n--- stdout\n{proc.stdout[-4000:]}"
            f"\n--- stderr\n{proc.stderr[-6000:]}"
        )
    result: dict[str, Any] = json.loads(lines[-1][len("RESULT ") :])
    result["_stderr"] = proc.stderr
    return result


@pytest.fixture
def run_pulse_scenario(pulse: PulseServer) -> Iterator[Scenario]:
    pulse.ensure_sink()

    def run(name: str, *args: str, timeout: float = 60.0) -> dict[str, Any]:
        return _run(pulse.env, name, *args, timeout=timeout)

    yield run
    pulse.ensure_sink()


@pytest.fixture
def run_scenario() -> Scenario:
    def run(name: str, *args: str, timeout: float = 60.0) -> dict[str, Any]:
        return _run(None, name, *args, timeout=timeout)

    return run
