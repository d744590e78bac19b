"""HTTP endpoints for tickets (paths relative to /api/v1).

Roles: every signed-in user reads tickets, registers them and records department steps; agents dispatch,
answer or edit only their own tickets; closing, reopening and deciding extensions need a leader or admin;
the overdue board is for leaders and admins. Details per action are in ``services.ticket_states``.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status
from sqlalchemy.exc import IntegrityError

from shared.protocol.enums import SlaLight, TicketStatus, TicketType
from shared.protocol.events import EventType, TicketDidChange
from shared.protocol.schemas.tickets import (
    ExtensionDecisionRequest,
    OverdueSummary,
    TicketActionRequest,
    TicketCreate,
    TicketDetail,
    TicketLinkRequest,
    TicketPage,
    TicketUpdate,
)

from ...db.models import Agent, Ticket
from ...events.deps import HubDep
from ...services import tickets as service
from ...services.customers import require_number
from ..deps import CurrentAgent, LeaderOrAdmin, SessionDep
from ..errors import InvalidInput, NotFound, require_utc_offset

logger = logging.getLogger(__name__)

router = APIRouter(tags=["tickets"])

_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')


def _now() -> datetime:
    return datetime.now(UTC)


def _load(session: SessionDep, serial: str) -> Ticket:
    service.require_valid_serial(serial)
    ticket = service.get_ticket(session, serial=serial)
    if ticket is None:
        raise NotFound(
            f"There is no ticket {serial}; check the serial the caller gave.", details={"serial": serial}
        )
    return ticket


def _publish(events: HubDep, ticket: Ticket, kind: str, *, actor: Agent) -> None:
    """Tell the ticket's own agent and whoever acted on it (their seats list or pop it); the hub adds
    every leader and admin. In a 500-seat centre the other seats have nothing to do with it."""
    audience = {actor.id} | ({ticket.agent_id} if ticket.agent_id is not None else set())
    events.publish(
        EventType.TICKET_DID_CHANGE,
        TicketDidChange(
            ticket_id=ticket.id,
            serial=ticket.serial,
            status=ticket.status,
            kind=kind,
            agent_id=ticket.agent_id,
            department_id=ticket.department_id,
        ),
        to_agent_ids=audience,
    )


def _if_match(value: str | None) -> int | None:
    if value is None:
        return None
    match = _ETAG.match(value)
    if match is None:
        raise InvalidInput(
            "If-Match must be the ticket's revision number, e.g. If-Match: 3.", error_id="invalid_if_match"
        )
    return int(match.group(1))


@router.post("/tickets", status_code=status.HTTP_201_CREATED, response_model=TicketDetail)
def create_ticket(
    body: TicketCreate,
    session: SessionDep,
    agent: CurrentAgent,
    events: HubDep,
    response: Response,
    idempotency_key: Annotated[str | None, Header(max_length=64)] = None,
) -> TicketDetail:
    """Register a ticket; resending the same ``client_ref`` / ``Idempotency-Key`` returns the first (200)."""
    if body.client_ref is None and idempotency_key:
        body = body.model_copy(update={"client_ref": idempotency_key.strip()})
    now = _now()
    try:
        ticket, created = service.create_ticket(session, data=body, agent=agent, now=now)
        session.commit()
    except IntegrityError:
        # two resends of one outbox entry raced; the loser hands back the winner's ticket
        session.rollback()
        existing = (
            service.find_by_client_ref(session, client_ref=body.client_ref) if body.client_ref else None
        )
        if existing is None:
            raise
        ticket, created = existing, False
    if created:
        _publish(events, ticket, "created", actor=agent)
    else:
        response.status_code = status.HTTP_200_OK
    return service.ticket_detail(session, ticket, now=now)


@router.get("/tickets", response_model=TicketPage)
def list_tickets(
    session: SessionDep,
    _agent: CurrentAgent,
    status_: Annotated[list[TicketStatus] | None, Query(alias="status")] = None,
    light: SlaLight | None = None,
    department_id: int | None = None,
    agent_id: int | None = None,
    caller_number: Annotated[str | None, Query(max_length=40)] = None,
    customer_id: int | None = None,
    type_: Annotated[TicketType | None, Query(alias="type")] = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    pending_extension: Annotated[
        bool | None, Query(description="true: an extension request awaits a decision; false: none does")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 50,
) -> TicketPage:
    """Search tickets, newest first: by status (repeatable), SLA light, department, agent, caller, dates,
    pending extension request."""
    require_utc_offset(created_from=created_from, created_to=created_to)
    filters = service.TicketFilter(
        status=status_ or (),
        light=light,
        department_id=department_id,
        agent_id=agent_id,
        caller_number=require_number(caller_number, field="caller_number") if caller_number else None,
        customer_id=customer_id,
        type=type_,
        created_from=created_from,
        created_to=created_to,
        text=q.strip() if q and q.strip() else None,
        pending_extension=pending_extension,
    )
    now = _now()
    rows, total = service.list_tickets(session, filters=filters, now=now, offset=offset, limit=limit)
    return TicketPage(
        items=service.tickets_out(session, rows, now=now), total=total, offset=offset, limit=limit
    )


@router.get("/tickets/overdue", response_model=OverdueSummary)
def overdue(session: SessionDep, _leader: LeaderOrAdmin) -> OverdueSummary:
    """Open tickets per department by light (red first) for the leader board."""
    now = _now()
    return OverdueSummary(at=now, departments=service.overdue_summary(session, now=now))


@router.get("/tickets/{serial}", response_model=TicketDetail)
def get_ticket(serial: str, session: SessionDep, _agent: CurrentAgent, response: Response) -> TicketDetail:
    """The ticket with its history, extensions, links, calls and the actions its status allows."""
    ticket = _load(session, serial)
    response.headers["ETag"] = f'"{ticket.revision}"'
    return service.ticket_detail(session, ticket, now=_now())


@router.patch("/tickets/{serial}", response_model=TicketDetail)
def update_ticket(
    serial: str,
    body: TicketUpdate,
    session: SessionDep,
    agent: CurrentAgent,
    events: HubDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> TicketDetail:
    """Edit fields; send the revision you edited (``revision`` or ``If-Match``) to learn of a clash."""
    ticket = _load(session, serial)
    now = _now()
    before = ticket.revision
    service.update_ticket(
        session, ticket=ticket, data=body, agent=agent, now=now, revision=_if_match(if_match)
    )
    session.commit()
    if ticket.revision != before:
        _publish(events, ticket, "edited", actor=agent)
    response.headers["ETag"] = f'"{ticket.revision}"'
    return service.ticket_detail(session, ticket, now=now)


@router.post("/tickets/{serial}/events", response_model=TicketDetail)
def act_on_ticket(
    serial: str, body: TicketActionRequest, session: SessionDep, agent: CurrentAgent, events: HubDep
) -> TicketDetail:
    """One life-cycle step: dispatch, answer, accept, start, finish, return, visit, close, reopen,
    request_extension or remark (see the body's description for what each needs)."""
    ticket = _load(session, serial)
    now = _now()
    event = service.perform_action(session, ticket=ticket, request=body, agent=agent, now=now)
    session.commit()
    _publish(events, ticket, event.kind, actor=agent)
    return service.ticket_detail(session, ticket, now=now)


@router.post("/tickets/{serial}/links", response_model=TicketDetail)
def link_ticket(
    serial: str, body: TicketLinkRequest, session: SessionDep, agent: CurrentAgent, events: HubDep
) -> TicketDetail:
    """Link this ticket with another about the same matter."""
    ticket = _load(session, serial)
    now = _now()
    other = service.link_tickets(session, ticket=ticket, other_serial=body.serial, agent=agent, now=now)
    session.commit()
    _publish(events, ticket, "linked", actor=agent)
    _publish(events, other, "linked", actor=agent)
    return service.ticket_detail(session, ticket, now=now)


@router.post("/tickets/{serial}/extensions/{extension_id}/decision", response_model=TicketDetail)
def decide_extension(
    serial: str,
    extension_id: int,
    body: ExtensionDecisionRequest,
    session: SessionDep,
    leader: LeaderOrAdmin,
    events: HubDep,
) -> TicketDetail:
    """Approve (the deadline moves to the requested one) or refuse a pending extension request."""
    ticket = _load(session, serial)
    now = _now()
    extension = service.decide_extension(
        session,
        ticket=ticket,
        extension_id=extension_id,
        decision=body.decision,
        note=body.note,
        agent=leader,
        now=now,
    )
    if extension is None:
        raise NotFound(f"Ticket {ticket.serial} has no extension request {extension_id}.")
    session.commit()
    _publish(events, ticket, f"extension_{body.decision.value}", actor=leader)
    return service.ticket_detail(session, ticket, now=now)
