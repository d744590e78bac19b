"""Tickets (work orders) with their full event history, built from the answered calls.

Each ticket is registered by the agent who took the call, then walks the server's own life cycle
(:mod:`server_stub.services.ticket_states`) with realistic delays: dispatch, department accept /
start / finish, return visit, close — with some returned by a department, some extension requests
(approved, refused, still pending), some reopened after an unsatisfied visit, consultations answered
on the spot, and links between tickets about the same matter. The walk stops at the end of the
history (``until``, by default the start of ``today``), so young tickets are still open and old ones
mostly closed, and every status appears.
"""

from __future__ import annotations

import logging
import math
import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any

from server_stub.demo_data import CENTRE_TZ
from server_stub.demo_data import _ticket_text as text
from server_stub.demo_data._matters import MATTERS, Matter
from server_stub.demo_data.calls import DemoCall, check_until
from server_stub.demo_data.categories import Category, deadline_days, leaf_categories
from server_stub.demo_data.departments import DEPARTMENTS, Department, department, department_id
from server_stub.demo_data.people import LEADER_WORK_NUMBER, chinese_name
from server_stub.services.serials import format_serial
from server_stub.services.sla import deadline_for, warn_at_for
from server_stub.services.ticket_states import TicketAction, next_status
from shared.protocol.enums import CallDirection, ExtensionDecision, Satisfaction, TicketStatus, TicketType

logger = logging.getLogger(__name__)

S = TicketStatus
A = TicketAction

#: ``ticket_events.kind`` as ``services.tickets`` writes it: the action's value, except these.
_SPECIAL_KINDS: dict[TicketAction, str] = {A.EDIT: "edited", A.LINK: "linked"}
CREATED_KIND = "created"


def event_kind(action: TicketAction, decision: ExtensionDecision | None = None) -> str:
    """The ``kind`` the server records for ``action`` (extension decisions name the decision)."""
    if action is A.DECIDE_EXTENSION:
        if decision is None or decision is ExtensionDecision.PENDING:
            raise ValueError("an extension decision is approved or refused")
        return f"extension_{decision.value}"
    return _SPECIAL_KINDS.get(action, action.value)


# Ticket types by the kind of queue the call came through.
_COMPLAINT_MIX: dict[TicketType, float] = {
    TicketType.COMPLAINT: 0.55, TicketType.REPORT: 0.22, TicketType.HELP_REQUEST: 0.1,
    TicketType.SUGGESTION: 0.05, TicketType.CONSULTATION: 0.06, TicketType.PRAISE: 0.02,
}  # fmt: skip
_CONSULT_MIX: dict[TicketType, float] = {
    TicketType.CONSULTATION: 0.66, TicketType.HELP_REQUEST: 0.1, TicketType.COMPLAINT: 0.1,
    TicketType.SUGGESTION: 0.07, TicketType.PRAISE: 0.04, TicketType.REPORT: 0.03,
}  # fmt: skip
_COMPLAINT_QUEUES = frozenset({"Q12345_COMPLAINT", "Q12315_COMPLAINT"})

# Category roots each queue's tickets fall under.
_QUEUE_ROOTS: dict[str, tuple[str, ...]] = {
    "Q12345_GENERAL": ("SB", "HJ", "CG", "JT", "JY", "WS", "HB", "SDQ", "ZF", "MZ", "BDC", "NS", "CRJ"),
    "Q12345_COMPLAINT": ("CG", "HB", "SDQ", "ZF", "JT", "WS", "JY", "MZ"),
    "Q12345_SHEBAO": ("SB",),
    "Q12345_HUKOU": ("HJ", "CRJ"),
    "Q12345_ENGLISH": ("CRJ", "HJ", "JT"),
    "Q12345_OVERFLOW": ("CG", "SDQ", "ZF"),
    "Q12329_TQ": ("GJJ-TQ",),
    "Q12329_DK": ("GJJ-DK",),
    "Q12329_GENERAL": ("GJJ-JC", "GJJ-ZY", "GJJ-TQ"),
    "Q12315_COMPLAINT": ("XF",),
    "Q12315_CONSULT": ("XF",),
}

