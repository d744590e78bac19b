"""A media worker: one process, one softphone engine, ONE conversation at a time (caller leg + agent leg +
supervisor leg + consult leg ≤ PJSIP's 4 calls), reused for the next conversation when it ends.

The worker answers the trunk INVITE Kamailio dispatches to it (a second INVITE while busy gets 486, so
Kamailio fails over to the next worker), runs the IVR (:mod:`.ivr`), plays hold music and announcements,
rings agents with the call's ``X-Hotline-*`` headers, bridges and records, takes supervisors in, carries
out transfers, places outbound trunk legs and holds conference rooms (:mod:`.conference_room`: parties as
legs, and — for a room larger than its call slots — a link call to another worker that extends the room). It
reports :mod:`.control` events and asks the server's lookups over its pipe (:mod:`.channel`).

Threading: single-threaded. :meth:`MediaWorker.run` owns the engine and the pipe; nothing else runs here.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import signal
import struct
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from shared.protocol.enums import SupervisionMode
from shared.telephony import events as tev
from shared.telephony.config import EngineConfig
from shared.telephony.engine import SoftphoneEngine
from shared.telephony.errors import TelephonyError
from shared.telephony.ids import CallId, MediaId
from shared.telephony.states import CallState

from . import control as mc
from . import ivr
from .channel import (
    RESERVE_ROOM_WORKER,
    CommandName,
    QueryAnswer,
    RoomForward,
    RoomRelay,
    RoomReleased,
    WorkerCommand,
    WorkerConfig,
    WorkerEvent,
    WorkerQuery,
    WorkerReady,
    WorkerShutdown,
)
from .conference_room import (
    MAX_CALLS_PER_WORKER,
    PartyState,
    Placement,
    all_to_all,
    failure_reason,
    place_party,
    room_uri_user,
)
from .prompts import HOLD_MUSIC, PromptError, PromptLibrary, position_announcement, wav_duration

logger = logging.getLogger(__name__)

AUTO_ANSWER = {"Call-Info": "<sip:hotline>;answer-after=0"}
RINGBACK_HZ = 450.0  # China's ring-back tone
CLOSING_GRACE_S = 3.0
IDLE_PUMP_MS = 200
BUSY_PUMP_MS = 20  # prompt ends, DTMF timeouts and offers need no finer clock; SIP wakes the pump at once
ROOM_LINK_WAIT_S = 10.0  # a reserved room extension whose link call never comes frees itself


class Phase(StrEnum):
    IVR = "ivr"
    QUEUED = "queued"  # hold music; an offer to an agent may be ringing
    TALKING = "talking"
    CONSULTING = "consulting"  # caller on hold music, agent talks to a transfer target
    VOICEMAIL = "voicemail"
    OUTBOUND_AGENT = "outbound_agent"  # ringing the agent for an outbound call
    OUTBOUND_DIALING = "outbound_dialing"  # agent hears ring-back while the trunk leg rings
    ROOM = "room"  # this worker extends another worker's conference room (link leg + parties)
    CLOSING = "closing"  # legs hanging up, recording being finalised


_P = Phase
PHASE_TRANSITIONS: frozenset[tuple[Phase, Phase]] = frozenset(
    {
        (_P.IVR, _P.QUEUED),
        (_P.IVR, _P.VOICEMAIL),
        (_P.QUEUED, _P.TALKING),
        (_P.QUEUED, _P.VOICEMAIL),
        (_P.TALKING, _P.QUEUED),  # blind transfer to a queue / agent / number
        (_P.TALKING, _P.CONSULTING),
        (_P.CONSULTING, _P.TALKING),
        (_P.OUTBOUND_AGENT, _P.OUTBOUND_DIALING),
        (_P.OUTBOUND_DIALING, _P.TALKING),
    }
    | {(p, _P.CLOSING) for p in Phase if p is not _P.CLOSING}
)


class InvalidPhase(ValueError):
    pass


def next_phase(current: Phase, wanted: Phase) -> Phase:
    """The conversation's phase after ``current`` → ``wanted``; raises on a pair the table lacks."""
    if (current, wanted) not in PHASE_TRANSITIONS:
        raise InvalidPhase(f"a conversation cannot go from {current} to {wanted}")
    return wanted


@dataclass
class Leg:
    call_id: CallId
    party: str  # caller number, agent/supervisor work number, or dialled number
    answered: bool = False


@dataclass
class RoomParty:
    """A conference party as this worker knows it: ``leg`` is set when it rings/talks here, ``None`` when
    it sits on a worker further down the chain (its state then follows the relayed events)."""

    party_id: str
    target: mc.TransferTarget
    leg: Leg | None = None
    state: PartyState = PartyState.RINGING
    deadline: float = 0.0
    removing: bool = False
    timed_out: bool = False


@dataclass
class Conversation:
    id: str
    phase: Phase
    caller_number: str = ""
    hotline: str = ""
    caller: Leg | None = None
    agent: Leg | None = None
    supervisor: Leg | None = None
    supervision: SupervisionMode | None = None
    consult: Leg | None = None
    consult_target: mc.TransferTarget | None = None
    transfer_from: str | None = None  # blind transfer in progress: the agent who asked
    transfer_target: mc.TransferTarget | None = None
    links: set[tuple[MediaId, MediaId]] = field(default_factory=set)
    digits: str = ""
    ivr_run: ivr.IvrRun | None = None
    ivr_started: bool = False
    step: ivr.Say | ivr.Collect | None = None
    step_deadline: float = 0.0
    player: MediaId | None = None
    player_is_music: bool = False
    player_until: float = 0.0
    after_player: str = ""  # "" | "hang_up" | "music" | "voicemail_record" | "ivr"
    ringback: MediaId | None = None
    recorder: MediaId | None = None
    recording_path: Path | None = None
    recording_started: datetime | None = None
    recording_agents: list[str] = field(default_factory=list)
    leg_recorders: dict[str, tuple[MediaId, Path]] = field(default_factory=dict)  # "caller"/"agent"
    vm_recorder: MediaId | None = None
    vm_path: Path | None = None
    vm_started: float = 0.0
    vm_deadline: float = 0.0
    vm_queue: str | None = None
    offer_deadline: float = 0.0
    outbound_number: str = ""
    call_data: dict[str, str] = field(default_factory=dict)  # the X-Hotline-* of the first offer
    #: the agent's softphone holds the caller (remote hold on the agent leg): the caller hears music
    caller_held: bool = False
    outbound_headers: dict[str, str] = field(default_factory=dict)
    ended_by: mc.EndedBy = mc.EndedBy.SYSTEM
    closing_since: float = 0.0
    finalising: list[tuple[Path, float]] = field(default_factory=list)
    #: conference parties in this worker's part of the room and below it, by the control plane's party id
    parties: dict[str, RoomParty] = field(default_factory=dict)
    room_up: Leg | None = None  # on an extension: the link call from the worker above
    room_upstream: str = ""  # on an extension: that worker's id (relays go there)
    room_wait_until: float = 0.0
    room_down: Leg | None = None  # the link call to the worker that extends this part of the room
    room_down_worker: str = ""

    @property
    def is_extension(self) -> bool:
        """This worker only extends another worker's conference room (no caller of its own)."""
        return bool(self.room_upstream)

    def legs(self) -> list[Leg]:
        fixed = (self.caller, self.agent, self.supervisor, self.consult, self.room_up, self.room_down)
        return [leg for leg in fixed if leg is not None] + [
            p.leg for p in self.parties.values() if p.leg is not None
        ]

    def room_joined(self) -> bool:
        return any(p.state is PartyState.JOINED for p in self.parties.values())


def _now() -> datetime:
    return datetime.now(UTC)


PARTY_ROLE = "party:"  # _role() of a conference party's leg: "party:<party_id>"


