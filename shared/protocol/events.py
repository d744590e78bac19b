"""Typed events on the WebSocket ``/api/v1/events``.

Every message on the socket is an :class:`EventEnvelope`: a server-wide, strictly increasing ``seq``, the
event ``type`` (named ``<subject>_did_<verb>`` / ``<subject>_was_<verb>``), when it happened, and the
payload — one of the models below. A client remembers the last ``seq`` it saw; after a reconnect it asks
for everything after it, and if the server no longer holds that far back it receives a fresh snapshot.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from .enums import AgentState, SupervisionMode, TicketStatus


class EventType(StrEnum):
    """Who receives what: leaders and admins receive every event; agents receive broadcasts plus the
    events addressed to them (``call_was_offered``, ``message_was_sent`` to them, ``callback_was_assigned``
    to them). The server publishes with ``to_agent_ids`` for the addressed ones."""

    AGENT_STATE_DID_CHANGE = "agent_state_did_change"
    QUEUE_DID_CHANGE = "queue_did_change"
    CALL_WAS_OFFERED = "call_was_offered"
    CALL_DID_START = "call_did_start"
    CALL_DID_END = "call_did_end"
    TICKET_DID_CHANGE = "ticket_did_change"
    NOTICE_WAS_PUBLISHED = "notice_was_published"
    NOTICE_WAS_WITHDRAWN = "notice_was_withdrawn"
    MESSAGE_WAS_SENT = "message_was_sent"
    KNOWLEDGE_DID_CHANGE = "knowledge_did_change"
    CALLBACK_WAS_ASSIGNED = "callback_was_assigned"
    VOICEMAIL_WAS_LEFT = "voicemail_was_left"
    SUPERVISION_DID_CHANGE = "supervision_did_change"
    CONFERENCE_DID_CHANGE = "conference_did_change"  # payload: schemas.conference.ConferenceDidChange
    SNAPSHOT = "snapshot"


class EventEnvelope(BaseModel):
    seq: int
    type: EventType
    at: datetime
    payload: dict[str, Any] = Field(default_factory=dict)


class AgentStateDidChange(BaseModel):
    agent_id: int
    work_number: str
    name: str
    state: AgentState
    reason: str | None = None
    since: datetime
    forced_by: str | None = None
    call_id: int | None = None
    caller_number: str | None = None
    queue_code: str | None = None


class TicketDidChange(BaseModel):
    ticket_id: int
    serial: str
    status: TicketStatus
    kind: str
    agent_id: int | None = None
    department_id: int | None = None


class NoticeWasPublished(BaseModel):
    notice_id: int
    title: str
    body: str
    hotline_number: str | None = None
    play_in_ivr: bool = False


class MessageWasSent(BaseModel):
    """A leader's message to one agent (``to_agent_id``) or a broadcast (``None``)."""

    from_name: str
    to_agent_id: int | None
    text: str


class KnowledgeDidChange(BaseModel):
    latest_version: int


class SupervisionDidChange(BaseModel):
    supervisor_id: int
    agent_id: int
    mode: SupervisionMode | None


class NoticeWasWithdrawn(BaseModel):
    notice_id: int


class QueueDidChange(BaseModel):
    """A queue's configuration or figures changed: the payload is the queue as ``GET /api/v1/queues``
    returns it (``shared.protocol.schemas.queues.QueueOut``)."""

    id: int
    code: str
    name: str


class CallWasOffered(BaseModel):
    """Sent only to the agent the call is offered to (and to leaders)."""

    call_id: int
    agent_id: int
    caller_number: str
    queue_code: str | None = None
    hotline_number: str | None = None
    ivr_path: str | None = None
    customer_id: int | None = None
    offer_timeout_seconds: int | None = None


class CallbackWasAssigned(BaseModel):
    callback_id: int
    agent_id: int
    number: str
    reason: str


class VoicemailWasLeft(BaseModel):
    voicemail_id: int
    caller_number: str
    queue_id: int | None = None
    assigned_agent_id: int | None = None


class SnapshotAgent(BaseModel):
    agent_id: int
    work_number: str
    name: str
    role: str
    team: str | None = None
    skills: dict[str, int] = Field(default_factory=dict)  # skill code → level 1 … 5, as in the directory
    state: AgentState
    reason: str | None = None
    since: datetime
    connected: bool = False


class Snapshot(BaseModel):
    """The whole live picture, sent instead of a replay when the client's ``since`` is too old (or absent).

    ``seq`` is the hub's sequence number when the snapshot was taken: apply events with a larger ``seq``
    on top. ``queues`` are ``QueueOut`` bodies, ``notices`` ``NoticeOut`` bodies.
    """

    seq: int
    agents: list[SnapshotAgent]
    queues: list[dict[str, Any]]
    notices: list[dict[str, Any]]
    knowledge_version: int
