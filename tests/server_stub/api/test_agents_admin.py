"""Admins manage agents; everyone signed in sees the directory; the agent bar's counters for today."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from server_stub.db.models import Agent, AgentStateLog, AuditEntry, Call
from shared.protocol.enums import AgentState, CallDirection, CallDisposition, Role

from .conftest import assert_error

NEW_AGENT = {
    "work_number": "1101",
    "name": "李娜",
    "role": "agent",
    "password": "first-pass-1",
    "team": "一组",
    "skills": [{"skill": "gjj", "level": 3}, {"skill": "general", "level": 2}],
    "sip_password": "sip-secret-1101",
}


def test_given_admin_when_creating_agent_then_can_sign_in_with_skills_and_sip(client, admin_headers, login):
    response = client.post("/api/v1/agents", json=NEW_AGENT, headers=admin_headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["team"] == "一组"
    assert {s["skill"]: s["level"] for s in body["skills"]} == {"gjj": 3, "general": 2}
    assert body["has_sip_password"] is True
    assert "sip_password" not in body and "password_hash" not in body
    headers = login("1101", "first-pass-1")
    sip = client.get("/api/v1/agents/me/sip-credentials", headers=headers).json()
    assert sip == {"username": "1101", "password": "sip-secret-1101"}


def test_given_bad_agent_bodies_then_4xx_and_nothing_written(client, admin_headers, session):
    before = session.scalar(select(func.count()).select_from(Agent))
    assert_error(
        client.post("/api/v1/agents", json={**NEW_AGENT, "password": "short"}, headers=admin_headers), 422
    )
    assert_error(
        client.post("/api/v1/agents", json={**NEW_AGENT, "role": "boss"}, headers=admin_headers), 422
    )
    assert_error(
        client.post("/api/v1/agents", json={**NEW_AGENT, "work_number": "10 01"}, headers=admin_headers), 422
    )
    bad_level = {**NEW_AGENT, "skills": [{"skill": "gjj", "level": 9}]}
    assert_error(client.post("/api/v1/agents", json=bad_level, headers=admin_headers), 422)
    twice = {**NEW_AGENT, "skills": [{"skill": "gjj", "level": 1}, {"skill": "gjj", "level": 2}]}
    assert_error(client.post("/api/v1/agents", json=twice, headers=admin_headers), 422, "duplicate_skill")
    assert_error(
        client.post("/api/v1/agents", json={**NEW_AGENT, "colour": "red"}, headers=admin_headers), 422
    )
    assert session.scalar(select(func.count()).select_from(Agent)) == before
    assert client.post("/api/v1/agents", json=NEW_AGENT, headers=admin_headers).status_code == 201
    assert_error(
        client.post("/api/v1/agents", json=NEW_AGENT, headers=admin_headers), 409, "duplicate_work_number"
    )


def test_given_admin_when_updating_and_deactivating_then_applied_audited_and_signed_out(
    client, admin_headers, agent_headers, session
):
    target = agent_headers.user.id
    response = client.patch(
        f"/api/v1/agents/{target}",
        json={"name": "新名字", "role": "leader", "team": None},
        headers=admin_headers,
    )
    assert response.status_code == 200
    assert response.json()["name"] == "新名字"
    assert response.json()["role"] == "leader"
    assert client.delete(f"/api/v1/agents/{target}", headers=admin_headers).status_code == 204
    assert_error(client.get("/api/v1/auth/me", headers=agent_headers), 401)
    actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.target_id == str(target))))
    assert {"agent_updated", "agent_deactivated"} <= actions


def test_given_admin_when_disabling_self_then_refused(client, admin_headers):
    me = admin_headers.user.id
    assert_error(client.delete(f"/api/v1/agents/{me}", headers=admin_headers), 422, "self_lockout")
    assert_error(client.patch(f"/api/v1/agents/{me}", json={"role": "agent"}, headers=admin_headers), 422)


def test_given_agent_when_reading_directory_then_sees_colleagues_states(
    client, make_user, agent_headers, set_state
):
    colleague = make_user(Role.AGENT, name="赵敏")
    set_state(colleague.id, AgentState.TALKING)
    make_user(Role.AGENT, name="离职", active=False)
    rows = client.get("/api/v1/agents/directory", headers=agent_headers).json()
    by_name = {r["name"]: r for r in rows}
    assert by_name["赵敏"]["state"] == "talking"
    assert "离职" not in by_name


def test_given_calls_and_states_today_when_reading_today_then_counts_and_talk_time(
    client, agent_headers, session
):
    me = agent_headers.user.id
    now = datetime.now(UTC)
    for minutes_ago, talk_seconds in ((30, 120), (20, 60)):
        answered = now - timedelta(minutes=minutes_ago)
        session.add(
            Call(
                direction=CallDirection.INBOUND,
                caller_number="13800000001",
                callee_number="12345",
                arrived_at=answered - timedelta(seconds=10),
                answered_at=answered,
                ended_at=answered + timedelta(seconds=talk_seconds),
                agent_id=me,
                disposition=CallDisposition.ANSWERED,
            )
        )
    session.add(
        AgentStateLog(
            agent_id=me,
            state=AgentState.READY,
            started_at=now - timedelta(minutes=10),
            ended_at=now - timedelta(minutes=5),
        )
    )
    session.commit()
    today = client.get("/api/v1/agents/me/today", headers=agent_headers).json()
    assert today["calls_answered"] == 2
    assert today["talk_seconds"] == 180
    assert today["average_talk_seconds"] == 90
    assert today["ready_seconds"] == 300


def test_given_reason_admin_crud_then_listed_for_agents(client, admin_headers, agent_headers):
    body = {"code": "meal", "label_zh": "用餐", "label_en": "Meal", "max_minutes": 30, "sort_order": 3}
    assert client.post("/api/v1/reasons", json=body, headers=admin_headers).status_code == 201
    assert_error(client.post("/api/v1/reasons", json=body, headers=admin_headers), 409, "duplicate_reason")
    assert_error(
        client.post("/api/v1/reasons", json={**body, "code": "Bad Code"}, headers=admin_headers), 422
    )
    patched = client.patch("/api/v1/reasons/meal", json={"label_en": "Lunch"}, headers=admin_headers)
    assert patched.json()["label_en"] == "Lunch"
    assert [r["code"] for r in client.get("/api/v1/reasons", headers=agent_headers).json()] == ["meal"]
    assert client.delete("/api/v1/reasons/meal", headers=admin_headers).status_code == 204
    assert_error(client.delete("/api/v1/reasons/meal", headers=admin_headers), 404)


def test_given_agent_with_skills_when_leader_reads_directory_and_snapshot_then_skills_and_team_shown(
    client, admin_headers, leader_headers
):
    assert client.post("/api/v1/agents", json=NEW_AGENT, headers=admin_headers).status_code == 201
    assert_error(client.get("/api/v1/agents", headers=leader_headers), 403)  # why the directory carries them
    rows = client.get("/api/v1/agents/directory", headers=leader_headers).json()
    li_na = next(r for r in rows if r["work_number"] == "1101")
    assert li_na["team"] == "一组"
    assert li_na["skills"] == {"gjj": 3, "general": 2}
    snapshot = client.get("/api/v1/snapshot", headers=leader_headers).json()
    seat = next(a for a in snapshot["agents"] if a["work_number"] == "1101")
    assert (seat["team"], seat["skills"]) == ("一组", {"gjj": 3, "general": 2})
