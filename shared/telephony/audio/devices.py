"""PortAudio devices as typed records, lookup by name, and re-enumeration shared by every stream owner.

PortAudio lists devices once, at initialisation: a USB headset plugged in later only appears after
``Pa_Terminate``/``Pa_Initialize`` (``sd._terminate(); sd._initialize()``), and that closes every open
stream of the process. :func:`rescan_devices` therefore asks every registered stream owner to close
its stream first and to reopen it (by device *name*: indices change) afterwards.

Threading: every function may be called from any thread. Opening, closing and re-enumerating are
serialised by :data:`portaudio_lock` (re-entrant); stream owners hold it while they open or close.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from dataclasses import dataclass
from typing import Any, Protocol

import sounddevice as sd

from shared.telephony.audio.events import DeviceRole

logger = logging.getLogger(__name__)

portaudio_lock = threading.RLock()
_owners: weakref.WeakSet[RescanAware] = weakref.WeakSet()
_last_rescan = 0.0


@dataclass(frozen=True)
class AudioDevice:
    """One PortAudio device as the user would pick it (``name``) plus where PortAudio has it."""

    index: int
    name: str
    host_api: str
    max_input_channels: int
    max_output_channels: int
    default_samplerate: float
    is_default_input: bool = False
    is_default_output: bool = False

    def serves(self, role: DeviceRole) -> bool:
        return self.max_input_channels > 0 if role.is_input else self.max_output_channels > 0


class RescanAware(Protocol):
    """A stream owner that can let go of its PortAudio stream while devices are re-enumerated."""

    def suspend_for_rescan(self) -> None: ...

    def resume_after_rescan(self) -> None: ...


def register_owner(owner: RescanAware) -> None:
    _owners.add(owner)


def unregister_owner(owner: RescanAware) -> None:
    _owners.discard(owner)


def _default_indices() -> tuple[int, int]:
    try:
        default_in, default_out = sd.default.device
    except (TypeError, ValueError):
        return -1, -1
    hostapis = sd.query_hostapis()
    # sd.default.device is -1 until the user sets it: ask the default host API then
    if default_in is None or int(default_in) < 0:
        default_in = hostapis[0]["default_input_device"] if hostapis else -1
    if default_out is None or int(default_out) < 0:
        default_out = hostapis[0]["default_output_device"] if hostapis else -1
    return int(default_in), int(default_out)


def list_devices() -> list[AudioDevice]:
    """Every device PortAudio knows now (without re-enumerating; see :func:`rescan_devices`)."""
    with portaudio_lock:
        try:
            raw: Any = sd.query_devices()
            hostapis: Any = sd.query_hostapis()
            default_in, default_out = _default_indices()
        except sd.PortAudioError as exc:
            logger.warning("cannot list audio devices: %s", exc)
            return []
    devices = []
    for index, info in enumerate(raw):
        devices.append(
            AudioDevice(
                index=index,
                name=str(info["name"]),
                host_api=str(hostapis[info["hostapi"]]["name"]),
                max_input_channels=int(info["max_input_channels"]),
                max_output_channels=int(info["max_output_channels"]),
                default_samplerate=float(info["default_samplerate"]),
                is_default_input=index == default_in,
                is_default_output=index == default_out,
            )
        )
    return devices


def find_device(
    name: str, role: DeviceRole, *, host_api: str | None = None, devices: list[AudioDevice] | None = None
) -> AudioDevice | None:
    """The device called ``name`` (exact, case-insensitive, then as a substring) that can serve
    ``role``; devices on ``host_api`` (e.g. ``"MME"``, ``"ALSA"``) win when one is given."""
    wanted = name.strip().casefold()
    if not wanted:
        return None
    candidates = [d for d in (devices if devices is not None else list_devices()) if d.serves(role)]
    if host_api is not None:
        on_api = [d for d in candidates if d.host_api.casefold() == host_api.casefold()]
        candidates = on_api + [d for d in candidates if d not in on_api]
    for match in (lambda d: d.name.casefold() == wanted, lambda d: wanted in d.name.casefold()):
        for device in candidates:
            if match(device):
                return device
    return None


def default_device(role: DeviceRole, devices: list[AudioDevice] | None = None) -> AudioDevice | None:
    """The system default device for ``role``, or ``None`` when there is none."""
    for device in devices if devices is not None else list_devices():
        if device.serves(role) and (device.is_default_input if role.is_input else device.is_default_output):
            return device
    return None


def _reinitialize_portaudio() -> None:
    # Pa_Initialize is reference counted: only the count reaching zero re-enumerates devices
    depth = max(1, int(getattr(sd, "_initialized", 1)))
    for _ in range(int(getattr(sd, "_initialized", 1))):
        try:
            sd._terminate()
        except sd.PortAudioError as exc:
            logger.warning("Pa_Terminate failed during rescan: %s", exc)
            break
    for _ in range(depth):
        try:
            sd._initialize()
        except sd.PortAudioError as exc:
            logger.error("Pa_Initialize failed during rescan: %s", exc)
            break


def rescan_devices(*, min_interval_s: float = 0.0) -> bool:
    """Re-enumerate PortAudio devices so plugged-in hardware appears and unplugged hardware goes.

    Registered owners close their streams first and reopen them afterwards. Returns ``False`` without
    doing anything when the last rescan was less than ``min_interval_s`` ago."""
    global _last_rescan
    with portaudio_lock:
        now = time.monotonic()
        if min_interval_s > 0 and now - _last_rescan < min_interval_s:
            return False
        _last_rescan = now
        owners = list(_owners)
        for owner in owners:
            try:
                owner.suspend_for_rescan()
            except Exception:
                logger.exception("audio stream owner failed to suspend for a device rescan")
        _reinitialize_portaudio()
        for owner in owners:
            try:
                owner.resume_after_rescan()
            except Exception:
                logger.exception("audio stream owner failed to resume after a device rescan")
        logger.info("audio devices re-enumerated: %s", [d.name for d in list_devices()])
        return True
