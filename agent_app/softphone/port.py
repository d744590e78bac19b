"""The softphone as the agent app's controllers see it: a small Protocol and the events it reports.

The real implementation adapts ``shared.telephony.SoftphoneEngine`` (:mod:`.engine_adapter`); tests and
demo mode use :class:`agent_app.demo.fake_phone.FakePhone`. Nothing here imports pjsua2.

Threading contract for every implementation: all methods are called on the GUI thread and the
listener is called on the GUI thread (the real engine is pumped by a ``QTimer``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

CALL_HEADER = "X-Hotline-Call"
CALL_ID_HEADER = "X-Hotline-Call-Id"  # the server's call record id (conference rooms are named by it)
CONFERENCE_FROM_HEADER = "X-Hotline-Conference-From"  # work number of the colleague who invited this seat
CALLER_HEADER = "X-Hotline-Caller"
QUEUE_HEADER = "X-Hotline-Queue"
IVR_PATH_HEADER = "X-Hotline-Ivr-Path"
IVR_DIGITS_HEADER = "X-Hotline-Ivr-Digits"


class LineState(StrEnum):
    RINGING = "ringing"  # incoming, waiting for answer
    DIALING = "dialing"  # outgoing, not answered yet
    CONNECTED = "connected"
    HELD = "held"
    ENDED = "ended"


@dataclass(frozen=True)
class SipAccount:
    user: str
    password: str
    domain: str
    registrar: str  # "sip:host:port"
    display_name: str = ""


@dataclass(frozen=True)
class PhoneEvent:
    """Base of everything the phone reports."""


@dataclass(frozen=True)
class RegistrationChanged(PhoneEvent):
    registered: bool
    reason: str = ""


@dataclass(frozen=True)
class IncomingCall(PhoneEvent):
    call_id: str
    caller_number: str
    display_name: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    waiting: bool = False  # another call is connected: call waiting

    def header(self, name: str) -> str:
        lowered = {k.lower(): v for k, v in self.headers.items()}
        return lowered.get(name.lower(), "")


@dataclass(frozen=True)
class OutgoingCall(PhoneEvent):
    call_id: str
    number: str


@dataclass(frozen=True)
class LineChanged(PhoneEvent):
    call_id: str
    state: LineState
    muted: bool = False
    conferenced: bool = False


@dataclass(frozen=True)
class CallEnded(PhoneEvent):
    call_id: str
    reason: str  # EndReason value: normal, cancelled, busy, …
    was_connected: bool
    duration_s: float


@dataclass(frozen=True)
class QualityReport(PhoneEvent):
    call_id: str
    mos: float  # 1.0 – 4.5
    loss_pct: float
    jitter_ms: float


@dataclass(frozen=True)
class TransferResult(PhoneEvent):
    call_id: str
    succeeded: bool
    reason: str = ""


PhoneListener = Callable[[PhoneEvent], None]


class SoftphonePort(Protocol):
    def set_listener(self, listener: PhoneListener) -> None: ...
    def register(self, account: SipAccount) -> None: ...
    def unregister(self) -> None: ...
    def dial(self, number: str, headers: Mapping[str, str] | None = None) -> str: ...
    def answer(self, call_id: str) -> None: ...
    def reject(self, call_id: str) -> None: ...
    def hangup(self, call_id: str) -> None: ...
    def hold(self, call_id: str, on: bool) -> None: ...
    def mute(self, call_id: str, on: bool) -> None: ...
    def send_dtmf(self, call_id: str, digits: str) -> None: ...
    def blind_transfer(self, call_id: str, target: str) -> None: ...
    def consult_transfer(self, call_id: str, consult_call_id: str) -> None: ...
    def conference(self, call_a: str, call_b: str) -> None: ...
    def shutdown(self) -> None: ...


class PhoneError(Exception):
    """A phone action that could not be done; ``message`` is for the call-taker."""
