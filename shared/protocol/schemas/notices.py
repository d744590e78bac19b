"""Emergency notices (shown on seats, read first by the IVR) and leaders' messages to agents."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ._base import RequestBody, ResponseBody


class NoticeCreate(RequestBody):
    title: str = Field(min_length=1, max_length=128)
    body: str = Field(min_length=1, max_length=4000)
    hotline_number: str | None = Field(
        default=None, pattern=r"^[0-9]{3,16}$", description="None = every line"
    )
    play_in_ivr: bool = False
    expires_at: datetime | None = None


class NoticeOut(ResponseBody):
    id: int
    title: str
    body: str
    hotline_number: str | None = None
    play_in_ivr: bool
    published_at: datetime
    expires_at: datetime | None = None
    published_by_id: int
    withdrawn_at: datetime | None = None


class MessageCreate(RequestBody):
    to_agent_id: int | None = Field(default=None, description="None = broadcast to every seat")
    text: str = Field(min_length=1, max_length=2000)


class MessageOut(ResponseBody):
    id: int
    from_id: int
    to_agent_id: int | None = None
    text: str
    sent_at: datetime
