"""Bodies of ``/api/v1/reports/*``: aggregated figures the supervisor console charts and exports.

Both the server's reports router and the console read these (one definition for both sides); they
belong in ``shared/protocol/schemas/reports.py`` once that package's owner takes them over. Every
figure is computed by SQL aggregation on the server; times are UTC, buckets are aligned to the centre's
local day (``tz_offset_minutes``).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


class Bucket(StrEnum):
    HOUR = "hour"
    DAY = "day"


class TicketGrouping(StrEnum):
    TYPE = "type"
    CATEGORY = "category"
    DEPARTMENT = "department"


class CallVolumeRow(_Body):
    """Inbound calls that arrived in one bucket (and one queue, when split by queue)."""

    bucket_start: datetime
    queue_code: str | None = None
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    answered_within_sl: int = 0


class CallVolumeReport(_Body):
    since: datetime
    until: datetime
    bucket: Bucket
    by_queue: bool
    rows: list[CallVolumeRow]


class AgentReportRow(_Body):
    """One agent's period: calls and the seconds spent in each state (not-ready split by reason)."""

    agent_id: int
    work_number: str
    name: str
    team: str | None = None
    calls_answered: int = 0
    talk_seconds: int = 0
    hold_seconds: int = 0
    wrap_up_seconds: int = 0
    ready_seconds: int = 0
    not_ready_seconds: int = 0
    not_ready_by_reason: dict[str, int] = Field(default_factory=dict)
    transfers: int = 0


class AgentReport(_Body):
    since: datetime
    until: datetime
    rows: list[AgentReportRow]


class FrequentCaller(_Body):
    caller_number: str
    calls: int
    first_call: datetime
    last_call: datetime
    tickets: int = 0


class FrequentCallersReport(_Body):
    since: datetime
    until: datetime
    min_calls: int
    rows: list[FrequentCaller]


class TicketCountRow(_Body):
    key: str
    label: str
    count: int
    previous_count: int


class TicketReport(_Body):
    """Tickets created in [since, until) by ``grouping``, beside the period of equal length before."""

    since: datetime
    until: datetime
    previous_since: datetime
    grouping: TicketGrouping
    rows: list[TicketCountRow]


class WallboardPoint(_Body):
    bucket_start: datetime
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    answered_within_sl: int = 0
    average_answer_seconds: float | None = None
    average_handle_seconds: float | None = None
    offered_last_week: int = 0
    calls_waiting: int = 0
    agents_by_state: dict[str, int] = Field(default_factory=dict)


class WallboardSeries(_Body):
    """The last hours in fixed intervals, with the same intervals one week earlier."""

    since: datetime
    until: datetime
    interval_minutes: int
    service_level_seconds: int
    points: list[WallboardPoint]


class AgentCallRow(_Body):
    id: int
    caller_number: str
    queue_code: str | None = None
    arrived_at: datetime
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    disposition: str | None = None
    talk_seconds: int = 0
    hold_seconds: int = 0


class WaitingCall(_Body):
    """A caller in a queue now (queued, not yet answered or gone), longest-waiting first within priority."""

    call_id: int
    caller_number: str
    queue_code: str | None = None
    priority: int = 0
    queued_at: datetime
    wait_seconds: int


class LiveQueueFigures(_Body):
    """The call router's own figures for a queue (``GET /callcenter/queues``, only while the call path
    runs); the console prefers its estimated wait to its own rough one."""

    code: str
    waiting: int = 0
    longest_wait_seconds: float = 0.0
    estimated_wait_seconds: int | None = None
