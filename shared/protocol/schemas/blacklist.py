"""Blocked numbers: leaders add and lift them, media workers check a caller before answering."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ._base import RequestBody, ResponseBody

PHONE_PATTERN = r"^\+?[0-9]{3,20}$"


class BlacklistCreate(RequestBody):
    number: str = Field(pattern=PHONE_PATTERN, examples=["13800138000"])
    reason: str = Field(min_length=1, max_length=255)
    expires_at: datetime | None = Field(default=None, description="None = until lifted")


class BlacklistUpdate(RequestBody):
    reason: str | None = Field(default=None, min_length=1, max_length=255)
    expires_at: datetime | None = None


class BlacklistOut(ResponseBody):
    id: int
    number: str
    reason: str
    created_at: datetime
    expires_at: datetime | None = None
    created_by_id: int
    removed_at: datetime | None = None
    removed_by_id: int | None = None


class BlacklistCheck(ResponseBody):
    number: str
    blocked: bool
    entry_id: int | None = None
    reason: str | None = None
    expires_at: datetime | None = None
