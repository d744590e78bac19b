"""Kamailio dying under a running server: the watchdog starts it again with the current logins and workers,
and the next caller reaches the IVR and, once the agent re-registers, the agent."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from server_stub.media import control as mc
from server_stub.media.runtime import start_call_path
from shared.telephony.peer_client import PeerProcess
from tests.shared.telephony.sip_servers import free_udp_port

from .callpath_harness import HOTLINE, FakeControl, caller_account, register_agent

pytestmark = pytest.mark.sip


def test_given_kamailio_killed_when_the_watchdog_restarts_it_then_calls_reach_workers_and_agents_again(
    tmp_path: Path,
) -> None:
    control = FakeControl(route_to="1001")
    handle = start_call_path(
        data_dir=tmp_path, control=control, sip_port=free_udp_port(), worker_count=1, users={"1001": "pw"}
    )
    control.handle_ref = handle
    caller = PeerProcess("restart-caller").start()
    agent = PeerProcess("restart-agent").start()
    try:
        acc = register_agent(agent, "1001", "pw", handle.sip_address)
        old_pid = handle.kamailio.pid
        assert old_pid is not None and handle.watchdog is not None
        os.kill(old_pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while not (handle.watchdog.restarts == 1 and handle.kamailio.running):
            assert time.monotonic() < deadline, handle.kamailio.log_text[-2000:]
            time.sleep(0.2)
        new_pid = handle.kamailio.pid
        assert new_pid != old_pid
        # the killed main process's children are gone too (they would answer with stale state)
        assert all(pid == new_pid or _ppid(pid) == new_pid for pid in handle.kamailio._leftover_pids())
        assert "URI: sip:127.0.0.1" in handle.kamailio.kamcmd("dispatcher.list")  # the worker is listed again
        agent.clear_events()
        agent.request("register", account_id=acc)  # contacts were in the dead process's memory
        agent.wait_event("RegistrationChanged", timeout=15, account_id=acc, state="registered")
        call_id = caller.request(
            "dial",
            uri=f"sip:{HOTLINE}@{handle.sip_address}",
            account_id=caller_account(caller, "13500000000"),
        )
        caller.wait_event("CallStateChanged", timeout=20, call_id=call_id, state="connected")
        caller.request("send_dtmf", call_id=call_id, digits="1")
        incoming = agent.wait_event("IncomingCall", timeout=20)
        agent.request("answer", call_id=incoming["call_id"])
        control.wait_for(mc.AgentAnswered)
        caller.request("hangup", call_id=call_id)
        control.wait_for(mc.ConversationEnded)
    finally:
        caller.stop()
        agent.stop()
        handle.stop()
    assert not handle.kamailio.running and handle.kamailio._leftover_pids() == []


def _ppid(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0
