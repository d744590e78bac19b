"""Typed events the engine delivers to its listeners (on the engine's owner thread)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from shared.telephony.ids import AccountId, CallId, MediaId
from shared.telephony.states import CallDirectionKind, CallState, DtmfMethod, EndReason, RegistrationState


@dataclass(frozen=True)
class TelephonyEvent:
    """Base class of every engine event."""


@dataclass(frozen=True)
class RegistrationChanged(TelephonyEvent):
    account_id: AccountId
    state: RegistrationState
    sip_code: int  # 200, 401, 403, 408 (no answer from the registrar), 503 …
    reason: str
    expires_s: int


@dataclass(frozen=True)
class CallCreated(TelephonyEvent):
    """A new outgoing leg exists: from :meth:`SoftphoneEngine.dial` or made for a transfer we received."""

    call_id: CallId
    account_id: AccountId
    remote_uri: str
    transferred_from: CallId | None = None  # set when the far end REFERred us (we are the transferee)


@dataclass(frozen=True)
class IncomingCall(TelephonyEvent):
    call_id: CallId
    account_id: AccountId
    remote_uri: str
    caller_id: str  # user part of the From URI, e.g. "13800138000"
    display_name: str
    x_headers: Mapping[str, str] = field(default_factory=dict)  # every ``X-…`` header, names as sent
    auto_answer: bool = False  # the INVITE asked to be answered (Call-Info answer-after, Answer-Mode …)
    auto_answer_delay_s: float = 0.0
    busy_elsewhere: bool = False  # another call of ours is connected: this one is a waiting call


@dataclass(frozen=True)
class IncomingCallRejected(TelephonyEvent):
    """PJSIP turned an INVITE away before it became a call (e.g. 486 at the 4-call ceiling): a missed call."""

    remote_uri: str
    caller_id: str
    display_name: str
    sip_code: int
    reason: str


@dataclass(frozen=True)
class CallStateChanged(TelephonyEvent):
    call_id: CallId
    state: CallState
    previous: CallState
    sip_code: int
    reason: str


@dataclass(frozen=True)
class CallMediaChanged(TelephonyEvent):
    call_id: CallId
    active: bool  # audio flows (perhaps held by the far end)
    local_hold: bool
    remote_hold: bool
    muted: bool
    conferenced_with: tuple[CallId, ...] = ()


@dataclass(frozen=True)
class DtmfReceived(TelephonyEvent):
    call_id: CallId
    digit: str
    method: DtmfMethod


@dataclass(frozen=True)
class CallQuality(TelephonyEvent):
    """Receive-side and round-trip figures from RTCP; ``mos`` is an E-model estimate (1.0–4.5)."""

    call_id: CallId
    codec: str
    rx_packets: int
    rx_lost: int
    rx_loss_pct: float
    tx_lost_reported: int  # what the far end's RTCP says it lost of ours
    rx_jitter_ms: float
    rtt_ms: float
    mos: float


@dataclass(frozen=True)
class TransferRequested(TelephonyEvent):
    """The far end REFERred this call to ``target_uri``; the engine follows it (a ``CallCreated`` comes)."""

    call_id: CallId
    target_uri: str


@dataclass(frozen=True)
class TransferProgress(TelephonyEvent):
    """NOTIFY about a transfer we started; ``final`` carries the outcome."""

    call_id: CallId
    sip_code: int
    reason: str
    final: bool
    succeeded: bool


@dataclass(frozen=True)
class CallReplaced(TelephonyEvent):
    """Attended transfer, target side: ``new_call_id`` (the transferee) replaces ``old_call_id``."""

    old_call_id: CallId
    new_call_id: CallId
    remote_uri: str


@dataclass(frozen=True)
class PlaybackFinished(TelephonyEvent):
    """A WAV player reached the end of its file (every time round, if it loops)."""

    media_id: MediaId
    looping: bool


@dataclass(frozen=True)
class CallEnded(TelephonyEvent):
    call_id: CallId
    sip_code: int
    reason: str
    end_reason: EndReason
    direction: CallDirectionKind
    was_connected: bool
    duration_s: float  # talk time (0 when never connected)
