"""One PortAudio stream on a device chosen by name, kept going across device loss.

A :class:`SupervisedStream` opens the device asked for (else the system default, else nothing: silence),
notices when the stream dies (PortAudio's finished callback, or no callback for ``stall_timeout_s``),
falls back, tells its owner through events, and polls for the device's return. Only the stream's owner
thread calls :meth:`start`, :meth:`tick` and :meth:`stop`; the PortAudio callback runs on PortAudio's
own thread and only touches the user callback and a timestamp.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sounddevice as sd

from shared.telephony.audio import devices as devs
from shared.telephony.audio.devices import AudioDevice
from shared.telephony.audio.events import (
    AudioDeviceEvent,
    DeviceLost,
    DeviceNotFound,
    DeviceRestored,
    DeviceRole,
)
from shared.telephony.audio.state import StreamEvent, StreamState, next_state

logger = logging.getLogger(__name__)

# (buffer, frames): fill it (output) or consume it (input); runs on PortAudio's callback thread
StreamCallback = Callable[[Any, int], None]

SYSTEM_DEFAULT = ""  # requested name meaning "whatever the system default is"


@dataclass(frozen=True)
class SupervisionTiming:
    """How quickly loss is noticed and return is polled for.

    ``startup_grace_s`` is generous because a PulseAudio-backed ALSA stream may take up to ~2 s before
    its first callback. Full PortAudio re-enumerations briefly interrupt every stream of the process
    (on PulseAudio for up to ~2 s), so while a fallback device is playing the rescans for the lost
    device back off from ``rescan_min_interval_s`` to ``rescan_max_interval_s``; while silent there is
    nothing of ours to interrupt and they stay at the minimum. An application that gets the OS's
    device-change notification can call :func:`devices.rescan_devices` itself for an instant return.
    interrupt every stream of the process."""

    stall_timeout_s: float = 1.0
    startup_grace_s: float = 5.0
    restore_poll_s: float = 2.0
    rescan_min_interval_s: float = 4.0
    rescan_max_interval_s: float = 30.0
    tick_s: float = 0.2


@dataclass(frozen=True)
class StreamStatus:
    role: DeviceRole
    state: StreamState
    requested: str  # "" = system default
    active: str | None  # device in use, None when silent or stopped


@dataclass(frozen=True)
class StreamFormat:
    sample_rate: int
    block_frames: int
    channels: int = 1
    dtype: str = "int16"
    latency: str | float = "low"


class _OpenStream:
    """A started PortAudio stream with its liveness marks (written from PortAudio's threads)."""

    def __init__(self, stream: Any, device: AudioDevice) -> None:
        self.stream = stream
        self.device = device
        self.opened_at = time.monotonic()
        self.last_callback = 0.0
        self.callbacks = 0
        self.finished = False
        self.retired = False  # closed by us on purpose: its finished callback means nothing

    def is_dead(self, now: float, timing: SupervisionTiming) -> bool:
        if self.finished and not self.retired:
            return True
        if now - self.opened_at <= timing.startup_grace_s:
            # output streams prebuffer a burst of blocks and may then wait seconds for the server:
            # only the finished callback counts as death this early
            return False
        if self.callbacks == 0:
            return True
        return now - self.last_callback > timing.stall_timeout_s

    def close(self) -> None:
        self.retired = True
        try:
            self.stream.abort(ignore_errors=True)
            self.stream.close(ignore_errors=True)
        except Exception as exc:  # a device that vanished may refuse even this
            logger.debug("closing audio stream on %r failed: %s", self.device.name, exc)


class SupervisedStream:
    """See the module doc. Registers itself for :func:`devices.rescan_devices` while started."""

    def __init__(
        self,
        *,
        role: DeviceRole,
        requested: str | None,
        fmt: StreamFormat,
        callback: StreamCallback,
        emit: Callable[[AudioDeviceEvent], None],
        timing: SupervisionTiming | None = None,
        host_api: str | None = None,
    ) -> None:
        self.role = role
        self.requested = (requested or SYSTEM_DEFAULT).strip()
        self._fmt = fmt
        self._callback = callback
        self._emit = emit
        self._timing = timing or SupervisionTiming()
        self._host_api = host_api
        self.state = StreamState.STOPPED
        self._current: _OpenStream | None = None
        self._reopen_failed = False
        self._next_poll = 0.0
        self._next_rescan = 0.0
        self._rescan_interval = self._timing.rescan_min_interval_s
        self._suspended_name: str | None = None
        self._lost_name = "?"
        self.callback_errors = 0

    @property
    def active(self) -> AudioDevice | None:
        current = self._current
        return current.device if current is not None else None

    # ------------------------------------------------------------------ public, owner thread

    def status(self) -> StreamStatus:
        active = self.active
        return StreamStatus(self.role, self.state, self.requested, active.name if active else None)

    def start(self) -> None:
        """Open the device asked for, else the default (event), else go silent (event)."""
        if self.state is not StreamState.STOPPED:
            return
        devs.register_owner(self)
        with devs.portaudio_lock:
            opened = self._open_preferred()
            if opened is None and self.requested:
                # maybe plugged in after PortAudio listed the devices
                devs.rescan_devices(min_interval_s=self._timing.rescan_min_interval_s)
                opened = self._open_preferred()
            if opened is not None:
                self._current = opened
                self._transition(StreamEvent.OPENED_PREFERRED)
                return
            self._current = self._open_fallback()
            self._transition(StreamEvent.OPENED_FALLBACK if self._current else StreamEvent.NO_DEVICE)
            self._next_poll = time.monotonic() + self._timing.restore_poll_s
            self._rescan_interval = self._timing.rescan_min_interval_s
            self._next_rescan = self._next_poll
            using = self.active.name if self.active else None
        self._emit(DeviceNotFound(self.role, using, self.requested or "system default"))

    def tick(self, now: float | None = None) -> None:
        """Check health and poll for the device's return; call every ``timing.tick_s``."""
        now = time.monotonic() if now is None else now
        if self.state is StreamState.STOPPED:
            return
        with devs.portaudio_lock:
            current = self._current
            if self._reopen_failed or (current is not None and current.is_dead(now, self._timing)):
                self._handle_loss(now)
            elif self.state is not StreamState.PREFERRED and now >= self._next_poll:
                self._next_poll = now + self._timing.restore_poll_s
                self._try_restore()

    def stop(self) -> None:
        with devs.portaudio_lock:
            self._close_current()
            self._suspended_name = None
            self._reopen_failed = False
            self._transition(StreamEvent.STOP)
        devs.unregister_owner(self)

    def reselect(self, requested: str | None) -> None:
        """Switch to another device (``None`` = system default), reopening if running."""
        running = self.state is not StreamState.STOPPED
        if running:
            self.stop()
        self.requested = (requested or SYSTEM_DEFAULT).strip()
        if running:
            self.start()

    # ------------------------------------------------------------------ rescan protocol

    def suspend_for_rescan(self) -> None:
        with devs.portaudio_lock:
            if self._current is not None:
                self._suspended_name = self._current.device.name
                self._close_current()

    def resume_after_rescan(self) -> None:
        with devs.portaudio_lock:
            name, self._suspended_name = self._suspended_name, None
            if name is None:
                return
            device = devs.find_device(name, self.role, host_api=self._host_api)
            self._current = self._open(device) if device is not None else None
            if self._current is None:
                self._reopen_failed = True  # the next tick reports the loss and falls back
                self._lost_name = name

    # ------------------------------------------------------------------ internals

    def _transition(self, event: StreamEvent) -> None:
        new_state = next_state(self.state, event)
        if new_state is not self.state:
            active = self.active
            logger.info(
                "%s stream %s → %s (%s, device %r)",
                self.role,
                self.state,
                new_state,
                event,
                active.name if active else None,
            )
        self.state = new_state

    def _open_preferred(self) -> _OpenStream | None:
        if self.requested:
            device = devs.find_device(self.requested, self.role, host_api=self._host_api)
        else:
            device = devs.default_device(self.role)
        return self._open(device) if device is not None else None

    def _open_fallback(self, avoid: str | None = None) -> _OpenStream | None:
        device = devs.default_device(self.role)
        if device is None or device.name == avoid:
            return None
        return self._open(device)

    def _handle_loss(self, now: float) -> None:
        current = self._current
        lost = current.device.name if current is not None else self._lost_name
        self._reopen_failed = False
        self._close_current()
        self._transition(StreamEvent.LOST)
        # a replugged or vanished device only shows after re-enumeration
        devs.rescan_devices(min_interval_s=self._timing.rescan_min_interval_s)
        if not self.requested:
            self._current = self._open_preferred()
            self._transition(StreamEvent.OPENED_PREFERRED if self._current else StreamEvent.NO_DEVICE)
        else:
            self._current = self._open_fallback(avoid=lost)
            self._transition(StreamEvent.OPENED_FALLBACK if self._current else StreamEvent.NO_DEVICE)
        self._next_poll = now + self._timing.restore_poll_s
        self._rescan_interval = self._timing.rescan_min_interval_s
        self._next_rescan = now + self._rescan_interval
        self._emit(DeviceLost(self.role, self.active.name if self.active else None, lost))

    def _try_restore(self) -> None:
        opened = self._open_preferred()
        # a rescan closes and reopens our fallback stream too (rescan protocol)
        if opened is None and self._rescan_due():
            opened = self._open_preferred()
        if opened is not None:
            self._close_current()
            self._reopen_failed = False
            self._current = opened
            self._transition(StreamEvent.OPENED_PREFERRED)
            self._emit(DeviceRestored(self.role, opened.device.name))
            return
        if self.state is StreamState.SILENT and self.requested and not self._reopen_failed:
            self._current = self._open_fallback()
            if self._current is not None:
                self._transition(StreamEvent.OPENED_FALLBACK)
                self._emit(DeviceNotFound(self.role, self._current.device.name, self.requested))

    def _rescan_due(self) -> bool:
        now = time.monotonic()
        if now < self._next_rescan:
            return False
        if not devs.rescan_devices(min_interval_s=self._timing.rescan_min_interval_s):
            return False
        if self.state is StreamState.FALLBACK:
            self._rescan_interval = min(self._rescan_interval * 2, self._timing.rescan_max_interval_s)
        else:
            self._rescan_interval = self._timing.rescan_min_interval_s
        self._next_rescan = now + self._rescan_interval
        return True

    def _open(self, device: AudioDevice) -> _OpenStream | None:
        """Open and start a stream on ``device``; ``None`` when PortAudio refuses."""
        callback = self._callback
        record: _OpenStream | None = None

        def on_audio(data: Any, frames: int, _time: Any, _status: Any) -> None:
            if record is not None:
                record.last_callback = time.monotonic()
                record.callbacks += 1
            try:
                callback(data, frames)
            except Exception:
                self.callback_errors += 1
                if self.callback_errors == 1 or self.callback_errors % 500 == 0:
                    logger.exception("%s audio callback failed (%d so far)", self.role, self.callback_errors)

        def on_finished() -> None:
            if record is not None:
                record.finished = True

        stream_class = sd.RawInputStream if self.role.is_input else sd.RawOutputStream
        extra: Any = None
        if "wasapi" in device.host_api.casefold():
            # shared-mode WASAPI only runs at the device's own rate unless asked to resample
            extra = sd.WasapiSettings(auto_convert=True)
        try:
            stream = stream_class(
                samplerate=self._fmt.sample_rate,
                blocksize=self._fmt.block_frames,
                channels=self._fmt.channels,
                dtype=self._fmt.dtype,
                latency=self._fmt.latency,
                device=device.index,
                callback=on_audio,
                finished_callback=on_finished,
                extra_settings=extra,
            )
        except (sd.PortAudioError, ValueError) as exc:
            logger.info("cannot open %s %r: %s", self.role, device.name, exc)
            return None
        record = _OpenStream(stream, device)
        try:
            stream.start()
        except sd.PortAudioError as exc:
            logger.info("cannot start %s %r: %s", self.role, device.name, exc)
            record.close()
            return None
        return record

    def _close_current(self) -> None:
        current, self._current = self._current, None
        if current is not None:
            current.close()
