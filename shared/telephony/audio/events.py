"""Typed events a headset bridge or tone player emits when its audio devices change.

Each event carries the facts a UI needs to tell the user what happened (which role, which device was
asked for, which one is used now) plus an English ``message`` for logs; UIs build their own translated
text from the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class DeviceRole(StrEnum):
    """What a device is used for; the headset has two, the ringer one."""

    MICROPHONE = "microphone"
    SPEAKER = "speaker"
    RINGER = "ringer"

    @property
    def is_input(self) -> bool:
        return self is DeviceRole.MICROPHONE


class AudioEventKind(StrEnum):
    DEVICE_NOT_FOUND = "device_not_found"
    DEVICE_LOST = "device_lost"
    DEVICE_RESTORED = "device_restored"


@dataclass(frozen=True)
class AudioDeviceEvent:
    """Base of every device event. ``using`` is the device now in use, ``None`` meaning silence."""

    role: DeviceRole
    using: str | None

    @property
    def kind(self) -> AudioEventKind:
        raise NotImplementedError

    @property
    def message(self) -> str:
        raise NotImplementedError


def _using_text(using: str | None) -> str:
    return f"using {using!r} instead" if using is not None else "no device available, audio is silent"


@dataclass(frozen=True)
class DeviceNotFound(AudioDeviceEvent):
    """The device asked for by name does not exist or cannot be opened; a fallback (or silence) is in
    use and the device is polled for (then :class:`DeviceRestored`)."""

    requested: str

    @property
    def kind(self) -> AudioEventKind:
        return AudioEventKind.DEVICE_NOT_FOUND

    @property
    def message(self) -> str:
        return f"{self.role} {self.requested!r} is not available; {_using_text(self.using)}"


@dataclass(frozen=True)
class DeviceLost(AudioDeviceEvent):
    """A device that was working stopped (unplugged, stream error); a fallback is in use and the
    lost device is polled for until it returns (then :class:`DeviceRestored`)."""

    lost: str

    @property
    def kind(self) -> AudioEventKind:
        return AudioEventKind.DEVICE_LOST

    @property
    def message(self) -> str:
        return f"{self.role} {self.lost!r} stopped working; {_using_text(self.using)}"


@dataclass(frozen=True)
class DeviceRestored(AudioDeviceEvent):
    """The device asked for works again and is in use (``using`` is its name)."""

    @property
    def kind(self) -> AudioEventKind:
        return AudioEventKind.DEVICE_RESTORED

    @property
    def message(self) -> str:
        return f"{self.role} {self.using!r} is back in use"


AudioEventListener = Callable[[AudioDeviceEvent], None]
