"""The contract between the media plane (Kamailio + media workers) and the control plane (ACD runtime).

The media plane *reports* what happened on the wire as frozen event dataclasses (``CallControl.handle``)
and *asks* a few synchronous questions the IVR needs (blacklist, menu, notice, ticket status). The control
plane *commands* the media plane through :class:`MediaControl`. Nothing here imports pjsua2, SQLAlchemy or
the ACD: both sides depend on this module only.

Identifiers: ``conversation_id`` is a string the media plane hands out when a trunk call arrives (or when
``dial_outbound`` places one); it names one caller's journey through IVR, queue, agents and transfers.
Agents are named by their work number, which is also their SIP user at the registrar.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from shared.protocol.enums import SupervisionMode

__all__ = [
    "AgentAnswered",
    "AgentDidNotAnswer",
    "AgentHungUp",
    "AgentRinging",
    "BlockedCallerRejected",
    "CallControl",
    "CallerHeld",
    "CallerHungUp",
    "CallerResumed",
    "CommandFailed",
    "ConferencePartyFailed",
    "ConferencePartyJoined",
    "ConferencePartyLeft",
    "ConferencePartyRinging",
    "ConversationEnded",
    "ConversationReleased",
    "EndedBy",
    "InboundCallArrived",
    "IvrRouted",
    "LegQuality",
    "MediaCommandError",
    "MediaControl",
    "MediaEvent",
    "NoAnswerReason",
    "OutboundAnswered",
    "OutboundFailed",
    "OutboundRequested",
    "RecordingInfo",
    "SupervisionMode",
    "SupervisorJoined",
    "SupervisorLeft",
    "TransferCompleted",
    "TransferFailed",
    "TransferRequested",
    "TransferTarget",
    "TransferTargetKind",
    "VoicemailLeft",
    "WorkerDied",
]


class MediaCommandError(RuntimeError):
    """A :class:`MediaControl` command could not be carried out (unknown conversation, no idle worker,
    wrong phase…). ``error_id`` is stable; the message says what to do."""

    def __init__(self, message: str, *, error_id: str) -> None:
        super().__init__(message)
        self.error_id = error_id


class TransferTargetKind(StrEnum):
    AGENT = "agent"  # value: work number (the worker calls the agent's softphone)
    QUEUE = "queue"  # value: queue code (the caller goes back to the ACD: expect ``TransferRequested``)
    NUMBER = "number"  # value: a department's/external number, dialled as a trunk leg


class NoAnswerReason(StrEnum):
    REJECTED = "rejected"  # the softphone declined (486/603)
    TIMEOUT = "timeout"  # rang for the offer's timeout
    UNREACHABLE = "unreachable"  # not registered / 404 / 408 / 480
    CANCELLED = "cancelled"  # ``cancel_offer`` or the caller hung up while it rang


class EndedBy(StrEnum):
    CALLER = "caller"
    AGENT = "agent"
    SYSTEM = "system"  # play_and_hang_up, hang_up command, blacklist, voicemail done
    WORKER_DIED = "worker_died"


@dataclass(frozen=True)
class TransferTarget:
    kind: TransferTargetKind
    value: str


@dataclass(frozen=True)
class RecordingInfo:
    """A finished WAV of the conversation (caller + agent(s) mixed). ``path`` is relative to the
    recordings directory (``recordings/YYYY/MM/DD/<conversation>.wav``)."""

    path: str
    started_at: datetime
    duration_s: float
    size_bytes: int
    sample_rate: int
    agent_work_numbers: tuple[str, ...] = ()
    kind: str = "mix"  # mix / caller / agent (the ``recordings.kind`` column)


# ---------------------------------------------------------------- events (media plane → control plane)


@dataclass(frozen=True)
class MediaEvent:
    """Base of every event; ``conversation_id`` is "" only for :class:`WorkerDied`."""

    conversation_id: str


@dataclass(frozen=True)
class InboundCallArrived(MediaEvent):
    caller: str  # the caller's number (From user)
    hotline_number: str  # the dialled number (Request-URI user), e.g. "12345"
    sip_call_id: str
    at: datetime
    worker_id: str = ""


@dataclass(frozen=True)
class BlockedCallerRejected(MediaEvent):
    """A blacklisted number heard the refusal message and was disconnected (count it)."""

    caller: str
    hotline_number: str
    at: datetime


@dataclass(frozen=True)
class IvrRouted(MediaEvent):
    """The IVR chose a queue: the caller now hears hold music until ``offer_to_agent``.
    ``ivr_path`` uses the ``calls.ivr_path`` notation ``main>1>2``; ``digits`` are what was pressed."""

    queue_code: str
    ivr_path: str
    digits: str
    after_hours: bool = False


@dataclass(frozen=True)
class VoicemailLeft(MediaEvent):
    caller: str
    hotline_number: str
    queue_code: str | None
    path: str  # relative to the voicemail directory
    duration_s: float


@dataclass(frozen=True)
class CallerHungUp(MediaEvent):
    """The caller left. ``phase`` says where: ivr / queued / ringing / talking / voicemail."""

    at: datetime
    phase: str


@dataclass(frozen=True)
class AgentRinging(MediaEvent):
    agent_work_number: str


@dataclass(frozen=True)
class AgentAnswered(MediaEvent):
    agent_work_number: str
    at: datetime


@dataclass(frozen=True)
class AgentDidNotAnswer(MediaEvent):
    agent_work_number: str
    reason: NoAnswerReason
    sip_code: int = 0


@dataclass(frozen=True)
class AgentHungUp(MediaEvent):
    """The agent's leg ended while the caller stays (e.g. after a take-over); the conversation goes on."""

    agent_work_number: str
    at: datetime


