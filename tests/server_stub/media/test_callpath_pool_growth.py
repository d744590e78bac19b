"""Workers started ahead of demand: with one warm worker, a call makes the pool start another one, and the
next caller reaches it through Kamailio's failover (the busy worker answers 486)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from server_stub.media import control as mc
from server_stub.media.runtime import CallPathHandle, start_call_path
from shared.telephony.peer_client import PeerProcess
from tests.shared.telephony.sip_servers import free_udp_port

from .callpath_harness import HOTLINE, FakeControl, caller_account

pytestmark = pytest.mark.sip


@pytest.fixture()
def growing(tmp_path: Path) -> Iterator[tuple[CallPathHandle, FakeControl]]:
    control = FakeControl()
    handle = start_call_path(
        data_dir=tmp_path,
        control=control,
        sip_port=free_udp_port(),
        worker_count=1,
        min_idle=1,
        max_workers=2,
        users={},
    )
    control.handle_ref = handle
    try:
        yield handle, control
    finally:
        handle.stop()


def test_given_one_warm_worker_when_a_call_takes_it_then_another_starts_and_takes_the_next_call(
    growing: tuple[CallPathHandle, FakeControl],
) -> None:
    handle, control = growing
    callers = [PeerProcess(f"grow-caller-{i}").start() for i in range(2)]
    try:
        accounts = [caller_account(peer, f"1390000000{i}") for i, peer in enumerate(callers)]
        first = callers[0].request("dial", uri=f"sip:{HOTLINE}@{handle.sip_address}", account_id=accounts[0])
        callers[0].wait_event("CallStateChanged", timeout=20, call_id=first, state="connected")
        assert handle.pool.wait_ready(2, timeout=60), handle.pool.workers()  # topped up: one idle again
        deadline = time.monotonic() + 15  # the new worker is in Kamailio's dispatcher list
        while handle.kamailio.kamcmd("dispatcher.list").count("URI: sip:") < 2:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        second = callers[1].request("dial", uri=f"sip:{HOTLINE}@{handle.sip_address}", account_id=accounts[1])
        callers[1].wait_event("CallStateChanged", timeout=20, call_id=second, state="connected")
        arrived = [_arrival(control, number) for number in ("13900000000", "13900000001")]
        assert len({e.worker_id for e in arrived}) == 2  # one conversation per worker
    finally:
        for peer in callers:
            peer.stop()


def _arrival(control: FakeControl, caller: str) -> mc.InboundCallArrived:
    return control.wait_for(mc.InboundCallArrived, where=lambda e: e.caller == caller)
