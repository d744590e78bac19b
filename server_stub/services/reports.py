"""Report figures by SQL aggregation (never loading the rows): call volume, per-agent times, frequent
callers, tickets by type/category/department against the previous period, and the wallboard series.

Works on SQLite and PostgreSQL: the only dialect-specific piece is how a timestamp becomes epoch seconds
(:func:`_epoch`); buckets are ``(epoch + centre offset) // bucket size`` so both backends group the same way.
Every function is keyword-only and takes ``now``/windows from the caller (no clock of its own).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from shared.protocol.enums import AgentState, CallDirection, CallDisposition
from shared.protocol.schemas.reports import (
    AgentCallRow,
    AgentReport,
    AgentReportRow,
    Bucket,
    CallVolumeReport,
    CallVolumeRow,
    FrequentCaller,
    FrequentCallersReport,
    TicketCountRow,
    TicketGrouping,
    TicketReport,
    WaitingCall,
    WallboardPoint,
    WallboardSeries,
)

from ..db.models import Agent, AgentStateLog, Call, CallAgentLeg, Category, Department, Queue, Team, Ticket
from .calls_participants import CONFERENCE_OUTCOME, participants_of

if TYPE_CHECKING:  # the call centre imports services: a runtime import would be circular
    from ..callcenter.live_stats import LiveSnapshot

logger = logging.getLogger(__name__)

#: The centre's offset from UTC (China Standard Time has no daylight saving).
CENTRE_OFFSET_MINUTES = 8 * 60
DEFAULT_SERVICE_LEVEL_SECONDS = 20
MAX_WALLBOARD_POINTS = 96
MAX_AGENT_CALLS = 500


def _epoch(session: Session, column: Any) -> ColumnElement[int]:
    """Whole seconds since 1970 of a timestamp column, on either backend."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.extract("epoch", column), BigInteger)
    return cast(func.strftime("%s", column), Integer)


def _bucket_expr(session: Session, column: Any, *, size_s: int, offset_s: int) -> ColumnElement[int]:
    return (_epoch(session, column) + offset_s) // size_s


def _bucket_start(index: int, *, size_s: int, offset_s: int) -> datetime:
    return datetime.fromtimestamp(index * size_s - offset_s, UTC)


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _inbound_window(since: datetime, until: datetime) -> ColumnElement[bool]:
    return and_(Call.direction == CallDirection.INBOUND, Call.arrived_at >= since, Call.arrived_at < until)


def _call_figures(session: Session) -> list[Any]:
    """offered / answered / abandoned / answered within the queue's service level, as SUM columns."""
    waited = _epoch(session, Call.answered_at) - _epoch(
        session, func.coalesce(Call.queued_at, Call.arrived_at)
    )
    threshold = func.coalesce(Queue.service_level_seconds, DEFAULT_SERVICE_LEVEL_SECONDS)
    return [
        func.count(Call.id).label("offered"),
        func.sum(case((Call.answered_at.is_not(None), 1), else_=0)).label("answered"),
        func.sum(case((Call.disposition == CallDisposition.ABANDONED, 1), else_=0)).label("abandoned"),
        func.sum(case((and_(Call.answered_at.is_not(None), waited <= threshold), 1), else_=0)).label(
            "within_sl"
        ),
    ]


def call_volume(
    session: Session,
    *,
    since: datetime,
    until: datetime,
    bucket: Bucket,
    by_queue: bool,
    queue_code: str | None = None,
    tz_offset_minutes: int = CENTRE_OFFSET_MINUTES,
) -> CallVolumeReport:
    size = 3600 if bucket is Bucket.HOUR else 86400
    offset = tz_offset_minutes * 60
    index = _bucket_expr(session, Call.arrived_at, size_s=size, offset_s=offset).label("bucket")
    columns: list[Any] = [index, *_call_figures(session)]
    group: list[Any] = [index]
    if by_queue:
        columns.append(Queue.code.label("queue_code"))
        group.append(Queue.code)
    stmt = select(*columns).select_from(Call).outerjoin(Queue, Queue.id == Call.queue_id)
    stmt = stmt.where(_inbound_window(since, until))
    if queue_code:
        stmt = stmt.where(Queue.code == queue_code)
    stmt = stmt.group_by(*group).order_by(*group)
    rows = [
        CallVolumeRow(
            bucket_start=_bucket_start(int(r.bucket), size_s=size, offset_s=offset),
            queue_code=r.queue_code if by_queue else queue_code,
            offered=int(r.offered or 0),
            answered=int(r.answered or 0),
            abandoned=int(r.abandoned or 0),
            answered_within_sl=int(r.within_sl or 0),
        )
        for r in session.execute(stmt)
    ]
    return CallVolumeReport(since=since, until=until, bucket=bucket, by_queue=by_queue, rows=rows)


