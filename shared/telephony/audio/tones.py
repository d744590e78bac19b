"""Ring tone and call-waiting tone: a WAV looped on an output device of its own (the ringer may be the
PC's loudspeaker while the call audio goes to the headset)."""

from __future__ import annotations

import logging
import os
import threading
import wave
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np

from shared.telephony.audio.events import AudioDeviceEvent, AudioEventListener, DeviceRole
from shared.telephony.audio.state import StreamState
from shared.telephony.audio.supervised_stream import (
    StreamFormat,
    StreamStatus,
    SupervisedStream,
    SupervisionTiming,
)

logger = logging.getLogger(__name__)

SOUNDS_DIR_ENV = "HOTLINE_SOUNDS_DIR"


class Sound(StrEnum):
    """The shipped WAVs in ``resources/sounds`` (made by ``resources/sounds/make_sounds.py``)."""

    RING = "ring_cn.wav"  # China's ring-back cadence: 450 Hz, 1 s on, 4 s off
    CALL_WAITING = "call_waiting.wav"  # 450 Hz, 0.4 s beep every 5 s
    RING_CHIME = "ring_chime.wav"  # a softer two-note chime, every 4 s


def sounds_dir() -> Path:
    """``$HOTLINE_SOUNDS_DIR`` when set (installed builds), else the checkout's ``resources/sounds``."""
    override = os.environ.get(SOUNDS_DIR_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3] / "resources" / "sounds"


def sound_path(sound: Sound) -> Path:
    return sounds_dir() / sound.value


class BadSoundFile(ValueError):
    """A tone WAV that cannot be played; the message names the file and what is wrong."""


@dataclass(frozen=True)
class WavData:
    sample_rate: int
    channels: int
    samples: np.ndarray  # int16, interleaved

    @property
    def duration_s(self) -> float:
        return self.samples.size / self.channels / self.sample_rate


def load_wav(path: Path | str) -> WavData:
    """Read a 16-bit PCM WAV; raises :class:`BadSoundFile` with a reason a person can act on."""
    path = Path(path)
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise BadSoundFile(f"{path}: need 16-bit PCM, got {8 * wav.getsampwidth()}-bit samples")
            rate, channels = wav.getframerate(), wav.getnchannels()
            data = wav.readframes(wav.getnframes())
    except FileNotFoundError:
        raise BadSoundFile(f"{path}: no such sound file") from None
    except (wave.Error, EOFError) as exc:
        raise BadSoundFile(f"{path}: not a readable PCM WAV file ({exc})") from None
    samples = np.frombuffer(data, dtype="<i2").astype(np.int16)
    if samples.size < channels:
        raise BadSoundFile(f"{path}: the file holds no audio")
    return WavData(rate, channels, samples)


class TonePlayer:
    """Plays a WAV in a loop on an output device chosen by name, through ``sounddevice`` directly.

    A missing device falls back to the system default (``DeviceNotFound``), a device lost while ringing
    falls back and is polled for (``DeviceLost``/``DeviceRestored``), exactly like the headset.

    Threading contract: every public method is thread-safe and returns at once; devices are opened and
    closed on the player's own ``tone-player`` thread, where ``on_event`` is also called (return quickly;
    emit a Qt signal). Call :meth:`close` when done with the player.
    """

    def __init__(
        self,
        wav: Path | str | WavData,
        *,
        device: str | None = None,
        volume: float = 1.0,
        loop: bool = True,
        on_event: AudioEventListener | None = None,
        timing: SupervisionTiming | None = None,
        host_api: str | None = None,
        block_ms: int = 20,
    ) -> None:
        data = wav if isinstance(wav, WavData) else load_wav(wav)
        if not 0.0 <= volume <= 1.0:
            raise ValueError(f"tone volume must be between 0.0 and 1.0, not {volume}")
        scaled = data.samples.astype(np.float32) * volume
        self._loop_samples = np.clip(scaled, -32768, 32767).astype(np.int16)
        self._channels = data.channels
        self._loop = loop
        self._on_event = on_event
        self._timing = timing or SupervisionTiming()
        self._stream = SupervisedStream(
            role=DeviceRole.RINGER,
            requested=device,
            fmt=StreamFormat(
                sample_rate=data.sample_rate,
                block_frames=data.sample_rate * block_ms // 1000,
                channels=data.channels,
                latency="high",  # a ring tone does not care about latency; fewer wakeups
            ),
            callback=self._fill,
            emit=self._emit,
            timing=self._timing,
            host_api=host_api,
        )
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._want_playing = False
        self._rewind = False
        self._closed = False
        self._device_change: tuple[bool, str | None] = (False, None)
        self._position = 0
        self._thread: threading.Thread | None = None
        self.frames_played = 0

    def start(self) -> None:
        """Start ringing from the beginning of the WAV (or restart it); returns at once."""
        with self._lock:
            if self._closed:
                raise RuntimeError("this tone player was closed")
            self._want_playing = True
            self._rewind = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="tone-player", daemon=True)
                self._thread.start()
        self._wake.set()

    def stop(self) -> None:
        """Stop ringing; returns at once (the device is released on the player's thread)."""
        with self._lock:
            self._want_playing = False
        self._wake.set()

    def set_device(self, name: str | None) -> None:
        """Ring on the device called ``name`` from now on (``None`` = system default)."""
        with self._lock:
            self._device_change = (True, name)
        self._wake.set()

    def close(self, timeout: float = 5.0) -> None:
        """Stop and end the player's thread. Safe to call twice."""
        with self._lock:
            self._closed = True
            self._want_playing = False
            thread, self._thread = self._thread, None
        self._wake.set()
        if thread is not None:
            thread.join(timeout)

    @property
    def playing(self) -> bool:
        """``True`` while audio goes to a device (not when silent for lack of one)."""
        return self._stream.state in (StreamState.PREFERRED, StreamState.FALLBACK)

    def status(self) -> StreamStatus:
        return self._stream.status()

    def _emit(self, event: AudioDeviceEvent) -> None:
        logger.warning("ringer: %s", event.message)
        if self._on_event is not None:
            try:
                self._on_event(event)
            except Exception:
                logger.exception("tone player event listener failed on %s", event.kind)

    def _run(self) -> None:
        stream = self._stream
        try:
            while True:
                with self._lock:
                    closed, want = self._closed, self._want_playing
                    change, self._device_change = self._device_change, (False, None)
                if change[0]:
                    stream.reselect(change[1])
                if closed:
                    break
                if want and stream.state is StreamState.STOPPED:
                    stream.start()
                elif not want and stream.state is not StreamState.STOPPED:
                    stream.stop()
                if want:
                    stream.tick()
                self._wake.wait(self._timing.tick_s if want else None)
                self._wake.clear()
        except Exception:
            logger.exception("tone player thread failed")
        finally:
            stream.stop()

    def _fill(self, outdata: Any, frames: int) -> None:
        out = np.frombuffer(outdata, dtype=np.int16)
        source = self._loop_samples
        if self._rewind:
            self._rewind = False
            self._position = 0
        position, filled, total = self._position, 0, source.size
        while filled < out.size:
            if position >= total:
                if not self._loop:
                    out[filled:] = 0
                    self._want_playing = False
                    self._wake.set()
                    break
                position = 0
            chunk = min(out.size - filled, total - position)
            out[filled : filled + chunk] = source[position : position + chunk]
            filled += chunk
            position += chunk
        self._position = position
        self.frames_played += frames
