"""Blacklist (leaders block and lift numbers, media workers check) and callback tasks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from server_stub.db.models import AuditEntry, BlacklistEntry, CallbackTask
from server_stub.services.callbacks import create_callback_task
from shared.protocol.enums import AgentState, Role
from shared.protocol.events import EventType

from .conftest import assert_error


def test_given_blocked_number_then_check_says_so_until_lifted(client, leader_headers, agent_headers, session):
    response = client.post(
        "/api/v1/blacklist", json={"number": "13912345678", "reason": "骚扰电话"}, headers=leader_headers
    )
    assert response.status_code == 201, response.text
    entry_id = response.json()["id"]
    check = client.get("/api/v1/blacklist/check/139-1234-5678", headers=agent_headers).json()
    assert check["blocked"] is True
    assert check["reason"] == "骚扰电话"
    assert client.get("/api/v1/blacklist/check/13900000000", headers=agent_headers).json()["blocked"] is False
    assert client.delete(f"/api/v1/blacklist/{entry_id}", headers=leader_headers).status_code == 200
    assert client.get("/api/v1/blacklist/check/13912345678", headers=agent_headers).json()["blocked"] is False
    actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["blacklist_added", "blacklist_lifted"]


def test_given_expired_entry_then_not_blocked(client, leader_headers, session):
    soon = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    body = {"number": "13700000000", "reason": "x", "expires_at": soon}
    entry_id = client.post("/api/v1/blacklist", json=body, headers=leader_headers).json()["id"]
    assert client.get("/api/v1/blacklist/check/13700000000", headers=leader_headers).json()["blocked"] is True
    session.execute(
        update(BlacklistEntry)
        .where(BlacklistEntry.id == entry_id)
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    session.commit()
    assert (
        client.get("/api/v1/blacklist/check/13700000000", headers=leader_headers).json()["blocked"] is False
    )
    assert client.get("/api/v1/blacklist", headers=leader_headers).json() == []


def test_given_bad_blacklist_input_then_4xx_and_nothing_written(client, leader_headers, session):
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    for body in (
        {"number": "call me", "reason": "x"},
        {"number": "13800000000", "reason": ""},
        {"number": "13800000000", "reason": "x", "expires_at": past},
    ):
        assert_error(client.post("/api/v1/blacklist", json=body, headers=leader_headers), 422)
    assert session.scalar(select(func.count()).select_from(BlacklistEntry)) == 0
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
    ok = {"number": "13800000000", "reason": "x"}
    entry_id = client.post("/api/v1/blacklist", json=ok, headers=leader_headers).json()["id"]
    assert_error(client.post("/api/v1/blacklist", json=ok, headers=leader_headers), 409, "already_blocked")
    client.delete(f"/api/v1/blacklist/{entry_id}", headers=leader_headers)
    assert_error(
        client.delete(f"/api/v1/blacklist/{entry_id}", headers=leader_headers), 409, "already_lifted"
    )


def test_given_three_online_agents_when_callbacks_created_then_round_robin(app, make_user, set_state):
    agents = [make_user(Role.AGENT) for _ in range(4)]
    for a in agents[:3]:
        set_state(a.id, AgentState.READY)
    with app.state.session_factory() as session:
        assigned = [
            create_callback_task(session, number=f"1380000000{i}")[0].assigned_agent_id for i in range(4)
        ]
        session.commit()
    online = [a.id for a in agents[:3]]
    assert assigned == [*online, online[0]]


def test_given_nobody_online_then_task_unassigned_and_leader_assigns(
    client, app, leader_headers, agent_headers
):
    response = client.post("/api/v1/callbacks", json={"number": "13800000009"}, headers=leader_headers)
    assert response.status_code == 201
    task = response.json()
    assert task["assigned_agent_id"] is None
    assert [
        t["id"] for t in client.get("/api/v1/callbacks?unassigned=true", headers=leader_headers).json()
    ] == [task["id"]]
    me = agent_headers.user.id
    client.post(f"/api/v1/callbacks/{task['id']}/assign", json={"agent_id": me}, headers=leader_headers)
    (event,) = [e for e in app.state.events.replay_since(0) if e.type == EventType.CALLBACK_WAS_ASSIGNED]
    assert event.payload["agent_id"] == me
    mine = client.get("/api/v1/callbacks/mine", headers=agent_headers).json()
    assert [t["number"] for t in mine] == ["13800000009"]


def test_given_my_callback_when_dialled_and_done_then_closed_with_note(
    client, leader_headers, agent_headers, make_user, login
):
    me = agent_headers.user.id
    task_id = client.post("/api/v1/callbacks", json={"number": "13800000010"}, headers=leader_headers).json()[
        "id"
    ]
    client.post(f"/api/v1/callbacks/{task_id}/assign", json={"agent_id": me}, headers=leader_headers)
    other = login(make_user(Role.AGENT).work_number)
    assert_error(
        client.post(f"/api/v1/callbacks/{task_id}/result", json={"status": "done"}, headers=other),
        403,
        "not_your_callback",
    )
    assert_error(
        client.post(f"/api/v1/callbacks/{task_id}/result", json={"status": "failed"}, headers=agent_headers),
        422,
        "note_required",
    )
    dialling = client.post(
        f"/api/v1/callbacks/{task_id}/result", json={"status": "in_progress"}, headers=agent_headers
    )
    assert dialling.json()["attempts"] == 1
    done = client.post(
        f"/api/v1/callbacks/{task_id}/result",
        json={"status": "done", "note": "已回复"},
        headers=agent_headers,
    ).json()
    assert (done["status"], done["result_note"]) == ("done", "已回复")
    assert client.get("/api/v1/callbacks/mine", headers=agent_headers).json() == []
    assert_error(
        client.post(f"/api/v1/callbacks/{task_id}/result", json={"status": "done"}, headers=agent_headers),
        409,
    )


def test_given_bad_callback_input_then_4xx_nothing_written(client, leader_headers, session):
    assert_error(client.post("/api/v1/callbacks", json={"number": "x"}, headers=leader_headers), 422)
    body = {"number": "13800000000", "queue_code": "nope"}
    assert_error(client.post("/api/v1/callbacks", json=body, headers=leader_headers), 422, "unknown_queue")
    assert session.scalar(select(func.count()).select_from(CallbackTask)) == 0
    assert_error(
        client.post("/api/v1/callbacks/999/assign", json={"agent_id": 1}, headers=leader_headers), 404
    )


def test_given_callbacks_waiting_when_agents_come_online_then_handed_out(client, app, make_user, login):
    with app.state.session_factory() as session:
        for i in range(3):
            task, event = create_callback_task(session, number=f"1390000000{i}")
            assert task.assigned_agent_id is None and event is None
        session.commit()
    first = login(make_user(Role.AGENT).work_number)
    assert client.post("/api/v1/agents/me/state", json={"state": "ready"}, headers=first).status_code == 200
    assert len(client.get("/api/v1/callbacks/mine", headers=first).json()) == 3
    assigned = [e for e in app.state.events.replay_since(0) if e.type == EventType.CALLBACK_WAS_ASSIGNED]
    assert {e.payload["agent_id"] for e in assigned} == {first.user.id}
