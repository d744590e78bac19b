"""Recording metadata as leaders search it; the audio itself is ``GET /recordings/{id}/audio``."""

from __future__ import annotations

from datetime import datetime

from ._base import ResponseBody


class RecordingOut(ResponseBody):
    id: int
    call_id: int
    agent_id: int | None = None
    kind: str
    started_at: datetime
    duration_seconds: float
    size_bytes: int
    sample_rate: int