@dataclass(frozen=True)
class CallerHeld(MediaEvent):
    """The agent's softphone put the caller on hold (a re-INVITE with sendonly/inactive on the agent leg);
    the caller hears hold music until :class:`CallerResumed`."""

    agent_work_number: str
    at: datetime


@dataclass(frozen=True)
class CallerResumed(MediaEvent):
    """The agent's softphone took the caller off hold (the agent leg's audio flows both ways again)."""

    agent_work_number: str
    at: datetime


@dataclass(frozen=True)
class TransferRequested(MediaEvent):
    """Someone asked for a transfer the control plane must decide on: a blind transfer to a queue (the
    caller is back on hold music; answer with ``offer_to_agent``), or the agent's softphone REFERred the
    worker (``requested_by`` = work number) to ``target`` — the worker declines that REFER (603) and changes
    nothing until the control plane calls ``transfer``. REFER targets: ``sip:<work_number>@…`` an agent,
    ``sip:queue-<code>@…`` a queue, ``sip:dept-<number>@…`` or 7+ digits a department/outside number."""

    requested_by: str
    target: TransferTarget
    consult: bool = False


@dataclass(frozen=True)
class TransferCompleted(MediaEvent):
    from_agent: str
    target: TransferTarget
    at: datetime


@dataclass(frozen=True)
class TransferFailed(MediaEvent):
    from_agent: str
    target: TransferTarget
    reason: str


@dataclass(frozen=True)
class SupervisorJoined(MediaEvent):
    supervisor_work_number: str
    mode: SupervisionMode
    at: datetime


@dataclass(frozen=True)
class SupervisorLeft(MediaEvent):
    supervisor_work_number: str
    at: datetime


@dataclass(frozen=True)
class OutboundRequested(MediaEvent):
    """An agent's softphone dialled an outside number through the front door (not ``dial_outbound``):
    a worker took the call and is placing the trunk leg; ``OutboundAnswered``/``OutboundFailed`` follow."""

    agent_work_number: str
    number: str
    at: datetime
    worker_id: str = ""


@dataclass(frozen=True)
class OutboundAnswered(MediaEvent):
    """``dial_outbound``: the far end answered; agent and far end are bridged and recorded."""

    agent_work_number: str
    number: str
    at: datetime


