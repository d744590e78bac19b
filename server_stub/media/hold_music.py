"""Royalty-free hold music made here: a slow, soft I–vi–IV–V chord progression (C, Am, F, G) of sine
partials with gentle attack/release, as an 8 kHz mono WAV that loops seamlessly (16 s)."""

from __future__ import annotations

import logging
import wave
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

SAMPLE_RATE = 8000
_CHORDS = (  # MIDI notes: bass + triad, voiced close for a calm sound
    (48, 60, 64, 67),  # C
    (45, 57, 60, 64),  # Am
    (41, 57, 60, 65),  # F
    (43, 55, 59, 62),  # G
)
_CHORD_SECONDS = 4.0


def _midi_hz(note: int) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)


def hold_music_pcm(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    n = int(sample_rate * _CHORD_SECONDS)
    t = np.arange(n) / sample_rate
    # raised-cosine swell per chord: no clicks at chord changes or at the loop point
    envelope = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)
    envelope = 0.35 + 0.65 * envelope
    pieces = []
    for chord in _CHORDS:
        tone = np.zeros(n)
        for i, note in enumerate(chord):
            hz = _midi_hz(note)
            weight = 0.9 if i == 0 else 0.6
            tone += weight * (np.sin(2 * np.pi * hz * t) + 0.15 * np.sin(4 * np.pi * hz * t))
        # a slow arpeggio on top: each triad note rings for a quarter of the chord
        arp = np.zeros(n)
        quarter = n // 4
        for k, note in enumerate((*chord[1:], chord[2] + 12)):
            seg = np.arange(quarter) / sample_rate
            decay = np.exp(-3.0 * seg)
            arp[k * quarter : (k + 1) * quarter] = 0.5 * decay * np.sin(2 * np.pi * _midi_hz(note + 12) * seg)
        pieces.append(tone * envelope + arp)
    pcm = np.concatenate(pieces)
    pcm *= 0.25 / np.max(np.abs(pcm))  # about -12 dBFS peak: pleasant, not loud
    return (pcm * 32767).astype("<i2")


def write_hold_music(out: Path, sample_rate: int = SAMPLE_RATE) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(hold_music_pcm(sample_rate).tobytes())
    tmp.replace(out)
