"""Tickets (work orders): register, edit, move through the life cycle, link, extend, list, summarise.

Every change appends a :class:`TicketEvent` (who, when, what) in the same flush, so the history can never
disagree with the ticket. Functions take ``now`` so SLA behaviour is testable with a fixed clock.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Exists, and_, case, func, or_, select
from sqlalchemy.orm import Session

from shared.protocol.enums import ExtensionDecision, Role, SlaLight, TicketStatus, TicketType
from shared.protocol.schemas.tickets import (
    DepartmentOverdue,
    TicketActionRequest,
    TicketCreate,
    TicketDetail,
    TicketEventOut,
    TicketExtensionOut,
    TicketOut,
    TicketUpdate,
)

from ..api.errors import Conflict, Forbidden, InvalidInput, InvalidTransition
from ..db.models import (
    Agent,
    Call,
    Category,
    Customer,
    Department,
    Ticket,
    TicketEvent,
    TicketExtension,
    TicketLink,
    ticket_calls,
)
from . import categories as category_service
from .customers import find_by_number, require_number
from .departments import names_by_id, require_active_department
from .serials import allocate_serial, parse_serial
from .sla import DEFAULT_POLICY, SlaPolicy, deadline_for, finished_on_time, sla_light, warn_at_for
from .ticket_states import (
    ANSWERABLE_ON_THE_SPOT,
    OPEN_STATUSES,
    InvalidTicketTransition,
    TicketAction,
    allowed_actions,
    next_status,
    role_may,
)

logger = logging.getLogger(__name__)

MAX_PAGE = 200


class EditConflict(Conflict):
    error_id = "edit_conflict"


# --------------------------------------------------------------------------------------------- reading


def get_ticket(session: Session, *, serial: str) -> Ticket | None:
    if parse_serial(serial) is None:
        return None
    return session.scalar(select(Ticket).where(Ticket.serial == serial.strip()))


def require_valid_serial(serial: str) -> None:
    if parse_serial(serial) is None:
        raise InvalidInput(
            f"{serial[:40]!r} is not a ticket serial; serials look like 20250314-0042.",
            error_id="invalid_serial",
            details={"serial": serial[:40]},
        )


@dataclass
class ViewContext:
    """Names needed to render tickets, loaded once per response."""

    categories: dict[int, Category]
    departments: dict[int, str]
    pending_extension_ids: frozenset[int] = frozenset()  # tickets with a request awaiting a leader

    @classmethod
    def load(cls, session: Session, tickets: Iterable[Ticket]) -> ViewContext:
        rows = list(tickets)
        pending: frozenset[int] = frozenset()
        if rows:
            pending = frozenset(
                session.scalars(
                    select(TicketExtension.ticket_id)
                    .where(
                        TicketExtension.ticket_id.in_([t.id for t in rows]),
                        TicketExtension.decision == ExtensionDecision.PENDING,
                    )
                    .distinct()
                )
            )
        categories = category_service.load_with_ancestors(session, (t.category_id for t in rows))
        departments = names_by_id(session, (t.department_id for t in rows))
        return cls(categories=categories, departments=departments, pending_extension_ids=pending)


def ticket_out(
    ticket: Ticket, *, context: ViewContext, now: datetime, policy: SlaPolicy = DEFAULT_POLICY
) -> TicketOut:
    return TicketOut(
        id=ticket.id,
        serial=ticket.serial,
        type=ticket.type,
        status=ticket.status,
        title=ticket.title,
        content=ticket.content,
        caller_number=ticket.caller_number,
        customer_id=ticket.customer_id,
        category_id=ticket.category_id,
        category_path=category_service.path_of(ticket.category_id, context.categories),
        department_id=ticket.department_id,
        department_name=context.departments.get(ticket.department_id) if ticket.department_id else None,
        agent_id=ticket.agent_id,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        deadline=ticket.deadline,
        warn_at=ticket.warn_at,
        dispatched_at=ticket.dispatched_at,
        done_at=ticket.done_at,
        closed_at=ticket.closed_at,
        satisfaction=ticket.satisfaction,
        result=ticket.result,
        return_count=ticket.return_count,
        revision=ticket.revision,
        client_ref=ticket.client_ref,
        sla_light=sla_light(
            status=ticket.status,
            created_at=ticket.created_at,
            deadline=ticket.deadline,
            warn_at=ticket.warn_at,
            now=now,
            policy=policy,
        ),
        finished_on_time=finished_on_time(done_at=ticket.done_at, deadline=ticket.deadline),
        has_pending_extension=ticket.id in context.pending_extension_ids,
    )


def tickets_out(session: Session, tickets: Sequence[Ticket], *, now: datetime) -> list[TicketOut]:
    context = ViewContext.load(session, tickets)
    return [ticket_out(t, context=context, now=now) for t in tickets]


def ticket_detail(session: Session, ticket: Ticket, *, now: datetime) -> TicketDetail:
    summary = ticket_out(ticket, context=ViewContext.load(session, [ticket]), now=now)
    return TicketDetail(
        **summary.model_dump(),
        events=[TicketEventOut.model_validate(e) for e in ticket.events],
        extensions=[TicketExtensionOut.model_validate(x) for x in ticket.extensions],
        linked_serials=linked_serials(session, ticket=ticket),
        call_ids=list(
            session.scalars(
                select(ticket_calls.c.call_id)
                .where(ticket_calls.c.ticket_id == ticket.id)
                .order_by(ticket_calls.c.call_id)
            )
        ),
        allowed_actions=[a.value for a in allowed_actions(ticket.status)],
    )


def linked_serials(session: Session, *, ticket: Ticket) -> list[str]:
    other = case((TicketLink.ticket_id == ticket.id, TicketLink.linked_ticket_id), else_=TicketLink.ticket_id)
    ids = select(other).where(
        or_(TicketLink.ticket_id == ticket.id, TicketLink.linked_ticket_id == ticket.id)
    )
    return list(session.scalars(select(Ticket.serial).where(Ticket.id.in_(ids)).order_by(Ticket.serial)))


def light_condition(light: SlaLight, now: datetime) -> ColumnElement[bool]:
    """SQL for "tickets showing ``light`` at ``now``" over the stored ``deadline`` / ``warn_at`` moments."""
    open_ = Ticket.status.in_(sorted(OPEN_STATUSES))
    if light == SlaLight.RED:
        return and_(open_, Ticket.deadline < now)
    if light == SlaLight.YELLOW:
        return and_(open_, Ticket.deadline >= now, Ticket.warn_at < now)
    return and_(open_, Ticket.warn_at >= now)


def pending_extension_exists() -> Exists:
    """``EXISTS`` a pending extension request for the outer ``Ticket`` row (uses the ticket_id index)."""
    return (
        select(TicketExtension.id)
        .where(TicketExtension.ticket_id == Ticket.id, TicketExtension.decision == ExtensionDecision.PENDING)
        .exists()
    )


@dataclass(frozen=True)
class TicketFilter:
    status: Sequence[TicketStatus] = ()
    light: SlaLight | None = None
    department_id: int | None = None
    agent_id: int | None = None
    caller_number: str | None = None
    customer_id: int | None = None
    type: TicketType | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    text: str | None = None
    pending_extension: bool | None = None  # True: an extension request awaits a decision; False: none does


def _filter_conditions(filters: TicketFilter, now: datetime) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.status:
        conditions.append(Ticket.status.in_(list(filters.status)))
    if filters.light is not None:
        conditions.append(light_condition(filters.light, now))
    if filters.department_id is not None:
        conditions.append(Ticket.department_id == filters.department_id)
    if filters.agent_id is not None:
        conditions.append(Ticket.agent_id == filters.agent_id)
    if filters.caller_number is not None:
        conditions.append(Ticket.caller_number == filters.caller_number)
    if filters.customer_id is not None:
        conditions.append(Ticket.customer_id == filters.customer_id)
    if filters.type is not None:
        conditions.append(Ticket.type == filters.type)
    if filters.created_from is not None:
        conditions.append(Ticket.created_at >= filters.created_from)
    if filters.created_to is not None:
        conditions.append(Ticket.created_at < filters.created_to)
    if filters.pending_extension is not None:
        pending = pending_extension_exists()
        conditions.append(pending if filters.pending_extension else ~pending)
    if filters.text:
        conditions.append(
            or_(
                Ticket.content.contains(filters.text, autoescape=True),
                Ticket.title.contains(filters.text, autoescape=True),
            )
        )
    return conditions


def list_tickets(
    session: Session, *, filters: TicketFilter, now: datetime, offset: int = 0, limit: int = 50
) -> tuple[Sequence[Ticket], int]:
    """Newest first, paged; ``total`` counts every match."""
    conditions = _filter_conditions(filters, now)
    total = session.scalar(select(func.count()).select_from(Ticket).where(*conditions)) or 0
    rows = session.scalars(
        select(Ticket)
        .where(*conditions)
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return rows, total


def overdue_summary(session: Session, *, now: datetime) -> list[DepartmentOverdue]:
    """Open tickets per department by light — one grouped query for the leader board."""
    red = func.sum(case((Ticket.deadline < now, 1), else_=0))
    yellow = func.sum(case((and_(Ticket.deadline >= now, Ticket.warn_at < now), 1), else_=0))
    green = func.sum(case((Ticket.warn_at >= now, 1), else_=0))
    rows = session.execute(
        select(Ticket.department_id, Department.name, green, yellow, red, func.count())
        .select_from(Ticket)
        .outerjoin(Department, Department.id == Ticket.department_id)
        .where(Ticket.status.in_(sorted(OPEN_STATUSES)))
        .group_by(Ticket.department_id, Department.name)
        .order_by(red.desc(), yellow.desc(), Department.name)
    ).all()
    return [
        DepartmentOverdue(
            department_id=dep_id,
            department_name=name,
            green=int(g or 0),
            yellow=int(y or 0),
            red=int(r or 0),
            open_total=int(total),
        )
        for dep_id, name, g, y, r, total in rows
    ]


# --------------------------------------------------------------------------------------------- writing


def _record(
    ticket: Ticket,
    *,
    kind: str,
    actor: Agent | None,
    now: datetime,
    actor_name: str | None = None,
    from_status: TicketStatus | None = None,
    to_status: TicketStatus | None = None,
    note: str | None = None,
    details: dict[str, Any] | None = None,
) -> TicketEvent:
    event = TicketEvent(
        at=now,
        actor_id=actor.id if actor is not None else None,
        actor_name=actor_name or (actor.name if actor is not None else None),
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        note=note,
        details=details or {},
    )
    ticket.events.append(event)
    return event


def _set_deadline(ticket: Ticket, *, start: datetime, days: int | None, policy: SlaPolicy) -> None:
    ticket.deadline = deadline_for(start, days, policy)
    ticket.warn_at = warn_at_for(start, ticket.deadline, policy)


def _deadline_days(session: Session, category_id: int | None) -> int | None:
    if category_id is None:
        return None
    return category_service.effective_deadline_days(
        category_id, category_service.load_with_ancestors(session, [category_id])
    )


def _require_customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise InvalidInput(
            f"There is no customer {customer_id}.",
            error_id="unknown_customer",
            details={"customer_id": customer_id},
        )
    return customer


def _require_text(value: str | None, *, field: str, what: str) -> str:
    if value is None or not value.strip():
        raise InvalidInput(f"Please give {what}.", error_id="missing_field", details={"field": field})
    return value.strip()


def find_by_client_ref(session: Session, *, client_ref: str) -> Ticket | None:
    return session.scalar(select(Ticket).where(Ticket.client_ref == client_ref))


def create_ticket(
    session: Session, *, data: TicketCreate, agent: Agent, now: datetime, policy: SlaPolicy = DEFAULT_POLICY
) -> tuple[Ticket, bool]:
    """Register a ticket; ``(ticket, False)`` when ``client_ref`` was already used (an outbox resend)."""
    if data.client_ref:
        existing = find_by_client_ref(session, client_ref=data.client_ref)
        if existing is not None:
            return existing, False
    content = _require_text(
        data.content, field="content", what="the ticket's content (what the caller asked)"
    )
    number = require_number(data.caller_number, field="caller_number")
    if data.category_id is not None:
        category_service.require_category(session, data.category_id)
    if data.department_id is not None:
        require_active_department(session, data.department_id)
    customer_id = data.customer_id
    if customer_id is not None:
        _require_customer(session, customer_id)
    else:
        owner = find_by_number(session, number=number)
        customer_id = owner.id if owner is not None else None
    call_ids = list(dict.fromkeys(data.call_ids))
    if call_ids:
        known = set(session.scalars(select(Call.id).where(Call.id.in_(call_ids))))
        missing = [c for c in call_ids if c not in known]
        if missing:
            raise InvalidInput(
                f"Unknown call ids: {', '.join(map(str, missing[:10]))}.",
                error_id="unknown_call",
                details={"call_ids": missing[:50]},
            )
    if data.deadline is not None and data.deadline.tzinfo is None:
        raise InvalidInput(
            "Give the deadline with a time zone (e.g. 2025-03-14T18:00:00+08:00).",
            error_id="invalid_deadline",
        )
    if data.deadline is not None and data.deadline <= now:
        raise InvalidInput("The deadline must be in the future.", error_id="invalid_deadline")

    ticket = Ticket(
        serial=allocate_serial(session, now=now),
        type=data.type,
        status=TicketStatus.REGISTERED,
        title=data.title or None,
        content=content,
        caller_number=number,
        customer_id=customer_id,
        category_id=data.category_id,
        department_id=data.department_id,
        agent_id=agent.id,
        created_at=now,
        updated_at=now,
        client_ref=data.client_ref,
        return_count=0,
    )
    if data.deadline is not None:
        ticket.deadline = data.deadline
        ticket.warn_at = warn_at_for(now, data.deadline, policy)
    else:
        _set_deadline(ticket, start=now, days=_deadline_days(session, data.category_id), policy=policy)
    session.add(ticket)
    _record(ticket, kind="created", actor=agent, now=now, to_status=TicketStatus.REGISTERED)
    session.flush()
    if call_ids:
        session.execute(ticket_calls.insert(), [{"ticket_id": ticket.id, "call_id": c} for c in call_ids])
    return ticket, True


def _check_revision(ticket: Ticket, revision: int | None) -> None:
    if revision is not None and revision != ticket.revision:
        raise EditConflict(
            f"Ticket {ticket.serial} was changed meanwhile (you edited revision {revision}, it is now "
            f"{ticket.revision}); reload it and apply your change again.",
            details={"your_revision": revision, "current_revision": ticket.revision},
        )


def _check_allowed(ticket: Ticket, action: TicketAction, agent: Agent) -> TicketStatus:
    if not role_may(agent.role, action, own_ticket=ticket.agent_id == agent.id):
        if agent.role == Role.AGENT:
            raise Forbidden(
                f"Agents may {action.value} only their own tickets, or not at all; ask a shift leader.",
                details={"action": action.value},
            )
        raise Forbidden(f"Your role may not {action.value} tickets.", details={"action": action.value})
    try:
        return next_status(ticket.status, action)
    except InvalidTicketTransition as exc:
        raise InvalidTransition(
            str(exc),
            details={
                "status": ticket.status.value,
                "action": action.value,
                "allowed": [a.value for a in allowed_actions(ticket.status)],
            },
        ) from None


_EDITABLE = ("title", "content", "type", "caller_number", "customer_id", "category_id", "department_id")


def update_ticket(
    session: Session,
    *,
    ticket: Ticket,
    data: TicketUpdate,
    agent: Agent,
    now: datetime,
    revision: int | None = None,
    policy: SlaPolicy = DEFAULT_POLICY,
) -> Ticket:
    """Apply the sent fields; refused with ``edit_conflict`` if the client edited an older revision."""
    _check_allowed(ticket, TicketAction.EDIT, agent)
    _check_revision(ticket, revision if revision is not None else data.revision)
    fields = data.model_fields_set & set(_EDITABLE)
    changes: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for name in fields:
        value = getattr(data, name)
        if name == "content":
            value = _require_text(value, field="content", what="the ticket's content")
        elif name in ("type",) and value is None:
            raise InvalidInput(
                "A ticket always has a type.", error_id="missing_field", details={"field": name}
            )
        elif name == "caller_number":
            value = require_number(_require_text(value, field=name, what="the caller's number"), field=name)
        elif name == "category_id" and value is not None:
            category_service.require_category(session, value)
        elif name == "department_id" and value is not None:
            require_active_department(session, value)
        elif name == "customer_id" and value is not None:
            _require_customer(session, value)
        elif name == "title":
            value = value or None
        values[name] = value
    for name, value in values.items():
        old = getattr(ticket, name)
        if old != value:
            changes[name] = {"from": _jsonable(old), "to": _jsonable(value)}
            setattr(ticket, name, value)
    if not changes:
        return ticket
    if "category_id" in changes and ticket.status == TicketStatus.REGISTERED:
        # before dispatch the deadline follows the category; afterwards only extensions move it
        _set_deadline(
            ticket, start=ticket.created_at, days=_deadline_days(session, ticket.category_id), policy=policy
        )
    ticket.updated_at = now
    _record(ticket, kind="edited", actor=agent, now=now, details={"changes": changes})
    session.flush()
    return ticket


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def parse_action(raw: str) -> TicketAction:
    try:
        return TicketAction(raw.strip().lower())
    except ValueError:
        raise InvalidInput(
            f"Unknown ticket action {raw[:32]!r}; use one of: {', '.join(a.value for a in _EVENT_ACTIONS)}.",
            error_id="unknown_action",
            details={"allowed": [a.value for a in _EVENT_ACTIONS]},
        ) from None


#: Actions ``POST /tickets/{serial}/events`` performs (edit, link and extension decisions have their own).
_EVENT_ACTIONS = (
    TicketAction.DISPATCH,
    TicketAction.ANSWER,
    TicketAction.ACCEPT,
    TicketAction.START,
    TicketAction.FINISH,
    TicketAction.RETURN,
    TicketAction.VISIT,
    TicketAction.CLOSE,
    TicketAction.REOPEN,
    TicketAction.REQUEST_EXTENSION,
    TicketAction.REMARK,
)


def perform_action(
    session: Session,
    *,
    ticket: Ticket,
    request: TicketActionRequest,
    agent: Agent,
    now: datetime,
    policy: SlaPolicy = DEFAULT_POLICY,
) -> TicketEvent:
    """One life-cycle step, validated against the transition table, roles and the action's own needs."""
    action = parse_action(request.action)
    if action not in _EVENT_ACTIONS:
        raise InvalidInput(
            f"{action.value!r} has its own endpoint "
            "(PATCH the ticket, POST …/links or …/extensions/{id}/decision).",
            error_id="unknown_action",
        )
    before = ticket.status
    after = _check_allowed(ticket, action, agent)
    _check_revision(ticket, request.revision)
    note = request.note.strip() if request.note and request.note.strip() else None
    details: dict[str, Any] = {}

    if action == TicketAction.DISPATCH:
        department_id = request.department_id if request.department_id is not None else ticket.department_id
        if department_id is None:
            raise InvalidInput(
                "Choose the department to dispatch to (department_id).",
                error_id="missing_field",
                details={"field": "department_id"},
            )
        department = require_active_department(session, department_id)
        ticket.department_id = department.id
        ticket.dispatched_at = now
        details["department_id"] = department.id
        details["department_name"] = department.name
    elif action == TicketAction.ANSWER:
        if ticket.type not in ANSWERABLE_ON_THE_SPOT:
            raise InvalidTransition(
                f"A {ticket.type.value} cannot be settled on the spot; dispatch it to a department.",
                details={
                    "type": ticket.type.value,
                    "allowed_types": sorted(t.value for t in ANSWERABLE_ON_THE_SPOT),
                },
            )
        ticket.result = _require_text(request.result, field="result", what="the answer given to the caller")
        ticket.done_at = now
    elif action == TicketAction.FINISH:
        ticket.result = _require_text(request.result, field="result", what="the department's answer (result)")
        ticket.done_at = now
    elif action == TicketAction.RETURN:
        note = _require_text(note, field="note", what="the reason the department returns the ticket")
        details["returned_by_department_id"] = ticket.department_id
        ticket.department_id = None
        ticket.dispatched_at = None
        ticket.return_count += 1
    elif action == TicketAction.VISIT:
        if request.satisfaction is None:
            raise InvalidInput(
                "Record the caller's satisfaction: satisfied, unsatisfied or unknown (not reached).",
                error_id="missing_field",
                details={"field": "satisfaction"},
            )
        ticket.satisfaction = request.satisfaction
        details["satisfaction"] = request.satisfaction.value
    elif action == TicketAction.CLOSE:
        ticket.closed_at = now
    elif action == TicketAction.REOPEN:
        note = _require_text(note, field="note", what="why the ticket is reopened")
        details["previous_satisfaction"] = ticket.satisfaction.value if ticket.satisfaction else None
        ticket.done_at = None
        ticket.satisfaction = None
        ticket.department_id = None
        ticket.dispatched_at = None
        # a new round gets a fresh deadline, otherwise it would start red
        _set_deadline(ticket, start=now, days=_deadline_days(session, ticket.category_id), policy=policy)
    elif action == TicketAction.REQUEST_EXTENSION:
        note = _require_text(note, field="note", what="why the department needs more time")
        _request_extension(ticket, request=request, note=note, agent=agent, now=now)
        details["requested_deadline"] = (
            request.requested_deadline.isoformat() if request.requested_deadline else None
        )
    elif action == TicketAction.REMARK:
        note = _require_text(note, field="note", what="the remark")

    ticket.status = after
    ticket.updated_at = now
    event = _record(
        ticket,
        kind=action.value,
        actor=agent,
        actor_name=request.actor_name or None,
        now=now,
        from_status=before,
        to_status=after,
        note=note,
        details=details,
    )
    session.flush()
    return event


