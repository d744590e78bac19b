"""A link made and unmade (or unmade and remade) faster than the conference clock ticks must end up as the
last request said. PJSIP applies bridge operations on its clock thread a moment later; the router once
diffed against PJSIP's report and so left a just-made link live (the caller kept hearing the agent)."""

from __future__ import annotations

import time

import pytest

from shared.telephony.peer_client import PeerProcess

from .conftest import TONE_A, TONE_B, TONE_C, connect_call, start_peer

pytestmark = pytest.mark.sip

_QUIET_DB = -45.0


def assert_stays_silent(peer: PeerProcess, freq: float, for_s: float = 1.0) -> None:
    """Silence can only be shown by waiting: the meter's window is 0.4 s and a live link shows in ~0.1 s."""
    deadline = time.monotonic() + for_s
    while time.monotonic() < deadline:
        level = peer.levels()[1][freq]
        assert level < _QUIET_DB, f"{peer.name} hears {freq:g} Hz at {level:.1f} dB after the link was unmade"
        time.sleep(0.1)


def test_given_a_link_made_and_unmade_within_microseconds_then_the_far_end_never_keeps_hearing_it(peers):
    _, b, _ = peers
    worker = start_peer("race-worker", TONE_A, calls_to_headset=False)
    try:
        w_b, _ = connect_call(worker, b)
        agent = worker.request("create_tone", freq_hz=TONE_C)  # stands in for the agent's leg
        caller = worker.request("call_media", call_id=w_b)
        link = {"src": agent, "dst": caller}
        worker.request(
            "batch", requests=[{"op": "connect", "args": link}, {"op": "disconnect", "args": link}]
        )
        assert_stays_silent(b, TONE_C)
        worker.request("connect", **link)  # the same link made for good is heard: the check above is real
        b.wait_tone(TONE_C, audible=True)
    finally:
        worker.stop()


def test_given_a_live_link_unmade_and_remade_within_microseconds_then_the_far_end_keeps_hearing_it(peers):
    _, b, _ = peers
    worker = start_peer("race-worker2", TONE_A, calls_to_headset=False)
    try:
        w_b, _ = connect_call(worker, b)
        agent = worker.request("create_tone", freq_hz=TONE_C)
        link = {"src": agent, "dst": worker.request("call_media", call_id=w_b)}
        worker.request("connect", **link)
        b.wait_tone(TONE_C, audible=True)
        worker.request(
            "batch", requests=[{"op": "disconnect", "args": link}, {"op": "connect", "args": link}]
        )
        time.sleep(0.5)  # let the clock thread apply both; a lost link goes quiet within the meter window
        b.wait_tone(TONE_C, audible=True, timeout=0.5)
        worker.request("disconnect", **link)
        b.wait_tone(TONE_C, audible=False)
    finally:
        worker.stop()


def test_given_two_callers_bridged_and_split_at_once_then_neither_keeps_hearing_the_other(peers):
    _, b, c = peers
    worker = start_peer("race-worker3", TONE_A, calls_to_headset=False)
    try:
        w_b, _ = connect_call(worker, b)
        w_c, _ = connect_call(worker, c)
        media_b = worker.request("call_media", call_id=w_b)
        media_c = worker.request("call_media", call_id=w_c)
        links = [{"src": media_b, "dst": media_c}, {"src": media_c, "dst": media_b}]
        worker.request(
            "batch",
            requests=[{"op": "connect", "args": lk} for lk in links]
            + [{"op": "disconnect", "args": lk} for lk in links],
        )
        assert_stays_silent(c, TONE_B)
        assert_stays_silent(b, TONE_C, for_s=0.3)
    finally:
        worker.stop()
