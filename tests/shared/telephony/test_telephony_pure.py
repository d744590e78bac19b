"""Pure pieces of the telephony package: state tables, SIP header parsing, routing rules, MOS."""

from __future__ import annotations

import pytest

from shared.telephony.errors import TelephonyError, TelephonyErrorId
from shared.telephony.ids import HEADSET_CAPTURE, HEADSET_PLAYBACK, CallId, MediaId, call_media_id
from shared.telephony.media_routing import CallAudio, desired_links
from shared.telephony.quality import estimate_mos
from shared.telephony.sip_headers import auto_answer_request, parse_headers, parse_name_addr, x_headers
from shared.telephony.states import (
    CALL_TRANSITIONS,
    CallEvent,
    CallState,
    EndReason,
    InvalidTransition,
    RegistrationEvent,
    RegistrationState,
    end_reason_from_sip,
    next_call_state,
    next_registration_state,
    registration_event_from_reply,
)

INVITE = (
    "INVITE sip:agent@10.0.0.5 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
    'f: "Zhang \\"San\\"" <sip:13800138000@gw.example;user=phone>;tag=abc\r\n'
    "To: <sip:agent@10.0.0.5>\r\n"
    "X-Hotline-Call: 2026-0001\r\n"
    "X-Queue: housing\r\n"
    "x-ivr-path: 1,3,\r\n 2\r\n"
    "Call-Info: <sip:10.0.0.1>;answer-after=2\r\n"
    "Content-Length: 4\r\n\r\n"
    "X-Not: body\r\n"
)


def test_given_an_invite_when_parsed_then_x_headers_keep_their_names_and_folded_values():
    pairs = parse_headers(INVITE)
    assert ("From", '"Zhang \\"San\\"" <sip:13800138000@gw.example;user=phone>;tag=abc') in pairs
    assert x_headers(pairs) == {"X-Hotline-Call": "2026-0001", "X-Queue": "housing", "x-ivr-path": "1,3, 2"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Call-Info: <sip:x>;answer-after=2", (True, 2.0)),
        ("Call-Info: <sip:x>;Answer-After=0", (True, 0.0)),
        ("Answer-Mode: Auto", (True, 0.0)),
        ("Alert-Info: <http://x>;info=alert-autoanswer", (True, 0.0)),
        ("Call-Info: <http://x/photo.jpg>;purpose=icon", (False, 0.0)),
        ("Answer-Mode: Manual", (False, 0.0)),
    ],
)
def test_given_auto_answer_dialects_when_parsed_then_only_real_requests_count(header, expected):
    got = auto_answer_request(parse_headers(f"INVITE sip:a@b SIP/2.0\r\n{header}\r\n\r\n"))
    assert (got.requested, got.delay_s) == expected


@pytest.mark.parametrize(
    ("text", "display", "user", "host"),
    [
        (
            '"Zhang \\"San\\"" <sip:13800138000@gw.example;user=phone>;tag=a',
            'Zhang "San"',
            "13800138000",
            "gw.example",
        ),
        ("Li Si <sip:1002@127.0.0.1:5060>", "Li Si", "1002", "127.0.0.1:5060"),
        ("<sip:hotline@10.0.0.1>", "", "hotline", "10.0.0.1"),
        ("sip:10.0.0.1:5070", "", "", "10.0.0.1:5070"),
        ("tel:+8612345", "", "+8612345", ""),
    ],
)
def test_given_name_addr_forms_when_parsed_then_caller_id_and_display_name(text, display, user, host):
    parsed = parse_name_addr(text)
    assert (parsed.display_name, parsed.user, parsed.host) == (display, user, host)


def test_given_the_call_table_when_walking_a_normal_outgoing_call_then_states_follow():
    state = CallState.DIALING
    for event, expected in [
        (CallEvent.INV_CALLING, CallState.DIALING),
        (CallEvent.INV_EARLY, CallState.EARLY),
        (CallEvent.INV_CONNECTING, CallState.CONNECTING),
        (CallEvent.INV_CONFIRMED, CallState.CONNECTED),
        (CallEvent.MEDIA_LOCAL_HOLD, CallState.HELD),
        (CallEvent.MEDIA_ACTIVE, CallState.CONNECTED),
        (CallEvent.INV_DISCONNECTED, CallState.ENDED),
    ]:
        state = next_call_state(state, event)
        assert state is expected


def test_given_any_live_state_when_disconnected_then_ended_and_ended_is_final():
    for state in CallState:
        if state is CallState.ENDED:
            continue
        assert next_call_state(state, CallEvent.INV_DISCONNECTED) is CallState.ENDED
    assert not [key for key in CALL_TRANSITIONS if key[0] is CallState.ENDED]
    with pytest.raises(InvalidTransition):
        next_call_state(CallState.ENDED, CallEvent.INV_CONFIRMED)
    with pytest.raises(InvalidTransition):
        next_call_state(CallState.RINGING, CallEvent.MEDIA_LOCAL_HOLD)


