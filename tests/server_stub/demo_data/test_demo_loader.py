"""``--demo-data`` through the real app: the demo centre signs in, lists and works tickets (both backends)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from server_stub.app import create_app
from server_stub.db import models as m
from server_stub.demo_data.dataset import DemoData
from server_stub.demo_data.loader import DatabaseNotEmpty, centre_today, load_demo_data
from server_stub.settings import TEST_PASSWORD_COST, Settings
from shared.protocol.enums import TicketStatus

CUSTOMERS, CALLS, TICKETS = 150, 1500, 400


@pytest.fixture
def demo_app(tmp_path: Path, db_url: str) -> Iterator[tuple[FastAPI, DemoData, list[str]]]:
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=db_url,
        password_cost=TEST_PASSWORD_COST,
        migrate_on_start=False,
    )
    settings.data_dir.mkdir(parents=True)
    app = create_app(settings)
    hashed: list[str] = []

    def hash_password(password: str) -> str:
        hashed.append(password)
        return str(app.state.password_hasher.hash(password))

    # as ``python -m server_stub --demo-data`` does: no date given, so the history runs up to now
    with app.state.session_factory() as session:
        data = load_demo_data(
            session, hash_password=hash_password, customers=CUSTOMERS, calls=CALLS, tickets=TICKETS
        )
        session.commit()
    yield app, data, hashed
    app.state.engine.dispose()


def _login(client: TestClient, work_number: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/login", json={"work_number": work_number, "password": "demo1234"})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def test_given_demo_loaded_when_signing_in_then_documented_logins_work_with_one_hash(
    demo_app: tuple[FastAPI, DemoData, list[str]],
) -> None:
    app, _data, hashed = demo_app

    assert hashed == ["demo1234"], "the demo password is hashed exactly once"
    with TestClient(app) as client:
        for work_number in ("0001", "9001", "1001", "1020"):
            _login(client, work_number)


def test_given_demo_loaded_when_agent_opens_a_ticket_then_full_history_is_shown(
    demo_app: tuple[FastAPI, DemoData, list[str]],
) -> None:
    app, data, _ = demo_app
    ticket = max(data.tickets, key=lambda t: len(t.events))

    with TestClient(app) as client:
        headers = _login(client, "1001")
        response = client.get(f"/api/v1/tickets/{ticket.serial}", headers=headers)
        listing = client.get("/api/v1/tickets", params={"limit": 5}, headers=headers)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == ticket.status.value
    assert [e["kind"] for e in body["events"]] == [e.kind for e in ticket.events]
    assert body["category_path"] and body["call_ids"] == [ticket.call_id]
    assert listing.status_code == 200 and listing.json()["total"] == len(data.tickets)


def test_given_demo_loaded_when_leader_works_tickets_then_server_accepts_the_next_steps(
    demo_app: tuple[FastAPI, DemoData, list[str]],
) -> None:
    app, data, _ = demo_app
    done = next(t for t in data.tickets if t.status is TicketStatus.DONE)

    with TestClient(app) as client:
        leader = _login(client, "9001")
        closed = client.post(
            f"/api/v1/tickets/{done.serial}/events", json={"action": "close"}, headers=leader
        )
        new = client.post(
            "/api/v1/tickets",
            json={
                "caller_number": data.customers[0].phones[0],
                "type": "consultation",
                "content": "市民咨询。",
            },
            headers=_login(client, "1002"),
        )
        overdue = client.get("/api/v1/tickets/overdue", headers=leader)

    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"
    # ids and today's serial sequence continue after the demo rows (PostgreSQL sequences moved on)
    assert new.status_code == 201, new.text
    assert new.json()["id"] == len(data.tickets) + 1
    assert new.json()["customer_id"] == data.customers[0].id
    assert overdue.status_code == 200 and overdue.json()["departments"]


def test_given_demo_loaded_when_loading_again_then_refused_and_nothing_written(
    demo_app: tuple[FastAPI, DemoData, list[str]],
) -> None:
    app, data, _ = demo_app

    with app.state.session_factory() as session:
        with pytest.raises(DatabaseNotEmpty, match="empty database"):
            load_demo_data(
                session, today=centre_today(), hash_password=lambda p: p, customers=CUSTOMERS, calls=CALLS
            )
        session.rollback()
        calls = session.scalar(select(func.count()).select_from(m.Call))
        agents = session.scalar(select(func.count()).select_from(m.Agent))

    assert calls == len(data.calls)
    assert agents == 22
