"""The pjsua2 side of the headset: one ``AudioMediaPort`` on the conference bridge.

* ``onFrameReceived``: the bridge hands us what the calls say → queued for the speaker.
* ``onFrameRequested``: the bridge asks for what the microphone heard → taken from the mic queue.

Both run on pjsua2's conference clock thread every 20 ms and must never raise or block: an exception
inside a SWIG director is printed by pjsua2 and leaves the frame empty, and a slow handler delays every
call's audio. Frames are copied straight between the ``ByteVector`` storage and the rings (see
:mod:`shared.telephony.audio.frame_access`); the portable ``bytes(frame.buf)`` path is kept for builds
where the layout probe fails.
"""

from __future__ import annotations

import ctypes
import logging
from typing import Any

import pjsua2 as pj

from shared.telephony.audio.frame_access import probe_vector_layout, vector_data_address, vector_span
from shared.telephony.audio.ring import FrameRing

logger = logging.getLogger(__name__)


def pcm_format(sample_rate: int, frame_ms: int) -> pj.MediaFormatAudio:
    """Mono 16-bit PCM at ``sample_rate`` in ``frame_ms`` frames."""
    fmt = pj.MediaFormatAudio()
    fmt.init(pj.PJMEDIA_FORMAT_PCM, sample_rate, 1, frame_ms * 1000, 16)
    return fmt


class HeadsetMediaPort(pj.AudioMediaPort):
    """Bridge port between calls and the two rings; created and destroyed on the endpoint owner thread,
    its frame callbacks run on the conference clock thread (see the module doc).

    The fast path makes one SWIG call per received frame (``frame.buf``) and two per requested frame
    (assigning a preallocated ``ByteVector`` that already holds the samples, and ``frame.type``):
    every SWIG call hands the GIL over, which is what costs time on the clock thread."""

    # class-level fallbacks: while SWIG destroys the port, the clock thread may still call a handler on
    # an instance whose attributes are already gone; it then finds these and does nothing
    _active = False
    _errors = 0

    def __init__(self, *, to_speaker: FrameRing, from_mic: FrameRing, fast: bool | None = None) -> None:
        super().__init__()
        self._to_speaker = to_speaker
        self._from_mic = from_mic
        self.fast = probe_vector_layout() if fast is None else fast
        self._frame_bytes = from_mic.frame_bytes
        self._outgoing = pj.ByteVector()
        self._outgoing.resize(self._frame_bytes)
        self._outgoing_address = vector_data_address(self._outgoing)  # stable: never resized again
        self._active = True

    def deactivate(self) -> None:
        """Stop touching the rings (before the port is dropped): the bridge then hears silence."""
        self._active = False

    def onFrameReceived(self, frame: Any) -> None:
        if not self._active:
            return
        try:
            if self.fast:
                # a NONE frame arrives empty: that queues a frame of silence, which keeps the pacing
                address, size = vector_span(frame.buf)
                self._to_speaker.write_address(address, size)
            elif frame.type != pj.PJMEDIA_FRAME_TYPE_AUDIO:
                self._to_speaker.write_silence()
            else:
                data = bytes(frame.buf)[: self._to_speaker.frame_bytes]
                self._to_speaker.write_buffer(data.ljust(self._to_speaker.frame_bytes, b"\0"))
        except Exception:
            self._note_error("speaker")

    def onFrameRequested(self, frame: Any) -> None:
        # frame.size is preset by pjsua2 to what the bridge wants: our port's frame size
        if not self._active:
            return  # the frame stays type NONE: silence
        try:
            if self.fast:
                address = self._outgoing_address
                if not self._from_mic.read_into_address(address, self._frame_bytes):
                    ctypes.memset(address, 0, self._frame_bytes)
                frame.buf = self._outgoing  # one C++ vector copy, no per-byte Python work
            else:
                data = self._from_mic.read_bytes()
                frame.buf = pj.ByteVector(data if data is not None else bytes(self._frame_bytes))
            frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        except Exception:
            self._note_error("microphone")

    def _note_error(self, direction: str) -> None:
        self._errors += 1
        # log the first and then every 500th (10 s of frames): never flood from the clock thread
        if self._errors == 1 or self._errors % 500 == 0:
            logger.exception("headset %s frame failed (%d so far)", direction, self._errors)
