"""The endpoint's null sound device as a headset: for tests, servers and seats without audio."""

from __future__ import annotations

from typing import Any

import pjsua2 as pj


class NullHeadset:
    """Same contract as :class:`~shared.telephony.audio.headset.HeadsetBridge` (``capture_media``,
    ``playback_media``, ``start``/``stop``/``close``) backed by pjsua2's null device: the microphone
    is silence and the speaker discards audio, paced by pjsua2's own clock.

    Threading: construct on the endpoint's owner thread after ``libInit``; the other methods are no-ops.
    """

    def __init__(self, endpoint: Any | None = None, *, select_null_device: bool = True) -> None:
        ep = endpoint if endpoint is not None else pj.Endpoint.instance()
        manager = ep.audDevManager()
        if select_null_device:
            manager.setNullDev()
        self._capture = manager.getCaptureDevMedia()
        self._playback = manager.getPlaybackDevMedia()

    @property
    def capture_media(self) -> Any:
        return self._capture

    @property
    def playback_media(self) -> Any:
        return self._playback

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass
