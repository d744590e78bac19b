"""Tickets (work orders): serials callers can quote, category tree, status history, links, extensions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Date, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.protocol.enums import ExtensionDecision, Satisfaction, TicketStatus, TicketType

from ..base import Base, utcnow
from .organisation import enum_column


class Category(Base):
    """A node in the ticket/knowledge category tree; ``deadline_days`` overrides the default SLA."""

    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    code: Mapped[str | None] = mapped_column(String(32), unique=True)
    deadline_days: Mapped[int | None] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(default=0)

    parent: Mapped[Category | None] = relationship(remote_side="Category.id")


ticket_calls = Table(
    "ticket_calls",
    Base.metadata,
    Column("ticket_id", ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True),
    Column("call_id", ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True),
)


class TicketSerialCounter(Base):
    """The last sequence number handed out per day: serials are ``YYYYMMDD-NNNN``."""

    __tablename__ = "ticket_serial_counters"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_caller_status", "caller_number", "status"),
        Index("ix_tickets_department_status", "department_id", "status"),
        Index("ix_tickets_status_created", "status", "created_at"),
        # SLA lights are filters on stored moments: "red" is deadline < now, "yellow" warn_at < now
        Index("ix_tickets_status_deadline", "status", "deadline"),
        Index("ix_tickets_status_warn_at", "status", "warn_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(20), unique=True)
    type: Mapped[TicketType] = mapped_column(enum_column(TicketType))
    status: Mapped[TicketStatus] = mapped_column(enum_column(TicketStatus), default=TicketStatus.REGISTERED)
    title: Mapped[str | None] = mapped_column(String(128))
    content: Mapped[str] = mapped_column(Text)
    caller_number: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    deadline: Mapped[datetime | None]
    warn_at: Mapped[datetime | None] = mapped_column(comment="when the SLA light turns yellow")
    dispatched_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    satisfaction: Mapped[Satisfaction | None] = mapped_column(enum_column(Satisfaction))
    result: Mapped[str | None] = mapped_column(Text, comment="the department's answer")
    return_count: Mapped[int] = mapped_column(default=0)
    # optimistic concurrency: a client editing an old copy gets a clear conflict, not a lost update
    revision: Mapped[int] = mapped_column(default=1)
    # a seat's offline outbox resends creates with the same client_ref; the server returns the first
    client_ref: Mapped[str | None] = mapped_column(String(64), unique=True)

    category: Mapped[Category | None] = relationship()
    events: Mapped[list[TicketEvent]] = relationship(
        back_populates="ticket", cascade="all, delete-orphan", order_by="TicketEvent.id"
    )
    extensions: Mapped[list[TicketExtension]] = relationship(
        back_populates="ticket", cascade="all, delete-orphan", order_by="TicketExtension.id"
    )

    __mapper_args__ = {"version_id_col": revision}


class TicketEvent(Base):
    """One entry of a ticket's history: who did what, when, with the details."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    actor_name: Mapped[str | None] = mapped_column(String(64), comment="a department clerk has no login")
    kind: Mapped[str] = mapped_column(String(32), comment="created / dispatched / returned / … / edited")
    from_status: Mapped[TicketStatus | None] = mapped_column(enum_column(TicketStatus))
    to_status: Mapped[TicketStatus | None] = mapped_column(enum_column(TicketStatus))
    note: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    ticket: Mapped[Ticket] = relationship(back_populates="events")


class TicketLink(Base):
    """Two tickets about the same matter (stored once, ``ticket_id < linked_ticket_id``)."""

    __tablename__ = "ticket_links"
    __table_args__ = (UniqueConstraint("ticket_id", "linked_ticket_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    linked_ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))


class TicketExtension(Base):
    """A department asks for more time; a leader approves (deadline moves) or refuses."""

    __tablename__ = "ticket_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    requested_by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    requested_deadline: Mapped[datetime]
    decision: Mapped[ExtensionDecision] = mapped_column(
        enum_column(ExtensionDecision), default=ExtensionDecision.PENDING
    )
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    decision_note: Mapped[str | None] = mapped_column(Text)

    ticket: Mapped[Ticket] = relationship(back_populates="extensions")