def agent_report(session: Session, *, since: datetime, until: datetime, now: datetime) -> AgentReport:
    """Calls, talk, hold and transfers from ``calls`` (the agent who took each call); conferences joined
    and their time from ``call_agent_legs`` (kept apart, see :class:`AgentReportRow`); ready/not-ready/
    wrap-up seconds from ``agent_state_log``, each stretch clipped to the window (an open stretch runs
    until ``now``)."""
    end = min(until, now)
    rows: dict[int, AgentReportRow] = {}

    talk = _epoch(session, Call.ended_at) - _epoch(session, Call.answered_at)
    calls_stmt = (
        select(
            Call.agent_id,
            func.count(Call.id).label("answered"),
            func.sum(case((Call.ended_at.is_not(None), talk), else_=0)).label("talk"),
            func.sum(Call.hold_seconds).label("hold"),
            func.sum(case((Call.disposition == CallDisposition.TRANSFERRED, 1), else_=0)).label("transfers"),
        )
        .where(Call.agent_id.is_not(None), Call.answered_at >= since, Call.answered_at < until)
        .group_by(Call.agent_id)
    )
    call_figures = {r.agent_id: r for r in session.execute(calls_stmt)}
    conference_figures = _conference_figures(session, since=since, until=until)
    held = _conferences_held(session, since=since, until=until)

    since_e, end_e = _ts(since), _ts(end)
    start_expr = case(
        (AgentStateLog.started_at < since, literal(since_e)), else_=_epoch(session, AgentStateLog.started_at)
    )
    end_expr = case(
        (or_(AgentStateLog.ended_at.is_(None), AgentStateLog.ended_at > end), literal(end_e)),
        else_=_epoch(session, AgentStateLog.ended_at),
    )
    state_stmt = (
        select(
            AgentStateLog.agent_id,
            AgentStateLog.state,
            AgentStateLog.reason,
            func.sum(end_expr - start_expr).label("seconds"),
        )
        .where(
            AgentStateLog.started_at < end,
            or_(AgentStateLog.ended_at.is_(None), AgentStateLog.ended_at > since),
        )
        .group_by(AgentStateLog.agent_id, AgentStateLog.state, AgentStateLog.reason)
    )
    state_figures = list(session.execute(state_stmt))

    agent_ids = set(call_figures) | {r.agent_id for r in state_figures} | set(conference_figures)
    if not agent_ids:
        return AgentReport(since=since, until=until, rows=[])
    people = session.execute(
        select(Agent.id, Agent.work_number, Agent.name, Team.name.label("team"))
        .outerjoin(Team, Team.id == Agent.team_id)
        .where(Agent.id.in_(agent_ids))
    )
    for p in people:
        rows[p.id] = AgentReportRow(agent_id=p.id, work_number=p.work_number, name=p.name, team=p.team)
    for agent_id, r in call_figures.items():
        row = rows.get(agent_id)
        if row is not None:
            row.calls_answered = int(r.answered or 0)
            row.talk_seconds = max(0, int(r.talk or 0))
            row.hold_seconds = int(r.hold or 0)
            row.transfers = int(r.transfers or 0)
    for agent_id, (joined, seconds) in conference_figures.items():
        row = rows.get(agent_id)
        if row is not None:
            row.conferences_joined, row.conference_talk_seconds = joined, seconds
    for agent_id, count in held.items():
        row = rows.get(agent_id)
        if row is not None:
            row.conferences_held = count
    for r in state_figures:
        row = rows.get(r.agent_id)
        seconds = max(0, int(r.seconds or 0))
        if row is None or not seconds:
            continue
        state = AgentState(r.state)
        if state is AgentState.READY:
            row.ready_seconds += seconds
        elif state is AgentState.WRAP_UP:
            row.wrap_up_seconds += seconds
        elif state is AgentState.NOT_READY:
            row.not_ready_seconds += seconds
            key = r.reason or ""
            row.not_ready_by_reason[key] = row.not_ready_by_reason.get(key, 0) + seconds
    ordered = sorted(rows.values(), key=lambda x: x.work_number)
    return AgentReport(since=since, until=until, rows=ordered)


