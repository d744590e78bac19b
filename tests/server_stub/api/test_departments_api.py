"""Departments over HTTP: everyone reads, admins write; a used department is deactivated, not deleted."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from .conftest import AuthHeaders, assert_error

GJJ = {"code": "GJJ", "name": "市住房公积金管理中心", "transfer_number": "02612329"}


def test_given_admin_when_managing_departments_then_everyone_reads_them(
    client: TestClient, admin_headers: AuthHeaders, agent_headers: AuthHeaders
) -> None:
    created = client.post("/api/v1/departments", json=GJJ, headers=admin_headers)
    assert created.status_code == 201, created.text
    dep_id = created.json()["id"]
    listed = client.get("/api/v1/departments", headers=agent_headers).json()
    assert [d["code"] for d in listed] == ["GJJ"]
    renamed = client.patch(
        f"/api/v1/departments/{dep_id}", json={"transfer_number": "02612330"}, headers=admin_headers
    )
    assert renamed.json()["transfer_number"] == "02612330"
    assert client.get(f"/api/v1/departments/{dep_id}", headers=agent_headers).json()["name"] == GJJ["name"]
    assert client.delete(f"/api/v1/departments/{dep_id}", headers=admin_headers).status_code == 204
    assert_error(client.get(f"/api/v1/departments/{dep_id}", headers=agent_headers), 404, "not_found")


def test_given_department_with_tickets_when_deleted_then_only_deactivated(
    client: TestClient, admin_headers: AuthHeaders
) -> None:
    dep_id = client.post("/api/v1/departments", json=GJJ, headers=admin_headers).json()["id"]
    ticket = {"caller_number": "13800138000", "type": "report", "content": "x", "department_id": dep_id}
    assert client.post("/api/v1/tickets", json=ticket, headers=admin_headers).status_code == 201
    response = client.delete(f"/api/v1/departments/{dep_id}", headers=admin_headers)
    assert response.status_code == 200
    assert response.json()["active"] is False
    assert client.get("/api/v1/departments", headers=admin_headers).json() == []
    inactive = client.get(
        "/api/v1/departments", params={"include_inactive": True}, headers=admin_headers
    ).json()
    assert [d["id"] for d in inactive] == [dep_id]
    refused = client.post("/api/v1/tickets", json=ticket, headers=admin_headers)
    assert_error(refused, 422, "unknown_department")


@pytest.mark.parametrize("role", ["agent", "leader"])
def test_given_non_admin_when_writing_then_403(
    client: TestClient, agent_headers: AuthHeaders, leader_headers: AuthHeaders, role: str
) -> None:
    headers = agent_headers if role == "agent" else leader_headers
    assert_error(client.post("/api/v1/departments", json=GJJ, headers=headers), 403, "forbidden")
    assert_error(client.patch("/api/v1/departments/1", json={"name": "x"}, headers=headers), 403, "forbidden")
    assert_error(client.delete("/api/v1/departments/1", headers=headers), 403, "forbidden")


@pytest.mark.parametrize(
    ("body", "status", "error_id"),
    [
        ({"code": "", "name": "x"}, 422, "invalid_input"),
        ({"code": "a b", "name": "x"}, 422, "invalid_input"),
        ({"code": "X", "name": "n" * 200}, 422, "invalid_input"),
        ({"name": "no code"}, 422, "invalid_input"),
        (GJJ, 409, "duplicate"),
    ],
)
def test_given_bad_department_then_4xx(
    client: TestClient, admin_headers: AuthHeaders, body: dict[str, str], status: int, error_id: str
) -> None:
    if status == 409:
        client.post("/api/v1/departments", json=GJJ, headers=admin_headers)
    assert_error(client.post("/api/v1/departments", json=body, headers=admin_headers), status, error_id)
    assert len(client.get("/api/v1/departments", headers=admin_headers).json()) == (1 if status == 409 else 0)
