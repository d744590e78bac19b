"""The conference REST routes refuse what cannot be done with an error a person can act on, and a
refused invite leaves nothing behind: no call leg, no event, no state change, no media command."""

from __future__ import annotations

from typing import Any

import pytest

from server_stub.media import control as mc
from shared.protocol.enums import AgentState

from .conference_rig import ConfCentre, call_row, conf, go_ready, legs, now, talking
from .conftest import agent_row

__all__ = ["conf"]  # the fixture, imported so pytest finds it here

URL = "/api/v1/callcenter/conference"


def _refused(c: ConfCentre, response: Any, status: int, error_id: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error_id"] == error_id and body["message"], body


def _nothing_written(c: ConfCentre, conv: str, legs_before: int, events_before: int) -> None:
    assert len(legs(c, call_row(c, conv).id)) == legs_before
    assert len(c.events("conference_did_change")) == events_before
    assert "conference_add" not in c.media.names()


@pytest.mark.parametrize(
    ("body", "status", "error_id"),
    [
        ({"kind": "agent", "value": "7777"}, 404, "unknown_agent"),
        ({"kind": "agent", "value": "1001"}, 409, "already_in_room"),  # yourself
        ({"kind": "agent", "value": "1003"}, 409, "agent_unavailable"),  # logged out
        ({"kind": "number", "value": "no such department"}, 404, "unknown_number"),
        ({"kind": "caller", "value": "13800138000"}, 422, "invalid_party_kind"),
        ({"kind": "agent", "value": ""}, 422, "invalid_input"),
        ({"kind": "fax", "value": "1002"}, 422, "invalid_input"),
        ({"kind": "agent", "value": "1002", "extra": 1}, 422, "invalid_input"),
    ],
)
def test_given_a_talking_agent_when_the_invite_is_wrong_then_a_clear_4xx_and_nothing_written(
    conf: ConfCentre, body: dict[str, Any], status: int, error_id: str
) -> None:
    owner = talking(conf)
    go_ready(conf, "1002")
    before = len(legs(conf, call_row(conf, "conv-1").id))
    _refused(conf, conf.client.post(URL, json=body, headers=owner), status, error_id)
    _nothing_written(conf, "conv-1", before, 0)
    assert agent_row(conf.app, "1002").state is AgentState.READY


def test_given_a_colleague_talking_to_another_caller_when_invited_then_agent_unavailable(
    conf: ConfCentre,
) -> None:
    owner = talking(conf, "conv-1", "1001")
    talking(conf, "conv-2", "1002")
    r = conf.client.post(URL, json={"kind": "agent", "value": "1002"}, headers=owner)
    _refused(conf, r, 409, "agent_unavailable")
    assert "talking" in r.json()["message"]
    assert agent_row(conf.app, "1002").state is AgentState.TALKING


def test_given_a_colleague_on_an_outbound_call_when_invited_then_agent_unavailable(conf: ConfCentre) -> None:
    owner = talking(conf, "conv-1", "1001")
    colleague = go_ready(conf, "1002")
    r = conf.client.post("/api/v1/callcenter/outbound", json={"number": "13900000009"}, headers=colleague)
    assert r.status_code == 201, r.text
    conf.settle()
    refused = conf.client.post(URL, json={"kind": "agent", "value": "1002"}, headers=owner)
    _refused(conf, refused, 409, "agent_unavailable")
    assert "another call" in refused.json()["message"]


def test_given_an_agent_without_a_call_when_they_invite_or_look_then_404(conf: ConfCentre) -> None:
    idle = go_ready(conf, "1002")
    _refused(
        conf,
        conf.client.post(URL, json={"kind": "agent", "value": "1001"}, headers=idle),
        404,
        "no_conversation",
    )
    _refused(conf, conf.client.get(URL, headers=idle), 404, "no_conference")
    _refused(conf, conf.client.delete(f"{URL}/parties/p1", headers=idle), 404, "no_conference")
    assert conf.events("conference_did_change") == []


def test_given_a_talking_agent_before_any_invite_then_the_room_shows_caller_and_agent(
    conf: ConfCentre,
) -> None:
    owner = talking(conf)
    r = conf.client.get(URL, headers=owner)
    assert r.status_code == 200, r.text
    assert [(p["party_id"], p["state"]) for p in r.json()["parties"]] == [
        ("caller", "joined"),
        ("agent:1001", "joined"),
    ]
    assert conf.events("conference_did_change") == []  # looking opens no room


def test_given_a_full_room_when_one_more_is_invited_then_room_full(conf: ConfCentre) -> None:
    owner = talking(conf)
    go_ready(conf, "1002")
    for value, kind in (("1002", "agent"), ("12329001", "number")):
        assert conf.client.post(URL, json={"kind": kind, "value": value}, headers=owner).status_code == 201
    before = len(legs(conf, call_row(conf, "conv-1").id))
    r = conf.client.post(URL, json={"kind": "number", "value": "12315002"}, headers=owner)
    _refused(conf, r, 409, "room_full")
    assert "4" in r.json()["message"] and r.json()["details"] == {"max_parties": 4}
    assert len(legs(conf, call_row(conf, "conv-1").id)) == before
    dup = conf.client.post(URL, json={"kind": "number", "value": "12329001"}, headers=owner)
    _refused(conf, dup, 409, "already_in_room")  # the more useful of the two answers


def test_given_a_party_in_the_room_when_invited_again_then_already_in_room(conf: ConfCentre) -> None:
    owner = talking(conf)
    go_ready(conf, "1002")
    assert conf.client.post(URL, json={"kind": "agent", "value": "1002"}, headers=owner).status_code == 201
    again = conf.client.post(URL, json={"kind": "agent", "value": "1002"}, headers=owner)
    _refused(conf, again, 409, "already_in_room")


def test_given_a_media_plane_without_rooms_when_inviting_then_503_and_nothing_written(
    conf: ConfCentre,
) -> None:
    owner = talking(conf)
    go_ready(conf, "1002")
    before = len(legs(conf, call_row(conf, "conv-1").id))
    conf.media.refuse_conference_with = "no_conference"
    r = conf.client.post(URL, json={"kind": "agent", "value": "1002"}, headers=owner)
    _refused(conf, r, 503, "conference_unavailable")
    _nothing_written(conf, "conv-1", before, 0)
    assert agent_row(conf.app, "1002").state is AgentState.READY
    # and the room was not opened half-way
    got = conf.client.get(URL, headers=owner).json()
    assert [p["party_id"] for p in got["parties"]] == ["caller", "agent:1001"]


def test_given_the_call_path_off_then_503_call_path_off(conf: ConfCentre) -> None:
    owner = conf.login("1001")
    conf.app.state.callcenter = None
    try:
        for method, url in (("POST", URL), ("GET", URL), ("DELETE", f"{URL}/parties/p1")):
            kwargs: dict[str, Any] = {"json": {"kind": "agent", "value": "1002"}} if method == "POST" else {}
            _refused(conf, conf.client.request(method, url, headers=owner, **kwargs), 503, "call_path_off")
    finally:
        conf.app.state.callcenter = conf.cc


def test_given_an_admin_when_inviting_or_removing_then_403(conf: ConfCentre) -> None:
    admin = conf.login("0001")
    _refused(
        conf, conf.client.post(URL, json={"kind": "agent", "value": "1002"}, headers=admin), 403, "forbidden"
    )
    _refused(conf, conf.client.delete(f"{URL}/parties/p1", headers=admin), 403, "forbidden")
    _refused(conf, conf.client.post(URL, json={"kind": "agent", "value": "1002"}), 401, "not_authenticated")


def test_given_removals_that_cannot_be_done_then_clear_errors(conf: ConfCentre) -> None:
    owner = talking(conf)
    colleague = go_ready(conf, "1002")
    assert conf.client.post(URL, json={"kind": "agent", "value": "1002"}, headers=owner).status_code == 201
    conf.cc.handle(mc.ConferencePartyJoined("conv-1", "p1", now()))
    conf.settle()
    _refused(conf, conf.client.delete(f"{URL}/parties/p9", headers=owner), 404, "unknown_party")
    _refused(conf, conf.client.delete(f"{URL}/parties/caller", headers=owner), 409, "cannot_remove_party")
    _refused(conf, conf.client.delete(f"{URL}/parties/agent:1001", headers=owner), 409, "cannot_remove_party")
    _refused(conf, conf.client.delete(f"{URL}/parties/p1", headers=colleague), 403, "not_room_owner")
    assert "conference_remove" not in conf.media.names()


def test_given_a_transfer_while_others_are_in_the_room_then_conference_in_progress(conf: ConfCentre) -> None:
    owner = talking(conf)
    assert (
        conf.client.post(URL, json={"kind": "number", "value": "12329001"}, headers=owner).status_code == 201
    )
    r = conf.client.post(
        "/api/v1/callcenter/transfer", json={"kind": "queue", "value": "Q_OTHER"}, headers=owner
    )
    _refused(conf, r, 409, "conference_in_progress")
    assert "transfer" not in conf.media.names()
