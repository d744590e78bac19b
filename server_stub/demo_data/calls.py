"""Past calls (default 20,000 over the last 60 days) from a small queue simulation.

Arrivals follow a daily curve (peaks 9–11 and 14–16, quiet nights, fewer at weekends); each inbound
call walks its hotline's IVR to a queue, waits for a free agent with the skill who is on shift, and
ends answered, abandoned (caller gave up), overflowed, sent to voicemail (closed queue or waited too
long), blocked (blacklisted caller) or transferred to a department. Agents never hold two calls at
once and take the queue's wrap-up time between calls, so reports over this history look sane.
"""

from __future__ import annotations

import bisect
import logging
import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from server_stub.demo_data import CENTRE_TZ
from server_stub.demo_data.departments import DEPARTMENTS, Department
from server_stub.demo_data.people import DemoCustomer, DemoStaff, landline_number, mobile_number
from server_stub.demo_data.queues import HOTLINES, IVR_MENUS, DemoQueue, ivr_routes, queue
from server_stub.demo_data.skills import Skill
from shared.protocol.enums import CallDirection, CallDisposition, CustomerTag, Role

logger = logging.getLogger(__name__)

#: Relative arrivals per local hour, 0–23 (night line only on 12345).
HOURLY_CURVE: dict[str, tuple[float, ...]] = {
    "12345": (
        0.5,
        0.3,
        0.2,
        0.15,
        0.15,
        0.3,
        0.8,
        2.0,
        5.5,
        9.5,
        10.0,
        8.5,
        5.0,
        5.5,
        9.0,
        9.5,
        8.0,
        6.0,
        4.0,
        3.5,
        3.0,
        2.2,
        1.5,
        0.9,
    ),
    "12329": (
        0.05,
        0.02,
        0.02,
        0.02,
        0.02,
        0.05,
        0.2,
        0.8,
        6.0,
        10.0,
        10.0,
        8.0,
        4.0,
        5.0,
        9.0,
        10.0,
        8.0,
        5.0,
        3.0,
        2.0,
        0.4,
        0.2,
        0.1,
        0.05,
    ),
    "12315": (
        0.05,
        0.02,
        0.02,
        0.02,
        0.02,
        0.05,
        0.2,
        0.8,
        5.0,
        9.0,
        10.0,
        8.5,
        5.0,
        6.0,
        9.0,
        9.5,
        8.5,
        6.0,
        4.0,
        3.0,
        0.5,
        0.3,
        0.1,
        0.05,
    ),
}
#: Monday is the busiest day; weekends are about half.
WEEKDAY_FACTOR: tuple[float, ...] = (1.2, 1.05, 1.0, 1.0, 0.95, 0.55, 0.45)
HOTLINE_SHARE: dict[str, float] = {"12345": 0.62, "12329": 0.2, "12315": 0.18}
OUTBOUND_SHARE = 0.04
KNOWN_CALLER_SHARE = 0.7
TRANSFER_SHARE = 0.04
MISSED_OFFER_SHARE = 0.03
# The demo history is far lighter than a real centre's (20,000 calls for 20 seats over two months),
# so queueing alone would give almost no abandons or overflows; these shares put them back at the
# rates a supervisor expects to see.
ABANDON_SHARE = 0.07
OVERFLOW_SHARE = 0.025
BREAK_AFTER_CALL_SHARE = 0.05
#: Longest a call can last from arrival to hang-up (IVR + overflow wait + the longest talk), so calls
#: arriving this long before the end of the history are over by then.
CALL_TAIL = timedelta(minutes=45)

# How strongly IVR options attract callers, by queue code (unlisted routes weigh 1).
_ROUTE_WEIGHTS: dict[str, float] = {
    "Q12345_GENERAL": 10,
    "Q12345_COMPLAINT": 5,
    "Q12345_SHEBAO": 4,
    "Q12345_HUKOU": 2.5,
    "Q12345_ENGLISH": 0.3,
    "Q12329_TQ": 3,
    "Q12329_DK": 4,
    "Q12329_GENERAL": 4,
    "Q12315_COMPLAINT": 6,
    "Q12315_CONSULT": 4,
}
_TRANSFER_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "12345": ("RSJ", "YBJ", "HZ", "ZJJ", "CGJ", "JTJ", "SWJT", "GDGS", "RQJT", "MZJ", "BDC"),
    "12329": ("GJJ",),
    "12315": ("SJJ",),
}


