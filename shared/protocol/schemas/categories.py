"""The category tree of tickets and knowledge articles, with per-category deadlines."""

from __future__ import annotations

from pydantic import Field

from ._base import RequestBody, ResponseBody


class CategoryCreate(RequestBody):
    name: str = Field(min_length=1, max_length=64)
    parent_id: int | None = None
    code: str | None = Field(default=None, min_length=1, max_length=32)
    deadline_days: int | None = Field(default=None, ge=1, le=365, description="overrides the 7-day default")
    sort_order: int = 0


class CategoryUpdate(RequestBody):
    name: str | None = Field(default=None, min_length=1, max_length=64)
    parent_id: int | None = None
    code: str | None = Field(default=None, min_length=1, max_length=32)
    deadline_days: int | None = Field(default=None, ge=1, le=365)
    sort_order: int | None = None


class CategoryOut(ResponseBody):
    id: int
    parent_id: int | None = None
    name: str
    code: str | None = None
    deadline_days: int | None = None
    sort_order: int = 0
    path: list[str] = Field(default_factory=list, description="root → this node")