@dataclass(frozen=True)
class OutboundFailed(MediaEvent):
    agent_work_number: str
    number: str
    reason: str
    sip_code: int = 0


@dataclass(frozen=True)
class LegQuality(MediaEvent):
    """RTP receive figures of one answered leg, measured by the worker just before it hung up (QA and
    capacity checks: ``rx_lost`` > 0 means the worker lost audio from that party)."""

    leg: str  # caller / agent / supervisor / consult
    party: str
    rx_packets: int
    rx_lost: int
    rx_jitter_ms: float
    mos: float


@dataclass(frozen=True)
class ConferencePartyRinging(MediaEvent):
    """``conference_add``: the worker is ringing ``party_id`` (an agent's softphone or the trunk)."""

    party_id: str


@dataclass(frozen=True)
class ConferencePartyJoined(MediaEvent):
    """``party_id`` answered and now hears, and is heard by, everyone in the room (the recording too)."""

    party_id: str
    at: datetime


@dataclass(frozen=True)
class ConferencePartyFailed(MediaEvent):
    """``party_id`` never joined: busy, no answer, unreachable, or the room is full (``reason`` in words,
    ``sip_code`` when the far end answered with one)."""

    party_id: str
    reason: str
    sip_code: int = 0


@dataclass(frozen=True)
class ConferencePartyLeft(MediaEvent):
    """``party_id`` hung up or was removed (``conference_remove``). The room goes on while the caller and
    at least one other party are in it; the owning agent leaving is ``AgentHungUp`` as before."""

    party_id: str
    at: datetime
    removed: bool = False


@dataclass(frozen=True)
class ConversationEnded(MediaEvent):
    """The last leg is gone. ``recording`` is set when agent and caller/far end were bridged."""

    at: datetime
    ended_by: EndedBy
    recording: RecordingInfo | None = None
    #: with per-leg recording on (``start_call_path(record_legs=True)``): the caller's and the agents' side
    #: alone, ``<conversation>-caller.wav`` / ``<conversation>-agent.wav`` beside the mix
    leg_recordings: tuple[RecordingInfo, ...] = ()


@dataclass(frozen=True)
class CommandFailed(MediaEvent):
    """A :class:`MediaControl` command reached the worker but could not be carried out there (wrong phase,
    the agent leg already gone, no trunk configured …); nothing changed for the caller."""

    command: str
    error_id: str
    message: str


@dataclass(frozen=True)
class ConversationReleased(MediaEvent):
    """The worker is idle again (follows ``ConversationEnded``); informational."""

    worker_id: str


@dataclass(frozen=True)
class WorkerDied(MediaEvent):
    """A media worker process vanished; these conversations are lost (each also gets a
    ``ConversationEnded(ended_by=WORKER_DIED)``). A replacement worker is being started."""

    worker_id: str
    conversation_ids: tuple[str, ...] = field(default_factory=tuple)


# ---------------------------------------------------------------- the two sides


@runtime_checkable
class CallControl(Protocol):
    """What the media plane calls. Implemented by the control plane.

    Threading: every method is called on the media plane's dispatcher thread (one thread, in order of
    events per conversation). ``handle`` must not block for long (hand the work to your loop); the
    lookups are synchronous and must answer within a second (the caller is waiting)."""

    def handle(self, event: MediaEvent) -> None: ...

    def is_blacklisted(self, number: str) -> bool: ...

    def ivr_menu(self, hotline_number: str) -> dict[str, Any] | None:
        """The ``ivr_menus.tree`` of this number (see ``server_stub.services.ivr``), ``None`` = no IVR
        (the caller is routed to the ``default`` queue … or hears "number not in service")."""
        ...

    def is_open(self, hotline_number: str, queue_code: str | None) -> bool:
        """Opening hours: ``False`` makes the IVR take the tree's ``closed_action``."""
        ...

    def active_notice_text(self, hotline_number: str) -> str | None: ...

    def ticket_status(self, serial: str) -> str | None:
        """A sentence to read to the caller (Chinese), or ``None`` when no ticket has that serial."""
        ...


