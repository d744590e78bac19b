"""Knowledge articles, versioned by one server-wide counter so seats can follow a change feed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, utcnow


class KnowledgeArticle(Base):
    __tablename__ = "knowledge_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    short_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    # the value of knowledge_version.current at this article's last change (feed: ?since=N)
    version: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    deleted: Mapped[bool] = mapped_column(default=False)


class KnowledgeVersion(Base):
    """A single-row counter bumped by every article change."""

    __tablename__ = "knowledge_version"

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    current: Mapped[int] = mapped_column(Integer, default=0)
