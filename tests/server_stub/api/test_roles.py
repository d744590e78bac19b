"""The role of every endpoint: walks ``app.routes`` so a new route can't forget authentication.

Every route under ``/api/v1`` except the public ones refuses a request without a token (401), and every
route guarded by ``require_roles`` refuses each weaker role (403) — before looking at the body.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from server_stub.api.deps import get_current_agent
from server_stub.app import API_PREFIX, PUBLIC_PATHS, api_routes
from shared.protocol.enums import Role

from .conftest import assert_error


def _api_routes(app) -> list[tuple[str, APIRoute]]:
    routes = api_routes()
    # Cross-check against what the app really serves, so a router added outside ROUTER_MODULES shows up.
    served = {
        (path, method.lower())
        for path, ops in app.openapi()["paths"].items()
        if path.startswith(API_PREFIX)
        for method in ops
    }
    walked = {(path, m.lower()) for path, r in routes for m in r.methods or ()}
    assert served - walked <= {(f"{API_PREFIX}/health", "get")}, served - walked
    return routes


def _walk(dependant: Dependant) -> list[Any]:
    calls = []
    for dep in dependant.dependencies:
        calls.append(dep.call)
        calls.extend(_walk(dep))
    return calls


def _allowed_roles(route: APIRoute) -> set[Role] | None:
    """The roles a ``require_roles`` guard lets through, or ``None`` if any signed-in user may call."""
    allowed: set[Role] | None = None
    for call in _walk(route.dependant):
        if getattr(call, "__qualname__", "").startswith("require_roles."):
            cells = dict(zip(call.__code__.co_freevars, call.__closure__ or (), strict=True))
            roles = set(cells["allowed"].cell_contents)
            allowed = roles if allowed is None else allowed & roles
    return allowed


def _url(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_given_any_api_route_when_no_token_then_401(app, client):
    checked = 0
    for path, route in _api_routes(app):
        if path in PUBLIC_PATHS:
            continue
        assert get_current_agent in _walk(route.dependant), f"{path} does not require sign-in"
        for method in route.methods or ():
            response = client.request(method, _url(path))
            assert_error(response, 401, "not_authenticated")
            checked += 1
    assert checked > 40


def test_given_role_guarded_route_when_weaker_role_then_403(app, client, agent_headers, leader_headers):
    headers = {Role.AGENT: agent_headers, Role.LEADER: leader_headers}
    guarded = 0
    for path, route in _api_routes(app):
        allowed = _allowed_roles(route)
        if allowed is None:
            continue
        guarded += 1
        for role, role_headers in headers.items():
            if role in allowed:
                continue
            for method in route.methods or ():
                response = client.request(method, _url(path), headers=role_headers)
                assert_error(response, 403, "forbidden")
    assert guarded > 20


def test_given_public_routes_then_only_health_and_login(app, client):
    paths = {path for path, _ in _api_routes(app)} | {f"{API_PREFIX}/health"}
    assert paths >= PUBLIC_PATHS
    health = client.get(f"{API_PREFIX}/health")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    assert client.get("/openapi.json").status_code == 200


@pytest.mark.parametrize("body", [None, {"unexpected": 1}, [], "not json"])
def test_given_any_route_when_admin_sends_garbage_then_4xx_json_never_500(app, client, admin_headers, body):
    """Bad input gets a 4xx with an error id — never a 500 — on every route, including other teams'."""
    failures = []
    for path, route in _api_routes(app):
        if path == f"{API_PREFIX}/auth/logout":
            continue  # would end the admin's session and turn the rest of the walk into 401s
        for method in route.methods or ():
            if method in ("GET", "DELETE") and body is not None:
                continue
            kwargs: dict[str, Any] = {"headers": admin_headers}
            if isinstance(body, str):
                kwargs["content"] = body
                kwargs["headers"] = {**admin_headers, "Content-Type": "application/json"}
            elif body is not None:
                kwargs["json"] = body
            response = client.request(method, _url(path), **kwargs)
            if response.status_code == 503 and response.json().get("error_id") == "call_path_off":
                continue  # the call centre is not started in these tests: a stated, not a crashed, refusal
            if response.status_code >= 500:
                failures.append(f"{method} {path}: {response.status_code}")
            elif response.status_code >= 400:
                assert "error_id" in response.json(), f"{method} {path}: {response.text}"
                assert response.status_code != 401, f"{method} {path} signed the admin out"
    assert failures == []
