"""Benchmark-scale history: a million calls and 300,000 tickets, streamed as row chunks.

The demo generators in ``calls`` and ``tickets`` simulate queues and walk each ticket through every
step, which is right for 20,000 calls and too slow for a million. These generators keep the shapes
(daily curve, hotline mix, dispositions, status mix by age, valid histories) but draw every row
independently from precomputed pools, and yield lists of dicts keyed by column name so a loader can
hand each chunk straight to SQLAlchemy Core ``insert()`` executemany. Nothing is held in memory
beyond one chunk.
"""

from __future__ import annotations

import bisect
import logging
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import Any

from server_stub.demo_data import CENTRE_TZ
from server_stub.demo_data.calls import HOTLINE_SHARE, HOURLY_CURVE, WEEKDAY_FACTOR
from server_stub.services.serials import format_serial
from shared.protocol.enums import (
    CallDirection,
    CallDisposition,
    Satisfaction,
    TicketStatus,
    TicketType,
)

logger = logging.getLogger(__name__)

Row = dict[str, Any]

_DISPOSITIONS: tuple[tuple[CallDisposition, float], ...] = (
    (CallDisposition.ANSWERED, 0.84),
    (CallDisposition.ABANDONED, 0.08),
    (CallDisposition.TRANSFERRED, 0.035),
    (CallDisposition.VOICEMAIL, 0.02),
    (CallDisposition.OVERFLOW, 0.02),
    (CallDisposition.BLOCKED, 0.005),
)
_TYPES: tuple[tuple[TicketType, float], ...] = (
    (TicketType.CONSULTATION, 0.5),
    (TicketType.COMPLAINT, 0.22),
    (TicketType.HELP_REQUEST, 0.1),
    (TicketType.REPORT, 0.09),
    (TicketType.SUGGESTION, 0.06),
    (TicketType.PRAISE, 0.03),
)
# (action kind, status after) along the ordinary path; a ticket's history is a prefix of it
_PATH: tuple[tuple[str, TicketStatus], ...] = (
    ("dispatch", TicketStatus.DISPATCHED),
    ("accept", TicketStatus.ACCEPTED),
    ("start", TicketStatus.PROCESSING),
    ("finish", TicketStatus.DONE),
    ("visit", TicketStatus.VISITED),
    ("close", TicketStatus.CLOSED),
)
_ORDER = (TicketStatus.REGISTERED, *(s for _, s in _PATH))
_CONTENTS = (
    "市民反映{n}号楼附近夜间施工噪音扰民，要求相关部门尽快处理。",
    "市民咨询离职后提取住房公积金的办理条件和所需材料（第{n}次来电）。",
    "市民反映小区垃圾收集点满溢无人清运，编号{n}。",
    "市民投诉在某商户办理的预付卡无法退费，金额{n}元。",
    "市民求助：家中老人行动不便，希望上门办理社保卡，联系编号{n}。",
    "市民举报{n}路口流动摊贩占道经营，影响通行。",
)


@dataclass(frozen=True, slots=True)
class BulkRefs:
    """Ids the bulk rows point at, taken from the demo rows already in the database.

    ``customers`` pairs each customer id with a phone number; ``queues`` maps hotline → queue ids;
    ``categories`` pairs leaf category ids with their department id.
    """

    agent_ids: Sequence[int]
    queues: dict[str, Sequence[int]]
    customers: Sequence[tuple[int, str]]
    categories: Sequence[tuple[int, int]]
    leader_id: int
    extra: dict[str, Any] = field(default_factory=dict)


def _day_plan(rng: random.Random, count: int, today: date, days: int) -> list[tuple[date, int]]:
    """How many rows fall on each of the ``days`` days before ``today`` (weekday shape, noise)."""
    first = today - timedelta(days=days)
    weights = [
        WEEKDAY_FACTOR[(first + timedelta(days=d)).weekday()] * rng.uniform(0.85, 1.15) for d in range(days)
    ]
    total = sum(weights)
    plan = [(first + timedelta(days=d), int(count * w / total)) for d, w in enumerate(weights)]
    short = count - sum(n for _, n in plan)
    for i in range(short):
        day, n = plan[i % days]
        plan[i % days] = (day, n + 1)
    return plan


def _seconds_in_day(rng: random.Random, curve_cum: list[float], n: int) -> list[int]:
    hours = rng.choices(range(24), cum_weights=curve_cum, k=n)
    return sorted(h * 3600 + rng.randrange(3600) for h in hours)