SATISFACTION_MIX: dict[Satisfaction, float] = {
    Satisfaction.SATISFIED: 0.76,
    Satisfaction.UNSATISFIED: 0.12,
    Satisfaction.UNKNOWN: 0.12,
}
ANSWER_ON_THE_SPOT_SHARE = 0.55  # of consultations
WRONG_DEPARTMENT_SHARE = 0.06
EXTENSION_SHARE = 0.09
LATE_SHARE = 0.12
STALLED_SHARE = 0.07
VISIT_SHARE = 0.85
REOPEN_SHARE = 0.35  # of unsatisfied visits
LINK_SHARE = 0.04


@dataclass(frozen=True, slots=True)
class DemoTicketEvent:
    """One history entry. ``actor`` is a work number; department clerks have only ``actor_name``."""

    at: datetime
    kind: str
    action: TicketAction | None
    from_status: TicketStatus | None
    to_status: TicketStatus | None
    actor: str | None
    actor_name: str | None
    note: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DemoExtension:
    """A department's request for more time; ``id`` is the database id the loader uses."""

    id: int
    requested_at: datetime
    requested_by: str
    reason: str
    requested_deadline: datetime
    decision: ExtensionDecision
    decided_at: datetime | None
    decided_by: str | None
    decision_note: str | None


@dataclass(frozen=True, slots=True)
class DemoTicket:
    """One ticket with its history. Immutable; safe to share between threads.

    ``id`` is 1-based in creation order; ``agent`` is the registering agent's work number; ``call_id``
    the call it was registered on. ``status`` is where ``events`` leave it; ``department_code`` is
    ``None`` after a return or reopen that was not dispatched again yet. Event ``details`` carry the
    loader's database ids (departments, extensions), as the server writes them.
    """

    id: int
    serial: str
    type: TicketType
    status: TicketStatus
    title: str
    content: str
    caller_number: str
    customer_id: int | None
    category_code: str
    department_code: str | None
    agent: str
    call_id: int
    created_at: datetime
    updated_at: datetime
    deadline: datetime
    warn_at: datetime
    dispatched_at: datetime | None
    done_at: datetime | None
    closed_at: datetime | None
    satisfaction: Satisfaction | None
    result: str | None
    return_count: int
    events: tuple[DemoTicketEvent, ...]
    extensions: tuple[DemoExtension, ...] = ()


@dataclass(frozen=True, slots=True)
class DemoTicketLink:
    """Two tickets about the same matter, ``ticket_id < linked_ticket_id``."""

    ticket_id: int
    linked_ticket_id: int
    created_at: datetime
    created_by: str


@dataclass(frozen=True, slots=True)
class DemoTickets:
    tickets: list[DemoTicket]
    links: list[DemoTicketLink]


def replay(events: tuple[DemoTicketEvent, ...] | list[DemoTicketEvent]) -> TicketStatus:
    """The status a history leads to under the server's transition table.

    Raises ``ValueError`` if the history does not start with ``created``, goes back in time, or
    contains a step the life cycle forbids — what the tests and the loader rely on.
    """
    if not events or events[0].kind != CREATED_KIND or events[0].to_status is not S.REGISTERED:
        raise ValueError("a ticket history must start with a 'created' event into registered")
    status = S.REGISTERED
    for prev, ev in pairwise(events):
        if ev.at < prev.at:
            raise ValueError(f"history goes back in time at {ev.kind} ({ev.at} < {prev.at})")
        if ev.action is None or ev.from_status is not status:
            raise ValueError(f"{ev.kind} at {ev.at} starts from {ev.from_status}, ticket was {status}")
        status = next_status(status, ev.action)
        if ev.to_status is not status:
            raise ValueError(f"{ev.kind} at {ev.at} claims {ev.to_status}, the life cycle gives {status}")
    return status


class _Cutoff(Exception):
    """The next step would happen after the end of the history: the ticket stays where it is."""


class _Returned(Exception):
    """The department handed the ticket back: it must be dispatched again."""


def _hours(rng: random.Random, median: float, sigma: float = 0.8) -> timedelta:
    return timedelta(hours=rng.lognormvariate(math.log(median), sigma))


def _office(at: datetime, rng: random.Random) -> datetime:
    """Departments act in office hours: a moment outside 08:30–18:00 moves to the next morning."""
    local = at.astimezone(CENTRE_TZ)
    morning = datetime.combine(local.date(), time(8, 30), CENTRE_TZ) + timedelta(minutes=rng.randrange(90))
    if local.hour < 8 or (local.hour == 8 and local.minute < 30):
        return max(morning, at)
    if local.hour >= 18:
        return morning + timedelta(days=1)
    return at


