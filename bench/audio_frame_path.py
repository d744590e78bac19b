"""Cost per 20 ms frame of the headset bridge's frame path, each direction, against the plain
``bytes(frame.buf)`` copy measured in the same run.

A pjsua2 endpoint on the null device runs a tone into several ``AudioMediaPort`` variants at once and
out of them into a null consumer; each variant times its own frame handler on the conference clock
thread (perf_counter_ns around the body; the SWIG director call itself is the same for all variants
and not included — ``bench.audio_cpu`` measures whole-process CPU). The PortAudio-side callbacks
(ring copy + level meter) are timed by calling them directly with frame-sized buffers.

Run: ``.venv/bin/python -m bench.audio_frame_path [--seconds 10] [--rate 16000]``.
Writes ``bench/results/audio_frame_path.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pjsua2 as pj

from shared.telephony.audio.headset import HeadsetBridge
from shared.telephony.audio.media_port import HeadsetMediaPort, pcm_format
from shared.telephony.audio.ring import FrameRing

RESULTS = Path(__file__).resolve().parent / "results" / "audio_frame_path.json"
WARMUP_FRAMES = 25


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


class TimedPort(pj.AudioMediaPort):
    """A bare port whose handlers are one candidate way of moving the frame."""

    def __init__(
        self,
        on_received: Callable[[Any], object] | None = None,
        on_requested: Callable[[Any], object] | None = None,
    ) -> None:
        super().__init__()
        self._received = on_received
        self._requested = on_requested
        self.rx_ns: list[int] = []
        self.tx_ns: list[int] = []

    def onFrameReceived(self, frame: Any) -> None:
        if self._received is not None and frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO:
            t = time.perf_counter_ns()
            self._received(frame)
            self.rx_ns.append(time.perf_counter_ns() - t)

    def onFrameRequested(self, frame: Any) -> None:
        if self._requested is not None:
            t = time.perf_counter_ns()
            self._requested(frame)
            self.tx_ns.append(time.perf_counter_ns() - t)
        else:
            frame.type = pj.PJMEDIA_FRAME_TYPE_NONE


class TimedHeadsetPort(HeadsetMediaPort):
    """The bridge's own port, timed; the mic ring is topped up (untimed) so requests find a frame."""

    def __init__(self, *, fast: bool, frame_bytes: int) -> None:
        self.speaker_ring = FrameRing(frame_bytes)
        self.mic_ring = FrameRing(frame_bytes)
        super().__init__(to_speaker=self.speaker_ring, from_mic=self.mic_ring, fast=fast)
        self._mic_frame = np.arange(frame_bytes // 2, dtype=np.int16).tobytes()
        self.rx_ns: list[int] = []
        self.tx_ns: list[int] = []

    def onFrameReceived(self, frame: Any) -> None:
        if frame.type != pj.PJMEDIA_FRAME_TYPE_AUDIO:
            return
        t = time.perf_counter_ns()
        super().onFrameReceived(frame)
        self.rx_ns.append(time.perf_counter_ns() - t)
        self.speaker_ring.read_bytes()  # the speaker side, untimed: keep the ring from overflowing

    def onFrameRequested(self, frame: Any) -> None:
        self.mic_ring.write_buffer(self._mic_frame)
        t = time.perf_counter_ns()
        super().onFrameRequested(frame)
        self.tx_ns.append(time.perf_counter_ns() - t)


class Sink(pj.AudioMediaPort):
    """Pulls frames out of the ports under test (the conference only asks ports that transmit)."""

    def onFrameReceived(self, frame: Any) -> None:
        pass

    def onFrameRequested(self, frame: Any) -> None:
        frame.type = pj.PJMEDIA_FRAME_TYPE_NONE


def measure_bridge_side(rate: int, seconds: float) -> dict[str, list[int]]:
    frame_bytes = rate // 50 * 2
    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.logConfig.level = 1
    cfg.logConfig.consoleLevel = 1
    cfg.medConfig.clockRate = rate
    cfg.medConfig.sndClockRate = rate
    ep.libInit(cfg)
    ep.audDevManager().setNullDev()
    ep.libStart()
    fmt = pcm_format(rate, 20)
    mic_bytes = bytes(range(256)) * (frame_bytes // 256) + bytes(frame_bytes % 256)
    ring = FrameRing(frame_bytes)

    def plain_to_ring(frame: Any) -> None:
        ring.write_buffer(bytes(frame.buf))
        ring.read_bytes()

    def fromiter_to_ring(frame: Any) -> None:
        ring.write_buffer(np.fromiter(frame.buf, dtype=np.uint8, count=frame.buf.size()))
        ring.read_bytes()

    def bytevector_from_bytes(frame: Any) -> None:
        frame.buf = pj.ByteVector(mic_bytes)
        frame.size = frame_bytes
        frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO

    ports: dict[str, Any] = {
        "rx_baseline_bytes_copy": TimedPort(on_received=lambda f: bytes(f.buf)),
        "rx_plain_bytes_to_ring": TimedPort(on_received=plain_to_ring),
        "rx_numpy_fromiter_to_ring": TimedPort(on_received=fromiter_to_ring),
        "tx_baseline_bytevector_from_bytes": TimedPort(on_requested=bytevector_from_bytes),
        "bridge_zero_copy": TimedHeadsetPort(fast=True, frame_bytes=frame_bytes),
        "bridge_portable": TimedHeadsetPort(fast=False, frame_bytes=frame_bytes),
    }
    tone = pj.ToneGenerator()
    tone.createToneGenerator(rate, 1)
    desc = pj.ToneDesc()
    desc.freq1, desc.freq2, desc.on_msec, desc.off_msec, desc.volume = 1000, 0, 1000, 0, 0
    descs = pj.ToneDescVector()
    descs.append(desc)
    tone.play(descs, True)
    sink = Sink()
    sink.createPort("sink", fmt)
    timings: dict[str, list[int]] = {}
    # one variant at a time, so they do not disturb each other's timings on the clock thread
    for name, port in ports.items():
        port.createPort(name, fmt)
        tone.startTransmit(port)
        port.startTransmit(sink)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ep.libHandleEvents(20)
        tone.stopTransmit(port)
        port.stopTransmit(sink)
        if name.startswith("rx_") or name.startswith("bridge_"):
            timings[name.replace("bridge_", "rx_bridge_")] = port.rx_ns[WARMUP_FRAMES:]
        if name.startswith("tx_") or name.startswith("bridge_"):
            timings[name.replace("bridge_", "tx_bridge_")] = port.tx_ns[WARMUP_FRAMES:]
    for port in ports.values():
        if isinstance(port, HeadsetMediaPort):
            port.deactivate()
    del port
    ports.clear()
    sink = None  # type: ignore[assignment]
    tone = None  # type: ignore[assignment]
    pa_side = measure_portaudio_side(rate)
    timings.update(pa_side)
    gc.collect()
    ep.libDestroy()
    return timings


def measure_portaudio_side(rate: int, frames: int = 2000) -> dict[str, list[int]]:
    """The PortAudio callbacks' bodies (ring copy, level meter), called directly."""
    levels: list[Any] = []
    headset = HeadsetBridge(sample_rate=rate, on_level=levels.append)
    samples = headset.frame_samples
    indata = bytearray(np.arange(samples, dtype=np.int16).tobytes())
    outdata = bytearray(samples * 2)
    mic_ns, speaker_ns = [], []
    for _ in range(frames):
        t = time.perf_counter_ns()
        headset._take_mic_frame(indata, samples)
        mic_ns.append(time.perf_counter_ns() - t)
        headset._from_mic.read_bytes()
        headset._to_speaker.write_buffer(indata)
        t = time.perf_counter_ns()
        headset._fill_speaker_frame(outdata, samples)
        speaker_ns.append(time.perf_counter_ns() - t)
    headset.close()
    return {
        "pa_mic_callback_with_level": mic_ns[WARMUP_FRAMES:],
        "pa_speaker_callback": speaker_ns[WARMUP_FRAMES:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per variant (default 5)")
    parser.add_argument("--rate", type=int, default=16000, choices=(8000, 16000))
    args = parser.parse_args()
    timings = measure_bridge_side(args.rate, args.seconds)
    rows: list[dict[str, Any]] = []
    print(f"per-frame cost at {args.rate} Hz, 20 ms frames ({2 * args.rate // 50} bytes), µs:")
    print(f"{'path':44s} {'n':>5s} {'p50':>9s} {'p95':>9s}")
    for name, values in timings.items():
        if not values:
            continue
        us = [v / 1000 for v in values]
        p50, p95 = statistics.median(us), percentile(us, 95)
        baseline = "baseline" in name
        print(f"{name:44s} {len(us):5d} {p50:9.1f} {p95:9.1f}{'  (baseline)' if baseline else ''}")
        for stat, value in (("p50", p50), ("p95", p95)):
            row: dict[str, Any] = {
                "name": f"{name}_{stat}_{args.rate}hz",
                "value": round(value, 2),
                "unit": "us",
            }
            if baseline:
                row["baseline"] = True
            rows.append(row)
    base = statistics.median(timings["rx_baseline_bytes_copy"])
    ours = statistics.median(timings["rx_bridge_zero_copy"])
    speedup = base / ours if ours else float("inf")
    print(f"receive direction: zero-copy bridge is {speedup:.0f}× cheaper than bytes(frame.buf) at p50")
    rows.append({"name": f"rx_speedup_vs_bytes_copy_{args.rate}hz", "value": round(speedup, 1), "unit": "x"})
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    # rows carry the rate in their names: keep the other rate's rows from an earlier run
    kept = []
    if RESULTS.exists():
        try:
            kept = [r for r in json.loads(RESULTS.read_text()) if not r["name"].endswith(f"_{args.rate}hz")]
        except (ValueError, KeyError, TypeError):
            kept = []
    RESULTS.write_text(json.dumps(kept + rows, indent=1) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