def _request_extension(
    ticket: Ticket, *, request: TicketActionRequest, note: str, agent: Agent, now: datetime
) -> TicketExtension:
    wanted = request.requested_deadline
    if wanted is None:
        raise InvalidInput(
            "Give the new deadline the department asks for (requested_deadline).",
            error_id="missing_field",
            details={"field": "requested_deadline"},
        )
    if wanted.tzinfo is None:
        raise InvalidInput("Give requested_deadline with a time zone.", error_id="invalid_deadline")
    if ticket.deadline is not None and wanted <= ticket.deadline:
        raise InvalidInput(
            f"The requested deadline must be later than the current one ({ticket.deadline.isoformat()}).",
            error_id="invalid_deadline",
        )
    if any(x.decision == ExtensionDecision.PENDING for x in ticket.extensions):
        raise Conflict(
            "An extension request for this ticket is already waiting for a decision.",
            error_id="extension_pending",
        )
    extension = TicketExtension(
        requested_at=now,
        requested_by=request.actor_name or agent.name,
        reason=note,
        requested_deadline=wanted,
        decision=ExtensionDecision.PENDING,
    )
    ticket.extensions.append(extension)
    return extension


def decide_extension(
    session: Session,
    *,
    ticket: Ticket,
    extension_id: int,
    decision: ExtensionDecision,
    note: str | None,
    agent: Agent,
    now: datetime,
) -> TicketExtension | None:
    """Approve (the deadline moves) or refuse a pending request; ``None`` if there is no such request."""
    extension = next((x for x in ticket.extensions if x.id == extension_id), None)
    if extension is None:
        return None
    _check_allowed(ticket, TicketAction.DECIDE_EXTENSION, agent)
    if decision == ExtensionDecision.PENDING:
        raise InvalidInput("Decide with 'approved' or 'refused'.", error_id="invalid_decision")
    if extension.decision != ExtensionDecision.PENDING:
        raise Conflict(
            f"This extension request was already {extension.decision.value}.", error_id="extension_decided"
        )
    extension.decision = decision
    extension.decided_at = now
    extension.decided_by_id = agent.id
    extension.decision_note = note or None
    details: dict[str, Any] = {"extension_id": extension.id, "decision": decision.value}
    if decision == ExtensionDecision.APPROVED:
        old_deadline = ticket.deadline
        if old_deadline is not None and ticket.warn_at is not None:
            # the yellow stretch before the deadline keeps its length: the department has time again
            ticket.warn_at = extension.requested_deadline - (old_deadline - ticket.warn_at)
        else:
            ticket.warn_at = warn_at_for(ticket.created_at, extension.requested_deadline)
        ticket.deadline = extension.requested_deadline
        details["old_deadline"] = _jsonable(old_deadline)
        details["new_deadline"] = _jsonable(ticket.deadline)
    ticket.updated_at = now
    _record(
        ticket,
        kind=f"extension_{decision.value}",
        actor=agent,
        now=now,
        from_status=ticket.status,
        to_status=ticket.status,
        note=note or None,
        details=details,
    )
    session.flush()
    return extension


