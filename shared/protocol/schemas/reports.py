"""Bodies of ``/api/v1/reports/*``: aggregated figures the supervisor console charts and exports.

Both the server's reports router and the console read these (one definition for both sides). Every
figure is computed by SQL aggregation on the server; times are UTC, buckets are aligned to the centre's
local day (``tz_offset_minutes``). Unknown fields are ignored (pydantic's default) so an older console
still reads a newer server's reports.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from ._base import ResponseBody
from .calls import CallParticipant


class Bucket(StrEnum):
    HOUR = "hour"
    DAY = "day"


class TicketGrouping(StrEnum):
    TYPE = "type"
    CATEGORY = "category"
    DEPARTMENT = "department"


class CallVolumeRow(ResponseBody):
    """Inbound calls that arrived in one bucket (and one queue, when split by queue)."""

    bucket_start: datetime
    queue_code: str | None = None
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    answered_within_sl: int = 0


class CallVolumeReport(ResponseBody):
    since: datetime
    until: datetime
    bucket: Bucket
    by_queue: bool
    rows: list[CallVolumeRow]


class AgentReportRow(ResponseBody):
    """One agent's period: calls and the seconds spent in each state (not-ready split by reason).

    A call is *handled* by the one agent who took it (``calls.agent_id``): ``calls_answered``,
    ``talk_seconds``, ``hold_seconds`` and ``transfers`` count only those, so the centre's handled total
    still equals its answered calls. Joining a colleague's conference room is not handling a call: it is
    counted apart, as ``conferences_joined`` (distinct calls whose room the agent joined as an invited
    party) and ``conference_talk_seconds`` (time in those rooms, from joining to leaving). The seat was
    busy meanwhile (its talking time shows in the state figures), so occupancy stays right.
    ``conferences_held``: calls this agent took in which at least one invited party joined.
    """

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
    conferences_joined: int = 0
    conference_talk_seconds: int = 0
    conferences_held: int = 0


class AgentReport(ResponseBody):
    since: datetime
    until: datetime
    rows: list[AgentReportRow]


class FrequentCaller(ResponseBody):
    caller_number: str
    calls: int
    first_call: datetime
    last_call: datetime
    tickets: int = 0


class FrequentCallersReport(ResponseBody):
    since: datetime
    until: datetime
    min_calls: int
    rows: list[FrequentCaller]


class TicketCountRow(ResponseBody):
    key: str
    label: str
    count: int
    previous_count: int


class TicketReport(ResponseBody):
    """Tickets created in [since, until) by ``grouping``, beside the period of equal length before."""

    since: datetime
    until: datetime
    previous_since: datetime
    grouping: TicketGrouping
    rows: list[TicketCountRow]


class WallboardPoint(ResponseBody):
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


class WallboardSeries(ResponseBody):
    """The last hours in fixed intervals, with the same intervals one week earlier."""

    since: datetime
    until: datetime
    interval_minutes: int
    service_level_seconds: int
    points: list[WallboardPoint]


class AgentCallRow(ResponseBody):
    """A call in one agent's day: one the agent took, or (``joined_conference``) a colleague's call whose
    conference the agent joined — then ``talk_seconds`` is the agent's time in the room and
    ``hold_seconds`` 0. ``participants``: who was in the conversation besides the caller (the agent who
    took it first)."""

    id: int
    caller_number: str
    queue_code: str | None = None
    arrived_at: datetime
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    disposition: str | None = None
    talk_seconds: int = 0
    hold_seconds: int = 0
    joined_conference: bool = False
    participants: list[CallParticipant] = Field(default_factory=list)


class WaitingCall(ResponseBody):
    """A caller in a queue now (queued, not yet answered or gone), longest-waiting first within priority."""

    call_id: int
    caller_number: str
    queue_code: str | None = None
    priority: int = 0
    queued_at: datetime
    wait_seconds: int


class LiveQueueFigures(ResponseBody):
    """The call router's own figures for a queue (``GET /callcenter/queues``, only while the call path
    runs); the console prefers its estimated wait to its own rough one."""

    code: str
    waiting: int = 0
    longest_wait_seconds: float = 0.0
    estimated_wait_seconds: int | None = None
