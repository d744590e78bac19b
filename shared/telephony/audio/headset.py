"""Headset audio for the softphone: pjsua2's conference bridge ↔ PortAudio (``sounddevice``).

The pjsua2 wheel has no sound device, so :class:`HeadsetBridge` puts one ``AudioMediaPort`` on the
bridge and moves 20 ms frames between it and two PortAudio streams (microphone, speaker) through
jitter-tolerant rings. Devices are chosen by name, fall back to the system default when missing,
and are polled for after they vanish; calls never notice anything but silence.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from shared.telephony.audio import devices as devs
from shared.telephony.audio.devices import AudioDevice
from shared.telephony.audio.events import AudioDeviceEvent, AudioEventListener, DeviceRole
from shared.telephony.audio.level import LevelListener, measure_level
from shared.telephony.audio.media_port import HeadsetMediaPort, pcm_format
from shared.telephony.audio.ring import FrameRing, RingStats
from shared.telephony.audio.supervised_stream import (
    StreamFormat,
    StreamStatus,
    SupervisedStream,
    SupervisionTiming,
)

logger = logging.getLogger(__name__)

SUPPORTED_RATES = (8000, 16000)


@dataclass(frozen=True)
class HeadsetStats:
    """Queue health of both directions (under/overruns mean clicks the user may hear)."""

    speaker: RingStats
    microphone: RingStats
    speaker_callback_errors: int
    microphone_callback_errors: int


class HeadsetBridge:
    """A USB (or any PortAudio) headset on pjsua2's conference bridge.

    Wiring (engine side)::

        headset = HeadsetBridge(microphone="Jabra", speaker="Jabra", on_event=..., on_level=...)
        engine.set_headset(headset)   # call_audio → headset.playback_media, headset.capture_media → call
        headset.start()

    ``capture_media`` and ``playback_media`` are the same ``pj.AudioMediaPort``.

    Threading contract:

    * Construct, :meth:`close` (and drop the object) on the endpoint's owner thread, after ``libInit``
      and before ``libDestroy`` — pjsua2 asserts if a bridge port outlives the endpoint.
    * :meth:`start`, :meth:`stop`, :meth:`select_microphone`, :meth:`select_speaker`, :meth:`status`,
      :meth:`stats` and :meth:`list_devices` are thread-safe and never block on audio I/O for long:
      devices are opened and supervised on the bridge's own ``headset-audio`` thread.
    * ``on_event(AudioDeviceEvent)`` runs on the ``headset-audio`` thread; ``on_level(LevelReading)``
      runs on PortAudio's callback thread once per 20 ms microphone frame. Both must return quickly and
      must not call back into the bridge; emitting a Qt signal (queued to the GUI) is the intended use.
    * Frame handlers run on pjsua2's conference clock thread and PortAudio's callback threads.
    """

    def __init__(
        self,
        *,
        microphone: str | None = None,
        speaker: str | None = None,
        sample_rate: int = 16000,
        frame_ms: int = 20,
        host_api: str | None = None,
        on_event: AudioEventListener | None = None,
        on_level: LevelListener | None = None,
        timing: SupervisionTiming | None = None,
        ring_capacity: int = 6,
        ring_prefill: int = 2,
    ) -> None:
        if sample_rate not in SUPPORTED_RATES:
            raise ValueError(f"headset sample rate must be one of {SUPPORTED_RATES} Hz, not {sample_rate}")
        if frame_ms not in (10, 20):
            raise ValueError(f"headset frames must be 10 or 20 ms, not {frame_ms}")
        self.sample_rate = sample_rate
        self.frame_samples = sample_rate * frame_ms // 1000
        frame_bytes = 2 * self.frame_samples
        self._on_event = on_event
        self._on_level = on_level
        self._timing = timing or SupervisionTiming()
        self._to_speaker = FrameRing(frame_bytes, capacity=ring_capacity, prefill=ring_prefill)
        self._from_mic = FrameRing(frame_bytes, capacity=ring_capacity, prefill=ring_prefill)
        self._port: HeadsetMediaPort | None = HeadsetMediaPort(
            to_speaker=self._to_speaker, from_mic=self._from_mic
        )
        self._port.createPort("headset", pcm_format(sample_rate, frame_ms))
        fmt = StreamFormat(sample_rate=sample_rate, block_frames=self.frame_samples)
        self._mic = SupervisedStream(
            role=DeviceRole.MICROPHONE,
            requested=microphone,
            fmt=fmt,
            callback=self._take_mic_frame,
            emit=self._emit,
            timing=self._timing,
            host_api=host_api,
        )
        self._speaker = SupervisedStream(
            role=DeviceRole.SPEAKER,
            requested=speaker,
            fmt=fmt,
            callback=self._fill_speaker_frame,
            emit=self._emit,
            timing=self._timing,
            host_api=host_api,
        )
        self._lock = threading.Lock()  # guards the fields below
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._pending: dict[DeviceRole, str | None] = {}
        self._started = threading.Event()

    # ------------------------------------------------------------------ the engine's contract

    @property
    def capture_media(self) -> Any:
        """``pj.AudioMedia``: the microphone, to transmit to calls."""
        return self._require_port()

    @property
    def playback_media(self) -> Any:
        """``pj.AudioMedia``: the earpiece; calls transmit to it."""
        return self._require_port()

    @property
    def uses_fast_frame_path(self) -> bool:
        return self._require_port().fast

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Open the devices (on the ``headset-audio`` thread); returns at once. Idempotent."""
        with self._lock:
            if self._thread is not None:
                return
            self._stop.clear()
            self._started.clear()
            self._thread = threading.Thread(target=self._run, name="headset-audio", daemon=True)
            self._thread.start()

    def wait_started(self, timeout: float = 10.0) -> bool:
        """``True`` once both devices were tried (opened, fallen back or silent)."""
        return self._started.wait(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        """Close the PortAudio streams; calls keep running on silence. Idempotent."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        self._wake.set()
        thread.join(timeout)
        if thread.is_alive():
            logger.error("headset-audio thread did not stop within %.1f s", timeout)

    def close(self) -> None:
        """Stop and take the port off the bridge; owner thread only. Safe to call twice."""
        self.stop()
        port, self._port = self._port, None
        if port is not None:
            port.deactivate()
            del port  # the SWIG destructor removes it from the conference bridge

    # ------------------------------------------------------------------ devices

    @staticmethod
    def list_devices() -> list[AudioDevice]:
        """Every PortAudio device (see :func:`devices.rescan_devices` to pick up hot-plugged ones)."""
        return devs.list_devices()

    def select_microphone(self, name: str | None) -> None:
        """Use the microphone called ``name`` (``None`` = system default); applied asynchronously."""
        self._select(DeviceRole.MICROPHONE, name)

    def select_speaker(self, name: str | None) -> None:
        """Use the speaker/earpiece called ``name`` (``None`` = system default); applied asynchronously."""
        self._select(DeviceRole.SPEAKER, name)

    def status(self) -> tuple[StreamStatus, StreamStatus]:
        """(microphone, speaker) state, requested name and device in use."""
        return self._mic.status(), self._speaker.status()

    def stats(self) -> HeadsetStats:
        return HeadsetStats(
            speaker=self._to_speaker.stats(),
            microphone=self._from_mic.stats(),
            speaker_callback_errors=self._speaker.callback_errors,
            microphone_callback_errors=self._mic.callback_errors,
        )

    # ------------------------------------------------------------------ internals

    def _require_port(self) -> HeadsetMediaPort:
        if self._port is None:
            raise RuntimeError("this headset bridge was closed")
        return self._port

    def _select(self, role: DeviceRole, name: str | None) -> None:
        with self._lock:
            running = self._thread is not None
            if running:
                self._pending[role] = name
        if running:
            self._wake.set()
        else:
            (self._mic if role is DeviceRole.MICROPHONE else self._speaker).requested = (name or "").strip()

    def _emit(self, event: AudioDeviceEvent) -> None:
        logger.warning("headset: %s", event.message)
        if self._on_event is not None:
            try:
                self._on_event(event)
            except Exception:
                logger.exception("headset event listener failed on %s", event.kind)

    def _run(self) -> None:
        streams = (self._mic, self._speaker)
        try:
            for stream in streams:
                stream.start()
            self._started.set()
            while not self._stop.is_set():
                self._wake.wait(self._timing.tick_s)
                self._wake.clear()
                with self._lock:
                    pending, self._pending = self._pending, {}
                for role, name in pending.items():
                    stream = self._mic if role is DeviceRole.MICROPHONE else self._speaker
                    stream.reselect(name)
                    (self._from_mic if role is DeviceRole.MICROPHONE else self._to_speaker).clear()
                now = time.monotonic()
                for stream in streams:
                    stream.tick(now)
        except Exception:
            logger.exception("headset-audio supervision failed; audio devices stay as they are")
        finally:
            for stream in streams:
                try:
                    stream.stop()
                except Exception:
                    logger.exception("closing the %s stream failed", stream.role)
            self._started.set()

    def _take_mic_frame(self, indata: Any, frames: int) -> None:
        if frames != self.frame_samples:
            return  # fixed blocksize makes this impossible; never queue a torn frame
        self._from_mic.write_buffer(indata)
        if self._on_level is not None:
            self._on_level(measure_level(np.frombuffer(indata, dtype=np.int16)))

    def _fill_speaker_frame(self, outdata: Any, frames: int) -> None:
        if frames != self.frame_samples or not self._to_speaker.read_into_buffer(outdata):
            np.frombuffer(outdata, dtype=np.uint8)[:] = 0
