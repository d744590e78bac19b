"""The headset's building blocks on their own: frame rings, level meter, stream state table, device
lookup by name, WAV loading and the shipped tones."""

from __future__ import annotations

import ctypes
import hashlib
import math
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from shared.telephony.audio.devices import AudioDevice, default_device, find_device
from shared.telephony.audio.events import DeviceLost, DeviceNotFound, DeviceRestored, DeviceRole
from shared.telephony.audio.frame_access import probe_vector_layout, vector_data_address
from shared.telephony.audio.level import SILENCE_DBFS, measure_level
from shared.telephony.audio.ring import FrameRing
from shared.telephony.audio.state import InvalidStreamTransition, StreamEvent, StreamState, next_state
from shared.telephony.audio.tones import BadSoundFile, Sound, load_wav, sound_path

FRAME = 640


def frame(value: int) -> bytes:
    return np.full(FRAME // 2, value, dtype=np.int16).tobytes()


# ---------------------------------------------------------------------------------------------- ring


def test_given_fresh_ring_when_fewer_than_prefill_frames_then_reader_plays_silence() -> None:
    ring = FrameRing(FRAME, capacity=6, prefill=2)
    ring.write_buffer(frame(1))
    assert ring.read_bytes() is None
    ring.write_buffer(frame(2))
    assert ring.read_bytes() == frame(1)
    assert ring.read_bytes() == frame(2)


def test_given_ring_ran_dry_when_reading_then_underrun_counted_and_it_primes_again() -> None:
    ring = FrameRing(FRAME, capacity=6, prefill=2)
    for v in (1, 2):
        ring.write_buffer(frame(v))
    ring.read_bytes(), ring.read_bytes()
    assert ring.read_bytes() is None
    ring.write_buffer(frame(3))
    assert ring.read_bytes() is None  # priming again: one frame is not enough
    assert ring.stats().underruns == 1


def test_given_reader_stalled_when_writer_goes_on_then_oldest_frames_drop_and_latency_is_bounded() -> None:
    ring = FrameRing(FRAME, capacity=4, prefill=2)
    for v in range(10):
        ring.write_buffer(frame(v))
    stats = ring.stats()
    assert stats.queued == 4 and stats.overruns == 6
    assert [ring.read_bytes() for _ in range(4)] == [frame(v) for v in (6, 7, 8, 9)]


def test_given_raw_memory_frames_when_copied_through_ring_then_intact_and_short_ones_padded() -> None:
    ring = FrameRing(FRAME, capacity=4, prefill=1)
    source = ctypes.create_string_buffer(frame(7), FRAME)
    ring.write_address(ctypes.addressof(source), FRAME)
    ring.write_address(ctypes.addressof(source), 100)
    target = ctypes.create_string_buffer(FRAME)
    assert ring.read_into_address(ctypes.addressof(target), FRAME)
    assert target.raw == frame(7)
    out = bytearray(FRAME)
    assert ring.read_into_buffer(out)
    assert bytes(out[:100]) == frame(7)[:100] and not any(out[100:])


def test_given_nonsense_ring_sizes_when_created_then_clear_error() -> None:
    with pytest.raises(ValueError, match="prefill"):
        FrameRing(FRAME, capacity=2, prefill=2)


# ---------------------------------------------------------------------------------------------- level


def test_given_silence_and_full_scale_sine_when_metered_then_dbfs_match_textbook_values() -> None:
    assert measure_level(np.zeros(320, dtype=np.int16)).rms_dbfs == SILENCE_DBFS
    t = np.arange(320) / 16000
    sine = np.round(32767 * np.sin(2 * np.pi * 1000 * t)).astype(np.int16)
    reading = measure_level(sine)
    assert reading.peak_dbfs == pytest.approx(0.0, abs=0.01)
    assert reading.rms_dbfs == pytest.approx(-3.01, abs=0.05)
    quieter = measure_level((sine // 10).astype(np.int16))
    assert quieter.rms_dbfs == pytest.approx(-23.0, abs=0.1)


# ---------------------------------------------------------------------------------------------- state


def test_given_stream_states_when_device_lost_and_back_then_table_allows_only_the_real_paths() -> None:
    state = next_state(StreamState.STOPPED, StreamEvent.OPENED_PREFERRED)
    state = next_state(state, StreamEvent.LOST)
    assert state is StreamState.SILENT
    state = next_state(state, StreamEvent.OPENED_FALLBACK)
    assert next_state(state, StreamEvent.OPENED_PREFERRED) is StreamState.PREFERRED
    with pytest.raises(InvalidStreamTransition, match="lost while stopped"):
        next_state(StreamState.STOPPED, StreamEvent.LOST)


# ---------------------------------------------------------------------------------------------- devices

DEVICES = [
    AudioDevice(0, "Microphone (Jabra EVOLVE 40)", "MME", 1, 0, 44100.0),
    AudioDevice(1, "Speakers (Jabra EVOLVE 40)", "MME", 0, 2, 44100.0),
    AudioDevice(2, "Speakers (Realtek High Definition Audio)", "MME", 0, 2, 44100.0, is_default_output=True),
    AudioDevice(3, "Microphone (Jabra EVOLVE 40)", "Windows WASAPI", 1, 0, 16000.0),
    AudioDevice(4, "Jabra", "Windows WASAPI", 1, 2, 16000.0, is_default_input=True),
]


def test_given_device_names_when_looked_up_then_exact_beats_substring_and_role_and_host_api_count() -> None:
    assert find_device("jabra", DeviceRole.MICROPHONE, devices=DEVICES) == DEVICES[4]
    assert find_device("EVOLVE 40", DeviceRole.SPEAKER, devices=DEVICES) == DEVICES[1]
    assert find_device("evolve", DeviceRole.MICROPHONE, devices=DEVICES) == DEVICES[0]
    assert (
        find_device("evolve", DeviceRole.MICROPHONE, host_api="Windows WASAPI", devices=DEVICES) == DEVICES[3]
    )
    assert find_device("Plantronics", DeviceRole.SPEAKER, devices=DEVICES) is None
    assert find_device("  ", DeviceRole.SPEAKER, devices=DEVICES) is None
    assert default_device(DeviceRole.RINGER, DEVICES) == DEVICES[2]
    assert default_device(DeviceRole.MICROPHONE, DEVICES) == DEVICES[4]


def test_given_device_events_when_shown_to_the_user_then_messages_say_what_happened() -> None:
    assert (
        "speaker 'Jabra' is not available; using 'Speakers' instead"
        in DeviceNotFound(DeviceRole.SPEAKER, "Speakers", "Jabra").message
    )
    assert "audio is silent" in DeviceLost(DeviceRole.MICROPHONE, None, "Jabra").message
    assert DeviceRestored(DeviceRole.MICROPHONE, "Jabra").message == "microphone 'Jabra' is back in use"


# ---------------------------------------------------------------------------------------------- frames


def test_given_this_pjsua2_build_when_probing_byte_vectors_then_zero_copy_access_is_proven() -> None:
    import pjsua2 as pj

    assert probe_vector_layout()
    vector = pj.ByteVector()
    vector.resize(4)
    ctypes.memmove(vector_data_address(vector), b"\x01\x02\x03\x04", 4)
    assert [vector[i] for i in range(4)] == [1, 2, 3, 4]
    assert vector_data_address(pj.ByteVector()) == 0


# ---------------------------------------------------------------------------------------------- sounds


def _bursts(path: Path, freq: float) -> tuple[float, float, float]:
    """(tone seconds, silence seconds, tone frequency) of the first on/off cycle."""
    wav = load_wav(path)
    loud = np.abs(wav.samples.astype(np.int32)) > 1000
    on_idx = np.flatnonzero(loud)
    on_s = (on_idx[-1] - on_idx[0] + 1) / wav.sample_rate
    silence_s = wav.duration_s - on_s
    tone = wav.samples[on_idx[0] : on_idx[-1]].astype(np.float64)
    spectrum = np.abs(np.fft.rfft(tone))
    peak_hz = np.argmax(spectrum) * wav.sample_rate / tone.size
    return on_s, silence_s, peak_hz


def test_given_shipped_ring_tone_when_analysed_then_china_cadence_450hz_1s_on_4s_off() -> None:
    on_s, off_s, peak_hz = _bursts(sound_path(Sound.RING), 450)
    assert on_s == pytest.approx(1.0, abs=0.03)
    assert off_s == pytest.approx(4.0, abs=0.03)
    assert peak_hz == pytest.approx(450, abs=3)


def test_given_shipped_call_waiting_tone_when_analysed_then_short_450hz_beep_every_5s() -> None:
    on_s, off_s, peak_hz = _bursts(sound_path(Sound.CALL_WAITING), 450)
    assert on_s == pytest.approx(0.4, abs=0.03)
    assert on_s + off_s == pytest.approx(5.0, abs=0.01)
    assert peak_hz == pytest.approx(450, abs=3)
    chime = load_wav(sound_path(Sound.RING_CHIME))
    assert chime.channels == 1 and 3.0 <= chime.duration_s <= 5.0


def test_given_make_sounds_script_when_rerun_then_it_reproduces_the_committed_wavs(tmp_path: Path) -> None:
    import importlib.util

    script = sound_path(Sound.RING).with_name("make_sounds.py")
    spec = importlib.util.spec_from_file_location("hd_make_sounds", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["hd_make_sounds"] = module
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for sound in Sound:
        digest = hashlib.sha256((tmp_path / sound.value).read_bytes()).hexdigest()
        assert digest == hashlib.sha256(sound_path(sound).read_bytes()).hexdigest(), sound


def test_given_bad_sound_files_when_loaded_then_error_names_the_file_and_the_problem(tmp_path: Path) -> None:
    with pytest.raises(BadSoundFile, match="no such sound file"):
        load_wav(tmp_path / "missing.wav")
    garbage = tmp_path / "garbage.wav"
    garbage.write_bytes(b"not a wav at all")
    with pytest.raises(BadSoundFile, match=r"garbage\.wav: not a readable PCM WAV"):
        load_wav(garbage)
    eight_bit = tmp_path / "eight.wav"
    with wave.open(str(eight_bit), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(1)
        wav.setframerate(8000)
        wav.writeframes(bytes(800))
    with pytest.raises(BadSoundFile, match="need 16-bit PCM, got 8-bit"):
        load_wav(eight_bit)
    assert math.isfinite(load_wav(sound_path(Sound.RING)).duration_s)
