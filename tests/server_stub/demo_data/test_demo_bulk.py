"""Benchmark-scale history: streams valid rows and lands on top of the demo without collisions."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from server_stub.db import models as m
from server_stub.demo_data import CENTRE_TZ
from server_stub.demo_data.bulk import BulkRefs, bulk_calls, bulk_tickets
from server_stub.demo_data.loader import load_bulk, load_demo_data
from server_stub.services.serials import allocate_serial
from server_stub.services.ticket_states import TicketAction, next_status
from shared.protocol.enums import CallDisposition, TicketStatus

TODAY = date(2026, 11, 21)
REFS = BulkRefs(
    agent_ids=list(range(3, 23)),
    queues={"12345": [1, 2], "12329": [7], "12315": [10]},
    customers=[(i, f"1380000{i:04d}") for i in range(1, 301)],
    categories=[(i, i % 20 + 1) for i in range(2, 30)],
    leader_id=2,
)


def test_given_bulk_calls_when_streamed_then_chunks_are_ordered_rows_with_every_outcome() -> None:
    chunks = list(bulk_calls(REFS, count=30_000, start_id=101, today=TODAY, days=30, chunk=7_000))
    rows = [r for c in chunks for r in c]

    assert max(len(c) for c in chunks) == 7_000
    assert [r["id"] for r in rows] == list(range(101, 30_101))
    assert [r["arrived_at"] for r in rows] == sorted(r["arrived_at"] for r in rows)
    assert set(Counter(r["disposition"] for r in rows)) == set(CallDisposition)
    answered = [r for r in rows if r["answered_at"]]
    assert all(r["arrived_at"] < r["answered_at"] < r["ended_at"] and r["agent_id"] for r in answered)
    assert rows == [r for c in bulk_calls(REFS, count=30_000, start_id=101, today=TODAY, days=30) for r in c]


def test_given_bulk_tickets_when_streamed_then_histories_replay_and_serials_continue() -> None:
    first_day = date(2026, 11, 1)
    sequences = {first_day: 40}
    chunks = list(
        bulk_tickets(
            REFS, count=5_000, start_id=1, call_ids=range(1, 100), today=TODAY, days=30, sequences=sequences
        )
    )
    tickets = [t for c in chunks for t in c.tickets]
    events: dict[int, list[dict]] = {}
    for c in chunks:
        for e in c.events:
            events.setdefault(e["ticket_id"], []).append(e)

    assert len({t["serial"] for t in tickets}) == 5_000
    assert min(int(t["serial"][-4:]) for t in tickets if t["serial"].startswith("20261101")) == 41
    assert set(t["status"] for t in tickets) == set(TicketStatus)
    for t in tickets:
        status = TicketStatus.REGISTERED
        for e in events[t["id"]][1:]:
            status = next_status(status, TicketAction(e["kind"]))
        assert status is t["status"]
    assert sum(sequences.values()) == 5_000 + 40


def test_given_demo_database_when_adding_bulk_history_then_ids_and_serials_continue(
    db_engine: Engine,
) -> None:
    load_demo_data(
        db_engine, today=TODAY, hash_password=lambda p: "hash", customers=100, calls=800, tickets=200
    )

    written = load_bulk(db_engine, calls=4_000, tickets=1_500, days=20, today=TODAY)

    assert written["calls"] == 4_000 and written["tickets"] == 1_500
    with Session(db_engine) as session:
        assert session.scalar(select(func.count()).select_from(m.Call)) == 4_800
        assert session.scalar(select(func.count(func.distinct(m.Ticket.serial)))) == 1_700
        # a new ticket on a busy bulk day takes the next free number, not one the bulk rows hold
        busiest, last = session.execute(
            select(m.TicketSerialCounter.day, m.TicketSerialCounter.last_sequence)
            .order_by(m.TicketSerialCounter.last_sequence.desc())
            .limit(1)
        ).one()
        serial = allocate_serial(session, now=datetime.combine(busiest, time(12), CENTRE_TZ))
        assert serial == f"{busiest:%Y%m%d}-{last + 1:04d}"
        assert (
            session.scalar(select(func.count()).select_from(m.Ticket).where(m.Ticket.serial == serial)) == 0
        )
        session.rollback()
        # the server's own inserts get fresh ids (PostgreSQL sequences were moved on)
        session.add(m.Department(code="NEW", name="新部门"))
        session.flush()
        session.rollback()
