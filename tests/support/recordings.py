"""Reading what a recording (or voicemail) holds: how much of its energy sits at each test tone, so a
test can tell who was heard in it (each peer speaks its own frequency)."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np


def tone_levels(path: Path, freqs: tuple[float, ...], *, band_hz: float = 15.0) -> dict[float, float]:
    """Share of the WAV file's spectrum within ``band_hz`` of each frequency (0 … 1)."""
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
    spectrum = np.abs(np.fft.rfft(pcm * np.hanning(len(pcm))))
    bins = np.fft.rfftfreq(len(pcm), 1 / rate)
    total = float(np.sum(spectrum)) or 1.0
    return {f: float(np.sum(spectrum[(bins > f - band_hz) & (bins < f + band_hz)]) / total) for f in freqs}
