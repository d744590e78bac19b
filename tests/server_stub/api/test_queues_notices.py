"""Queues (admin configuration, today's figures from calls), emergency notices and leaders' messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from server_stub.db.models import Call, Notice, Queue
from shared.protocol.enums import CallDirection, CallDisposition
from shared.protocol.events import EventType

from .conftest import assert_error

QUEUE = {
    "code": "gjj",
    "name": "公积金",
    "hotline_number": "12329",
    "strategy": "longest_idle",
    "required_skills": {"gjj": 2},
    "opening_hours": {"mon": [["08:00", "20:00"]]},
}


def _events(app, event_type):
    return [e for e in app.state.events.replay_since(0) or [] if e.type == event_type]


def test_given_admin_creates_queue_then_listed_with_figures_and_event(
    client, app, admin_headers, agent_headers
):
    response = client.post("/api/v1/queues", json=QUEUE, headers=admin_headers)
    assert response.status_code == 201, response.text
    listed = client.get("/api/v1/queues", headers=agent_headers).json()
    assert [q["code"] for q in listed] == ["gjj"]
    stats = listed[0]["stats"]
    assert stats["offered_today"] == 0
    assert stats["waiting"] is None  # unknown until the ACD runs in the server, never invented
    assert stats["service_level_percent"] is None
    assert [e.payload["code"] for e in _events(app, EventType.QUEUE_DID_CHANGE)] == ["gjj"]


def test_given_calls_today_then_offered_answered_abandoned_and_service_level(client, admin_headers, session):
    client.post("/api/v1/queues", json=QUEUE, headers=admin_headers)
    queue_id = session.scalar(select(Queue.id).where(Queue.code == "gjj"))
    now = datetime.now(UTC) - timedelta(minutes=1)
    for wait, disposition in (
        (5, CallDisposition.ANSWERED),
        (60, CallDisposition.ANSWERED),
        (30, CallDisposition.ABANDONED),
    ):
        session.add(
            Call(
                direction=CallDirection.INBOUND,
                caller_number="13800000002",
                callee_number="12329",
                queue_id=queue_id,
                arrived_at=now - timedelta(seconds=wait),
                queued_at=now - timedelta(seconds=wait),
                answered_at=now if disposition == CallDisposition.ANSWERED else None,
                disposition=disposition,
            )
        )
    session.commit()
    stats = client.get("/api/v1/queues/gjj", headers=admin_headers).json()["stats"]
    assert (stats["offered_today"], stats["answered_today"], stats["abandoned_today"]) == (3, 2, 1)
    assert stats["service_level_percent"] == 33.3


def test_given_bad_queue_config_then_422_and_nothing_written(client, admin_headers, session):
    bad = [
        {**QUEUE, "overflow_queue_code": "nowhere"},
        {**QUEUE, "opening_hours": {"monday": [["08:00", "20:00"]]}},
        {**QUEUE, "opening_hours": {"mon": [["20:00", "08:00"]]}},
        {**QUEUE, "required_skills": {"gjj": 7}},
        {**QUEUE, "strategy": "random"},
        {**QUEUE, "wrap_up_seconds": -1},
        {**QUEUE, "hotline_number": "abc"},
    ]
    for body in bad:
        assert_error(client.post("/api/v1/queues", json=body, headers=admin_headers), 422)
    assert session.scalar(select(func.count()).select_from(Queue)) == 0
    client.post("/api/v1/queues", json=QUEUE, headers=admin_headers)
    assert_error(client.post("/api/v1/queues", json=QUEUE, headers=admin_headers), 409, "duplicate_queue")
    assert_error(
        client.patch("/api/v1/queues/gjj", json={"overflow_queue_code": "gjj"}, headers=admin_headers), 422
    )
    assert_error(client.patch("/api/v1/queues/nope", json={"name": "x"}, headers=admin_headers), 404)


def test_given_admin_patches_and_deactivates_queue_then_applied(client, admin_headers):
    client.post("/api/v1/queues", json=QUEUE, headers=admin_headers)
    client.post(
        "/api/v1/queues", json={**QUEUE, "code": "general", "required_skills": {}}, headers=admin_headers
    )
    patched = client.patch(
        "/api/v1/queues/gjj",
        json={"wrap_up_seconds": 45, "overflow_queue_code": "general"},
        headers=admin_headers,
    ).json()
    assert patched["wrap_up_seconds"] == 45
    assert patched["overflow_queue_code"] == "general"
    assert client.delete("/api/v1/queues/gjj", headers=admin_headers).json()["active"] is False


def test_given_leader_publishes_notice_then_active_and_event_until_withdrawn(
    client, app, leader_headers, agent_headers
):
    body = {
        "title": "系统故障",
        "body": "社保系统暂停服务，预计18点恢复。",
        "hotline_number": "12345",
        "play_in_ivr": True,
    }
    response = client.post("/api/v1/notices", json=body, headers=leader_headers)
    assert response.status_code == 201, response.text
    notice_id = response.json()["id"]
    assert [n["id"] for n in client.get("/api/v1/notices", headers=agent_headers).json()] == [notice_id]
    assert client.get("/api/v1/notices?hotline_number=12329", headers=agent_headers).json() == []
    (event,) = _events(app, EventType.NOTICE_WAS_PUBLISHED)
    assert event.payload["title"] == "系统故障"
    assert event.payload["play_in_ivr"] is True
    assert client.post(f"/api/v1/notices/{notice_id}/withdraw", headers=leader_headers).status_code == 200
    assert client.get("/api/v1/notices", headers=agent_headers).json() == []
    assert [e.payload for e in _events(app, EventType.NOTICE_WAS_WITHDRAWN)] == [{"notice_id": notice_id}]
    assert_error(client.post(f"/api/v1/notices/{notice_id}/withdraw", headers=leader_headers), 409)


def test_given_bad_notice_then_422_and_nothing_written(client, leader_headers, session):
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    for body in ({"title": "", "body": "x"}, {"title": "t"}, {"title": "t", "body": "b", "expires_at": past}):
        assert_error(client.post("/api/v1/notices", json=body, headers=leader_headers), 422)
    assert session.scalar(select(func.count()).select_from(Notice)) == 0


def test_given_message_to_unknown_agent_then_422(client, leader_headers):
    body = {"to_agent_id": 987654, "text": "hi"}
    assert_error(client.post("/api/v1/messages", json=body, headers=leader_headers), 422, "unknown_recipient")
    assert_error(client.post("/api/v1/messages", json={"text": ""}, headers=leader_headers), 422)


def test_given_messages_then_agent_reads_own_and_broadcasts(client, leader_headers, agent_headers, make_user):
    other = make_user()
    for to, text in ((agent_headers.user.id, "给你的"), (other.id, "给别人的"), (None, "全体")):
        client.post("/api/v1/messages", json={"to_agent_id": to, "text": text}, headers=leader_headers)
    texts = [m["text"] for m in client.get("/api/v1/messages/mine", headers=agent_headers).json()]
    assert sorted(texts) == sorted(["给你的", "全体"])
