"""Fixtures for the headset-audio tests.

``pulse`` starts one private PulseAudio for the session (see ``pulse.py`` for why it is private and
how PortAudio finds it) and stops it by PID. Anything using pjsua2 or the PulseAudio devices runs in a
subprocess (``run_scenario``): pjsua2 allows one ``Endpoint`` per process, and PortAudio must see the
PulseAudio environment before ``sounddevice`` is imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.shared.telephony.audio.pulse import PulseServer
from tests.shared.telephony.audio.scenario_runner import Scenario, run_scenario_process
from tests.support.pulse import private_pulse


@pytest.fixture(scope="session")
def pulse() -> Iterator[PulseServer]:
    with private_pulse() as server:
        yield server


@pytest.fixture
def run_pulse_scenario(pulse: PulseServer) -> Iterator[Scenario]:
    pulse.ensure_sink()

    def run(name: str, *args: str, timeout: float = 60.0) -> dict[str, Any]:
        return run_scenario_process(pulse.env, name, *args, timeout=timeout)

    yield run
    pulse.ensure_sink()


@pytest.fixture
def run_scenario() -> Scenario:
    def run(name: str, *args: str, timeout: float = 60.0) -> dict[str, Any]:
        return run_scenario_process(None, name, *args, timeout=timeout)

    return run
