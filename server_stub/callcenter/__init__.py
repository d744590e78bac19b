"""The hotline's control plane: the ACD runtime that ties the media plane, the database and the event
stream together.

``start_callcenter(app, settings)`` (see :mod:`.runtime`) starts one owner thread running the
:class:`~server_stub.acd.AcdEngine` with a 1 s tick, starts the call path (Kamailio + media workers) with
itself as :class:`~server_stub.media.control.CallControl`, carries out the ACD's decisions through
:class:`~server_stub.media.control.MediaControl`, writes every call's record and every agent state change
(:mod:`.persistence`) and publishes the events clients watch.
"""

from __future__ import annotations

from .runtime import CallCenter
from .startup import CallCenterHandle, start_callcenter

__all__ = ["CallCenter", "CallCenterHandle", "start_callcenter"]
