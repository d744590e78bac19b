"""Microphone level in dBFS (RMS and peak) for one frame of int16 samples."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

SILENCE_DBFS = -96.0  # floor: 16-bit audio has about 96 dB of range
_FULL_SCALE = 32768.0


@dataclass(frozen=True)
class LevelReading:
    """One frame's level: ``rms_dbfs`` and ``peak_dbfs`` in [-96, 0]; ``at`` is ``time.monotonic()``."""

    rms_dbfs: float
    peak_dbfs: float
    at: float


LevelListener = Callable[[LevelReading], None]


def _dbfs(value: float) -> float:
    if value <= 0.0:
        return SILENCE_DBFS
    return max(SILENCE_DBFS, min(0.0, 20.0 * math.log10(value / _FULL_SCALE)))


def measure_level(samples: np.ndarray) -> LevelReading:
    """Level of a frame of int16 samples (any shape); an empty frame reads as silence."""
    if samples.size == 0:
        return LevelReading(SILENCE_DBFS, SILENCE_DBFS, time.monotonic())
    as_float = samples.astype(np.float32)
    rms = float(np.sqrt(np.mean(as_float * as_float)))
    peak = float(np.max(np.abs(as_float)))
    return LevelReading(_dbfs(rms), _dbfs(peak), time.monotonic())


def measure_level_buffer(data: object) -> LevelReading:
    """Level of a buffer-protocol object holding int16 samples (no copy of the samples)."""
    return measure_level(np.frombuffer(data, dtype=np.int16))  # type: ignore[call-overload]
