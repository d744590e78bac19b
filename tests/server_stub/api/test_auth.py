"""Sign-in with work number and password; tokens expire, can be revoked, and refuse disabled users."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from server_stub.db.models import Agent, ApiToken
from shared.protocol.enums import Role

from .conftest import DEFAULT_PASSWORD, assert_error


def test_given_right_password_when_login_then_token_works_for_me(client, make_user):
    user = make_user(Role.AGENT, work_number="1001", name="王芳")
    response = client.post("/api/v1/auth/login", json={"work_number": "1001", "password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["agent"]["work_number"] == "1001"
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.json()["name"] == "王芳"
    assert me.json()["id"] == user.id
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(hours=11) < expires - datetime.now(UTC) <= timedelta(hours=12)


def test_given_wrong_password_or_unknown_user_when_login_then_same_401(client, make_user):
    make_user(Role.AGENT, work_number="1002")
    wrong = client.post("/api/v1/auth/login", json={"work_number": "1002", "password": "nope-nope"})
    unknown = client.post("/api/v1/auth/login", json={"work_number": "7777", "password": DEFAULT_PASSWORD})
    body_wrong = assert_error(wrong, 401, "wrong_credentials")
    body_unknown = assert_error(unknown, 401, "wrong_credentials")
    assert body_wrong["message"] == body_unknown["message"]


def test_given_disabled_user_when_login_then_401_disabled(client, make_user):
    make_user(Role.AGENT, work_number="1003", active=False)
    response = client.post("/api/v1/auth/login", json={"work_number": "1003", "password": DEFAULT_PASSWORD})
    assert_error(response, 401, "account_disabled")


def test_given_user_disabled_after_login_when_calling_then_401(client, agent_headers, session):
    session.execute(update(Agent).where(Agent.id == agent_headers.user.id).values(active=False))
    session.commit()
    assert_error(client.get("/api/v1/auth/me", headers=agent_headers), 401)


def test_given_expired_token_when_calling_then_401(client, agent_headers, session):
    session.execute(
        update(ApiToken)
        .where(ApiToken.agent_id == agent_headers.user.id)
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    session.commit()
    body = assert_error(client.get("/api/v1/auth/me", headers=agent_headers), 401, "not_authenticated")
    assert "expired" in body["message"]


def test_given_logout_when_reusing_token_then_401(client, agent_headers):
    assert client.post("/api/v1/auth/logout", headers=agent_headers).status_code == 204
    assert_error(client.get("/api/v1/auth/me", headers=agent_headers), 401)


def test_given_no_or_garbage_token_when_calling_then_401(client):
    assert_error(client.get("/api/v1/auth/me"), 401, "not_authenticated")
    assert_error(client.get("/api/v1/auth/me", headers={"Authorization": "Bearer garbage"}), 401)


def test_given_missing_fields_when_login_then_422_with_field(client):
    body = assert_error(client.post("/api/v1/auth/login", json={"work_number": "1001"}), 422, "invalid_input")
    assert "password" in body["message"]


def test_given_admin_resets_password_when_old_used_then_refused_and_sessions_revoked(
    client, admin_headers, agent_headers, login
):
    target = agent_headers.user
    response = client.post(
        f"/api/v1/auth/agents/{target.id}/password",
        json={"new_password": "brand-new-pw"},
        headers=admin_headers,
    )
    assert response.status_code == 204
    assert_error(client.get("/api/v1/auth/me", headers=agent_headers), 401)
    old = client.post(
        "/api/v1/auth/login", json={"work_number": target.work_number, "password": DEFAULT_PASSWORD}
    )
    assert_error(old, 401)
    assert login(target.work_number, "brand-new-pw")


def test_given_password_stored_then_it_is_argon2_not_plain(make_user, session):
    user = make_user(Role.AGENT)
    stored = session.scalar(select(Agent.password_hash).where(Agent.id == user.id))
    assert stored.startswith("$argon2id$")
    assert DEFAULT_PASSWORD not in stored


def test_given_leader_when_resetting_password_then_403(client, leader_headers, agent_headers):
    response = client.post(
        f"/api/v1/auth/agents/{agent_headers.user.id}/password",
        json={"new_password": "brand-new-pw"},
        headers=leader_headers,
    )
    assert_error(response, 403, "forbidden")


def test_given_agent_changes_own_password_then_new_one_works_and_old_session_ends(
    client, agent_headers, login
):
    wrong = client.post(
        "/api/v1/auth/password",
        json={"current_password": "not-it", "new_password": "another-pass-2"},
        headers=agent_headers,
    )
    assert_error(wrong, 422, "wrong_current_password")
    ok = client.post(
        "/api/v1/auth/password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": "another-pass-2"},
        headers=agent_headers,
    )
    assert ok.status_code == 204
    assert_error(client.get("/api/v1/auth/me", headers=agent_headers), 401)
    assert login(agent_headers.user.work_number, "another-pass-2")