def _joined_conference(since: datetime, until: datetime) -> ColumnElement[bool]:
    """An agent's leg into a colleague's conference room, joined within the window."""
    return and_(
        CallAgentLeg.outcome == CONFERENCE_OUTCOME,
        CallAgentLeg.agent_id.is_not(None),
        CallAgentLeg.answered_at >= since,
        CallAgentLeg.answered_at < until,
    )


def _conference_figures(session: Session, *, since: datetime, until: datetime) -> dict[int, tuple[int, int]]:
    """``agent id → (distinct calls whose room the agent joined, seconds in those rooms)``; a leg still
    open (the call goes on) counts no seconds yet, like a call still going on."""
    seconds = _epoch(session, CallAgentLeg.ended_at) - _epoch(session, CallAgentLeg.answered_at)
    stmt = (
        select(
            CallAgentLeg.agent_id,
            func.count(func.distinct(CallAgentLeg.call_id)).label("joined"),
            func.sum(case((CallAgentLeg.ended_at.is_not(None), seconds), else_=0)).label("talk"),
        )
        .where(_joined_conference(since, until))
        .group_by(CallAgentLeg.agent_id)
    )
    return {r.agent_id: (int(r.joined or 0), max(0, int(r.talk or 0))) for r in session.execute(stmt)}


def _conferences_held(session: Session, *, since: datetime, until: datetime) -> dict[int, int]:
    """``agent id → calls the agent took (answered in the window) where an invited party joined``."""
    joined = select(CallAgentLeg.call_id).where(
        CallAgentLeg.outcome == CONFERENCE_OUTCOME, CallAgentLeg.answered_at.is_not(None)
    )
    stmt = (
        select(Call.agent_id, func.count(Call.id))
        .where(
            Call.agent_id.is_not(None),
            Call.answered_at >= since,
            Call.answered_at < until,
            Call.id.in_(joined),
        )
        .group_by(Call.agent_id)
    )
    return {int(r[0]): int(r[1]) for r in session.execute(stmt) if r[0] is not None}


def frequent_callers(
    session: Session, *, since: datetime, until: datetime, min_calls: int, limit: int
) -> FrequentCallersReport:
    count = func.count(Call.id)
    stmt = (
        select(
            Call.caller_number,
            count.label("calls"),
            func.min(Call.arrived_at).label("first"),
            func.max(Call.arrived_at).label("last"),
        )
        .where(_inbound_window(since, until))
        .group_by(Call.caller_number)
        .having(count >= min_calls)
        .order_by(count.desc(), Call.caller_number)
        .limit(limit)
    )
    found = list(session.execute(stmt))
    numbers = [r.caller_number for r in found]
    tickets: dict[str, int] = {}
    if numbers:
        ticket_stmt = (
            select(Ticket.caller_number, func.count(Ticket.id))
            .where(Ticket.caller_number.in_(numbers), Ticket.created_at >= since, Ticket.created_at < until)
            .group_by(Ticket.caller_number)
        )
        tickets = {number: int(n) for number, n in session.execute(ticket_stmt)}
    rows = [
        FrequentCaller(
            caller_number=r.caller_number,
            calls=int(r.calls),
            first_call=r.first if r.first.tzinfo else r.first.replace(tzinfo=UTC),
            last_call=r.last if r.last.tzinfo else r.last.replace(tzinfo=UTC),
            tickets=tickets.get(r.caller_number, 0),
        )
        for r in found
    ]
    return FrequentCallersReport(since=since, until=until, min_calls=min_calls, rows=rows)


