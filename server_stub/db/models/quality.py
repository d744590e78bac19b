"""Quality assurance: scoring sheets set by admins and evaluations of recordings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, utcnow


class QaForm(Base):
    __tablename__ = "qa_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    criteria: Mapped[list[QaCriterion]] = relationship(
        back_populates="form", cascade="all, delete-orphan", order_by="QaCriterion.sort_order"
    )


class QaCriterion(Base):
    __tablename__ = "qa_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("qa_forms.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    weight: Mapped[float] = mapped_column(default=1.0)
    max_score: Mapped[int] = mapped_column(default=10)
    sort_order: Mapped[int] = mapped_column(default=0)

    form: Mapped[QaForm] = relationship(back_populates="criteria")


class QaEvaluation(Base):
    __tablename__ = "qa_evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(ForeignKey("recordings.id"), index=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("qa_forms.id"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    # {"<criterion id>": score}
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    total: Mapped[float] = mapped_column(default=0.0, comment="weighted, 0–100")
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
