"""Customers over HTTP: CRUD, several numbers, tags, and the all-or-nothing CSV import."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server_stub.db.models import Customer

from .conftest import AuthHeaders, assert_error


def _count(session: Session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Customer)) or 0


def test_given_customer_when_created_edited_tagged_and_deleted(
    client: TestClient, agent_headers: AuthHeaders, admin_headers: AuthHeaders
) -> None:
    created = client.post(
        "/api/v1/customers",
        json={"name": "王五", "phones": ["138 0000 1111", "+86 26 1234 5678"], "tags": ["important"]},
        headers=agent_headers,
    )
    assert created.status_code == 201, created.text
    customer = created.json()
    assert customer["phones"] == ["13800001111", "2612345678"]
    cid = customer["id"]
    patched = client.patch(
        f"/api/v1/customers/{cid}",
        json={"address": "幸福路1号", "phones": ["13800001111"]},
        headers=agent_headers,
    )
    assert patched.json()["phones"] == ["13800001111"]
    assert patched.json()["address"] == "幸福路1号"
    tagged = client.put(f"/api/v1/customers/{cid}/tags/elderly", headers=agent_headers)
    assert sorted(tagged.json()["tags"]) == ["elderly", "important"]
    untagged = client.delete(f"/api/v1/customers/{cid}/tags/important", headers=agent_headers)
    assert untagged.json()["tags"] == ["elderly"]
    found = client.get("/api/v1/customers", params={"q": "1380000"}, headers=agent_headers).json()
    assert [c["id"] for c in found["items"]] == [cid]
    assert (
        client.get("/api/v1/customers", params={"tag": "elderly"}, headers=agent_headers).json()["total"] == 1
    )
    assert_error(client.delete(f"/api/v1/customers/{cid}", headers=agent_headers), 403, "forbidden")
    assert client.delete(f"/api/v1/customers/{cid}", headers=admin_headers).status_code == 204
    assert_error(client.get(f"/api/v1/customers/{cid}", headers=agent_headers), 404, "not_found")


def test_given_number_of_another_customer_then_409_phone_taken(
    client: TestClient, agent_headers: AuthHeaders, session: Session
) -> None:
    client.post("/api/v1/customers", json={"phones": ["13800001111"]}, headers=agent_headers)
    clash = client.post(
        "/api/v1/customers", json={"name": "x", "phones": ["+8613800001111"]}, headers=agent_headers
    )
    assert_error(clash, 409, "phone_taken")
    assert _count(session) == 1


@pytest.mark.parametrize(
    ("body", "error_id"),
    [
        ({"phones": ["not a phone"]}, "invalid_phone_number"),
        ({"tags": ["celebrity"]}, "invalid_input"),
        ({"name": "名" * 65}, "invalid_input"),
        ({"phones": ["1380000111" + str(i) for i in range(30)]}, "invalid_input"),
    ],
)
def test_given_bad_customer_then_422_and_nothing_written(
    client: TestClient, agent_headers: AuthHeaders, session: Session, body: dict[str, object], error_id: str
) -> None:
    assert_error(client.post("/api/v1/customers", json=body, headers=agent_headers), 422, error_id)
    assert _count(session) == 0


GOOD_CSV = (
    "name,phones,address,notes,tags\n"
    "张三,13800000001;026-1234-5678,青山区1号,,vip\n"
    '李四,"13800000002, 13800000003",,耳背，请大声,elderly;important\n'
)


def test_given_valid_csv_when_admin_imports_then_every_row_saved(
    client: TestClient, admin_headers: AuthHeaders, session: Session
) -> None:
    response = client.post(
        "/api/v1/customers/import",
        content=GOOD_CSV.encode(),
        headers={**admin_headers, "Content-Type": "text/csv"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 2
    pop = client.get("/api/v1/screen-pop/13800000003", headers=admin_headers).json()
    assert pop["customer"]["name"] == "李四"
    assert sorted(pop["customer"]["tags"]) == ["elderly", "important"]


def test_given_gb18030_csv_as_multipart_then_imported(
    client: TestClient, admin_headers: AuthHeaders, session: Session
) -> None:
    files = {"file": ("customers.csv", GOOD_CSV.encode("gb18030"), "text/csv")}
    response = client.post("/api/v1/customers/import", files=files, headers=admin_headers)
    assert response.status_code == 200, response.text
    assert _count(session) == 2


@pytest.mark.parametrize(
    ("csv_text", "lines"),
    [
        (GOOD_CSV + "王五,call me,,,\n", [4]),
        (GOOD_CSV + "赵六,13800000001,,,\n", [4]),
        (GOOD_CSV + "钱七,13800000009,,,rockstar\n孙八,,,,\n", [4, 5]),
        ("who,what\n1,2\n", [1]),
        ("", []),
        ("name,phones\n" + "x" * 70 + ",13800000009\n", [2]),
    ],
)
def test_given_csv_with_bad_lines_then_422_naming_lines_and_nothing_imported(
    client: TestClient, admin_headers: AuthHeaders, session: Session, csv_text: str, lines: list[int]
) -> None:
    response = client.post(
        "/api/v1/customers/import",
        content=csv_text.encode(),
        headers={**admin_headers, "Content-Type": "text/csv"},
    )
    body = assert_error(response, 422, "csv_invalid")
    assert sorted({e["line"] for e in body["details"]["errors"]}) == lines
    for line in lines:
        assert str(line) in body["message"]
    assert _count(session) == 0


def test_given_existing_number_in_csv_then_nothing_imported(
    client: TestClient, admin_headers: AuthHeaders, session: Session
) -> None:
    client.post("/api/v1/customers", json={"phones": ["13800000002"]}, headers=admin_headers)
    response = client.post(
        "/api/v1/customers/import",
        content=GOOD_CSV.encode(),
        headers={**admin_headers, "Content-Type": "text/csv"},
    )
    body = assert_error(response, 422, "csv_invalid")
    assert body["details"]["errors"][0]["line"] == 3
    assert _count(session) == 1


def test_given_non_admin_when_importing_then_403(
    client: TestClient, agent_headers: AuthHeaders, leader_headers: AuthHeaders
) -> None:
    for headers in (agent_headers, leader_headers):
        response = client.post("/api/v1/customers/import", content=GOOD_CSV.encode(), headers=headers)
        assert_error(response, 403, "forbidden")
