"""Ticket templates: canned texts for common consultations (``/tickets/templates``).

A template pre-fills the agent's ticket form: type, category, department and a content skeleton with
blanks (……) the agent completes while the caller talks.
"""

from __future__ import annotations

from pydantic import Field

from shared.protocol.enums import TicketType

from ._base import RequestBody, ResponseBody

NAME_MAX = 64
CONTENT_MAX = 4000


class TicketTemplateCreate(RequestBody):
    name: str = Field(min_length=1, max_length=NAME_MAX, description="what the agent picks from the list")
    type: TicketType = TicketType.CONSULTATION
    category_id: int | None = None
    department_id: int | None = None
    content: str = Field(min_length=1, max_length=CONTENT_MAX, description="skeleton with blanks (……)")
    sort_order: int = Field(default=0, ge=-1_000_000, le=1_000_000)
    active: bool = True


class TicketTemplateUpdate(RequestBody):
    """Only the fields sent change; ``category_id`` / ``department_id`` sent as null clear them."""

    name: str | None = Field(default=None, min_length=1, max_length=NAME_MAX)
    type: TicketType | None = None
    category_id: int | None = None
    department_id: int | None = None
    content: str | None = Field(default=None, min_length=1, max_length=CONTENT_MAX)
    sort_order: int | None = Field(default=None, ge=-1_000_000, le=1_000_000)
    active: bool | None = None


class TicketTemplateOut(ResponseBody):
    id: int
    name: str
    type: TicketType
    category_id: int | None = None
    category_path: list[str] = Field(default_factory=list, description="root → the template's category")
    department_id: int | None = None
    department_name: str | None = None
    content: str
    sort_order: int = 0
    active: bool = True
