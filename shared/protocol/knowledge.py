"""Knowledge-base articles as they travel from the server to the seats' local search index."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class KnowledgeArticle(BaseModel):
    """One article as served by ``GET /api/v1/knowledge/articles`` and the change feed.

    ``version`` is the server-wide change counter at the article's last change: a seat that has applied
    everything up to version N asks for ``?since=N``. Deleted articles come through the feed with
    ``deleted=True`` so seats can drop them from their index.
    """

    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    body: str
    category_path: list[str] = Field(default_factory=list, description="root → leaf, e.g. ['公积金', '提取']")
    keywords: list[str] = Field(default_factory=list)
    short_code: str | None = Field(default=None, description="e.g. 'GJJ-TQ-01', typed by seasoned agents")
    department: str | None = None
    version: int
    updated_at: datetime
    deleted: bool = False


class KnowledgeFeed(BaseModel):
    """Everything changed since ``since``; ``latest_version`` is what the seat has once it applies it."""

    since: int
    latest_version: int
    articles: list[KnowledgeArticle]
    has_more: bool = False


class KnowledgeArticleCreate(BaseModel):
    """An admin writes an article (``POST /api/v1/knowledge/articles``)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=100_000)
    category_id: int | None = None
    keywords: list[str] = Field(default_factory=list, max_length=50)
    short_code: str | None = Field(default=None, min_length=1, max_length=32)
    department_id: int | None = None


class KnowledgeArticleUpdate(BaseModel):
    """Only the fields sent change (``PATCH /api/v1/knowledge/articles/{id}``)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str | None = Field(default=None, min_length=1, max_length=200)
    body: str | None = Field(default=None, min_length=1, max_length=100_000)
    category_id: int | None = None
    keywords: list[str] | None = Field(default=None, max_length=50)
    short_code: str | None = Field(default=None, max_length=32)
    department_id: int | None = None


class KnowledgeArticlePage(BaseModel):
    items: list[KnowledgeArticle]
    total: int
    offset: int
    limit: int
    latest_version: int
