"""The screen pop: everything an agent needs about a caller, in one round trip."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ..enums import CallDirection, CallDisposition
from ._base import ResponseBody
from .calls import CallParticipant
from .customers import CustomerOut
from .tickets import TicketOut


class CallSummary(ResponseBody):
    """One past call; ``participants``: who was in the conversation besides the caller — the agent who
    took it first, then everyone who joined its conference (empty for a call nobody answered)."""

    id: int
    direction: CallDirection
    caller_number: str
    callee_number: str
    hotline_number: str | None = None
    queue_id: int | None = None
    ivr_path: str | None = None
    arrived_at: datetime
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    agent_id: int | None = None
    disposition: CallDisposition | None = None
    participants: list[CallParticipant] = Field(default_factory=list)


class ScreenPop(ResponseBody):
    """A first-time caller has ``customer=None`` and empty lists; totals say how much more history exists.

    ``recent_calls``: the newest calls from this number (10 unless ``?calls=``). ``open_tickets``: the
    newest tickets not yet closed (done and visited included — the caller may be phoning about the
    result) from this number or any other number of the same customer (20 unless ``?tickets=``).
    """

    number: str = Field(description="the caller's number, normalised (digits only, no +86)")
    customer: CustomerOut | None = None
    blacklisted: bool = False
    recent_calls: list[CallSummary] = Field(default_factory=list)
    calls_total: int = 0
    open_tickets: list[TicketOut] = Field(default_factory=list)
    open_tickets_total: int = 0
