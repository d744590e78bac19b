"""``/reports``: aggregated figures on SQLite and PostgreSQL, leader/admin only, bad periods refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from server_stub.api.routers import reports as reports_router
from server_stub.db.models import AgentStateLog, Call, Category, Department, Queue, Ticket
from shared.protocol.enums import (
    AgentState,
    CallDirection,
    CallDisposition,
    QueueStrategy,
    TicketType,
)

from .conftest import AuthHeaders, MakeUser, assert_error

BASE = "/api/v1/reports"
# 2026-03-02 10:00 centre time (UTC+8) = 02:00 UTC, a Monday
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def reports_routes(app: FastAPI) -> None:
    """Until the lead lists the router in ``server_stub/app.py``, mount it on the test app ourselves."""
    if not any(getattr(r, "path", "").startswith(BASE) for r in app.routes):
        app.include_router(reports_router.router, prefix="/api/v1")


def _iso(moment: datetime) -> str:
    return moment.isoformat()


@pytest.fixture
def activity(app: FastAPI, make_user: MakeUser) -> dict[str, int]:
    """Two queues, one agent with calls and a state history, tickets this week and last week."""
    agent = make_user(name="王芳")
    with app.state.session_factory() as db:
        q1 = Queue(
            code="citizen",
            name="市民",
            hotline_number="12345",
            strategy=QueueStrategy.LONGEST_IDLE,
            service_level_seconds=20,
        )
        q2 = Queue(
            code="gjj",
            name="公积金",
            hotline_number="12329",
            strategy=QueueStrategy.LONGEST_IDLE,
            service_level_seconds=30,
        )
        dept = Department(code="hous", name="住建局")
        cat = Category(name="供暖")
        db.add_all([q1, q2, dept, cat])
        db.flush()

        def call(
            queue: Queue,
            at: datetime,
            *,
            wait: int | None,
            talk: int = 0,
            number: str = "13800000001",
            disposition: CallDisposition = CallDisposition.ANSWERED,
            direction: CallDirection = CallDirection.INBOUND,
        ) -> Call:
            answered = at + timedelta(seconds=wait) if wait is not None else None
            return Call(
                direction=direction,
                caller_number=number,
                callee_number=queue.hotline_number,
                queue_id=queue.id,
                arrived_at=at,
                queued_at=at,
                answered_at=answered,
                ended_at=(answered + timedelta(seconds=talk)) if answered else at + timedelta(seconds=40),
                agent_id=agent.id if answered else None,
                disposition=disposition if answered else CallDisposition.ABANDONED,
                hold_seconds=5 if answered else 0,
            )

        db.add_all(
            [
                call(q1, T0, wait=10, talk=120),  # within SL
                call(q1, T0 + timedelta(minutes=5), wait=25, talk=60),  # outside 20 s
                call(q1, T0 + timedelta(minutes=70), wait=None),  # abandoned, next hour
                call(
                    q2,
                    T0 + timedelta(minutes=10),
                    wait=25,
                    talk=30,
                    number="13900000002",
                    disposition=CallDisposition.TRANSFERRED,
                ),  # within gjj's 30 s
                call(q1, T0 - timedelta(days=7), wait=5, talk=10),  # same time last week
                call(q1, T0 + timedelta(minutes=1), wait=1, direction=CallDirection.OUTBOUND),  # not offered
            ]
        )
        db.add_all(
            [
                AgentStateLog(
                    agent_id=agent.id, state=AgentState.READY, started_at=T0 - timedelta(hours=1), ended_at=T0
                ),
                AgentStateLog(
                    agent_id=agent.id,
                    state=AgentState.NOT_READY,
                    reason="break",
                    started_at=T0,
                    ended_at=T0 + timedelta(minutes=10),
                ),
                AgentStateLog(
                    agent_id=agent.id,
                    state=AgentState.WRAP_UP,
                    started_at=T0 + timedelta(minutes=10),
                    ended_at=T0 + timedelta(minutes=12),
                ),
                AgentStateLog(
                    agent_id=agent.id,
                    state=AgentState.NOT_READY,
                    reason="training",
                    started_at=T0 + timedelta(minutes=12),
                    ended_at=T0 + timedelta(minutes=42),
                ),
            ]
        )
        for i, (kind, day) in enumerate(
            [
                (TicketType.COMPLAINT, 0),
                (TicketType.COMPLAINT, 0),
                (TicketType.CONSULTATION, 0),
                (TicketType.COMPLAINT, -7),
            ]
        ):
            db.add(
                Ticket(
                    serial=f"R{i}",
                    type=kind,
                    content="x",
                    caller_number="13800000001",
                    created_at=T0 + timedelta(days=day),
                    department_id=dept.id if i < 2 else None,
                    category_id=cat.id,
                )
            )
        db.commit()
        return {"agent": agent.id, "dept": dept.id, "cat": cat.id}


def test_given_calls_when_volume_per_hour_then_offered_answered_abandoned_and_sl_by_bucket(
    client: TestClient, leader_headers: AuthHeaders, activity: dict[str, int]
) -> None:
    params = {
        "since": _iso(T0 - timedelta(hours=2)),
        "until": _iso(T0 + timedelta(hours=3)),
        "bucket": "hour",
    }
    body = client.get(f"{BASE}/call-volume", params=params, headers=leader_headers).json()
    rows = {r["bucket_start"][:16]: r for r in body["rows"]}
    ten = rows["2026-03-02T02:00"]
    assert (ten["offered"], ten["answered"], ten["abandoned"], ten["answered_within_sl"]) == (3, 3, 0, 2)
    eleven = rows["2026-03-02T03:00"]
    assert (eleven["offered"], eleven["abandoned"]) == (1, 1)


def test_given_calls_when_volume_per_day_by_queue_then_split_on_centre_days(
    client: TestClient, leader_headers: AuthHeaders, activity: dict[str, int]
) -> None:
    params = {
        "since": _iso(T0 - timedelta(days=8)),
        "until": _iso(T0 + timedelta(days=1)),
        "by_queue": "true",
    }
    rows = client.get(f"{BASE}/call-volume", params=params, headers=leader_headers).json()["rows"]
    today = {r["queue_code"]: r["offered"] for r in rows if r["bucket_start"].startswith("2026-03-01T16:00")}
    assert today == {"citizen": 3, "gjj": 1}  # the centre's 2 March starts at 16:00 UTC on 1 March
    assert sum(r["offered"] for r in rows) == 5


def test_given_state_log_when_agent_report_then_times_by_reason_are_clipped_to_the_period(
    client: TestClient, leader_headers: AuthHeaders, activity: dict[str, int]
) -> None:
    params = {"since": _iso(T0 - timedelta(minutes=30)), "until": _iso(T0 + timedelta(minutes=30))}
    rows = client.get(f"{BASE}/agents", params=params, headers=leader_headers).json()["rows"]
    (row,) = [r for r in rows if r["agent_id"] == activity["agent"]]
    assert row["name"] == "王芳"
    assert row["ready_seconds"] == 30 * 60
    assert row["wrap_up_seconds"] == 120
    assert row["not_ready_by_reason"] == {"break": 600, "training": 18 * 60}
    assert row["not_ready_seconds"] == 600 + 18 * 60
    assert (row["calls_answered"], row["talk_seconds"], row["hold_seconds"], row["transfers"]) == (
        4,
        210,
        20,
        1,
    )  # the outbound call counts for the agent


def test_given_repeat_caller_when_frequent_callers_then_counted_with_tickets(
    client: TestClient, leader_headers: AuthHeaders, activity: dict[str, int]
) -> None:
    params = {"since": _iso(T0 - timedelta(days=1)), "until": _iso(T0 + timedelta(days=1)), "min_calls": 2}
    rows = client.get(f"{BASE}/frequent-callers", params=params, headers=leader_headers).json()["rows"]
    assert [(r["caller_number"], r["calls"], r["tickets"]) for r in rows] == [("13800000001", 3, 3)]


@pytest.mark.parametrize(
    ("group_by", "expected"),
    [
        ("type", {"complaint": (2, 1), "consultation": (1, 0)}),
        ("department", {"住建局": (2, 0), "": (1, 1)}),
        ("category", {"供暖": (3, 1)}),
    ],
)
def test_given_tickets_when_grouped_then_period_is_compared_with_the_one_before(
    client: TestClient,
    leader_headers: AuthHeaders,
    activity: dict[str, int],
    group_by: str,
    expected: dict[str, tuple[int, int]],
) -> None:
    params = {
        "since": _iso(T0 - timedelta(days=3)),
        "until": _iso(T0 + timedelta(days=4)),
        "group_by": group_by,
    }
    body = client.get(f"{BASE}/tickets", params=params, headers=leader_headers).json()
    assert {r["label"]: (r["count"], r["previous_count"]) for r in body["rows"]} == expected


def test_given_agent_when_day_calls_then_newest_first_with_talk_time(
    client: TestClient, leader_headers: AuthHeaders, activity: dict[str, int]
) -> None:
    params = {"since": _iso(T0 - timedelta(hours=1)), "until": _iso(T0 + timedelta(hours=2))}
    rows = client.get(
        f"{BASE}/agents/{activity['agent']}/calls", params=params, headers=leader_headers
    ).json()
    assert [r["talk_seconds"] for r in rows] == [30, 60, 0, 120]
    assert rows[0]["queue_code"] == "gjj"


def test_given_activity_now_when_wallboard_then_points_cover_the_hours_with_last_week(
    client: TestClient, leader_headers: AuthHeaders, app: FastAPI, make_user: MakeUser
) -> None:
    agent = make_user()
    now = datetime.now(UTC)
    with app.state.session_factory() as db:
        q = Queue(code="wb", name="wb", hotline_number="12345", strategy=QueueStrategy.LONGEST_IDLE)
        db.add(q)
        db.flush()
        for moment in (now - timedelta(minutes=1), now - timedelta(days=7, minutes=1)):
            db.add(
                Call(
                    direction=CallDirection.INBOUND,
                    caller_number="1",
                    callee_number="12345",
                    queue_id=q.id,
                    arrived_at=moment,
                    queued_at=moment,
                    answered_at=moment + timedelta(seconds=4),
                    ended_at=moment + timedelta(seconds=34),
                    agent_id=agent.id,
                    disposition=CallDisposition.ANSWERED,
                )
            )
        db.add(
            AgentStateLog(agent_id=agent.id, state=AgentState.TALKING, started_at=now - timedelta(hours=3))
        )
        db.commit()
    body = client.get(
        f"{BASE}/wallboard", params={"hours": 2, "interval_minutes": 30}, headers=leader_headers
    ).json()
    points = body["points"]
    assert len(points) == 4
    # the minute-old call may sit in the last or (just after a boundary) the one before
    assert sum(p["offered"] for p in points) == sum(p["offered_last_week"] for p in points) == 1
    (busy,) = [p for p in points if p["offered"]]
    assert busy["answered"] == 1 and busy["offered_last_week"] == 1
    assert busy["average_answer_seconds"] == pytest.approx(4)
    assert busy["average_handle_seconds"] == pytest.approx(30)
    assert all(p["agents_by_state"].get("talking") == 1 for p in points)


def test_given_agent_when_reports_then_forbidden(client: TestClient, agent_headers: AuthHeaders) -> None:
    assert_error(client.get(f"{BASE}/agents", headers=agent_headers), 403)


@pytest.mark.parametrize(
    ("path", "params", "error_id"),
    [
        ("/agents", {"since": "2026-03-02T00:00:00"}, "invalid_date"),
        (
            "/agents",
            {"since": "2026-03-03T00:00:00+08:00", "until": "2026-03-02T00:00:00+08:00"},
            "invalid_period",
        ),
        (
            "/call-volume",
            {"since": "2025-01-01T00:00:00+08:00", "until": "2026-03-02T00:00:00+08:00", "bucket": "hour"},
            "period_too_long",
        ),
        ("/wallboard", {"hours": 24, "interval_minutes": 5}, "too_many_points"),
    ],
)
def test_given_bad_period_when_report_then_clear_refusal(
    client: TestClient, leader_headers: AuthHeaders, path: str, params: dict[str, str], error_id: str
) -> None:
    assert_error(client.get(f"{BASE}{path}", params=params, headers=leader_headers), 422, error_id)


def test_given_queued_callers_when_waiting_calls_then_priority_then_longest_wait_and_history(
    client: TestClient, leader_headers: AuthHeaders, app: FastAPI, make_user: MakeUser
) -> None:
    agent = make_user()
    now = datetime.now(UTC)
    with app.state.session_factory() as db:
        q = Queue(code="wq", name="wq", hotline_number="12345", strategy=QueueStrategy.LONGEST_IDLE)
        db.add(q)
        db.flush()

        def queued(number: str, seconds: int, *, priority: int = 0, answered: bool = False) -> Call:
            at = now - timedelta(seconds=seconds)
            return Call(
                direction=CallDirection.INBOUND,
                caller_number=number,
                callee_number="12345",
                queue_id=q.id,
                arrived_at=at,
                queued_at=at,
                priority=priority,
                agent_id=agent.id if answered else None,
                answered_at=now - timedelta(seconds=1) if answered else None,
            )

        db.add_all(
            [
                queued("1001", 30),
                queued("1002", 90),
                queued("1003", 10, priority=100),
                queued("1004", 60, answered=True),  # taken: not waiting any more
            ]
        )
        db.commit()
    rows = client.get(f"{BASE}/waiting-calls", headers=leader_headers).json()
    assert [r["caller_number"] for r in rows] == ["1003", "1002", "1001"]
    assert rows[0]["queue_code"] == "wq" and rows[0]["priority"] == 100
    assert 85 <= rows[1]["wait_seconds"] <= 120
    points = client.get(
        f"{BASE}/wallboard", params={"hours": 1, "interval_minutes": 30}, headers=leader_headers
    ).json()["points"]
    assert points[-1]["calls_waiting"] == 3  # the last point is measured at 'now'
