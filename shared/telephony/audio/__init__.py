"""Headset audio for the softphone engine: pjsua2's conference bridge ↔ PortAudio via ``sounddevice``.

Public API:

* :class:`HeadsetBridge` — microphone/speaker chosen by name, fallback and recovery, level meter;
  exposes ``capture_media``/``playback_media`` for ``engine.set_headset``.
* :class:`NullHeadset` — the same two attributes on pjsua2's null device (tests, servers).
* :class:`TonePlayer` — ring and call-waiting tones looped on a (possibly different) output device.
* :func:`list_devices`, :func:`rescan_devices`, :class:`AudioDevice` — what PortAudio offers.
* Events: :class:`DeviceNotFound`, :class:`DeviceLost`, :class:`DeviceRestored`
  (all :class:`AudioDeviceEvent`); levels: :class:`LevelReading`.
"""

from shared.telephony.audio.devices import AudioDevice, find_device, list_devices, rescan_devices
from shared.telephony.audio.events import (
    AudioDeviceEvent,
    AudioEventKind,
    DeviceLost,
    DeviceNotFound,
    DeviceRestored,
    DeviceRole,
)
from shared.telephony.audio.headset import HeadsetBridge, HeadsetStats
from shared.telephony.audio.level import LevelReading, measure_level
from shared.telephony.audio.null_headset import NullHeadset
from shared.telephony.audio.state import StreamState
from shared.telephony.audio.supervised_stream import StreamStatus, SupervisionTiming
from shared.telephony.audio.tones import BadSoundFile, Sound, TonePlayer, load_wav, sound_path

__all__ = [
    "AudioDevice",
    "AudioDeviceEvent",
    "AudioEventKind",
    "BadSoundFile",
    "DeviceLost",
    "DeviceNotFound",
    "DeviceRestored",
    "DeviceRole",
    "HeadsetBridge",
    "HeadsetStats",
    "LevelReading",
    "NullHeadset",
    "Sound",
    "StreamState",
    "StreamStatus",
    "SupervisionTiming",
    "TonePlayer",
    "find_device",
    "list_devices",
    "load_wav",
    "measure_level",
    "rescan_devices",
    "sound_path",
]
