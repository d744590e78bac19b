"""Customers (citizens who call): details, several numbers, tags, and the admin's CSV import."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ..enums import CustomerTag
from ._base import RequestBody, ResponseBody


class CustomerCreate(RequestBody):
    name: str | None = Field(default=None, max_length=64)
    address: str | None = Field(default=None, max_length=255)
    notes: str | None = Field(default=None, max_length=5000)
    phones: list[str] = Field(default_factory=list, max_length=20)
    tags: list[CustomerTag] = Field(default_factory=list, max_length=10)


class CustomerUpdate(RequestBody):
    """Only the fields sent are changed; ``phones`` / ``tags`` replace the whole list when sent."""

    name: str | None = Field(default=None, max_length=64)
    address: str | None = Field(default=None, max_length=255)
    notes: str | None = Field(default=None, max_length=5000)
    phones: list[str] | None = Field(default=None, max_length=20)
    tags: list[CustomerTag] | None = Field(default=None, max_length=10)


class CustomerOut(ResponseBody):
    id: int
    name: str | None = None
    address: str | None = None
    notes: str | None = None
    phones: list[str] = Field(default_factory=list)
    tags: list[CustomerTag] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime


class CustomerPage(ResponseBody):
    items: list[CustomerOut]
    total: int
    offset: int
    limit: int


class CustomerImportResult(ResponseBody):
    """All rows were valid and are saved (an import with any bad row saves nothing: 422 lists the lines)."""

    created: int
    updated: int = 0
