"""A notice whose validity ends is withdrawn on the seats: ``notice_was_withdrawn`` once, at its expiry,
from the server's own timer (no request needed); a notice withdrawn by hand is not announced again; the
timer stops with the server. SQLite and PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import AuthHeaders


def _withdrawals(app: FastAPI) -> list[int]:
    events = app.state.events.replay_since(0) or []
    return [e.payload["notice_id"] for e in events if e.type.value == "notice_was_withdrawn"]


def _wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not within {timeout} s")
        time.sleep(0.05)


def _publish(client: TestClient, headers: AuthHeaders, title: str, seconds: float | None) -> int:
    body: dict[str, object] = {"title": title, "body": "市区部分路段停水，预计18时恢复。"}
    if seconds is not None:
        body["expires_at"] = (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat()
    r = client.post("/api/v1/notices", json=body, headers=headers)
    assert r.status_code in (200, 201), r.text
    return int(r.json()["id"])


def test_given_a_notice_valid_for_seconds_when_it_runs_out_then_seats_get_one_withdrawal(
    client: TestClient, app: FastAPI, leader_headers: AuthHeaders, agent_headers: AuthHeaders
) -> None:
    lasting = _publish(client, leader_headers, "长期通知", None)
    # long enough that a stalled machine still lists it before it runs out
    short = _publish(client, leader_headers, "停水通知", 4)
    assert short in [n["id"] for n in client.get("/api/v1/notices", headers=agent_headers).json()]
    _wait_for(lambda: short in _withdrawals(app), 15, "the expiry withdrawal")
    assert short not in [n["id"] for n in client.get("/api/v1/notices", headers=agent_headers).json()]
    # another sweep (a new notice wakes the timer) does not announce it again
    _publish(client, leader_headers, "又一通知", 3600)
    sweeper = app.state.notice_sweeper
    announced = sweeper.announced
    time.sleep(0.3)
    assert sweeper.announced == announced == 1
    assert _withdrawals(app) == [short]
    assert lasting not in _withdrawals(app)


def test_given_a_notice_withdrawn_by_hand_when_its_expiry_passes_then_no_second_withdrawal(
    client: TestClient, app: FastAPI, leader_headers: AuthHeaders
) -> None:
    # outlives the withdrawal request even on a loaded machine (else its expiry would be announced first)
    notice = _publish(client, leader_headers, "临时通知", 4)
    r = client.post(f"/api/v1/notices/{notice}/withdraw", headers=leader_headers)
    assert r.status_code == 200, r.text
    expiring = _publish(client, leader_headers, "第二条", 4.5)
    _wait_for(lambda: expiring in _withdrawals(app), 15, "the second notice's expiry")
    assert _withdrawals(app) == [notice, expiring]  # the hand withdrawal, then the expiry; nothing twice


def test_given_a_running_server_when_it_shuts_down_then_the_expiry_timer_stops(
    built_app: FastAPI, app: FastAPI
) -> None:
    with TestClient(app):
        sweeper = app.state.notice_sweeper
        assert sweeper.running
    assert not sweeper.running
