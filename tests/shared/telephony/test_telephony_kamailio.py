"""Kamailio (Debian) as registrar and proxy with digest auth: registration, a refused password, calls and
transfers through the proxy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shared.telephony.peer_client import PeerProcess

from .conftest import TONE_A, TONE_B, TONE_C, start_peer
from .sip_servers import KamailioServer

pytestmark = pytest.mark.sip

USERS = {"1001": "secret-1001", "1002": "secret-1002", "1003": "secret-1003"}


@pytest.fixture(scope="module")
def kamailio() -> Iterator[KamailioServer]:
    server = KamailioServer(USERS).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def registered(kamailio: KamailioServer) -> Iterator[list[tuple[PeerProcess, str]]]:
    """Three engines registered as 1001, 1002, 1003."""
    peers: list[tuple[PeerProcess, str]] = []
    try:
        for (user, password), tone in zip(USERS.items(), (TONE_A, TONE_B, TONE_C), strict=True):
            peer = start_peer(user, tone)
            account = peer.request("add_account", config=account_config(kamailio, user, password))
            peer.wait_event("RegistrationChanged", account_id=account, state="registered")
            peers.append((peer, account))
        yield peers
    finally:
        for peer, _ in peers:
            peer.stop()


def account_config(kamailio: KamailioServer, user: str, password: str) -> dict[str, object]:
    return {
        "sip_uri": f"sip:{user}@{kamailio.domain}",
        "registrar_uri": f"sip:{kamailio.domain}",
        "username": user,
        "password": password,
        "register_expires_s": 60,
    }


def test_given_the_right_password_when_registering_then_registered_and_unregister_works(kamailio):
    peer = start_peer("reg", TONE_A)
    try:
        account = peer.request("add_account", config=account_config(kamailio, "1001", USERS["1001"]))
        peer.wait_event("RegistrationChanged", account_id=account, state="registering")
        done = peer.wait_event("RegistrationChanged", account_id=account, state="registered")
        assert done["sip_code"] == 200 and done["expires_s"] > 0
        peer.request("unregister", account_id=account)
        assert (
            peer.wait_event("RegistrationChanged", account_id=account, state="unregistered")["sip_code"]
            == 200
        )
        peer.request("register", account_id=account)
        peer.wait_event("RegistrationChanged", account_id=account, state="registered")
    finally:
        peer.stop()


def test_given_a_short_expiry_when_time_passes_then_the_registration_is_refreshed_and_stays_up(kamailio):
    peer = start_peer("refresh", TONE_A)
    try:
        config = {**account_config(kamailio, "1003", USERS["1003"]), "register_expires_s": 7}
        account = peer.request("add_account", config=config)
        first = peer.wait_event("RegistrationChanged", account_id=account, state="registered")
        # PJSIP refreshes 5 s before expiry; nothing in between may say "registering" or "failed"
        after = peer.wait_event(
            "RegistrationChanged", account_id=account, timeout=15, where=lambda e: e["t"] > first["t"]
        )
        assert (after["state"], after["sip_code"]) == ("registered", 200)
        assert peer.request("registration_state", account_id=account) == "registered"
    finally:
        peer.stop()


def test_given_a_wrong_password_when_registering_then_failed_with_the_registrars_refusal(kamailio):
    peer = start_peer("bad", TONE_A)
    try:
        account = peer.request("add_account", config=account_config(kamailio, "1002", "wrong"))
        failed = peer.wait_event("RegistrationChanged", account_id=account, state="failed")
        assert failed["sip_code"] in (401, 403)
        assert peer.request("registration_state", account_id=account) == "failed"
    finally:
        peer.stop()


def test_given_registered_agents_when_one_dials_a_number_then_the_proxy_connects_them_with_headers(
    registered,
):
    (a, a_acc), (b, _), _ = registered
    call_id = a.request("dial", uri="1002", account_id=a_acc, headers={"X-Hotline-Call": "via-proxy"})
    incoming = b.wait_event("IncomingCall")
    assert incoming["caller_id"] == "1001"
    assert incoming["x_headers"] == {"X-Hotline-Call": "via-proxy"}
    b.request("answer", call_id=incoming["call_id"])
    a.wait_event("CallStateChanged", call_id=call_id, state="connected")
    b.wait_tone(TONE_A, audible=True)
    a.wait_tone(TONE_B, audible=True)
    a.request("hangup", call_id=call_id)
    b.wait_event("CallEnded", call_id=incoming["call_id"])


def test_given_an_unknown_number_when_dialled_through_the_proxy_then_not_found(registered):
    (a, a_acc), _, _ = registered
    call_id = a.request("dial", uri="1999", account_id=a_acc)
    ended = a.wait_event("CallEnded", call_id=call_id)
    assert (ended["sip_code"], ended["end_reason"]) == (404, "not_found")


def test_given_a_call_through_the_proxy_when_blind_transferred_by_number_then_caller_and_target_talk(
    registered,
):
    (a, a_acc), (b, _), (c, _) = registered
    a_id = a.request("dial", uri="1002", account_id=a_acc)
    incoming = b.wait_event("IncomingCall")
    b.request("answer", call_id=incoming["call_id"])
    a.wait_event("CallStateChanged", call_id=a_id, state="connected")

    b.request("blind_transfer", call_id=incoming["call_id"], target_uri="1003")
    new_leg = a.wait_event("CallCreated", transferred_from=a_id)
    at_c = c.wait_event("IncomingCall")
    assert at_c["caller_id"] == "1001"
    c.request("answer", call_id=at_c["call_id"])
    a.wait_event("CallStateChanged", call_id=new_leg["call_id"], state="connected")
    assert b.wait_event("TransferProgress", call_id=incoming["call_id"], final=True)["succeeded"] is True
    c.wait_tone(TONE_A, audible=True)
    a.wait_tone(TONE_C, audible=True)
    a.request("hangup", call_id=new_leg["call_id"])
    c.wait_event("CallEnded", call_id=at_c["call_id"])
    b.wait_event("CallEnded", call_id=incoming["call_id"])


def test_given_a_call_through_the_proxy_when_consult_transferred_then_caller_and_target_talk(registered):
    (a, a_acc), (b, b_acc), (c, _) = registered
    a_id = a.request("dial", uri="1002", account_id=a_acc)
    b_to_a = b.wait_event("IncomingCall")["call_id"]
    b.request("answer", call_id=b_to_a)
    a.wait_event("CallStateChanged", call_id=a_id, state="connected")
    b.request("hold", call_id=b_to_a)
    b.wait_event("CallStateChanged", call_id=b_to_a, state="held")
    b_to_c = b.request("dial", uri="1003", account_id=b_acc)
    c_id = c.wait_event("IncomingCall")["call_id"]
    c.request("answer", call_id=c_id)
    b.wait_event("CallStateChanged", call_id=b_to_c, state="connected")

    b.request("consult_transfer", call_id=b_to_a, consult_call_id=b_to_c)
    c.wait_event("CallReplaced", old_call_id=c_id)
    assert b.wait_event("TransferProgress", call_id=b_to_a, final=True)["succeeded"] is True
    c.wait_tone(TONE_A, audible=True)
    a.wait_tone(TONE_C, audible=True)
    for peer in (a, b, c):
        for call in peer.request("calls"):
            peer.request("hangup", call_id=call["call_id"])


def test_given_wrong_credentials_when_calling_through_the_proxy_then_the_call_fails_as_auth_failed(
    kamailio, registered
):
    _, (b, _), _ = registered
    peer = start_peer("intruder", TONE_A)
    try:
        config = {**account_config(kamailio, "1001", "wrong"), "register_on_add": False}
        account = peer.request("add_account", config=config)
        rung_before = len(b.history("IncomingCall"))
        call_id = peer.request("dial", uri="1002", account_id=account)
        ended = peer.wait_event("CallEnded", call_id=call_id)
        assert (ended["sip_code"], ended["end_reason"]) == (407, "auth_failed")
        assert len(b.history("IncomingCall")) == rung_before  # the proxy never let it through
    finally:
        peer.stop()