class _Builder:
    """Mutable state of one ticket while its history is generated (not shared between threads).

    Field updates mirror what ``services.tickets`` does for each action, so a demo ticket looks
    exactly like one the server walked through the same steps.
    """

    def __init__(self, cutoff: datetime, created_at: datetime, agent: str, cat: Category, dept: Department):
        self.cutoff = cutoff
        self.created_at = created_at
        self.category = cat
        self.status = S.REGISTERED
        self.now = created_at
        self.events: list[DemoTicketEvent] = [
            DemoTicketEvent(created_at, CREATED_KIND, None, None, S.REGISTERED, agent, None)
        ]
        self.extensions: list[DemoExtension] = []
        self.department: Department | None = dept
        self.dispatched_at: datetime | None = None
        self.done_at: datetime | None = None
        self.closed_at: datetime | None = None
        self.satisfaction: Satisfaction | None = None
        self.result: str | None = None
        self.return_count = 0
        self.deadline = deadline_for(created_at, deadline_days(cat))
        self.warn_at = warn_at_for(created_at, self.deadline)

    def step(
        self,
        action: TicketAction,
        at: datetime,
        *,
        actor: str | None = None,
        actor_name: str | None = None,
        note: str | None = None,
        kind: str | None = None,
        **details: Any,
    ) -> None:
        """Record ``action`` at ``at`` (never before the previous step); raises :class:`_Cutoff` if
        ``at`` is past the end of the history."""
        at = max(at, self.now + timedelta(seconds=1)).replace(microsecond=0)
        if at >= self.cutoff:
            raise _Cutoff
        new = next_status(self.status, action)
        event = DemoTicketEvent(
            at, kind or event_kind(action), action, self.status, new, actor, actor_name, note, details
        )
        self.events.append(event)
        self.status = new
        self.now = at


def _pick_weighted(rng: random.Random, mix: dict[Any, float]) -> Any:
    return rng.choices(list(mix), weights=list(mix.values()))[0]


def _category_for(rng: random.Random, queue_code: str | None) -> Category:
    roots = _QUEUE_ROOTS.get(queue_code or "", _QUEUE_ROOTS["Q12345_GENERAL"])
    leaves = [c for c in leaf_categories() if any(c.code == r or c.code.startswith(r + "-") for r in roots)]
    return rng.choice(leaves)


def _matters_of(cat: Category) -> list[Matter]:
    return [m for m in MATTERS if m.category == cat.code]


def _content(rng: random.Random, ttype: TicketType, cat: Category, dept: Department) -> tuple[str, str]:
    matter = rng.choice(_matters_of(cat))
    issues = text.ISSUES.get(cat.code)
    if ttype in (TicketType.COMPLAINT, TicketType.REPORT, TicketType.HELP_REQUEST) and issues:
        short, sentence = rng.choice(issues)
        detail = text.fill(sentence, rng)
        if ttype is TicketType.REPORT:
            return f"举报{short}", f"市民举报{detail}，请相关部门核实查处。"
        if ttype is TicketType.HELP_REQUEST:
            return f"求助：{short}", f"市民求助：{detail}，希望相关部门尽快协助解决。"
        return short, f"市民反映{detail}，要求相关部门尽快处理。"
    if ttype is TicketType.COMPLAINT:
        fault = rng.choice(text.SERVICE_FAULTS)
        district = text.place(rng)[:3]
        return (
            f"投诉{matter.name}办理问题",
            f"市民反映在{district}便民服务中心办理{matter.name}时{fault}，要求相关部门核实处理。",
        )
    if ttype is TicketType.REPORT:
        return (
            f"举报{matter.name}违规",
            f"市民举报有中介以代办{matter.name}为名收取高额费用，请相关部门核查。",
        )
    if ttype is TicketType.HELP_REQUEST:
        return (
            f"求助：{matter.name}",
            f"市民求助：家中老人行动不便，无法到现场办理{matter.name}，希望相关部门提供上门服务。",
        )
    if ttype is TicketType.SUGGESTION:
        idea = rng.choice(text.SUGGESTIONS)
        return f"建议{matter.name}{idea}", f"市民建议{dept.name}就{matter.name}{idea}，方便群众办事。"
    if ttype is TicketType.PRAISE:
        clerk = chinese_name(rng)
        return (
            f"表扬{dept.name}工作人员",
            f"市民来电表扬{dept.name}工作人员{clerk}在办理{matter.name}时服务热情、解答耐心，特此致谢。",
        )
    return (
        matter.question,
        f"市民来电咨询：{matter.question}？坐席已告知基本政策，市民希望{dept.name}就个人具体情况进一步答复。",
    )


