"""Every call feature between two or three engine processes, with audio checked by tone energy."""

from __future__ import annotations

import time

import pytest

from shared.telephony.peer_client import PeerError

from .conftest import TONE_A, TONE_B, TONE_C, connect_call

pytestmark = pytest.mark.sip


def test_given_two_engines_when_a_calls_b_with_x_headers_then_b_sees_caller_and_both_hear_each_other(peers):
    a, b, _ = peers
    out_id = a.request(
        "dial", uri=b.uri_for("agent"), headers={"X-Hotline-Call": "call-42", "X-Queue": "12345"}
    )
    incoming = b.wait_event("IncomingCall")
    assert incoming["caller_id"] == "hotlinedesk"
    assert incoming["x_headers"] == {"X-Hotline-Call": "call-42", "X-Queue": "12345"}
    assert incoming["auto_answer"] is False
    a.wait_event("CallStateChanged", call_id=out_id, state="early")  # our 180 Ringing arrived
    b.request("answer", call_id=incoming["call_id"])
    a.wait_event("CallStateChanged", call_id=out_id, state="connected")

    b.wait_tone(TONE_A, audible=True)
    a.wait_tone(TONE_B, audible=True)
    assert b.levels()[1][TONE_C] < -45  # nobody else leaks in

    a.request("hangup", call_id=out_id)
    ended = b.wait_event("CallEnded", call_id=incoming["call_id"])
    assert ended["end_reason"] == "normal" and ended["was_connected"] is True
    a.wait_event("CallEnded", call_id=out_id)
    b.wait_tone(TONE_A, audible=False)


def test_given_call_info_answer_after_when_calling_then_the_far_end_answers_by_itself(peers):
    a, b, _ = peers
    out_id = a.request("dial", uri=b.uri_for("agent"), headers={"Call-Info": "<sip:x>;answer-after=0"})
    incoming = b.wait_event("IncomingCall")
    assert incoming["auto_answer"] is True and incoming["auto_answer_delay_s"] == 0.0
    a.wait_event("CallStateChanged", call_id=out_id, state="connected")
    b.wait_tone(TONE_A, audible=True)


@pytest.mark.parametrize(
    ("code", "reason", "end_reason"),
    [(486, "Busy Here", "busy"), (603, "Decline", "declined"), (404, "Not Found", "not_found")],
)
def test_given_a_ringing_call_when_rejected_then_the_caller_gets_the_code_and_reason(
    peers, code, reason, end_reason
):
    a, b, _ = peers
    out_id = a.request("dial", uri=b.uri_for("agent"))
    incoming = b.wait_event("IncomingCall")
    b.request("reject", call_id=incoming["call_id"], code=code, reason=reason)
    ended = a.wait_event("CallEnded", call_id=out_id)
    assert (ended["sip_code"], ended["end_reason"], ended["was_connected"]) == (code, end_reason, False)
    assert ended["reason"] == reason
    b.wait_event("CallEnded", call_id=incoming["call_id"])
    assert a.request("calls") == [] and b.request("calls") == []
    assert a.request("call_snapshot", call_id=out_id)["state"] == "ended"  # late listeners may still ask


def test_given_nobody_answers_when_the_timeout_passes_then_the_caller_gets_no_answer(peers):
    a, b, _ = peers
    out_id = a.request("dial", uri=b.uri_for("agent"))  # trio peers time out after 4 s
    incoming = b.wait_event("IncomingCall")
    ended = a.wait_event("CallEnded", call_id=out_id, timeout=15)
    assert ended["end_reason"] == "no_answer"
    assert b.wait_event("CallEnded", call_id=incoming["call_id"])["end_reason"] == "cancelled"


def test_given_a_connected_call_when_held_and_unheld_then_audio_stops_and_returns_both_ways(peers):
    a, b, _ = peers
    a_id, b_id = connect_call(a, b)
    b.wait_tone(TONE_A, audible=True)

    a.request("hold", call_id=a_id)
    a.wait_event("CallStateChanged", call_id=a_id, state="held")
    b.wait_event("CallMediaChanged", call_id=b_id, remote_hold=True)
    b.wait_tone(TONE_A, audible=False)
    a.wait_tone(TONE_B, audible=False)

    a.request("unhold", call_id=a_id)
    a.wait_event("CallStateChanged", call_id=a_id, state="connected")
    b.wait_tone(TONE_A, audible=True)
    a.wait_tone(TONE_B, audible=True)


def test_given_a_connected_call_when_muted_then_the_far_end_hears_silence_but_we_still_hear_it(peers):
    a, b, _ = peers
    a_id, _ = connect_call(a, b)
    b.wait_tone(TONE_A, audible=True)
    a.request("mute", call_id=a_id, muted=True)
    assert a.wait_event("CallMediaChanged", call_id=a_id, muted=True)
    b.wait_tone(TONE_A, audible=False)
    a.wait_tone(TONE_B, audible=True)
    a.request("mute", call_id=a_id, muted=False)
    b.wait_tone(TONE_A, audible=True)