def bulk_calls(
    refs: BulkRefs,
    *,
    count: int,
    start_id: int,
    today: date,
    days: int = 365,
    seed: int = 0,
    chunk: int = 20_000,
) -> Iterator[list[Row]]:
    """``count`` ``calls`` rows with ids from ``start_id``, in arrival order over ``days`` days."""
    if count < 0 or days <= 0:
        raise ValueError(f"need count ≥ 0 and days > 0, got count={count}, days={days}")
    rng = random.Random(f"bulk-calls:{seed}")
    hotlines = list(HOTLINE_SHARE)
    hotline_cum = list(accumulate(HOTLINE_SHARE.values()))
    curve_cum = list(accumulate(HOURLY_CURVE["12345"]))
    disp, disp_w = zip(*_DISPOSITIONS, strict=True)
    disp_cum = list(accumulate(disp_w))
    agents = list(refs.agent_ids)
    customers = list(refs.customers)
    call_id = start_id
    batch: list[Row] = []
    for day, n in _day_plan(rng, count, today, days):
        midnight = datetime.combine(day, time(0), CENTRE_TZ)
        seconds = _seconds_in_day(rng, curve_cum, n)
        picks = rng.choices(disp, cum_weights=disp_cum, k=n)
        lines = rng.choices(hotlines, cum_weights=hotline_cum, k=n)
        for s, disposition, hotline in zip(seconds, picks, lines, strict=True):
            arrived = midnight + timedelta(seconds=s)
            known = rng.random() < 0.7
            customer_id, number = customers[int(rng.random() * len(customers))] if known else (None, "")
            if not known:
                number = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
            queues = refs.queues[hotline]
            queue_id = queues[int(rng.random() * len(queues))]
            row: Row = {
                "id": call_id,
                "sip_call_id": None,
                "direction": CallDirection.INBOUND,
                "caller_number": number,
                "callee_number": hotline,
                "hotline_number": hotline,
                "queue_id": queue_id,
                "customer_id": customer_id,
                "ivr_path": "main>1",
                "ivr_digits": "1",
                "priority": 0,
                "arrived_at": arrived,
                "queued_at": None,
                "offered_at": None,
                "answered_at": None,
                "ended_at": None,
                "agent_id": None,
                "disposition": disposition,
                "hold_seconds": 0,
                "transferred_from_id": None,
            }
            if disposition is CallDisposition.BLOCKED:
                row.update(
                    queue_id=None, ivr_path=None, ivr_digits=None, ended_at=arrived + timedelta(seconds=8)
                )
            else:
                queued = arrived + timedelta(seconds=12 + int(rng.random() * 30))
                wait = int(rng.expovariate(1 / 15))
                row["queued_at"] = queued
                if disposition in (CallDisposition.ABANDONED, CallDisposition.VOICEMAIL):
                    row["ended_at"] = queued + timedelta(seconds=wait + 5)
                else:
                    if disposition is CallDisposition.OVERFLOW:
                        wait += 180
                    answered = queued + timedelta(seconds=wait + 3)
                    talk = int(min(1800, max(25, rng.lognormvariate(math.log(150), 0.55))))
                    row.update(
                        offered_at=answered - timedelta(seconds=3),
                        answered_at=answered,
                        ended_at=answered + timedelta(seconds=talk),
                        agent_id=agents[int(rng.random() * len(agents))],
                    )
            batch.append(row)
            call_id += 1
            if len(batch) >= chunk:
                yield batch
                batch = []
    if batch:
        yield batch


@dataclass(frozen=True, slots=True)
class TicketChunk:
    """Rows for one chunk of tickets: ``tickets``, their ``events`` and ``ticket_calls``."""

    tickets: list[Row]
    events: list[Row]
    ticket_calls: list[Row]


def _status_for_age(rng: random.Random, age_days: float) -> TicketStatus:
    """Old tickets are mostly closed, young ones still at the department."""
    r = rng.random()
    if age_days < 1:
        i = bisect.bisect([0.25, 0.6, 0.8, 0.95, 0.98, 0.99], r)
    elif age_days < 5:
        i = bisect.bisect([0.03, 0.15, 0.3, 0.6, 0.8, 0.9], r)
    elif age_days < 15:
        i = bisect.bisect([0.005, 0.02, 0.05, 0.15, 0.25, 0.4], r)
    else:
        i = bisect.bisect([0.001, 0.004, 0.008, 0.02, 0.04, 0.08], r)
    return _ORDER[i]


