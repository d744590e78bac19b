"""Headsets on machines without sound: the null device (tests, servers) and a bridge that finds no
PortAudio device at all — calls must keep their audio clock either way."""

from __future__ import annotations

import os
import tempfile
from typing import Any

import pytest

from tests.shared.telephony.audio.scenario_runner import run_scenario_process

pytestmark = pytest.mark.audio


def test_given_null_headset_when_wired_like_a_call_then_both_ports_work_and_capture_is_silent(
    run_scenario: Any,
) -> None:
    result = run_scenario("null_headset")

    assert result["meter_frames"] >= 50
    assert result["meter_dbfs"] < -90.0


def test_given_no_sound_server_when_headset_starts_then_user_told_and_calls_keep_running_silent() -> None:
    with tempfile.TemporaryDirectory(prefix="hd-nosound-") as home:
        env = dict(os.environ, HOME=home, XDG_RUNTIME_DIR=home, PULSE_SERVER=f"unix:{home}/no-such-socket")
        result = run_scenario_process(env, "no_sound_server")

    assert result["states"] == ["silent", "silent"]
    assert {(e["kind"], e["role"], e["using"]) for e in result["events"]} == {
        ("device_not_found", "microphone", None),
        ("device_not_found", "speaker", None),
    }
    assert result["meter_frames"] >= 50
