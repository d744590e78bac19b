"""Blind and consult transfer, and the local three-way conference, between three engine processes."""

from __future__ import annotations

import pytest

from .conftest import TONE_A, TONE_B, TONE_C, connect_call

pytestmark = pytest.mark.sip


def test_given_a_calls_b_when_b_blind_transfers_a_to_c_then_a_and_c_talk_and_b_is_free(peers):
    a, b, c = peers
    a_id, b_id = connect_call(a, b)
    b.request(
        "blind_transfer",
        call_id=b_id,
        target_uri=c.uri_for("expert"),
        headers={"X-Hotline-Call": "2026-0042", "X-Ticket": "T 7&8"},
    )

    requested = a.wait_event("TransferRequested", call_id=a_id)
    assert requested["target_uri"].startswith(c.uri_for("expert"))
    new_leg = a.wait_event("CallCreated", transferred_from=a_id)
    incoming = c.wait_event("IncomingCall")
    assert incoming["x_headers"] == {"X-Hotline-Call": "2026-0042", "X-Ticket": "T 7&8"}  # call data follows
    c.request("answer", call_id=incoming["call_id"])
    a.wait_event("CallStateChanged", call_id=new_leg["call_id"], state="connected")

    progress = b.wait_event("TransferProgress", call_id=b_id, final=True)
    assert progress["succeeded"] is True
    assert b.wait_event("CallEnded", call_id=b_id)["end_reason"] == "transferred"
    a.wait_event("CallEnded", call_id=a_id)

    c.wait_tone(TONE_A, audible=True)
    a.wait_tone(TONE_C, audible=True)
    a.wait_tone(TONE_B, audible=False)
    assert b.request("calls") == []


def test_given_a_blind_transfer_to_a_refusing_target_then_the_original_call_stays_up(peers):
    a, b, c = peers
    a_id, b_id = connect_call(a, b)
    b.request("hold", call_id=b_id)
    b.wait_event("CallStateChanged", call_id=b_id, state="held")
    b.request("blind_transfer", call_id=b_id, target_uri=c.uri_for("expert"))
    incoming = c.wait_event("IncomingCall")
    c.request("reject", call_id=incoming["call_id"], code=486)
    progress = b.wait_event("TransferProgress", call_id=b_id, final=True)
    assert progress["succeeded"] is False
    b.request("unhold", call_id=b_id)
    b.wait_event("CallStateChanged", call_id=b_id, state="connected")
    a.wait_tone(TONE_B, audible=True)
    b.wait_tone(TONE_A, audible=True)
    assert [call["call_id"] for call in a.request("calls")] == [a_id]


def test_given_b_consults_c_when_b_completes_the_attended_transfer_then_a_and_c_talk(peers):
    a, b, c = peers
    a_id, b_to_a = connect_call(a, b)
    b.request("hold", call_id=b_to_a)
    b.wait_event("CallStateChanged", call_id=b_to_a, state="held")
    b_to_c, c_id = connect_call(b, c, user="expert")
    c.wait_tone(TONE_B, audible=True)  # the consultation: B and C talk, A hears nothing of it
    a.wait_tone(TONE_B, audible=False)
    a.wait_tone(TONE_C, audible=False)

    b.request("consult_transfer", call_id=b_to_a, consult_call_id=b_to_c)
    replaced = c.wait_event("CallReplaced", old_call_id=c_id)
    a.wait_event("CallStateChanged", where=lambda e: e["call_id"] != a_id and e["state"] == "connected")
    assert b.wait_event("TransferProgress", call_id=b_to_a, final=True)["succeeded"] is True
    b.wait_event("CallEnded", call_id=b_to_a)
    b.wait_event("CallEnded", call_id=b_to_c)
    c.wait_event("CallEnded", call_id=c_id)

    c.wait_tone(TONE_A, audible=True)
    a.wait_tone(TONE_C, audible=True)
    c.wait_tone(TONE_B, audible=False)
    assert [call["call_id"] for call in c.request("calls")] == [replaced["new_call_id"]]
    assert b.request("calls") == []


def test_given_a_three_way_conference_then_everyone_hears_the_other_two_even_after_hold_and_unhold(peers):
    a, b, c = peers
    a_to_b, _ = connect_call(a, b)
    a.request("hold", call_id=a_to_b)
    a.wait_event("CallStateChanged", call_id=a_to_b, state="held")
    a_to_c, _ = connect_call(a, c)

    a.request("conference", call_a=a_to_b, call_b=a_to_c)
    a.wait_event("CallStateChanged", call_id=a_to_b, state="connected")  # the held leg was resumed

    def everyone_hears_everyone() -> None:
        for listener, others in ((a, (TONE_B, TONE_C)), (b, (TONE_A, TONE_C)), (c, (TONE_A, TONE_B))):
            for tone in others:
                listener.wait_tone(tone, audible=True)

    everyone_hears_everyone()

    for leg, outsider, insider_tone in ((a_to_b, b, TONE_C), (a_to_c, c, TONE_B)):
        a.request("hold", call_id=leg)
        a.wait_event("CallStateChanged", call_id=leg, state="held")
        outsider.wait_tone(TONE_A, audible=False)
        outsider.wait_tone(insider_tone, audible=False)
        a.request("unhold", call_id=leg)
        a.wait_event("CallStateChanged", call_id=leg, state="connected")
        everyone_hears_everyone()

    a.request("mute", call_id=a_to_b, muted=True)  # muting A towards B leaves the B↔C conversation
    b.wait_tone(TONE_A, audible=False)
    b.wait_tone(TONE_C, audible=True)
    a.request("mute", call_id=a_to_b, muted=False)

    a.request("hangup", call_id=a_to_c)
    c.wait_event("CallEnded")
    b.wait_tone(TONE_C, audible=False)
    b.wait_tone(TONE_A, audible=True)


def test_given_a_conference_when_one_leg_is_split_off_then_the_legs_stop_hearing_each_other(peers):
    a, b, c = peers
    a_to_b, _ = connect_call(a, b)
    a_to_c, _ = connect_call(a, c)
    a.request("conference", call_a=a_to_b, call_b=a_to_c)
    b.wait_tone(TONE_C, audible=True)
    a.request("split_conference", call_id=a_to_b)
    media = a.wait_event("CallMediaChanged", call_id=a_to_b, conferenced_with=[])
    assert media["active"] is True
    b.wait_tone(TONE_C, audible=False)
    c.wait_tone(TONE_B, audible=False)
    b.wait_tone(TONE_A, audible=True)  # both still talk to us
    c.wait_tone(TONE_A, audible=True)
