"""The screen pop: the caller's customer record and tags, last calls and unfinished tickets in one go.

Everything is capped: a number with tens of thousands of calls (a switchboard, a serial complainer) costs
the same as any other — the newest ``call_limit`` calls and ``ticket_limit`` tickets through the
``(caller_number, arrived_at)`` / ``(caller_number, status)`` indexes, plus two index-only counts. Each
listed call names who was in it (the agent who took it, then its conference parties): two queries more,
over the listed calls only.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from shared.protocol.schemas.screen_pop import CallSummary, ScreenPop

from ..db.models import BlacklistEntry, Call, Ticket
from .calls_participants import participants_of
from .customers import customer_out, find_by_number
from .ticket_states import NOT_CLOSED_STATUSES
from .tickets import tickets_out

logger = logging.getLogger(__name__)

DEFAULT_CALL_LIMIT = 10
DEFAULT_TICKET_LIMIT = 20


def screen_pop(
    session: Session,
    *,
    number: str,
    now: datetime,
    call_limit: int = DEFAULT_CALL_LIMIT,
    ticket_limit: int = DEFAULT_TICKET_LIMIT,
) -> ScreenPop:
    """``number`` must already be normalised (:func:`services.customers.normalize_number`)."""
    customer = find_by_number(session, number=number)
    calls = session.scalars(
        select(Call).where(Call.caller_number == number).order_by(Call.arrived_at.desc()).limit(call_limit)
    ).all()
    calls_total = len(calls)
    if calls_total == call_limit:
        calls_total = session.scalar(select(func.count()).where(Call.caller_number == number)) or 0

    open_condition = Ticket.status.in_(sorted(NOT_CLOSED_STATUSES))
    owner_condition = Ticket.caller_number == number
    if customer is not None:
        # the same citizen may have called from another of their numbers
        owner_condition = or_(owner_condition, Ticket.customer_id == customer.id)
    tickets = session.scalars(
        select(Ticket)
        .where(owner_condition, open_condition)
        .order_by(Ticket.created_at.desc())
        .limit(ticket_limit)
    ).all()
    tickets_total = len(tickets)
    if tickets_total == ticket_limit:
        tickets_total = session.scalar(select(func.count()).where(owner_condition, open_condition)) or 0

    blacklisted = (
        session.scalar(
            select(BlacklistEntry.id)
            .where(
                BlacklistEntry.number == number,
                BlacklistEntry.removed_at.is_(None),
                or_(BlacklistEntry.expires_at.is_(None), BlacklistEntry.expires_at > now),
            )
            .limit(1)
        )
        is not None
    )
    who = participants_of(session, calls=calls)
    recent = [CallSummary.model_validate(c).model_copy(update={"participants": who[c.id]}) for c in calls]
    return ScreenPop(
        number=number,
        customer=customer_out(customer) if customer is not None else None,
        blacklisted=blacklisted,
        recent_calls=recent,
        calls_total=calls_total,
        open_tickets=tickets_out(session, tickets, now=now),
        open_tickets_total=tickets_total,
    )
