"""Messages between the server (the pool) and a media worker process, sent pickled over a
``multiprocessing`` pipe. Frozen dataclasses only; events inside are :mod:`server_stub.media.control` ones."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from .conference_room import DEFAULT_MAX_ROOM_SIZE
from .control import MediaEvent


class CommandName(StrEnum):
    OFFER = "offer_to_agent"
    CANCEL_OFFER = "cancel_offer"
    ANNOUNCE = "announce_position"
    VOICEMAIL = "route_to_voicemail"
    PLAY_AND_HANG_UP = "play_and_hang_up"
    TRANSFER = "transfer"
    COMPLETE_TRANSFER = "complete_transfer"
    CANCEL_TRANSFER = "cancel_transfer"
    SUPERVISE = "supervise"
    END_SUPERVISION = "end_supervision"
    DIAL_OUTBOUND = "dial_outbound"
    HANG_UP = "hang_up"
    CONFERENCE_ADD = "conference_add"
    CONFERENCE_REMOVE = "conference_remove"
    ROOM_RESERVE = "room_reserve"  # pool → an idle worker: extend this conversation's room (see RoomForward)
    ROOM_LINK_LOST = "room_link_lost"  # pool → the room's workers: worker ``worker_id`` of the chain died


@dataclass(frozen=True)
class WorkerConfig:
    worker_id: str
    host: str  # SIP/RTP address of the worker
    registrar: str  # Kamailio "host:port": agents are reached at sip:<work_number>@<registrar>
    trunk: str  # "host:port" of the trunk gateway for outbound/department legs ("" = through Kamailio)
    recordings_dir: Path
    voicemail_dir: Path
    prompt_cache_dir: Path
    prompts_dir: Path
    clock_rate: int = 8000
    sip_port: int = 0
    log_level: str = "INFO"
    max_voicemail_s: float = 120.0
    record_legs: bool = False  # also record the caller's and the agents' side alone
    query_timeout_s: float = 5.0
    max_room_size: int = DEFAULT_MAX_ROOM_SIZE  # conference members, caller and owning agent included
    #: shared by the workers of one pool: a conference link INVITE must carry it (``X-Hotline-Room-Key``),
    #: so nothing else that reaches a worker's SIP port can pose as a link and hold the worker
    room_key: str = field(default_factory=lambda: secrets.token_hex(16), repr=False)


@dataclass(frozen=True)
class WorkerReady:
    worker_id: str
    host: str
    port: int
    pid: int


@dataclass(frozen=True)
class WorkerEvent:
    event: MediaEvent


@dataclass(frozen=True)
class WorkerQuery:
    request_id: int
    method: str
    args: tuple[Any, ...]


@dataclass(frozen=True)
class QueryAnswer:
    request_id: int
    value: Any = None
    error: str | None = None


@dataclass(frozen=True)
class WorkerCommand:
    name: CommandName
    conversation_id: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkerShutdown:
    pass


#: the lookup a worker asks the pool itself (not the control plane): reserve an idle worker to extend a
#: conference room; the answer is ``{"worker_id", "host", "port"}`` or ``None`` when none is idle
RESERVE_ROOM_WORKER = "reserve_room_worker"


@dataclass(frozen=True)
class RoomForward:
    """Worker → pool → worker ``to_worker``: a conference command for the part of the room that worker
    holds (the chain of a room larger than one worker passes ``conference_add``/``remove`` down)."""

    to_worker: str
    command: WorkerCommand


@dataclass(frozen=True)
class RoomRelay:
    """Worker → pool → worker ``to_worker``: a ``ConferenceParty*`` event of a party further down the
    chain, passed up hop by hop to the conversation's worker, which reports it to the control plane."""

    to_worker: str
    event: MediaEvent


@dataclass(frozen=True)
class RoomReleased:
    """A worker that extended ``conversation_id``'s room is idle again (not an event for the control
    plane: the conversation goes on or ended on its own worker)."""

    conversation_id: str
