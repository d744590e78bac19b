"""Wire models the apps read and send.

Bodies the server defines in ``shared.protocol.schemas`` are re-exported from there (one definition
for both sides). The few the schemas do not cover yet (ticket templates, the knowledge snapshot)
live here and ignore unknown fields so a newer server never breaks an older seat.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from shared.protocol.enums import TicketType
from shared.protocol.schemas.agents import AgentOut, AgentToday, DirectoryEntry, ReasonOut, SipCredentials
from shared.protocol.schemas.auth import LoginResponse
from shared.protocol.schemas.callbacks import CallbackOut, VoicemailOut
from shared.protocol.schemas.categories import CategoryOut
from shared.protocol.schemas.conference import (
    ConferenceDidChange,
    ConferenceInvite,
    ConferenceOut,
    ConferenceParty,
    ConferencePartyKind,
    ConferencePartyState,
)
from shared.protocol.schemas.customers import CustomerCreate, CustomerOut
from shared.protocol.schemas.departments import DepartmentOut
from shared.protocol.schemas.notices import NoticeOut
from shared.protocol.schemas.queues import QueueOut
from shared.protocol.schemas.screen_pop import CallSummary, ScreenPop
from shared.protocol.schemas.tickets import TicketCreate, TicketOut

__all__ = [
    "AgentOut",
    "AgentToday",
    "CallSummary",
    "CallbackOut",
    "CategoryOut",
    "ConferenceDidChange",
    "ConferenceInvite",
    "ConferenceOut",
    "ConferenceParty",
    "ConferencePartyKind",
    "ConferencePartyState",
    "CustomerCreate",
    "CustomerOut",
    "DepartmentOut",
    "DirectoryEntry",
    "KnowledgeSnapshotFile",
    "LoginResponse",
    "NoticeOut",
    "OutboundResult",
    "QueueOut",
    "ReasonOut",
    "ScreenPop",
    "SipCredentials",
    "TicketCreate",
    "TicketOut",
    "TicketTemplate",
    "TransferKind",
    "TransferResult",
    "VoicemailOut",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


class TicketTemplate(_Model):
    """A canned text for a common consultation; the form fills type, category, department and content
    from it. Lenient on purpose (not ``TicketTemplateOut``): the app's bundled set has no ids."""

    name: str
    type: TicketType = TicketType.CONSULTATION
    content: str
    category_id: int | None = None
    department_id: int | None = None


class TransferKind(StrEnum):
    """What ``POST /callcenter/transfer`` hands the caller to (mirrors the server's target kinds)."""

    AGENT = "agent"  # value: work number
    QUEUE = "queue"  # value: queue code
    NUMBER = "number"  # value: a department's transfer number or an outside number


class TransferResult(_Model):
    call_id: int | None = None
    target: str


class OutboundResult(_Model):
    call_id: int


@dataclass(frozen=True)
class KnowledgeSnapshotFile:
    """A downloaded index snapshot: install it, then follow the feed from ``version``."""

    path: Path
    version: int
    sha256: str | None