@pytest.mark.parametrize("method", ["rfc2833", "sip_info"])
def test_given_a_connected_call_when_dtmf_is_sent_then_the_far_end_receives_each_digit(peers, method):
    a, b, _ = peers
    a_id, b_id = connect_call(a, b)
    a.request("send_dtmf", call_id=a_id, digits="12#*9", method=method)
    got = [b.wait_event("DtmfReceived", call_id=b_id)["digit"] for _ in range(5)]
    assert got == list("12#*9")
    assert {e["method"] for e in b.history("DtmfReceived")[-5:]} == {method}


def test_given_bad_dtmf_or_uri_when_requested_then_a_clear_error_and_the_engine_stays_usable(peers):
    a, b, _ = peers
    for bad in ("not a uri", "sip:", "http://example.org", "sip:bob@", "<sip:bob@127.0.0.1"):
        with pytest.raises(PeerError) as info:
            a.request("dial", uri=bad)
        assert info.value.error_id == "invalid_uri", bad
    with pytest.raises(PeerError) as info:
        a.request("dial", uri=b.uri_for("agent"), headers={"X-Bad Name": "1"})
    assert info.value.error_id == "invalid_argument"
    with pytest.raises(PeerError) as info:
        a.request("dial", uri=b.uri_for("agent"), headers={"X-Inject": "1\r\nBye: now"})
    assert info.value.error_id == "invalid_argument"
    assert a.request("calls") == []  # nothing half-made
    a_id, _ = connect_call(a, b)
    with pytest.raises(PeerError) as info:
        a.request("send_dtmf", call_id=a_id, digits="12x")
    assert info.value.error_id == "invalid_argument"
    with pytest.raises(PeerError) as info:
        a.request("answer", call_id=a_id)
    assert info.value.error_id == "wrong_call_state"
    with pytest.raises(PeerError) as info:
        a.request("hangup", call_id="c999")
    assert info.value.error_id == "unknown_call"
    b.wait_tone(TONE_A, audible=True)


def test_given_a_call_in_progress_when_a_second_call_arrives_then_it_waits_and_can_be_taken(peers):
    a, b, c = peers
    b_on_a, a_on_b = connect_call(b, a)
    c_id = c.request("dial", uri=a.uri_for("agent"))
    waiting = a.wait_event("IncomingCall")
    assert waiting["busy_elsewhere"] is True
    a.wait_tone(TONE_B, audible=True)  # still talking to B while C waits

    a.request("hold", call_id=a_on_b)
    a.wait_event("CallStateChanged", call_id=a_on_b, state="held")
    a.request("answer", call_id=waiting["call_id"])
    c.wait_event("CallStateChanged", call_id=c_id, state="connected")
    c.wait_tone(TONE_A, audible=True)
    a.wait_tone(TONE_C, audible=True)
    a.wait_tone(TONE_B, audible=False)
    b.wait_tone(TONE_A, audible=False)
    assert b_on_a


def test_given_a_connected_call_when_quality_is_read_then_rtcp_figures_and_a_good_mos(peers):
    a, b, _ = peers
    a_id, _ = connect_call(a, b)
    b.wait_tone(TONE_A, audible=True)
    deadline = time.monotonic() + 10
    quality = a.request("call_quality", call_id=a_id)
    while quality["rx_packets"] < 25 and time.monotonic() < deadline:  # half a second of audio
        time.sleep(0.1)
        quality = a.request("call_quality", call_id=a_id)
    assert quality["codec"] == "PCMA"  # our priority: PCMA, PCMU, G722 first
    assert quality["rx_packets"] >= 25
    assert quality["rx_loss_pct"] == 0.0
    assert 4.0 <= quality["mos"] <= 4.5


def test_given_five_calls_when_the_engine_allows_four_then_the_fifth_is_refused_clearly(peers):
    a, b, _ = peers
    ids = [a.request("dial", uri=b.uri_for(f"u{i}")) for i in range(4)]
    with pytest.raises(PeerError) as info:
        a.request("dial", uri=b.uri_for("u5"))
    assert info.value.error_id == "too_many_calls"
    for call_id in ids:
        a.request("hangup", call_id=call_id)


def test_given_four_calls_on_an_engine_when_a_fifth_arrives_then_busy_and_a_missed_call_event(peers):
    a, b, c = peers
    for i in range(4):
        a.request("dial", uri=b.uri_for(f"u{i}"))
        b.wait_event("IncomingCall")
    fifth = c.request("dial", uri=b.uri_for("u5"))
    ended = c.wait_event("CallEnded", call_id=fifth)
    assert (ended["sip_code"], ended["end_reason"]) == (486, "busy")
    missed = b.wait_event("IncomingCallRejected")
    assert (missed["caller_id"], missed["sip_code"]) == ("hotlinedesk", 486)
