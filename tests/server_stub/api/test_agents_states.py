"""The agent state machine: the transition table, the agent's own changes, leaders' forced changes,
the state log with start/end, and the ``agent_state_did_change`` events."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from server_stub.api.errors import InvalidTransition
from server_stub.db.models import AgentStateLog, AuditEntry
from server_stub.services.agent_states import TRANSITIONS, StateEvent, next_state
from shared.protocol.enums import AgentState, Role
from shared.protocol.events import EventType

from .conftest import assert_error

S = AgentState
E = StateEvent

EXPECTED_VALID = {
    (S.LOGGED_OUT, E.GO_READY): S.READY,
    (S.LOGGED_OUT, E.GO_NOT_READY): S.NOT_READY,
    (S.READY, E.GO_NOT_READY): S.NOT_READY,
    (S.NOT_READY, E.GO_READY): S.READY,
    (S.NOT_READY, E.GO_NOT_READY): S.NOT_READY,
    (S.READY, E.LOG_OUT): S.LOGGED_OUT,
    (S.NOT_READY, E.LOG_OUT): S.LOGGED_OUT,
    (S.WRAP_UP, E.LOG_OUT): S.LOGGED_OUT,
    (S.READY, E.RESERVE): S.RESERVED,
    (S.RESERVED, E.ANSWER): S.TALKING,
    (S.RESERVED, E.MISS): S.NOT_READY,
    (S.RESERVED, E.RELEASE): S.READY,
    (S.TALKING, E.HOLD): S.HOLD,
    (S.HOLD, E.RESUME): S.TALKING,
    (S.TALKING, E.HANG_UP): S.WRAP_UP,
    (S.HOLD, E.HANG_UP): S.WRAP_UP,
    (S.WRAP_UP, E.FINISH_WRAP_UP): S.READY,
    (S.WRAP_UP, E.GO_NOT_READY): S.NOT_READY,
    **{(s, E.FORCE_READY): S.READY for s in S},
    **{(s, E.FORCE_NOT_READY): S.NOT_READY for s in S},
    **{(s, E.FORCE_LOG_OUT): S.LOGGED_OUT for s in S},
    **{(s, E.DISCONNECT): S.LOGGED_OUT for s in S},
}


@pytest.mark.parametrize(("state", "event"), list(itertools.product(S, E)))
def test_given_every_state_and_event_when_next_state_then_table_decides(state, event):
    if (state, event) in EXPECTED_VALID:
        assert next_state(state, event) == EXPECTED_VALID[(state, event)]
    else:
        with pytest.raises(InvalidTransition) as info:
            next_state(state, event)
        assert state.value in info.value.message
    assert TRANSITIONS == EXPECTED_VALID


def _log(session, agent_id):
    session.expire_all()
    return list(
        session.scalars(
            select(AgentStateLog).where(AgentStateLog.agent_id == agent_id).order_by(AgentStateLog.id)
        )
    )


def _events(app, event_type=EventType.AGENT_STATE_DID_CHANGE):
    return [e for e in app.state.events.replay_since(0) or [] if e.type == event_type]


def test_given_agent_when_going_ready_break_ready_out_then_log_has_start_end_and_events(
    client, app, agent_headers, reasons, session
):
    me = agent_headers.user
    steps = [("ready", None), ("not_ready", "break"), ("not_ready", "training"), ("ready", None)]
    steps.append(("logged_out", None))
    for state, reason in steps:
        response = client.post(
            "/api/v1/agents/me/state", json={"state": state, "reason": reason}, headers=agent_headers
        )
        assert response.status_code == 200, response.text
        assert response.json()["state"] == state
        assert response.json()["state_reason"] == reason
    rows = _log(session, me.id)
    assert [(r.state.value, r.reason) for r in rows] == steps
    assert all(r.ended_at is not None for r in rows[:-1])
    assert rows[-1].ended_at is None
    for earlier, later in itertools.pairwise(rows):
        assert earlier.ended_at == later.started_at
    published = _events(app)
    assert [(e.payload["state"], e.payload["reason"]) for e in published] == steps
    assert all(e.payload["agent_id"] == me.id for e in published)
    seqs = [e.seq for e in published]
    assert seqs == sorted(seqs)


@pytest.mark.parametrize(
    ("current", "requested"),
    [
        (S.TALKING, "ready"),
        (S.TALKING, "logged_out"),
        (S.HOLD, "not_ready"),
        (S.RESERVED, "logged_out"),
        (S.READY, "talking"),
        (S.READY, "wrap_up"),
        (S.LOGGED_OUT, "logged_out"),
        (S.READY, "ready"),
    ],
)
def test_given_state_when_agent_requests_impossible_change_then_409_and_nothing_written(
    client, app, agent_headers, set_state, session, current, requested
):
    me = agent_headers.user
    set_state(me.id, current)
    response = client.post("/api/v1/agents/me/state", json={"state": requested}, headers=agent_headers)
    assert_error(response, 409, "invalid_transition")
    assert _log(session, me.id) == []
    assert _events(app) == []


def test_given_wrap_up_when_agent_says_ready_then_ready(client, agent_headers, set_state):
    set_state(agent_headers.user.id, S.WRAP_UP)
    response = client.post("/api/v1/agents/me/state", json={"state": "ready"}, headers=agent_headers)
    assert response.status_code == 200
    assert response.json()["state"] == "ready"


def test_given_not_ready_without_or_with_unknown_reason_then_422(client, agent_headers, reasons, session):
    missing = client.post("/api/v1/agents/me/state", json={"state": "not_ready"}, headers=agent_headers)
    assert_error(missing, 422, "reason_required")
    unknown = client.post(
        "/api/v1/agents/me/state", json={"state": "not_ready", "reason": "nap"}, headers=agent_headers
    )
    assert_error(unknown, 422, "unknown_reason")
    stray = client.post(
        "/api/v1/agents/me/state", json={"state": "ready", "reason": "break"}, headers=agent_headers
    )
    assert_error(stray, 422, "unexpected_reason")
    bogus = client.post("/api/v1/agents/me/state", json={"state": "sleeping"}, headers=agent_headers)
    assert_error(bogus, 422, "invalid_input")
    assert _log(session, agent_headers.user.id) == []


def test_given_talking_agent_when_leader_forces_logout_then_changed_audited_published(
    client, app, agent_headers, leader_headers, set_state, session
):
    target = agent_headers.user
    set_state(target.id, S.TALKING)
    response = client.post(
        f"/api/v1/agents/{target.id}/state", json={"state": "logged_out"}, headers=leader_headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "logged_out"
    rows = _log(session, target.id)
    assert rows[-1].changed_by_id == leader_headers.user.id
    audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "agent_state_forced")).all()
    assert len(audit) == 1
    assert audit[0].actor_id == leader_headers.user.id
    assert audit[0].details["from"] == "talking"
    (event,) = _events(app)
    assert event.payload["forced_by"] == leader_headers.user.work_number


def test_given_leader_when_forcing_talking_then_409(client, agent_headers, leader_headers):
    response = client.post(
        f"/api/v1/agents/{agent_headers.user.id}/state", json={"state": "talking"}, headers=leader_headers
    )
    assert_error(response, 409, "invalid_transition")


def test_given_agent_when_forcing_another_then_403(client, make_user, agent_headers):
    other = make_user(Role.AGENT)
    response = client.post(f"/api/v1/agents/{other.id}/state", json={"state": "ready"}, headers=agent_headers)
    assert_error(response, 403, "forbidden")


def test_given_unknown_agent_when_leader_forces_then_404(client, leader_headers):
    assert_error(
        client.post("/api/v1/agents/999999/state", json={"state": "ready"}, headers=leader_headers), 404
    )


def test_given_simultaneous_changes_then_one_open_log_row_and_state_matches_it(app, make_user, reasons):
    """Ten threads flip one agent between ready and not ready at once: the log stays one consistent chain."""
    import threading

    from server_stub.api.errors import ApiError
    from server_stub.db.models import Agent
    from server_stub.services.agent_states import apply_event

    agent_id = make_user(Role.AGENT).id
    barrier = threading.Barrier(10, timeout=30)
    errors: list[BaseException] = []

    def flip(i: int) -> None:
        try:
            barrier.wait()
            for _ in range(3):
                with app.state.session_factory() as session:
                    agent = session.get(Agent, agent_id)
                    event = E.GO_READY if i % 2 else E.GO_NOT_READY
                    try:
                        apply_event(session, agent=agent, event=event, reason=None if i % 2 else "break")
                        session.commit()
                    except ApiError:
                        session.rollback()  # e.g. ready → ready: refused, as it should be
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=flip, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with app.state.session_factory() as session:
        rows = list(
            session.scalars(
                select(AgentStateLog)
                .where(AgentStateLog.agent_id == agent_id)
                .order_by(AgentStateLog.started_at, AgentStateLog.id)
            )
        )
        agent = session.get(Agent, agent_id)
        open_rows = [r for r in rows if r.ended_at is None]
        assert len(open_rows) == 1
        assert open_rows[0].state == agent.state
        for earlier, later in itertools.pairwise(rows):
            assert earlier.ended_at == later.started_at
            assert (earlier.state, later.state) != (S.READY, S.READY)