@dataclass(frozen=True, slots=True)
class DemoCallLeg:
    """One agent (or department) the call was offered to or talked with, in order."""

    agent: str | None
    department_code: str | None
    target_number: str | None
    offered_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    outcome: str  # answered / missed / transferred_blind / transferred_consult


@dataclass(frozen=True, slots=True)
class DemoCall:
    """One call. Immutable; safe to share between threads.

    ``id`` is 1-based in arrival order; ``agent`` is the work number of the agent who answered;
    ``queue_code`` the queue the call was placed in (kept when it overflowed elsewhere).
    """

    id: int
    direction: CallDirection
    caller_number: str
    callee_number: str
    hotline: str
    queue_code: str | None
    customer_id: int | None
    ivr_path: str | None
    ivr_digits: str | None
    priority: int
    arrived_at: datetime
    queued_at: datetime | None
    offered_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime
    agent: str | None
    disposition: CallDisposition
    hold_seconds: int
    legs: tuple[DemoCallLeg, ...] = ()

    @property
    def wait_seconds(self) -> float | None:
        if self.queued_at is None:
            return None
        end = self.answered_at or self.ended_at
        return (end - self.queued_at).total_seconds()

    @property
    def talk_seconds(self) -> float:
        if self.answered_at is None:
            return 0.0
        return (self.ended_at - self.answered_at).total_seconds()


def _on_shift(staff: DemoStaff, at: datetime) -> bool:
    """Whether the agent works at local time ``at``: in the shift window and not on a day off.

    Each agent has two rest days a week, staggered by work number, so a day has about 14 agents.
    """
    if staff.shift is None:
        return False
    start, end = staff.shift
    # a night shift that started yesterday evening belongs to yesterday's rota
    rota_day = (at - timedelta(hours=end)).date() if start > end and at.hour < end else at.date()
    offset = int(staff.work_number) % 7
    if rota_day.weekday() in (offset, (offset + 1) % 7):
        return False
    hour = at.hour
    return start <= hour < end if start < end else hour >= start or hour < end


def _skill(staff: DemoStaff, skill: Skill) -> int:
    return next((lvl for s, lvl in staff.skills if s is skill), 0)


class _Rota:
    """Who is on shift with which skills, memoised per queue and hour (rotas change by the hour, and
    asking afresh for every call was most of the generation time). Single-threaded use."""

    def __init__(self, agents: list[DemoStaff]) -> None:
        self.agents = agents
        self._cache: dict[tuple[str, date, int], list[DemoStaff]] = {}

    def eligible(self, q: DemoQueue, at: datetime) -> list[DemoStaff]:
        key = (q.code, at.date(), at.hour)
        pool = self._cache.get(key)
        if pool is None:
            pool = self._cache[key] = _eligible_now(self.agents, q, at) or self.agents
        return pool


def _eligible_now(agents: list[DemoStaff], q: DemoQueue, at: datetime) -> list[DemoStaff]:
    on = [a for a in agents if _on_shift(a, at)]
    fit = [a for a in on if all(_skill(a, s) >= lvl for s, lvl in q.required_skills.items())]
    # a specialist queue with nobody on shift falls back to generalists rather than ringing forever
    return fit or [a for a in on if _skill(a, Skill.GENERAL) > 0]


def _arrival_times(
    rng: random.Random, hotline: str, n: int, today: date, days: int, until: datetime | None = None
) -> list[datetime]:
    first = today - timedelta(days=days)
    cells: list[tuple[date, int]] = []
    weights: list[float] = []
    for d in range(days):
        day = first + timedelta(days=d)
        # day-to-day noise so the daily chart is not a perfect comb
        day_w = WEEKDAY_FACTOR[day.weekday()] * rng.uniform(0.85, 1.15)
        for hour, hour_w in enumerate(HOURLY_CURVE[hotline]):
            cells.append((day, hour))
            weights.append(day_w * hour_w)
    if until is not None:
        # this morning so far: only hours whose calls are certainly over by ``until``
        day_w = WEEKDAY_FACTOR[today.weekday()] * rng.uniform(0.85, 1.15)
        for hour, hour_w in enumerate(HOURLY_CURVE[hotline]):
            if datetime.combine(today, time(hour), CENTRE_TZ) + timedelta(hours=1) <= until - CALL_TAIL:
                cells.append((today, hour))
                weights.append(day_w * hour_w)
    picks = rng.choices(cells, cum_weights=list(accumulate(weights)), k=n)
    return [
        datetime.combine(day, time(hour), CENTRE_TZ) + timedelta(seconds=rng.randrange(3600))
        for day, hour in picks
    ]


