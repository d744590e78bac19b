"""Test side of the media plane: a small in-test control plane (the real one is another engineer's),
the call path started for real (Kamailio + worker processes), and pjsua2 peers as agents/callers."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from server_stub.media import control as mc
from server_stub.media.runtime import CallPathHandle, start_call_path
from shared.telephony.peer_client import PeerProcess
from tests.shared.telephony.sip_servers import free_udp_port

E = TypeVar("E", bound=mc.MediaEvent)

HOTLINE = "12345"
QUEUE = "Q12345_GENERAL"
CALLER_NUMBER = "13800138000"
BLOCKED_NUMBER = "13900000666"

#: a short tree so tests do not wait long: one prompt, key 1 → queue, key 0 → voicemail, 3 → ticket status
TEST_TREE: dict[str, Any] = {
    "prompt": "请按一",
    "timeout_seconds": 2,
    "retries": 1,
    "default": {"action": "queue", "queue": QUEUE},
    "options": {
        "1": {"action": "queue", "queue": QUEUE},
        "0": {"action": "voicemail"},
        "3": {
            "action": "ticket_status",
            "prompt": "请输入编号",
            "fallback": {"action": "queue", "queue": QUEUE},
        },
    },
}


@dataclass
class FakeControl:
    """Records every event; routes IVR'd callers to ``route_to`` (an agent) when set. Thread-safe."""

    route_to: str | None = None
    blacklist: set[str] = field(default_factory=lambda: {BLOCKED_NUMBER})
    tree: dict[str, Any] = field(default_factory=lambda: dict(TEST_TREE))
    events: list[mc.MediaEvent] = field(default_factory=list)
    handle_ref: CallPathHandle | None = None
    cond: threading.Condition = field(default_factory=threading.Condition)
    tickets: dict[str, str] = field(default_factory=dict)
    serials_asked: list[str] = field(default_factory=list)

    def handle(self, event: mc.MediaEvent) -> None:
        with self.cond:
            self.events.append(event)
            self.cond.notify_all()
        if isinstance(event, mc.IvrRouted) and self.route_to and self.handle_ref is not None:
            self.handle_ref.offer_to_agent(
                event.conversation_id,
                self.route_to,
                {"X-Hotline-Queue": event.queue_code, "X-Hotline-Ivr-Path": event.ivr_path},
            )

    def is_blacklisted(self, number: str) -> bool:
        return number in self.blacklist

    def ivr_menu(self, hotline_number: str) -> dict[str, Any] | None:
        return self.tree if hotline_number == HOTLINE else None

    def is_open(self, hotline_number: str, queue_code: str | None) -> bool:
        return True

    def active_notice_text(self, hotline_number: str) -> str | None:
        return None

    def ticket_status(self, serial: str) -> str | None:
        with self.cond:
            self.serials_asked.append(serial)
        return self.tickets.get(serial)

    def wait_for(self, kind: type[E], timeout: float = 20.0, where: Callable[[E], bool] | None = None) -> E:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for event in self.events:
                    if isinstance(event, kind) and (where is None or where(event)):
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [type(e).__name__ for e in self.events]
                    raise AssertionError(f"no {kind.__name__} within {timeout} s; events: {seen}")
                self.cond.wait(min(left, 0.5))

    def of(self, conversation_id: str) -> list[str]:
        with self.cond:
            return [type(e).__name__ for e in self.events if e.conversation_id == conversation_id]


@contextlib.contextmanager
def running_call_path(
    data_dir: Path, control: FakeControl, users: dict[str, str], *, workers: int = 2, trunk: str = ""
) -> Iterator[CallPathHandle]:
    handle = start_call_path(
        data_dir=data_dir,
        control=control,
        sip_port=free_udp_port(),
        worker_count=workers,
        users=users,
        trunk=trunk,
        worker_log_level="INFO",
        record_legs=True,
    )
    control.handle_ref = handle
    try:
        yield handle
    finally:
        handle.stop()


def register_agent(peer: PeerProcess, work_number: str, password: str, address: str) -> str:
    acc = peer.request(
        "add_account",
        config={
            "sip_uri": f"sip:{work_number}@{address}",
            "registrar_uri": f"sip:{address}",
            "username": work_number,
            "password": password,
        },
    )
    peer.wait_event("RegistrationChanged", timeout=15, account_id=acc, state="registered")
    return str(acc)


def caller_account(peer: PeerProcess, number: str) -> str:
    return str(peer.request("add_account", config={"sip_uri": f"sip:{number}@127.0.0.1"}))


def answer_next_call(peer: PeerProcess, timeout: float = 20.0) -> dict[str, Any]:
    incoming = peer.wait_event("IncomingCall", timeout=timeout)
    peer.request("answer", call_id=incoming["call_id"])
    return incoming
