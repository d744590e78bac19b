"""All tables. Importing this package registers every model on ``Base.metadata`` (Alembic needs that)."""

from .calls import Call, CallAgentLeg, CallbackTask, Recording, Voicemail
from .customers import BlacklistEntry, Customer, CustomerPhone, CustomerTagLink
from .knowledge import KnowledgeArticle, KnowledgeVersion
from .notices import AuditEntry, Notice
from .organisation import Agent, AgentSkill, AgentStateLog, ApiToken, Department, NotReadyReason, Team
from .quality import QaCriterion, QaEvaluation, QaForm
from .queues import IvrMenu, Queue
from .templates import TicketTemplate
from .tickets import (
    Category,
    Ticket,
    TicketEvent,
    TicketExtension,
    TicketLink,
    TicketSerialCounter,
    ticket_calls,
)

__all__ = [
    "Agent",
    "AgentSkill",
    "AgentStateLog",
    "ApiToken",
    "AuditEntry",
    "BlacklistEntry",
    "Call",
    "CallAgentLeg",
    "CallbackTask",
    "Category",
    "Customer",
    "CustomerPhone",
    "CustomerTagLink",
    "Department",
    "IvrMenu",
    "KnowledgeArticle",
    "KnowledgeVersion",
    "NotReadyReason",
    "Notice",
    "QaCriterion",
    "QaEvaluation",
    "QaForm",
    "Queue",
    "Recording",
    "Team",
    "Ticket",
    "TicketEvent",
    "TicketExtension",
    "TicketLink",
    "TicketSerialCounter",
    "TicketTemplate",
    "Voicemail",
    "ticket_calls",
]
