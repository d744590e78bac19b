"""Screen pop over HTTP: one round trip, capped lists with totals, first-time callers, number formats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from server_stub.db.models import BlacklistEntry, Call, Customer, CustomerPhone, CustomerTagLink
from shared.protocol.enums import CallDirection, CallDisposition, CustomerTag

from .conftest import AuthHeaders, assert_error


@pytest.fixture
def frequent_caller(session: Session) -> Customer:
    customer = Customer(
        name="李四",
        address="云川市青山区幸福路8号",
        phones=[CustomerPhone(number="13812345678"), CustomerPhone(number="02687654321")],
        tags=[CustomerTagLink(tag=CustomerTag.ELDERLY), CustomerTagLink(tag=CustomerTag.VIP)],
    )
    session.add(customer)
    start = datetime(2025, 3, 1, tzinfo=UTC)
    session.add_all(
        Call(
            direction=CallDirection.INBOUND,
            caller_number="13812345678",
            callee_number="12345",
            arrived_at=start + timedelta(hours=i),
            disposition=CallDisposition.ANSWERED,
        )
        for i in range(25)
    )
    session.commit()
    return customer


def test_given_known_caller_when_popping_then_customer_tags_last_calls_and_open_tickets(
    client: TestClient, agent_headers: AuthHeaders, frequent_caller: Customer
) -> None:
    for i in range(3):
        created = client.post(
            "/api/v1/tickets",
            json={"caller_number": "13812345678", "type": "help_request", "content": f"第{i}次求助"},
            headers=agent_headers,
        )
        assert created.status_code == 201
    # a ticket registered under the customer's other number belongs to the same citizen
    client.post(
        "/api/v1/tickets",
        json={"caller_number": "026-8765-4321", "type": "report", "content": "路灯坏了"},
        headers=agent_headers,
    )
    response = client.get(
        "/api/v1/screen-pop/+86 138-1234-5678", params={"tickets": 2}, headers=agent_headers
    )
    assert response.status_code == 200, response.text
    pop = response.json()
    assert pop["number"] == "13812345678"
    assert pop["customer"]["name"] == "李四"
    assert sorted(pop["customer"]["tags"]) == ["elderly", "vip"]
    assert len(pop["recent_calls"]) == 10
    assert pop["calls_total"] == 25
    arrivals = [c["arrived_at"] for c in pop["recent_calls"]]
    assert arrivals == sorted(arrivals, reverse=True)
    assert len(pop["open_tickets"]) == 2
    assert pop["open_tickets_total"] == 4
    assert pop["open_tickets"][0]["content"] == "路灯坏了"
    assert pop["blacklisted"] is False


def test_given_unknown_number_when_popping_then_200_first_time_caller(
    client: TestClient, agent_headers: AuthHeaders
) -> None:
    response = client.get("/api/v1/screen-pop/008613700000000", headers=agent_headers)
    assert response.status_code == 200
    assert response.json() == {
        "number": "13700000000",
        "customer": None,
        "blacklisted": False,
        "recent_calls": [],
        "calls_total": 0,
        "open_tickets": [],
        "open_tickets_total": 0,
    }


def test_given_blocked_number_then_pop_says_so(
    client: TestClient, agent_headers: AuthHeaders, session: Session
) -> None:
    session.add(BlacklistEntry(number="13700000001", reason="骚扰", created_by_id=agent_headers.user.id))
    session.commit()
    assert client.get("/api/v1/screen-pop/13700000001", headers=agent_headers).json()["blacklisted"] is True


@pytest.mark.parametrize("number", ["abc", "12", "1" * 30, "+1-800-FLOWERS"])
def test_given_bad_number_then_422_invalid_phone_number(
    client: TestClient, agent_headers: AuthHeaders, number: str
) -> None:
    assert_error(
        client.get(f"/api/v1/screen-pop/{number}", headers=agent_headers), 422, "invalid_phone_number"
    )


def test_given_no_token_or_silly_limits_then_refused(client: TestClient, agent_headers: AuthHeaders) -> None:
    assert_error(client.get("/api/v1/screen-pop/13800138000"), 401, "not_authenticated")
    assert_error(
        client.get("/api/v1/screen-pop/13800138000", params={"calls": 10_000}, headers=agent_headers), 422
    )
