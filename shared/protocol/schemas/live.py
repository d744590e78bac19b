"""What a console reads of ``GET /api/v1/callcenter/live`` (leaders and admins): the conversations the
call centre carries right now, with their conference rooms.

The server's own body is ``server_stub.callcenter.live_stats.LiveSnapshot`` (queues, seats and calls as
the ACD sees them). These models mirror only the parts a console uses and ignore the rest, so a server
that adds fields (or a console that reads an older server) keeps working: every field has a default.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ._base import ResponseBody
from .conference import ConferenceParty


class LiveConversation(ResponseBody):
    """One conversation (``LiveCall`` on the server): who holds it and, once the agent invited someone,
    its conference room's parties (caller, owner, invited) and the room's owner (a work number)."""

    call_id: int | None = None  # ``calls.id``; None for a call the database does not hold yet
    conversation_id: str = ""
    caller_number: str = ""
    agent: str | None = None  # work number of the seat talking to the caller
    phase: str = ""
    conference: list[ConferenceParty] = Field(default_factory=list)
    conference_owner: str | None = None


class LiveOverview(ResponseBody):
    """The call centre's picture as of ``at`` (the server's time of its last change)."""

    at: datetime | None = None
    calls: list[LiveConversation] = Field(default_factory=list)
