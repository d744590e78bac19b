"""The headset bridge end to end through a private PulseAudio null sink (real PortAudio devices):
pjsua2 tone → bridge playback → sounddevice → null sink → monitor → sounddevice → bridge capture →
a meter port standing in for the caller."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.shared.telephony.audio.pulse import HEADSET_MIC, HEADSET_SPEAKER, PulseServer
from tests.shared.telephony.audio.scenario_runner import run_scenario_process

pytestmark = pytest.mark.audio


@pytest.fixture(scope="module")
def loopback(pulse: PulseServer) -> Iterator[dict[str, Any]]:
    pulse.ensure_sink()
    yield run_scenario_process(pulse.env, "loopback")


def test_given_headset_on_named_devices_when_caller_sends_tone_then_it_comes_back_through_the_devices(
    loopback: dict[str, Any],
) -> None:
    assert loopback["started"] and loopback["flowing"]
    assert loopback["mic"] == ["preferred", HEADSET_MIC]
    assert loopback["speaker"] == ["preferred", HEADSET_SPEAKER]
    assert loopback["heard"], loopback
    assert loopback["meter_tone_dbfs"] > -20.0, loopback
    assert loopback["meter_quiet_dbfs"] < -60.0, loopback
    assert loopback["events"] == []  # nothing to tell the user


def test_given_headset_when_tone_plays_then_level_meter_reads_far_above_silence(
    loopback: dict[str, Any],
) -> None:
    assert loopback["level_quiet_dbfs"] is not None and loopback["level_tone_dbfs"] is not None
    assert loopback["level_tone_dbfs"] > -25.0, loopback
    assert loopback["level_tone_dbfs"] > loopback["level_quiet_dbfs"] + 40.0, loopback


def test_given_this_build_when_frames_move_then_the_zero_copy_frame_path_is_used(
    loopback: dict[str, Any],
) -> None:
    assert loopback["fast_path"] is True


def test_given_device_names_that_do_not_exist_when_headset_starts_then_default_is_used_and_user_told(
    run_pulse_scenario: Any,
) -> None:
    result = run_pulse_scenario("missing_device")

    not_found = {e["role"]: e for e in result["events"] if e["kind"] == "device_not_found"}
    assert set(not_found) == {"microphone", "speaker"}
    assert all(e["using"] == "default" for e in not_found.values())
    assert "Jabra Evolve 40 (not plugged in)" in not_found["speaker"]["message"]
    assert result["mic"][:2] == ["fallback", "default"] and result["speaker"][:2] == ["fallback", "default"]
    assert result["heard"], result  # the call still has audio, on the default devices
    # picking the real devices from the list switches to them while the call goes on
    assert {HEADSET_MIC, HEADSET_SPEAKER} <= set(result["listed"])
    assert result["switched"], result
    assert result["heard_after_switch"], result
    assert result["events_after_switch"] == 0


def test_given_headset_and_ringer_when_device_unplugged_and_replugged_then_lost_restored_audio_resumes(
    run_pulse_scenario: Any,
) -> None:
    result = run_pulse_scenario("device_loss", timeout=90)

    assert result["heard_before"], result
    assert result["lost"], result
    lost = [e for e in result["events"] if e["kind"] == "device_lost"]
    assert {e["role"] for e in lost} == {"microphone", "speaker", "ringer"}
    assert all(e["using"] is None and "no device available" in e["message"] for e in lost)
    assert result["states_during"] == ["silent", "silent"]
    # the call side kept being clocked (a call would not drop), it just heard silence
    assert result["frames_during_outage"] >= 25, result
    assert result["outage_meter_dbfs"] < -60.0, result
    assert result["restored"], result
    restored = [e for e in result["events"] if e["kind"] == "device_restored"]
    assert {(e["role"], e["using"]) for e in restored} == {
        ("microphone", HEADSET_MIC),
        ("speaker", HEADSET_SPEAKER),
        ("ringer", HEADSET_SPEAKER),
    }
    assert all(e["t"] >= result["replugged_at"] for e in restored)
    assert result["states_after"] == ["preferred", "preferred"]
    assert result["ringing_before"]
    assert result["ringer_after"] == ["preferred", HEADSET_SPEAKER]  # the ring tone came back too
    assert result["heard_after"], result


def test_given_ring_tone_on_a_named_device_when_started_and_stopped_then_heard_then_silent(
    run_pulse_scenario: Any,
) -> None:
    result = run_pulse_scenario("tone_player")

    assert result["ring_heard"], result
    assert result["quiet_after_stop"], result
    # an absent ringer device falls back to the default device and says so
    assert result["events"] == [{"kind": "device_not_found", "role": "ringer", "using": "default"}]
    assert result["waiting_heard"], result


@pytest.mark.sip
def test_given_engine_with_headset_when_a_call_echoes_a_tone_then_the_headset_hears_it(
    run_pulse_scenario: Any,
) -> None:
    from tests.shared.telephony.sip_servers import SippProcess

    sipp = SippProcess(["-sn", "uas", "-rtp_echo"]).start()
    try:
        result = run_pulse_scenario("engine_call", f"sip:service@127.0.0.1:{sipp.port}")
    finally:
        sipp.stop()

    assert result["connected"], result
    assert result["heard"], result
    assert result["events"] == []
    assert result["closed"]  # engine.shutdown() closed the headset with the endpoint
