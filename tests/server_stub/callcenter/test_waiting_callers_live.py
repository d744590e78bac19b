"""The supervisor console's "waiting callers" list and the wallboard's waiting count while the call path
runs: callers who were answered, abandoned, sent to voicemail or hit after-hours are not waiting (they used
to be listed while still on the line recording a message); a caller still queued is, with the router's wait.
On SQLite and PostgreSQL (``centre`` uses ``db_url``)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from server_stub.db.models import Call, Queue
from server_stub.media import control as mc

from .conftest import HOTLINE, QUEUE, Centre, wait_until

OTHER_QUEUE = "Q_OTHER"


def _now() -> datetime:
    return datetime.now(UTC)


def _arrive(c: Centre, conv: str, caller: str, queue: str = QUEUE) -> None:
    c.cc.handle(mc.InboundCallArrived(conv, caller, HOTLINE, f"sip-{conv}", _now()))
    c.cc.handle(mc.IvrRouted(conv, queue, "main>1", "1"))
    c.settle()


def _longest_wait(c: Centre) -> float:
    live = c.cc.live().queue(QUEUE)
    return live.longest_wait_seconds if live is not None else 0.0


def _configure(c: Centre) -> None:
    """Q_TEST sends callers to voicemail after 30 s; Q_OTHER is closed at the test clock's 10:00."""
    with c.app.state.session_factory() as db:
        test_q = db.scalar(select(Queue).where(Queue.code == QUEUE))
        other_q = db.scalar(select(Queue).where(Queue.code == OTHER_QUEUE))
        assert test_q is not None and other_q is not None
        test_q.max_wait_seconds, test_q.overflow_to_voicemail = 30, True
        other_q.opening_hours = {day: [["20:00", "21:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
        db.commit()
    c.cc.reload_config()
    c.settle()


def test_given_callers_answered_abandoned_in_voicemail_and_after_hours_when_listing_waiting_then_only_the_queued_one_shows(  # noqa: E501
    centre: Centre,
) -> None:
    c = centre
    _configure(c)
    agent = c.login("1001")
    assert c.client.post("/api/v1/agents/me/state", json={"state": "ready"}, headers=agent).status_code == 200
    c.settle()

    _arrive(c, "conv-answered", "13900000001")
    c.media.wait_for("offer_to_agent", lambda a: a[0] == "conv-answered")
    c.cc.handle(mc.AgentAnswered("conv-answered", "1001", _now()))

    _arrive(c, "conv-vm", "13900000002")
    c.clock.advance(31)  # past the queue's 30 s: voicemail; the caller stays on the line to speak
    c.media.wait_for("route_to_voicemail", lambda a: a[0] == "conv-vm")

    _arrive(c, "conv-after-hours", "13900000003", queue=OTHER_QUEUE)
    c.media.wait_for("route_to_voicemail", lambda a: a[0] == "conv-after-hours")

    _arrive(c, "conv-abandoned", "13900000004")
    c.cc.handle(mc.CallerHungUp("conv-abandoned", _now(), "queued"))
    c.cc.handle(mc.ConversationEnded("conv-abandoned", _now(), mc.EndedBy.CALLER))

    _arrive(c, "conv-waiting", "13900000005")
    c.clock.advance(12)
    wait_until(lambda: _longest_wait(c) >= 12, what="the router's next tick")

    leader = c.login("9001")
    rows = c.client.get("/api/v1/reports/waiting-calls", headers=leader).json()
    assert [r["caller_number"] for r in rows] == ["13900000005"], rows
    assert rows[0]["queue_code"] == QUEUE
    assert 12 <= rows[0]["wait_seconds"] <= 20, rows  # the router's wait, not the wall clock's
    points = c.client.get(
        "/api/v1/reports/wallboard", params={"hours": 1, "interval_minutes": 30}, headers=leader
    ).json()["points"]
    assert points[-1]["calls_waiting"] == 1

    # the rows say who stopped waiting, for the wallboard's history once the call path is gone
    with c.app.state.session_factory() as db:
        calls = {r.caller_number: r for r in db.scalars(select(Call))}
    assert calls["13900000001"].left_queue_at is not None  # answered
    assert calls["13900000004"].left_queue_at is not None  # abandoned
    assert calls["13900000005"].left_queue_at is None  # still waiting


def test_given_a_voicemail_caller_when_the_message_is_left_then_the_row_says_when_it_stopped_waiting(
    centre: Centre,
) -> None:
    c = centre
    _configure(c)
    _arrive(c, "conv-vm2", "13900000006")
    c.clock.advance(31)
    c.media.wait_for("route_to_voicemail", lambda a: a[0] == "conv-vm2")
    c.cc.handle(mc.VoicemailLeft("conv-vm2", "13900000006", HOTLINE, QUEUE, "2026/05/06/vm2.wav", 8.0))
    c.settle()
    leader = c.login("9001")
    assert c.client.get("/api/v1/reports/waiting-calls", headers=leader).json() == []
    with c.app.state.session_factory() as db:
        call = db.scalar(select(Call).where(Call.caller_number == "13900000006"))
        assert call is not None and call.left_queue_at is not None and call.ended_at is None
