"""Ticket templates over HTTP: every seat reads the active ones in order, admins write them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from server_stub.demo_data.loader import load_demo_data
from server_stub.demo_data.people import AGENT_WORK_NUMBERS, DEMO_PASSWORD
from server_stub.demo_data.ticket_templates import TICKET_TEMPLATES

from .conftest import AuthHeaders, Login, assert_error

URL = "/api/v1/tickets/templates"

GJJ_TQ = {
    "name": "公积金提取咨询",
    "type": "consultation",
    "content": "来电人咨询住房公积金提取……，已告知办理渠道。",
    "sort_order": 20,
}


def _category_and_department(client: TestClient, admin: AuthHeaders) -> tuple[int, int]:
    root = client.post("/api/v1/categories", json={"name": "公积金"}, headers=admin).json()
    leaf = client.post("/api/v1/categories", json={"name": "提取", "parent_id": root["id"]}, headers=admin)
    dept = client.post(
        "/api/v1/departments", json={"code": "GJJ", "name": "市住房公积金管理中心"}, headers=admin
    )
    return leaf.json()["id"], dept.json()["id"]


def test_given_templates_when_agent_lists_then_active_ones_in_sort_order_with_category_path(
    client: TestClient, admin_headers: AuthHeaders, agent_headers: AuthHeaders
) -> None:
    category_id, department_id = _category_and_department(client, admin_headers)
    first = client.post(
        URL,
        json={**GJJ_TQ, "category_id": category_id, "department_id": department_id},
        headers=admin_headers,
    )
    assert first.status_code == 201, first.text
    noise = {
        "name": "噪音扰民",
        "type": "complaint",
        "content": "来电人反映（地址）噪音扰民……",
        "sort_order": 10,
    }
    assert client.post(URL, json=noise, headers=admin_headers).status_code == 201
    hidden = {"name": "旧模板", "content": "不再使用", "active": False}
    assert client.post(URL, json=hidden, headers=admin_headers).status_code == 201

    listed = client.get(URL, headers=agent_headers)

    assert listed.status_code == 200, listed.text
    assert [t["name"] for t in listed.json()] == ["噪音扰民", "公积金提取咨询"]
    tq = listed.json()[1]
    assert tq["category_path"] == ["公积金", "提取"]
    assert tq["department_name"] == "市住房公积金管理中心"
    assert tq["type"] == "consultation"
    assert tq["content"] == GJJ_TQ["content"]
    everything = client.get(URL, params={"include_inactive": True}, headers=admin_headers).json()
    assert {t["name"] for t in everything} == {"噪音扰民", "公积金提取咨询", "旧模板"}
    refused = client.get(URL, params={"include_inactive": True}, headers=agent_headers)
    assert_error(refused, 403, "forbidden")


def test_given_template_when_admin_edits_and_deletes_then_seats_see_the_change(
    client: TestClient, admin_headers: AuthHeaders, agent_headers: AuthHeaders
) -> None:
    category_id, _ = _category_and_department(client, admin_headers)
    created = client.post(URL, json={**GJJ_TQ, "category_id": category_id}, headers=admin_headers).json()
    path = f"{URL}/{created['id']}"

    edited = client.patch(
        path, json={"name": "公积金提取", "type": "help_request", "category_id": None}, headers=admin_headers
    )

    assert edited.status_code == 200, edited.text
    assert edited.json()["name"] == "公积金提取"
    assert edited.json()["type"] == "help_request"
    assert edited.json()["category_id"] is None
    assert edited.json()["content"] == GJJ_TQ["content"]  # not sent, kept
    client.patch(path, json={"active": False}, headers=admin_headers)
    assert client.get(URL, headers=agent_headers).json() == []
    assert client.delete(path, headers=admin_headers).status_code == 204
    assert client.get(URL, params={"include_inactive": True}, headers=admin_headers).json() == []
    assert_error(client.delete(path, headers=admin_headers), 404, "not_found")
    assert_error(client.patch(path, json={"name": "x"}, headers=admin_headers), 404, "not_found")


def test_given_template_when_its_category_and_department_are_deleted_then_template_stays_without_them(
    client: TestClient, admin_headers: AuthHeaders, agent_headers: AuthHeaders
) -> None:
    category_id, department_id = _category_and_department(client, admin_headers)
    client.post(
        URL,
        json={**GJJ_TQ, "category_id": category_id, "department_id": department_id},
        headers=admin_headers,
    )

    assert client.delete(f"/api/v1/categories/{category_id}", headers=admin_headers).status_code == 204
    assert client.delete(f"/api/v1/departments/{department_id}", headers=admin_headers).status_code == 204

    [template] = client.get(URL, headers=agent_headers).json()
    assert template["category_id"] is None
    assert template["category_path"] == []
    assert template["department_id"] is None


@pytest.mark.parametrize(
    ("body", "status", "error_id"),
    [
        ({"content": "no name"}, 422, "invalid_input"),
        ({"name": "x", "content": ""}, 422, "invalid_input"),
        ({"name": "x", "content": "y", "type": "gossip"}, 422, "invalid_input"),
        ({"name": "n" * 65, "content": "y"}, 422, "invalid_input"),
        ({"name": "x", "content": "y", "colour": "red"}, 422, "invalid_input"),
        ({"name": "\u3000", "content": "y"}, 422, "invalid_input"),
        ({"name": "x", "content": "y", "category_id": 9999}, 422, "unknown_category"),
        ({"name": "x", "content": "y", "department_id": 9999}, 422, "unknown_department"),
        (GJJ_TQ, 409, "duplicate"),
    ],
)
def test_given_bad_template_when_created_then_4xx_and_nothing_written(
    client: TestClient, admin_headers: AuthHeaders, body: dict[str, Any], status: int, error_id: str
) -> None:
    if status == 409:
        client.post(URL, json=GJJ_TQ, headers=admin_headers)

    assert_error(client.post(URL, json=body, headers=admin_headers), status, error_id)

    listed = client.get(URL, params={"include_inactive": True}, headers=admin_headers).json()
    assert len(listed) == (1 if status == 409 else 0)


@pytest.mark.parametrize(
    ("body", "error_id"),
    [
        ({"name": None}, "missing_field"),
        ({"active": None}, "missing_field"),
        ({"content": ""}, "invalid_input"),
        ({"category_id": 9999}, "unknown_category"),
        ({"name": "噪音扰民"}, "duplicate"),
    ],
)
def test_given_bad_edit_then_4xx_and_template_unchanged(
    client: TestClient, admin_headers: AuthHeaders, body: dict[str, Any], error_id: str
) -> None:
    client.post(URL, json={"name": "噪音扰民", "content": "来电人反映……"}, headers=admin_headers)
    created = client.post(URL, json=GJJ_TQ, headers=admin_headers).json()

    response = client.patch(f"{URL}/{created['id']}", json=body, headers=admin_headers)

    assert_error(response, 409 if error_id == "duplicate" else 422, error_id)
    listed = client.get(URL, headers=admin_headers).json()
    assert [t for t in listed if t["id"] == created["id"]] == [created]


def test_given_no_token_then_401_on_every_template_route(client: TestClient) -> None:
    assert_error(client.get(URL), 401, "not_authenticated")
    assert_error(client.post(URL, json=GJJ_TQ), 401, "not_authenticated")
    assert_error(client.patch(f"{URL}/1", json={"name": "x"}), 401, "not_authenticated")
    assert_error(client.delete(f"{URL}/1"), 401, "not_authenticated")


@pytest.mark.parametrize("role", ["agent", "leader"])
def test_given_non_admin_when_writing_templates_then_403_and_nothing_changes(
    client: TestClient,
    admin_headers: AuthHeaders,
    agent_headers: AuthHeaders,
    leader_headers: AuthHeaders,
    role: str,
) -> None:
    headers = agent_headers if role == "agent" else leader_headers
    created = client.post(URL, json=GJJ_TQ, headers=admin_headers).json()
    path = f"{URL}/{created['id']}"

    assert_error(client.post(URL, json={**GJJ_TQ, "name": "y"}, headers=headers), 403, "forbidden")
    assert_error(client.patch(path, json={"name": "x"}, headers=headers), 403, "forbidden")
    assert_error(client.delete(path, headers=headers), 403, "forbidden")

    assert client.get(URL, headers=headers).json() == [created]


def test_given_demo_data_when_agent_lists_templates_then_common_consultations_with_their_categories(
    app: FastAPI, client: TestClient, login: Login
) -> None:
    with app.state.session_factory() as db:
        load_demo_data(
            db,
            today=date(2026, 5, 4),
            customers=5,
            calls=20,
            tickets=5,
            hash_password=app.state.password_hasher.hash,
        )
        db.commit()
    headers = login(AGENT_WORK_NUMBERS[0], DEMO_PASSWORD)

    listed = client.get(URL, headers=headers).json()

    assert [t["name"] for t in listed] == [t.name for t in TICKET_TEMPLATES]
    assert 10 <= len(listed) <= 20
    by_name = {t["name"]: t for t in listed}
    assert by_name["公积金提取咨询"]["category_path"] == ["公积金", "提取"]
    assert by_name["公积金提取咨询"]["department_name"] == "市住房公积金管理中心"
    assert by_name["噪音扰民（社会生活）"]["type"] == "complaint"
    assert all("（" in t["content"] or "……" in t["content"] for t in listed)  # blanks to fill in
