"""Real SIP peers for the telephony tests: engine instances in their own processes (``PeerProcess``), each
with a tone as its microphone and a level meter as its ear, so every test can check who hears whom.

Peers are shared per module (starting one costs ~0.5 s); ``clean_peers`` hangs up whatever a test left
behind so tests stay independent. Every process is stopped by PID in teardown, even on failure.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

import pytest

from shared.telephony.peer_client import PeerProcess

TONE_A, TONE_B, TONE_C = 600.0, 1000.0, 1400.0  # bin-centred for 20 ms frames, so they do not leak
ALL_TONES = (TONE_A, TONE_B, TONE_C)


def start_peer(name: str, tone: float, **config: object) -> PeerProcess:
    return PeerProcess(name, tone_hz=tone, meter_hz=ALL_TONES, config=config).start()


def hang_up_everything(peer: PeerProcess, timeout: float = 10.0) -> None:
    if not peer.alive:
        return
    for call in peer.request("calls"):
        with contextlib.suppress(Exception):  # it may be ending already
            peer.request("hangup", call_id=call["call_id"])
    deadline = time.monotonic() + timeout
    while peer.request("calls") and time.monotonic() < deadline:
        time.sleep(0.05)
    peer.clear_events()


@pytest.fixture(scope="module")
def trio() -> Iterator[tuple[PeerProcess, PeerProcess, PeerProcess]]:
    peers: list[PeerProcess] = []
    try:
        for name, tone in (("A", TONE_A), ("B", TONE_B), ("C", TONE_C)):
            peers.append(start_peer(name, tone, no_answer_timeout_s=4.0, quality_interval_s=2.0))
        yield peers[0], peers[1], peers[2]
    finally:
        for peer in peers:
            peer.stop()


@pytest.fixture()
def peers(
    trio: tuple[PeerProcess, PeerProcess, PeerProcess],
) -> Iterator[tuple[PeerProcess, PeerProcess, PeerProcess]]:
    for peer in trio:
        peer.clear_events()
    yield trio
    for peer in trio:
        hang_up_everything(peer)


def connect_call(
    caller: PeerProcess, callee: PeerProcess, user: str = "agent", headers: dict[str, str] | None = None
) -> tuple[str, str]:
    """Dial and answer; returns (caller's call id, callee's call id) once both sides are connected."""
    out_id = caller.request("dial", uri=callee.uri_for(user), headers=headers or {})
    incoming = callee.wait_event("IncomingCall")
    callee.request("answer", call_id=incoming["call_id"])
    caller.wait_event("CallStateChanged", call_id=out_id, state="connected")
    callee.wait_event("CallStateChanged", call_id=incoming["call_id"], state="connected")
    return out_id, incoming["call_id"]
