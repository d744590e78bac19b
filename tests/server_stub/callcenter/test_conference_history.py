"""Call history after a conference, as written by the call centre (real database, SQLite and PostgreSQL)
and read over REST: the screen pop's last calls and an agent's day name who was in the conversation; the
per-agent report counts the call once, for the agent who took it, and the invited colleague's room time
apart."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from server_stub.media import control as mc

from .conference_rig import CALLER, ConfCentre, agent_id, call_row, conf, go_ready, now, talking

__all__ = ["conf"]

URL = "/api/v1/callcenter/conference"
IN_ROOM_S = 40


def _conference(c: ConfCentre) -> int:
    """1001 takes the caller; 1002 joins for 40 s then hangs up; 1003 is busy; a department number
    joins twice (left and invited again). Returns the call id."""
    owner = talking(c, "conv-1", "1001")
    go_ready(c, "1002")
    go_ready(c, "1003")
    for kind, value in (("agent", "1002"), ("agent", "1003")):
        r = c.client.post(URL, json={"kind": kind, "value": value}, headers=owner)
        assert r.status_code == 201, r.text
    joined = now()
    c.cc.handle(mc.ConferencePartyJoined("conv-1", "p1", joined))
    c.cc.handle(mc.ConferencePartyFailed("conv-1", "p2", "busy", 486))
    c.settle()
    for party in ("p3", "p4"):  # the same department twice: one participant
        r = c.client.post(URL, json={"kind": "number", "value": "12329001"}, headers=owner)
        assert r.status_code == 201, r.text
        c.cc.handle(mc.ConferencePartyJoined("conv-1", party, now()))
        if party == "p3":
            c.cc.handle(mc.ConferencePartyLeft("conv-1", party, now()))
        c.settle()
    c.cc.handle(mc.ConferencePartyLeft("conv-1", "p1", joined + timedelta(seconds=IN_ROOM_S)))
    c.cc.handle(mc.CallerHungUp("conv-1", now(), "talking"))
    c.cc.handle(mc.ConversationEnded("conv-1", now(), mc.EndedBy.CALLER))
    c.settle()
    return call_row(c, "conv-1").id


def _who(participants: list[dict[str, Any]]) -> list[tuple[str, str | None, str]]:
    return [(p["role"], p["number"], p["name"]) for p in participants]


EXPECTED = [
    ("owner", "1001", "坐席1001"),
    ("conference", "1002", "坐席1002"),
    ("conference", "12329001", "12329001"),
]


def test_given_a_conference_when_the_caller_calls_again_then_the_pop_names_everyone_who_was_in_it(
    conf: ConfCentre,
) -> None:
    call_id = _conference(conf)
    r = conf.client.get(f"/api/v1/screen-pop/{CALLER}", headers=conf.login("1003"))
    assert r.status_code == 200, r.text
    last = r.json()["recent_calls"][0]
    assert last["id"] == call_id and last["agent_id"] == agent_id(conf, "1001")
    assert _who(last["participants"]) == EXPECTED


def test_given_a_conference_when_reading_the_agent_report_then_the_call_counts_once_and_the_room_apart(
    conf: ConfCentre,
) -> None:
    call_id = _conference(conf)
    leader = conf.login("9001")
    # the call centre's clock (the ACD's, set by the test) and the media events' times both inside
    moments = (conf.clock(), now())
    window = {
        "since": (min(moments) - timedelta(days=1)).isoformat(),
        "until": (max(moments) + timedelta(days=1)).isoformat(),
    }
    r = conf.client.get("/api/v1/reports/agents", params=window, headers=leader)
    assert r.status_code == 200, r.text
    rows = {row["work_number"]: row for row in r.json()["rows"]}
    owner, colleague = rows["1001"], rows["1002"]
    assert (owner["calls_answered"], owner["conferences_held"], owner["conferences_joined"]) == (1, 1, 0)
    assert (colleague["calls_answered"], colleague["talk_seconds"]) == (0, 0)  # not a handled call
    assert colleague["conferences_joined"] == 1
    assert colleague["conference_talk_seconds"] == IN_ROOM_S
    assert rows.get("1003", {}).get("conferences_joined", 0) == 0  # busy: never in the room
    assert sum(row["calls_answered"] for row in rows.values()) == 1  # the centre handled one call

    # the colleague's day lists the call as a conference joined, with their time in the room
    r = conf.client.get(
        f"/api/v1/reports/agents/{agent_id(conf, '1002')}/calls", params=window, headers=leader
    )
    assert r.status_code == 200, r.text
    [joined] = r.json()
    assert joined["id"] == call_id and joined["joined_conference"] is True
    assert joined["talk_seconds"] == IN_ROOM_S and joined["hold_seconds"] == 0
    assert _who(joined["participants"]) == EXPECTED
    # the owner's day: the call taken, not marked as joined
    r = conf.client.get(
        f"/api/v1/reports/agents/{agent_id(conf, '1001')}/calls", params=window, headers=leader
    )
    [taken] = r.json()
    assert taken["id"] == call_id and taken["joined_conference"] is False
    assert _who(taken["participants"]) == EXPECTED
    # 1003's invitation failed: nothing in their day
    r = conf.client.get(
        f"/api/v1/reports/agents/{agent_id(conf, '1003')}/calls", params=window, headers=leader
    )
    assert r.json() == []
