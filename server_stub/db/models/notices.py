"""Emergency notices (read first by the IVR, shown on seats) and the audit log of sensitive acts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, utcnow


class Notice(Base):
    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(128))
    body: Mapped[str] = mapped_column(Text)
    hotline_number: Mapped[str | None] = mapped_column(String(16), comment="None = every hotline")
    play_in_ivr: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    published_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    withdrawn_at: Mapped[datetime | None]


class AuditEntry(Base):
    """Who did what to whom: supervision acts, forced states, blacklist and configuration changes."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    target_type: Mapped[str | None] = mapped_column(String(32))
    target_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Message(Base):
    """A leader's text to one agent (``to_agent_id``) or to every seat (``None``)."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    to_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
