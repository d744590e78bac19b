"""Recording playback off the GUI thread: WAV decoding to samples + a peak envelope for the waveform, and
a :mod:`sounddevice` player whose PortAudio callback streams from memory (seek = move the read index).

The pjsua2 wheel has no sound device, so recordings are played here, on the leader's headset speaker
(``audio/speaker_device`` in settings; empty = the system default).
"""

from __future__ import annotations

import logging
import threading
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

logger = logging.getLogger(__name__)

ENVELOPE_POINTS = 4000


class PlaybackError(Exception):
    """The file or the sound device could not be used; the message says which and why."""


@dataclass(frozen=True)
class DecodedAudio:
    samples: np.ndarray  # float32 mono in [-1, 1]
    rate: int
    envelope_x: np.ndarray  # seconds
    envelope_y: np.ndarray  # peak per bin, alternating +max/-min so one curve draws the outline

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0


def decode_wav(path: Path) -> DecodedAudio:
    """16-bit PCM WAV → mono float samples and a peak envelope (runs on a worker thread)."""
    try:
        with wave.open(str(path), "rb") as w:
            if w.getsampwidth() != 2:
                raise PlaybackError(f"{path.name} is not 16-bit PCM; it cannot be played here.")
            rate, channels = w.getframerate(), w.getnchannels()
            raw = w.readframes(w.getnframes())
    except (OSError, wave.Error, EOFError) as exc:
        raise PlaybackError(f"The recording {path.name} cannot be read ({exc}).") from exc
    data = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    bins = max(1, min(ENVELOPE_POINTS // 2, len(data)))
    usable = len(data) - len(data) % bins if len(data) >= bins else len(data)
    if usable:
        chunks = data[:usable].reshape(bins, -1)
        highs, lows = chunks.max(axis=1), chunks.min(axis=1)
        y = np.empty(bins * 2, dtype=np.float32)
        y[0::2], y[1::2] = highs, lows
        x = np.repeat(np.arange(bins) * (usable / bins) / rate, 2)
    else:
        x = np.zeros(0)
        y = np.zeros(0, dtype=np.float32)
    return DecodedAudio(samples=data, rate=rate, envelope_x=x, envelope_y=y)


class AudioOutput(Protocol):
    """What the recordings pane needs from a player. Threading contract: call from the GUI thread."""

    def play(self, audio: DecodedAudio, start_s: float = 0.0) -> None: ...
    def pause(self) -> None: ...
    def seek(self, seconds: float) -> None: ...
    def position_s(self) -> float: ...
    def playing(self) -> bool: ...
    def close(self) -> None: ...


class SoundDevicePlayer:
    """Plays decoded audio on a PortAudio output stream; the callback runs on PortAudio's thread and
    only copies from the array (guarded by a lock for seek)."""

    def __init__(self, device: str | int | None = None) -> None:
        self._device = device or None
        self._lock = threading.Lock()
        self._audio: DecodedAudio | None = None
        self._pos = 0
        self._stream: Any = None

    def _callback(self, outdata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
        with self._lock:
            audio = self._audio
            if audio is None:
                outdata.fill(0)
                return
            chunk = audio.samples[self._pos : self._pos + frames]
            self._pos += len(chunk)
        outdata[: len(chunk), 0] = chunk
        outdata[len(chunk) :, 0] = 0
        if len(chunk) < frames:
            import sounddevice

            raise sounddevice.CallbackStop

    def play(self, audio: DecodedAudio, start_s: float = 0.0) -> None:
        import sounddevice

        self.close()
        with self._lock:
            self._audio = audio
            self._pos = int(max(0.0, start_s) * audio.rate)
        try:
            self._stream = sounddevice.OutputStream(
                samplerate=audio.rate,
                channels=1,
                dtype="float32",
                device=self._device,
                callback=self._callback,
            )
            self._stream.start()
        except (sounddevice.PortAudioError, ValueError) as exc:
            self._stream = None
            raise PlaybackError(
                f"The speaker '{self._device or 'default'}' cannot play ({exc}); "
                "check the headset in settings."
            ) from exc

    def pause(self) -> None:
        if self._stream is not None:
            self._stream.stop()

    def seek(self, seconds: float) -> None:
        with self._lock:
            if self._audio is not None:
                self._pos = max(0, min(len(self._audio.samples), int(seconds * self._audio.rate)))

    def position_s(self) -> float:
        with self._lock:
            return self._pos / self._audio.rate if self._audio is not None and self._audio.rate else 0.0

    def playing(self) -> bool:
        return self._stream is not None and bool(self._stream.active)

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception:  # a device that vanished mid-play must not take the console with it
                logger.debug("closing output stream", exc_info=True)
