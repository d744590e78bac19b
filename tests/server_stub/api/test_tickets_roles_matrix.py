"""Role matrix for every endpoint of tickets, customers, screen pop, departments, categories, knowledge.

Each endpoint names the lowest role that may call it; without a token it is 401, below that role 403
(checked before the path's ids or the body are looked at, so a refused caller learns nothing else).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.protocol.enums import Role

from .conftest import AuthHeaders, assert_error

AGENT, LEADER, ADMIN = Role.AGENT, Role.LEADER, Role.ADMIN

ENDPOINTS: list[tuple[str, str, Role]] = [
    ("POST", "/api/v1/tickets", AGENT),
    ("GET", "/api/v1/tickets", AGENT),
    ("GET", "/api/v1/tickets/overdue", LEADER),
    ("GET", "/api/v1/tickets/templates", AGENT),
    ("POST", "/api/v1/tickets/templates", ADMIN),
    ("PATCH", "/api/v1/tickets/templates/1", ADMIN),
    ("DELETE", "/api/v1/tickets/templates/1", ADMIN),
    ("GET", "/api/v1/tickets/20250101-0001", AGENT),
    ("PATCH", "/api/v1/tickets/20250101-0001", AGENT),
    ("POST", "/api/v1/tickets/20250101-0001/events", AGENT),
    ("POST", "/api/v1/tickets/20250101-0001/links", AGENT),
    ("POST", "/api/v1/tickets/20250101-0001/extensions/1/decision", LEADER),
    ("GET", "/api/v1/screen-pop/13800138000", AGENT),
    ("GET", "/api/v1/customers", AGENT),
    ("POST", "/api/v1/customers", AGENT),
    ("POST", "/api/v1/customers/import", ADMIN),
    ("GET", "/api/v1/customers/1", AGENT),
    ("PATCH", "/api/v1/customers/1", AGENT),
    ("PUT", "/api/v1/customers/1/tags/vip", AGENT),
    ("DELETE", "/api/v1/customers/1/tags/vip", AGENT),
    ("DELETE", "/api/v1/customers/1", ADMIN),
    ("GET", "/api/v1/departments", AGENT),
    ("GET", "/api/v1/departments/1", AGENT),
    ("POST", "/api/v1/departments", ADMIN),
    ("PATCH", "/api/v1/departments/1", ADMIN),
    ("DELETE", "/api/v1/departments/1", ADMIN),
    ("GET", "/api/v1/categories", AGENT),
    ("GET", "/api/v1/categories/1", AGENT),
    ("POST", "/api/v1/categories", ADMIN),
    ("PATCH", "/api/v1/categories/1", ADMIN),
    ("DELETE", "/api/v1/categories/1", ADMIN),
    ("GET", "/api/v1/knowledge/feed", AGENT),
    ("GET", "/api/v1/knowledge/articles", AGENT),
    ("GET", "/api/v1/knowledge/articles/1", AGENT),
    ("POST", "/api/v1/knowledge/articles", ADMIN),
    ("PATCH", "/api/v1/knowledge/articles/1", ADMIN),
    ("DELETE", "/api/v1/knowledge/articles/1", ADMIN),
    ("GET", "/api/v1/knowledge/snapshot", AGENT),
]

_RANK = {AGENT: 0, LEADER: 1, ADMIN: 2}


def test_given_every_endpoint_then_401_without_token_and_403_below_its_role(
    client: TestClient, agent_headers: AuthHeaders, leader_headers: AuthHeaders
) -> None:
    headers_by_role = {AGENT: agent_headers, LEADER: leader_headers}
    for method, path, lowest in ENDPOINTS:
        body: dict[str, object] | None = {} if method in ("POST", "PATCH") else None
        assert_error(client.request(method, path, json=body), 401, "not_authenticated")
        for role, headers in headers_by_role.items():
            if _RANK[role] < _RANK[lowest]:
                response = client.request(method, path, json=body, headers=headers)
                assert response.status_code == 403, (method, path, role, response.text)
                assert response.json()["error_id"] == "forbidden"


def test_given_the_app_then_the_matrix_lists_every_route_of_these_routers(app: FastAPI) -> None:
    prefixes = (
        "/api/v1/tickets",
        "/api/v1/screen-pop",
        "/api/v1/customers",
        "/api/v1/departments",
        "/api/v1/categories",
        "/api/v1/knowledge",
    )
    # the OpenAPI document lists every route with its path template, however routers are included
    routes = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        if path.startswith(prefixes)
        for method in operations
    }
    listed = {(method, _template(path)) for method, path, _ in ENDPOINTS}
    assert routes == listed


def _template(path: str) -> str:
    replacements = {
        "/20250101-0001": "/{serial}",
        "/extensions/1/": "/extensions/{extension_id}/",
        "/13800138000": "/{number}",
        "/tags/vip": "/tags/{tag}",
    }
    for concrete, template in replacements.items():
        path = path.replace(concrete, template)
    for collection, name in (
        ("customers", "customer_id"),
        ("departments", "department_id"),
        ("categories", "category_id"),
        ("articles", "article_id"),
        ("templates", "template_id"),
    ):
        path = path.replace(f"/{collection}/1", f"/{collection}/{{{name}}}")
    return path
