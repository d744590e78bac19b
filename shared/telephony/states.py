"""The ONE module that maps PJSIP's states and status codes to the project's enums.

Each state machine is an enum plus an explicit transition table; :func:`next_call_state` and
:func:`next_registration_state` are pure and raise :class:`InvalidTransition` on a pair the table lacks.
"""

from __future__ import annotations

import logging
from enum import StrEnum

import pjsua2 as pj

logger = logging.getLogger(__name__)


class InvalidTransition(ValueError):
    """A (state, event) pair that the transition table does not allow."""


class CallState(StrEnum):
    DIALING = "dialing"  # our INVITE is out, nothing heard back yet
    RINGING = "ringing"  # an incoming call waits for answer/reject
    EARLY = "early"  # our outgoing call got a provisional (180/183)
    CONNECTING = "connecting"  # answered, waiting for the ACK
    CONNECTED = "connected"
    HELD = "held"  # we put it on hold (the far end holding us is a media flag, not a state)
    ENDED = "ended"


class CallEvent(StrEnum):
    """What happened to a call, derived from PJSIP's invite-session and media states."""

    INV_CALLING = "inv_calling"
    INV_INCOMING = "inv_incoming"
    INV_EARLY = "inv_early"
    INV_CONNECTING = "inv_connecting"
    INV_CONFIRMED = "inv_confirmed"
    INV_DISCONNECTED = "inv_disconnected"
    MEDIA_ACTIVE = "media_active"
    MEDIA_LOCAL_HOLD = "media_local_hold"


_S, _E = CallState, CallEvent
_PRE_ANSWER_MEDIA = {_E.MEDIA_ACTIVE}  # early media / SDP negotiated before the 200 OK is confirmed

CALL_TRANSITIONS: dict[tuple[CallState, CallEvent], CallState] = {
    (_S.DIALING, _E.INV_CALLING): _S.DIALING,
    (_S.DIALING, _E.INV_EARLY): _S.EARLY,
    (_S.DIALING, _E.INV_CONNECTING): _S.CONNECTING,
    (_S.DIALING, _E.INV_CONFIRMED): _S.CONNECTED,
    (_S.DIALING, _E.MEDIA_ACTIVE): _S.DIALING,
    (_S.RINGING, _E.INV_INCOMING): _S.RINGING,
    (_S.RINGING, _E.INV_EARLY): _S.RINGING,
    (_S.RINGING, _E.INV_CONNECTING): _S.CONNECTING,
    (_S.RINGING, _E.INV_CONFIRMED): _S.CONNECTED,
    (_S.RINGING, _E.MEDIA_ACTIVE): _S.RINGING,
    (_S.EARLY, _E.INV_EARLY): _S.EARLY,
    (_S.EARLY, _E.INV_CONNECTING): _S.CONNECTING,
    (_S.EARLY, _E.INV_CONFIRMED): _S.CONNECTED,
    (_S.EARLY, _E.MEDIA_ACTIVE): _S.EARLY,
    (_S.CONNECTING, _E.INV_CONNECTING): _S.CONNECTING,
    (_S.CONNECTING, _E.INV_CONFIRMED): _S.CONNECTED,
    (_S.CONNECTING, _E.MEDIA_ACTIVE): _S.CONNECTING,
    (_S.CONNECTING, _E.MEDIA_LOCAL_HOLD): _S.CONNECTING,
    (_S.CONNECTED, _E.INV_CONFIRMED): _S.CONNECTED,
    (_S.CONNECTED, _E.MEDIA_ACTIVE): _S.CONNECTED,
    (_S.CONNECTED, _E.MEDIA_LOCAL_HOLD): _S.HELD,
    (_S.HELD, _E.INV_CONFIRMED): _S.HELD,
    (_S.HELD, _E.MEDIA_LOCAL_HOLD): _S.HELD,
    (_S.HELD, _E.MEDIA_ACTIVE): _S.CONNECTED,
}
# a call can end from anywhere but the end
for _state in CallState:
    if _state is not CallState.ENDED:
        CALL_TRANSITIONS[(_state, CallEvent.INV_DISCONNECTED)] = CallState.ENDED


def next_call_state(state: CallState, event: CallEvent) -> CallState:
    try:
        return CALL_TRANSITIONS[(state, event)]
    except KeyError:
        raise InvalidTransition(f"call cannot go from {state} on {event}") from None


