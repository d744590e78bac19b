"""Ticket service on real databases: serials, life cycle and history, extensions, links, conflicts."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from server_stub.api.errors import ApiError, Conflict, Forbidden, InvalidInput, InvalidTransition
from server_stub.db.engine import make_session_factory
from server_stub.db.models import Agent, Customer, CustomerPhone, Department, Ticket, TicketEvent
from server_stub.services import tickets as svc
from shared.protocol.enums import ExtensionDecision, Role, Satisfaction, TicketStatus, TicketType
from shared.protocol.schemas.tickets import TicketActionRequest, TicketCreate, TicketUpdate

from .conftest import NOW

DAY = timedelta(days=1)


def _create(session: Session, agent: Agent, **overrides: object) -> Ticket:
    values: dict[str, object] = {
        "caller_number": "+86 138-0013-8000",
        "type": TicketType.COMPLAINT,
        "content": "小区噪音",
    }
    values.update(overrides)
    ticket, _ = svc.create_ticket(session, data=TicketCreate.model_validate(values), agent=agent, now=NOW)
    return ticket


def _act(session: Session, ticket: Ticket, agent: Agent, action: str, **fields: object) -> None:
    svc.perform_action(
        session,
        ticket=ticket,
        request=TicketActionRequest.model_validate({"action": action, **fields}),
        agent=agent,
        now=NOW,  # type: ignore[arg-type]
    )


def test_given_minimal_input_when_creating_then_serial_deadline_and_history(
    db_session: Session, make_agent: Callable[..., Agent]
) -> None:
    agent = make_agent()
    customer = Customer(name="张三", phones=[CustomerPhone(number="13800138000")])
    db_session.add(customer)
    db_session.flush()
    first = _create(db_session, agent)
    second = _create(db_session, agent)
    db_session.commit()
    assert first.serial == "20250314-0001"
    assert second.serial == "20250314-0002"
    assert first.caller_number == "13800138000"
    assert first.customer_id == customer.id
    assert first.deadline == NOW + 7 * DAY
    assert first.warn_at == NOW + 3 * DAY
    assert [e.kind for e in first.events] == ["created"]
    assert first.events[0].actor_id == agent.id


def test_given_local_morning_when_creating_then_serial_uses_the_centres_date(
    db_session: Session, make_agent: Callable[..., Agent]
) -> None:
    # 23:30 UTC is 07:30 the next morning in the centre
    late = NOW.replace(hour=23, minute=30)
    ticket, _ = svc.create_ticket(
        db_session,
        data=TicketCreate(caller_number="12345", type=TicketType.CONSULTATION, content="x"),
        agent=make_agent(),
        now=late,
    )
    assert ticket.serial == "20250315-0001"


def test_given_same_client_ref_when_resent_then_the_first_ticket_comes_back(
    db_session: Session, make_agent: Callable[..., Agent]
) -> None:
    agent = make_agent()
    first = _create(db_session, agent, client_ref="seat7-0001")
    db_session.commit()
    again, created = svc.create_ticket(
        db_session,
        data=TicketCreate(
            caller_number="13800138000",
            type=TicketType.COMPLAINT,
            content="小区噪音",
            client_ref="seat7-0001",
        ),
        agent=agent,
        now=NOW,
    )
    assert not created
    assert again.serial == first.serial
    assert db_session.scalar(select(func.count()).select_from(Ticket)) == 1


@pytest.mark.parametrize(
    ("overrides", "error_id"),
    [
        ({"caller_number": "call me maybe"}, "invalid_phone_number"),
        ({"category_id": 999}, "unknown_category"),
        ({"department_id": 999}, "unknown_department"),
        ({"customer_id": 999}, "unknown_customer"),
        ({"call_ids": [999]}, "unknown_call"),
    ],
)
def test_given_bad_input_when_creating_then_refused_and_nothing_written(
    db_session: Session, make_agent: Callable[..., Agent], overrides: dict[str, object], error_id: str
) -> None:
    agent = make_agent()
    db_session.commit()
    with pytest.raises(InvalidInput) as info:
        _create(db_session, agent, **overrides)
    db_session.rollback()
    assert info.value.error_id == error_id
    assert db_session.scalar(select(func.count()).select_from(Ticket)) == 0


def test_given_20_concurrent_creates_then_serials_are_unique_and_gap_free(
    db_engine: Engine, db_session: Session, make_agent: Callable[..., Agent]
) -> None:
    agent_id = make_agent().id
    db_session.commit()
    factory = make_session_factory(db_engine)

    def create(i: int) -> str:
        with factory() as session:
            agent = session.get(Agent, agent_id)
            assert agent is not None
            ticket, _ = svc.create_ticket(
                session,
                data=TicketCreate(caller_number=f"1380013{i:04d}", type=TicketType.REPORT, content=f"#{i}"),
                agent=agent,
                now=NOW,
            )
            session.commit()
            return ticket.serial

    with ThreadPoolExecutor(max_workers=20) as pool:
        serials = list(pool.map(create, range(20)))
    assert sorted(serials) == [f"20250314-{n:04d}" for n in range(1, 21)]


def test_given_full_life_cycle_then_every_step_is_in_the_history(
    db_session: Session, make_agent: Callable[..., Agent], department: Department
) -> None:
    agent = make_agent()
    leader = make_agent(Role.LEADER)
    ticket = _create(db_session, agent)
    _act(db_session, ticket, agent, "dispatch", department_id=department.id)
    _act(db_session, ticket, leader, "accept", actor_name="王科员")
    _act(db_session, ticket, leader, "start", actor_name="王科员")
    _act(db_session, ticket, leader, "finish", actor_name="王科员", result="已协调物业处理")
    _act(db_session, ticket, agent, "visit", satisfaction=Satisfaction.SATISFIED)
    _act(db_session, ticket, leader, "close")
    db_session.commit()
    assert ticket.status == TicketStatus.CLOSED
    assert ticket.satisfaction == Satisfaction.SATISFIED
    assert ticket.result == "已协调物业处理"
    kinds = [(e.kind, e.to_status) for e in ticket.events]
    assert kinds == [
        ("created", TicketStatus.REGISTERED),
        ("dispatch", TicketStatus.DISPATCHED),
        ("accept", TicketStatus.ACCEPTED),
        ("start", TicketStatus.PROCESSING),
        ("finish", TicketStatus.DONE),
        ("visit", TicketStatus.VISITED),
        ("close", TicketStatus.CLOSED),
    ]
    assert ticket.events[2].actor_name == "王科员"
    assert ticket.events[2].actor_id == leader.id
    with pytest.raises(InvalidTransition):
        _act(db_session, ticket, leader, "remark", note="too late")


def test_given_department_returns_ticket_then_reason_recorded_and_it_can_be_redispatched(
    db_session: Session, make_agent: Callable[..., Agent], department: Department
) -> None:
    agent = make_agent()
    ticket = _create(db_session, agent)
    _act(db_session, ticket, agent, "dispatch", department_id=department.id)
    with pytest.raises(InvalidInput):
        _act(db_session, ticket, agent, "return")
    _act(db_session, ticket, agent, "return", note="不属于本单位职责", actor_name="李科长")
    assert ticket.status == TicketStatus.REGISTERED
    assert ticket.department_id is None
    assert ticket.return_count == 1
    assert ticket.events[-1].note == "不属于本单位职责"
    _act(db_session, ticket, agent, "dispatch", department_id=department.id)
    assert ticket.status == TicketStatus.DISPATCHED


def test_given_complaint_when_answering_on_the_spot_then_refused_but_consultation_may(
    db_session: Session, make_agent: Callable[..., Agent]
) -> None:
    agent = make_agent()
    complaint = _create(db_session, agent)
    with pytest.raises(InvalidTransition):
        _act(db_session, complaint, agent, "answer", result="已解答")
    question = _create(db_session, agent, type=TicketType.CONSULTATION)
    _act(db_session, question, agent, "answer", result="提取需身份证与银行卡")
    assert question.status == TicketStatus.DONE


def test_given_agent_when_dispatching_someone_elses_ticket_or_closing_then_forbidden(
    db_session: Session, make_agent: Callable[..., Agent], department: Department
) -> None:
    owner, other = make_agent(), make_agent()
    ticket = _create(db_session, owner)
    with pytest.raises(Forbidden):
        _act(db_session, ticket, other, "dispatch", department_id=department.id)
    with pytest.raises(Forbidden):
        _act(db_session, ticket, owner, "close")


def test_given_extension_request_when_approved_then_deadline_moves_and_light_recovers(
    db_session: Session, make_agent: Callable[..., Agent], department: Department
) -> None:
    agent, leader = make_agent(), make_agent(Role.LEADER)
    ticket = _create(db_session, agent)
    _act(db_session, ticket, agent, "dispatch", department_id=department.id)
    new_deadline = NOW + 14 * DAY
    _act(
        db_session,
        ticket,
        agent,
        "request_extension",
        note="需现场勘查",
        requested_deadline=new_deadline,
        actor_name="赵",
    )
    with pytest.raises(Conflict):
        _act(
            db_session,
            ticket,
            agent,
            "request_extension",
            note="again",
            requested_deadline=new_deadline + DAY,
        )
    db_session.flush()
    extension = ticket.extensions[0]
    with pytest.raises(Forbidden):
        svc.decide_extension(
            db_session,
            ticket=ticket,
            extension_id=extension.id,
            decision=ExtensionDecision.APPROVED,
            note=None,
            agent=agent,
            now=NOW,
        )
    svc.decide_extension(
        db_session,
        ticket=ticket,
        extension_id=extension.id,
        decision=ExtensionDecision.APPROVED,
        note="同意",
        agent=leader,
        now=NOW,
    )
    assert ticket.deadline == new_deadline
    assert ticket.warn_at == new_deadline - 4 * DAY
    assert ticket.events[-1].kind == "extension_approved"
    with pytest.raises(Conflict):
        svc.decide_extension(
            db_session,
            ticket=ticket,
            extension_id=extension.id,
            decision=ExtensionDecision.REFUSED,
            note=None,
            agent=leader,
            now=NOW,
        )


def test_given_two_tickets_when_linked_then_both_show_the_link_once(
    db_session: Session, make_agent: Callable[..., Agent]
) -> None:
    agent = make_agent()
    one, two = _create(db_session, agent), _create(db_session, agent)
    svc.link_tickets(db_session, ticket=one, other_serial=two.serial, agent=agent, now=NOW)
    assert svc.linked_serials(db_session, ticket=one) == [two.serial]
    assert svc.linked_serials(db_session, ticket=two) == [one.serial]
    with pytest.raises(Conflict):
        svc.link_tickets(db_session, ticket=two, other_serial=one.serial, agent=agent, now=NOW)
    with pytest.raises(InvalidInput):
        svc.link_tickets(db_session, ticket=one, other_serial=one.serial, agent=agent, now=NOW)


def test_given_stale_revision_when_editing_then_edit_conflict_and_no_change(
    db_session: Session, make_agent: Callable[..., Agent]
) -> None:
    agent = make_agent()
    ticket = _create(db_session, agent)
    db_session.commit()
    revision = ticket.revision
    svc.update_ticket(
        db_session, ticket=ticket, data=TicketUpdate(content="补充：夜间施工"), agent=agent, now=NOW
    )
    db_session.commit()
    assert ticket.revision == revision + 1
    with pytest.raises(ApiError) as info:
        svc.update_ticket(
            db_session,
            ticket=ticket,
            data=TicketUpdate(content="旧副本", revision=revision),
            agent=agent,
            now=NOW,
        )
    assert info.value.error_id == "edit_conflict"
    db_session.rollback()
    assert ticket.content == "补充：夜间施工"
    edits = db_session.scalars(select(TicketEvent).where(TicketEvent.kind == "edited")).all()
    assert len(edits) == 1
    assert edits[0].details["changes"]["content"]["to"] == "补充：夜间施工"
