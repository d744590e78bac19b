"""The softphone engine: the one pjsua2 ``Endpoint`` of the process, its accounts and calls.

Nothing pjsua2 leaves this package: callers hold our ids (:data:`CallId`, :data:`AccountId`,
:data:`MediaId`) and receive typed events (``shared.telephony.events``).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import quote

import pjsua2 as pj

from shared.telephony import events as ev
from shared.telephony.config import AccountConfig, EngineConfig
from shared.telephony.errors import TelephonyError, TelephonyErrorId, pj_errors
from shared.telephony.ids import (
    HEADSET_CAPTURE,
    HEADSET_PLAYBACK,
    LOCAL_ACCOUNT,
    AccountId,
    CallId,
    MediaId,
    call_media_id,
)
from shared.telephony.media_routing import BridgeRouter, CallAudio, Link, desired_links
from shared.telephony.media_tools import BridgePort, LevelMeter, ToneSource, WavPlayer, WavRecorder
from shared.telephony.quality import estimate_mos
from shared.telephony.sip_headers import auto_answer_request, parse_headers, parse_name_addr, x_headers
from shared.telephony.states import (
    CallDirectionKind,
    CallEvent,
    CallState,
    DtmfMethod,
    EndReason,
    InvalidTransition,
    MediaStatus,
    RegistrationEvent,
    RegistrationState,
    call_event_from_inv_state,
    call_event_from_media_status,
    dtmf_method_from_pj,
    dtmf_method_to_pj,
    end_reason_from_sip,
    media_status_from_pj,
    next_call_state,
    next_registration_state,
    registration_event_from_reply,
)

logger = logging.getLogger(__name__)

MAX_ACCOUNTS = 8  # PJSUA_MAX_ACC in the wheel; the 9th Account.create aborts the process
EventListener = Callable[[ev.TelephonyEvent], None]
_DTMF_DIGITS = re.compile(r"^[0-9A-Da-d*#]+$")
_HOUSEKEEPING_EVERY_S = 0.1
_ENDED_SNAPSHOTS_KEPT = 32
_endpoint_claimed = False  # pjsua2: one Endpoint per process, ever
_LOCAL_END_GRACE_S = 3.0  # after our hangup, how long PJSIP may take before we call the call ended ourselves


class Headset(Protocol):
    """What ``set_headset`` accepts: two bridge ports created on the owner thread after ``start``."""

    @property
    def capture_media(self) -> Any: ...  # pj.AudioMedia: microphone → calls

    @property
    def playback_media(self) -> Any: ...  # pj.AudioMedia: calls → earpiece


@dataclass(frozen=True)
class CallSnapshot:
    """A read-only view of one call for UIs and tests."""

    call_id: CallId
    account_id: AccountId
    direction: CallDirectionKind
    state: CallState
    remote_uri: str
    muted: bool
    local_hold: bool
    remote_hold: bool
    conferenced_with: tuple[CallId, ...]
    connected_for_s: float


@dataclass
class _CallRecord:
    call_id: CallId
    account_id: AccountId
    direction: CallDirectionKind
    pj_call: _PjCall
    state: CallState
    remote_uri: str = ""
    created_at: float = field(default_factory=time.monotonic)
    connected_at: float | None = None
    muted: bool = False
    media_status: MediaStatus = MediaStatus.NONE
    audio_index: int = -1
    to_headset: bool = True
    conference: set[CallId] = field(default_factory=set)
    auto_answer_at: float | None = None
    hangup_requested_at: float | None = None
    forced_end: tuple[int, str, EndReason] | None = None  # why *we* ended it (timeout, transfer)
    ended: bool = False
    last_rx_packets: int = -1
    last_rx_change: float = field(default_factory=time.monotonic)
    next_quality_at: float = 0.0
    next_flow_check_at: float = 0.0


def _deliver(owner: _PjCall | _PjAccount, name: str, handler: str, *args: Any) -> None:
    """Hand a pjsua2 callback to the engine. The engine detaches itself (``engine = None``) while shutting
    down; a late callback then does nothing instead of raising through SWIG into C."""
    engine = owner.engine
    if engine is not None:
        engine._guard(name, getattr(engine, handler), owner, *args)


class _PjCall(pj.Call):
    """pjsua2 callbacks → engine methods; every callback is guarded so a bug never unwinds into C."""

    def __init__(self, engine: SoftphoneEngine, account: pj.Account, pj_call_id: int = pj.PJSUA_INVALID_ID):
        super().__init__(account, pj_call_id)
        self.engine: SoftphoneEngine | None = engine
        self.call_id: CallId = CallId("")

    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        _deliver(self, "onCallState", "_on_call_state")

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        _deliver(self, "onCallMediaState", "_on_call_media_state")

    def onDtmfDigit(self, prm: pj.OnDtmfDigitParam) -> None:
        _deliver(self, "onDtmfDigit", "_on_dtmf", prm.digit, prm.method)

    def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:
        _deliver(self, "onCallTransferRequest", "_on_transfer_request", prm)

    def onCallTransferStatus(self, prm: pj.OnCallTransferStatusParam) -> None:
        _deliver(self, "onCallTransferStatus", "_on_transfer_status", prm)

    def onCallReplaced(self, prm: pj.OnCallReplacedParam) -> None:
        _deliver(self, "onCallReplaced", "_on_call_replaced", prm)


class _PjAccount(pj.Account):
    def __init__(self, engine: SoftphoneEngine, account_id: AccountId) -> None:
        super().__init__()
        self.engine: SoftphoneEngine | None = engine
        self.account_id = account_id

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        _deliver(self, "onIncomingCall", "_on_incoming_call", prm)

    def onRegStarted(self, prm: pj.OnRegStartedParam) -> None:
        _deliver(self, "onRegStarted", "_on_reg_started", bool(prm.renew))

    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        _deliver(self, "onRegState", "_on_reg_state", prm)


class _PjEndpoint(pj.Endpoint):
    def __init__(self, engine: SoftphoneEngine) -> None:
        super().__init__()
        self.engine: SoftphoneEngine | None = engine

    def onRejectedIncomingCall(self, prm: pj.OnRejectedIncomingCallParam) -> None:
        # PJSIP refused an INVITE before we saw it (e.g. the 4-call ceiling): still a missed call
        if self.engine is not None:
            self.engine._guard("onRejectedIncomingCall", self.engine._on_rejected_incoming, prm)


class _LogWriter(pj.LogWriter):
    def write(self, entry: pj.LogEntry) -> None:
        logger.debug("pjsip: %s", entry.msg.rstrip())


@dataclass
class _AccountRecord:
    account_id: AccountId
    config: AccountConfig
    pj_account: _PjAccount
    state: RegistrationState = RegistrationState.UNREGISTERED
    registering_since: float | None = None
    timeout_reported: bool = False


class SoftphoneEngine:
    """One pjsua2 endpoint with its accounts and calls.

    Threading contract: single-threaded. Call :meth:`start` on the thread that will own the engine, then
    every other method (including :meth:`pump`) on that same thread — a Qt GUI thread through
    :class:`~shared.telephony.qt_adapter.QtTelephony`, or a worker's own loop. PJSIP runs no threads of its
    own for signalling (``threadCnt=0``, ``mainThreadOnly``); only the conference clock runs elsewhere.
    Listeners are called from :meth:`pump` on the owner thread, after PJSIP's callbacks have returned, so
    they may call back into the engine.
    """

    def __init__(self) -> None:
        self._ep: pj.Endpoint | None = None
        self._config = EngineConfig()
        self._owner: int | None = None
        self._listeners: list[EventListener] = []
        self._queue: list[ev.TelephonyEvent] = []
        self._accounts: dict[AccountId, _AccountRecord] = {}
        self._calls: dict[CallId, _CallRecord] = {}
        self._graveyard: list[_PjCall] = []  # disconnected calls, dropped after the callback returned
        self._lingering: dict[CallId, _CallRecord] = {}  # ended by us, PJSIP still finishing the dialog
        self._ended_snapshots: dict[CallId, CallSnapshot] = {}  # insertion-ordered, oldest dropped first
        self._ports: dict[MediaId, BridgePort] = {}
        self._headset: Any = None
        self._extra_links: set[Link] = set()
        self._router = BridgeRouter()
        self._next_call = 0
        self._next_account = 0
        self._next_media = 0
        self._next_housekeeping = 0.0
        self._log_writer: _LogWriter | None = None
        self._local_host = ""
        self._local_port = 0
        self._routing_dirty = False

    # ------------------------------------------------------------------ lifecycle

    def start(self, config: EngineConfig | None = None) -> None:
        """Create and start the endpoint on the calling thread (which becomes the owner thread)."""
        global _endpoint_claimed
        if self._ep is not None:
            raise TelephonyError("the engine is already started", error_id=TelephonyErrorId.ALREADY_STARTED)
        if _endpoint_claimed:
            # a second pj.Endpoint in one process (even after libDestroy) aborts it with a C assert
            raise TelephonyError(
                "PJSIP allows one telephony engine per process and this process already had one; "
                "restart the program (or run each engine in its own process)",
                error_id=TelephonyErrorId.ALREADY_STARTED,
            )
        _endpoint_claimed = True
        self._config = config or EngineConfig()
        self._owner = threading.get_ident()
        ep = _PjEndpoint(self)
        with pj_errors("create endpoint"):
            ep.libCreate()
        ep_cfg = pj.EpConfig()
        ep_cfg.uaConfig.threadCnt = 0
        ep_cfg.uaConfig.mainThreadOnly = True
        ep_cfg.uaConfig.maxCalls = self._config.max_calls
        ep_cfg.uaConfig.userAgent = self._config.user_agent
        ep_cfg.medConfig.clockRate = self._config.clock_rate
        ep_cfg.medConfig.sndClockRate = self._config.clock_rate
        ep_cfg.medConfig.threadCnt = 1
        ep_cfg.medConfig.noVad = True  # VAD would turn a quiet agent into silence suppression gaps
        ep_cfg.medConfig.ecTailLen = 0  # no sound card here: echo cancellation is the headset's job
        self._log_writer = _LogWriter()
        ep_cfg.logConfig.writer = self._log_writer
        ep_cfg.logConfig.level = self._config.pjsip_log_level
        ep_cfg.logConfig.consoleLevel = self._config.pjsip_log_level
        ep_cfg.logConfig.msgLogging = 1 if self._config.pjsip_log_level >= 4 else 0
        try:
            with pj_errors("initialise PJSIP"):
                ep.libInit(ep_cfg)
                tcfg = pj.TransportConfig()
                tcfg.port = self._config.sip_port
                tcfg.boundAddress = self._config.bind_address
                if self._config.public_address:
                    tcfg.publicAddress = self._config.public_address
                tid = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
                ep.libStart()
                host, _, port = ep.transportGetInfo(tid).localName.rpartition(":")
                self._local_host, self._local_port = host, int(port)
                ep.audDevManager().setNullDev()
            self._ep = ep
            self._apply_codec_priority()
            self._create_account(
                LOCAL_ACCOUNT,
                AccountConfig(
                    sip_uri=f"sip:{self._config.user_agent.lower()}@{self._local_host}:{self._local_port}"
                ),
            )
        except TelephonyError:
            self._ep = None
            with contextlib.suppress(pj.Error):
                ep.libDestroy()
            raise
        logger.info("telephony engine listening on %s:%s", self._local_host, self._local_port)

    @property
    def started(self) -> bool:
        return self._ep is not None

    @property
    def local_port(self) -> int:
        """The UDP port SIP listens on (useful when ``sip_port=0``)."""
        return self._local_port

    @property
    def local_host(self) -> str:
        return self._local_host

    def local_uri(self, user: str = "") -> str:
        """A URI another engine can dial to reach this one directly, without a registrar."""
        return f"sip:{user + '@' if user else ''}{self._local_host}:{self._local_port}"

    def add_listener(self, listener: EventListener) -> Callable[[], None]:
        """Register a callable for every event; returns a function that removes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def pump(self, timeout_ms: int = 0) -> None:
        """Let PJSIP work (waiting at most ``timeout_ms`` for network events), run the engine's timers, then
        deliver queued events to listeners. Call every 10–20 ms from the owner's loop."""
        ep = self._require_started()
        try:
            ep.libHandleEvents(max(0, int(timeout_ms)))
        except pj.Error as err:
            logger.warning("libHandleEvents failed: %s", err.reason)
        self._graveyard.clear()
        now = time.monotonic()
        if now >= self._next_housekeeping:
            self._next_housekeeping = now + _HOUSEKEEPING_EVERY_S
            self._housekeeping(now)
        if self._routing_dirty:
            self._reroute()
        self._dispatch()

    def shutdown(self) -> None:
        """Hang up every call, unregister, and destroy the endpoint; safe to call twice.

        Also releases the headset ports (calling the headset object's ``close()`` if it has one), because
        pjsua2 asserts if a bridge port outlives the endpoint."""
        if self._ep is None:
            return
        self._check_thread()
        ep = self._ep
        self._end_all_calls(ep)
        self._release_ports_and_accounts()
        try:
            ep.hangupAllCalls()
            ep.libHandleEvents(50)
        except pj.Error:
            pass
        gc.collect()  # SWIG directors of calls/accounts must be gone before libDestroy
        try:
            ep.libDestroy()
        except pj.Error as err:
            logger.warning("libDestroy: %s", err.reason)
        ep.engine = None
        self._ep = None
        self._log_writer = None
        logger.info("telephony engine stopped")

    def _end_all_calls(self, ep: pj.Endpoint) -> None:
        # a helper of its own so no local variable keeps a pj.Call alive past libDestroy (that asserts)
        for record in list(self._calls.values()):
            self._hangup_quietly(record, 200 if record.state is not CallState.RINGING else 603)
        deadline = time.monotonic() + 2.0
        while any(not r.ended for r in self._calls.values()) and time.monotonic() < deadline:
            ep.libHandleEvents(20)
            self._graveyard.clear()
        for record in list(self._calls.values()) + list(self._lingering.values()):
            record.pj_call.engine = None  # break the cycle for the collector
        self._calls.clear()
        self._lingering.clear()
        self._graveyard.clear()
        self._dispatch()

    def _release_ports_and_accounts(self) -> None:
        if self._headset is not None:
            self._detach_headset()
        for port in list(self._ports.values()):
            port.close()
        self._ports.clear()
        for acc in self._accounts.values():
            with contextlib.suppress(pj.Error):
                acc.pj_account.shutdown()
            acc.pj_account.engine = None
        self._accounts.clear()

    # ------------------------------------------------------------------ accounts

    def add_account(self, config: AccountConfig) -> AccountId:
        """Add a SIP identity; with a registrar it registers at once (``RegistrationChanged`` follows)."""
        self._require_started()
        if len(self._accounts) >= MAX_ACCOUNTS:
            raise TelephonyError(
                f"at most {MAX_ACCOUNTS - 1} accounts per engine (PJSIP's limit, one is the local account)",
                error_id=TelephonyErrorId.TOO_MANY_ACCOUNTS,
            )
        self._next_account += 1
        return self._create_account(AccountId(f"a{self._next_account}"), config)

    def register(self, account_id: AccountId) -> None:
        record = self._account(account_id)
        if not record.config.registrar_uri:
            raise TelephonyError("this account has no registrar", error_id=TelephonyErrorId.INVALID_ARGUMENT)
        with pj_errors("register"):
            record.pj_account.setRegistration(True)

    def unregister(self, account_id: AccountId) -> None:
        record = self._account(account_id)
        if record.state in (RegistrationState.UNREGISTERED, RegistrationState.FAILED):
            self._set_registration(record, RegistrationEvent.UNREGISTER_REQUESTED, 0, "not registered", 0)
            return
        with pj_errors("unregister"):
            record.pj_account.setRegistration(False)

    def remove_account(self, account_id: AccountId) -> None:
        """Drop an account (unregistering it first if needed); its calls are hung up."""
        record = self._account(account_id)
        if account_id == LOCAL_ACCOUNT:
            raise TelephonyError(
                "the local account cannot be removed", error_id=TelephonyErrorId.INVALID_ARGUMENT
            )
        for call in list(self._calls.values()):
            if call.account_id == account_id:
                self._hangup_quietly(call, 200)
        try:
            record.pj_account.shutdown()
        except pj.Error as err:
            logger.warning("account shutdown: %s", err.reason)
        del self._accounts[account_id]

    def registration_state(self, account_id: AccountId) -> RegistrationState:
        return self._account(account_id).state

    def accounts(self) -> list[AccountId]:
        self._require_started()
        return list(self._accounts)

    # ------------------------------------------------------------------ calls

    def dial(
        self, uri: str, account_id: AccountId = LOCAL_ACCOUNT, headers: Mapping[str, str] | None = None
    ) -> CallId:
        """Place a call. ``uri`` is a SIP URI, or a bare number/user resolved at the account's registrar.
        ``headers`` are extra SIP headers (e.g. ``{"X-Hotline-Call": "…", "Call-Info": "…"}``)."""
        acc = self._account(account_id)
        target = self._resolve_target(uri, acc.config)
        for name, value in (headers or {}).items():
            _check_header(name, value)
        if self.live_call_count() >= self._config.max_calls:
            raise TelephonyError(
                f"already {self._config.max_calls} calls in this engine (PJSIP's limit)",
                error_id=TelephonyErrorId.TOO_MANY_CALLS,
            )
        call = _PjCall(self, acc.pj_account)
        record = self._new_record(call, account_id, CallDirectionKind.OUTGOING, CallState.DIALING, target)
        prm = pj.CallOpParam(True)
        prm.opt.audioCount = 1
        prm.opt.videoCount = 0
        for name, value in (headers or {}).items():
            hdr = pj.SipHeader()
            hdr.hName, hdr.hValue = name, value
            prm.txOption.headers.append(hdr)
        try:
            with pj_errors(f"dial {target}"):
                call.makeCall(target, prm)
        except TelephonyError:
            del self._calls[record.call_id]
            self._graveyard.append(call)
            raise
        self._emit(ev.CallCreated(record.call_id, account_id, target))
        return record.call_id

    def answer(self, call_id: CallId) -> None:
        """Answer a ringing incoming call (200 OK with our codecs)."""
        record = self._call(call_id)
        if record.state is not CallState.RINGING:
            raise _wrong_state(record, "answer")
        prm = pj.CallOpParam(True)
        prm.statusCode = 200
        record.auto_answer_at = None
        with pj_errors("answer"):
            record.pj_call.answer(prm)

    def reject(self, call_id: CallId, code: int = 486, reason: str = "") -> None:
        """Refuse a ringing call: 486 Busy Here (default), 603 Decline, 480 Temporarily Unavailable …"""
        record = self._call(call_id)
        if record.state is not CallState.RINGING:
            raise _wrong_state(record, "reject")
        if not 400 <= code <= 699:
            raise TelephonyError(
                f"reject needs a 4xx–6xx code, not {code}", error_id=TelephonyErrorId.INVALID_ARGUMENT
            )
        prm = pj.CallOpParam(True)
        prm.statusCode = code
        if reason:
            prm.reason = reason
        record.auto_answer_at = None
        with pj_errors("reject"):
            record.pj_call.hangup(prm)

    def hangup(self, call_id: CallId) -> None:
        """End a call in any state (CANCEL before answer, BYE after). ``CallEnded`` follows."""
        record = self._call(call_id)
        self._hangup(record, 603 if record.state is CallState.RINGING else 200)

    def hold(self, call_id: CallId) -> None:
        record = self._call(call_id)
        if record.state is not CallState.CONNECTED:
            raise _wrong_state(record, "hold")
        with pj_errors("hold"):
            record.pj_call.setHold(pj.CallOpParam(True))

    def unhold(self, call_id: CallId) -> None:
        record = self._call(call_id)
        if record.state is not CallState.HELD:
            raise _wrong_state(record, "unhold")
        prm = pj.CallOpParam(True)
        prm.opt.flag = pj.PJSUA_CALL_UNHOLD
        with pj_errors("unhold"):
            record.pj_call.reinvite(prm)

    def mute(self, call_id: CallId, muted: bool = True) -> None:
        """Stop (or resume) sending our microphone to this call; the far end hears silence."""
        record = self._call(call_id)
        record.muted = muted
        self._mark_routing()
        self._emit_media(record)

    def send_dtmf(self, call_id: CallId, digits: str, method: DtmfMethod = DtmfMethod.RFC2833) -> None:
        record = self._call(call_id)
        if not _DTMF_DIGITS.match(digits):
            raise TelephonyError(
                f"DTMF digits must be 0-9, *, #, A-D: {digits!r}", error_id=TelephonyErrorId.INVALID_ARGUMENT
            )
        if record.state not in (CallState.CONNECTED, CallState.EARLY):
            raise _wrong_state(record, "send DTMF")
        prm = pj.CallSendDtmfParam()
        prm.digits = digits
        prm.method = dtmf_method_to_pj(method)
        with pj_errors("send DTMF"):
            record.pj_call.sendDtmf(prm)

    def blind_transfer(
        self, call_id: CallId, target_uri: str, headers: Mapping[str, str] | None = None
    ) -> None:
        """REFER the far end to ``target_uri``. On success (``TransferProgress(final, succeeded)``) the
        engine hangs this call up itself; on failure the call stays as it was. ``headers`` (e.g. the
        ``X-Hotline-Call`` data) ride in the Refer-To URI, so the transferee's new INVITE carries them to
        the target."""
        record = self._call(call_id)
        if record.state not in (CallState.CONNECTED, CallState.HELD):
            raise _wrong_state(record, "transfer")
        target = self._resolve_target(target_uri, self._accounts[record.account_id].config)
        if headers:
            for name, value in headers.items():
                _check_header(name, value)
            query = "&".join(f"{name}={quote(value, safe='')}" for name, value in headers.items())
            target = f"{target}{'&' if '?' in target else '?'}{query}"
        with pj_errors("blind transfer"):
            record.pj_call.xfer(target, pj.CallOpParam(True))

    def consult_transfer(self, call_id: CallId, consult_call_id: CallId) -> None:
        """Attended transfer: connect the far end of ``call_id`` (usually on hold) with the far end of
        ``consult_call_id`` (REFER with Replaces). Both our legs end when it succeeds."""
        record = self._call(call_id)
        consult = self._call(consult_call_id)
        if call_id == consult_call_id:
            raise TelephonyError(
                "a call cannot be transferred to itself", error_id=TelephonyErrorId.INVALID_ARGUMENT
            )
        for r in (record, consult):
            if r.state not in (CallState.CONNECTED, CallState.HELD):
                raise _wrong_state(r, "consult transfer")
        with pj_errors("consult transfer"):
            record.pj_call.xferReplaces(consult.pj_call, pj.CallOpParam(True))

    def conference(self, call_a: CallId, call_b: CallId) -> None:
        """Local three-way: both parties hear each other and us. Held legs are taken off hold. Survives
        later hold/unhold of either leg (routing is recomputed on every media change)."""
        a, b = self._call(call_a), self._call(call_b)
        if call_a == call_b:
            raise TelephonyError(
                "conference needs two different calls", error_id=TelephonyErrorId.INVALID_ARGUMENT
            )
        for r in (a, b):
            if r.state not in (CallState.CONNECTED, CallState.HELD):
                raise _wrong_state(r, "conference")
        group = a.conference | b.conference | {call_a, call_b}
        for cid in group:
            member = self._calls.get(cid)
            if member is not None:
                member.conference = group - {cid}
        for r in (a, b):
            if r.state is CallState.HELD:
                self.unhold(r.call_id)
        self._mark_routing()
        for cid in group:
            if cid in self._calls:
                self._emit_media(self._calls[cid])

    def split_conference(self, call_id: CallId) -> None:
        """Take one call out of its conference (the others stay together)."""
        record = self._call(call_id)
        for cid in record.conference:
            other = self._calls.get(cid)
            if other is not None:
                other.conference.discard(call_id)
                self._emit_media(other)
        record.conference = set()
        self._mark_routing()
        self._emit_media(record)

    def call_quality(self, call_id: CallId) -> ev.CallQuality:
        """RTCP figures of the call's audio stream so far (also emitted periodically if configured)."""
        record = self._call(call_id)
        if record.audio_index < 0:
            raise TelephonyError(
                "the call has no audio stream yet", error_id=TelephonyErrorId.WRONG_CALL_STATE
            )
        with pj_errors("read call quality"):
            stat = record.pj_call.getStreamStat(record.audio_index)
            info = record.pj_call.getStreamInfo(record.audio_index)
        rtcp = stat.rtcp
        rx_pkts, rx_lost = int(rtcp.rxStat.pkt), int(rtcp.rxStat.loss)
        loss_pct = 100.0 * rx_lost / (rx_pkts + rx_lost) if rx_pkts + rx_lost else 0.0
        jitter_ms = (rtcp.rxStat.jitterUsec.mean if rtcp.rxStat.jitterUsec.n else 0) / 1000.0
        rtt_ms = (rtcp.rttUsec.mean if rtcp.rttUsec.n else 0) / 1000.0
        codec = str(info.codecName)
        return ev.CallQuality(
            call_id=call_id,
            codec=codec,
            rx_packets=rx_pkts,
            rx_lost=rx_lost,
            rx_loss_pct=round(loss_pct, 2),
            tx_lost_reported=int(rtcp.txStat.loss),
            rx_jitter_ms=round(jitter_ms, 2),
            rtt_ms=round(rtt_ms, 2),
            mos=estimate_mos(loss_pct, jitter_ms, rtt_ms, codec),
        )

    def call_snapshot(self, call_id: CallId) -> CallSnapshot:
        """The call as it is now; for a call that ended recently, as it was when it ended (events are
        delivered after the fact, so a listener may ask about a call that is already gone)."""
        self._require_started()
        record = self._calls.get(call_id) or self._lingering.get(call_id)
        if record is not None:
            return self._snapshot(record)
        ended = self._ended_snapshots.get(call_id)
        if ended is None:
            raise TelephonyError(f"no call {call_id!r}", error_id=TelephonyErrorId.UNKNOWN_CALL)
        return ended

    def calls(self) -> list[CallSnapshot]:
        self._require_started()
        return [self._snapshot(r) for r in self._calls.values() if not r.ended]

    # ------------------------------------------------------------------ media

    def set_headset(self, headset: Headset | None) -> None:
        """Route calls to this headset (``capture_media``/``playback_media`` bridge ports, created on the
        owner thread after :meth:`start`); ``None`` = the null sound device. Live calls are re-routed."""
        self._require_started()
        if self._headset is not None:
            self._detach_headset(close=False)
        self._headset = headset
        self._mark_routing()
        self._reroute()

    def call_media(self, call_id: CallId) -> MediaId:
        """The bridge port of a call's audio, for :meth:`connect` (valid across re-INVITEs)."""
        self._call(call_id)
        return call_media_id(call_id)

    def route_to_headset(self, call_id: CallId, enabled: bool) -> None:
        """Server workers bridge calls themselves: ``False`` keeps this call off the headset ports."""
        record = self._call(call_id)
        record.to_headset = enabled
        self._mark_routing()

    def connect(self, src: MediaId, dst: MediaId) -> None:
        """Keep ``src`` audible at ``dst`` until :meth:`disconnect` (survives hold/unhold; ignored while
        either end has no audio)."""
        self._check_media_id(src)
        self._check_media_id(dst)
        self._extra_links.add((src, dst))
        self._mark_routing()
        self._reroute()

    def disconnect(self, src: MediaId, dst: MediaId) -> None:
        self._extra_links.discard((src, dst))
        self._mark_routing()
        self._reroute()

    def create_tone(self, freq_hz: float, freq2_hz: float = 0.0) -> MediaId:
        """A continuous tone source on the bridge."""
        self._require_started()
        return self._add_port("tone", ToneSource(self._config.clock_rate, freq_hz, freq2_hz))

    def create_player(self, wav_path: str, loop: bool = True) -> MediaId:
        self._require_started()
        return self._add_port("player", WavPlayer(wav_path, loop))

    def create_recorder(self, wav_path: str) -> MediaId:
        """A WAV recorder. The file is complete shortly after :meth:`release_media` (PJSIP removes bridge
        ports on its clock thread; wait for the RIFF size field to be filled in before reading it)."""
        self._require_started()
        return self._add_port("recorder", WavRecorder(wav_path))

    def create_level_meter(self, freqs_hz: Sequence[float] = (), window_s: float = 0.4) -> MediaId:
        self._require_started()
        return self._add_port("meter", LevelMeter(self._config.clock_rate, freqs_hz, window_s))

    def meter_levels(self, media_id: MediaId) -> tuple[float, dict[float, float]]:
        """(overall RMS dBFS, {frequency: dBFS}) measured by a level meter over its window."""
        port = self._ports.get(media_id)
        if not isinstance(port, LevelMeter):
            raise TelephonyError(f"{media_id} is not a level meter", error_id=TelephonyErrorId.UNKNOWN_MEDIA)
        return port.rms_dbfs(), port.tone_dbfs()

    def release_media(self, media_id: MediaId) -> None:
        port = self._ports.pop(media_id, None)
        if port is None:
            raise TelephonyError(f"no media {media_id}", error_id=TelephonyErrorId.UNKNOWN_MEDIA)
        self._extra_links = {(s, d) for s, d in self._extra_links if media_id not in (s, d)}
        port.close()
        self._mark_routing()
        self._reroute()

    # ------------------------------------------------------------------ internals: helpers

    def _check_thread(self) -> None:
        if self._owner is not None and threading.get_ident() != self._owner:
            raise TelephonyError(
                "the telephony engine must be used from the thread that started it",
                error_id=TelephonyErrorId.WRONG_THREAD,
            )

    def _require_started(self) -> pj.Endpoint:
        if self._ep is None:
            raise TelephonyError("the telephony engine is not started", error_id=TelephonyErrorId.NOT_STARTED)
        self._check_thread()
        return self._ep

    def _account(self, account_id: AccountId) -> _AccountRecord:
        self._require_started()
        try:
            return self._accounts[account_id]
        except KeyError:
            raise TelephonyError(
                f"no account {account_id!r}", error_id=TelephonyErrorId.UNKNOWN_ACCOUNT
            ) from None

    def _call(self, call_id: CallId) -> _CallRecord:
        self._require_started()
        record = self._calls.get(call_id)
        if record is None or record.ended:
            raise TelephonyError(
                f"no call {call_id!r} (ended or never existed)", error_id=TelephonyErrorId.UNKNOWN_CALL
            )
        return record

    def _check_media_id(self, media_id: MediaId) -> None:
        self._require_started()
        if media_id in (HEADSET_CAPTURE, HEADSET_PLAYBACK) or media_id in self._ports:
            return
        if media_id.startswith("call:") and CallId(media_id[5:]) in self._calls:
            return
        raise TelephonyError(f"no media {media_id!r}", error_id=TelephonyErrorId.UNKNOWN_MEDIA)

    def _verify_uri(self, uri: str, what: str) -> None:
        assert self._ep is not None
        inner = parse_name_addr(uri).uri if "<" in uri else uri
        if not re.match(r"^sips?:", inner, re.IGNORECASE) or self._ep.utilVerifySipUri(inner) != 0:
            raise TelephonyError(
                f"{what} is not a valid SIP URI: {uri!r} (expected e.g. sip:1001@host)",
                error_id=TelephonyErrorId.INVALID_URI,
            )

    def _resolve_target(self, uri: str, config: AccountConfig) -> str:
        uri = uri.strip()
        if re.fullmatch(r"[0-9A-Za-z_.+*#-]+", uri) and config.registrar_uri:
            host = parse_name_addr(config.sip_uri).host or parse_name_addr(config.registrar_uri).host
            uri = f"sip:{uri}@{host}"
        self._verify_uri(uri, "the number or address to call")
        return uri

    def _create_account(self, account_id: AccountId, config: AccountConfig) -> AccountId:
        self._verify_uri(config.sip_uri, "the account's SIP address")
        if config.registrar_uri:
            self._verify_uri(config.registrar_uri, "the registrar address")
        if config.proxy_uri:
            self._verify_uri(config.proxy_uri, "the proxy address")
        acfg = pj.AccountConfig()
        acfg.idUri = config.sip_uri
        if config.registrar_uri:
            acfg.regConfig.registrarUri = config.registrar_uri
            acfg.regConfig.registerOnAdd = config.register_on_add
            acfg.regConfig.timeoutSec = config.register_expires_s
            acfg.regConfig.retryIntervalSec = 30
            acfg.regConfig.unregWaitMsec = 1000
        if config.username:
            acfg.sipConfig.authCreds.append(
                pj.AuthCredInfo("digest", config.realm or "*", config.username, 0, config.password)
            )
        if config.proxy_uri:
            acfg.sipConfig.proxies.append(config.proxy_uri)
        media_tp = acfg.mediaConfig.transportConfig
        media_tp.port = self._config.rtp_port_start
        media_tp.portRange = self._config.rtp_port_range
        media_tp.randomizePort = True
        if self._config.bind_address:
            media_tp.boundAddress = self._config.bind_address
        if self._config.public_address:
            media_tp.publicAddress = self._config.public_address
        acc = _PjAccount(self, account_id)
        record = _AccountRecord(account_id, config, acc)
        self._accounts[account_id] = record
        try:
            with pj_errors("add account"):
                acc.create(acfg, account_id == LOCAL_ACCOUNT)
        except TelephonyError:
            del self._accounts[account_id]
            raise
        return account_id

    def _apply_codec_priority(self) -> None:
        assert self._ep is not None
        wanted = [c.upper() for c in self._config.codec_priority]
        for codec in self._ep.codecEnum2():
            name = codec.codecId.split("/")[0].upper()
            priority = 255 - wanted.index(name) if name in wanted else 0
            self._ep.codecSetPriority(codec.codecId, priority)

    def _new_record(
        self,
        call: _PjCall,
        account_id: AccountId,
        direction: CallDirectionKind,
        state: CallState,
        remote_uri: str,
    ) -> _CallRecord:
        self._next_call += 1
        call_id = CallId(f"c{self._next_call}")
        call.call_id = call_id
        record = _CallRecord(
            call_id, account_id, direction, call, state, remote_uri, to_headset=self._config.calls_to_headset
        )
        self._calls[call_id] = record
        return record

    def live_call_count(self) -> int:
        """Calls holding one of PJSIP's call slots: live ones plus those still being torn down (a hang-up
        towards a vanished far end keeps its slot until PJSIP gives up). Engine thread only."""
        return sum(1 for r in self._calls.values() if not r.ended) + len(self._lingering)

    def _emit(self, event: ev.TelephonyEvent) -> None:
        logger.debug("event %s", event)
        self._queue.append(event)

    def _dispatch(self) -> None:
        while self._queue:
            batch, self._queue = self._queue, []
            for event in batch:
                for listener in list(self._listeners):
                    try:
                        listener(event)
                    except Exception:
                        logger.exception("telephony listener failed on %s", type(event).__name__)

    def _guard(self, name: str, fn: Callable[..., None], *args: Any) -> None:
        try:
            fn(*args)
        except Exception:
            logger.exception("error in pjsua2 callback %s", name)

    def _emit_media(self, record: _CallRecord) -> None:
        self._emit(
            ev.CallMediaChanged(
                call_id=record.call_id,
                active=record.media_status in (MediaStatus.ACTIVE, MediaStatus.REMOTE_HOLD),
                local_hold=record.media_status is MediaStatus.LOCAL_HOLD,
                remote_hold=record.media_status is MediaStatus.REMOTE_HOLD,
                muted=record.muted,
                conferenced_with=tuple(sorted(record.conference)),
            )
        )

    def _snapshot(self, record: _CallRecord) -> CallSnapshot:
        return CallSnapshot(
            call_id=record.call_id,
            account_id=record.account_id,
            direction=record.direction,
            state=record.state,
            remote_uri=record.remote_uri,
            muted=record.muted,
            local_hold=record.media_status is MediaStatus.LOCAL_HOLD,
            remote_hold=record.media_status is MediaStatus.REMOTE_HOLD,
            conferenced_with=tuple(sorted(record.conference)),
            connected_for_s=(time.monotonic() - record.connected_at) if record.connected_at else 0.0,
        )

    def _hangup(self, record: _CallRecord, code: int) -> None:
        prm = pj.CallOpParam(True)
        prm.statusCode = code
        record.auto_answer_at = None
        if record.hangup_requested_at is None:
            record.hangup_requested_at = time.monotonic()
        with pj_errors("hang up"):
            record.pj_call.hangup(prm)

    def _hangup_quietly(self, record: _CallRecord, code: int) -> None:
        try:
            self._hangup(record, code)
        except TelephonyError as err:
            logger.debug("hangup of %s: %s", record.call_id, err)

    def _end_locally(self, record: _CallRecord, code: int, reason: str, end_reason: EndReason) -> None:
        """Declare a call ended ourselves when the far end cannot tell us (vanished, no answer at all)."""
        record.forced_end = (code, reason, end_reason)
        self._hangup_quietly(record, 200)
        if not record.ended:
            self._finish(record, code, reason)
            self._lingering[record.call_id] = record

    def _finish(self, record: _CallRecord, code: int, reason: str) -> None:
        previous = record.state
        record.state = CallState.ENDED
        record.ended = True
        was_connected = record.connected_at is not None
        end_reason = end_reason_from_sip(code, was_connected=was_connected)
        if record.forced_end is not None:
            code, reason, end_reason = record.forced_end
        for cid in record.conference:
            other = self._calls.get(cid)
            if other is not None:
                other.conference.discard(record.call_id)
                if not other.ended:
                    self._emit_media(other)
        record.conference = set()
        self._extra_links = {
            (s, d) for s, d in self._extra_links if call_media_id(record.call_id) not in (s, d)
        }
        self._emit(ev.CallStateChanged(record.call_id, CallState.ENDED, previous, code, reason))
        self._emit(
            ev.CallEnded(
                call_id=record.call_id,
                sip_code=code,
                reason=reason,
                end_reason=end_reason,
                direction=record.direction,
                was_connected=was_connected,
                duration_s=round(time.monotonic() - record.connected_at, 3) if record.connected_at else 0.0,
            )
        )
        self._mark_routing()

    def _retire(self, record: _CallRecord) -> None:
        self._ended_snapshots[record.call_id] = self._snapshot(record)
        while len(self._ended_snapshots) > _ENDED_SNAPSHOTS_KEPT:
            self._ended_snapshots.pop(next(iter(self._ended_snapshots)))
        self._calls.pop(record.call_id, None)
        self._lingering.pop(record.call_id, None)
        self._graveyard.append(record.pj_call)

    # ------------------------------------------------------------------ internals: callbacks

    def _on_call_state(self, call: _PjCall) -> None:
        record = self._calls.get(call.call_id) or self._lingering.get(call.call_id)
        if record is None:
            return
        ci = call.getInfo()
        if ci.remoteUri and not record.remote_uri:
            record.remote_uri = str(ci.remoteUri)
        event = call_event_from_inv_state(ci.state)
        if event is None:
            return
        code, reason = int(ci.lastStatusCode), str(ci.lastReason)
        if event is CallEvent.INV_DISCONNECTED:
            if not record.ended:
                self._finish(record, code, reason)
            self._retire(record)
            return
        if record.ended:
            return
        try:
            new_state = next_call_state(record.state, event)
        except InvalidTransition as err:
            logger.warning("%s: %s (ignored)", record.call_id, err)
            return
        if new_state is CallState.CONNECTED and record.connected_at is None:
            record.connected_at = time.monotonic()
            record.last_rx_change = record.connected_at
        if new_state is not record.state:
            previous, record.state = record.state, new_state
            self._emit(ev.CallStateChanged(record.call_id, new_state, previous, code, reason))

    def _on_call_media_state(self, call: _PjCall) -> None:
        record = self._calls.get(call.call_id)
        if record is None or record.ended:
            return
        ci = call.getInfo()
        status, index = MediaStatus.NONE, -1
        for media in ci.media:
            if media.type == pj.PJMEDIA_TYPE_AUDIO:
                status, index = media_status_from_pj(media.status), int(media.index)
                break
        record.media_status, record.audio_index = status, index
        event = call_event_from_media_status(status)
        if event is not None:
            try:
                new_state = next_call_state(record.state, event)
            except InvalidTransition as err:
                logger.debug("%s: %s (ignored)", record.call_id, err)
                new_state = record.state
            if new_state is not record.state:
                previous, record.state = record.state, new_state
                self._emit(ev.CallStateChanged(record.call_id, new_state, previous, 200, "media"))
        # a re-INVITE may have recreated the stream on the same bridge slot, without its links
        self._router.invalidate(call_media_id(record.call_id))
        self._mark_routing()
        self._reroute()
        self._emit_media(record)

    def _on_dtmf(self, call: _PjCall, digit: str, method: int) -> None:
        record = self._calls.get(call.call_id)
        if record is not None and not record.ended:
            self._emit(ev.DtmfReceived(record.call_id, str(digit), dtmf_method_from_pj(int(method))))

    def _on_incoming_call(self, acc: _PjAccount, prm: pj.OnIncomingCallParam) -> None:
        call = _PjCall(self, acc, prm.callId)
        ci = call.getInfo()
        pairs = parse_headers(str(prm.rdata.wholeMsg))
        caller = parse_name_addr(str(ci.remoteUri))
        busy = any(
            r.state in (CallState.CONNECTED, CallState.HELD) for r in self._calls.values() if not r.ended
        )
        record = self._new_record(
            call, acc.account_id, CallDirectionKind.INCOMING, CallState.RINGING, str(ci.remoteUri)
        )
        auto = auto_answer_request(pairs)
        if auto.requested and self._config.honour_auto_answer:
            record.auto_answer_at = time.monotonic() + auto.delay_s
            self._next_housekeeping = min(self._next_housekeeping, record.auto_answer_at)  # not 100 ms late
        try:
            ring = pj.CallOpParam(True)
            ring.statusCode = 180
            call.answer(ring)
        except pj.Error as err:
            logger.warning("could not send 180 Ringing: %s", err.reason)
        self._emit(
            ev.IncomingCall(
                call_id=record.call_id,
                account_id=acc.account_id,
                remote_uri=str(ci.remoteUri),
                caller_id=caller.user,
                display_name=caller.display_name,
                x_headers=x_headers(pairs),
                auto_answer=auto.requested,
                auto_answer_delay_s=auto.delay_s,
                busy_elsewhere=busy,
            )
        )

    def _on_rejected_incoming(self, prm: pj.OnRejectedIncomingCallParam) -> None:
        caller = parse_name_addr(str(prm.remoteInfo))
        self._emit(
            ev.IncomingCallRejected(
                remote_uri=str(prm.remoteInfo),
                caller_id=caller.user,
                display_name=caller.display_name,
                sip_code=int(prm.statusCode),
                reason=str(prm.reason),
            )
        )

    def _on_transfer_request(self, call: _PjCall, prm: pj.OnCallTransferRequestParam) -> None:
        record = self._calls.get(call.call_id)
        if record is None or record.ended:
            prm.statusCode = 481
            return
        target = str(prm.dstUri)
        self._emit(ev.TransferRequested(record.call_id, target))
        if not self._config.follow_transfers:
            prm.statusCode = 603
            return
        acc = self._accounts[record.account_id]
        new_call = _PjCall(self, acc.pj_account)
        new_record = self._new_record(
            new_call, record.account_id, CallDirectionKind.OUTGOING, CallState.DIALING, target.split("?")[0]
        )
        new_record.muted = record.muted
        prm.newCall = new_call
        self._emit(
            ev.CallCreated(
                new_record.call_id, record.account_id, new_record.remote_uri, transferred_from=record.call_id
            )
        )

    def _on_transfer_status(self, call: _PjCall, prm: pj.OnCallTransferStatusParam) -> None:
        record = self._calls.get(call.call_id)
        if record is None or record.ended:
            prm.cont = False
            return
        code, final = int(prm.statusCode), bool(prm.finalNotify)
        succeeded = final and 200 <= code < 300
        self._emit(ev.TransferProgress(record.call_id, code, str(prm.reason), final, succeeded))
        if final:
            prm.cont = False
        if succeeded:
            record.forced_end = (code, "transferred", EndReason.TRANSFERRED)
            self._hangup_quietly(record, 200)

    def _on_call_replaced(self, call: _PjCall, prm: pj.OnCallReplacedParam) -> None:
        old = self._calls.get(call.call_id)
        account_id = old.account_id if old is not None else LOCAL_ACCOUNT
        acc = self._accounts[account_id]
        new_call = _PjCall(self, acc.pj_account, prm.newCallId)
        prm.newCall = new_call
        ci = new_call.getInfo()
        new_record = self._new_record(
            new_call, account_id, CallDirectionKind.INCOMING, CallState.RINGING, str(ci.remoteUri)
        )
        if old is not None:
            old.forced_end = (200, "replaced", EndReason.TRANSFERRED)
            new_record.muted = old.muted
        self._emit(ev.CallReplaced(call.call_id, new_record.call_id, str(ci.remoteUri)))

    def _on_reg_started(self, acc: _PjAccount, renew: bool) -> None:
        record = self._accounts.get(acc.account_id)
        if record is None:
            return
        event = RegistrationEvent.REGISTER_REQUESTED if renew else RegistrationEvent.UNREGISTER_REQUESTED
        if renew and record.state is RegistrationState.REGISTERED:
            return  # a refresh: keep showing "registered"
        if renew:
            record.registering_since = time.monotonic()
            record.timeout_reported = False
        self._set_registration(record, event, 0, "", 0)

    def _on_reg_state(self, acc: _PjAccount, prm: pj.OnRegStateParam) -> None:
        record = self._accounts.get(acc.account_id)
        if record is None:
            return
        event = registration_event_from_reply(int(prm.code), int(prm.expiration), int(prm.status))
        record.registering_since = None
        self._set_registration(record, event, int(prm.code), str(prm.reason), int(prm.expiration))

    def _set_registration(
        self, record: _AccountRecord, event: RegistrationEvent, code: int, reason: str, expires: int
    ) -> None:
        try:
            new_state = next_registration_state(record.state, event)
        except InvalidTransition as err:
            logger.warning("%s: %s (ignored)", record.account_id, err)
            return
        changed = new_state is not record.state
        record.state = new_state
        if changed or (event in (RegistrationEvent.FAILED, RegistrationEvent.SUCCEEDED) and code):
            self._emit(ev.RegistrationChanged(record.account_id, new_state, code, reason, expires))

    # ------------------------------------------------------------------ internals: timers and routing

    def _housekeeping(self, now: float) -> None:
        cfg = self._config
        for record in list(self._calls.values()):
            if record.ended:
                continue
            if record.auto_answer_at is not None and now >= record.auto_answer_at:
                record.auto_answer_at = None
                if record.state is CallState.RINGING:
                    try:
                        self.answer(record.call_id)
                    except TelephonyError as err:
                        logger.warning("auto-answer of %s failed: %s", record.call_id, err)
            if (
                record.state is CallState.RINGING
                and record.hangup_requested_at is None
                and now - record.created_at > cfg.ring_timeout_s
            ):
                record.forced_end = (480, "nobody answered", EndReason.NO_ANSWER)
                self._hangup_quietly(record, 480)
            elif (
                record.state in (CallState.DIALING, CallState.EARLY)
                and record.hangup_requested_at is None
                and now - record.created_at > cfg.no_answer_timeout_s
            ):
                self._end_locally(record, 408, "no answer", EndReason.NO_ANSWER)
            elif (
                record.hangup_requested_at is not None
                and now - record.hangup_requested_at > _LOCAL_END_GRACE_S
            ):
                self._end_locally(
                    record, 408, "the far end did not confirm the hang-up", EndReason.MEDIA_TIMEOUT
                )
            elif record.state is CallState.CONNECTED and record.audio_index >= 0:
                self._check_media_flow(record, now)
        for media_id, port in self._ports.items():
            if isinstance(port, WavPlayer) and port.eof_count > port.reported_eofs:
                port.reported_eofs = port.eof_count
                self._emit(ev.PlaybackFinished(media_id, port.loop))
        for rec in self._accounts.values():
            if (
                rec.state is RegistrationState.REGISTERING
                and rec.registering_since is not None
                and not rec.timeout_reported
                and now - rec.registering_since > cfg.register_timeout_s
            ):
                rec.timeout_reported = True
                self._set_registration(
                    rec,
                    RegistrationEvent.FAILED,
                    408,
                    f"the registrar did not answer within {cfg.register_timeout_s:g} s",
                    0,
                )

    def _check_media_flow(self, record: _CallRecord, now: float) -> None:
        cfg = self._config
        want_quality = cfg.quality_interval_s > 0 and now >= record.next_quality_at
        want_flow = cfg.media_timeout_s > 0 and now >= record.next_flow_check_at
        if not want_flow and not want_quality:
            return
        record.next_flow_check_at = now + 1.0  # RTP arrives every 20 ms; once a second is plenty
        if record.media_status is not MediaStatus.ACTIVE:
            record.last_rx_change = now
            return
        try:
            stat = record.pj_call.getStreamStat(record.audio_index)
        except pj.Error:
            return
        packets = int(stat.rtcp.rxStat.pkt)
        if packets != record.last_rx_packets:
            record.last_rx_packets, record.last_rx_change = packets, now
        elif cfg.media_timeout_s > 0 and now - record.last_rx_change > cfg.media_timeout_s:
            logger.info("%s: no RTP for %.1f s, hanging up", record.call_id, now - record.last_rx_change)
            self._end_locally(
                record,
                408,
                f"no audio from the far end for {cfg.media_timeout_s:g} s",
                EndReason.MEDIA_TIMEOUT,
            )
            return
        if want_quality:
            record.next_quality_at = now + cfg.quality_interval_s
            with contextlib.suppress(TelephonyError):
                self._emit(self.call_quality(record.call_id))

    def _mark_routing(self) -> None:
        self._routing_dirty = True

    def _reroute(self, drop_headset: bool = False) -> None:
        if self._ep is None:
            return
        self._routing_dirty = False
        ports: dict[MediaId, pj.AudioMedia] = {}
        headset = self._headset
        if headset is not None:
            ports[HEADSET_CAPTURE] = headset.capture_media
            ports[HEADSET_PLAYBACK] = headset.playback_media
        else:
            mgr = self._ep.audDevManager()
            ports[HEADSET_CAPTURE] = mgr.getCaptureDevMedia()
            ports[HEADSET_PLAYBACK] = mgr.getPlaybackDevMedia()
        for media_id, port in self._ports.items():
            ports[media_id] = port.audio_media()
        calls: list[CallAudio] = []
        for record in self._calls.values():
            if record.ended or record.audio_index < 0:
                continue
            has_audio = record.media_status in (
                MediaStatus.ACTIVE,
                MediaStatus.REMOTE_HOLD,
                MediaStatus.LOCAL_HOLD,
            )
            if has_audio:
                try:
                    if record.pj_call.hasMedia():
                        ports[call_media_id(record.call_id)] = record.pj_call.getAudioMedia(
                            record.audio_index
                        )
                    else:
                        has_audio = False
                except pj.Error:
                    has_audio = False
            calls.append(
                CallAudio(
                    call_id=record.call_id,
                    has_audio=has_audio and record.media_status is not MediaStatus.LOCAL_HOLD,
                    local_hold=record.media_status is MediaStatus.LOCAL_HOLD,
                    muted=record.muted,
                    to_headset=record.to_headset,
                    conference_peers=frozenset(record.conference),
                )
            )
        live_calls = {c.call_id for c in calls if c.has_audio}
        extra = {
            (s, d)
            for s, d in self._extra_links
            if all(not m.startswith("call:") or CallId(m[5:]) in live_calls for m in (s, d))
        }
        links = desired_links(calls, extra)
        if drop_headset:
            links = {(s, d) for s, d in links if s != HEADSET_CAPTURE and d != HEADSET_PLAYBACK}
        self._router.apply(ports, links)

    def _detach_headset(self, close: bool = True) -> None:
        self._reroute(drop_headset=True)
        headset, self._headset = self._headset, None
        if close and headset is not None and callable(getattr(headset, "close", None)):
            try:
                headset.close()
            except Exception:
                logger.exception("closing the headset failed")

    def _add_port(self, kind: str, port: BridgePort) -> MediaId:
        self._next_media += 1
        media_id = MediaId(f"{kind}:{self._next_media}")
        self._ports[media_id] = port
        return media_id


def _check_header(name: str, value: str) -> None:
    if not re.fullmatch(r"[A-Za-z0-9!%*_+`'~.-]+", name) or "\r" in value or "\n" in value:
        raise TelephonyError(f"not a valid SIP header: {name!r}", error_id=TelephonyErrorId.INVALID_ARGUMENT)


def _wrong_state(record: _CallRecord, action: str) -> TelephonyError:
    return TelephonyError(
        f"cannot {action} call {record.call_id} while it is {record.state}",
        error_id=TelephonyErrorId.WRONG_CALL_STATE,
    )