def test_given_registrar_replies_when_mapped_then_registration_states_follow():
    assert registration_event_from_reply(200, 300, 0) is RegistrationEvent.SUCCEEDED
    assert registration_event_from_reply(200, 0, 0) is RegistrationEvent.REMOVED
    assert registration_event_from_reply(401, 0, 0) is RegistrationEvent.FAILED
    assert registration_event_from_reply(408, 0, 70008) is RegistrationEvent.FAILED
    state = RegistrationState.UNREGISTERED
    for event, expected in [
        (RegistrationEvent.REGISTER_REQUESTED, RegistrationState.REGISTERING),
        (RegistrationEvent.SUCCEEDED, RegistrationState.REGISTERED),
        (RegistrationEvent.SUCCEEDED, RegistrationState.REGISTERED),
        (RegistrationEvent.FAILED, RegistrationState.FAILED),
        (RegistrationEvent.REGISTER_REQUESTED, RegistrationState.REGISTERING),
        (RegistrationEvent.SUCCEEDED, RegistrationState.REGISTERED),
        (RegistrationEvent.UNREGISTER_REQUESTED, RegistrationState.UNREGISTERING),
        (RegistrationEvent.REMOVED, RegistrationState.UNREGISTERED),
    ]:
        state = next_registration_state(state, event)
        assert state is expected
    assert next_registration_state(RegistrationState.UNREGISTERING, RegistrationEvent.FAILED) is (
        RegistrationState.UNREGISTERED
    )  # the binding expires on its own


@pytest.mark.parametrize(
    ("code", "connected", "reason"),
    [
        (200, True, EndReason.NORMAL),
        (486, False, EndReason.BUSY),
        (603, False, EndReason.DECLINED),
        (404, False, EndReason.NOT_FOUND),
        (487, False, EndReason.CANCELLED),
        (408, False, EndReason.NO_ANSWER),
        (408, True, EndReason.MEDIA_TIMEOUT),
        (503, False, EndReason.UNREACHABLE),
        (407, False, EndReason.AUTH_FAILED),
        (500, False, EndReason.FAILED),
    ],
)
def test_given_sip_codes_when_a_call_ends_then_the_reason_a_person_understands(code, connected, reason):
    assert end_reason_from_sip(code, was_connected=connected) is reason


def _call(cid: str, **kw) -> CallAudio:
    return CallAudio(
        call_id=CallId(cid),
        has_audio=kw.pop("has_audio", True),
        local_hold=kw.pop("hold", False),
        muted=kw.pop("muted", False),
        **kw,
    )


def test_given_one_active_call_then_it_reaches_the_ear_and_the_mic_reaches_it_unless_muted():
    c1 = call_media_id(CallId("c1"))
    assert desired_links([_call("c1")]) == {(c1, HEADSET_PLAYBACK), (HEADSET_CAPTURE, c1)}
    assert desired_links([_call("c1", muted=True)]) == {(c1, HEADSET_PLAYBACK)}
    assert desired_links([_call("c1", hold=True)]) == set()
    assert desired_links([_call("c1", has_audio=False)]) == set()


def test_given_a_conference_then_legs_hear_each_other_and_a_held_leg_drops_out_until_resumed():
    c1, c2 = call_media_id(CallId("c1")), call_media_id(CallId("c2"))
    legs = [
        _call("c1", conference_peers=frozenset({CallId("c2")})),
        _call("c2", conference_peers=frozenset({CallId("c1")})),
    ]
    links = desired_links(legs)
    assert {(c1, c2), (c2, c1), (c1, HEADSET_PLAYBACK), (c2, HEADSET_PLAYBACK)} <= links
    held = [legs[0], _call("c2", hold=True, conference_peers=frozenset({CallId("c1")}))]
    assert desired_links(held) == {(c1, HEADSET_PLAYBACK), (HEADSET_CAPTURE, c1)}


def test_given_a_server_worker_bridge_then_extra_links_are_kept_and_the_headset_is_skipped():
    c1, c2, rec = call_media_id(CallId("c1")), call_media_id(CallId("c2")), MediaId("recorder:1")
    calls = [_call("c1", to_headset=False), _call("c2", to_headset=False)]
    extra = {(c1, c2), (c2, c1), (c1, rec), (c2, rec)}
    assert desired_links(calls, extra) == extra


def test_given_network_figures_when_estimating_mos_then_good_lines_score_high_and_lossy_ones_low():
    assert estimate_mos(0, 0, 0) >= 4.3
    assert estimate_mos(1, 10, 60) > estimate_mos(5, 10, 60) > estimate_mos(20, 40, 400)
    assert estimate_mos(100, 500, 2000) == 1.0


def test_given_a_pjsip_style_error_when_wrapped_then_status_and_reason_survive():
    class FakePjError:  # the shape of pjsua2.Error
        status = 171039
        reason = "Invalid URI (PJSIP_EINVALIDURI)"
        title = "Call::makeCall()"

    err = TelephonyError.from_pj(FakePjError(), "dial")
    assert (err.status, err.error_id) == (171039, TelephonyErrorId.PJSIP)
    assert "Invalid URI" in str(err) and "dial" in str(err)