def _clerk(rng: random.Random, dept: Department) -> str:
    return f"{dept.name} {chinese_name(rng)}"


class _TicketWalker:
    """Walks one ticket through its life; owns the shared extension-id counter (single thread)."""

    def __init__(self, rng: random.Random, staff_agents: list[str]) -> None:
        self.rng = rng
        self.staff_agents = staff_agents
        self.next_extension_id = 1

    def dispatch_and_work(self, b: _Builder, agent: str, dept: Department, first_round: bool) -> None:
        """Dispatch to ``dept`` and let it work the ticket to done (raises :class:`_Returned` if the
        department hands it back)."""
        rng = self.rng
        dispatcher = agent if rng.random() < 0.8 else LEADER_WORK_NUMBER
        stalled = rng.random() < STALLED_SHARE
        wrong = first_round and rng.random() < WRONG_DEPARTMENT_SHARE
        to = rng.choice([d for d in DEPARTMENTS if d.code != dept.code]) if wrong else dept
        delay = _hours(rng, 40) if stalled else _hours(rng, 0.4)
        b.step(A.DISPATCH, b.now + delay, actor=dispatcher,
               department_id=department_id(to.code), department_name=to.name)  # fmt: skip
        b.department = to
        b.dispatched_at = b.now
        clerk = _clerk(rng, to)
        if wrong:
            returned_at = _office(b.now + _hours(rng, 5), rng)
            reason = rng.choice(text.RETURN_REASONS)
            b.step(A.RETURN, returned_at, actor=LEADER_WORK_NUMBER, actor_name=clerk, note=reason,
                   returned_by_department_id=department_id(to.code))  # fmt: skip
            b.department = None
            b.dispatched_at = None
            b.return_count += 1
            raise _Returned
        # department steps are phoned in by the clerk and recorded by the leader under the clerk's name
        b.step(A.ACCEPT, _office(b.now + _hours(rng, 2.5), rng), actor=LEADER_WORK_NUMBER, actor_name=clerk)
        b.step(A.START, _office(b.now + _hours(rng, 5), rng), actor=LEADER_WORK_NUMBER, actor_name=clerk)
        start = b.events[0].at if not any(e.action is A.REOPEN for e in b.events) else b.dispatched_at
        span = b.deadline - start
        late = rng.random() < LATE_SHARE
        # stalled tickets are the red lights a leader chases: the department sits on them for weeks
        factor = (
            rng.uniform(1.5, 6.0) if stalled else rng.uniform(1.05, 1.8) if late else rng.uniform(0.25, 0.9)
        )
        target = start + span * factor
        if rng.random() < EXTENSION_SHARE:
            target = self._extension(b, clerk, start, span, target)
        if target > b.warn_at and rng.random() < 0.5:
            b.step(
                A.REMARK,
                b.warn_at + _hours(rng, 4),
                actor=LEADER_WORK_NUMBER,
                note=rng.choice(text.URGE_NOTES),
            )
        result = rng.choice(text.RESULTS)
        b.step(A.FINISH, _office(max(target, b.now + timedelta(hours=1)), rng), actor=LEADER_WORK_NUMBER,
               actor_name=clerk)  # fmt: skip
        b.result = result
        b.done_at = b.now

    def _extension(
        self, b: _Builder, clerk: str, start: datetime, span: timedelta, target: datetime
    ) -> datetime:
        rng = self.rng
        asked = _office(max(b.now + timedelta(hours=1), start + span * rng.uniform(0.4, 0.8)), rng)
        wanted = (b.deadline + timedelta(days=rng.randint(3, 10))).replace(microsecond=0)
        reason = rng.choice(text.EXTENSION_REASONS)
        b.step(A.REQUEST_EXTENSION, asked, actor=LEADER_WORK_NUMBER, actor_name=clerk, note=reason,
               requested_deadline=wanted.isoformat())  # fmt: skip
        ext_id = self.next_extension_id
        self.next_extension_id += 1
        pending = DemoExtension(
            ext_id, b.now, clerk, reason, wanted, ExtensionDecision.PENDING, None, None, None
        )
        b.extensions.append(pending)
        # recent requests are often still on the leader's desk
        if b.now > b.cutoff - timedelta(days=2) and rng.random() < 0.6:
            raise _Cutoff
        decision = ExtensionDecision.APPROVED if rng.random() < 0.72 else ExtensionDecision.REFUSED
        note = "同意延期。" if decision is ExtensionDecision.APPROVED else rng.choice(text.EXTENSION_REFUSALS)
        details: dict[str, Any] = {"extension_id": ext_id, "decision": decision.value}
        if decision is ExtensionDecision.APPROVED:
            details["old_deadline"] = b.deadline.isoformat()
            details["new_deadline"] = wanted.isoformat()
        b.step(A.DECIDE_EXTENSION, b.now + _hours(rng, 3), actor=LEADER_WORK_NUMBER, note=note,
               kind=event_kind(A.DECIDE_EXTENSION, decision), **details)  # fmt: skip
        b.extensions[-1] = replace(
            pending, decision=decision, decided_at=b.now, decided_by=LEADER_WORK_NUMBER, decision_note=note
        )
        if decision is not ExtensionDecision.APPROVED:
            return target
        # as the server does: the yellow stretch before the deadline keeps its length
        b.warn_at = wanted - (b.deadline - b.warn_at)
        b.deadline = wanted
        return start + (wanted - start) * rng.uniform(0.6, 0.95)

    def visit_and_close(self, b: _Builder, agent: str) -> bool:
        """Return visit and close; ``True`` if the ticket was reopened and goes round again."""
        rng = self.rng
        if rng.random() < VISIT_SHARE:
            visitor = rng.choice(self.staff_agents) if rng.random() < 0.7 else agent
            sat: Satisfaction = _pick_weighted(rng, SATISFACTION_MIX)
            b.step(A.VISIT, _office(b.now + _hours(rng, 20, 0.6), rng), actor=visitor,
                   note=rng.choice(text.VISIT_NOTES[sat.value]), satisfaction=sat.value)  # fmt: skip
            b.satisfaction = sat
            if sat is Satisfaction.UNSATISFIED and rng.random() < REOPEN_SHARE:
                b.step(A.REOPEN, b.now + _hours(rng, 4), actor=LEADER_WORK_NUMBER,
                       note="市民不满意，重新派发办理。", previous_satisfaction=sat.value)  # fmt: skip
                # as the server does: a new round with a fresh deadline and no department yet
                b.done_at = None
                b.satisfaction = None
                b.department = None
                b.dispatched_at = None
                b.deadline = deadline_for(b.now, deadline_days(b.category))
                b.warn_at = warn_at_for(b.now, b.deadline)
                return True
        b.step(A.CLOSE, b.now + _hours(rng, 8), actor=LEADER_WORK_NUMBER)
        b.closed_at = b.now
        return False

    def walk(self, b: _Builder, ttype: TicketType, agent: str, dept: Department) -> None:
        rng = self.rng
        try:
            if ttype is TicketType.CONSULTATION and rng.random() < ANSWER_ON_THE_SPOT_SHARE:
                result = "坐席已按知识库口径当场答复，市民表示清楚。"
                b.step(A.ANSWER, b.now + timedelta(seconds=rng.randint(20, 120)), actor=agent)
                b.result = result
                b.done_at = b.now
                self.visit_and_close(b, agent)
                return
            first = True
            for _round in range(3):
                try:
                    self.dispatch_and_work(b, agent, dept, first)
                except _Returned:
                    self.dispatch_and_work(b, agent, dept, False)
                first = False
                if not self.visit_and_close(b, agent):
                    return
        except _Cutoff:
            return


