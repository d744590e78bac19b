"""The call centre's owner loop: one thread owns the :class:`~server_stub.acd.AcdEngine`, ticks it every
second, takes media events and REST intents from one inbox, carries out the ACD's decisions through
:class:`~server_stub.media.control.MediaControl`, writes the call records and agent states, and publishes.

Started with one call from the server (:mod:`.startup`)::

    handle = start_callcenter(app, settings, sip_port=5060, media_workers=4)
    ...
    handle.stop()

The ACD names a call by the media plane's ``conversation_id`` and an agent by their work number.
"""

from __future__ import annotations

import itertools
import logging
import queue
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from shared.protocol.enums import AgentState, CallDirection, CallDisposition, Role, SupervisionMode
from shared.protocol.events import EventType, SupervisionDidChange
from shared.protocol.schemas.conference import (
    ConferenceOut,
    ConferencePartyKind,
    ConferencePartyReason,
    ConferencePartyState,
)

from .. import acd
from ..acd import decisions as d
from ..demo_data import CENTRE_TZ
from ..events.hub import EventHub, EventSink
from ..media import control as mc
from .conference import (
    CALLER_PARTY,
    MAX_CONFERENCE_PARTIES,
    ConferenceRoom,
    PartyEvent,
    PartyTransitionError,
    RoomParty,
    failure_reason_code,
    leave_reason_code,
    next_party_state,
    owner_party_id,
)
from .config_loader import CentreConfig, load_centre_config_safe
from .conversation import Conversation, Phase
from .live_stats import LiveSnapshot, apply_live, build_snapshot
from .lookups import DatabaseLookups
from .persistence import AgentCard, CallRecorder, Publication, Written

logger = logging.getLogger(__name__)

T = TypeVar("T")

AFTER_HOURS_PROMPT = "您好，现在是非工作时间，请在提示音后留言，我们将在工作时间尽快给您回复。"
OUTBOUND_REASON = "outbound"
TRANSFER_REASON = "transfer"
#: the worker keeps ringing a little past the ACD's own ring timeout, so the ACD decides (missed)
RING_GRACE_S = 5.0
CONFIG_POLL_S = 10.0
#: how long an invited conference party's phone rings before the media plane gives up
CONFERENCE_RING_S = 30.0
_DIALLABLE = re.compile(r"\+?[0-9]{3,32}")


