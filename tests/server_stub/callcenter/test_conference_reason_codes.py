"""Stable reason codes of conference parties: the media plane's words and SIP codes map to one code
(a table), and the room the seats are sent carries it beside the words for every way of failing or
leaving."""

from __future__ import annotations

from typing import Any

import pytest

from server_stub.callcenter.conference import failure_reason_code, leave_reason_code
from server_stub.media import control as mc
from server_stub.media.conference_room import failure_reason
from shared.protocol.schemas.conference import ConferencePartyReason as R

from .conference_rig import ConfCentre, conf, go_ready, now, talking

__all__ = ["conf"]

URL = "/api/v1/callcenter/conference"


@pytest.mark.parametrize(
    ("reason", "sip_code", "expected"),
    [
        ("no answer", 0, R.NO_ANSWER),
        ("no answer", 408, R.NO_ANSWER),
        ("No Answer ", 0, R.NO_ANSWER),  # case and spaces do not matter
        ("busy", 486, R.BUSY),
        ("busy", 600, R.BUSY),
        ("declined", 603, R.DECLINED),
        ("cancelled", 487, R.CANCELLED),
        ("cancelled", 0, R.CANCELLED),  # removed while ringing, no SIP answer at all
        ("not reachable (not registered)", 480, R.UNREACHABLE),
        ("room full", 0, R.ROOM_FULL),
        ("the conversation ended", 0, R.CALL_ENDED),
        # the worker's own troubles, whatever their words
        ("no free call slot on the media worker", 0, R.FAILED),
        ("no media worker is free to extend the room", 0, R.FAILED),
        ("the room's extension worker was lost", 0, R.FAILED),
        ("the caller is not in a conversation with an agent", 0, R.FAILED),
        ("failed (500)", 500, R.FAILED),
        # unknown words: the SIP code tells
        ("Temporarily Unavailable", 480, R.UNREACHABLE),
        ("Busy Everywhere", 600, R.BUSY),
        ("Request Terminated", 487, R.CANCELLED),
        ("Not Found", 404, R.UNREACHABLE),
        ("Gone", 410, R.UNREACHABLE),
        ("Request Timeout", 408, R.NO_ANSWER),
        ("", 0, R.FAILED),
    ],
)
def test_given_a_media_failure_when_mapped_then_its_stable_code(
    reason: str, sip_code: int, expected: R
) -> None:
    assert failure_reason_code(reason, sip_code) is expected


@pytest.mark.parametrize(
    ("sip_code", "timed_out", "cancelled", "expected"),
    [
        (0, True, False, R.NO_ANSWER),
        (487, False, True, R.CANCELLED),  # removed while ringing: the far end answers 487
        (487, True, False, R.NO_ANSWER),  # rang out: the worker's CANCEL also ends in 487
        (486, False, False, R.BUSY),
        (603, False, False, R.DECLINED),
        (404, False, False, R.UNREACHABLE),
        (408, False, False, R.NO_ANSWER),
        (503, False, False, R.FAILED),
    ],
)
def test_given_the_media_workers_own_words_when_mapped_then_the_code_agrees(
    sip_code: int, timed_out: bool, cancelled: bool, expected: R
) -> None:
    words = failure_reason(sip_code, timed_out=timed_out, cancelled=cancelled)
    assert failure_reason_code(words, sip_code) is expected


def test_given_a_party_leaving_when_mapped_then_hung_up_removed_or_call_ended() -> None:
    assert leave_reason_code(removed=False, call_ended=False) is R.HUNG_UP
    assert leave_reason_code(removed=True, call_ended=False) is R.REMOVED
    assert leave_reason_code(removed=False, call_ended=True) is R.CALL_ENDED


def _invite(c: ConfCentre, headers: dict[str, str], kind: str, value: str) -> None:
    r = c.client.post(URL, json={"kind": kind, "value": value}, headers=headers)
    assert r.status_code == 201, r.text


def _last_parties(c: ConfCentre) -> dict[str, dict[str, Any]]:
    payload = c.events("conference_did_change")[-1].payload
    return {p["party_id"]: p for p in payload["parties"]}


def test_given_parties_that_fail_leave_and_are_removed_then_the_room_carries_code_and_words(
    conf: ConfCentre,
) -> None:
    owner = talking(conf)
    go_ready(conf, "1002")
    _invite(conf, owner, "agent", "1002")
    _invite(conf, owner, "number", "12329001")
    assert {p["reason_code"] for p in _last_parties(conf).values()} == {None}  # nobody left yet
    conf.cc.handle(mc.ConferencePartyFailed("conv-1", "p1", "busy", 486))
    conf.cc.handle(mc.ConferencePartyJoined("conv-1", "p2", now()))
    conf.settle()
    _invite(conf, owner, "number", "12329002")
    conf.cc.handle(mc.ConferencePartyJoined("conv-1", "p3", now()))
    conf.cc.handle(mc.ConferencePartyLeft("conv-1", "p2", now()))
    conf.settle()
    r = conf.client.delete(f"{URL}/parties/p3", headers=owner)
    assert r.status_code == 200, r.text
    conf.cc.handle(mc.ConferencePartyLeft("conv-1", "p3", now(), removed=True))
    conf.settle()
    parties = _last_parties(conf)
    assert (parties["p1"]["reason_code"], parties["p1"]["reason"]) == ("busy", "busy (SIP 486)")
    assert (parties["p2"]["reason_code"], parties["p2"]["reason"]) == ("hung_up", "hung up")
    assert parties["p3"]["reason_code"] == "removed"
    # the owner's own answer (REST) carries the codes too
    room = conf.client.get(URL, headers=owner).json()
    assert {p["party_id"]: p["reason_code"] for p in room["parties"]}["p1"] == "busy"


def test_given_the_caller_hangs_up_then_the_caller_hung_up_and_everyone_else_call_ended(
    conf: ConfCentre,
) -> None:
    owner = talking(conf)
    _invite(conf, owner, "number", "12329001")
    _invite(conf, owner, "number", "12329002")
    conf.cc.handle(mc.ConferencePartyJoined("conv-1", "p1", now()))
    conf.cc.handle(mc.CallerHungUp("conv-1", now(), "talking"))
    conf.cc.handle(mc.ConferencePartyLeft("conv-1", "p1", now()))
    conf.cc.handle(mc.ConferencePartyFailed("conv-1", "p2", "the conversation ended"))
    conf.cc.handle(mc.ConversationEnded("conv-1", now(), mc.EndedBy.CALLER))
    conf.settle()
    codes = {pid: p["reason_code"] for pid, p in _last_parties(conf).items()}
    assert codes == {
        "caller": "hung_up",
        "agent:1001": "call_ended",
        "p1": "call_ended",
        "p2": "call_ended",
    }
