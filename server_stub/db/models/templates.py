"""Ticket templates: canned texts for common consultations that pre-fill the agent's ticket form."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shared.protocol.enums import TicketType

from ..base import Base, utcnow
from .organisation import enum_column


class TicketTemplate(Base):
    """One template: the form takes its type, category, department and content skeleton.

    Category and department are optional and set to NULL if that row is deleted, so pruning the
    category tree or the department list never fails because a template still points there.
    """

    __tablename__ = "ticket_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    type: Mapped[TicketType] = mapped_column(enum_column(TicketType), default=TicketType.CONSULTATION)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), index=True
    )
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id", ondelete="SET NULL"))
    content: Mapped[str] = mapped_column(Text, comment="skeleton with blanks (……) the agent fills in")
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
