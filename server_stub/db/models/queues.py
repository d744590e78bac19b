"""Call queues (ACD configuration) and the IVR menus that lead into them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shared.protocol.enums import QueueStrategy

from ..base import Base, utcnow
from .organisation import enum_column


class Queue(Base):
    __tablename__ = "queues"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    hotline_number: Mapped[str] = mapped_column(String(16), index=True)
    strategy: Mapped[QueueStrategy] = mapped_column(enum_column(QueueStrategy))
    # {"gjj": 2} = skill "gjj" at level 2 or better
    required_skills: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # {"vip": 100, "elderly": 50}: added to a caller's priority when the caller has the tag
    priority_rules: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    wrap_up_seconds: Mapped[int] = mapped_column(Integer, default=30)
    service_level_seconds: Mapped[int] = mapped_column(Integer, default=20)
    max_wait_seconds: Mapped[int] = mapped_column(Integer, default=180)
    overflow_queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"))
    overflow_to_voicemail: Mapped[bool] = mapped_column(default=False)
    announce_every_seconds: Mapped[int] = mapped_column(Integer, default=30)
    offer_timeout_seconds: Mapped[int] = mapped_column(Integer, default=15)
    # {"mon": [["08:00", "20:00"]], …}; empty = always open
    opening_hours: Mapped[dict[str, list[list[str]]]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(default=True)


class IvrMenu(Base):
    """One hotline number's IVR as data (a tree of prompts, DTMF options and actions), admin-editable."""

    __tablename__ = "ivr_menus"

    id: Mapped[int] = mapped_column(primary_key=True)
    hotline_number: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    tree: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
