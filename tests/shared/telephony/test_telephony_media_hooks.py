"""The media hooks a server worker uses: bridge two calls directly, record them, play into a call, and
periodic call quality — all surviving hold/unhold re-INVITEs."""

from __future__ import annotations

import time
import wave
from pathlib import Path

import numpy as np
import pytest

from shared.telephony.peer_client import PeerError

from .conftest import TONE_A, TONE_B, TONE_C, connect_call, start_peer

pytestmark = pytest.mark.sip


def _tone_level_db(samples: np.ndarray, rate: int, freq: float) -> float:
    t = np.arange(len(samples)) / rate
    amp = 2 * abs(np.dot(samples.astype(float), np.exp(-2j * np.pi * freq * t))) / max(len(samples), 1)
    return 20 * np.log10(max(amp, 1e-9) / 32768)


def test_given_a_worker_bridging_two_callers_then_they_hear_each_other_not_the_worker_and_it_is_recorded(
    peers, tmp_path: Path
):
    worker, b, c = peers
    w_b, _ = connect_call(worker, b)
    w_c, _ = connect_call(worker, c)
    wav = str(tmp_path / "bridge.wav")
    recorder = worker.request("create_recorder", wav_path=wav)
    for call_id in (w_b, w_c):
        worker.request("route_to_headset", call_id=call_id, enabled=False)
    media_b = worker.request("call_media", call_id=w_b)
    media_c = worker.request("call_media", call_id=w_c)
    for src, dst in ((media_b, media_c), (media_c, media_b), (media_b, recorder), (media_c, recorder)):
        worker.request("connect", src=src, dst=dst)

    c.wait_tone(TONE_B, audible=True)
    b.wait_tone(TONE_C, audible=True)
    b.wait_tone(TONE_A, audible=False)  # the worker's own 'microphone' is not bridged
    worker.wait_tone(TONE_B, audible=False)

    worker.request("hold", call_id=w_b)  # a re-INVITE: the links must come back by themselves
    worker.wait_event("CallStateChanged", call_id=w_b, state="held")
    c.wait_tone(TONE_B, audible=False)
    worker.request("unhold", call_id=w_b)
    worker.wait_event("CallStateChanged", call_id=w_b, state="connected")
    c.wait_tone(TONE_B, audible=True)
    b.wait_tone(TONE_C, audible=True)

    worker.request("release_media", media_id=recorder)
    # the bridge removes ports on its clock thread, so the WAV is finalised a moment later: wait for a
    # filled-in header and a size that has stopped changing
    deadline, last_size, stable_since = time.monotonic() + 10, -1, time.monotonic()
    while time.monotonic() < deadline:
        data = Path(wav).read_bytes()
        if len(data) != last_size:
            last_size, stable_since = len(data), time.monotonic()
        elif data[4:8] != b"\0\0\0\0" and time.monotonic() - stable_since > 0.3:
            break
        time.sleep(0.05)
    with wave.open(wav) as f:
        rate, frames = f.getframerate(), f.readframes(f.getnframes())
    samples = np.frombuffer(frames, dtype="<i2")
    assert len(samples) >= rate  # at least a second of the conversation
    assert _tone_level_db(samples, rate, TONE_B) > -40
    assert _tone_level_db(samples, rate, TONE_C) > -40


def test_given_a_tone_source_connected_to_a_call_then_the_far_end_hears_it_until_released(peers):
    worker, b, _ = peers
    w_b, _ = connect_call(worker, b)
    worker.request("mute", call_id=w_b, muted=True)
    b.wait_tone(TONE_A, audible=False)
    prompt = worker.request("create_tone", freq_hz=TONE_C)  # stands in for a prompt/hold-music player
    worker.request("connect", src=prompt, dst=worker.request("call_media", call_id=w_b))
    b.wait_tone(TONE_C, audible=True)
    worker.request("release_media", media_id=prompt)
    b.wait_tone(TONE_C, audible=False)


def test_given_a_quality_interval_when_a_call_runs_then_periodic_quality_with_round_trip_arrives(peers):
    a, b, _ = peers
    a_id, _ = connect_call(a, b)
    # the trio peers emit CallQuality every 2 s; RTCP's first report measures the round trip
    quality = a.wait_event("CallQuality", call_id=a_id, timeout=25, where=lambda e: e["rtt_ms"] > 0)
    assert quality["codec"] == "PCMA" and quality["rx_packets"] > 0
    assert quality["rx_loss_pct"] == 0.0 and quality["rx_jitter_ms"] >= 0 and quality["mos"] >= 4.0


def _write_tone_wav(path: Path, freq: float, seconds: float, rate: int = 16000) -> None:
    t = np.arange(int(rate * seconds)) / rate
    samples = (0.3 * 32767 * np.sin(2 * np.pi * freq * t)).astype("<i2")
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes(samples.tobytes())


def test_given_a_prompt_wav_played_into_a_call_then_the_caller_hears_it_and_its_end_is_reported(
    peers, tmp_path: Path
):
    worker, b, _ = peers
    w_b, _ = connect_call(worker, b)
    worker.request("route_to_headset", call_id=w_b, enabled=False)
    prompt_wav = tmp_path / "prompt.wav"
    _write_tone_wav(prompt_wav, TONE_C, seconds=1.5)
    prompt = worker.request("create_player", wav_path=str(prompt_wav), loop=False)
    worker.request("connect", src=prompt, dst=worker.request("call_media", call_id=w_b))
    b.wait_tone(TONE_C, audible=True)
    finished = worker.wait_event("PlaybackFinished", media_id=prompt, timeout=15)
    assert finished["looping"] is False
    b.wait_tone(TONE_C, audible=False)
    worker.request("release_media", media_id=prompt)


def test_given_bad_media_paths_when_creating_players_and_recorders_then_clear_errors(peers, tmp_path: Path):
    worker, _, _ = peers
    with pytest.raises(PeerError) as info:
        worker.request("create_player", wav_path=str(tmp_path / "missing.wav"))
    assert info.value.error_id == "invalid_argument" and "missing.wav" in info.value.reason
    with pytest.raises(PeerError) as info:
        worker.request("create_recorder", wav_path=str(tmp_path / "no" / "such" / "dir.wav"))
    assert info.value.error_id == "invalid_argument"
    with pytest.raises(PeerError) as info:
        worker.request("connect", src="tone:999", dst="headset:playback")
    assert info.value.error_id == "unknown_media"


def test_given_a_worker_engine_without_headset_routing_then_calls_stay_silent_until_connected(peers):
    _, b, _ = peers
    worker = start_peer("worker", TONE_A, calls_to_headset=False)
    try:
        w_b, _ = connect_call(worker, b)
        b.wait_tone(TONE_B, audible=False)  # b's own ear: nothing comes back from the worker
        time.sleep(1.0)  # a "stays silent" check needs some time to pass; routed audio shows in ~0.1 s
        assert b.levels()[1][TONE_A] < -45
        assert worker.levels()[1][TONE_B] < -45
        worker.request("connect", src="headset:capture", dst=worker.request("call_media", call_id=w_b))
        b.wait_tone(TONE_A, audible=True)
    finally:
        worker.stop()
