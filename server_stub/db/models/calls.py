"""Every call's full record: times, queue, IVR path, agents, disposition, transfers, recordings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.protocol.enums import CallbackStatus, CallDirection, CallDisposition, VoicemailStatus

from ..base import Base, utcnow
from .organisation import enum_column


class Call(Base):
    __tablename__ = "calls"
    __table_args__ = (
        # the screen pop reads "last calls of this number, newest first"
        Index("ix_calls_caller_started", "caller_number", "arrived_at"),
        Index("ix_calls_agent_arrived", "agent_id", "arrived_at"),
        # the wallboard's "waiting at t" looks back a bounded time from each point
        Index("ix_calls_queued_at", "queued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sip_call_id: Mapped[str | None] = mapped_column(String(128), index=True)
    direction: Mapped[CallDirection] = mapped_column(enum_column(CallDirection))
    caller_number: Mapped[str] = mapped_column(String(32))
    callee_number: Mapped[str] = mapped_column(String(32))
    hotline_number: Mapped[str | None] = mapped_column(String(16))
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    ivr_path: Mapped[str | None] = mapped_column(String(128), comment="menu nodes visited, e.g. 'main>2>1'")
    ivr_digits: Mapped[str | None] = mapped_column(String(64))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    arrived_at: Mapped[datetime] = mapped_column(default=utcnow)
    queued_at: Mapped[datetime | None]
    offered_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    # "Waiting" needs the moment the caller stopped waiting: a caller sent to voicemail or after-hours
    # stays on the line (ended_at unset) with no answer, so answered_at/ended_at alone cannot tell.
    left_queue_at: Mapped[datetime | None] = mapped_column(
        comment="when the caller stopped waiting: answered, abandoned, sent to voicemail/after-hours"
    )
    ended_at: Mapped[datetime | None]
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), comment="the agent who answered")
    disposition: Mapped[CallDisposition | None] = mapped_column(enum_column(CallDisposition), index=True)
    hold_seconds: Mapped[int] = mapped_column(Integer, default=0)
    transferred_from_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))

    legs: Mapped[list[CallAgentLeg]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="CallAgentLeg.id"
    )


class CallAgentLeg(Base):
    """Each agent the call was offered to or talked with, in order: the transfer chain reads from here."""

    __tablename__ = "call_agent_legs"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    target_number: Mapped[str | None] = mapped_column(String(32))
    offered_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(
        String(32), comment="answered / missed / rejected / transferred_blind / transferred_consult"
    )

    call: Mapped[Call] = relationship(back_populates="legs")


class Recording(Base):
    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    path: Mapped[str] = mapped_column(String(512), comment="relative to the recordings directory")
    kind: Mapped[str] = mapped_column(String(16), default="mix", comment="mix / caller / agent")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    duration_seconds: Mapped[float] = mapped_column(default=0.0)
    size_bytes: Mapped[int] = mapped_column(default=0)
    sample_rate: Mapped[int] = mapped_column(default=8000)


class Voicemail(Base):
    __tablename__ = "voicemails"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
    caller_number: Mapped[str] = mapped_column(String(32), index=True)
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"))
    path: Mapped[str] = mapped_column(String(512))
    duration_seconds: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[VoicemailStatus] = mapped_column(enum_column(VoicemailStatus), default=VoicemailStatus.NEW)
    assigned_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    handled_at: Mapped[datetime | None]


class CallbackTask(Base):
    """A caller who hung up while queued: shared round-robin among online agents to call back."""

    __tablename__ = "callback_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
    number: Mapped[str] = mapped_column(String(32), index=True)
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"))
    reason: Mapped[str] = mapped_column(String(32), default="abandoned")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    assigned_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    status: Mapped[CallbackStatus] = mapped_column(enum_column(CallbackStatus), default=CallbackStatus.OPEN)
    attempts: Mapped[int] = mapped_column(default=0)
    last_attempt_at: Mapped[datetime | None]
    result_note: Mapped[str | None] = mapped_column(String(255))
    done_at: Mapped[datetime | None]