def call_event_from_inv_state(inv_state: int) -> CallEvent | None:
    """PJSIP's ``pjsip_inv_state`` → our event; ``None`` for NULL (nothing happened yet)."""
    return {
        pj.PJSIP_INV_STATE_CALLING: CallEvent.INV_CALLING,
        pj.PJSIP_INV_STATE_INCOMING: CallEvent.INV_INCOMING,
        pj.PJSIP_INV_STATE_EARLY: CallEvent.INV_EARLY,
        pj.PJSIP_INV_STATE_CONNECTING: CallEvent.INV_CONNECTING,
        pj.PJSIP_INV_STATE_CONFIRMED: CallEvent.INV_CONFIRMED,
        pj.PJSIP_INV_STATE_DISCONNECTED: CallEvent.INV_DISCONNECTED,
    }.get(inv_state)


class MediaStatus(StrEnum):
    NONE = "none"
    ACTIVE = "active"
    LOCAL_HOLD = "local_hold"
    REMOTE_HOLD = "remote_hold"
    ERROR = "error"


def media_status_from_pj(status: int) -> MediaStatus:
    return {
        pj.PJSUA_CALL_MEDIA_ACTIVE: MediaStatus.ACTIVE,
        pj.PJSUA_CALL_MEDIA_LOCAL_HOLD: MediaStatus.LOCAL_HOLD,
        pj.PJSUA_CALL_MEDIA_REMOTE_HOLD: MediaStatus.REMOTE_HOLD,
        pj.PJSUA_CALL_MEDIA_ERROR: MediaStatus.ERROR,
    }.get(status, MediaStatus.NONE)


def call_event_from_media_status(status: MediaStatus) -> CallEvent | None:
    if status is MediaStatus.LOCAL_HOLD:
        return CallEvent.MEDIA_LOCAL_HOLD
    if status in (MediaStatus.ACTIVE, MediaStatus.REMOTE_HOLD):
        return CallEvent.MEDIA_ACTIVE
    return None


