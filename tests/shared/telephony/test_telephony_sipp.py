"""SIPp (Debian ``sip-tester``) as the far end, both directions, with RTP: echo, the shipped PCMA pcap and
the shipped RFC 2833 DTMF pcaps."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from shared.telephony.peer_client import PeerProcess
from tools.sipp import SippProcess, caller_scenario, press

from .conftest import TONE_A, start_peer

pytestmark = pytest.mark.sip

#: a citizen asking to be auto-answered, with call data, who presses 1, 5, # and hangs up
_DTMF_UAC = caller_scenario(
    hotline="[service]",
    number="13800138000",
    display_name="Citizen",
    headers=["Call-Info: <sip:[local_ip]>;answer-after=0", "X-Hotline-Call: sipp-[call_number]"],
    actions=press("15#", gap_ms=1200),
    wait_for_bye_ms=100,
    then_hang_up=True,
    name="DTMF from SIPp, asking to be auto-answered",
)

_UAS_REPLY = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="refuse every INVITE with {code}">
  <recv request="INVITE"/>
  <send><![CDATA[
      SIP/2.0 {code} {reason}
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]></send>
  <recv request="ACK"/>
</scenario>
"""


@pytest.fixture()
def peer() -> Iterator[PeerProcess]:
    p = start_peer("A", TONE_A)
    try:
        yield p
    finally:
        p.stop()


def test_given_sipp_echoing_rtp_when_the_engine_calls_it_then_the_engine_hears_its_own_tone(peer):
    sipp = SippProcess(["-sn", "uas", "-rtp_echo", "-m", "1"])
    try:
        sipp.start()
        call_id = peer.request("dial", uri=f"sip:echo@127.0.0.1:{sipp.port}")
        peer.wait_event("CallStateChanged", call_id=call_id, state="connected")
        peer.wait_tone(TONE_A, audible=True)
        assert peer.request("call_quality", call_id=call_id)["codec"] in ("PCMU", "PCMA")
        peer.request("hangup", call_id=call_id)
        assert peer.wait_event("CallEnded", call_id=call_id)["end_reason"] == "normal"
        assert sipp.wait(20) == 0, sipp.output
    finally:
        sipp.stop()


def test_given_sipp_playing_the_pcma_pcap_when_the_engine_answers_then_it_hears_speech_until_bye(peer):
    sipp = SippProcess(["-sn", "uac_pcap", "-s", "agent", f"127.0.0.1:{peer.port}", "-m", "1"])
    try:
        sipp.start()
        incoming = peer.wait_event("IncomingCall")
        peer.request("answer", call_id=incoming["call_id"])
        peer.wait_event("CallStateChanged", call_id=incoming["call_id"], state="connected")
        loudest, deadline = -100.0, time.monotonic() + 10
        while loudest <= -40 and time.monotonic() < deadline:
            loudest = max(loudest, peer.levels()[0])
            time.sleep(0.1)
        assert loudest > -40, f"the pcap's speech never reached the ear (loudest {loudest:.1f} dBFS)"
        ended = peer.wait_event("CallEnded", call_id=incoming["call_id"], timeout=30)
        assert ended["end_reason"] == "normal" and ended["was_connected"] is True
        assert sipp.wait(20) == 0, sipp.output
    finally:
        sipp.stop()


def test_given_sipp_sending_rfc2833_pcaps_and_asking_auto_answer_then_digits_and_headers_arrive(peer):
    sipp = SippProcess(["-s", "agent", f"127.0.0.1:{peer.port}", "-m", "1"], scenario=_DTMF_UAC)
    try:
        sipp.start()
        incoming = peer.wait_event("IncomingCall")
        assert incoming["auto_answer"] is True
        assert incoming["caller_id"] == "13800138000" and incoming["display_name"] == "Citizen"
        assert incoming["x_headers"] == {"X-Hotline-Call": "sipp-1"}
        peer.wait_event("CallStateChanged", call_id=incoming["call_id"], state="connected")
        digits = [peer.wait_event("DtmfReceived", call_id=incoming["call_id"])["digit"] for _ in range(3)]
        assert digits == ["1", "5", "#"]
        peer.wait_event("CallEnded", call_id=incoming["call_id"], timeout=20)
        assert sipp.wait(20) == 0, sipp.output
    finally:
        sipp.stop()


@pytest.mark.parametrize(
    ("code", "reason", "end_reason"), [(486, "Busy Here", "busy"), (404, "Not Found", "not_found")]
)
def test_given_sipp_refusing_when_the_engine_calls_then_the_call_ends_with_that_code(
    peer, code, reason, end_reason
):
    sipp = SippProcess(["-m", "1"], scenario=_UAS_REPLY.format(code=code, reason=reason))
    try:
        sipp.start()
        call_id = peer.request("dial", uri=f"sip:someone@127.0.0.1:{sipp.port}")
        ended = peer.wait_event("CallEnded", call_id=call_id, timeout=20)
        assert (ended["sip_code"], ended["end_reason"]) == (code, end_reason)
        assert sipp.wait(20) == 0, sipp.output
        assert peer.request("calls") == []
    finally:
        sipp.stop()
