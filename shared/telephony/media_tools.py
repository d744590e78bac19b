"""Bridge ports the engine can create for servers and tests: tone, WAV player, WAV recorder, level meter.

Create them through the engine (``engine.create_tone`` …) so they get a :class:`MediaId` usable with
``engine.connect``. They are driven by pjsua2's conference clock; everything else is owner-thread only.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import threading
import time
from collections import deque
from collections.abc import Sequence

import numpy as np
import pjsua2 as pj

from shared.telephony.errors import TelephonyError, TelephonyErrorId, pj_errors

logger = logging.getLogger(__name__)


class BridgePort:
    """Something with a pjsua2 ``AudioMedia`` on the bridge. Internal to the package."""

    def audio_media(self) -> pj.AudioMedia:
        raise NotImplementedError

    def close(self) -> None:
        """Release the pjsua2 object (owner thread, before ``libDestroy``)."""


class ToneSource(BridgePort):
    """A continuous sine (or dual tone) — a known signal to measure at the far end, or a comfort tone."""

    def __init__(self, clock_rate: int, freq_hz: float, freq2_hz: float = 0.0, volume: int = 0) -> None:
        self._gen = pj.ToneGenerator()
        with pj_errors("create tone generator"):
            self._gen.createToneGenerator(clock_rate, 1)
        desc = pj.ToneDesc()
        desc.freq1 = int(freq_hz)
        desc.freq2 = int(freq2_hz)
        desc.on_msec = 1000
        desc.off_msec = 0
        desc.volume = volume
        tones = pj.ToneDescVector()
        tones.append(desc)
        with pj_errors("play tone"):
            self._gen.play(tones, True)

    def audio_media(self) -> pj.AudioMedia:
        return self._gen

    def close(self) -> None:
        with contextlib.suppress(pj.Error):
            self._gen.stop()
        del self._gen


class _EofPlayer(pj.AudioMediaPlayer):
    def __init__(self) -> None:
        super().__init__()
        self.eof_count = 0  # bumped on the media thread, read on the owner thread (an int store is atomic)

    def onEof2(self) -> None:
        self.eof_count += 1


class WavPlayer(BridgePort):
    """Plays a WAV (PCM 16-bit) into the bridge; ``eof_count`` counts the ends reached (once per loop)."""

    def __init__(self, path: str, loop: bool) -> None:
        if not os.path.isfile(path):
            raise TelephonyError(f"no such WAV file: {path}", error_id=TelephonyErrorId.INVALID_ARGUMENT)
        self._player = _EofPlayer()
        self.loop = loop
        self.reported_eofs = 0
        with pj_errors(f"open WAV {path}"):
            self._player.createPlayer(path, 0 if loop else pj.PJMEDIA_FILE_NO_LOOP)

    @property
    def eof_count(self) -> int:
        return self._player.eof_count

    def audio_media(self) -> pj.AudioMedia:
        return self._player

    def close(self) -> None:
        del self._player


class WavRecorder(BridgePort):
    def __init__(self, path: str) -> None:
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise TelephonyError(
                f"no such folder for the recording: {folder}", error_id=TelephonyErrorId.INVALID_ARGUMENT
            )
        self._recorder = pj.AudioMediaRecorder()
        with pj_errors(f"create WAV {path}"):
            self._recorder.createRecorder(path)

    def audio_media(self) -> pj.AudioMedia:
        return self._recorder

    def close(self) -> None:
        # the WAV header is finalised when the port is destroyed
        del self._recorder


class _MeterPort(pj.AudioMediaPort):
    def __init__(self, meter: LevelMeter) -> None:
        super().__init__()
        self._meter = meter

    def onFrameReceived(self, frame: pj.MediaFrame) -> None:  # conference clock thread
        try:
            if frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO and frame.size:
                self._meter._feed(np.frombuffer(bytes(frame.buf), dtype="<i2"))
        except Exception:  # a raise here would kill the clock thread's frame
            logger.exception("level meter frame failed")

    def onFrameRequested(self, frame: pj.MediaFrame) -> None:  # we are a sink: say "no audio"
        frame.type = pj.PJMEDIA_FRAME_TYPE_NONE
        frame.size = 0


class LevelMeter(BridgePort):
    """Measures what reaches it: overall RMS and the level at chosen frequencies (single-bin DFT per 20 ms
    frame), averaged over the last ``window_s``. Levels are dBFS; silence reads about -100.

    Fed on the conference clock thread; read from any thread (a lock guards the window)."""

    def __init__(self, clock_rate: int, freqs_hz: Sequence[float], window_s: float = 0.4) -> None:
        self._clock_rate = clock_rate
        self._freqs = [float(f) for f in freqs_hz]
        self._lock = threading.Lock()
        self._window_s = window_s
        frames = max(1, round(window_s / 0.02))
        # (arrival time, value): the bridge stops delivering frames when nothing transmits to the meter,
        # so old frames must age out for silence to read as silence
        self._rms: deque[tuple[float, float]] = deque(maxlen=frames)
        self._tone: dict[float, deque[tuple[float, float]]] = {f: deque(maxlen=frames) for f in self._freqs}
        self._basis: dict[int, np.ndarray] = {}
        self._port = _MeterPort(self)
        fmt = pj.MediaFormatAudio()
        fmt.init(pj.PJMEDIA_FORMAT_PCM, clock_rate, 1, 20000, 16)
        with pj_errors("create level meter port"):
            self._port.createPort("meter", fmt)

    def audio_media(self) -> pj.AudioMedia:
        return self._port

    def close(self) -> None:
        del self._port

    def _feed(self, samples: np.ndarray) -> None:
        n = len(samples)
        basis = self._basis.get(n)
        if basis is None:
            t = np.arange(n) / self._clock_rate
            basis = np.exp(-2j * np.pi * np.outer(self._freqs, t)) if self._freqs else np.zeros((0, n))
            self._basis[n] = basis
        x = samples.astype(np.float64)
        rms = float(np.sqrt(np.mean(x * x))) if n else 0.0
        amps = (2.0 * np.abs(basis @ x) / max(n, 1)) if self._freqs else np.zeros(0)
        now = time.monotonic()
        with self._lock:
            self._rms.append((now, rms))
            for f, a in zip(self._freqs, amps, strict=True):
                self._tone[f].append((now, float(a)))

    def _dbfs(self, values: deque[tuple[float, float]]) -> float:
        since = time.monotonic() - self._window_s
        recent = [v for t, v in values if t >= since]
        if not recent:
            return -100.0
        mean = sum(recent) / len(recent)
        return max(-100.0, 20.0 * math.log10(mean / 32768.0)) if mean > 0 else -100.0

    def rms_dbfs(self) -> float:
        with self._lock:
            return self._dbfs(self._rms)

    def tone_dbfs(self) -> dict[float, float]:
        with self._lock:
            return {f: self._dbfs(v) for f, v in self._tone.items()}


class HeadsetPorts:
    """The headset contract in its simplest form: any object with ``capture_media`` (mic → calls) and
    ``playback_media`` (calls → ear) bridge ports. Used for tests/servers: a tone as the 'microphone'
    and a level meter as the 'ear'."""

    def __init__(self, capture: BridgePort, playback: BridgePort) -> None:
        self.capture = capture
        self.playback = playback

    @property
    def capture_media(self) -> pj.AudioMedia:
        return self.capture.audio_media()

    @property
    def playback_media(self) -> pj.AudioMedia:
        return self.playback.audio_media()