def generate_tickets(
    *,
    calls: list[DemoCall],
    staff_agents: list[str],
    today: date,
    seed: int = 0,
    count: int = 5_000,
    until: datetime | None = None,
) -> DemoTickets:
    """``count`` tickets registered on answered inbound ``calls``, ids and serials in creation order.

    ``staff_agents`` are the work numbers that make return visits. Histories end before ``until``
    (a moment on ``today``), by default the start of ``today`` (centre time).
    """
    check_until(today, until)
    rng = random.Random(f"tickets:{seed}")
    eligible = [c for c in calls if c.direction is CallDirection.INBOUND and c.agent and c.answered_at]
    if count > len(eligible):
        raise ValueError(f"{count} tickets need as many answered calls; only {len(eligible)} given")
    chosen = sorted(rng.sample(eligible, count), key=lambda c: (c.ended_at, c.id))
    cutoff = until or datetime.combine(today, time(0), CENTRE_TZ)
    walker = _TicketWalker(rng, staff_agents)
    tickets: list[DemoTicket] = []
    per_day: dict[date, int] = {}
    for call in chosen:
        agent = call.agent or ""
        created = (call.ended_at + timedelta(seconds=rng.randint(5, 25))).replace(microsecond=0)
        day = created.astimezone(CENTRE_TZ).date()
        per_day[day] = per_day.get(day, 0) + 1
        mix = _COMPLAINT_MIX if call.queue_code in _COMPLAINT_QUEUES else _CONSULT_MIX
        ttype: TicketType = _pick_weighted(rng, mix)
        cat = _category_for(rng, call.queue_code)
        dept = department(cat.department_code)
        title, content = _content(rng, ttype, cat, dept)
        b = _Builder(cutoff, created, agent, cat, dept)
        walker.walk(b, ttype, agent, dept)
        tickets.append(
            DemoTicket(
                id=len(tickets) + 1,
                serial=format_serial(day, per_day[day]),
                type=ttype,
                status=b.status,
                title=title,
                content=content,
                caller_number=call.caller_number,
                customer_id=call.customer_id,
                category_code=cat.code,
                department_code=b.department.code if b.department else None,
                agent=agent,
                call_id=call.id,
                created_at=created,
                updated_at=b.now,
                deadline=b.deadline,
                warn_at=b.warn_at,
                dispatched_at=b.dispatched_at,
                done_at=b.done_at,
                closed_at=b.closed_at,
                satisfaction=b.satisfaction,
                result=b.result,
                return_count=b.return_count,
                events=tuple(b.events),
                extensions=tuple(b.extensions),
            )
        )
    links = _link(rng, tickets)
    return DemoTickets(tickets, links)