def ticket_report(
    session: Session, *, since: datetime, until: datetime, grouping: TicketGrouping
) -> TicketReport:
    previous_since = since - (until - since)
    current = func.sum(case((Ticket.created_at >= since, 1), else_=0)).label("current")
    previous = func.sum(case((Ticket.created_at < since, 1), else_=0)).label("previous")
    window = and_(Ticket.created_at >= previous_since, Ticket.created_at < until)
    labels: dict[str, str] = {}
    stmt: Any  # the key column differs per grouping
    if grouping is TicketGrouping.TYPE:
        stmt = select(Ticket.type.label("key"), current, previous).where(window).group_by(Ticket.type)
    elif grouping is TicketGrouping.CATEGORY:
        stmt = (
            select(Ticket.category_id.label("key"), current, previous)
            .where(window)
            .group_by(Ticket.category_id)
        )
        labels = {str(i): n for i, n in session.execute(select(Category.id, Category.name))}
    else:
        stmt = (
            select(Ticket.department_id.label("key"), current, previous)
            .where(window)
            .group_by(Ticket.department_id)
        )
        labels = {str(i): n for i, n in session.execute(select(Department.id, Department.name))}
    rows: list[TicketCountRow] = []
    for r in session.execute(stmt):
        raw = r.key.value if hasattr(r.key, "value") else r.key
        key = "" if raw is None else str(raw)
        rows.append(
            TicketCountRow(
                key=key,
                label=labels.get(key, key),
                count=int(r.current or 0),
                previous_count=int(r.previous or 0),
            )
        )
    rows.sort(key=lambda x: (-x.count, x.key))
    return TicketReport(since=since, until=until, previous_since=previous_since, grouping=grouping, rows=rows)


