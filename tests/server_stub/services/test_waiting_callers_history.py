"""Who was waiting, from the calls table alone (a server without the call path, and the wallboard's past
intervals): the call centre's own writer (``CallRecorder``) records each journey, the report reads it.
On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from server_stub.callcenter.persistence import CallRecorder
from server_stub.db.engine import make_session_factory
from server_stub.db.models import Agent, Queue
from server_stub.services import reports
from shared.protocol.enums import CallDisposition, QueueStrategy, Role

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def _journey(recorder: CallRecorder, caller: str, *, queued_at: datetime) -> int:
    written = recorder.call_arrived(
        caller=caller,
        hotline_number="12345",
        sip_call_id=f"sip-{caller}",
        at=queued_at - timedelta(seconds=5),
    )
    assert written.call_id is not None
    recorder.call_queued(
        written.call_id, queue_code="citizen", ivr_path="main>1", digits="1", customer_id=None, priority=0,
        at=queued_at,
    )  # fmt: skip
    return written.call_id


@pytest.fixture
def factory(db_engine: Engine) -> sessionmaker[Session]:
    """Sessions on a database with the queue "citizen" and agent 1001."""
    make = make_session_factory(db_engine)
    with make() as db:
        db.add(
            Queue(code="citizen", name="市民", hotline_number="12345", strategy=QueueStrategy.LONGEST_IDLE)
        )
        db.add(Agent(work_number="1001", name="坐席", password_hash="x", role=Role.AGENT))
        db.commit()
    return make


def test_given_recorded_journeys_when_reading_waiting_callers_then_only_the_still_queued_caller_is_listed(
    factory: sessionmaker[Session],
) -> None:
    recorder = CallRecorder(factory)

    answered = _journey(recorder, "13900000001", queued_at=T0)
    recorder.answered(answered, leg_id=None, work_number="1001", at=T0 + timedelta(seconds=20))

    voicemail = _journey(recorder, "13900000002", queued_at=T0)
    recorder.left_queue(voicemail, at=T0 + timedelta(seconds=30))  # sent to voicemail: still on the line

    after_hours = _journey(recorder, "13900000003", queued_at=T0 + timedelta(seconds=10))
    recorder.left_queue(after_hours, at=T0 + timedelta(seconds=10))

    abandoned = _journey(recorder, "13900000004", queued_at=T0)
    recorder.abandoned(abandoned, queue_code="citizen", at=T0 + timedelta(seconds=40))
    recorder.ended(
        abandoned, at=T0 + timedelta(seconds=40), disposition=CallDisposition.ABANDONED, recording=None,
        ended_by="caller",
    )  # fmt: skip

    _journey(recorder, "13900000005", queued_at=T0 + timedelta(seconds=15))

    now = T0 + timedelta(seconds=60)
    with factory() as db:
        rows = reports.waiting_calls(db, now=now, limit=50)
        assert [r.caller_number for r in rows] == ["13900000005"]
        assert rows[0].wait_seconds == 45 and rows[0].queue_code == "citizen"
        assert reports.calls_waiting_at(db, at=now) == 1
        # the wallboard's history: at T0+25 s the voicemail and abandoning callers were still waiting
        assert reports.calls_waiting_at(db, at=T0 + timedelta(seconds=25)) == 3


def test_given_a_voicemail_left_without_a_routing_stamp_when_reading_then_the_caller_is_not_waiting(
    factory: sessionmaker[Session],
) -> None:
    recorder = CallRecorder(factory)
    call_id = _journey(recorder, "13900000006", queued_at=datetime.now(UTC) - timedelta(seconds=90))
    recorder.voicemail_left(call_id, caller="13900000006", queue_code="citizen", path="vm.wav", duration_s=20)
    with factory() as db:
        assert reports.waiting_calls(db, now=datetime.now(UTC), limit=50) == []


def test_given_a_row_a_crash_left_open_when_reading_waiting_callers_a_day_later_then_it_is_not_waiting(
    factory: sessionmaker[Session],
) -> None:
    recorder = CallRecorder(factory)
    _journey(recorder, "13900000009", queued_at=T0)  # the server died before anything else was written
    live = _journey(recorder, "13900000010", queued_at=T0 + timedelta(days=2))

    now = T0 + timedelta(days=2, seconds=30)
    with factory() as db:
        assert [r.call_id for r in reports.waiting_calls(db, now=now, limit=50)] == [live]
        assert reports.calls_waiting_at(db, at=now) == 1
        assert reports.calls_waiting_at(db, at=T0 + timedelta(minutes=5)) == 1  # it did wait back then