def link_tickets(
    session: Session, *, ticket: Ticket, other_serial: str, agent: Agent, now: datetime
) -> Ticket:
    """Link two tickets about the same matter (both histories record it); returns the other ticket."""
    require_valid_serial(other_serial)
    other = get_ticket(session, serial=other_serial)
    if other is None:
        raise InvalidInput(f"There is no ticket {other_serial}.", error_id="unknown_ticket")
    if other.id == ticket.id:
        raise InvalidInput("A ticket cannot be linked to itself.", error_id="invalid_link")
    _check_allowed(ticket, TicketAction.LINK, agent)
    low, high = sorted((ticket.id, other.id))
    exists = session.scalar(
        select(TicketLink.id).where(TicketLink.ticket_id == low, TicketLink.linked_ticket_id == high)
    )
    if exists is not None:
        raise Conflict(f"{ticket.serial} and {other.serial} are already linked.", error_id="already_linked")
    session.add(TicketLink(ticket_id=low, linked_ticket_id=high, created_at=now, created_by_id=agent.id))
    for one, two in ((ticket, other), (other, ticket)):
        one.updated_at = now
        _record(
            one,
            kind="linked",
            actor=agent,
            now=now,
            from_status=one.status,
            to_status=one.status,
            details={"serial": two.serial},
        )
    session.flush()
    return other
