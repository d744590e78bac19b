"""Knowledge articles over HTTP: admin CRUD, the versioned change feed with soft deletes, events, roles."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.knowledge.index import read_state
from shared.knowledge.snapshot import install_snapshot, read_manifest
from shared.protocol.events import EventType

from .conftest import AuthHeaders, assert_error

ARTICLE = {
    "title": "住房公积金提取条件",
    "body": "购房、租房、退休可提取。",
    "keywords": ["公积金", "提取"],
    "short_code": "GJJ-TQ-01",
}


def _post(client: TestClient, headers: AuthHeaders, **extra: Any) -> dict[str, Any]:
    response = client.post("/api/v1/knowledge/articles", json={**ARTICLE, **extra}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_given_changes_when_following_the_feed_then_every_change_once_in_order(
    client: TestClient, admin_headers: AuthHeaders, agent_headers: AuthHeaders, app: FastAPI
) -> None:
    first = _post(client, admin_headers)
    second = _post(client, admin_headers, title="租房提取", short_code="GJJ-TQ-02")
    assert (first["version"], second["version"]) == (1, 2)
    edited = client.patch(
        f"/api/v1/knowledge/articles/{first['id']}",
        json={"body": "新规：购房、租房、退休。"},
        headers=admin_headers,
    )
    assert edited.json()["version"] == 3
    assert (
        client.delete(f"/api/v1/knowledge/articles/{second['id']}", headers=admin_headers).status_code == 204
    )

    feed = client.get("/api/v1/knowledge/feed", params={"since": 0}, headers=agent_headers).json()
    assert [(a["id"], a["version"], a["deleted"]) for a in feed["articles"]] == [
        (first["id"], 3, False),
        (second["id"], 4, True),
    ]
    assert feed["latest_version"] == 4 and feed["has_more"] is False
    page = client.get("/api/v1/knowledge/feed", params={"since": 0, "limit": 1}, headers=agent_headers).json()
    assert page["has_more"] is True and page["latest_version"] == 3
    rest = client.get("/api/v1/knowledge/feed", params={"since": 3}, headers=agent_headers).json()
    assert [a["id"] for a in rest["articles"]] == [second["id"]]
    caught_up = client.get("/api/v1/knowledge/feed", params={"since": 4}, headers=agent_headers).json()
    assert caught_up["articles"] == [] and caught_up["latest_version"] == 4

    listed = client.get("/api/v1/knowledge/articles", headers=agent_headers).json()
    assert [a["id"] for a in listed["items"]] == [first["id"]]
    assert listed["latest_version"] == 4
    one = client.get(f"/api/v1/knowledge/articles/{first['id']}", headers=agent_headers).json()
    assert one["body"] == "新规：购房、租房、退休。"
    versions = [
        e.payload["latest_version"]
        for e in app.state.events.replay_since(0) or []
        if e.type == EventType.KNOWLEDGE_DID_CHANGE
    ]
    assert versions == [1, 2, 3, 4]


def test_given_article_in_category_then_path_and_department_names_travel(
    client: TestClient, admin_headers: AuthHeaders
) -> None:
    root = client.post("/api/v1/categories", json={"name": "公积金"}, headers=admin_headers).json()
    leaf = client.post(
        "/api/v1/categories", json={"name": "提取", "parent_id": root["id"]}, headers=admin_headers
    )
    dep = client.post(
        "/api/v1/departments", json={"code": "GJJ", "name": "公积金中心"}, headers=admin_headers
    )
    article = _post(client, admin_headers, category_id=leaf.json()["id"], department_id=dep.json()["id"])
    assert article["category_path"] == ["公积金", "提取"]
    assert article["department"] == "公积金中心"


@pytest.mark.parametrize(
    ("body", "status", "error_id"),
    [
        ({**ARTICLE, "title": ""}, 422, "invalid_input"),
        ({**ARTICLE, "body": ""}, 422, "invalid_input"),
        ({**ARTICLE, "title": "t" * 201}, 422, "invalid_input"),
        ({**ARTICLE, "category_id": 999}, 422, "unknown_category"),
        ({**ARTICLE, "department_id": 999}, 422, "unknown_department"),
        ({**ARTICLE, "keywords": ["k" * 40]}, 422, "invalid_keyword"),
    ],
)
def test_given_bad_article_then_4xx_and_version_unchanged(
    client: TestClient, admin_headers: AuthHeaders, body: dict[str, Any], status: int, error_id: str
) -> None:
    assert_error(
        client.post("/api/v1/knowledge/articles", json=body, headers=admin_headers), status, error_id
    )
    assert client.get("/api/v1/knowledge/feed", headers=admin_headers).json()["latest_version"] == 0


def test_given_duplicate_short_code_then_409(client: TestClient, admin_headers: AuthHeaders) -> None:
    _post(client, admin_headers)
    assert_error(
        client.post("/api/v1/knowledge/articles", json=ARTICLE, headers=admin_headers), 409, "duplicate"
    )


def test_given_roles_then_everyone_reads_only_admins_write(
    client: TestClient, admin_headers: AuthHeaders, agent_headers: AuthHeaders, leader_headers: AuthHeaders
) -> None:
    article = _post(client, admin_headers)
    for headers in (agent_headers, leader_headers):
        assert_error(
            client.post("/api/v1/knowledge/articles", json=ARTICLE, headers=headers), 403, "forbidden"
        )
        assert_error(
            client.patch(f"/api/v1/knowledge/articles/{article['id']}", json={"title": "x"}, headers=headers),
            403,
            "forbidden",
        )
        assert_error(
            client.delete(f"/api/v1/knowledge/articles/{article['id']}", headers=headers), 403, "forbidden"
        )
        assert client.get("/api/v1/knowledge/feed", headers=headers).status_code == 200
    assert_error(client.get("/api/v1/knowledge/feed"), 401, "not_authenticated")
    assert_error(client.get("/api/v1/knowledge/feed", params={"since": -1}, headers=agent_headers), 422)
    assert_error(client.get("/api/v1/knowledge/articles/999", headers=agent_headers), 404, "not_found")


def test_given_articles_when_seat_downloads_snapshot_then_it_installs_and_follows_changes(
    client: TestClient, admin_headers: AuthHeaders, agent_headers: AuthHeaders, app: FastAPI, tmp_path: Path
) -> None:
    first = _post(client, admin_headers)
    _post(client, admin_headers, title="租房提取公积金", short_code="GJJ-TQ-02")
    response = client.get("/api/v1/knowledge/snapshot", headers=agent_headers)
    assert response.status_code == 200, response.text
    assert response.headers["X-Knowledge-Version"] == "2"
    archive = tmp_path / "snapshot.zip"
    archive.write_bytes(response.content)
    manifest = read_manifest(archive)
    assert (manifest.version, manifest.article_count) == (2, 2)
    install_snapshot(archive, tmp_path / "index")
    assert read_state(tmp_path / "index")[1] == 2

    client.delete(f"/api/v1/knowledge/articles/{first['id']}", headers=admin_headers)
    builder = app.state.knowledge_snapshots
    deadline = time.monotonic() + 120
    while (latest := builder.latest()) is None or latest.manifest.version < 3:
        assert time.monotonic() < deadline, "the snapshot was not rebuilt after a change"
        time.sleep(0.2)
    again = client.get("/api/v1/knowledge/snapshot", headers=agent_headers)
    assert again.headers["X-Knowledge-Version"] == "3"
    assert_error(client.get("/api/v1/knowledge/snapshot"), 401, "not_authenticated")
