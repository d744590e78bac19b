"""Tickets over HTTP: create with defaults, idempotent resend, life cycle, conflicts, roles, bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server_stub.db.models import Department, Ticket
from shared.protocol.events import EventType

from .conftest import AuthHeaders, assert_error

NEW = {"caller_number": "+86 139-2600-0001", "type": "complaint", "content": "楼下餐馆油烟扰民"}


@pytest.fixture
def department_id(session: Session) -> int:
    dep = Department(code="HB", name="市生态环境局", transfer_number="02688880000", active=True)
    session.add(dep)
    session.commit()
    return dep.id


def _create(client: TestClient, headers: AuthHeaders, **extra: Any) -> dict[str, Any]:
    response = client.post("/api/v1/tickets", json={**NEW, **extra}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _act(client: TestClient, headers: AuthHeaders, serial: str, **body: Any) -> Any:
    return client.post(f"/api/v1/tickets/{serial}/events", json=body, headers=headers)


def _ticket_count(session: Session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Ticket)) or 0


def _events_of(app: FastAPI, event_type: EventType) -> list[dict[str, Any]]:
    replay = app.state.events.replay_since(0)
    return [e.payload for e in replay or [] if e.type == event_type]


def test_given_three_fields_when_creating_then_201_with_serial_light_and_event(
    client: TestClient, agent_headers: AuthHeaders, app: FastAPI
) -> None:
    body = _create(client, agent_headers)
    today = datetime.now(UTC).astimezone(__import__("server_stub.services.serials", fromlist=["x"]).CENTRE_TZ)
    assert body["serial"] == f"{today:%Y%m%d}-0001"
    assert body["status"] == "registered"
    assert body["caller_number"] == "13926000001"
    assert body["sla_light"] == "green"
    assert body["agent_id"] == agent_headers.user.id
    assert [e["kind"] for e in body["events"]] == ["created"]
    fetched = client.get(f"/api/v1/tickets/{body['serial']}", headers=agent_headers)
    assert fetched.status_code == 200
    assert fetched.json()["content"] == NEW["content"]
    assert fetched.headers["ETag"] == '"1"'
    assert [p["serial"] for p in _events_of(app, EventType.TICKET_DID_CHANGE)] == [body["serial"]]


def test_given_idempotency_key_when_resent_then_same_ticket_and_no_duplicate(
    client: TestClient, agent_headers: AuthHeaders, session: Session
) -> None:
    headers = {**agent_headers, "Idempotency-Key": "seat12-outbox-77"}
    first = client.post("/api/v1/tickets", json=NEW, headers=headers)
    again = client.post("/api/v1/tickets", json=NEW, headers=headers)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["serial"] == first.json()["serial"]
    assert _ticket_count(session) == 1


def test_given_ticket_when_walking_the_life_cycle_over_http_then_history_and_lights(
    client: TestClient, agent_headers: AuthHeaders, leader_headers: AuthHeaders, department_id: int
) -> None:
    serial = _create(client, agent_headers)["serial"]
    steps: list[tuple[AuthHeaders, dict[str, Any]]] = [
        (agent_headers, {"action": "dispatch", "department_id": department_id}),
        (leader_headers, {"action": "accept", "actor_name": "环境局 周科员"}),
        (leader_headers, {"action": "start", "actor_name": "环境局 周科员"}),
        (leader_headers, {"action": "finish", "actor_name": "环境局 周科员", "result": "已责令安装净化设备"}),
        (agent_headers, {"action": "visit", "satisfaction": "satisfied"}),
        (leader_headers, {"action": "close"}),
    ]
    for headers, step in steps:
        response = _act(client, headers, serial, **step)
        assert response.status_code == 200, response.text
    body = client.get(f"/api/v1/tickets/{serial}", headers=agent_headers).json()
    assert body["status"] == "closed"
    assert body["sla_light"] is None
    assert body["finished_on_time"] is True
    assert body["department_name"] == "市生态环境局"
    assert [e["kind"] for e in body["events"]] == [
        "created",
        "dispatch",
        "accept",
        "start",
        "finish",
        "visit",
        "close",
    ]
    assert body["events"][2]["actor_name"] == "环境局 周科员"
    assert body["allowed_actions"] == []
    refused = _act(client, leader_headers, serial, action="reopen", note="市民再次来电")
    body = assert_error(refused, 409, "invalid_transition")
    assert "closed" in body["message"]


def test_given_invalid_transition_then_409_names_what_is_allowed(
    client: TestClient, agent_headers: AuthHeaders
) -> None:
    serial = _create(client, agent_headers)["serial"]
    body = assert_error(
        _act(client, agent_headers, serial, action="finish", result="x"), 409, "invalid_transition"
    )
    assert "dispatch" in body["details"]["allowed"]
    assert_error(_act(client, agent_headers, serial, action="teleport"), 422, "unknown_action")


def test_given_return_extension_and_decision_over_http(
    client: TestClient, agent_headers: AuthHeaders, leader_headers: AuthHeaders, department_id: int
) -> None:
    serial = _create(client, agent_headers)["serial"]
    assert (
        _act(client, agent_headers, serial, action="dispatch", department_id=department_id).status_code == 200
    )
    assert_error(_act(client, agent_headers, serial, action="return"), 422, "missing_field")
    returned = _act(client, agent_headers, serial, action="return", note="非本局职责", actor_name="钱")
    assert returned.json()["status"] == "registered"
    assert returned.json()["return_count"] == 1
    _act(client, agent_headers, serial, action="dispatch", department_id=department_id)
    wanted = (datetime.now(UTC) + timedelta(days=20)).isoformat()
    requested = _act(
        client, agent_headers, serial, action="request_extension", note="需检测", requested_deadline=wanted
    )
    extension_id = requested.json()["extensions"][0]["id"]
    path = f"/api/v1/tickets/{serial}/extensions/{extension_id}/decision"
    assert_error(client.post(path, json={"decision": "approved"}, headers=agent_headers), 403, "forbidden")
    decided = client.post(path, json={"decision": "approved", "note": "同意"}, headers=leader_headers)
    assert decided.status_code == 200, decided.text
    assert decided.json()["deadline"][:16] == wanted[:16]
    assert_error(
        client.post(path, json={"decision": "refused"}, headers=leader_headers), 409, "extension_decided"
    )
    assert_error(
        client.post(
            f"/api/v1/tickets/{serial}/extensions/999/decision",
            json={"decision": "approved"},
            headers=leader_headers,
        ),
        404,
        "not_found",
    )


def test_given_pending_extension_when_listing_then_flagged_and_filterable(
    client: TestClient, agent_headers: AuthHeaders, leader_headers: AuthHeaders, department_id: int
) -> None:
    waiting, decided, plain = (_create(client, agent_headers)["serial"] for _ in range(3))
    for serial in (waiting, decided):
        _act(client, agent_headers, serial, action="dispatch", department_id=department_id)
        wanted = (datetime.now(UTC) + timedelta(days=20)).isoformat()
        _act(
            client,
            agent_headers,
            serial,
            action="request_extension",
            note="需检测",
            requested_deadline=wanted,
        )
    detail = client.get(f"/api/v1/tickets/{decided}", headers=leader_headers).json()
    path = f"/api/v1/tickets/{decided}/extensions/{detail['extensions'][0]['id']}/decision"
    assert client.post(path, json={"decision": "refused"}, headers=leader_headers).status_code == 200

    def listed(**params: Any) -> dict[str, bool]:
        response = client.get("/api/v1/tickets", params=params, headers=leader_headers)
        assert response.status_code == 200, response.text
        return {t["serial"]: t["has_pending_extension"] for t in response.json()["items"]}

    assert listed() == {waiting: True, decided: False, plain: False}
    assert listed(pending_extension="true") == {waiting: True}
    assert listed(pending_extension="false") == {decided: False, plain: False}
    assert client.get(f"/api/v1/tickets/{waiting}", headers=leader_headers).json()["has_pending_extension"]
    assert_error(client.get("/api/v1/tickets?pending_extension=maybe", headers=leader_headers), 422)


def test_given_stale_revision_when_patching_then_409_edit_conflict(
    client: TestClient, agent_headers: AuthHeaders
) -> None:
    serial = _create(client, agent_headers)["serial"]
    ok = client.patch(
        f"/api/v1/tickets/{serial}", json={"title": "油烟"}, headers={**agent_headers, "If-Match": '"1"'}
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["revision"] == 2
    stale = client.patch(
        f"/api/v1/tickets/{serial}", json={"title": "旧", "revision": 1}, headers=agent_headers
    )
    body = assert_error(stale, 409, "edit_conflict")
    assert "reload" in body["message"]
    assert client.get(f"/api/v1/tickets/{serial}", headers=agent_headers).json()["title"] == "油烟"
    assert_error(
        client.patch(
            f"/api/v1/tickets/{serial}", json={"title": "x"}, headers={**agent_headers, "If-Match": "abc"}
        ),
        422,
        "invalid_if_match",
    )


def test_given_linked_tickets_then_both_list_each_other(
    client: TestClient, agent_headers: AuthHeaders
) -> None:
    one = _create(client, agent_headers)["serial"]
    two = _create(client, agent_headers)["serial"]
    linked = client.post(f"/api/v1/tickets/{one}/links", json={"serial": two}, headers=agent_headers)
    assert linked.status_code == 200
    assert linked.json()["linked_serials"] == [two]
    assert client.get(f"/api/v1/tickets/{two}", headers=agent_headers).json()["linked_serials"] == [one]
    assert_error(
        client.post(f"/api/v1/tickets/{one}/links", json={"serial": two}, headers=agent_headers), 409
    )
    assert_error(
        client.post(f"/api/v1/tickets/{one}/links", json={"serial": "nope"}, headers=agent_headers),
        422,
        "invalid_serial",
    )


def test_given_tickets_when_listing_by_filters_and_overdue_board(
    client: TestClient,
    agent_headers: AuthHeaders,
    leader_headers: AuthHeaders,
    department_id: int,
    session: Session,
) -> None:
    fresh = _create(client, agent_headers)["serial"]
    old = _create(client, agent_headers, caller_number="13900000002")["serial"]
    _act(client, agent_headers, old, action="dispatch", department_id=department_id)
    ticket = session.scalar(select(Ticket).where(Ticket.serial == old))
    assert ticket is not None
    ticket.created_at -= timedelta(days=10)
    ticket.deadline = ticket.created_at + timedelta(days=7)
    ticket.warn_at = ticket.created_at + timedelta(days=3)
    session.commit()

    red = client.get("/api/v1/tickets", params={"light": "red"}, headers=agent_headers).json()
    assert [t["serial"] for t in red["items"]] == [old]
    by_dep = client.get(
        "/api/v1/tickets", params={"department_id": department_id, "light": "red"}, headers=agent_headers
    )
    assert by_dep.json()["total"] == 1
    by_caller = client.get(
        "/api/v1/tickets", params={"caller_number": "+86 139 2600 0001"}, headers=agent_headers
    )
    assert [t["serial"] for t in by_caller.json()["items"]] == [fresh]
    statuses = client.get(
        "/api/v1/tickets", params=[("status", "registered"), ("status", "dispatched")], headers=agent_headers
    )
    assert statuses.json()["total"] == 2
    paged = client.get("/api/v1/tickets", params={"limit": 1, "offset": 1}, headers=agent_headers).json()
    assert paged["total"] == 2 and len(paged["items"]) == 1

    assert_error(client.get("/api/v1/tickets/overdue", headers=agent_headers), 403, "forbidden")
    board = client.get("/api/v1/tickets/overdue", headers=leader_headers).json()
    rows = {row["department_name"]: row for row in board["departments"]}
    assert rows["市生态环境局"]["red"] == 1
    assert rows[None]["green"] == 1


@pytest.mark.parametrize(
    ("body", "error_id"),
    [
        ({"type": "complaint", "content": "x"}, "invalid_input"),
        ({**NEW, "content": ""}, "invalid_input"),
        ({**NEW, "content": "   "}, "invalid_input"),
        ({**NEW, "type": "gossip"}, "invalid_input"),
        ({**NEW, "caller_number": "not-a-number"}, "invalid_phone_number"),
        ({**NEW, "caller_number": "12"}, "invalid_phone_number"),
        ({**NEW, "department_id": 4242}, "unknown_department"),
        ({**NEW, "category_id": 4242}, "unknown_category"),
        ({**NEW, "customer_id": 4242}, "unknown_customer"),
        ({**NEW, "content": "长" * 20_001}, "invalid_input"),
        ({**NEW, "title": "t" * 500}, "invalid_input"),
        ({**NEW, "surprise": 1}, "invalid_input"),
        ({**NEW, "deadline": "2001-01-01T00:00:00+00:00"}, "invalid_deadline"),
    ],
)
def test_given_bad_input_when_creating_then_4xx_and_nothing_written(
    client: TestClient, agent_headers: AuthHeaders, session: Session, body: dict[str, Any], error_id: str
) -> None:
    response = client.post("/api/v1/tickets", json=body, headers=agent_headers)
    assert_error(response, 422, error_id)
    assert _ticket_count(session) == 0


def test_given_bad_serials_and_queries_then_clear_4xx(client: TestClient, agent_headers: AuthHeaders) -> None:
    assert_error(client.get("/api/v1/tickets/DROP TABLE", headers=agent_headers), 422, "invalid_serial")
    assert_error(client.get("/api/v1/tickets/20250101-9999", headers=agent_headers), 404, "not_found")
    assert_error(client.get("/api/v1/tickets", params={"light": "purple"}, headers=agent_headers), 422)
    assert_error(client.get("/api/v1/tickets", params={"limit": 100000}, headers=agent_headers), 422)
    assert_error(
        client.get("/api/v1/tickets", params={"created_from": "2025-01-01T00:00:00"}, headers=agent_headers),
        422,
        "invalid_date",
    )


def test_given_roles_then_agents_touch_only_their_own_and_leaders_close(
    client: TestClient,
    agent_headers: AuthHeaders,
    make_user: Any,
    login: Any,
    leader_headers: AuthHeaders,
    department_id: int,
) -> None:
    serial = _create(client, agent_headers, type="consultation")["serial"]
    other = login(make_user().work_number)
    assert_error(
        _act(client, other, serial, action="dispatch", department_id=department_id), 403, "forbidden"
    )
    assert_error(
        client.patch(f"/api/v1/tickets/{serial}", json={"title": "x"}, headers=other), 403, "forbidden"
    )
    assert _act(client, agent_headers, serial, action="answer", result="已电话解答").status_code == 200
    assert_error(_act(client, agent_headers, serial, action="close"), 403, "forbidden")
    assert _act(client, leader_headers, serial, action="close").status_code == 200
    assert_error(client.get(f"/api/v1/tickets/{serial}"), 401, "not_authenticated")
    assert_error(client.post("/api/v1/tickets", json=NEW), 401, "not_authenticated")


def test_given_bad_action_bodies_then_4xx_and_ticket_unchanged(
    client: TestClient, agent_headers: AuthHeaders, leader_headers: AuthHeaders, department_id: int
) -> None:
    serial = _create(client, agent_headers)["serial"]
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"action": "dispatch"}, 422, "missing_field"),
        ({"action": "dispatch", "department_id": 4242}, 422, "unknown_department"),
        ({"action": "dispatch", "department_id": "x"}, 422, "invalid_input"),
        ({"action": ""}, 422, "invalid_input"),
        ({"action": "edit"}, 422, "unknown_action"),
        ({"action": "remark", "note": "   "}, 422, "missing_field"),
        ({"action": "remark", "note": "n" * 20_001}, 422, "invalid_input"),
        ({"action": "dispatch", "department_id": department_id, "revision": 99}, 409, "edit_conflict"),
        ({"note": "no action"}, 422, "invalid_input"),
    ]
    for body, status, error_id in cases:
        assert_error(_act(client, leader_headers, serial, **body), status, error_id)
    _act(client, agent_headers, serial, action="dispatch", department_id=department_id)
    past = "2000-01-01T00:00:00+00:00"
    assert_error(
        _act(client, agent_headers, serial, action="request_extension", note="x", requested_deadline=past),
        422,
        "invalid_deadline",
    )
    assert_error(
        _act(client, agent_headers, serial, action="request_extension", note="x"), 422, "missing_field"
    )
    body = client.get(f"/api/v1/tickets/{serial}", headers=agent_headers).json()
    assert [e["kind"] for e in body["events"]] == ["created", "dispatch"]
    assert body["extensions"] == []
    assert body["revision"] == 2


def test_given_bad_edits_then_4xx_and_ticket_unchanged(
    client: TestClient, agent_headers: AuthHeaders
) -> None:
    serial = _create(client, agent_headers)["serial"]
    cases: list[tuple[dict[str, Any], str]] = [
        ({"content": ""}, "invalid_input"),
        ({"content": "  "}, "invalid_input"),
        ({"type": None}, "missing_field"),
        ({"type": "gossip"}, "invalid_input"),
        ({"caller_number": "phone"}, "invalid_phone_number"),
        ({"category_id": 4242}, "unknown_category"),
        ({"department_id": 4242}, "unknown_department"),
        ({"customer_id": 4242}, "unknown_customer"),
        ({"serial": "20250101-0001"}, "invalid_input"),
    ]
    for body, error_id in cases:
        assert_error(
            client.patch(f"/api/v1/tickets/{serial}", json=body, headers=agent_headers), 422, error_id
        )
    after = client.get(f"/api/v1/tickets/{serial}", headers=agent_headers).json()
    assert after["revision"] == 1
    assert after["content"] == NEW["content"]
    assert [e["kind"] for e in after["events"]] == ["created"]