class CallCenterError(RuntimeError):
    """A request the call centre cannot carry out; ``error_id`` is stable, the message says what to do."""

    def __init__(self, message: str, *, error_id: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.error_id = error_id
        self.details = details or {}


@dataclass(frozen=True)
class _AgentIntent:
    work_number: str
    state: AgentState
    reason: str | None


@dataclass(frozen=True)
class _Job:
    fn: Callable[[], Any]
    future: Future[Any]


@dataclass(frozen=True)
class _Reload:
    pass


_STOP = object()


class CallCenter:
    """Implements :class:`~server_stub.media.control.CallControl` and runs the ACD.

    Threading: :meth:`handle` and the lookups may be called from any thread (the media plane's dispatcher);
    ``handle`` only enqueues. Everything else runs on the one owner thread started by :meth:`start`;
    :meth:`call` runs a function there and waits for its result (REST handlers use it). :meth:`live` reads
    an immutable snapshot and is safe from any thread.
    """

    def __init__(
        self,
        *,
        session_factory: Callable[[], Session],
        events: EventSink,
        media: mc.MediaControl | None = None,
        tick_s: float = 1.0,
        clock: Callable[[], datetime] | None = None,
        config_poll_s: float = CONFIG_POLL_S,
        conference_max_parties: int | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._events = events
        self._media = media
        self._tick_s = tick_s
        self._clock = clock or (lambda: datetime.now(CENTRE_TZ))
        self._config_poll_s = config_poll_s
        #: ``None``: the media plane's own cap (``max_room_size``) when it has one
        self._conference_max = conference_max_parties
        self._inbox: queue.Queue[object] = queue.Queue()
        self._recorder = CallRecorder(session_factory)
        self._lookups = DatabaseLookups(session_factory)
        self._convs: dict[str, Conversation] = {}
        self._thread: threading.Thread | None = None
        self._owner_ident: int | None = None
        self._engine: acd.AcdEngine | None = None
        self._config: CentreConfig | None = None
        self._dirty_queues: set[str] = set()
        self._last_at: datetime | None = None
        self._snapshot = LiveSnapshot.empty()
        self._unobserve: Callable[[], None] | None = None
        self._outbound_seq = itertools.count(1)
        self._open_hours: dict[str, acd.QueueConfig] = {}
        self.handled_events = 0

    # ------------------------------------------------------------------ lifecycle

    def attach_media(self, media: mc.MediaControl) -> None:
        """The call path is started with this object as its control, then handed back here."""
        self._media = media

    def observe(self, hub: EventHub) -> None:
        """Learn REST's agent-state changes and queue edits from ``hub``'s publications (every REST change is
        published after its commit, so watching the hub sees all of them without touching the routers)."""
        self._unobserve = hub.add_observer(self._on_publication)

    def start(self) -> None:
        """Load queues and agents from the database, log the signed-in agents into the ACD, start ticking."""
        self._config = load_centre_config_safe(self._session_factory)
        self._engine = acd.AcdEngine(self._config.queues)
        self._open_hours = {q.queue_id: q for q in self._config.queues}
        self._thread = threading.Thread(target=self._run, name="callcenter", daemon=True)
        self._thread.start()
        self.call(self._log_in_signed_in_agents)

    def stop(self, timeout: float = 10.0) -> None:
        if self._unobserve is not None:
            self._unobserve()
            self._unobserve = None
        if self._thread is not None:
            try:
                self.call(self._close_all, timeout=timeout)
            except Exception:
                logger.exception("could not close the calls still open at shutdown")
            self._inbox.put(_STOP)
            self._thread.join(timeout)
            if self._thread.is_alive():
                logger.error("call centre thread did not stop within %.0f s", timeout)
            self._thread = None

    # ------------------------------------------------------------------ CallControl

    def handle(self, event: mc.MediaEvent) -> None:
        self._inbox.put(event)

    def is_blacklisted(self, number: str) -> bool:
        return self._lookups.is_blacklisted(number)

    def ivr_menu(self, hotline_number: str) -> dict[str, Any] | None:
        return self._lookups.ivr_menu(hotline_number)

    def is_open(self, hotline_number: str, queue_code: str | None) -> bool:
        now = self._clock()
        configs = self._open_hours
        if queue_code is not None and queue_code in configs:
            return configs[queue_code].opening_hours.is_open(now)
        # a menu's entry with no queue yet: open when any queue of the line is
        return True

    def active_notice_text(self, hotline_number: str) -> str | None:
        return self._lookups.active_notice_text(hotline_number)

    def ticket_status(self, serial: str) -> str | None:
        return self._lookups.ticket_status(serial)

    # ------------------------------------------------------------------ for REST and tests

    def call(self, fn: Callable[[], T], timeout: float = 10.0) -> T:
        """Run ``fn`` on the owner thread and return its result (or raise its error)."""
        if threading.get_ident() == self._owner_ident:
            return fn()
        future: Future[Any] = Future()
        self._inbox.put(_Job(fn, future))
        try:
            result: T = future.result(timeout)
        except FuturesTimeout as exc:
            # the request gives up; the job may still run later, which every command tolerates
            raise CallCenterError(
                f"The call centre did not answer within {timeout:g} s; try again in a moment.",
                error_id="call_center_busy",
            ) from exc
        return result

    def live(self) -> LiveSnapshot:
        """Queues, agents and calls as the ACD sees them (refreshed after every event)."""
        return self._snapshot

    def request_agent_state(self, work_number: str, state: AgentState, reason: str | None = None) -> None:
        """What the hub observer does for a REST change; tests and tools may call it directly."""
        self._inbox.put(_AgentIntent(work_number, state, reason))

    def reload_config(self) -> None:
        self._inbox.put(_Reload())

    def dial_outbound(self, agent_work_number: str, number: str, *, callback_id: int | None = None) -> int:
        """An agent calls a citizen back through the server; returns the new ``calls.id``."""
        return self.call(lambda: self._dial_outbound(agent_work_number, number, callback_id))

    def supervise(
        self,
        supervisor_work_number: str,
        *,
        call_id: int | None,
        agent_work_number: str | None,
        mode: SupervisionMode | None,
    ) -> Conversation:
        """Start or change (``mode``) or end (``None``) supervision of the conversation of ``call_id`` or
        of the agent ``agent_work_number``. Returns the conversation."""
        return self.call(lambda: self._supervise(supervisor_work_number, call_id, agent_work_number, mode))

    def transfer(
        self,
        agent_work_number: str,
        target: mc.TransferTarget,
        *,
        consult: bool = False,
        ticket: str | None = None,
    ) -> Conversation:
        """The agent hands their caller on: to a queue, another agent or a department/outside number. The
        call's data (and ``ticket``, a serial) ride with it to the next agent."""
        return self.call(lambda: self._transfer(agent_work_number, target, consult, ticket))

    def finish_transfer(self, agent_work_number: str, *, complete: bool) -> Conversation:
        """A consult transfer: hand the caller over (``complete``) or take them back from hold."""
        return self.call(lambda: self._finish_transfer(agent_work_number, complete))

    def conference_invite(
        self, agent_work_number: str, kind: ConferencePartyKind, value: str
    ) -> ConferenceOut:
        """The agent holding a conversation dials one more party into it (a colleague by work number, a
        department or an outside number). Returns the room with the new party ringing."""
        return self.call(lambda: self._conference_invite(agent_work_number, kind, value))

    def conference_of(self, agent_work_number: str) -> ConferenceOut:
        """The room of the conversation the agent holds or was invited into (before any invite: the
        caller and the agent)."""
        return self.call(lambda: self._conference_of(agent_work_number))

    def conference_remove(self, agent_work_number: str, party_id: str) -> ConferenceOut:
        """The room's owner hangs up one invited party; ``conference_did_change`` follows when it left."""
        return self.call(lambda: self._conference_remove(agent_work_number, party_id))

    def conversation_of_call(self, call_id: int) -> Conversation | None:
        return next((c for c in self._convs.values() if c.call_id == call_id), None)

    def _close_all(self) -> None:
        """Shutdown: every conversation still open gets its end written (no call survives a restart)."""
        at = self._now()
        for conv in list(self._convs.values()):
            self._close_room(conv, at)
            if conv.call_id is not None:
                # cut off by the shutdown, not abandoned: the disposition stays what it was (or unknown)
                self._publish(
                    self._recorder.ended(
                        conv.call_id, at=at, disposition=conv.disposition, recording=None, ended_by="system"
                    )
                )
            self._convs.pop(conv.conversation_id, None)

    # ------------------------------------------------------------------ the owner loop

    def _run(self) -> None:
        self._owner_ident = threading.get_ident()
        next_tick = time.monotonic()
        next_config = time.monotonic() + self._config_poll_s
        while True:
            wait = max(0.0, next_tick - time.monotonic())
            try:
                item = self._inbox.get(timeout=wait)
            except queue.Empty:
                item = None
            if item is _STOP:
                break
            if item is not None:
                self._process(item)
            now = time.monotonic()
            if now >= next_tick:
                next_tick = now + self._tick_s
                self._safe(self._tick)
                if now >= next_config:
                    next_config = now + self._config_poll_s
                    self._safe(self._reload)
        self._owner_ident = None
        logger.info("call centre stopped")

    def _process(self, item: object) -> None:
        if isinstance(item, _Job):
            try:
                item.future.set_result(item.fn())
            except BaseException as exc:
                item.future.set_exception(exc)
            self._refresh_snapshot()
            return
        if isinstance(item, mc.MediaEvent):
            self.handled_events += 1
            self._safe(lambda: self._on_media(item))
        elif isinstance(item, _AgentIntent):
            self._safe(lambda: self._on_agent_intent(item))
        elif isinstance(item, _Reload):
            self._safe(self._reload)
        self._refresh_snapshot()

    def _safe(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception:
            logger.exception("call centre: error handling an event; carrying on")

    def _now(self) -> datetime:
        """The engine's time never goes backwards, even if the wall clock does."""
        now = self._clock()
        if self._last_at is not None and now < self._last_at:
            now = self._last_at
        self._last_at = now
        return now

    @property
    def engine(self) -> acd.AcdEngine:
        assert self._engine is not None, "start() first"
        return self._engine

    def _acd(self, event: acd.Event) -> None:
        """Feed the engine and carry out what it decides. A refused event changes nothing (logged)."""
        try:
            decisions = self.engine.handle(event)
        except acd.AcdError as exc:
            logger.warning("ACD refused %s: %s", type(event).__name__, exc)
            return
        self._execute(decisions)

    def _tick(self) -> None:
        self._acd(acd.Tick(self._now()))
        self._publish_dirty_queues()
        self._refresh_snapshot()

    # ------------------------------------------------------------------ decisions

    def _execute(self, decisions: list[acd.Decision]) -> None:
        if not decisions:
            return
        offered_now = {x.call_id for x in decisions if isinstance(x, d.OfferCall)}
        # Media first, database after: the agent's phone rings before we spend time writing rows.
        for decision in decisions:
            self._command_media(decision, offered_now)
        for decision in decisions:
            self._record(decision)

    def _media_do(self, what: str, fn: Callable[[], None]) -> None:
        if self._media is None:
            logger.debug("no media plane: %s skipped", what)
            return
        try:
            fn()
        except mc.MediaCommandError as exc:
            logger.warning("media plane refused %s: %s (%s)", what, exc, exc.error_id)

    def _command_media(self, decision: acd.Decision, offered_now: set[str]) -> None:
        media = self._media
        match decision:
            case d.OfferCall(call_id, agent_id, queue_id, ring_timeout_s):
                conv = self._convs.get(call_id)
                if conv is None:
                    return
                headers = {
                    "X-Hotline-Queue": queue_id,
                    "X-Hotline-Ivr-Path": conv.ivr_path,
                    "X-Hotline-Ivr-Digits": conv.digits,
                    "X-Hotline-Number": conv.hotline,
                    "X-Hotline-Call-Id": str(conv.call_id or ""),
                    "X-Hotline-Ticket": conv.ticket or "",
                }
                conv.offered_to, conv.phase = agent_id, Phase.RINGING
                if media is not None:
                    self._media_do(
                        f"offer {call_id} to {agent_id}",
                        lambda: media.offer_to_agent(
                            call_id,
                            agent_id,
                            {k: v for k, v in headers.items() if v},
                            timeout_s=ring_timeout_s + RING_GRACE_S,
                        ),
                    )
            case d.CancelOffer(call_id, agent_id, reason):
                if reason is not d.OfferCancelReason.CALLER_HUNG_UP and media is not None:
                    self._media_do(f"cancel offer {call_id}", lambda: media.cancel_offer(call_id))
            case d.StaleOffer(call_id, agent_id):
                logger.warning("agent %s answered %s after the offer was taken back", agent_id, call_id)
                if media is not None:
                    self._media_do(f"drop stale offer {call_id}", lambda: media.cancel_offer(call_id))
            case d.CallQueued(call_id, queue_id, position, ewt):
                if call_id not in offered_now and position > 1 and media is not None:
                    self._media_do(
                        f"announce {call_id}", lambda: media.announce_position(call_id, position, ewt)
                    )
            case d.AnnouncePosition(call_id, queue_id, position, ewt):
                if media is not None:
                    self._media_do(
                        f"announce {call_id}", lambda: media.announce_position(call_id, position, ewt)
                    )
            case d.SendToVoicemail(call_id, queue_id, _):
                if media is not None:
                    self._media_do(f"voicemail {call_id}", lambda: media.route_to_voicemail(call_id))
            case d.AfterHours(call_id, queue_id):
                if media is not None:
                    self._media_do(
                        f"after hours {call_id}",
                        lambda: media.route_to_voicemail(call_id, AFTER_HOURS_PROMPT),
                    )
            case _:
                pass

    def _record(self, decision: acd.Decision) -> None:
        at = self.engine.now or self._now()
        match decision:
            case d.AgentStateSet(agent_id, state, _, _, reason):
                snap = self.engine.agent(agent_id)
                conv = self._convs.get(snap.call_id) if snap is not None and snap.call_id else None
                if state is AgentState.NOT_READY and reason in (OUTBOUND_REASON, TRANSFER_REASON):
                    # held out of the ACD while talking outside it: the seat wall shows them talking
                    conv = next((c for c in self._convs.values() if agent_id in c.held_agents), conv)
                    state, reason = AgentState.TALKING, None
                self._publish(
                    self._recorder.agent_state(
                        agent_id, state=state, reason=reason, call_id=conv.call_id if conv else None, at=at
                    )
                )
                for queue_id in snap.queue_ids if snap is not None else ():
                    self._dirty_queues.add(queue_id)
            case d.OfferCall(call_id, agent_id, queue_id, ring_timeout_s):
                conv = self._convs.get(call_id)
                if conv is not None and conv.call_id is not None:
                    written = self._recorder.offered(
                        conv.call_id,
                        work_number=agent_id,
                        queue_code=queue_id,
                        ring_timeout_s=ring_timeout_s,
                        at=at,
                    )
                    conv.offer_leg = written.leg_id
                    self._publish(written)
                self._dirty_queues.add(queue_id)
            case d.CancelOffer(call_id, agent_id, reason):
                conv = self._convs.get(call_id)
                if conv is not None:
                    outcome = {
                        d.OfferCancelReason.TIMED_OUT: "missed",
                        d.OfferCancelReason.CALLER_HUNG_UP: "abandoned",
                        d.OfferCancelReason.AGENT_LOGGED_OUT: "cancelled",
                        d.OfferCancelReason.AGENT_NOT_READY: "declined",
                    }[reason]
                    self._end_offer_leg(conv, outcome, at)
            case d.CallAnswered(call_id, agent_id, queue_id):
                conv = self._convs.get(call_id)
                if conv is not None:
                    logger.info("call %s: answered by %s", conv.call_id, agent_id)
                    conv.agent, conv.agent_leg = agent_id, conv.offer_leg
                    conv.offered_to, conv.offer_leg, conv.phase = None, None, Phase.TALKING
                    conv.disposition = CallDisposition.ANSWERED
                    if conv.call_id is not None:
                        self._publish(
                            self._recorder.answered(
                                conv.call_id, leg_id=conv.agent_leg, work_number=agent_id, at=at
                            )
                        )
                self._dirty_queues.add(queue_id)
            case d.CallQueued(call_id, queue_id) | d.CallRequeued(call_id, queue_id):
                conv = self._convs.get(call_id)
                if conv is not None:
                    conv.phase = Phase.QUEUED
                self._dirty_queues.add(queue_id)
            case d.Overflow(call_id, from_queue_id, to_queue_id):
                conv = self._convs.get(call_id)
                if conv is not None:
                    conv.queue_code = to_queue_id
                    if conv.call_id is not None:
                        self._recorder.queue_changed(conv.call_id, queue_code=to_queue_id)
                self._dirty_queues.update((from_queue_id, to_queue_id))
            case d.SendToVoicemail(call_id, queue_id) | d.AfterHours(call_id, queue_id):
                conv = self._convs.get(call_id)
                if conv is not None:
                    conv.phase, conv.in_acd = Phase.VOICEMAIL, False
                    conv.disposition = CallDisposition.VOICEMAIL
                    if conv.call_id is not None:
                        # stops waiting now, not when the message ends (the wallboard's waiting count)
                        self._recorder.left_queue(conv.call_id, at=at)
                self._dirty_queues.add(queue_id)
            case d.AbandonRecorded(call_id, queue_id):
                conv = self._convs.get(call_id)
                if conv is not None:
                    conv.disposition = CallDisposition.ABANDONED
                    if conv.call_id is not None:
                        self._publish(self._recorder.abandoned(conv.call_id, queue_code=queue_id, at=at))
                self._dirty_queues.add(queue_id)
            case _:
                pass

    def _end_offer_leg(self, conv: Conversation, outcome: str, at: datetime) -> None:
        if conv.offer_leg is not None:
            self._recorder.leg_ended(conv.offer_leg, outcome=outcome, at=at)
        conv.offered_to, conv.offer_leg = None, None
        if conv.phase == Phase.RINGING:
            conv.phase = Phase.QUEUED

    def _publish(self, written: Written | None) -> None:
        if written is None:
            return
        for pub in written.publications:
            self._publish_one(pub)

    def _publish_one(self, pub: Publication) -> None:
        try:
            if pub.to_agent_ids is not None:
                self._events.publish(pub.event_type, pub.payload, to_agent_ids=pub.to_agent_ids)
            else:
                self._events.publish(pub.event_type, pub.payload)
        except Exception:
            logger.exception("could not publish %s", pub.event_type)

    # ------------------------------------------------------------------ media events

    def _on_media(self, event: mc.MediaEvent) -> None:
        conv = self._convs.get(event.conversation_id)
        match event:
            case mc.InboundCallArrived():
                written = self._recorder.call_arrived(
                    caller=event.caller,
                    hotline_number=event.hotline_number,
                    sip_call_id=event.sip_call_id,
                    at=event.at,
                )
                self._convs[event.conversation_id] = Conversation(
                    event.conversation_id, written.call_id, event.caller, event.hotline_number
                )
                logger.info(
                    "call %s: %s dialled %s (%s)", written.call_id, event.caller, event.hotline_number,
                    event.conversation_id,
                )  # fmt: skip
            case mc.BlockedCallerRejected():
                if conv is not None:
                    conv.disposition, conv.phase = CallDisposition.BLOCKED, Phase.BLOCKED
            case mc.IvrRouted():
                if conv is not None:
                    self._on_ivr_routed(conv, event)
            case mc.AgentRinging():
                pass
            case mc.AgentAnswered():
                if conv is not None:
                    self._on_agent_answered(conv, event)
            case mc.AgentDidNotAnswer():
                if conv is not None:
                    self._on_no_answer(conv, event)
            case mc.AgentHungUp():
                if conv is not None:
                    self._agent_leg_over(conv, event.at)
                    self._owner_left_room(conv, event.agent_work_number)
            case mc.ConferencePartyRinging():
                logger.debug("%s: conference party %s rings", event.conversation_id, event.party_id)
            case mc.ConferencePartyJoined():
                if conv is not None:
                    self._on_party(conv, event.party_id, PartyEvent.JOIN, event.at)
            case mc.ConferencePartyFailed():
                if conv is not None:
                    reason = event.reason + (f" (SIP {event.sip_code})" if event.sip_code else "")
                    code = failure_reason_code(event.reason, event.sip_code)
                    self._on_party(conv, event.party_id, PartyEvent.FAIL, self._now(), reason, code)
            case mc.ConferencePartyLeft():
                if conv is not None:
                    reason = "removed by the room's owner" if event.removed else "hung up"
                    code = leave_reason_code(removed=event.removed, call_ended=False)
                    self._on_party(conv, event.party_id, PartyEvent.LEAVE, event.at, reason, code)
            case mc.CallerHeld():
                if conv is not None:
                    self._on_caller_held(conv, event)
            case mc.CallerResumed():
                if conv is not None:
                    self._on_caller_resumed(conv, event)
            case mc.CallerHungUp():
                if conv is not None:
                    self._on_caller_gone(conv, event.phase)
                    self._caller_left_room(conv)
            case mc.VoicemailLeft():
                call_id = conv.call_id if conv is not None else None
                if conv is not None:
                    conv.disposition = CallDisposition.VOICEMAIL
                self._publish(
                    self._recorder.voicemail_left(
                        call_id,
                        caller=event.caller,
                        queue_code=event.queue_code,
                        path=event.path,
                        duration_s=event.duration_s,
                    )
                )
            case mc.TransferRequested():
                if conv is not None:
                    self._on_transfer_requested(conv, event)
            case mc.TransferCompleted():
                if conv is not None:
                    self._on_transfer_completed(conv, event)
            case mc.TransferFailed():
                if conv is not None:
                    self._on_transfer_failed(conv, event)
            case mc.SupervisorJoined():
                if conv is not None:
                    conv.supervisors[event.supervisor_work_number] = event.mode
                    self._publish_supervision(conv, event.supervisor_work_number, event.mode)
            case mc.SupervisorLeft():
                if conv is not None:
                    conv.supervisors.pop(event.supervisor_work_number, None)
                    self._publish_supervision(conv, event.supervisor_work_number, None)
            case mc.OutboundAnswered():
                if conv is not None and conv.call_id is not None:
                    conv.phase, conv.agent = Phase.TALKING, event.agent_work_number
                    conv.disposition = CallDisposition.ANSWERED
                    self._publish(
                        self._recorder.answered(
                            conv.call_id,
                            leg_id=conv.agent_leg,
                            work_number=event.agent_work_number,
                            at=event.at,
                        )
                    )
            case mc.OutboundFailed():
                logger.info(
                    "outbound call %s to %s failed: %s", event.conversation_id, event.number, event.reason
                )
            case mc.ConversationEnded():
                if conv is not None:
                    self._on_conversation_ended(conv, event)
            case mc.WorkerDied():
                logger.error(
                    "media worker %s died with conversations %s", event.worker_id, event.conversation_ids
                )
            case _:
                pass

    def _on_ivr_routed(self, conv: Conversation, event: mc.IvrRouted) -> None:
        conv.queue_code, conv.ivr_path, conv.digits = event.queue_code, event.ivr_path, event.digits
        customer_id, tags = self._recorder.customer_of(conv.caller)
        if conv.call_id is not None:
            self._recorder.call_queued(
                conv.call_id,
                queue_code=event.queue_code,
                ivr_path=event.ivr_path,
                digits=event.digits,
                customer_id=customer_id,
                priority=0,
                at=self._now(),
            )
        if event.queue_code not in self.engine.queue_ids:
            logger.warning(
                "IVR routed %s to unknown queue %r: voicemail", conv.conversation_id, event.queue_code
            )
            conv.phase = Phase.VOICEMAIL
            if conv.call_id is not None:
                self._recorder.left_queue(conv.call_id, at=self._now())
            if self._media is not None:
                media = self._media
                self._media_do("voicemail", lambda: media.route_to_voicemail(conv.conversation_id))
            return
        conv.in_acd, conv.phase = True, Phase.QUEUED
        logger.info("call %s: IVR %s → queue %s", conv.call_id, event.ivr_path, event.queue_code)
        self._acd(acd.CallArrived(self._now(), conv.conversation_id, event.queue_code, tags))

    def _on_agent_answered(self, conv: Conversation, event: mc.AgentAnswered) -> None:
        snap = self.engine.call(conv.conversation_id)
        if snap is not None and snap.phase is acd.CallPhase.OFFERED:
            self._acd(acd.OfferAccepted(self._now(), conv.conversation_id, event.agent_work_number))
            return
        if conv.direct_offer or conv.outbound_number is not None:
            # a transfer target (recorded on TransferCompleted) or the agent leg of an outbound call
            return
        logger.warning(
            "%s answered %s, which the ACD no longer offers", event.agent_work_number, conv.conversation_id
        )
        self._acd(acd.OfferAccepted(self._now(), conv.conversation_id, event.agent_work_number))

    def _on_no_answer(self, conv: Conversation, event: mc.AgentDidNotAnswer) -> None:
        snap = self.engine.call(conv.conversation_id)
        offered = (
            snap is not None
            and snap.phase is acd.CallPhase.OFFERED
            and snap.agent_id == event.agent_work_number
        )
        if event.reason is mc.NoAnswerReason.CANCELLED or not offered:
            if conv.direct_offer:
                conv.direct_offer = False
                self._end_offer_leg(conv, "missed", self._now())
            return
        at = self._now()
        outcome = "rejected" if event.reason is mc.NoAnswerReason.REJECTED else "missed"
        self._end_offer_leg(conv, outcome, at)
        if event.reason is mc.NoAnswerReason.REJECTED:
            self._acd(acd.OfferRejected(at, conv.conversation_id, event.agent_work_number))
        else:
            self._acd(acd.OfferTimedOut(at, conv.conversation_id, event.agent_work_number))

    def _on_caller_held(self, conv: Conversation, event: mc.CallerHeld) -> None:
        if conv.held_since is not None or conv.agent != event.agent_work_number:
            return
        conv.held_since = event.at
        self._agent_hold_state(conv, event.agent_work_number, held=True)

    def _on_caller_resumed(self, conv: Conversation, event: mc.CallerResumed) -> None:
        if not conv.end_hold(event.at):
            return
        self._agent_hold_state(conv, event.agent_work_number, held=False)

    def _agent_hold_state(self, conv: Conversation, agent: str, *, held: bool) -> None:
        """hold ⇄ talking: the ACD decides for a call it connected (its ``AgentStateSet`` is published);
        an agent talking outside the ACD (transfer target) gets the state written directly."""
        snap = self.engine.call(conv.conversation_id)
        if snap is not None and snap.phase is acd.CallPhase.CONNECTED and snap.agent_id == agent:
            at = self._now()
            self._acd(
                acd.CallHeld(at, conv.conversation_id) if held else acd.CallResumed(at, conv.conversation_id)
            )
            return
        if agent in conv.held_agents:
            state = AgentState.HOLD if held else AgentState.TALKING
            self._publish(
                self._recorder.agent_state(
                    agent, state=state, reason=None, call_id=conv.call_id, at=self._now()
                )
            )

    def _close_hold(self, conv: Conversation, at: datetime) -> None:
        """The held agent's part ended without a resume (hung up, transferred): count the hold, and put
        an agent outside the ACD back to talking (the ACD's own agents leave hold with the call's end)."""
        if conv.end_hold(at) and conv.agent is not None and conv.agent in conv.held_agents:
            self._agent_hold_state(conv, conv.agent, held=False)

    def _agent_leg_over(self, conv: Conversation, at: datetime, outcome: str = "answered") -> None:
        """The agent's part of the conversation is over (hung up, transferred away, taken over)."""
        self._close_hold(conv, at)
        if conv.agent_leg is not None:
            self._recorder.leg_ended(conv.agent_leg, outcome=outcome, at=at)
        snap = self.engine.call(conv.conversation_id)
        if snap is not None and snap.phase is acd.CallPhase.CONNECTED:
            self._acd(acd.CallEnded(self._now(), conv.conversation_id))
        conv.agent, conv.agent_leg = None, None

    def _on_caller_gone(self, conv: Conversation, phase: str) -> None:
        snap = self.engine.call(conv.conversation_id)
        if snap is None:
            if conv.disposition is None and phase in (Phase.IVR, Phase.QUEUED):
                conv.disposition = CallDisposition.ABANDONED
            return
        if snap.phase is acd.CallPhase.CONNECTED:
            self._acd(acd.CallEnded(self._now(), conv.conversation_id))
        else:
            self._acd(acd.CallAbandoned(self._now(), conv.conversation_id))

    def _on_conversation_ended(self, conv: Conversation, event: mc.ConversationEnded) -> None:
        conv.end_hold(event.at)
        if self.engine.call(conv.conversation_id) is not None:
            self._on_caller_gone(conv, conv.phase)
        self._close_room(conv, event.at)
        if conv.call_id is not None:
            disposition = conv.disposition
            if disposition is None:
                disposition = CallDisposition.ABANDONED
            logger.info("call %s: ended (%s, by %s)", conv.call_id, disposition.value, event.ended_by.value)
            self._publish(
                self._recorder.ended(
                    conv.call_id,
                    at=event.at,
                    disposition=disposition,
                    recording=event.recording,
                    ended_by=event.ended_by.value,
                    hold_seconds=round(conv.hold_seconds),
                )
            )
        self._release_held_agents(conv)
        for supervisor in list(conv.supervisors):
            self._publish_supervision(conv, supervisor, None)
        self._convs.pop(conv.conversation_id, None)

    def _on_transfer_requested(self, conv: Conversation, event: mc.TransferRequested) -> None:
        target = event.target
        at = self._now()
        if target.kind is mc.TransferTargetKind.QUEUE:
            if target.value not in self.engine.queue_ids:
                logger.warning(
                    "transfer of %s to unknown queue %r refused", conv.conversation_id, target.value
                )
                return
            if conv.queue_transfer != target.value:
                # the agent's softphone REFERred (the worker declined it and asks us): carry it out; the
                # worker drops the agent, plays hold music and reports TransferRequested again
                conv.queue_transfer = target.value
                if self._media is not None:
                    media = self._media
                    self._media_do("transfer to queue", lambda: media.transfer(conv.conversation_id, target))
                return
            conv.queue_transfer = None
            self._agent_leg_over(conv, at, "transferred_blind")
            conv.queue_code, conv.in_acd, conv.phase = target.value, True, Phase.QUEUED
            if conv.call_id is not None:
                self._recorder.queue_changed(conv.call_id, queue_code=target.value)
            self._acd(acd.CallArrived(self._now(), conv.conversation_id, target.value))
        elif target.kind is mc.TransferTargetKind.AGENT:
            self._transfer_to_agent(conv, target.value, consult=event.consult)
        else:
            number = self._recorder.department_number(target.value)
            if conv.call_id is not None:
                self._recorder.transfer_leg(
                    conv.call_id, target_number=number, department=target.value, at=at
                )
            if self._media is not None:
                media = self._media
                self._media_do(
                    "transfer to number",
                    lambda: media.transfer(
                        conv.conversation_id,
                        mc.TransferTarget(mc.TransferTargetKind.NUMBER, number),
                        consult=event.consult,
                    ),
                )

    def _transfer_to_agent(self, conv: Conversation, agent: str, *, consult: bool) -> None:
        """The media plane drops (blind) or holds (consult) the current agent and rings ``agent`` with the
        call's data; the outcome arrives as ``TransferCompleted`` / ``TransferFailed``."""
        conv.direct_offer, conv.offered_to, conv.consult = True, agent, consult
        if conv.call_id is not None:
            written = self._recorder.offered(
                conv.call_id, work_number=agent, queue_code=conv.queue_code, ring_timeout_s=20, at=self._now()
            )
            conv.offer_leg = written.leg_id
            self._publish(written)
        if self._media is not None:
            media = self._media
            target = mc.TransferTarget(mc.TransferTargetKind.AGENT, agent)
            call_data = self._call_data(conv)
            self._media_do(
                "transfer to agent",
                lambda: media.transfer(conv.conversation_id, target, consult=consult, headers=call_data),
            )

    @staticmethod
    def _call_data(conv: Conversation) -> dict[str, str]:
        """What the next agent's screen pops with besides the media plane's own data (queue, IVR path):
        the call's record and the ticket registered so far."""
        data = {"X-Hotline-Call-Id": str(conv.call_id or ""), "X-Hotline-Ticket": conv.ticket or ""}
        return {k: v for k, v in data.items() if v}

    def _on_transfer_completed(self, conv: Conversation, event: mc.TransferCompleted) -> None:
        at = self._now()
        self._close_hold(conv, event.at)
        if conv.agent_leg is not None:
            outcome = "transferred_consult" if conv.consult else "transferred_blind"
            self._recorder.leg_ended(conv.agent_leg, outcome=outcome, at=at)
            conv.agent_leg, conv.consult = None, False
        snap = self.engine.call(conv.conversation_id)
        if snap is not None and snap.phase is acd.CallPhase.CONNECTED and snap.agent_id == event.from_agent:
            self._acd(acd.CallEnded(at, conv.conversation_id))
        if event.target.kind is mc.TransferTargetKind.NUMBER:
            conv.disposition, conv.agent = CallDisposition.TRANSFERRED, None
            if conv.call_id is not None:
                self._recorder.set_disposition(conv.call_id, CallDisposition.TRANSFERRED)
        elif event.target.kind is mc.TransferTargetKind.AGENT:
            agent = event.target.value
            conv.agent, conv.agent_leg, conv.phase = agent, conv.offer_leg, Phase.TALKING
            conv.offered_to, conv.offer_leg, conv.direct_offer = None, None, False
            if conv.call_id is not None:
                self._publish(
                    self._recorder.answered(conv.call_id, leg_id=conv.agent_leg, work_number=agent, at=at)
                )
            self._hold_agent_for(conv, agent, TRANSFER_REASON)

    def _on_transfer_failed(self, conv: Conversation, event: mc.TransferFailed) -> None:
        logger.warning("transfer of %s to %s failed: %s", conv.conversation_id, event.target, event.reason)
        at = self._now()
        if conv.direct_offer:
            conv.direct_offer = False
            self._end_offer_leg(conv, "failed", at)
        if conv.consult:
            conv.consult, conv.phase = False, Phase.TALKING  # the agent takes the caller back from hold
            return
        # blind: the worker dropped the agent before ringing the target; the caller waits on hold music
        # and goes back to their queue for the next agent
        self._agent_leg_over(conv, at, "transferred_blind")
        if conv.queue_code in self.engine.queue_ids:
            conv.in_acd, conv.phase = True, Phase.QUEUED
            self._acd(acd.CallArrived(self._now(), conv.conversation_id, conv.queue_code))
        elif self._media is not None:
            media = self._media
            self._media_do(
                "voicemail after a failed transfer", lambda: media.route_to_voicemail(conv.conversation_id)
            )

    def _hold_agent_for(self, conv: Conversation, agent: str, reason: str) -> None:
        """An agent talking outside the ACD (transfer target, outbound call) must not be offered hotline
        calls meanwhile: the ACD holds them not-ready with ``reason`` until the conversation ends."""
        snap = self.engine.agent(agent)
        if snap is not None and snap.state is AgentState.READY:
            conv.held_agents[agent] = reason
            self._acd(acd.AgentStateRequested(self._now(), agent, AgentState.NOT_READY, reason))

    def _publish_supervision(self, conv: Conversation, supervisor: str, mode: SupervisionMode | None) -> None:
        with self._session_factory() as session:
            sup_id = self._recorder.agent_id(session, supervisor)
            agent_id = self._recorder.agent_id(session, conv.agent) if conv.agent else None
        if sup_id is None:
            return
        self._publish_one(
            Publication(
                EventType.SUPERVISION_DID_CHANGE,
                SupervisionDidChange(supervisor_id=sup_id, agent_id=agent_id or 0, mode=mode),
            )
        )

    # ------------------------------------------------------------------ REST intents

    def _on_publication(self, event_type: EventType, payload: dict[str, Any]) -> None:
        """Hub observer (publishing thread). Our own publications come from the owner thread: skip them."""
        if threading.get_ident() == self._owner_ident:
            return
        if event_type is EventType.AGENT_STATE_DID_CHANGE:
            try:
                intent = _AgentIntent(
                    str(payload["work_number"]), AgentState(payload["state"]), payload.get("reason")
                )
            except (KeyError, ValueError):
                logger.warning("agent state event without work number/state: %r", payload)
                return
            self._inbox.put(intent)
        elif event_type is EventType.QUEUE_DID_CHANGE:
            self._inbox.put(_Reload())

    def _profile(self, work_number: str) -> acd.AgentProfile | None:
        config = self._config
        profile = config.agents.get(work_number) if config is not None else None
        if profile is None:
            self._reload()
            config = self._config
            profile = config.agents.get(work_number) if config is not None else None
        return profile

    def _on_agent_intent(self, intent: _AgentIntent) -> None:
        snap = self.engine.agent(intent.work_number)
        signed_out = snap is None or snap.state is AgentState.LOGGED_OUT
        at = self._now()
        if intent.state is AgentState.LOGGED_OUT:
            if not signed_out:
                self._acd(acd.AgentLoggedOut(at, intent.work_number))
            return
        if intent.state not in (AgentState.READY, AgentState.NOT_READY):
            return  # call-driven states are ours to set
        if signed_out:
            profile = self._profile(intent.work_number)
            if profile is None:
                return  # leaders, admins and unknown work numbers take no hotline calls
            ready = intent.state is AgentState.READY
            self._acd(acd.AgentLoggedIn(at, profile, ready=ready, reason=intent.reason or "login"))
            return
        assert snap is not None
        if snap.state is intent.state and (snap.reason or None) == (intent.reason or None):
            return
        self._acd(acd.AgentStateRequested(at, intent.work_number, intent.state, intent.reason))

    def _log_in_signed_in_agents(self) -> None:
        """At start: agents the database shows signed in join the ACD. Call states left over from a
        previous run (no call survives a restart) become ready."""
        for work_number, state, reason in self._recorder.signed_in_agents():
            profile = self._profile(work_number)
            if profile is None:
                continue
            if state not in (AgentState.READY, AgentState.NOT_READY):
                self._publish(
                    self._recorder.agent_state(work_number, state=AgentState.READY, reason=None, call_id=None)
                )
                state, reason = AgentState.READY, None
            self._acd(
                acd.AgentLoggedIn(
                    self._now(), profile, ready=state is AgentState.READY, reason=reason or "login"
                )
            )

    def _reload(self) -> None:
        fresh = load_centre_config_safe(self._session_factory)
        old = self._config
        if old is not None and fresh.fingerprint == old.fingerprint:
            return
        self._config = fresh
        self._recorder.forget_config()
        if old is None or [repr(q) for q in old.queues] != [repr(q) for q in fresh.queues]:
            self._acd(acd.QueuesConfigured(self._now(), fresh.queues))
            self._open_hours = {q.queue_id: q for q in fresh.queues}
            logger.info("ACD queues reloaded: %s", ", ".join(q.queue_id for q in fresh.queues))
        for work_number, profile in fresh.agents.items():
            before = old.agents.get(work_number) if old is not None else None
            if before != profile and self.engine.agent(work_number) is not None:
                self._acd(acd.AgentProfileChanged(self._now(), profile))

    # ------------------------------------------------------------------ outbound and supervision

    def _dial_outbound(self, agent: str, number: str, callback_id: int | None) -> int:
        if self._media is None:
            raise CallCenterError(
                "The call path is not running; outbound calls are off.", error_id="no_call_path"
            )
        snap = self.engine.agent(agent)
        if snap is not None and snap.state not in (
            AgentState.READY,
            AgentState.NOT_READY,
            AgentState.LOGGED_OUT,
        ):
            raise CallCenterError(
                f"Agent {agent} is {snap.state.value}; finish the current call first.", error_id="agent_busy"
            )
        headers = {"X-Hotline-Callback": str(callback_id)} if callback_id is not None else None
        try:
            conversation_id = self._media.dial_outbound(agent, number, headers)
        except mc.MediaCommandError as exc:
            raise CallCenterError(str(exc), error_id=exc.error_id) from exc
        written = self._recorder.call_arrived(
            caller=agent,
            hotline_number="",
            sip_call_id="",
            at=self._now(),
            direction=CallDirection.OUTBOUND,
            callee=number,
            agent_work_number=agent,
        )
        conv = Conversation(conversation_id, written.call_id, agent, "", CallDirection.OUTBOUND)
        conv.outbound_number, conv.phase = number, Phase.DIALLING
        self._convs[conversation_id] = conv
        self._hold_agent_for(conv, agent, OUTBOUND_REASON)
        assert written.call_id is not None
        return written.call_id

    def _release_held_agents(self, conv: Conversation) -> None:
        for agent, reason in conv.held_agents.items():
            snap = self.engine.agent(agent)
            if snap is not None and snap.state is AgentState.NOT_READY and snap.reason == reason:
                self._acd(acd.AgentStateRequested(self._now(), agent, AgentState.READY))
        conv.held_agents.clear()

    def _transfer(
        self, agent: str, target: mc.TransferTarget, consult: bool, ticket: str | None
    ) -> Conversation:
        conv = next((c for c in self._convs.values() if c.agent == agent and c.phase == Phase.TALKING), None)
        if conv is None:
            raise CallCenterError(f"Agent {agent} has no call to transfer.", error_id="no_conversation")
        if self._media is None:
            raise CallCenterError("The call path is not running.", error_id="no_call_path")
        if target.kind is mc.TransferTargetKind.QUEUE and target.value not in self.engine.queue_ids:
            raise CallCenterError(
                f"No queue {target.value!r}; pick one from the queue list.", error_id="unknown_queue"
            )
        if target.kind is mc.TransferTargetKind.AGENT and target.value == agent:
            raise CallCenterError("Pick another agent than yourself.", error_id="transfer_to_self")
        if conv.room is not None and conv.room.invited_active():
            raise CallCenterError(
                "Others are in this conference; remove them before transferring the caller.",
                error_id="conference_in_progress",
            )
        if ticket:
            conv.ticket = ticket
        if target.kind is mc.TransferTargetKind.AGENT:
            self._transfer_to_agent(conv, target.value, consult=consult)
            return conv
        if target.kind is mc.TransferTargetKind.NUMBER:
            number = self._recorder.department_number(target.value)
            if conv.call_id is not None:
                self._recorder.transfer_leg(
                    conv.call_id, target_number=number, department=target.value, at=self._now()
                )
            target = mc.TransferTarget(mc.TransferTargetKind.NUMBER, number)
        if target.kind is mc.TransferTargetKind.QUEUE:
            conv.queue_transfer = target.value
        try:
            self._media.transfer(conv.conversation_id, target, consult=consult)
        except mc.MediaCommandError as exc:
            conv.queue_transfer = None
            raise CallCenterError(str(exc), error_id=exc.error_id) from exc
        return conv

    def _finish_transfer(self, agent: str, complete: bool) -> Conversation:
        conv = next((c for c in self._convs.values() if c.agent == agent and c.direct_offer), None)
        if conv is None:
            raise CallCenterError(
                f"Agent {agent} has no consult transfer under way.", error_id="no_consult_transfer"
            )
        if self._media is None:
            raise CallCenterError("The call path is not running.", error_id="no_call_path")
        try:
            if complete:
                self._media.complete_transfer(conv.conversation_id)
            else:
                self._media.cancel_transfer(conv.conversation_id)
        except mc.MediaCommandError as exc:
            raise CallCenterError(str(exc), error_id=exc.error_id) from exc
        if not complete:
            conv.direct_offer = False
            self._end_offer_leg(conv, "cancelled", self._now())
            conv.phase = Phase.TALKING
        return conv

    def _supervise(
        self, supervisor: str, call_id: int | None, agent: str | None, mode: SupervisionMode | None
    ) -> Conversation:
        conv: Conversation | None = None
        if call_id is not None:
            conv = self.conversation_of_call(call_id)
        elif agent is not None:
            conv = next(
                (c for c in self._convs.values() if c.agent == agent and c.phase == Phase.TALKING), None
            )
        if conv is None:
            raise CallCenterError(
                "No conversation in progress matches; pick a seat that is talking.",
                error_id="no_conversation",
            )
        if self._media is None:
            raise CallCenterError("The call path is not running.", error_id="no_call_path")
        try:
            if mode is None:
                self._media.end_supervision(conv.conversation_id)
            else:
                self._media.supervise(conv.conversation_id, supervisor, mode)
        except mc.MediaCommandError as exc:
            raise CallCenterError(str(exc), error_id=exc.error_id) from exc
        return conv

    # ------------------------------------------------------------------ conference rooms

    def _owned_conversation(self, agent: str) -> Conversation | None:
        """The conversation ``agent`` holds: the room's owner, or the talking agent before any invite."""
        for conv in self._convs.values():
            room = conv.room
            if room is not None:
                party = room.active_agent(agent)
                if room.owner == agent and party is not None and party.state is ConferencePartyState.JOINED:
                    return conv
            elif conv.agent == agent and conv.phase == Phase.TALKING:
                return conv
        return None

    def _member_conversation(self, agent: str) -> Conversation | None:
        owned = self._owned_conversation(agent)
        if owned is not None:
            return owned
        return next(
            (c for c in self._convs.values() if c.room is not None and c.room.active_agent(agent)), None
        )

    def _new_room(self, conv: Conversation, owner: str) -> ConferenceRoom:
        at = self._now()
        room = ConferenceRoom(owner=owner, max_parties=self._room_cap())
        room.add(
            RoomParty(
                CALLER_PARTY,
                ConferencePartyKind.CALLER,
                conv.far_end,
                conv.far_end,
                ConferencePartyState.JOINED,
                joined_at=at,
            )
        )
        card = self._recorder.agent_card(owner)
        room.add(
            RoomParty(
                owner_party_id(owner),
                ConferencePartyKind.AGENT,
                owner,
                card.name if card is not None else owner,
                ConferencePartyState.JOINED,
                agent_db_id=card.agent_id if card is not None else None,
                joined_at=at,
            )
        )
        return room

    def _room_cap(self) -> int:
        if self._conference_max is not None:
            return self._conference_max
        cap = getattr(self._media, "max_room_size", None)
        return cap if isinstance(cap, int) and cap > 2 else MAX_CONFERENCE_PARTIES

    def _conference_of(self, agent: str) -> ConferenceOut:
        conv = self._member_conversation(agent)
        if conv is None or conv.call_id is None:
            raise CallCenterError(
                f"Agent {agent} is in no conversation, so there is no conference to show.",
                error_id="no_conference",
            )
        room = conv.room or self._new_room(conv, agent)
        return room.as_out(conv.call_id)

    def _conference_invite(self, agent: str, kind: ConferencePartyKind, value: str) -> ConferenceOut:
        if self._media is None:
            raise CallCenterError("The call path is not running.", error_id="no_call_path")
        conv = self._owned_conversation(agent)
        if conv is None or conv.call_id is None:
            raise CallCenterError(
                f"Agent {agent} is not talking to a caller; a conference starts from a call in progress.",
                error_id="no_conversation",
            )
        if conv.direct_offer or conv.consult or conv.queue_transfer is not None:
            raise CallCenterError(
                "A transfer of this call is under way; finish or cancel it first.",
                error_id="transfer_in_progress",
            )
        room = conv.room or self._new_room(conv, agent)
        value = value.strip()
        if kind is ConferencePartyKind.AGENT:
            card = self._recorder.agent_card(value)
            if card is None or not card.active:
                raise CallCenterError(
                    f"No agent has work number {value!r}; check the number in the directory.",
                    error_id="unknown_agent",
                )
            if value == agent or room.active_agent(value) is not None:
                raise CallCenterError(
                    f"{card.name} ({value}) is in this conference already.", error_id="already_in_room"
                )
            self._check_room_space(room)
            acd_guest = self._check_invitable(card)
            party = RoomParty(
                room.new_party_id(),
                kind,
                value,
                card.name,
                ConferencePartyState.RINGING,
                agent_db_id=card.agent_id,
                acd_guest=acd_guest,
            )
            department: str | None = None
        elif kind is ConferencePartyKind.NUMBER:
            dial = self._recorder.dial_target(value)
            if not _DIALLABLE.fullmatch(dial.number):
                raise CallCenterError(
                    f"{value!r} is neither a department (code or name) nor a phone number.",
                    error_id="unknown_number",
                )
            if room.active_number(dial.number) is not None:
                raise CallCenterError(
                    f"{dial.display} is in this conference already.", error_id="already_in_room"
                )
            self._check_room_space(room)
            party = RoomParty(
                room.new_party_id(), kind, dial.number, dial.display, ConferencePartyState.RINGING
            )
            department = dial.department
        else:
            raise CallCenterError(
                "Invite an agent (work number) or a number (department or phone); the caller is in the "
                "conference already.",
                error_id="invalid_party_kind",
            )
        target = mc.TransferTarget(
            mc.TransferTargetKind.AGENT
            if kind is ConferencePartyKind.AGENT
            else mc.TransferTargetKind.NUMBER,
            party.value,
        )
        try:
            self._media.conference_add(
                conv.conversation_id,
                party.party_id,
                target,
                headers=self._conference_headers(conv, party.party_id),
                timeout_s=CONFERENCE_RING_S,
            )
        except mc.MediaCommandError as exc:
            error_id = "conference_unavailable" if exc.error_id == "no_conference" else exc.error_id
            raise CallCenterError(str(exc), error_id=error_id) from exc
        # the media plane took it: from here on the books follow
        conv.room = room
        room.add(party)
        at = self._now()
        logger.info(
            "call %s: %s invites %s %s as %s", conv.call_id, agent, kind.value, party.value, party.party_id
        )
        if kind is ConferencePartyKind.AGENT:
            written = self._recorder.offered(
                conv.call_id,
                work_number=party.value,
                queue_code=conv.queue_code,
                ring_timeout_s=CONFERENCE_RING_S,
                at=at,
            )
            party.leg_id = written.leg_id
            self._publish(written)
            if party.acd_guest:
                self._acd(acd.GuestInvited(at, party.value, conv.conversation_id))
        else:
            written = self._recorder.transfer_leg(
                conv.call_id, target_number=party.value, department=department, at=at
            )
            party.leg_id = written.leg_id
        self._publish_room(conv)
        return room.as_out(conv.call_id)

    def _check_room_space(self, room: ConferenceRoom) -> None:
        if len(room.active()) >= room.max_parties:
            raise CallCenterError(
                f"The conference is full ({room.max_parties} parties); remove someone before inviting more.",
                error_id="room_full",
                details={"max_parties": room.max_parties},
            )

    def _check_invitable(self, card: AgentCard) -> bool:
        """Refuse an agent who cannot come to the phone; ``True`` when the ACD must hold them as a guest
        (a call-taker), ``False`` for someone outside the ACD (a leader, whatever their recorded state:
        an unregistered softphone fails the invite instead)."""
        wn = card.work_number
        busy_elsewhere = any(
            wn in (c.agent, c.offered_to)
            or wn in c.held_agents  # an outbound call or a transfer: not-ready in the ACD, yet talking
            or wn in c.supervisors
            or (c.room is not None and c.room.active_agent(wn) is not None)
            for c in self._convs.values()
        )
        snap = self.engine.agent(card.work_number)
        state = snap.state if snap is not None else card.state
        # a leader keeps no seat state (the console signs in without one): their softphone decides
        stateless = snap is None and card.role is Role.LEADER
        if busy_elsewhere or not (stateless or state in (AgentState.READY, AgentState.NOT_READY)):
            idle = state in (AgentState.READY, AgentState.NOT_READY)
            shown = "in another call" if idle else state.value.replace("_", " ")
            raise CallCenterError(
                f"{card.name} ({card.work_number}) is {shown} and cannot join now; pick someone else or try "
                "again shortly.",
                error_id="agent_unavailable",
                details={"work_number": card.work_number, "state": state.value, "in_another_call": idle},
            )
        return snap is not None

    @staticmethod
    def _conference_headers(conv: Conversation, party_id: str) -> dict[str, str]:
        """The invited seat's screen pops with the call's data, like a transfer target's."""
        data = {
            "X-Hotline-Call-Id": str(conv.call_id or ""),
            "X-Hotline-Ticket": conv.ticket or "",
            "X-Hotline-Queue": conv.queue_code or "",
            "X-Hotline-Number": conv.hotline,
            "X-Hotline-Conference": party_id,
        }
        return {k: v for k, v in data.items() if v}

    def _conference_remove(self, agent: str, party_id: str) -> ConferenceOut:
        conv = self._owned_conversation(agent)
        if conv is None:
            member = self._member_conversation(agent)
            if member is not None and member.room is not None:
                raise CallCenterError(
                    f"Only {member.room.owner}, who holds this conference, can remove parties.",
                    error_id="not_room_owner",
                )
            raise CallCenterError(f"Agent {agent} holds no conference.", error_id="no_conference")
        room = conv.room
        party = room.parties.get(party_id) if room is not None else None
        if room is None or party is None or conv.call_id is None:
            raise CallCenterError(f"No party {party_id!r} in this conference.", error_id="unknown_party")
        if not party.invited:
            raise CallCenterError(
                "The caller and the conference's owner cannot be removed; hang up to end the call.",
                error_id="cannot_remove_party",
            )
        if not party.active:
            raise CallCenterError(
                f"{party.display} is no longer in this conference.", error_id="party_not_in_room"
            )
        if self._media is None:
            raise CallCenterError("The call path is not running.", error_id="no_call_path")
        try:
            self._media.conference_remove(conv.conversation_id, party_id)
        except mc.MediaCommandError as exc:
            raise CallCenterError(str(exc), error_id=exc.error_id) from exc
        logger.info("call %s: %s removes %s", conv.call_id, agent, party_id)
        return room.as_out(conv.call_id)

    def _on_party(
        self,
        conv: Conversation,
        party_id: str,
        what: PartyEvent,
        at: datetime,
        reason: str | None = None,
        reason_code: ConferencePartyReason | None = None,
    ) -> None:
        room = conv.room
        party = room.parties.get(party_id) if room is not None else None
        if room is None or party is None or not party.invited:
            logger.warning(
                "%s: report about unknown conference party %r ignored", conv.conversation_id, party_id
            )
            return
        before = party.state
        try:
            party.state = next_party_state(before, what)
        except PartyTransitionError as exc:
            # e.g. a join reported after the owner removed the party: the room already moved on
            logger.info("%s: conference party %s: %s; ignored", conv.conversation_id, party_id, exc)
            return
        if what is PartyEvent.LEAVE and conv.room_closing:
            # the media plane lets everyone go once the caller hung up
            reason, reason_code = "the call ended", leave_reason_code(removed=False, call_ended=True)
        party.set_reason(reason, reason_code)
        self._party_books(conv, party, before, at)
        if party.state is ConferencePartyState.LEFT and party.value == room.owner:
            room.pass_ownership()
        self._publish_room(conv)

    def _party_books(
        self, conv: Conversation, party: RoomParty, before: ConferencePartyState, at: datetime
    ) -> None:
        """The leg row and the ACD's guest bookkeeping of one invited party after its state changed."""
        if party.state is ConferencePartyState.JOINED:
            party.joined_at = at
            if party.leg_id is not None:
                self._recorder.conference_leg_answered(party.leg_id, at=at)
            if party.acd_guest:
                self._acd(acd.GuestJoined(self._now(), party.value, conv.conversation_id))
            return
        was_in = before is ConferencePartyState.JOINED
        if party.leg_id is not None:
            if party.state is ConferencePartyState.FAILED:
                outcome = "conference_failed"
            else:
                outcome = "conference" if was_in else "cancelled"
            self._recorder.leg_ended(party.leg_id, outcome=outcome, at=at)
        if party.acd_guest:
            if was_in:
                queue_id = conv.queue_code if conv.queue_code in self.engine.queue_ids else None
                self._acd(acd.GuestLeft(self._now(), party.value, conv.conversation_id, queue_id))
            else:
                self._acd(acd.GuestFailed(self._now(), party.value, conv.conversation_id))

    def _owner_left_room(self, conv: Conversation, agent: str) -> None:
        """The agent who took the call hung up; the others go on talking with the caller."""
        room = conv.room
        party = room.parties.get(owner_party_id(agent)) if room is not None else None
        if room is None or party is None or not party.active:
            return
        party.state = next_party_state(party.state, PartyEvent.LEAVE)
        party.set_reason("hung up", leave_reason_code(removed=False, call_ended=False))
        if room.owner == agent:
            room.pass_ownership()
        self._publish_room(conv)

    def _caller_left_room(self, conv: Conversation) -> None:
        room = conv.room
        party = room.parties.get(CALLER_PARTY) if room is not None else None
        if room is None or party is None or not party.active:
            return
        party.state = next_party_state(party.state, PartyEvent.LEAVE)
        party.set_reason("hung up", leave_reason_code(removed=False, call_ended=False))
        conv.room_closing = True
        self._publish_room(conv)

    def _close_room(self, conv: Conversation, at: datetime) -> None:
        """The conversation is over: everyone still in the room has left; seats get ``ended``."""
        room = conv.room
        if room is None:
            return
        for party in room.parties.values():
            if not party.active:
                continue
            before = party.state
            party.state = next_party_state(before, PartyEvent.LEAVE)
            party.set_reason("the call ended", leave_reason_code(removed=False, call_ended=True))
            if party.invited:
                self._party_books(conv, party, before, at)
        self._publish_room(conv, ended=True)

    def _publish_room(self, conv: Conversation, *, ended: bool = False) -> None:
        room = conv.room
        if room is None or conv.call_id is None:
            return
        self._publish_one(
            Publication(
                EventType.CONFERENCE_DID_CHANGE, room.as_event(conv.call_id, ended=ended), room.audience()
            )
        )

    # ------------------------------------------------------------------ live figures

    def _refresh_snapshot(self) -> None:
        if self._engine is not None:
            self._snapshot = build_snapshot(self._engine, self._convs, self._now())

    def _publish_dirty_queues(self) -> None:
        if not self._dirty_queues:
            return
        dirty, self._dirty_queues = self._dirty_queues, set()
        from ..services import queues as queue_service

        snapshot = build_snapshot(self.engine, self._convs, self._now())
        with self._session_factory() as session:
            rows = [q for q in queue_service.list_queues(session) if q.code in dirty]
            if not rows:
                return
            codes = {q.id: q.code for q in queue_service.list_queues(session)}
            stats = queue_service.stats_for(session, queues=rows)
            outs = [queue_service.queue_out(q, codes=codes, stats=stats[q.id]) for q in rows]
        for out in apply_live(outs, snapshot):
            self._publish_one(Publication(EventType.QUEUE_DID_CHANGE, out))
