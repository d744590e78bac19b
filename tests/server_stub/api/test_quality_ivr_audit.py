"""QA forms and weighted scores, IVR menu validation, and the audit log leaders read."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from server_stub.db.models import Call, IvrMenu, QaEvaluation, QaForm, Queue, Recording
from server_stub.demo_data.queues import IVR_MENUS
from shared.protocol.enums import CallDirection, QueueStrategy

from .conftest import assert_error

FORM = {
    "name": "通话质检表",
    "criteria": [
        {"name": "开场白", "weight": 1, "max_score": 10},
        {"name": "业务准确", "weight": 3, "max_score": 10},
        {"name": "服务态度", "weight": 1, "max_score": 5},
    ],
}


@pytest.fixture
def recording_id(session, agent_headers):
    call = Call(
        direction=CallDirection.INBOUND,
        caller_number="13800000000",
        callee_number="12345",
        agent_id=agent_headers.user.id,
    )
    session.add(call)
    session.flush()
    recording = Recording(call_id=call.id, agent_id=agent_headers.user.id, path="r.wav")
    session.add(recording)
    session.commit()
    return recording.id


def _form(client, admin_headers):
    response = client.post("/api/v1/qa/forms", json=FORM, headers=admin_headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_given_scores_then_weighted_total_computed_on_server(
    client, admin_headers, leader_headers, agent_headers, recording_id
):
    form = _form(client, admin_headers)
    ids = [c["id"] for c in form["criteria"]]
    body = {"recording_id": recording_id, "form_id": form["id"], "scores": {ids[0]: 10, ids[1]: 5, ids[2]: 5}}
    response = client.post("/api/v1/qa/evaluations", json=body, headers=leader_headers)
    assert response.status_code == 201, response.text
    # (1·10/10 + 3·5/10 + 1·5/5) / 5 = 0.7
    assert response.json()["total"] == 70.0
    assert response.json()["agent_id"] == agent_headers.user.id
    stats = client.get("/api/v1/qa/stats", headers=leader_headers).json()
    assert stats == [
        {
            "agent_id": agent_headers.user.id,
            "evaluations": 1,
            "average": 70.0,
            "minimum": 70.0,
            "maximum": 70.0,
        }
    ]
    mine = client.get("/api/v1/qa/evaluations", headers=agent_headers).json()
    assert [e["total"] for e in mine] == [70.0]


def test_given_bad_scores_then_422_and_nothing_written(
    client, admin_headers, leader_headers, recording_id, session
):
    form = _form(client, admin_headers)
    ids = [c["id"] for c in form["criteria"]]
    cases = [
        ({ids[0]: 10, ids[1]: 5}, "missing_score"),
        ({ids[0]: 11, ids[1]: 5, ids[2]: 5}, "score_out_of_range"),
        ({ids[0]: 1, ids[1]: 5, ids[2]: 5, 99999: 1}, "unknown_criterion"),
    ]
    for scores, error_id in cases:
        body = {"recording_id": recording_id, "form_id": form["id"], "scores": scores}
        assert_error(client.post("/api/v1/qa/evaluations", json=body, headers=leader_headers), 422, error_id)
    body = {"recording_id": 424242, "form_id": form["id"], "scores": {}}
    assert_error(
        client.post("/api/v1/qa/evaluations", json=body, headers=leader_headers), 422, "unknown_recording"
    )
    assert session.scalar(select(func.count()).select_from(QaEvaluation)) == 0


def test_given_bad_form_then_422_and_form_in_use_is_frozen(
    client, admin_headers, leader_headers, recording_id, session
):
    assert_error(client.post("/api/v1/qa/forms", json={**FORM, "criteria": []}, headers=admin_headers), 422)
    bad_weight = {**FORM, "criteria": [{"name": "x", "weight": 0}]}
    assert_error(client.post("/api/v1/qa/forms", json=bad_weight, headers=admin_headers), 422)
    twice = {**FORM, "criteria": [{"name": "x", "weight": 1}, {"name": "x", "weight": 2}]}
    assert_error(
        client.post("/api/v1/qa/forms", json=twice, headers=admin_headers), 422, "duplicate_criterion"
    )
    assert session.scalar(select(func.count()).select_from(QaForm)) == 0
    form = _form(client, admin_headers)
    assert_error(client.post("/api/v1/qa/forms", json=FORM, headers=admin_headers), 409, "duplicate_form")
    ids = [c["id"] for c in form["criteria"]]
    body = {"recording_id": recording_id, "form_id": form["id"], "scores": dict.fromkeys(ids, 1)}
    client.post("/api/v1/qa/evaluations", json=body, headers=leader_headers)
    changed = {**FORM, "criteria": FORM["criteria"][:2]}
    assert_error(
        client.put(f"/api/v1/qa/forms/{form['id']}", json=changed, headers=admin_headers), 409, "form_in_use"
    )
    renamed = client.put(
        f"/api/v1/qa/forms/{form['id']}", json={**FORM, "active": False}, headers=admin_headers
    )
    assert renamed.status_code == 200
    assert renamed.json()["active"] is False


@pytest.fixture
def demo_queues(session):
    """The queues the demo 12329 IVR tree leads to."""
    for code in ("Q12329_GENERAL", "Q12329_TQ", "Q12329_DK"):
        session.add(Queue(code=code, name=code, hotline_number="12329", strategy=QueueStrategy.LONGEST_IDLE))
    session.commit()


def test_given_valid_tree_then_stored_and_audited(client, admin_headers, demo_queues):
    body = {"name": "12329主菜单", "tree": IVR_MENUS["12329"]}
    response = client.put("/api/v1/ivr/12329", json=body, headers=admin_headers)
    assert response.status_code == 200, response.text
    assert client.get("/api/v1/ivr/12329", headers=admin_headers).json()["tree"] == IVR_MENUS["12329"]
    audit = client.get("/api/v1/audit?action=ivr_menu_changed", headers=admin_headers).json()
    assert [a["target_id"] for a in audit] == ["12329"]


def test_given_tree_with_unknown_queue_or_bad_digit_then_422_listing_problems(
    client, admin_headers, demo_queues, session
):
    tree = copy.deepcopy(IVR_MENUS["12329"])
    tree["options"]["2"] = {"action": "queue", "queue": "Q_NOWHERE"}
    tree["options"]["x"] = {"action": "repeat"}
    tree["options"]["1"]["options"]["4"] = {"action": "dance"}
    response = client.put("/api/v1/ivr/12329", json={"name": "m", "tree": tree}, headers=admin_headers)
    body = assert_error(response, 422, "invalid_ivr_tree")
    problems = body["details"]["problems"]
    assert any("Q_NOWHERE" in p and "main.2" in p for p in problems)
    assert any("'x'" in p for p in problems)
    assert any("main.1.4" in p and "dance" in p for p in problems)
    assert session.scalar(select(func.count()).select_from(IvrMenu)) == 0
    assert_error(client.get("/api/v1/ivr/12329", headers=admin_headers), 404)
    assert_error(
        client.put("/api/v1/ivr/abc", json={"name": "m", "tree": IVR_MENUS["12329"]}, headers=admin_headers),
        422,
    )


def test_given_supervision_acts_then_audit_log_filters(client, leader_headers, agent_headers):
    target = agent_headers.user.id
    client.post(f"/api/v1/agents/{target}/state", json={"state": "ready"}, headers=leader_headers)
    client.post("/api/v1/blacklist", json={"number": "13800000000", "reason": "x"}, headers=leader_headers)
    everything = client.get("/api/v1/audit", headers=leader_headers).json()
    assert [e["action"] for e in everything] == ["blacklist_added", "agent_state_forced"]
    forced = client.get(
        f"/api/v1/audit?action=agent_state_forced&target_id={target}", headers=leader_headers
    ).json()
    assert forced[0]["actor_id"] == leader_headers.user.id
    assert forced[0]["details"]["to"] == "ready"
    assert_error(client.get("/api/v1/audit?limit=0", headers=leader_headers), 422)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/qa/stats?since=2026-05-01T08:00:00",
        "/api/v1/audit?until=2026-05-01T08:00:00",
        "/api/v1/recordings?since=2026-05-01T08:00:00",
        "/api/v1/agents/1/state-log?since=2026-05-01T08:00:00",
    ],
)
def test_given_time_without_offset_then_422_not_500(client, leader_headers, path):
    assert_error(client.get(path, headers=leader_headers), 422, "invalid_date")
