"""Audit log entries as leaders and admins read them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ._base import ResponseBody


class AuditEntryOut(ResponseBody):
    id: int
    at: datetime
    actor_id: int | None = None
    action: str
    target_type: str | None = None
    target_id: str | None = None
    details: dict[str, Any]
