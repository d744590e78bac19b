"""The category tree over HTTP: paths, per-category deadlines feeding ticket deadlines, admin-only writes."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from .conftest import AuthHeaders, assert_error


def test_given_tree_when_ticket_filed_under_leaf_then_deadline_inherited(
    client: TestClient, admin_headers: AuthHeaders, agent_headers: AuthHeaders
) -> None:
    root = client.post(
        "/api/v1/categories", json={"name": "供水", "deadline_days": 2}, headers=admin_headers
    ).json()
    leaf = client.post(
        "/api/v1/categories",
        json={"name": "停水", "parent_id": root["id"], "code": "SW-TS"},
        headers=admin_headers,
    )
    assert leaf.status_code == 201, leaf.text
    assert leaf.json()["path"] == ["供水", "停水"]
    tree = client.get("/api/v1/categories", headers=agent_headers).json()
    assert [c["path"] for c in tree] == [["供水"], ["供水", "停水"]]
    ticket = client.post(
        "/api/v1/tickets",
        json={
            "caller_number": "13800138000",
            "type": "help_request",
            "content": "整栋楼停水",
            "category_id": leaf.json()["id"],
        },
        headers=agent_headers,
    ).json()
    span = datetime.fromisoformat(ticket["deadline"]) - datetime.fromisoformat(ticket["created_at"])
    assert span.days == 2
    assert ticket["category_path"] == ["供水", "停水"]
    assert_error(
        client.delete(f"/api/v1/categories/{root['id']}", headers=admin_headers), 409, "category_in_use"
    )
    moved = client.patch(
        f"/api/v1/categories/{root['id']}", json={"parent_id": leaf.json()["id"]}, headers=admin_headers
    )
    assert_error(moved, 422, "category_cycle")


def test_given_unused_leaf_when_deleted_then_gone(client: TestClient, admin_headers: AuthHeaders) -> None:
    cat = client.post("/api/v1/categories", json={"name": "临时"}, headers=admin_headers).json()
    assert client.delete(f"/api/v1/categories/{cat['id']}", headers=admin_headers).status_code == 204
    assert_error(client.get(f"/api/v1/categories/{cat['id']}", headers=admin_headers), 404, "not_found")


@pytest.mark.parametrize(
    ("body", "status", "error_id"),
    [
        ({"name": ""}, 422, "invalid_input"),
        ({"name": "x", "deadline_days": 0}, 422, "invalid_input"),
        ({"name": "x", "deadline_days": 10_000}, 422, "invalid_input"),
        ({"name": "x", "parent_id": 999}, 422, "unknown_category"),
        ({"name": "名" * 65}, 422, "invalid_input"),
    ],
)
def test_given_bad_category_then_4xx_and_nothing_written(
    client: TestClient, admin_headers: AuthHeaders, body: dict[str, object], status: int, error_id: str
) -> None:
    assert_error(client.post("/api/v1/categories", json=body, headers=admin_headers), status, error_id)
    assert client.get("/api/v1/categories", headers=admin_headers).json() == []


def test_given_duplicate_name_under_same_parent_then_409(
    client: TestClient, admin_headers: AuthHeaders
) -> None:
    client.post("/api/v1/categories", json={"name": "供水"}, headers=admin_headers)
    assert_error(
        client.post("/api/v1/categories", json={"name": "供水"}, headers=admin_headers), 409, "duplicate"
    )


def test_given_non_admin_when_writing_then_403_but_reading_works(
    client: TestClient, agent_headers: AuthHeaders, leader_headers: AuthHeaders
) -> None:
    for headers in (agent_headers, leader_headers):
        assert_error(client.post("/api/v1/categories", json={"name": "x"}, headers=headers), 403, "forbidden")
        assert_error(
            client.patch("/api/v1/categories/1", json={"name": "x"}, headers=headers), 403, "forbidden"
        )
        assert_error(client.delete("/api/v1/categories/1", headers=headers), 403, "forbidden")
        assert client.get("/api/v1/categories", headers=headers).status_code == 200
    assert_error(client.get("/api/v1/categories"), 401, "not_authenticated")
