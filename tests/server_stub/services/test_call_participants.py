"""Who was in each past call, from the rows the call centre's own writer (``CallRecorder``) leaves: the
agent who took it, then everyone who joined its conference, once each; nobody for an unanswered call.
On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from server_stub.callcenter.persistence import CallRecorder
from server_stub.db.engine import make_session_factory
from server_stub.db.models import Agent, Call, Department
from server_stub.services.calls_participants import participants_of
from shared.protocol.enums import CallDisposition, Role

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


@pytest.fixture
def factory(db_engine: Engine) -> sessionmaker[Session]:
    make = make_session_factory(db_engine)
    with make() as db:
        for wn, name in (("1001", "王芳"), ("1002", "李强"), ("1003", "赵敏")):
            db.add(Agent(work_number=wn, name=name, password_hash="x", role=Role.AGENT))
        db.add(Department(code="GJJ", name="市住房公积金管理中心", transfer_number="02612329", active=True))
        db.commit()
    return make


def _call(recorder: CallRecorder, caller: str, at: datetime) -> int:
    written = recorder.call_arrived(caller=caller, hotline_number="12345", sip_call_id=f"sip-{caller}", at=at)
    assert written.call_id is not None
    return written.call_id


def _joined(recorder: CallRecorder, call_id: int, work_number: str, at: datetime, *, seconds: int) -> None:
    leg = recorder.offered(call_id, work_number=work_number, queue_code=None, ring_timeout_s=30, at=at)
    assert leg.leg_id is not None
    recorder.conference_leg_answered(leg.leg_id, at=at + timedelta(seconds=3))
    recorder.leg_ended(leg.leg_id, outcome="conference", at=at + timedelta(seconds=3 + seconds))


def test_given_calls_with_and_without_a_conference_when_listing_participants_then_owner_first_each_once(
    factory: sessionmaker[Session],
) -> None:
    recorder = CallRecorder(factory)
    plain = _call(recorder, "13900000001", T0)
    recorder.answered(plain, leg_id=None, work_number="1001", at=T0 + timedelta(seconds=10))

    unanswered = _call(recorder, "13900000002", T0)
    recorder.abandoned(unanswered, queue_code=None, at=T0 + timedelta(seconds=30))
    recorder.ended(
        unanswered, at=T0 + timedelta(seconds=30), disposition=CallDisposition.ABANDONED, recording=None,
        ended_by="caller",
    )  # fmt: skip

    room = _call(recorder, "13900000003", T0)
    recorder.answered(room, leg_id=None, work_number="1003", at=T0 + timedelta(seconds=5))
    dept = recorder.transfer_leg(
        room, target_number="02612329", department="GJJ", at=T0 + timedelta(seconds=20)
    )
    assert dept.leg_id is not None
    recorder.conference_leg_answered(dept.leg_id, at=T0 + timedelta(seconds=40))  # joined after 1002
    _joined(recorder, room, "1002", T0 + timedelta(seconds=30), seconds=20)  # joined at +33 s, left
    _joined(recorder, room, "1002", T0 + timedelta(seconds=60), seconds=10)  # invited again: one person
    failed = recorder.offered(room, work_number="1001", queue_code=None, ring_timeout_s=30, at=T0)
    assert failed.leg_id is not None
    recorder.leg_ended(failed.leg_id, outcome="conference_failed", at=T0 + timedelta(seconds=30))  # busy

    with factory() as db:
        calls = list(db.scalars(select(Call).order_by(Call.id)))
        who = participants_of(db, calls=calls)
        assert participants_of(db, calls=[]) == {}
    shown = {call_id: [(p.role.value, p.number, p.name) for p in people] for call_id, people in who.items()}
    assert shown == {
        plain: [("owner", "1001", "王芳")],
        unanswered: [],
        room: [
            ("owner", "1003", "赵敏"),
            ("conference", "1002", "李强"),
            ("conference", "02612329", "市住房公积金管理中心"),
        ],
    }
    assert who[room][1].agent_id is not None and who[room][2].agent_id is None
