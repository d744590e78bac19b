"""Lifecycle, limits and failures: each ends in a clear event and a usable engine, never a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shared.telephony.peer_client import PeerError, PeerProcess

from .conftest import TONE_A, TONE_B, connect_call, start_peer
from .sip_servers import free_udp_port

pytestmark = pytest.mark.sip


def test_given_an_engine_with_a_live_call_when_shut_down_then_it_exits_cleanly_and_the_far_end_sees_bye():
    a = start_peer("A", TONE_A)
    b = start_peer("B", TONE_B)
    try:
        a_id, b_id = connect_call(a, b)
        b.wait_tone(TONE_A, audible=True)
        assert a.stop() == 0
        assert "Assertion" not in a.log_text and "Traceback" not in a.log_text
        ended = b.wait_event("CallEnded", call_id=b_id)
        assert ended["was_connected"] is True
        assert a_id
    finally:
        a.stop()
        b.stop()


def test_given_eight_accounts_when_one_more_is_added_then_a_clear_error_not_an_abort():
    peer = start_peer("A", TONE_A)
    try:
        for i in range(7):  # the local account is the eighth
            peer.request("add_account", config={"sip_uri": f"sip:u{i}@127.0.0.1"})
        with pytest.raises(PeerError) as info:
            peer.request("add_account", config={"sip_uri": "sip:u8@127.0.0.1"})
        assert info.value.error_id == "too_many_accounts"
        peer.request("remove_account", account_id="a3")
        peer.request("add_account", config={"sip_uri": "sip:u9@127.0.0.1"})
        assert peer.request("ping") == "pong"
    finally:
        assert peer.stop() == 0


def test_given_malformed_account_addresses_when_added_then_invalid_uri_errors():
    peer = start_peer("A", TONE_A)
    try:
        for config in (
            {"sip_uri": "1001"},
            {"sip_uri": "sip:1001@127.0.0.1", "registrar_uri": "registrar"},
            {"sip_uri": "sip:1001@127.0.0.1", "proxy_uri": "sip:"},
        ):
            with pytest.raises(PeerError) as info:
                peer.request("add_account", config=config)
            assert info.value.error_id == "invalid_uri"
            assert "SIP URI" in info.value.reason
    finally:
        peer.stop()


def test_given_a_connected_call_when_the_far_end_vanishes_then_the_call_ends_with_media_timeout():
    a = start_peer("A", TONE_A, media_timeout_s=2.0)
    b = start_peer("B", TONE_B)
    try:
        a_id, _ = connect_call(a, b)
        a.wait_tone(TONE_B, audible=True)
        b.kill()
        ended = a.wait_event("CallEnded", call_id=a_id, timeout=15)
        assert ended["end_reason"] == "media_timeout"
        assert a.request("calls") == []
        a.wait_tone(TONE_B, audible=False)
        c = start_peer("C", TONE_B)  # and the engine still makes calls
        try:
            connect_call(a, c)
            c.wait_tone(TONE_A, audible=True)
        finally:
            c.stop()
    finally:
        a.stop()
        b.stop()


def test_given_nothing_listens_at_the_address_when_dialling_then_the_call_ends_as_no_answer():
    a = start_peer("A", TONE_A, no_answer_timeout_s=2.0)
    try:
        call_id = a.request("dial", uri=f"sip:nobody@127.0.0.1:{free_udp_port()}")
        ended = a.wait_event("CallEnded", call_id=call_id, timeout=15)
        assert ended["end_reason"] == "no_answer" and ended["was_connected"] is False
        assert a.request("calls") == []
    finally:
        a.stop()


def test_given_a_registrar_that_never_answers_when_registering_then_failed_408_is_reported():
    a = start_peer("A", TONE_A, register_timeout_s=2.0)
    try:
        port = free_udp_port()
        account = a.request(
            "add_account",
            config={
                "sip_uri": f"sip:1001@127.0.0.1:{port}",
                "registrar_uri": f"sip:127.0.0.1:{port}",
                "username": "1001",
                "password": "x",
            },
        )
        a.wait_event("RegistrationChanged", account_id=account, state="registering")
        failed = a.wait_event("RegistrationChanged", account_id=account, state="failed", timeout=15)
        assert failed["sip_code"] == 408 and "did not answer" in failed["reason"]
        a.request("unregister", account_id=account)
        assert a.request("registration_state", account_id=account) == "unregistered"
    finally:
        a.stop()


def test_given_an_incoming_call_nobody_takes_when_the_ring_timeout_passes_then_both_sides_see_no_answer():
    a = start_peer("A", TONE_A)
    b = start_peer("B", TONE_B, ring_timeout_s=2.0)
    try:
        call_id = a.request("dial", uri=b.uri_for("agent"))
        incoming = b.wait_event("IncomingCall")
        assert b.wait_event("CallEnded", call_id=incoming["call_id"], timeout=15)["end_reason"] == "no_answer"
        ended = a.wait_event("CallEnded", call_id=call_id)
        assert (ended["sip_code"], ended["end_reason"]) == (480, "no_answer")
    finally:
        a.stop()
        b.stop()


def test_given_the_sip_port_is_taken_when_an_engine_starts_then_a_clear_error_names_the_problem():
    a = start_peer("A", TONE_A)
    try:
        clash = PeerProcess("clash", config={"sip_port": a.port})
        with pytest.raises(PeerError) as info:
            clash.start()
        clash.stop()
        assert info.value.error_id == "pjsip" and info.value.status != 0
        assert "in use" in info.value.reason.lower() or "address" in info.value.reason.lower()
    finally:
        a.stop()


_RESTART = """
from shared.telephony import SoftphoneEngine, TelephonyError
first = SoftphoneEngine()
first.start()
first.shutdown()
try:
    SoftphoneEngine().start()
except TelephonyError as err:
    print("refused:", err.error_id.value)
"""


def test_given_an_engine_was_shut_down_when_another_starts_in_the_same_process_then_refused_not_aborted():
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", _RESTART], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "refused: already_started" in done.stdout
