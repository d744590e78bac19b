"""Recording playback through PortAudio on a real (null-sink) PulseAudio device: it is paced like a
speaker, seeks, and stops at the end. The player runs in a subprocess given the private server's
environment, because PortAudio reads the device list once per process."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.shared.telephony.audio.pulse import HEADSET_SPEAKER, PulseServer
from tests.support.pulse import private_pulse


@pytest.fixture(scope="module")
def pulse_server() -> Iterator[PulseServer]:
    with private_pulse() as server:
        yield server


def test_given_headset_speaker_when_recording_plays_then_it_is_paced_seeks_and_ends(
    pulse_server: PulseServer,
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.supervisor_app.playback_probe", HEADSET_SPEAKER],
        env=pulse_server.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["advanced"] and result["elapsed"] >= 0.35  # half a second of audio took real time
    assert result["after_seek"]
    assert result["finished"] and result["end"] == pytest.approx(6.0, abs=0.05)
