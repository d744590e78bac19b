"""SLA lights with a fixed clock: the pure rule and the SQL filter agree, on both databases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from server_stub.db.models import Agent, Category, Department
from server_stub.services import tickets as svc
from server_stub.services.sla import finished_on_time, sla_light
from shared.protocol.enums import Role, SlaLight, TicketStatus, TicketType
from shared.protocol.schemas.tickets import TicketCreate

from .conftest import NOW

DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("age", "light"),
    [
        (timedelta(0), SlaLight.GREEN),
        (3 * DAY, SlaLight.GREEN),
        (3 * DAY + timedelta(seconds=1), SlaLight.YELLOW),
        (4 * DAY, SlaLight.YELLOW),
        (5 * DAY + timedelta(hours=1), SlaLight.YELLOW),
        (7 * DAY, SlaLight.YELLOW),
        (7 * DAY + timedelta(seconds=1), SlaLight.RED),
        (30 * DAY, SlaLight.RED),
    ],
)
def test_given_default_policy_when_ticket_ages_then_light_follows_3_and_7_days(
    age: timedelta, light: SlaLight
) -> None:
    created = NOW - age
    assert (
        sla_light(status=TicketStatus.DISPATCHED, created_at=created, deadline=None, warn_at=None, now=NOW)
        == light
    )


@pytest.mark.parametrize("status", [TicketStatus.DONE, TicketStatus.VISITED, TicketStatus.CLOSED])
def test_given_finished_ticket_then_no_running_light(status: TicketStatus) -> None:
    assert sla_light(status=status, created_at=NOW - 30 * DAY, deadline=None, warn_at=None, now=NOW) is None


def test_given_done_after_deadline_then_not_on_time() -> None:
    assert finished_on_time(done_at=NOW, deadline=NOW - DAY) is False
    assert finished_on_time(done_at=NOW - 2 * DAY, deadline=NOW - DAY) is True
    assert finished_on_time(done_at=None, deadline=NOW) is None


def _ticket_at(session: Session, agent: Agent, *, created: object, category_id: int | None = None) -> str:
    ticket, _ = svc.create_ticket(
        session,
        data=TicketCreate(
            caller_number="13800138000",
            type=TicketType.COMPLAINT,
            content="噪音扰民",
            category_id=category_id,
        ),
        agent=agent,
        now=created,  # type: ignore[arg-type]
    )
    return ticket.serial


def test_given_category_deadline_of_2_days_then_red_after_2_days(
    db_session: Session, make_agent: Callable[..., Agent], category_tree: dict[str, Category]
) -> None:
    agent = make_agent()
    serial = _ticket_at(
        db_session, agent, created=NOW - 2 * DAY - timedelta(minutes=1), category_id=category_tree["deep"].id
    )
    ticket = svc.get_ticket(db_session, serial=serial)
    assert ticket is not None
    # inherited from the parent category "停水"
    assert ticket.deadline == ticket.created_at + 2 * DAY
    view = svc.tickets_out(db_session, [ticket], now=NOW)[0]
    assert view.sla_light == SlaLight.RED
    assert view.category_path == ["公积金", "停水", "紧急停水"]


def test_given_mixed_ages_when_filtering_by_light_in_sql_then_each_ticket_is_in_exactly_one(
    db_session: Session, make_agent: Callable[..., Agent], department: Department
) -> None:
    agent = make_agent(Role.LEADER)
    ages = {"green": DAY, "yellow": 4 * DAY, "red": 8 * DAY}
    serials = {}
    for name, age in ages.items():
        serials[name] = _ticket_at(db_session, agent, created=NOW - age)
    # a finished, very old ticket has no light and must not show up as red
    old = _ticket_at(db_session, agent, created=NOW - 20 * DAY)
    ticket = svc.get_ticket(db_session, serial=old)
    assert ticket is not None
    ticket.status = TicketStatus.DONE
    for name in ("yellow", "red"):
        t = svc.get_ticket(db_session, serial=serials[name])
        assert t is not None
        t.department_id = department.id
    db_session.commit()

    for light in SlaLight:
        rows, total = svc.list_tickets(db_session, filters=svc.TicketFilter(light=light), now=NOW)
        assert [r.serial for r in rows] == [serials[light.value]]
        assert total == 1
    red_of_department, _ = svc.list_tickets(
        db_session, filters=svc.TicketFilter(light=SlaLight.RED, department_id=department.id), now=NOW
    )
    assert [r.serial for r in red_of_department] == [serials["red"]]

    summary = {row.department_name: row for row in svc.overdue_summary(db_session, now=NOW)}
    assert summary[department.name].red == 1
    assert summary[department.name].yellow == 1
    assert summary[department.name].open_total == 2
    assert summary[None].green == 1