def wallboard(
    session: Session,
    *,
    until: datetime,
    hours: int,
    interval_minutes: int,
    tz_offset_minutes: int = CENTRE_OFFSET_MINUTES,
    waiting_now: int | None = None,
) -> WallboardSeries:
    """Calls per interval (with the same intervals a week earlier), speed of answer, handle time and
    agents by state at the end of each interval. The caller bounds the point count. ``waiting_now``: the
    call router's live count of callers in a queue, used for the current (last) interval."""
    size = interval_minutes * 60
    offset = tz_offset_minutes * 60
    first_index = (_ts(until) + offset) // size - (hours * 3600) // size + 1
    last_index = (_ts(until) + offset) // size
    since = _bucket_start(first_index, size_s=size, offset_s=offset)
    week = 7 * 86400

    def per_bucket(start: datetime, end: datetime) -> dict[int, Any]:
        index = _bucket_expr(session, Call.arrived_at, size_s=size, offset_s=offset).label("bucket")
        waited = _epoch(session, Call.answered_at) - _epoch(
            session, func.coalesce(Call.queued_at, Call.arrived_at)
        )
        handle = _epoch(session, Call.ended_at) - _epoch(session, Call.answered_at)
        stmt = (
            select(
                index,
                *_call_figures(session),
                func.avg(case((Call.answered_at.is_not(None), waited), else_=None)).label("asa"),
                func.avg(
                    case(
                        (and_(Call.answered_at.is_not(None), Call.ended_at.is_not(None)), handle), else_=None
                    )
                ).label("aht"),
            )
            .select_from(Call)
            .outerjoin(Queue, Queue.id == Call.queue_id)
            .where(_inbound_window(start, end))
            .group_by(index)
        )
        return {int(r.bucket): r for r in session.execute(stmt)}

    current = per_bucket(since, until)
    last_week = per_bucket(since - timedelta(seconds=week), until - timedelta(seconds=week))
    points: list[WallboardPoint] = []
    for index in range(first_index, last_index + 1):
        r = current.get(index)
        lw = last_week.get(index - week // size)
        start = _bucket_start(index, size_s=size, offset_s=offset)
        point = WallboardPoint(bucket_start=start, offered_last_week=int(lw.offered) if lw is not None else 0)
        if r is not None:
            point.offered = int(r.offered or 0)
            point.answered = int(r.answered or 0)
            point.abandoned = int(r.abandoned or 0)
            point.answered_within_sl = int(r.within_sl or 0)
            point.average_answer_seconds = float(r.asa) if r.asa is not None else None
            point.average_handle_seconds = float(r.aht) if r.aht is not None else None
        instant = min(until, start + timedelta(seconds=size))
        point.agents_by_state = agents_by_state_at(session, at=instant)
        if waiting_now is not None and instant >= until:
            point.calls_waiting = waiting_now
        else:
            point.calls_waiting = calls_waiting_at(session, at=instant)
        points.append(point)
    sl = session.scalar(select(func.min(Queue.service_level_seconds)).where(Queue.active.is_(True)))
    return WallboardSeries(
        since=since,
        until=until,
        interval_minutes=interval_minutes,
        service_level_seconds=int(sl or DEFAULT_SERVICE_LEVEL_SECONDS),
        points=points,
    )


def agents_by_state_at(session: Session, *, at: datetime) -> dict[str, int]:
    """How many agents were in each state (logged out excluded) at one instant, from the state log."""
    stmt = (
        select(AgentStateLog.state, func.count(func.distinct(AgentStateLog.agent_id)))
        .where(
            AgentStateLog.started_at <= at,
            or_(AgentStateLog.ended_at.is_(None), AgentStateLog.ended_at > at),
            AgentStateLog.state != AgentState.LOGGED_OUT,
        )
        .group_by(AgentStateLog.state)
    )
    counts: dict[str, int] = defaultdict(int)
    for state, n in session.execute(stmt):
        counts[AgentState(state).value] += int(n)
    return dict(counts)


def agent_calls(session: Session, *, agent_id: int, since: datetime, until: datetime) -> list[AgentCallRow]:
    """The calls one agent took, and colleagues' calls whose conference the agent joined, that arrived in
    the window, newest first (capped); each names who was in the conversation."""
    joined_legs = select(CallAgentLeg.call_id).where(
        CallAgentLeg.agent_id == agent_id,
        CallAgentLeg.outcome == CONFERENCE_OUTCOME,
        CallAgentLeg.answered_at.is_not(None),
    )
    stmt = (
        select(Call, Queue.code)
        .outerjoin(Queue, Queue.id == Call.queue_id)
        .where(
            or_(Call.agent_id == agent_id, Call.id.in_(joined_legs)),
            Call.arrived_at >= since,
            Call.arrived_at < until,
        )
        .order_by(Call.arrived_at.desc(), Call.id.desc())
        .limit(MAX_AGENT_CALLS)
    )
    found = list(session.execute(stmt))
    calls = [call for call, _ in found]
    in_room = _seconds_in_rooms(
        session, agent_id=agent_id, call_ids=[c.id for c in calls if c.agent_id != agent_id]
    )
    who = participants_of(session, calls=calls)
    rows: list[AgentCallRow] = []
    for call, code in found:
        joined = call.agent_id != agent_id
        talk = 0
        if joined:
            talk = in_room.get(call.id, 0)
        elif call.answered_at is not None and call.ended_at is not None:
            talk = max(0, int((call.ended_at - call.answered_at).total_seconds()))
        rows.append(
            AgentCallRow(
                id=call.id,
                caller_number=call.caller_number,
                queue_code=code,
                arrived_at=call.arrived_at,
                answered_at=call.answered_at,
                ended_at=call.ended_at,
                disposition=call.disposition.value if call.disposition is not None else None,
                talk_seconds=talk,
                hold_seconds=0 if joined else call.hold_seconds,
                joined_conference=joined,
                participants=who.get(call.id, []),
            )
        )
    return rows


def _seconds_in_rooms(session: Session, *, agent_id: int, call_ids: list[int]) -> dict[int, int]:
    """``call id → seconds`` the agent spent in each call's conference room (ended legs)."""
    if not call_ids:
        return {}
    seconds = _epoch(session, CallAgentLeg.ended_at) - _epoch(session, CallAgentLeg.answered_at)
    stmt = (
        select(CallAgentLeg.call_id, func.sum(seconds))
        .where(
            CallAgentLeg.agent_id == agent_id,
            CallAgentLeg.call_id.in_(call_ids),
            CallAgentLeg.outcome == CONFERENCE_OUTCOME,
            CallAgentLeg.answered_at.is_not(None),
            CallAgentLeg.ended_at.is_not(None),
        )
        .group_by(CallAgentLeg.call_id)
    )
    return {int(call_id): max(0, int(total or 0)) for call_id, total in session.execute(stmt)}


#: a queue's ``max_wait_seconds`` is at most 24 h (``QueueIn``); a caller "waiting" longer is a stale row
MAX_QUEUE_WAIT = timedelta(hours=24, minutes=1)


def _waiting_at(at: datetime) -> ColumnElement[bool]:
    """Queued by ``at`` and still waiting then: not out of the queue yet (``left_queue_at``: answered,
    abandoned, sent to voicemail or after-hours…) and not hung up.

    Rows without ``left_queue_at`` (written before it existed, or demo data) fall back to the answer time;
    a voicemail or blocked call among them is never counted: when it left the queue is unknown, and counting
    it until the message ended listed callers recording a voicemail as waiting."""
    no_stamp = and_(
        Call.left_queue_at.is_(None),
        or_(Call.answered_at.is_(None), Call.answered_at > at),
        or_(
            Call.disposition.is_(None),
            Call.disposition.not_in((CallDisposition.VOICEMAIL, CallDisposition.BLOCKED)),
        ),
    )
    return and_(
        Call.direction == CallDirection.INBOUND,
        Call.queued_at.is_not(None),
        Call.queued_at <= at,
        # nobody waits longer than this: bounds the scan (indexed) and drops rows a crash left open
        Call.queued_at > at - MAX_QUEUE_WAIT,
        or_(Call.left_queue_at > at, no_stamp),
        or_(Call.ended_at.is_(None), Call.ended_at > at),
    )


def calls_waiting_at(session: Session, *, at: datetime) -> int:
    return int(session.scalar(select(func.count(Call.id)).where(_waiting_at(at))) or 0)


@dataclass(frozen=True)
class QueuedNow:
    """A caller the running call router holds in a queue (waiting, or ringing an agent) right now."""

    queue_code: str | None
    #: how long the ACD has had the caller in this queue; ``None`` while an agent's phone rings
    waited_seconds: float | None = None
    priority: int | None = None


def queued_from_live(snapshot: LiveSnapshot) -> dict[int, QueuedNow]:
    """The call router's live view (``CallCenter.live()``) as ``call id → QueuedNow``: the source of truth
    for "waiting now" while the call path runs (it knows who went to voicemail or after-hours at once)."""
    queued: dict[int, QueuedNow] = {}
    for queue in snapshot.queues:
        for waiting in queue.waiting_calls:
            if waiting.call_id is not None:
                queued[waiting.call_id] = QueuedNow(queue.code, waiting.waited_seconds, waiting.priority)
    for call in snapshot.calls:
        if call.call_id is not None and call.call_id not in queued and call.phase in _LIVE_QUEUED_PHASES:
            queued[call.call_id] = QueuedNow(call.queue_code)
    return queued


#: ``LiveCall.phase`` values of a caller still in a queue (``callcenter.conversation.Phase``)
_LIVE_QUEUED_PHASES = frozenset({"queued", "ringing"})


def waiting_calls(
    session: Session, *, now: datetime, limit: int, live: Mapping[int, QueuedNow] | None = None
) -> list[WaitingCall]:
    """Callers in a queue right now, highest priority first, then longest waiting (capped).

    With ``live`` (the call router's view, see :func:`queued_from_live`) exactly those callers are listed,
    their wait as the router counts it; without it (no call path here) the calls table decides."""
    stmt = select(Call.id, Call.caller_number, Call.priority, Call.queued_at, Queue.code).outerjoin(
        Queue, Queue.id == Call.queue_id
    )
    if live is None:
        stmt = stmt.where(_waiting_at(now)).order_by(Call.priority.desc(), Call.queued_at).limit(limit)
    elif not live:
        return []
    else:
        stmt = stmt.where(Call.id.in_(list(live)))
    rows = []
    for r in session.execute(stmt):
        queued = r.queued_at or now
        queued = queued if queued.tzinfo else queued.replace(tzinfo=UTC)
        priority, code = r.priority, r.code
        seen = live.get(r.id) if live is not None else None
        if seen is not None:
            if seen.waited_seconds is not None:  # a re-queued (transferred) call waits since re-queueing
                queued = now - timedelta(seconds=seen.waited_seconds)
            priority = seen.priority if seen.priority is not None else priority
            code = seen.queue_code or code
        rows.append(
            WaitingCall(
                call_id=r.id,
                caller_number=r.caller_number,
                queue_code=code,
                priority=priority,
                queued_at=queued,
                wait_seconds=max(0, int((now - queued).total_seconds())),
            )
        )
    if live is not None:
        rows.sort(key=lambda w: (-w.priority, w.queued_at))
        rows = rows[:limit]
    return rows
