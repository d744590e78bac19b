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

from shared.telephony.audio.frame_access import probe_vector_layout, vector_data_address
from shared.telephony.audio.ring import FrameRing

logger = logging.getLogger(__name__)


def pcm_format(sample_rate: int, frame_ms: int) -> pj.MediaFormatAudio:
    """Mono 16-bit PCM at ``sample_rate`` in ``frame_ms`` frames."""
    fmt = pj.MediaFormatAudio()
    fmt.init(pj.PJMEDIA_FORMAT_PCM, sample_rate, 1, frame_ms * 1000, 16)
    return fmt


class HeadsetMediaPort(pj.AudioMediaPort):
    """Bridge port between calls and the two rings; created and destroyed on the endpoint owner thread,
    its frame callbacks run on the conference clock thread (see the module doc)."""

    def __init__(self, *, to_speaker: FrameRing, from_mic: FrameRing, fast: bool | None = None) -> None:
        super().__init__()
        self._to_speaker = to_speaker
        self._from_mic = from_mic
        self.fast = probe_vector_layout() if fast is None else fast
        self._errors = 0

    def onFrameReceived(self, frame: Any) -> None:
        try:
            if frame.type != pj.PJMEDIA_FRAME_TYPE_AUDIO:
                self._to_speaker.write_silence()
            elif self.fast:
                buf = frame.buf
                self._to_speaker.write_address(vector_data_address(buf), buf.size())
            else:
                data = bytes(frame.buf)
                self._to_speaker.write_buffer(
                    data.ljust(self._to_speaker.frame_bytes, b"\0")[: self._to_speaker.frame_bytes]
                )
        except Exception:
            self._note_error("speaker")

    def onFrameRequested(self, frame: Any) -> None:
        try:
            size = frame.size or self._from_mic.frame_bytes
            if self.fast:
                buf = frame.buf
                buf.resize(size)
                address = vector_data_address(buf)
                if not self._from_mic.read_into_address(address, size):
                    ctypes.memset(address, 0, size)
            else:
                data = self._from_mic.read_bytes()
                frame.buf = pj.ByteVector(data[:size] if data is not None else bytes(size))
            frame.size = size
            frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        except Exception:
            self._note_error("microphone")

    def _note_error(self, direction: str) -> None:
        self._errors += 1
        # log the first and then every 500th (10 s of frames): never flood from the clock thread
        if self._errors == 1 or self._errors % 500 == 0:
            logger.exception("headset %s frame failed (%d so far)", direction, self._errors)