def check_until(today: date, until: datetime | None) -> None:
    """Refuse an end of history that is not an aware moment on ``today`` (centre time)."""
    if until is None:
        return
    if until.tzinfo is None:
        raise ValueError("until must carry a time zone (e.g. datetime.now(CENTRE_TZ))")
    if until.astimezone(CENTRE_TZ).date() != today:
        raise ValueError(f"until {until.isoformat()} is not on today ({today.isoformat()}, centre time)")


class _CallerBook:
    """Who calls: a few customers call often (Zipf-like), unknown numbers fill the rest."""

    def __init__(self, rng: random.Random, customers: list[DemoCustomer]) -> None:
        self._rng = rng
        self._customers = customers
        ranks = list(range(1, len(customers) + 1))
        rng.shuffle(ranks)
        self._cum = list(accumulate(1.0 / r**0.9 for r in ranks))
        self._known = {p for c in customers for p in c.phones}

    def pick(self) -> tuple[str, DemoCustomer | None]:
        rng = self._rng
        if self._customers and rng.random() < KNOWN_CALLER_SHARE:
            i = bisect.bisect_left(self._cum, rng.random() * self._cum[-1])
            c = self._customers[min(i, len(self._customers) - 1)]
            phone = c.phones[1] if len(c.phones) > 1 and rng.random() < 0.3 else c.phones[0]
            return phone, c
        while True:
            n = landline_number(rng) if rng.random() < 0.15 else mobile_number(rng)
            if n not in self._known:
                return n, None


def _priority(q: DemoQueue, customer: DemoCustomer | None) -> int:
    if customer is None:
        return 0
    return max((q.priority_rules.get(t.value, 0) for t in customer.tags), default=0)


def _talk_seconds(rng: random.Random) -> int:
    # log-normal around 2.5 minutes: most calls are short, a few difficult ones run long
    return int(min(1800, max(25, rng.lognormvariate(math.log(150), 0.55))))