def bulk_tickets(
    refs: BulkRefs,
    *,
    count: int,
    start_id: int,
    call_ids: range,
    today: date,
    days: int = 365,
    seed: int = 0,
    sequences: dict[date, int] | None = None,
    with_events: bool = True,
    chunk: int = 10_000,
) -> Iterator[TicketChunk]:
    """``count`` tickets (ids from ``start_id``) over ``days`` days with valid prefix histories.

    Serials continue each day's sequence after ``sequences[day]`` (the counters already in the
    database) so they never collide with existing tickets; the dict is updated in place, so once
    the generator is exhausted it holds the counters to write back. Each ticket links to one call id
    drawn from ``call_ids``.
    """
    if count < 0 or days <= 0:
        raise ValueError(f"need count ≥ 0 and days > 0, got count={count}, days={days}")
    if count and not len(call_ids):
        raise ValueError("bulk tickets need call ids to link to")
    rng = random.Random(f"bulk-tickets:{seed}")
    sequences = {} if sequences is None else sequences
    curve_cum = list(accumulate(HOURLY_CURVE["12345"]))
    types, type_w = zip(*_TYPES, strict=True)
    type_cum = list(accumulate(type_w))
    agents = list(refs.agent_ids)
    customers = list(refs.customers)
    categories = list(refs.categories)
    cutoff = datetime.combine(today, time(0), CENTRE_TZ)
    ticket_id = start_id
    tickets: list[Row] = []
    events: list[Row] = []
    links: list[Row] = []
    for day, n in _day_plan(rng, count, today, days):
        midnight = datetime.combine(day, time(0), CENTRE_TZ)
        picks = rng.choices(types, cum_weights=type_cum, k=n)
        for s, ttype in zip(_seconds_in_day(rng, curve_cum, n), picks, strict=True):
            created = midnight + timedelta(seconds=s)
            seq = sequences.get(day, 0) + 1
            sequences[day] = seq
            status = _status_for_age(rng, (cutoff - created).total_seconds() / 86400)
            customer_id, number = customers[int(rng.random() * len(customers))]
            category_id, department_id = categories[int(rng.random() * len(categories))]
            agent_id = agents[int(rng.random() * len(agents))]
            steps = _ORDER.index(status)
            # spread the steps over the time left before the cut-off, at most about two weeks
            span = min((cutoff - created).total_seconds() - 60, 14 * 86400.0)
            gaps = sorted(rng.random() * span for _ in range(steps))
            moments = [
                created + timedelta(seconds=int(g)) + timedelta(seconds=i + 1) for i, g in enumerate(gaps)
            ]
            last = moments[-1] if moments else created
            done = moments[3] if steps >= 4 else None
            tickets.append(
                {
                    "id": ticket_id,
                    "serial": format_serial(day, seq),
                    "type": ttype,
                    "status": status,
                    "title": None,
                    "content": _CONTENTS[ticket_id % len(_CONTENTS)].format(n=ticket_id % 997),
                    "caller_number": number,
                    "customer_id": customer_id,
                    "category_id": category_id,
                    "department_id": department_id,
                    "agent_id": agent_id,
                    "created_at": created,
                    "updated_at": last,
                    "deadline": created + timedelta(days=5),
                    "warn_at": created + timedelta(days=5) * (3 / 7),
                    "dispatched_at": moments[0] if steps >= 1 else None,
                    "done_at": done,
                    "closed_at": moments[5] if steps >= 6 else None,
                    "satisfaction": Satisfaction.SATISFIED if steps >= 5 else None,
                    "result": "经核实，已按规定办理并答复市民。" if done else None,
                    "return_count": 0,
                    "revision": 1,
                    "client_ref": None,
                }
            )
            links.append({"ticket_id": ticket_id, "call_id": call_ids[int(rng.random() * len(call_ids))]})
            if with_events:
                events.append(_event(ticket_id, created, "created", None, TicketStatus.REGISTERED, agent_id))
                before = TicketStatus.REGISTERED
                for (kind, after), at in zip(_PATH[:steps], moments, strict=False):
                    actor = refs.leader_id if kind in ("accept", "start", "finish", "close") else agent_id
                    events.append(_event(ticket_id, at, kind, before, after, actor))
                    before = after
            ticket_id += 1
            if len(tickets) >= chunk:
                yield TicketChunk(tickets, events, links)
                tickets, events, links = [], [], []
    if tickets:
        yield TicketChunk(tickets, events, links)


def _event(
    ticket_id: int, at: datetime, kind: str, before: TicketStatus | None, after: TicketStatus, actor: int
) -> Row:
    details = {"satisfaction": Satisfaction.SATISFIED.value} if kind == "visit" else {}
    return {
        "ticket_id": ticket_id,
        "at": at,
        "actor_id": actor,
        "actor_name": None,
        "kind": kind,
        "from_status": before,
        "to_status": after,
        "note": None,
        "details": details,
    }