class CallDirectionKind(StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


class EndReason(StrEnum):
    """Why a call ended, in the words a call-taker would use."""

    NORMAL = "normal"  # someone hung up after talking
    CANCELLED = "cancelled"  # caller gave up before answer (487)
    BUSY = "busy"  # 486 / 600
    DECLINED = "declined"  # 603 or our reject
    NOT_FOUND = "not_found"  # 404 / 484 / 604
    NO_ANSWER = "no_answer"  # 408 / 480, or our own ring timeout
    UNREACHABLE = "unreachable"  # 503 / transport failure
    AUTH_FAILED = "auth_failed"  # 401 / 403 / 407 we could not satisfy
    TRANSFERRED = "transferred"  # the call was handed over by a transfer
    MEDIA_TIMEOUT = "media_timeout"  # the far end vanished (no RTP / no answer to re-INVITE)
    FAILED = "failed"


def end_reason_from_sip(code: int, *, was_connected: bool) -> EndReason:
    if was_connected and code in (0, 200):
        return EndReason.NORMAL
    if code in (408, 480):
        return EndReason.NO_ANSWER if not was_connected else EndReason.MEDIA_TIMEOUT
    table: dict[int, EndReason] = {
        200: EndReason.NORMAL,
        487: EndReason.CANCELLED,
        486: EndReason.BUSY,
        600: EndReason.BUSY,
        603: EndReason.DECLINED,
        404: EndReason.NOT_FOUND,
        484: EndReason.NOT_FOUND,
        604: EndReason.NOT_FOUND,
        503: EndReason.UNREACHABLE,
        502: EndReason.UNREACHABLE,
        401: EndReason.AUTH_FAILED,
        403: EndReason.AUTH_FAILED,
        407: EndReason.AUTH_FAILED,
    }
    return table.get(code, EndReason.NORMAL if was_connected else EndReason.FAILED)


class RegistrationState(StrEnum):
    UNREGISTERED = "unregistered"
    REGISTERING = "registering"
    REGISTERED = "registered"
    UNREGISTERING = "unregistering"
    FAILED = "failed"


class RegistrationEvent(StrEnum):
    REGISTER_REQUESTED = "register_requested"
    UNREGISTER_REQUESTED = "unregister_requested"
    SUCCEEDED = "succeeded"  # 2xx with expiry > 0
    REMOVED = "removed"  # 2xx with expiry 0
    FAILED = "failed"  # non-2xx final response or transport error


_R, _RE = RegistrationState, RegistrationEvent
REGISTRATION_TRANSITIONS: dict[tuple[RegistrationState, RegistrationEvent], RegistrationState] = {
    (_R.UNREGISTERED, _RE.REGISTER_REQUESTED): _R.REGISTERING,
    (_R.UNREGISTERED, _RE.UNREGISTER_REQUESTED): _R.UNREGISTERED,
    (_R.UNREGISTERED, _RE.REMOVED): _R.UNREGISTERED,
    (_R.UNREGISTERED, _RE.FAILED): _R.FAILED,
    (_R.UNREGISTERED, _RE.SUCCEEDED): _R.REGISTERED,
    (_R.REGISTERING, _RE.REGISTER_REQUESTED): _R.REGISTERING,
    (_R.REGISTERING, _RE.SUCCEEDED): _R.REGISTERED,
    (_R.REGISTERING, _RE.FAILED): _R.FAILED,
    (_R.REGISTERING, _RE.UNREGISTER_REQUESTED): _R.UNREGISTERING,
    (_R.REGISTERING, _RE.REMOVED): _R.UNREGISTERED,
    (_R.REGISTERED, _RE.SUCCEEDED): _R.REGISTERED,  # refresh
    (_R.REGISTERED, _RE.REGISTER_REQUESTED): _R.REGISTERING,
    (_R.REGISTERED, _RE.FAILED): _R.FAILED,  # a refresh was refused or timed out
    (_R.REGISTERED, _RE.UNREGISTER_REQUESTED): _R.UNREGISTERING,
    (_R.REGISTERED, _RE.REMOVED): _R.UNREGISTERED,
    (_R.UNREGISTERING, _RE.REMOVED): _R.UNREGISTERED,
    (_R.UNREGISTERING, _RE.FAILED): _R.UNREGISTERED,  # the binding expires on its own anyway
    (_R.UNREGISTERING, _RE.SUCCEEDED): _R.UNREGISTERING,  # a late refresh answer
    (_R.UNREGISTERING, _RE.UNREGISTER_REQUESTED): _R.UNREGISTERING,
    (_R.UNREGISTERING, _RE.REGISTER_REQUESTED): _R.REGISTERING,
    (_R.FAILED, _RE.REGISTER_REQUESTED): _R.REGISTERING,
    (_R.FAILED, _RE.SUCCEEDED): _R.REGISTERED,  # pjsua's own retry worked
    (_R.FAILED, _RE.FAILED): _R.FAILED,
    (_R.FAILED, _RE.UNREGISTER_REQUESTED): _R.UNREGISTERED,
    (_R.FAILED, _RE.REMOVED): _R.UNREGISTERED,
}


def next_registration_state(state: RegistrationState, event: RegistrationEvent) -> RegistrationState:
    try:
        return REGISTRATION_TRANSITIONS[(state, event)]
    except KeyError:
        raise InvalidTransition(f"registration cannot go from {state} on {event}") from None


def registration_event_from_reply(code: int, expiration: int, status: int) -> RegistrationEvent:
    """PJSIP's ``onRegState`` (SIP code, granted expiry, pj_status) → our event."""
    if status == 0 and 200 <= code < 300:
        return RegistrationEvent.SUCCEEDED if expiration > 0 else RegistrationEvent.REMOVED
    return RegistrationEvent.FAILED


class DtmfMethod(StrEnum):
    RFC2833 = "rfc2833"
    SIP_INFO = "sip_info"


def dtmf_method_to_pj(method: DtmfMethod) -> int:
    return {
        DtmfMethod.RFC2833: pj.PJSUA_DTMF_METHOD_RFC2833,
        DtmfMethod.SIP_INFO: pj.PJSUA_DTMF_METHOD_SIP_INFO,
    }[method]


def dtmf_method_from_pj(method: int) -> DtmfMethod:
    return DtmfMethod.SIP_INFO if method == pj.PJSUA_DTMF_METHOD_SIP_INFO else DtmfMethod.RFC2833
