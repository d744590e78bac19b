"""``POST /auth/login`` locks a work number after repeated wrong passwords, and a client address guessing
across work numbers; the refusal says when to try again; a success resets the count. SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.db.models import AuditEntry
from server_stub.services.login_throttle import LoginThrottle

from .conftest import DEFAULT_PASSWORD, MakeUser, assert_error

LOGIN = "/api/v1/auth/login"


class StepClock:
    """The throttle's monotonic clock, moved by the test (a 15-minute lockout without waiting)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _stepped_throttle(app: FastAPI) -> StepClock:
    """A 60 s window and a 2-minute lockout on a clock the test moves."""
    clock = StepClock()
    app.state.login_throttle = LoginThrottle(window_seconds=60, lockout_seconds=120, clock=clock)
    return clock


def _attempt(client: TestClient, work_number: str, password: str = "wrong-pass-1") -> int:
    return client.post(LOGIN, json={"work_number": work_number, "password": password}).status_code


def test_given_five_wrong_passwords_when_signing_in_again_then_429_with_when_to_retry_and_an_audit_entry(
    client: TestClient, app: FastAPI, make_user: MakeUser
) -> None:
    user = make_user(work_number="7101")
    other = make_user(work_number="7102")
    assert [_attempt(client, user.work_number) for _ in range(5)] == [401] * 5
    refused = client.post(LOGIN, json={"work_number": user.work_number, "password": DEFAULT_PASSWORD})
    body = assert_error(refused, 429, "too_many_attempts")
    assert "Try again in 15 minute" in body["message"]
    assert refused.headers["Retry-After"] == str(body["details"]["retry_after_seconds"])
    assert 890 <= int(refused.headers["Retry-After"]) <= 900
    assert body["details"]["scope"] == "work_number"
    # someone else at the same computer is not affected
    assert _attempt(client, other.work_number, DEFAULT_PASSWORD) == 200
    with app.state.session_factory() as db:
        entries = list(db.scalars(select(AuditEntry).where(AuditEntry.action == "login_locked")))
    assert [(e.target_type, e.target_id) for e in entries] == [("work_number", "7101")]


def test_given_four_failures_when_the_password_is_then_right_then_the_count_starts_again(
    client: TestClient, make_user: MakeUser
) -> None:
    user = make_user(work_number="7201")
    assert [_attempt(client, user.work_number) for _ in range(4)] == [401] * 4
    assert _attempt(client, user.work_number, DEFAULT_PASSWORD) == 200
    assert [_attempt(client, user.work_number) for _ in range(4)] == [401] * 4
    assert _attempt(client, user.work_number, DEFAULT_PASSWORD) == 200


def test_given_a_locked_work_number_when_the_lockout_has_passed_then_signing_in_works(
    client: TestClient, app: FastAPI, make_user: MakeUser
) -> None:
    clock = _stepped_throttle(app)
    user = make_user(work_number="7301")
    for _ in range(5):
        _attempt(client, user.work_number)
    clock.now += 119
    refused = client.post(LOGIN, json={"work_number": user.work_number, "password": DEFAULT_PASSWORD})
    assert_error(refused, 429, "too_many_attempts")
    assert refused.headers["Retry-After"] == "1"
    clock.now += 2
    assert _attempt(client, user.work_number, DEFAULT_PASSWORD) == 200


def test_given_failures_spread_out_beyond_the_window_when_signing_in_then_no_lockout(
    client: TestClient, app: FastAPI, make_user: MakeUser
) -> None:
    clock = _stepped_throttle(app)
    user = make_user(work_number="7401")
    for _ in range(8):
        assert _attempt(client, user.work_number) == 401
        clock.now += 20  # at most three failures inside any 60 s
    assert _attempt(client, user.work_number, DEFAULT_PASSWORD) == 200


def test_given_one_address_guessing_across_work_numbers_when_over_its_limit_then_every_work_number_is_refused(
    client: TestClient, app: FastAPI, make_user: MakeUser
) -> None:
    app.state.login_throttle = LoginThrottle(max_client_failures=3)
    user = make_user(work_number="7501")
    assert [_attempt(client, number) for number in ("7601", "7602", "7603")] == [401] * 3
    refused = client.post(LOGIN, json={"work_number": user.work_number, "password": DEFAULT_PASSWORD})
    body = assert_error(refused, 429, "too_many_attempts")
    assert body["details"]["scope"] == "client" and "this computer" in body["message"]
    with app.state.session_factory() as db:
        entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "login_locked"))
    assert entry is not None and entry.target_type == "client"