def generate_calls(
    *,
    customers: list[DemoCustomer],
    staff: list[DemoStaff],
    today: date,
    seed: int = 0,
    count: int = 20_000,
    days: int = 60,
    until: datetime | None = None,
) -> list[DemoCall]:
    """``count`` calls over the ``days`` days before ``today`` (local dates), ids in arrival order.

    With ``until`` (a moment on ``today``) the history also covers ``today`` up to then, every call
    over before ``until``; without it the history ends at the start of ``today``.
    """
    if count < 0 or days <= 0:
        raise ValueError(f"need count ≥ 0 and days > 0, got count={count}, days={days}")
    check_until(today, until)
    rng = random.Random(f"calls:{seed}")
    agents = [s for s in staff if s.role is Role.AGENT]
    if not agents:
        raise ValueError("no agents in staff: calls need someone to answer them")
    book = _CallerBook(rng, customers)

    plan: list[tuple[datetime, str, bool]] = []
    n_out = int(count * OUTBOUND_SHARE)
    shares = list(HOTLINE_SHARE.items())
    remaining = count - n_out
    for i, (hotline, share) in enumerate(shares):
        n = (
            remaining - sum(int((count - n_out) * s) for _, s in shares[:-1])
            if i == len(shares) - 1
            else int((count - n_out) * share)
        )
        plan.extend((t, hotline, False) for t in _arrival_times(rng, hotline, n, today, days, until))
    # call-backs to citizens happen in office hours, so they borrow the housing-fund curve
    plan.extend((t, "12345", True) for t in _arrival_times(rng, "12329", n_out, today, days, until))
    plan.sort(key=lambda p: (p[0], p[1], p[2]))

    routes = {h: ivr_routes(h) for h in HOTLINES}
    route_cum = {h: list(accumulate(_ROUTE_WEIGHTS.get(r[2], 1.0) for r in routes[h])) for h in HOTLINES}
    free_at: dict[str, datetime] = {a.work_number: datetime.min.replace(tzinfo=CENTRE_TZ) for a in agents}
    rota = _Rota(agents)
    calls: list[DemoCall] = []
    for arrived, hotline, outbound in plan:
        call_id = len(calls) + 1
        number, customer = book.pick()
        if outbound:
            calls.append(_outbound(rng, call_id, arrived, number, customer, agents, free_at))
            continue
        if customer and customer.blacklisted_at and arrived >= customer.blacklisted_at:
            calls.append(
                DemoCall(
                    call_id,
                    CallDirection.INBOUND,
                    number,
                    hotline,
                    hotline,
                    None,
                    customer.id,
                    None,
                    None,
                    0,
                    arrived,
                    None,
                    None,
                    None,
                    arrived + timedelta(seconds=rng.randint(5, 12)),
                    None,
                    CallDisposition.BLOCKED,
                    0,
                )
            )
            continue
        i = bisect.bisect_left(route_cum[hotline], rng.random() * route_cum[hotline][-1])
        ivr_path, digits, queue_code = routes[hotline][i]
        q = queue(queue_code)
        queued = arrived + timedelta(seconds=rng.randint(12, 45))
        calls.append(
            _queued(
                rng, call_id, hotline, number, customer, q, ivr_path, digits, arrived, queued, rota, free_at
            )
        )
    return calls


def _outbound(
    rng: random.Random,
    call_id: int,
    at: datetime,
    number: str,
    customer: DemoCustomer | None,
    agents: list[DemoStaff],
    free_at: dict[str, datetime],
) -> DemoCall:
    pool = [a for a in agents if _on_shift(a, at)] or agents
    agent = min(pool, key=lambda a: (free_at[a.work_number], a.work_number))
    start = max(at, free_at[agent.work_number])
    answered = start + timedelta(seconds=rng.randint(5, 25))
    end = answered + timedelta(seconds=int(_talk_seconds(rng) * 0.6))
    free_at[agent.work_number] = end + timedelta(seconds=30)
    leg = DemoCallLeg(agent.work_number, None, number, start, answered, end, "answered")
    return DemoCall(
        call_id,
        CallDirection.OUTBOUND,
        "12345",
        number,
        "12345",
        None,
        customer.id if customer else None,
        None,
        None,
        0,
        start,
        None,
        None,
        answered,
        end,
        agent.work_number,
        CallDisposition.ANSWERED,
        0,
        (leg,),
    )


