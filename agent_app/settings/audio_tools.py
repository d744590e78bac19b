"""The real :class:`~agent_app.settings.controller.AudioTools` and ring tone over ``shared.telephony.audio``.

Imported only by the composition root: nothing here is needed to run the widget tests.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from shared.telephony.audio import (
    DeviceRole,
    Sound,
    TonePlayer,
    list_devices,
    measure_level,
    rescan_devices,
    sound_path,
)

logger = logging.getLogger(__name__)


class PortAudioTools:
    """Threading contract: ``devices``/``rescan``/``play_test_tone`` may block and run on workers; the
    meter's stream callback runs on PortAudio's thread and only stores the last level."""

    def __init__(self) -> None:
        self._tone: TonePlayer | None = None
        self._stream: Any = None
        self._level = -96.0
        self._lock = threading.Lock()

    def devices(self) -> tuple[list[str], list[str]]:
        devices = list_devices()
        inputs = [d.name for d in devices if d.serves(DeviceRole.MICROPHONE)]
        outputs = [d.name for d in devices if d.serves(DeviceRole.SPEAKER)]
        return inputs, outputs

    def rescan(self) -> None:
        rescan_devices(min_interval_s=1.0)

    def play_test_tone(self, device: str) -> None:
        with self._lock:
            if self._tone is not None:
                self._tone.close()
            self._tone = TonePlayer(sound_path(Sound.RING_CHIME), device=device or None, loop=False)
            self._tone.start()

    def start_meter(self, device: str) -> None:
        import sounddevice as sd

        def callback(indata: Any, _frames: int, _time: Any, _status: Any) -> None:
            self._level = measure_level(indata[:, 0]).rms_dbfs

        self.stop_meter()
        try:
            self._stream = sd.InputStream(
                device=device or None,
                channels=1,
                samplerate=16000,
                dtype="int16",
                blocksize=320,
                callback=callback,
            )
            self._stream.start()
        except Exception as exc:  # PortAudio raises its own error types; the meter simply stays flat
            logger.warning("microphone level meter unavailable: %s", exc)
            self._stream = None

    def meter_level(self) -> float:
        return self._level

    def stop_meter(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        self._level = -96.0


class RingTone:
    """The incoming-call ring on the ring device (may differ from the headset).

    Threading contract: GUI thread; every call returns at once (the player has its own thread)."""

    def __init__(self, device: str) -> None:
        self._player = TonePlayer(sound_path(Sound.RING), device=device or None, loop=True)

    def start(self) -> None:
        self._player.start()

    def set_device(self, device: str) -> None:
        self._player.set_device(device or None)

    def stop(self) -> None:
        self._player.stop()

    def close(self) -> None:
        self._player.close()
