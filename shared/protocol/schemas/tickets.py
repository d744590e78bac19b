"""Tickets (work orders): create, edit, act on (dispatch, accept, …), list, and the leader board's summary."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from ..enums import ExtensionDecision, Satisfaction, SlaLight, TicketStatus, TicketType
from ._base import RequestBody, ResponseBody

CONTENT_MAX = 20_000


class TicketCreate(RequestBody):
    """Only ``caller_number``, ``type`` and ``content`` are required; the rest is defaulted or looked up."""

    caller_number: str = Field(min_length=1, max_length=40, examples=["13800138000"])
    type: TicketType
    content: str = Field(min_length=1, max_length=CONTENT_MAX)
    title: str | None = Field(default=None, max_length=128)
    customer_id: int | None = None
    category_id: int | None = None
    department_id: int | None = None
    call_ids: list[int] = Field(default_factory=list, max_length=50)
    deadline: datetime | None = Field(default=None, description="overrides the category's deadline")
    client_ref: str | None = Field(
        default=None, min_length=1, max_length=64, description="idempotency key from a seat's outbox"
    )


class TicketUpdate(RequestBody):
    """Fields to change; ``revision`` (or an ``If-Match`` header) is the copy the client edited."""

    revision: int | None = None
    title: str | None = Field(default=None, max_length=128)
    content: str | None = Field(default=None, min_length=1, max_length=CONTENT_MAX)
    type: TicketType | None = None
    caller_number: str | None = Field(default=None, min_length=1, max_length=40)
    customer_id: int | None = None
    category_id: int | None = None
    department_id: int | None = None


class TicketActionRequest(RequestBody):
    """One step of the life cycle (``POST /tickets/{serial}/events``).

    Per action: ``dispatch`` needs a department (here or already on the ticket); ``return`` and
    ``reopen`` need a ``note`` (the reason); ``finish`` and ``answer`` need a ``result``; ``visit`` needs
    ``satisfaction``; ``request_extension`` needs ``requested_deadline`` and a ``note``. ``actor_name``
    names a department clerk acting by phone.
    """

    action: str = Field(min_length=1, max_length=32, examples=["dispatch"])
    note: str | None = Field(default=None, max_length=CONTENT_MAX)
    actor_name: str | None = Field(default=None, max_length=64)
    department_id: int | None = None
    result: str | None = Field(default=None, max_length=CONTENT_MAX)
    satisfaction: Satisfaction | None = None
    requested_deadline: datetime | None = None
    revision: int | None = None


class ExtensionDecisionRequest(RequestBody):
    decision: ExtensionDecision = Field(description="approved or refused")
    note: str | None = Field(default=None, max_length=2000)


class TicketLinkRequest(RequestBody):
    serial: str = Field(min_length=1, max_length=20, description="the other ticket about the same matter")


class TicketEventOut(ResponseBody):
    id: int
    at: datetime
    actor_id: int | None = None
    actor_name: str | None = None
    kind: str
    from_status: TicketStatus | None = None
    to_status: TicketStatus | None = None
    note: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)


class TicketExtensionOut(ResponseBody):
    id: int
    requested_at: datetime
    requested_by: str
    reason: str
    requested_deadline: datetime
    decision: ExtensionDecision
    decided_at: datetime | None = None
    decided_by_id: int | None = None
    decision_note: str | None = None


class TicketOut(ResponseBody):
    id: int
    serial: str
    type: TicketType
    status: TicketStatus
    title: str | None = None
    content: str
    caller_number: str
    customer_id: int | None = None
    category_id: int | None = None
    category_path: list[str] = Field(default_factory=list)
    department_id: int | None = None
    department_name: str | None = None
    agent_id: int | None = None
    created_at: datetime
    updated_at: datetime
    deadline: datetime | None = None
    warn_at: datetime | None = None
    dispatched_at: datetime | None = None
    done_at: datetime | None = None
    closed_at: datetime | None = None
    satisfaction: Satisfaction | None = None
    result: str | None = None
    return_count: int = 0
    revision: int
    client_ref: str | None = None
    sla_light: SlaLight | None = Field(default=None, description="None once nothing waits (done or later)")
    finished_on_time: bool | None = None
    has_pending_extension: bool = Field(
        default=False, description="a department's extension request awaits a leader's decision"
    )


class TicketDetail(TicketOut):
    events: list[TicketEventOut] = Field(default_factory=list)
    extensions: list[TicketExtensionOut] = Field(default_factory=list)
    linked_serials: list[str] = Field(default_factory=list)
    call_ids: list[int] = Field(default_factory=list)
    allowed_actions: list[str] = Field(default_factory=list)


class TicketPage(ResponseBody):
    items: list[TicketOut]
    total: int
    offset: int
    limit: int


class DepartmentOverdue(ResponseBody):
    department_id: int | None
    department_name: str | None
    green: int = 0
    yellow: int = 0
    red: int = 0
    open_total: int = 0


class OverdueSummary(ResponseBody):
    at: datetime
    departments: list[DepartmentOverdue]
