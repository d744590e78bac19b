"""Callback tasks (callers who hung up while queued) and voicemails."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from ..enums import CallbackStatus, VoicemailStatus
from ._base import RequestBody, ResponseBody
from .blacklist import PHONE_PATTERN


class CallbackCreate(RequestBody):
    number: str = Field(pattern=PHONE_PATTERN)
    reason: str = Field(default="requested", min_length=1, max_length=32)
    queue_code: str | None = None


class CallbackAssign(RequestBody):
    agent_id: int


class CallbackResult(RequestBody):
    status: Literal["in_progress", "done", "failed"] = Field(
        description="in_progress = dialling now; done / failed close the task"
    )
    note: str | None = Field(default=None, max_length=255)


class CallbackOut(ResponseBody):
    id: int
    call_id: int | None = None
    number: str
    queue_id: int | None = None
    reason: str
    created_at: datetime
    assigned_agent_id: int | None = None
    status: CallbackStatus
    attempts: int
    last_attempt_at: datetime | None = None
    result_note: str | None = None
    done_at: datetime | None = None


class VoicemailOut(ResponseBody):
    id: int
    call_id: int | None = None
    caller_number: str
    queue_id: int | None = None
    duration_seconds: float
    created_at: datetime
    status: VoicemailStatus
    assigned_agent_id: int | None = None
    handled_at: datetime | None = None


class VoicemailStatusChange(RequestBody):
    status: Literal["heard", "done"]
