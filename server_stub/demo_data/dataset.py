"""Everything the demo database holds, generated in one call."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from server_stub.demo_data.agent_states import DemoStateSpan, agent_state_history
from server_stub.demo_data.calls import DemoCall, generate_calls
from server_stub.demo_data.categories import Category, demo_categories
from server_stub.demo_data.departments import Department, demo_departments
from server_stub.demo_data.knowledge import demo_articles
from server_stub.demo_data.people import DemoCustomer, DemoStaff, demo_staff, generate_customers
from server_stub.demo_data.queues import DemoNotice, DemoQueue, demo_notices, demo_queues
from server_stub.demo_data.tickets import DemoTicket, DemoTicketLink, generate_tickets
from shared.protocol.enums import Role
from shared.protocol.knowledge import KnowledgeArticle

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DemoData:
    """The whole demo data set. Treat as read-only; safe to share between threads once built."""

    today: date
    seed: int
    departments: list[Department]
    categories: list[Category]
    articles: list[KnowledgeArticle]
    customers: list[DemoCustomer]
    staff: list[DemoStaff]
    queues: list[DemoQueue]
    calls: list[DemoCall]
    agent_states: list[DemoStateSpan]
    tickets: list[DemoTicket]
    ticket_links: list[DemoTicketLink]
    notices: list[DemoNotice]


def build_demo_data(
    *,
    today: date,
    seed: int = 0,
    customers: int = 1_000,
    calls: int = 20_000,
    tickets: int = 5_000,
    days: int = 60,
    until: datetime | None = None,
) -> DemoData:
    """Generate the demo data set for a centre whose history ends at ``until`` (a moment on
    ``today``; by default the start of ``today``).

    Deterministic: the same ``today``, ``until``, ``seed`` and sizes give equal data.
    """
    staff = demo_staff(seed)
    people = generate_customers(customers, seed=seed, today=today)
    call_list = generate_calls(
        customers=people, staff=staff, today=today, seed=seed, count=calls, days=days, until=until
    )
    agents = [s.work_number for s in staff if s.role is Role.AGENT]
    made = generate_tickets(
        calls=call_list, staff_agents=agents, today=today, seed=seed, count=tickets, until=until
    )
    return DemoData(
        today=today,
        seed=seed,
        departments=demo_departments(),
        categories=demo_categories(),
        articles=demo_articles(seed=seed, today=today),
        customers=people,
        staff=staff,
        queues=demo_queues(),
        calls=call_list,
        agent_states=agent_state_history(call_list, staff, today=today, seed=seed, until=until),
        tickets=made.tickets,
        ticket_links=made.links,
        notices=demo_notices(today),
    )
