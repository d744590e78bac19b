"""A jitter-tolerant ring of fixed-size audio frames between two threads that tick on different clocks.

One side is PortAudio's callback thread (paced by the sound card), the other pjsua2's conference clock
thread (paced by the system clock). Neither may block, and their clocks drift, so the ring:

* starts playing out only once ``prefill`` frames are queued (absorbs jitter; adds that much latency),
* answers an underrun with silence and primes again (counted in ``underruns``),
* drops the oldest frame when full (counted in ``overruns``), which bounds latency at ``capacity``.

Frames are copied once, with C-level copies, into preallocated storage: from a buffer-protocol object
(PortAudio's ``indata``/``outdata``) or from a raw address (a pjsua2 ``ByteVector``'s data, see
:mod:`shared.telephony.audio.frame_access`). No Python object is created per frame.

Threading: one producer thread and one consumer thread, any two; a short lock guards the indices.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class RingStats:
    queued: int
    underruns: int
    overruns: int
    frames_in: int
    frames_out: int


class FrameRing:
    """Fixed-size frames (``frame_bytes`` each) in a ring of ``capacity`` slots; see the module doc."""

    def __init__(self, frame_bytes: int, *, capacity: int = 6, prefill: int = 2) -> None:
        if frame_bytes <= 0 or capacity < 2 or not 1 <= prefill < capacity:
            raise ValueError(
                f"a frame ring needs frame_bytes > 0 and 1 <= prefill < capacity (got {frame_bytes}, "
                f"prefill={prefill}, capacity={capacity})"
            )
        self.frame_bytes = frame_bytes
        self.capacity = capacity
        self.prefill = prefill
        self._storage = np.zeros((capacity, frame_bytes), dtype=np.uint8)
        self._views = [memoryview(self._storage[i]) for i in range(capacity)]
        self._addresses = [int(self._storage[i].ctypes.data) for i in range(capacity)]
        self._lock = threading.Lock()
        self._read = 0
        self._count = 0
        self._priming = True
        self._underruns = 0
        self._overruns = 0
        self._frames_in = 0
        self._frames_out = 0

    # -- producer side

    def _slot_for_write(self) -> int:
        # caller holds the lock
        if self._count == self.capacity:
            self._read = (self._read + 1) % self.capacity
            self._count -= 1
            self._overruns += 1
        return (self._read + self._count) % self.capacity

    def write_buffer(self, data: object) -> None:
        """Queue one frame from a buffer-protocol object of exactly ``frame_bytes`` bytes."""
        with self._lock:
            slot = self._slot_for_write()
            self._views[slot][:] = memoryview(data).cast("B")  # type: ignore[arg-type]
            self._count += 1
            self._frames_in += 1

    def write_address(self, address: int, nbytes: int) -> None:
        """Queue one frame from raw memory; shorter frames are padded with silence."""
        n = min(nbytes, self.frame_bytes)
        with self._lock:
            slot = self._slot_for_write()
            dst = self._addresses[slot]
            if n > 0 and address:
                ctypes.memmove(dst, address, n)
            else:
                n = 0
            if n < self.frame_bytes:
                ctypes.memset(dst + n, 0, self.frame_bytes - n)
            self._count += 1
            self._frames_in += 1

    def write_silence(self) -> None:
        self.write_address(0, 0)

    # -- consumer side

    def _slot_for_read(self) -> int:
        # caller holds the lock; -1 means "play silence"
        if self._priming:
            if self._count < self.prefill:
                return -1
            self._priming = False
        if self._count == 0:
            self._priming = True
            self._underruns += 1
            return -1
        slot = self._read
        self._read = (self._read + 1) % self.capacity
        self._count -= 1
        self._frames_out += 1
        return slot

    def read_into_buffer(self, out: object) -> bool:
        """Fill ``out`` (writable buffer of ``frame_bytes``) with the next frame; ``False`` (and ``out``
        left untouched) when there is none and the caller should play silence."""
        with self._lock:
            slot = self._slot_for_read()
            if slot < 0:
                return False
            memoryview(out).cast("B")[:] = self._views[slot]  # type: ignore[arg-type]
            return True

    def read_into_address(self, address: int, nbytes: int) -> bool:
        """Copy the next frame to raw memory (``nbytes`` ≤ ``frame_bytes``); ``False`` when none."""
        with self._lock:
            slot = self._slot_for_read()
            if slot < 0:
                return False
            ctypes.memmove(address, self._addresses[slot], min(nbytes, self.frame_bytes))
            return True

    def read_bytes(self) -> bytes | None:
        """The next frame as a new ``bytes`` (for tests and the portable slow path)."""
        with self._lock:
            slot = self._slot_for_read()
            return None if slot < 0 else self._views[slot].tobytes()

    def clear(self) -> None:
        """Drop everything queued (e.g. when a device is switched) and prime again."""
        with self._lock:
            self._count = 0
            self._priming = True

    def stats(self) -> RingStats:
        with self._lock:
            return RingStats(self._count, self._underruns, self._overruns, self._frames_in, self._frames_out)