class MediaControl(Protocol):
    """What the control plane calls. Implemented by :class:`server_stub.media.runtime.CallPathHandle`.

    Threading: thread-safe; commands are queued to the worker that holds the conversation and return
    at once (outcomes arrive as events). Unknown conversations raise :class:`MediaCommandError`."""

    def offer_to_agent(
        self, conversation_id: str, agent_work_number: str, headers: dict[str, str], timeout_s: float = 20.0
    ) -> None:
        """Ring the agent's softphone with ``headers`` (``X-Hotline-*``). Outcome: ``AgentRinging``, then
        ``AgentAnswered`` (caller and agent bridged, recording started) or ``AgentDidNotAnswer`` (the
        caller stays on hold music)."""
        ...

    def cancel_offer(self, conversation_id: str) -> None: ...

    def announce_position(self, conversation_id: str, position: int, estimated_wait_s: int | None) -> None:
        """Interrupt hold music with "您前面还有N位…预计等待M分钟", then resume the music."""
        ...

    def route_to_voicemail(self, conversation_id: str, prompt: str | None = None) -> None: ...

    def play_and_hang_up(self, conversation_id: str, prompt: str) -> None:
        """Speak ``prompt`` (text, or a WAV path) to the caller and disconnect."""
        ...

    def transfer(
        self,
        conversation_id: str,
        target: TransferTarget,
        *,
        consult: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Blind (``consult=False``): the current agent leg is dropped and the caller goes to ``target``
        (QUEUE → hold music + ``TransferRequested``). Consult: the caller hears hold music while the agent
        talks to ``target``; then :meth:`complete_transfer` or :meth:`cancel_transfer`.

        ``headers`` (``X-Hotline-*``, e.g. the ticket registered during the call) join the call's data:
        the target's INVITE carries them, and so does every later transfer of this conversation."""
        ...

    def complete_transfer(self, conversation_id: str) -> None: ...

    def cancel_transfer(self, conversation_id: str) -> None: ...

    def supervise(self, conversation_id: str, supervisor_work_number: str, mode: SupervisionMode) -> None:
        """Call the leader's softphone (auto-answer) into the conversation, or change the mode of a
        supervisor already there. TAKE_OVER drops the agent leg."""
        ...

    def end_supervision(self, conversation_id: str) -> None: ...

    def dial_outbound(
        self, agent_work_number: str, number: str, headers: dict[str, str] | None = None
    ) -> str:
        """Callback / return visit: a worker rings the agent (auto-answer), then places the trunk leg to
        ``number``; returns the new conversation id."""
        ...

    def hang_up(self, conversation_id: str) -> None: ...

    def conference_add(
        self,
        conversation_id: str,
        party_id: str,
        target: TransferTarget,
        headers: Mapping[str, str] | None = None,
        timeout_s: float = 30.0,
    ) -> None:
        """Dial ``target`` (AGENT: the seat's softphone with ``headers``; NUMBER: the trunk) into the
        conversation as a conference party named ``party_id`` (chosen by the control plane, unique in the
        conversation). Everyone in the room hears everyone else; the caller is never put on hold. Outcome:
        ``ConferencePartyRinging``, then ``ConferencePartyJoined`` or ``ConferencePartyFailed``; later
        ``ConferencePartyLeft``. A room larger than one worker's call slots is extended to another worker
        transparently.

        Limits, the ``reason`` words of ``ConferencePartyFailed``, hold and leaving rules:
        :mod:`server_stub.media.conference_room`. The room's size cap is ``CallPathHandle.max_room_size``."""
        ...

    def conference_remove(self, conversation_id: str, party_id: str) -> None:
        """Hang up one conference party (``ConferencePartyLeft(removed=True)``)."""
        ...