def _status_at(t: DemoTicket, at: datetime) -> TicketStatus:
    status = S.REGISTERED
    for ev in t.events:
        if ev.at > at:
            break
        if ev.to_status is not None:
            status = ev.to_status
    return status


def _link(rng: random.Random, tickets: list[DemoTicket]) -> list[DemoTicketLink]:
    """Link some tickets to an earlier, still open ticket of the same caller (same area) or category."""
    links: list[DemoTicketLink] = []
    linked: set[int] = set()
    by_caller: dict[str, list[int]] = {}
    for i, t in enumerate(tickets):
        root = t.category_code.split("-")[0]
        mine = by_caller.setdefault(t.caller_number, [])
        earlier = [j for j in mine if tickets[j].category_code.startswith(root)]
        if (earlier and rng.random() < 0.5) or rng.random() < LINK_SHARE:
            candidates = earlier or [
                j for j in range(max(0, i - 40), i) if tickets[j].category_code == t.category_code
            ]
            at = t.created_at + timedelta(seconds=30)
            for j in reversed(candidates):
                other = tickets[j]
                if other.id in linked or S.CLOSED in (_status_at(other, at), _status_at(t, at)):
                    continue
                links.append(DemoTicketLink(other.id, t.id, at, t.agent))
                linked.update((other.id, t.id))
                tickets[j] = _with_link_event(other, at, t)
                tickets[i] = t = _with_link_event(t, at, other)
                break
        mine.append(i)
    return links


def _with_link_event(t: DemoTicket, at: datetime, other: DemoTicket) -> DemoTicket:
    status = _status_at(t, at)
    ev = DemoTicketEvent(at, event_kind(A.LINK), A.LINK, status, status, other.agent, None,
                         f"关联工单{other.serial}", {"serial": other.serial})  # fmt: skip
    events = sorted((*t.events, ev), key=lambda e: e.at)
    return replace(t, events=tuple(events), updated_at=max(t.updated_at, at))