def _queued(
    rng: random.Random,
    call_id: int,
    hotline: str,
    number: str,
    customer: DemoCustomer | None,
    q: DemoQueue,
    ivr_path: str,
    digits: str,
    arrived: datetime,
    queued: datetime,
    rota: _Rota,
    free_at: dict[str, datetime],
) -> DemoCall:
    customer_id = customer.id if customer else None
    priority = _priority(q, customer)

    def ended(disposition: CallDisposition, end: datetime, queued_at: datetime | None = queued) -> DemoCall:
        return DemoCall(
            call_id,
            CallDirection.INBOUND,
            number,
            hotline,
            hotline,
            q.code,
            customer_id,
            ivr_path,
            digits,
            priority,
            arrived,
            queued_at,
            None,
            None,
            end,
            None,
            disposition,
            0,
        )

    if not q.is_open(queued):
        return ended(CallDisposition.VOICEMAIL, queued + timedelta(seconds=rng.randint(20, 90)), None)

    pool = rota.eligible(q, queued)
    agent = min(pool, key=lambda a: (free_at[a.work_number], a.work_number))
    # ACD selection and ringing take a few seconds even when an agent is free
    offered = max(queued, free_at[agent.work_number]) + timedelta(seconds=rng.randint(1, 6))
    if (q.overflow_to or q.overflow_to_voicemail) and rng.random() < OVERFLOW_SHARE:
        offered = max(offered, queued + timedelta(seconds=q.max_wait_seconds + 1))
    wait = (offered - queued).total_seconds()
    elderly = customer is not None and CustomerTag.ELDERLY in customer.tags
    patience = rng.expovariate(1 / (150 if elderly else 80)) + 5
    if rng.random() < ABANDON_SHARE:
        patience = min(patience, rng.uniform(4, wait + 120))
    overflowed = wait > q.max_wait_seconds
    if patience < min(wait, q.max_wait_seconds):
        return ended(CallDisposition.ABANDONED, queued + timedelta(seconds=int(patience)))
    if overflowed and q.overflow_to_voicemail:
        return ended(
            CallDisposition.VOICEMAIL, queued + timedelta(seconds=q.max_wait_seconds + rng.randint(20, 90))
        )
    if overflowed and q.overflow_to:
        # waited past the limit: the overflow queue's agents are a larger pool, so the call is picked
        # up shortly after the limit
        target = queue(q.overflow_to)
        pool = rota.eligible(target, queued)
        agent = min(pool, key=lambda a: (free_at[a.work_number], a.work_number))
        offered = max(queued + timedelta(seconds=q.max_wait_seconds), free_at[agent.work_number]) + timedelta(
            seconds=rng.randint(1, 6)
        )

    legs: list[DemoCallLeg] = []
    if rng.random() < MISSED_OFFER_SHARE:
        ring_out = offered + timedelta(seconds=q.wrap_up_seconds // 2)
        legs.append(DemoCallLeg(agent.work_number, None, None, offered, None, ring_out, "missed"))
        # the agent who let it ring out is set not-ready "missed" for a while
        free_at[agent.work_number] = ring_out + timedelta(minutes=2)
        pool = [a for a in pool if a is not agent] or pool
        agent = min(pool, key=lambda a: (free_at[a.work_number], a.work_number))
        offered = max(ring_out, free_at[agent.work_number]) + timedelta(seconds=1)
    answered = offered + timedelta(seconds=rng.randint(2, 8))
    talk = _talk_seconds(rng)
    hold = rng.randint(10, 90) if rng.random() < 0.25 else 0
    end = answered + timedelta(seconds=talk + hold)
    disposition = CallDisposition.OVERFLOW if overflowed else CallDisposition.ANSWERED
    if not overflowed and rng.random() < TRANSFER_SHARE:
        dept = _transfer_department(rng, hotline)
        consult = rng.random() < 0.5
        handover = end - timedelta(seconds=rng.randint(15, 40) if consult else 0)
        legs.append(
            DemoCallLeg(
                agent.work_number,
                None,
                None,
                offered,
                answered,
                handover,
                "transferred_consult" if consult else "transferred_blind",
            )
        )
        legs.append(
            DemoCallLeg(
                None,
                dept.code,
                dept.transfer_number,
                handover,
                handover + timedelta(seconds=rng.randint(5, 20)),
                end + timedelta(seconds=rng.randint(60, 400)),
                "answered",
            )
        )
        free_at[agent.work_number] = handover + timedelta(seconds=q.wrap_up_seconds)
        disposition = CallDisposition.TRANSFERRED
        end = legs[-1].ended_at or end
    else:
        legs.append(DemoCallLeg(agent.work_number, None, None, offered, answered, end, "answered"))
        free_at[agent.work_number] = end + timedelta(seconds=q.wrap_up_seconds)
    if rng.random() < BREAK_AFTER_CALL_SHARE:
        free_at[agent.work_number] += timedelta(minutes=rng.randint(5, 20))
    return DemoCall(
        call_id,
        CallDirection.INBOUND,
        number,
        hotline,
        hotline,
        q.code,
        customer_id,
        ivr_path,
        digits,
        priority,
        arrived,
        queued,
        offered,
        answered,
        end,
        agent.work_number,
        disposition,
        hold,
        tuple(legs),
    )


def _transfer_department(rng: random.Random, hotline: str) -> Department:
    codes = _TRANSFER_DEPARTMENTS[hotline]
    code = rng.choice(codes)
    return next(d for d in DEPARTMENTS if d.code == code)


assert set(IVR_MENUS) == set(HOTLINES)
