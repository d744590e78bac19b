"""``/reports``: aggregated figures for leaders and admins (reports pane, wallboards, agent's day)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request

from shared.protocol.schemas.reports import (
    AgentCallRow,
    AgentReport,
    Bucket,
    CallVolumeReport,
    FrequentCallersReport,
    TicketGrouping,
    TicketReport,
    WaitingCall,
    WallboardSeries,
)

from ...services import reports as service
from ..deps import LeaderOrAdmin, SessionDep
from ..errors import InvalidInput, require_utc_offset

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/reports", tags=["reports"])

MAX_WINDOW = timedelta(days=400)
MAX_HOURLY_WINDOW = timedelta(days=62)


def _now() -> datetime:
    return datetime.now(UTC)


def _live_queued(request: Request) -> dict[int, service.QueuedNow] | None:
    """Who the running call router holds in a queue now; ``None`` when this server has no call path."""
    callcenter = getattr(request.app.state, "callcenter", None)
    return service.queued_from_live(callcenter.live()) if callcenter is not None else None


def _window(
    since: datetime | None, until: datetime | None, *, default_days: int = 1
) -> tuple[datetime, datetime]:
    """Resolve and check a report period; the default is the centre's current day(s)."""
    require_utc_offset(since=since, until=until)
    offset = timedelta(minutes=service.CENTRE_OFFSET_MINUTES)
    now = _now()
    if until is None:
        local_midnight = (now + offset).replace(hour=0, minute=0, second=0, microsecond=0)
        until = local_midnight - offset + timedelta(days=1)
    if since is None:
        since = until - timedelta(days=default_days)
    if since >= until:
        raise InvalidInput("The period is empty: 'since' must be before 'until'.", error_id="invalid_period")
    if until - since > MAX_WINDOW:
        raise InvalidInput(
            "Reports cover at most 400 days; choose a shorter period.", error_id="period_too_long"
        )
    return since, until


@router.get("/call-volume", response_model=CallVolumeReport)
def call_volume(
    _leader: LeaderOrAdmin,
    session: SessionDep,
    since: datetime | None = None,
    until: datetime | None = None,
    bucket: Bucket = Bucket.DAY,
    by_queue: bool = False,
    queue_code: Annotated[str | None, Query(max_length=32)] = None,
) -> CallVolumeReport:
    """Inbound calls offered / answered / abandoned per day or hour (optionally per queue)."""
    start, end = _window(since, until, default_days=7 if bucket is Bucket.DAY else 1)
    if bucket is Bucket.HOUR and end - start > MAX_HOURLY_WINDOW:
        raise InvalidInput(
            "Hourly figures cover at most 62 days; use bucket=day.", error_id="period_too_long"
        )
    return service.call_volume(
        session, since=start, until=end, bucket=bucket, by_queue=by_queue, queue_code=queue_code
    )


@router.get("/agents", response_model=AgentReport)
def agents(
    _leader: LeaderOrAdmin, session: SessionDep, since: datetime | None = None, until: datetime | None = None
) -> AgentReport:
    """Per agent: calls answered, talk, hold, wrap-up, ready and not-ready time (by reason), transfers."""
    start, end = _window(since, until)
    return service.agent_report(session, since=start, until=end, now=_now())


@router.get("/frequent-callers", response_model=FrequentCallersReport)
def frequent_callers(
    _leader: LeaderOrAdmin,
    session: SessionDep,
    since: datetime | None = None,
    until: datetime | None = None,
    min_calls: Annotated[int, Query(ge=2, le=10_000)] = 3,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> FrequentCallersReport:
    """Numbers that called at least ``min_calls`` times in the period, most calls first."""
    start, end = _window(since, until, default_days=30)
    return service.frequent_callers(session, since=start, until=end, min_calls=min_calls, limit=limit)


@router.get("/tickets", response_model=TicketReport)
def tickets(
    _leader: LeaderOrAdmin,
    session: SessionDep,
    since: datetime | None = None,
    until: datetime | None = None,
    group_by: TicketGrouping = TicketGrouping.TYPE,
) -> TicketReport:
    """Tickets created in the period by type, category or department, beside the period before."""
    start, end = _window(since, until, default_days=7)
    return service.ticket_report(session, since=start, until=end, grouping=group_by)


@router.get("/wallboard", response_model=WallboardSeries)
def wallboard(
    request: Request,
    _leader: LeaderOrAdmin,
    session: SessionDep,
    hours: Annotated[int, Query(ge=1, le=24)] = 8,
    interval_minutes: Annotated[int, Query(ge=5, le=120)] = 15,
) -> WallboardSeries:
    """The last ``hours`` in intervals: calls (and a week earlier), service level, speed of answer,
    handle time, agents by state."""
    if hours * 60 // interval_minutes > service.MAX_WALLBOARD_POINTS:
        raise InvalidInput(
            f"At most {service.MAX_WALLBOARD_POINTS} intervals; widen interval_minutes or shorten hours.",
            error_id="too_many_points",
        )
    live = _live_queued(request)
    return service.wallboard(
        session,
        until=_now(),
        hours=hours,
        interval_minutes=interval_minutes,
        waiting_now=len(live) if live is not None else None,
    )


@router.get("/agents/{agent_id}/calls", response_model=list[AgentCallRow])
def agent_calls(
    agent_id: int,
    _leader: LeaderOrAdmin,
    session: SessionDep,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[AgentCallRow]:
    """One agent's calls in the period (default: the centre's today), newest first, at most 500."""
    start, end = _window(since, until)
    return service.agent_calls(session, agent_id=agent_id, since=start, until=end)


@router.get("/waiting-calls", response_model=list[WaitingCall])
def waiting_calls(
    request: Request,
    _leader: LeaderOrAdmin,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[WaitingCall]:
    """Callers in a queue now (not answered, not in voicemail or after-hours, not gone): priority first,
    then the longest wait. While the call path runs, its router's live view decides who is waiting."""
    return service.waiting_calls(session, now=_now(), limit=limit, live=_live_queued(request))