class MediaWorker:
    """One worker process's loop (see the module docstring). Threading: single-threaded."""

    def __init__(self, config: WorkerConfig, conn: Connection) -> None:
        self.config = config
        self.conn = conn
        self.engine = SoftphoneEngine()
        self.prompts = PromptLibrary(config.prompt_cache_dir, config.prompts_dir)
        self.conv: Conversation | None = None
        self._pending: list[Any] = []
        self._next_query = 0
        self._running = True

    # ------------------------------------------------------------------ loop

    def run(self) -> None:
        self.engine.add_listener(self._on_event)
        self.engine.start(
            EngineConfig(
                bind_address=self.config.host,
                sip_port=self.config.sip_port,
                clock_rate=self.config.clock_rate,
                honour_auto_answer=False,
                follow_transfers=False,
                user_agent=f"HotlineDesk-media/{self.config.worker_id}",
                no_answer_timeout_s=60.0,
            )
        )
        self._send(WorkerReady(self.config.worker_id, self.config.host, self.engine.local_port, os.getpid()))
        try:
            while self._running:
                # an idle worker only waits for an INVITE (pump returns as soon as one arrives): a long
                # wait keeps a warm pool of many workers from burning CPU on wake-ups
                self.engine.pump(BUSY_PUMP_MS if self.conv is not None else IDLE_PUMP_MS)
                self._drain()
                try:
                    self._tick(time.monotonic())
                except Exception:  # see _on_event: end the conversation, keep serving
                    logger.exception("worker %s: bug in a timer", self.config.worker_id)
                    self._abandon_conversation()
        finally:
            if self.conv is not None:
                self._hang_up_all(self.conv)
                deadline = time.monotonic() + 2
                while time.monotonic() < deadline and self.engine.calls():
                    self.engine.pump(20)
            self.engine.shutdown()

    def _send(self, msg: Any) -> None:
        try:
            self.conn.send(msg)
        except (OSError, EOFError, BrokenPipeError):
            logger.warning("server pipe closed; worker %s stops", self.config.worker_id)
            self._running = False

    def _emit(self, event: mc.MediaEvent) -> None:
        self._send(WorkerEvent(event))

    def _drain(self) -> None:
        while self._pending:
            self._handle_message(self._pending.pop(0))
        try:
            while self._running and self.conn.poll(0):
                self._handle_message(self.conn.recv())
        except (EOFError, OSError):
            logger.warning("server pipe closed; worker %s stops", self.config.worker_id)
            self._running = False

    def _handle_message(self, msg: Any) -> None:
        if isinstance(msg, WorkerShutdown):
            self._running = False
        elif isinstance(msg, WorkerCommand):
            self._run_command(msg)
        elif isinstance(msg, RoomForward):
            self._run_command(msg.command)
        elif isinstance(msg, RoomRelay):
            try:
                self._on_room_relay(msg.event)
            except Exception:  # as in _on_event: end that conversation, keep serving
                logger.exception("worker %s: bug while relaying %s", self.config.worker_id, msg.event)
                self._abandon_conversation()
        elif isinstance(msg, QueryAnswer):
            logger.debug("late answer to query %d dropped", msg.request_id)

    def _run_command(self, cmd: WorkerCommand) -> None:
        try:
            self._command(cmd)
        except (TelephonyError, mc.MediaCommandError, ValueError, OSError) as exc:
            logger.warning("command %s for %s failed: %s", cmd.name, cmd.conversation_id, exc)
            error_id = getattr(exc, "error_id", "") or type(exc).__name__
            self._report(mc.CommandFailed(cmd.conversation_id, str(cmd.name), str(error_id), str(exc)))
        except Exception as exc:  # a bug: report it, keep the caller's conversation going
            logger.exception("command %s for %s hit a bug", cmd.name, cmd.conversation_id)
            self._report(mc.CommandFailed(cmd.conversation_id, str(cmd.name), "internal", repr(exc)))

    def _report(self, event: mc.MediaEvent) -> None:
        """An event of the conversation: to the control plane, or — on a room extension — up the chain to
        the conversation's own worker, which reports it (one source of truth, events in order)."""
        conv = self.conv
        if conv is not None and conv.is_extension and conv.id == event.conversation_id:
            self._send(RoomRelay(conv.room_upstream, event))
        else:
            self._emit(event)

    def _query(self, method: str, args: tuple[Any, ...]) -> Any:
        """Ask the server synchronously (bounded); other messages arriving meanwhile are kept."""
        self._next_query += 1
        rid = self._next_query
        self._send(WorkerQuery(rid, method, args))
        deadline = time.monotonic() + self.config.query_timeout_s
        while self._running:
            left = deadline - time.monotonic()
            if left <= 0:
                logger.warning("server did not answer %s within %.0f s", method, self.config.query_timeout_s)
                return None
            try:
                if not self.conn.poll(left):
                    continue
                msg = self.conn.recv()
            except (EOFError, OSError):
                self._running = False
                return None
            if isinstance(msg, QueryAnswer) and msg.request_id == rid:
                if msg.error:
                    logger.warning("server lookup %s failed: %s", method, msg.error)
                    return None
                return msg.value
            self._pending.append(msg)
        return None

    # ------------------------------------------------------------------ engine events

    def _on_event(self, event: tev.TelephonyEvent) -> None:
        try:
            self._dispatch_event(event)
        except (TelephonyError, OSError, ValueError) as exc:
            logger.exception(
                "worker %s: handling %s failed: %s", self.config.worker_id, type(event).__name__, exc
            )
        except Exception:
            # a bug here must not leave a caller stuck on a worker nobody can reach: end that conversation
            logger.exception("worker %s: bug while handling %s", self.config.worker_id, type(event).__name__)
            self._abandon_conversation()

    def _abandon_conversation(self) -> None:
        conv = self.conv
        if conv is None:
            return
        try:
            self._end(conv, mc.EndedBy.SYSTEM)
        except Exception:  # even ending failed: forget it so the worker serves the next call
            logger.exception("worker %s: could not end %s cleanly", self.config.worker_id, conv.id)
            self._hang_up_all(conv)
            self.conv = None
            if conv.is_extension:
                self._send(RoomReleased(conv.id))
                return
            self._emit(mc.ConversationEnded(conv.id, _now(), mc.EndedBy.SYSTEM))
            self._emit(mc.ConversationReleased(conv.id, self.config.worker_id))

    def _role(self, call_id: CallId) -> str:
        conv = self.conv
        if conv is None:
            return ""
        for role in ("caller", "agent", "supervisor", "consult", "room_up", "room_down"):
            leg = getattr(conv, role)
            if leg is not None and leg.call_id == call_id:
                return role
        for party in conv.parties.values():
            if party.leg is not None and party.leg.call_id == call_id:
                return PARTY_ROLE + party.party_id
        return ""

    def _dispatch_event(self, event: tev.TelephonyEvent) -> None:
        if isinstance(event, tev.IncomingCall):
            self._on_incoming(event)
            return
        conv = self.conv
        if conv is None:
            return
        if isinstance(event, tev.CallMediaChanged):
            role = self._role(event.call_id)
            starts_ivr = conv.phase is Phase.IVR and not conv.ivr_started
            if event.active and starts_ivr and role == "caller":
                conv.ivr_started = True
                self._advance_ivr(conv, None)
            elif role == "agent":
                self._on_agent_media(conv, event)
            return
        if isinstance(event, tev.DtmfReceived):
            if self._role(event.call_id) == "caller":
                self._on_digit(conv, event.digit)
            return
        if isinstance(event, tev.CallStateChanged):
            role = self._role(event.call_id)
            if event.state is CallState.EARLY and role == "agent" and conv.phase is Phase.QUEUED:
                assert conv.agent is not None
                self._emit(mc.AgentRinging(conv.id, conv.agent.party))
            if event.state is CallState.CONNECTED and role:
                if role.startswith(PARTY_ROLE):
                    self._on_party_answered(conv, role.removeprefix(PARTY_ROLE))
                elif role in ("room_up", "room_down"):
                    self._on_link_answered(conv, role)
                else:
                    self._on_answered(conv, role)
            return
        if isinstance(event, tev.TransferRequested):
            if self._role(event.call_id) == "agent" and conv.agent is not None:
                self._emit(mc.TransferRequested(conv.id, conv.agent.party, refer_target(event.target_uri)))
            return
        if isinstance(event, tev.CallEnded):
            role = self._role(event.call_id)
            if role.startswith(PARTY_ROLE):
                self._on_party_ended(conv, role.removeprefix(PARTY_ROLE), event)
            elif role in ("room_up", "room_down"):
                self._on_link_ended(conv, role)
            elif role:
                self._on_leg_ended(conv, role, event)

    def _on_incoming(self, event: tev.IncomingCall) -> None:
        room = {k.lower(): v for k, v in event.x_headers.items()}.get("x-hotline-room")
        if room:
            self._room_link_arrived(event, room)
            return
        if self.conv is not None or not self._running:
            self.engine.reject(event.call_id, 486, "Busy: one conversation per media worker")
            return
        headers = {k.lower(): v for k, v in event.x_headers.items()}
        if headers.get("x-hotline-origin") == "agent":
            self._agent_dialled(event, headers.get("x-hotline-number", ""))
            return
        conv = Conversation(
            id=uuid.uuid4().hex[:16],
            phase=Phase.IVR,
            caller_number=event.caller_id,
            hotline=headers.get("x-hotline-number", ""),
            caller=Leg(event.call_id, event.caller_id),
        )
        self.conv = conv
        self.engine.route_to_headset(event.call_id, False)
        self.engine.answer(event.call_id)
        conv.caller.answered = True  # type: ignore[union-attr]
        self._emit(
            mc.InboundCallArrived(
                conv.id,
                caller=conv.caller_number,
                hotline_number=conv.hotline,
                sip_call_id=headers.get("x-hotline-sip-call-id", ""),
                at=_now(),
                worker_id=self.config.worker_id,
            )
        )

    def _on_digit(self, conv: Conversation, digit: str) -> None:
        if conv.phase is Phase.VOICEMAIL and conv.vm_recorder is not None and digit == "#":
            self._finish_voicemail(conv)
            return
        if conv.phase is not Phase.IVR:
            return
        conv.digits += digit
        step = conv.step
        if isinstance(step, ivr.Say) and step.interruptible:
            self._stop_player(conv)
            conv.step = None
            self._advance_ivr(conv, None)
        elif isinstance(step, ivr.Collect):
            conv.step_deadline = time.monotonic() + step.timeout_s
            self._check_collect(conv, time.monotonic())

    def _on_answered(self, conv: Conversation, role: str) -> None:
        leg: Leg = getattr(conv, role)
        if leg.answered:
            return
        leg.answered = True
        now = _now()
        if role == "agent":
            self.engine.route_to_headset(leg.call_id, False)
            if conv.phase is Phase.OUTBOUND_AGENT:
                conv.phase = next_phase(conv.phase, Phase.OUTBOUND_DIALING)
                conv.ringback = self.engine.create_tone(RINGBACK_HZ)
                self._dial_far_leg(conv)
            elif conv.phase is Phase.QUEUED:
                conv.phase = next_phase(conv.phase, Phase.TALKING)
                self._stop_player(conv)
                self._start_recording(conv, leg.party)
                if conv.transfer_from is not None and conv.transfer_target is not None:
                    self._emit(mc.TransferCompleted(conv.id, conv.transfer_from, conv.transfer_target, now))
                    conv.transfer_from = conv.transfer_target = None
                self._emit(mc.AgentAnswered(conv.id, leg.party, now))
        elif role == "caller" and conv.phase is Phase.OUTBOUND_DIALING:
            # the outbound trunk leg answered: it plays the caller's part from here on
            conv.phase = next_phase(conv.phase, Phase.TALKING)
            self.engine.route_to_headset(leg.call_id, False)
            if conv.ringback is not None:
                self.engine.release_media(conv.ringback)
                conv.ringback = None
            assert conv.agent is not None
            self._start_recording(conv, conv.agent.party)
            self._emit(mc.OutboundAnswered(conv.id, conv.agent.party, conv.outbound_number, now))
        elif role == "supervisor":
            self.engine.route_to_headset(leg.call_id, False)
            assert conv.supervision is not None
            self._emit(mc.SupervisorJoined(conv.id, leg.party, conv.supervision, now))
            if conv.supervision is SupervisionMode.TAKE_OVER:
                self._take_over(conv)
        elif role == "consult":
            self.engine.route_to_headset(leg.call_id, False)
        self._rewire(conv)

    def _on_agent_media(self, conv: Conversation, event: tev.CallMediaChanged) -> None:
        """The agent's softphone holds (sendonly/inactive re-INVITE: the engine reports remote hold) or
        resumes: the caller hears hold music meanwhile and the control plane learns of it."""
        if conv.agent is None or not conv.agent.answered or conv.phase is not Phase.TALKING:
            return
        held = event.remote_hold
        if held is conv.caller_held:
            return
        conv.caller_held = held
        if held:
            self._emit(mc.CallerHeld(conv.id, conv.agent.party, _now()))
            self._refresh_music(conv)
            self._rewire(conv)
        else:
            self._refresh_music(conv)
            self._rewire(conv)
            self._emit(mc.CallerResumed(conv.id, conv.agent.party, _now()))

    def _end_caller_hold(self, conv: Conversation) -> None:
        """The agent leg the caller was held by is gone or handed on: the hold is over (the next agent or
        the queue decides what the caller hears)."""
        if conv.caller_held:
            conv.caller_held = False
            if conv.agent is not None:
                self._emit(mc.CallerResumed(conv.id, conv.agent.party, _now()))

    def _on_leg_ended(self, conv: Conversation, role: str, event: tev.CallEnded) -> None:
        leg: Leg = getattr(conv, role)
        setattr(conv, role, None)
        if conv.phase is Phase.CLOSING:
            return
        now = _now()
        if role == "caller":
            if conv.phase is Phase.OUTBOUND_DIALING:
                assert conv.agent is not None
                self._emit(
                    mc.OutboundFailed(
                        conv.id,
                        conv.agent.party,
                        conv.outbound_number,
                        event.reason or "no answer",
                        event.sip_code,
                    )
                )
                self._end(conv, mc.EndedBy.SYSTEM)
                return
            if conv.phase is Phase.VOICEMAIL and conv.vm_recorder is not None:
                self._finish_voicemail(conv, hung_up=True)
                return
            self._emit(mc.CallerHungUp(conv.id, now, self._caller_phase(conv)))
            if conv.agent is not None and not conv.agent.answered:
                self._emit(mc.AgentDidNotAnswer(conv.id, conv.agent.party, mc.NoAnswerReason.CANCELLED))
            self._end(conv, mc.EndedBy.CALLER)
        elif role == "agent":
            if conv.caller_held:
                # the control plane closes the hold with the agent's part (AgentHungUp / ConversationEnded)
                conv.caller_held = False
                self._stop_player(conv)
            if not leg.answered:
                if conv.phase is Phase.OUTBOUND_AGENT:
                    self._emit(
                        mc.OutboundFailed(
                            conv.id, leg.party, conv.outbound_number, "agent did not answer", event.sip_code
                        )
                    )
                    self._end(conv, mc.EndedBy.SYSTEM)
                    return
                reason = _no_answer_reason(
                    event, timed_out=conv.offer_deadline and time.monotonic() >= conv.offer_deadline
                )
                self._emit(mc.AgentDidNotAnswer(conv.id, leg.party, reason, event.sip_code))
                if conv.transfer_from is not None and conv.transfer_target is not None:
                    self._emit(
                        mc.TransferFailed(
                            conv.id, conv.transfer_from, conv.transfer_target, f"{reason} ({event.sip_code})"
                        )
                    )
                    conv.transfer_from = conv.transfer_target = None
                conv.offer_deadline = 0.0
                return
            if conv.supervision is SupervisionMode.TAKE_OVER and conv.supervisor is not None:
                self._emit(mc.AgentHungUp(conv.id, leg.party, now))
                self._rewire(conv)
                return
            if conv.phase is Phase.QUEUED:
                return  # the leg we dropped for a blind transfer
            if conv.phase is Phase.CONSULTING and conv.consult is not None and conv.consult.answered:
                # hanging up while the consulted party is on the line hands the caller over (PBX habit)
                conv.agent = leg
                self._complete_consult(conv)
                return
            if conv.parties:
                # the inviting agent left the conference: the caller stays with the parties
                self._emit(mc.AgentHungUp(conv.id, leg.party, now))
                self._after_room_change(conv)
                return
            self._end(conv, mc.EndedBy.AGENT)
        elif role == "supervisor":
            self._emit(mc.SupervisorLeft(conv.id, leg.party, now))
            took_over = conv.supervision is SupervisionMode.TAKE_OVER
            conv.supervision = None
            if took_over and conv.agent is None and not conv.parties:
                self._end(conv, mc.EndedBy.AGENT)
            elif took_over and conv.agent is None:
                self._after_room_change(conv)
            else:
                self._rewire(conv)
        elif role == "consult" and conv.phase is Phase.CONSULTING:
            assert conv.agent is not None and conv.consult_target is not None
            if not leg.answered:
                self._emit(
                    mc.TransferFailed(
                        conv.id, conv.agent.party, conv.consult_target, event.reason or "no answer"
                    )
                )
            conv.phase = next_phase(conv.phase, Phase.TALKING)
            conv.consult_target = None
            self._stop_player(conv)
            self._rewire(conv)

    @staticmethod
    def _caller_phase(conv: Conversation) -> str:
        if conv.phase is Phase.QUEUED and conv.agent is not None:
            return "ringing"
        return str(conv.phase)

    # ------------------------------------------------------------------ commands

    def _command(self, cmd: WorkerCommand) -> None:
        args = cmd.args
        if cmd.name is CommandName.DIAL_OUTBOUND:
            self._dial_outbound(
                cmd.conversation_id, args["agent_work_number"], args["number"], args.get("headers")
            )
            return
        if cmd.name is CommandName.ROOM_RESERVE:
            self._reserve_for_room(cmd.conversation_id, str(args.get("upstream", "")))
            return
        conv = self.conv
        if conv is None or conv.id != cmd.conversation_id or conv.phase is Phase.CLOSING:
            logger.info("command %s for %s ignored: conversation is over", cmd.name, cmd.conversation_id)
            return
        if cmd.name is CommandName.OFFER:
            self._offer(
                conv,
                args["agent_work_number"],
                dict(args.get("headers") or {}),
                float(args.get("timeout_s", 20)),
            )
        elif cmd.name is CommandName.CANCEL_OFFER:
            if conv.agent is not None and not conv.agent.answered:
                conv.offer_deadline = 0.0
                self._hang_up_leg(conv.agent)
        elif cmd.name is CommandName.ANNOUNCE:
            if conv.phase is Phase.QUEUED:
                self._play(
                    conv, position_announcement(int(args["position"]), args.get("estimated_wait_s")), "music"
                )
        elif cmd.name is CommandName.VOICEMAIL:
            self._start_voicemail(conv, args.get("prompt"), args.get("queue_code"))
        elif cmd.name is CommandName.PLAY_AND_HANG_UP:
            self._play(conv, [args["prompt"]], "hang_up")
        elif cmd.name is CommandName.TRANSFER:
            target = args["target"]
            assert isinstance(target, mc.TransferTarget)
            # e.g. the ticket registered during the call: it rides with the call from here on
            conv.call_data.update({str(k): str(v) for k, v in (args.get("headers") or {}).items() if v})
            if args.get("consult"):
                self._consult(conv, target)
            else:
                self._blind_transfer(conv, target)
        elif cmd.name is CommandName.COMPLETE_TRANSFER:
            self._complete_consult(conv)
        elif cmd.name is CommandName.CANCEL_TRANSFER:
            if conv.consult is not None:
                self._hang_up_leg(conv.consult)
        elif cmd.name is CommandName.SUPERVISE:
            self._supervise(conv, args["supervisor_work_number"], SupervisionMode(args["mode"]))
        elif cmd.name is CommandName.END_SUPERVISION:
            if conv.supervisor is not None:
                self._hang_up_leg(conv.supervisor)
        elif cmd.name is CommandName.HANG_UP:
            self._end(conv, mc.EndedBy.SYSTEM)
        elif cmd.name is CommandName.CONFERENCE_ADD:
            self._conference_add(conv, args)
        elif cmd.name is CommandName.CONFERENCE_REMOVE:
            self._conference_remove(conv, str(args["party_id"]))
        elif cmd.name is CommandName.ROOM_LINK_LOST:
            self._room_link_lost(conv, str(args["worker_id"]))

    def _agent_uri(self, work_number: str) -> str:
        return f"sip:{work_number}@{self.config.registrar}"

    def _trunk_uri(self, number: str) -> str:
        if not self.config.trunk:
            raise mc.MediaCommandError(
                "no trunk gateway is configured for outbound legs", error_id="no_trunk"
            )
        return f"sip:{number}@{self.config.trunk}"

    def _target_uri(self, target: mc.TransferTarget) -> str:
        if target.kind is mc.TransferTargetKind.AGENT:
            return self._agent_uri(target.value)
        if target.kind is mc.TransferTargetKind.NUMBER:
            return self._trunk_uri(target.value)
        raise mc.MediaCommandError(f"cannot dial a {target.kind} directly", error_id="bad_target")

    def _offer(self, conv: Conversation, agent: str, headers: dict[str, str], timeout_s: float) -> None:
        if conv.phase is not Phase.QUEUED:
            raise mc.MediaCommandError(f"cannot offer a call in phase {conv.phase}", error_id="wrong_phase")
        if conv.agent is not None:
            raise mc.MediaCommandError("an offer is already ringing", error_id="offer_pending")
        headers.setdefault("X-Hotline-Call", conv.id)
        headers.setdefault("X-Hotline-Caller", conv.caller_number)
        if not conv.call_data:
            conv.call_data = {k: v for k, v in headers.items() if k.lower().startswith("x-hotline-")}
        call_id = self.engine.dial(self._agent_uri(agent), headers=headers)
        conv.agent = Leg(call_id, agent)
        conv.offer_deadline = time.monotonic() + timeout_s

    def _blind_transfer(self, conv: Conversation, target: mc.TransferTarget) -> None:
        if conv.phase is not Phase.TALKING or conv.agent is None:
            raise mc.MediaCommandError(
                "only a conversation with an agent can be transferred", error_id="wrong_phase"
            )
        self._refuse_during_conference(conv, "transferred")
        self._end_caller_hold(conv)
        from_agent = conv.agent.party
        self._hang_up_leg(conv.agent)
        conv.agent = None
        conv.phase = next_phase(conv.phase, Phase.QUEUED)
        self._play(conv, ["transfer_wait"], "music")
        if target.kind is mc.TransferTargetKind.QUEUE:
            self._emit(mc.TransferRequested(conv.id, from_agent, target))
            self._emit(mc.TransferCompleted(conv.id, from_agent, target, _now()))
            return
        conv.transfer_from, conv.transfer_target = from_agent, target
        headers = {**self._call_data(conv), "X-Hotline-Transfer-From": from_agent}
        call_id = self.engine.dial(self._target_uri(target), headers=headers)
        conv.agent = Leg(call_id, target.value)
        conv.offer_deadline = time.monotonic() + 30.0

    @staticmethod
    def _call_data(conv: Conversation) -> dict[str, str]:
        """The call's data for whoever it is transferred to (queue, IVR path and digits follow the call)."""
        data = {k: v for k, v in conv.call_data.items() if not k.lower().startswith("x-hotline-transfer")}
        data["X-Hotline-Call"] = conv.id
        data["X-Hotline-Caller"] = conv.caller_number
        return data

    def _consult(self, conv: Conversation, target: mc.TransferTarget) -> None:
        if conv.phase is not Phase.TALKING or conv.agent is None or conv.consult is not None:
            raise mc.MediaCommandError("consult needs a conversation with an agent", error_id="wrong_phase")
        self._refuse_during_conference(conv, "consulted on")
        self._end_caller_hold(conv)  # the caller hears the consult's hold music instead
        headers = {**self._call_data(conv), "X-Hotline-Consult-From": conv.agent.party}
        call_id = self.engine.dial(self._target_uri(target), headers=headers)
        conv.consult = Leg(call_id, target.value)
        conv.consult_target = target
        conv.phase = next_phase(conv.phase, Phase.CONSULTING)
        self._play(conv, [HOLD_MUSIC], "music", music=True)

    def _complete_consult(self, conv: Conversation) -> None:
        if conv.phase is not Phase.CONSULTING or conv.consult is None or not conv.consult.answered:
            raise mc.MediaCommandError("no answered consult call to complete", error_id="wrong_phase")
        assert conv.agent is not None and conv.consult_target is not None
        from_agent, target = conv.agent.party, conv.consult_target
        old = conv.agent
        conv.agent, conv.consult, conv.consult_target = conv.consult, None, None
        self._hang_up_leg(old)
        conv.phase = next_phase(conv.phase, Phase.TALKING)
        self._stop_player(conv)
        conv.recording_agents.append(conv.agent.party)
        self._rewire(conv)
        self._emit(mc.TransferCompleted(conv.id, from_agent, target, _now()))

    def _supervise(self, conv: Conversation, supervisor: str, mode: SupervisionMode) -> None:
        if conv.supervisor is not None:
            conv.supervision = mode
            if conv.supervisor.answered:
                self._emit(mc.SupervisorJoined(conv.id, conv.supervisor.party, mode, _now()))
                if mode is SupervisionMode.TAKE_OVER:
                    self._take_over(conv)
            self._rewire(conv)
            return
        if conv.phase not in (Phase.TALKING, Phase.CONSULTING):
            raise mc.MediaCommandError(
                "a supervisor joins a conversation with an agent", error_id="wrong_phase"
            )
        headers = {**AUTO_ANSWER, "X-Hotline-Call": conv.id, "X-Hotline-Supervise": str(mode)}
        call_id = self.engine.dial(self._agent_uri(supervisor), headers=headers)
        conv.supervisor = Leg(call_id, supervisor)
        conv.supervision = mode

    def _take_over(self, conv: Conversation) -> None:
        if conv.agent is not None:
            self._hang_up_leg(conv.agent)
        if conv.supervisor is not None and conv.supervisor.party not in conv.recording_agents:
            conv.recording_agents.append(conv.supervisor.party)

    # ------------------------------------------------------------------ conference room

    def _refuse_during_conference(self, conv: Conversation, what: str) -> None:
        if conv.parties:
            raise mc.MediaCommandError(
                f"a conference cannot be {what}: remove the conference parties first",
                error_id="conference_active",
            )

    @staticmethod
    def _room_size(conv: Conversation) -> int:
        """Members of the room: the caller, the owning agent and every party (ringing or joined, on this
        worker or further down the chain)."""
        return (conv.caller is not None) + (conv.agent is not None) + len(conv.parties)

    def _conference_add(self, conv: Conversation, args: dict[str, Any]) -> None:
        party_id = str(args["party_id"])
        target = args["target"]
        assert isinstance(target, mc.TransferTarget)
        headers = {str(k): str(v) for k, v in (args.get("headers") or {}).items() if v}
        timeout_s = float(args.get("timeout_s", 30.0))
        if party_id in conv.parties:
            raise mc.MediaCommandError(
                f"conference party {party_id} is already in this room; choose a new party id",
                error_id="duplicate_party",
            )
        if conv.is_extension:
            spare = int(args["spare_after"])
        else:
            if conv.phase is not Phase.TALKING or conv.caller is None:
                self._party_failed(conv, party_id, "the caller is not in a conversation with an agent")
                return
            max_room = int(args.get("max_room", 0)) or self.config.max_room_size
            spare = max_room - (self._room_size(conv) + 1)
            if spare < 0:
                self._party_failed(conv, party_id, "room full")
                return
            headers = {**self._call_data(conv), "X-Hotline-Conference": party_id, **headers}
            if conv.agent is not None:  # after the owner left, the room has no one to name
                headers.setdefault("X-Hotline-Conference-From", conv.agent.party)
        placement = place_party(
            free_slots=MAX_CALLS_PER_WORKER - self._calls_in_use(conv),
            has_link=conv.room_down is not None,
            spare_after=spare,
        )
        if placement is Placement.LOCAL:
            try:
                call_id = self.engine.dial(self._target_uri(target), headers=headers)
            except (TelephonyError, mc.MediaCommandError) as exc:
                self._party_failed(conv, party_id, str(exc))
                return
            self.engine.route_to_headset(call_id, False)
            conv.parties[party_id] = RoomParty(
                party_id, target, Leg(call_id, target.value), deadline=time.monotonic() + timeout_s
            )
            self._report(mc.ConferencePartyRinging(conv.id, party_id))
        elif placement is Placement.FORWARD:
            refused = self._open_room_link(conv) if conv.room_down is None else None
            if refused:
                self._party_failed(conv, party_id, refused)
                return
            conv.parties[party_id] = RoomParty(party_id, target)
            forwarded = {
                "party_id": party_id,
                "target": target,
                "headers": headers,
                "timeout_s": timeout_s,
                "spare_after": spare,
            }
            command = WorkerCommand(CommandName.CONFERENCE_ADD, conv.id, forwarded)
            self._send(RoomForward(conv.room_down_worker, command))
        else:
            self._party_failed(conv, party_id, "no free call slot on the media worker")

    def _party_failed(self, conv: Conversation, party_id: str, reason: str, sip_code: int = 0) -> None:
        logger.info("conference party %s of %s failed: %s", party_id, conv.id, reason)
        self._report(mc.ConferencePartyFailed(conv.id, party_id, reason, sip_code))

    def _calls_in_use(self, conv: Conversation) -> int:
        """Call slots taken: our legs, or more — a call hung up towards a far end that vanished keeps its
        PJSIP slot until the BYE times out, and the engine counts it (the peer module reads the engine's
        internals the same way; a public accessor would be nicer)."""
        return max(len(conv.legs()), self.engine.live_call_count())

    def _open_room_link(self, conv: Conversation) -> str | None:
        """Reserve an idle worker (the pool's answer) and call it: it dials the parties of this room that
        no longer fit here. The link leg takes this worker's last call slot. Returns why it could not."""
        answer = self._query(RESERVE_ROOM_WORKER, (conv.id,))
        if self.conv is not conv or conv.phase is Phase.CLOSING:
            return "the conversation ended"
        if not answer:
            return "no media worker is free to extend the room"
        uri = f"sip:{room_uri_user(conv.id)}@{answer['host']}:{answer['port']}"
        headers = {
            "X-Hotline-Room": conv.id,
            "X-Hotline-Room-From": self.config.worker_id,
            "X-Hotline-Room-Key": self.config.room_key,
        }
        try:
            call_id = self.engine.dial(uri, headers=headers)
        except TelephonyError as exc:
            # the reserved worker frees itself when no link arrives (ROOM_LINK_WAIT_S)
            logger.warning("cannot call room extension %s: %s", answer["worker_id"], exc)
            return "no free call slot on the media worker for the link to the next one"
        self.engine.route_to_headset(call_id, False)
        conv.room_down = Leg(call_id, str(answer["worker_id"]))
        conv.room_down_worker = str(answer["worker_id"])
        return None

    def _reserve_for_room(self, conversation_id: str, upstream: str) -> None:
        conv = self.conv
        if conv is None and self._running:
            self.conv = Conversation(
                id=conversation_id,
                phase=Phase.ROOM,
                room_upstream=upstream,
                room_wait_until=time.monotonic() + ROOM_LINK_WAIT_S,
            )
        elif conv is None or conv.id != conversation_id or not conv.is_extension:
            # a trunk call got here first: the link call will be refused (486) and the room told so
            logger.warning("cannot extend room %s: this worker is busy", conversation_id)
            self._send(RoomReleased(conversation_id))

    def _room_link_arrived(self, event: tev.IncomingCall, conversation_id: str) -> None:
        headers = {k.lower(): v for k, v in event.x_headers.items()}
        if not hmac.compare_digest(headers.get("x-hotline-room-key", ""), self.config.room_key):
            logger.warning("refused a room link for %s from %s: wrong key", conversation_id, event.remote_uri)
            self.engine.reject(event.call_id, 403, "Forbidden")
            return
        conv = self.conv
        if conv is None and self._running:  # the link overtook the pool's reservation
            conv = self.conv = Conversation(
                id=conversation_id,
                phase=Phase.ROOM,
                room_upstream=headers.get("x-hotline-room-from", "") or "?",
            )
        if conv is None or conv.id != conversation_id or not conv.is_extension or conv.room_up is not None:
            self.engine.reject(event.call_id, 486, "Busy: this worker cannot extend that room")
            return
        conv.room_upstream = headers.get("x-hotline-room-from", "") or conv.room_upstream
        conv.room_up = Leg(event.call_id, conv.room_upstream)
        self.engine.route_to_headset(event.call_id, False)
        self.engine.answer(event.call_id)

    def _conference_remove(self, conv: Conversation, party_id: str) -> None:
        party = conv.parties.get(party_id)
        if party is None:
            raise mc.MediaCommandError(
                f"no conference party {party_id} in this conversation (it left or never joined)",
                error_id="unknown_party",
            )
        if party.leg is not None:
            party.removing = True
            self._hang_up_leg(party.leg)  # Left(removed) / Failed(cancelled) follow from CallEnded
        elif conv.room_down_worker:
            command = WorkerCommand(CommandName.CONFERENCE_REMOVE, conv.id, {"party_id": party_id})
            self._send(RoomForward(conv.room_down_worker, command))

    def _on_party_answered(self, conv: Conversation, party_id: str) -> None:
        party = conv.parties[party_id]
        assert party.leg is not None
        if party.leg.answered:
            return
        party.leg.answered = True
        party.state = PartyState.JOINED
        self._party_joined(conv, party)
        self._report(mc.ConferencePartyJoined(conv.id, party_id, _now()))
        self._refresh_music(conv)
        self._rewire(conv)

    def _party_joined(self, conv: Conversation, party: RoomParty) -> None:
        if conv.is_extension or party.target.kind is not mc.TransferTargetKind.AGENT:
            return
        if party.target.value not in conv.recording_agents:
            conv.recording_agents.append(party.target.value)

    def _on_party_ended(self, conv: Conversation, party_id: str, event: tev.CallEnded) -> None:
        party = conv.parties.pop(party_id, None)
        if party is None or conv.phase is Phase.CLOSING:
            return
        if party.state is PartyState.JOINED:
            self._report(mc.ConferencePartyLeft(conv.id, party_id, _now(), removed=party.removing))
        else:
            reason = failure_reason(
                event.sip_code, timed_out=party.timed_out, cancelled=party.removing, fallback=event.reason
            )
            self._party_failed(conv, party_id, reason, event.sip_code)
        self._after_room_change(conv)

    def _on_room_relay(self, event: mc.MediaEvent) -> None:
        """A party event from further down the chain: book it, then pass it on (up, or to the control
        plane on the conversation's own worker)."""
        conv = self.conv
        if conv is None or conv.id != event.conversation_id or conv.phase is Phase.CLOSING:
            return
        changed = False
        party_event = (
            mc.ConferencePartyRinging
            | mc.ConferencePartyJoined
            | mc.ConferencePartyFailed
            | mc.ConferencePartyLeft
        )
        if isinstance(event, party_event) and event.party_id not in conv.parties:
            # already reported gone here (its link broke before the news came up the chain)
            logger.info("room %s: late %s for %s dropped", conv.id, type(event).__name__, event.party_id)
            return
        if isinstance(event, mc.ConferencePartyJoined):
            party = conv.parties[event.party_id]
            party.state = PartyState.JOINED
            self._party_joined(conv, party)
            changed = True
        elif isinstance(event, mc.ConferencePartyFailed | mc.ConferencePartyLeft):
            conv.parties.pop(event.party_id, None)
            changed = True
        self._report(event)
        if changed:
            self._after_room_change(conv)

    def _after_room_change(self, conv: Conversation) -> None:
        """A party joined or left (here or below): drop a link nobody is behind any more; on the
        conversation's worker end it when the caller is left alone, else update hold music and wiring."""
        if conv.phase is Phase.CLOSING:
            return
        if conv.room_down is not None and not any(p.leg is None for p in conv.parties.values()):
            self._hang_up_leg(conv.room_down)  # the extension frees itself (RoomReleased)
        if not conv.is_extension and conv.phase is Phase.TALKING:
            taken_over = conv.supervisor is not None and conv.supervision is SupervisionMode.TAKE_OVER
            if conv.agent is None and not taken_over and not conv.parties:
                self._end(conv, mc.EndedBy.AGENT)
                return
            self._refresh_music(conv)
        self._rewire(conv)

    def _on_link_answered(self, conv: Conversation, role: str) -> None:
        leg: Leg = getattr(conv, role)
        leg.answered = True
        self._rewire(conv)

    def _on_link_ended(self, conv: Conversation, role: str) -> None:
        setattr(conv, role, None)
        if conv.phase is Phase.CLOSING:
            return
        if role == "room_up":
            self._end(conv, mc.EndedBy.SYSTEM)  # the room this worker extended is over
            return
        conv.room_down_worker = ""
        # normally only hung up once nobody is behind it; if it broke, its parties are gone with it
        for party_id in [p.party_id for p in conv.parties.values() if p.leg is None]:
            party = conv.parties.pop(party_id)
            if party.state is PartyState.JOINED:
                self._report(mc.ConferencePartyLeft(conv.id, party_id, _now()))
            else:
                self._party_failed(conv, party_id, "the room's extension worker was lost")
        self._after_room_change(conv)

    def _room_link_lost(self, conv: Conversation, worker_id: str) -> None:
        """The pool saw a worker of this room's chain die; its link call cannot tell us for a while."""
        if conv.is_extension and conv.room_upstream == worker_id:
            logger.warning("room %s: the worker above (%s) died; ending this part", conv.id, worker_id)
            self._end(conv, mc.EndedBy.WORKER_DIED)
        elif conv.room_down is not None and conv.room_down_worker == worker_id:
            logger.warning("room %s: extension %s died; its parties are gone", conv.id, worker_id)
            self._hang_up_leg(conv.room_down)
            self._on_link_ended(conv, "room_down")

    def _refresh_music(self, conv: Conversation) -> None:
        """The caller hears hold music while nobody is there to talk to (the agent holds or left, and no
        conference party has joined); a joined party ends it — the room is never put on hold."""
        if conv.phase is not Phase.TALKING:
            return
        taken_over = conv.supervision is SupervisionMode.TAKE_OVER
        alone = conv.caller_held or (conv.agent is None and not taken_over)
        wanted = alone and not conv.room_joined()
        playing = conv.player is not None and conv.player_is_music
        if wanted and not playing:
            self._play(conv, [HOLD_MUSIC], "music", music=True)
        elif playing and not wanted:
            self._stop_player(conv)

    def _close_room(self, conv: Conversation) -> None:
        """The conversation ends: every party still in the book is told (joined → left, ringing → failed)
        before ``ConversationEnded``; the legs are hung up with the others."""
        if conv.is_extension:
            return
        for party in list(conv.parties.values()):
            if party.state is PartyState.JOINED:
                self._emit(mc.ConferencePartyLeft(conv.id, party.party_id, _now()))
            else:
                self._emit(mc.ConferencePartyFailed(conv.id, party.party_id, "the conversation ended"))
            if party.leg is None:
                del conv.parties[party.party_id]

    def _dial_outbound(
        self, conversation_id: str, agent: str, number: str, headers: dict[str, str] | None
    ) -> None:
        if self.conv is not None:
            self._emit(mc.OutboundFailed(conversation_id, agent, number, "media worker busy"))
            return
        conv = Conversation(id=conversation_id, phase=Phase.OUTBOUND_AGENT, caller_number=number)
        conv.outbound_number = number
        conv.outbound_headers = dict(headers or {})
        self.conv = conv
        hdrs = {
            **AUTO_ANSWER,
            "X-Hotline-Call": conversation_id,
            "X-Hotline-Outbound": number,
            **conv.outbound_headers,
        }
        try:
            call_id = self.engine.dial(self._agent_uri(agent), headers=hdrs)
        except TelephonyError as exc:
            self.conv = None
            self._emit(mc.OutboundFailed(conversation_id, agent, number, str(exc)))
            self._emit(mc.ConversationReleased(conversation_id, self.config.worker_id))
            return
        conv.agent = Leg(call_id, agent)

    def _agent_dialled(self, event: tev.IncomingCall, number: str) -> None:
        """An agent's softphone dialled ``number`` (Kamailio authenticated it and marked it): this worker
        answers the agent, plays ring-back and places the trunk leg, as for ``dial_outbound``."""
        agent = event.caller_id
        conv = Conversation(id=uuid.uuid4().hex[:16], phase=Phase.OUTBOUND_AGENT, caller_number=number)
        conv.outbound_number = number
        conv.agent = Leg(event.call_id, agent)
        self.conv = conv
        self.engine.route_to_headset(event.call_id, False)
        self._emit(mc.OutboundRequested(conv.id, agent, number, _now(), self.config.worker_id))
        self.engine.answer(event.call_id)  # CONNECTED → ring-back + trunk leg (see _on_answered)

    def _dial_far_leg(self, conv: Conversation) -> None:
        assert conv.agent is not None
        try:
            call_id = self.engine.dial(
                self._trunk_uri(conv.outbound_number), headers={"X-Hotline-Call": conv.id}
            )
        except (TelephonyError, mc.MediaCommandError) as exc:
            self._emit(mc.OutboundFailed(conv.id, conv.agent.party, conv.outbound_number, str(exc)))
            self._end(conv, mc.EndedBy.SYSTEM)
            return
        conv.caller = Leg(call_id, conv.outbound_number)

    # ------------------------------------------------------------------ IVR

    def _advance_ivr(self, conv: Conversation, value: Any) -> None:
        run = conv.ivr_run
        if run is None:
            run = conv.ivr_run = ivr.run_ivr(conv.caller_number, conv.hotline)
            value = None
            first = True
        else:
            first = False
        while True:
            try:
                step = next(run) if first else run.send(value)
            except StopIteration as stop:
                conv.step = None
                conv.ivr_run = None
                self._ivr_outcome(conv, stop.value)
                return
            first = False
            if isinstance(step, ivr.Lookup):
                value = self._query(step.method, step.args)
                if self.conv is not conv or conv.phase is not Phase.IVR:
                    return  # the caller left during the lookup
                continue
            conv.step = step
            if isinstance(step, ivr.Say):
                if step.interruptible and conv.digits:
                    value = None
                    continue  # the caller already pressed ahead
                self._play(conv, list(step.prompts), "ivr")
                return
            conv.step_deadline = time.monotonic() + step.timeout_s
            if self._check_collect(conv, time.monotonic()):
                return
            return

    def _check_collect(self, conv: Conversation, now: float) -> bool:
        step = conv.step
        if not isinstance(step, ivr.Collect):
            return False
        digits = conv.digits
        if step.terminator and step.terminator in digits:
            got, _, rest = digits.partition(step.terminator)
        elif len(digits) >= step.max_digits:
            got, rest = digits[: step.max_digits], digits[step.max_digits :]
        elif now >= conv.step_deadline:
            got, rest = digits, ""
        else:
            return False
        conv.digits = rest
        conv.step = None
        self._advance_ivr(conv, got)
        return True

    def _ivr_outcome(self, conv: Conversation, outcome: ivr.Outcome) -> None:
        if isinstance(outcome, ivr.ToQueue):
            conv.phase = next_phase(conv.phase, Phase.QUEUED)
            self._play(conv, [HOLD_MUSIC], "music", music=True)
            self._emit(
                mc.IvrRouted(
                    conv.id, outcome.queue_code, outcome.ivr_path, outcome.digits, outcome.after_hours
                )
            )
        elif isinstance(outcome, ivr.ToVoicemail):
            self._start_voicemail(conv, outcome.prompt, outcome.queue_code)
        else:
            if outcome.blocked:
                self._emit(mc.BlockedCallerRejected(conv.id, conv.caller_number, conv.hotline, _now()))
            self._play(conv, list(outcome.prompts), "hang_up")

    # ------------------------------------------------------------------ voicemail

    def _start_voicemail(self, conv: Conversation, prompt: str | None, queue_code: str | None) -> None:
        if conv.agent is not None:
            self._hang_up_leg(conv.agent)
        conv.phase = next_phase(conv.phase, Phase.VOICEMAIL)
        conv.vm_queue = queue_code
        self._play(conv, [prompt or "voicemail_intro", "beep"], "voicemail_record")

    def _record_voicemail(self, conv: Conversation) -> None:
        assert conv.caller is not None
        day = _now()
        path = self.config.voicemail_dir / f"{day:%Y/%m/%d}" / f"{conv.id}.wav"
        path.parent.mkdir(parents=True, exist_ok=True)
        conv.vm_path = path
        conv.vm_recorder = self.engine.create_recorder(str(path))
        conv.vm_started = time.monotonic()
        conv.vm_deadline = conv.vm_started + self.config.max_voicemail_s
        self._rewire(conv)

    def _finish_voicemail(self, conv: Conversation, hung_up: bool = False) -> None:
        if conv.vm_recorder is None or conv.vm_path is None:
            return
        duration = time.monotonic() - conv.vm_started
        recorder = conv.vm_recorder
        self.engine.release_media(recorder)
        conv.vm_recorder = None
        conv.links = {link for link in conv.links if link[1] != recorder}
        rel = str(conv.vm_path.relative_to(self.config.voicemail_dir))
        conv.finalising.append((conv.vm_path, time.monotonic()))
        self._emit(
            mc.VoicemailLeft(
                conv.id, conv.caller_number, conv.hotline, conv.vm_queue, rel, round(duration, 2)
            )
        )
        if hung_up:
            self._emit(mc.CallerHungUp(conv.id, _now(), "voicemail"))
            self._end(conv, mc.EndedBy.CALLER)
        else:
            self._play(conv, ["voicemail_saved"], "hang_up")

    # ------------------------------------------------------------------ audio

    def _play(self, conv: Conversation, prompts: list[str], then: str, music: bool = False) -> None:
        self._stop_player(conv)
        try:
            if music:
                path = self.prompts.resolve(HOLD_MUSIC)
                conv.player = self.engine.create_player(str(path), loop=True)
                conv.player_until = 0.0
            else:
                path, seconds = self._joined(prompts)
                conv.player = self.engine.create_player(str(path), loop=False)
                conv.player_until = time.monotonic() + seconds + 0.3
        except (PromptError, TelephonyError, OSError) as exc:
            # a broken prompt must not leave the caller in silence forever: carry on without it
            logger.error("cannot play %s: %s", "hold music" if music else prompts, exc)
            conv.player = None
            if not music:
                self._after_player(conv, then)
            return
        conv.player_is_music = music
        conv.after_player = then
        self._rewire(conv)

    def _joined(self, prompts: list[str]) -> tuple[Path, float]:
        # keyed by the files' identity, so a re-recorded WAV or an edited menu text is picked up
        paths = [self.prompts.resolve(p) for p in prompts]
        ident = "\x00".join(f"{p}:{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in paths)
        key = hashlib.sha1(ident.encode()).hexdigest()[:20]
        out = self.config.prompt_cache_dir / "joined" / f"{key}.wav"
        if out.is_file():
            return out, wav_duration(out)
        return out, self.prompts.join([str(p) for p in paths], out)

    def _stop_player(self, conv: Conversation) -> None:
        if conv.player is not None:
            player, conv.player = conv.player, None
            conv.links = {link for link in conv.links if player not in link}
            with contextlib.suppress(TelephonyError):
                self.engine.release_media(player)
        conv.player_is_music = False
        conv.after_player = ""

    def _start_recording(self, conv: Conversation, agent: str) -> None:
        if conv.recorder is not None:
            if agent not in conv.recording_agents:
                conv.recording_agents.append(agent)
            return
        started = _now()
        path = self.config.recordings_dir / f"{started:%Y/%m/%d}" / f"{conv.id}.wav"
        path.parent.mkdir(parents=True, exist_ok=True)
        conv.recorder = self.engine.create_recorder(str(path))
        conv.recording_path = path
        conv.recording_started = started
        conv.recording_agents.append(agent)
        if self.config.record_legs:
            for side in ("caller", "agent"):
                leg_path = path.with_name(f"{conv.id}-{side}.wav")
                conv.leg_recorders[side] = (self.engine.create_recorder(str(leg_path)), leg_path)

    def _desired_links(self, conv: Conversation) -> set[tuple[MediaId, MediaId]]:
        def media(leg: Leg | None) -> MediaId | None:
            if leg is None or not leg.answered:
                return None
            try:
                return self.engine.call_media(leg.call_id)
            except TelephonyError:
                return None  # hung up a moment ago: its CallEnded is still on the way

        c, a, s, x = media(conv.caller), media(conv.agent), media(conv.supervisor), media(conv.consult)
        links: set[tuple[MediaId, MediaId]] = set()

        def both(p: MediaId | None, q: MediaId | None) -> None:
            if p is not None and q is not None:
                links.add((p, q))
                links.add((q, p))

        def one(p: MediaId | None, q: MediaId | None) -> None:
            if p is not None and q is not None:
                links.add((p, q))

        rec = conv.recorder
        joined = [media(p.leg) for p in conv.parties.values() if p.state is PartyState.JOINED]
        down = media(conv.room_down)
        if conv.phase is Phase.ROOM:
            links |= all_to_all([media(conv.room_up), *joined, down])
        if conv.phase is Phase.TALKING:
            # the room: caller, owning agent (unless holding), parties and the link to the rest of the
            # room all hear each other; a barging or take-over supervisor is one of them
            mode = conv.supervision
            room = [c, None if conv.caller_held else a, *joined, down]
            if mode in (SupervisionMode.BARGE, SupervisionMode.TAKE_OVER):
                room.append(s)
            links |= all_to_all(room)
            for member in (*room, a):
                one(member, rec)
            if mode in (SupervisionMode.LISTEN, SupervisionMode.WHISPER):
                for member in (*room, a):
                    one(member, s)
            if mode in (SupervisionMode.WHISPER, SupervisionMode.BARGE):
                one(s, a)  # whisper reaches the owning agent only
        if conv.phase is Phase.CONSULTING:
            both(a, x)
            one(c, rec)
            one(a, rec)
            mode = conv.supervision
            if mode is SupervisionMode.TAKE_OVER:
                both(c, s)
                one(s, rec)
            elif mode is not None:
                one(c, s)
                one(a, s)
                if mode in (SupervisionMode.WHISPER, SupervisionMode.BARGE):
                    one(s, a)
                if mode is SupervisionMode.BARGE:
                    one(s, c)
                    one(s, rec)
        if conv.phase is Phase.OUTBOUND_DIALING:
            one(conv.ringback, a)
        if conv.player is not None:
            one(conv.player, c)
        if conv.vm_recorder is not None:
            one(c, conv.vm_recorder)
        if "caller" in conv.leg_recorders:
            one(c, conv.leg_recorders["caller"][0])
        if "agent" in conv.leg_recorders and conv.phase in (Phase.TALKING, Phase.CONSULTING):
            # the side that talks to the caller: the agent, or the supervisor who took over / barged in
            one(a, conv.leg_recorders["agent"][0])
            if conv.supervision in (SupervisionMode.TAKE_OVER, SupervisionMode.BARGE):
                one(s, conv.leg_recorders["agent"][0])
        return links

    def _rewire(self, conv: Conversation) -> None:
        wanted = self._desired_links(conv)
        for src, dst in conv.links - wanted:
            with contextlib.suppress(TelephonyError):
                self.engine.disconnect(src, dst)
        for src, dst in wanted - conv.links:
            try:
                self.engine.connect(src, dst)
            except TelephonyError as exc:
                logger.warning("connect %s → %s failed: %s", src, dst, exc)
                wanted.discard((src, dst))
        conv.links = wanted
        logger.debug("%s %s links: %s", conv.id, conv.phase, sorted(wanted))

    # ------------------------------------------------------------------ timers

    def _tick(self, now: float) -> None:
        conv = self.conv
        if conv is None:
            return
        if conv.phase is Phase.CLOSING:
            self._check_closed(conv, now)
            return
        if conv.player is not None and not conv.player_is_music and now >= conv.player_until:
            then = conv.after_player
            self._stop_player(conv)
            self._after_player(conv, then)
            if self.conv is not conv:
                return
        if conv.phase is Phase.IVR and isinstance(conv.step, ivr.Collect):
            self._check_collect(conv, now)
        if (
            conv.offer_deadline
            and now >= conv.offer_deadline
            and conv.agent is not None
            and not conv.agent.answered
        ):
            self._hang_up_leg(conv.agent)  # AgentDidNotAnswer(timeout) follows from CallEnded
        if conv.vm_recorder is not None and now >= conv.vm_deadline:
            self._finish_voicemail(conv)
        for party in list(conv.parties.values()):
            if party.leg is not None and not party.leg.answered and party.deadline and now >= party.deadline:
                party.deadline = 0.0
                party.timed_out = True
                self._hang_up_leg(party.leg)  # ConferencePartyFailed("no answer") follows from CallEnded
        waiting_for_link = conv.is_extension and conv.room_up is None and conv.room_wait_until
        if waiting_for_link and now >= conv.room_wait_until:
            logger.warning("room %s: the link call never came; this worker is free again", conv.id)
            self._end(conv, mc.EndedBy.SYSTEM)

    def _after_player(self, conv: Conversation, then: str) -> None:
        if then == "ivr":
            conv.step = None
            self._advance_ivr(conv, None)
        elif then == "music":
            if conv.phase in (Phase.QUEUED, Phase.CONSULTING):
                self._play(conv, [HOLD_MUSIC], "music", music=True)
        elif then == "voicemail_record":
            self._record_voicemail(conv)
        elif then == "hang_up":
            self._end(conv, mc.EndedBy.SYSTEM)

    # ------------------------------------------------------------------ ending

    def _hang_up_leg(self, leg: Leg) -> None:
        with contextlib.suppress(TelephonyError):
            self.engine.hangup(leg.call_id)

    def _hang_up_all(self, conv: Conversation) -> None:
        for leg in conv.legs():
            self._hang_up_leg(leg)

    def _end(self, conv: Conversation, ended_by: mc.EndedBy) -> None:
        if conv.phase is Phase.CLOSING:
            return
        conv.phase = next_phase(conv.phase, Phase.CLOSING)
        conv.ended_by = ended_by
        conv.closing_since = time.monotonic()
        self._close_room(conv)
        self._stop_player(conv)
        self._report_quality(conv)
        self._hang_up_all(conv)
        for media in (conv.ringback, conv.vm_recorder):
            if media is not None:
                with contextlib.suppress(TelephonyError):
                    self.engine.release_media(media)
        conv.ringback = conv.vm_recorder = None
        if conv.recorder is not None:
            with contextlib.suppress(TelephonyError):
                self.engine.release_media(conv.recorder)
            conv.recorder = None
            assert conv.recording_path is not None
            conv.finalising.append((conv.recording_path, time.monotonic()))
        for recorder, path in conv.leg_recorders.values():
            with contextlib.suppress(TelephonyError):
                self.engine.release_media(recorder)
            conv.finalising.append((path, time.monotonic()))
        conv.links = set()

    def _report_quality(self, conv: Conversation) -> None:
        for role in ("caller", "agent", "supervisor", "consult"):
            leg: Leg | None = getattr(conv, role)
            if leg is None or not leg.answered:
                continue
            try:
                q = self.engine.call_quality(leg.call_id)
            except TelephonyError:
                continue  # already gone
            quality = mc.LegQuality(conv.id, role, leg.party, q.rx_packets, q.rx_lost, q.rx_jitter_ms, q.mos)
            self._emit(quality)

    def _check_closed(self, conv: Conversation, now: float) -> None:
        waited = now - conv.closing_since
        legs_gone = not conv.legs() or waited > CLOSING_GRACE_S
        files_done = all(_wav_complete(p) for p, _ in conv.finalising) or waited > CLOSING_GRACE_S
        if not (legs_gone and files_done):
            return
        if conv.is_extension:
            self.conv = None
            self._send(RoomReleased(conv.id))
            return
        recording = self._recording_info(conv, conv.recording_path, "mix")
        legs = tuple(
            info
            for side, (_, path) in conv.leg_recorders.items()
            if (info := self._recording_info(conv, path, side)) is not None
        )
        self.conv = None
        self._emit(mc.ConversationEnded(conv.id, _now(), conv.ended_by, recording, legs))
        self._emit(mc.ConversationReleased(conv.id, self.config.worker_id))

    def _recording_info(self, conv: Conversation, path: Path | None, kind: str) -> mc.RecordingInfo | None:
        if path is None or conv.recording_started is None or not path.exists():
            return None
        size = path.stat().st_size
        return mc.RecordingInfo(
            path=str(path.relative_to(self.config.recordings_dir)),
            started_at=conv.recording_started,
            duration_s=round(max(0, size - 44) / (2 * self.config.clock_rate), 2),
            size_bytes=size,
            sample_rate=self.config.clock_rate,
            agent_work_numbers=tuple(conv.recording_agents),
            kind=kind,
        )


def refer_target(uri: str) -> mc.TransferTarget:
    """What an agent's REFER names: ``sip:queue-<code>@…`` a queue, ``sip:dept-<number>@…`` or a number
    of 7+ digits an outside/department number, anything else an agent's work number."""
    user = uri.strip("<>").split("sip:", 1)[-1].split("@", 1)[0].split(";", 1)[0]
    if user.startswith("queue-"):
        return mc.TransferTarget(mc.TransferTargetKind.QUEUE, user.removeprefix("queue-"))
    if user.startswith("dept-"):
        return mc.TransferTarget(mc.TransferTargetKind.NUMBER, user.removeprefix("dept-"))
    if user.isdigit() and len(user) >= 7:
        return mc.TransferTarget(mc.TransferTargetKind.NUMBER, user)
    return mc.TransferTarget(mc.TransferTargetKind.AGENT, user)


def _wav_complete(path: Path) -> bool:
    """PJSIP fills in the RIFF size once the recorder port is really gone (on the clock thread)."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
        size = path.stat().st_size
    except OSError:
        return True
    if len(head) < 8:
        return False
    return bool(struct.unpack("<I", head[4:8])[0] == size - 8)


def _no_answer_reason(event: tev.CallEnded, *, timed_out: bool | float) -> mc.NoAnswerReason:
    if timed_out:
        return mc.NoAnswerReason.TIMEOUT
    if event.sip_code in (486, 600, 603):
        return mc.NoAnswerReason.REJECTED
    if event.sip_code == 487:
        return mc.NoAnswerReason.CANCELLED
    return mc.NoAnswerReason.UNREACHABLE


def worker_main(config: WorkerConfig, conn: Connection) -> None:
    """Entry point of a worker process (``multiprocessing`` spawn target)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    logging.basicConfig(
        level=config.log_level,
        stream=sys.stderr,
        format=f"%(asctime)s %(levelname)s media-worker[{config.worker_id}] %(name)s: %(message)s",
    )
    MediaWorker(config, conn).run()


def main(argv: list[str] | None = None) -> int:
    """``python -m server_stub.media.worker <fd>``: the pool hands over a socket as ``fd`` and sends the
    :class:`WorkerConfig` as the first message (a plain subprocess, so the server's ``__main__`` is never
    re-imported and a crash here cannot touch the server)."""
    args = sys.argv[1:] if argv is None else argv
    conn = Connection(int(args[0]))
    config = conn.recv()
    if not isinstance(config, WorkerConfig):
        raise SystemExit("the first message must be a WorkerConfig")
    worker_main(config, conn)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
