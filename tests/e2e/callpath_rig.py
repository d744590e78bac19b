"""The whole hotline call path for end-to-end tests and benchmarks: the real app (REST on a real SQLite
database, the event hub), the call centre with Kamailio and media worker processes, pjsua2 processes as
agents, leader and caller, SIPp as the trunk's far end. Everything is stopped by PID."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.app import API_PREFIX, bind_app, build_app
from server_stub.callcenter import router as cc_router
from server_stub.callcenter.startup import CallCenterHandle, start_callcenter
from server_stub.db.models import Agent, AgentSkill, IvrMenu, NotReadyReason, Queue
from server_stub.settings import TEST_PASSWORD_COST, Settings
from shared.protocol.enums import QueueStrategy, Role
from shared.protocol.events import EventEnvelope
from shared.telephony.peer_client import PeerProcess
from tests.shared.telephony.sip_servers import SippProcess, free_udp_port

HOTLINE = "12345"
QUEUE = "Q12345_GENERAL"
PASSWORD = "pw-e2e-1"
CALLER_HZ, AGENT_HZ, AGENT2_HZ, LEADER_HZ = 600.0, 1000.0, 1400.0, 800.0
METER = (CALLER_HZ, LEADER_HZ, AGENT_HZ, AGENT2_HZ)

#: key 1 → the queue; nothing pressed within 2 s → the queue too (so SIPp callers without DTMF get in)
TREE: dict[str, Any] = {
    "prompt": "请按一",
    "timeout_seconds": 2,
    "retries": 1,
    "default": {"action": "queue", "queue": QUEUE},
    "options": {"1": {"action": "queue", "queue": QUEUE}, "0": {"action": "voicemail"}},
}


def seed(app: FastAPI, *, agents: tuple[str, ...] = ("1001", "1002"), leader: str = "9001") -> None:
    pw = app.state.password_hasher.hash(PASSWORD)
    with app.state.session_factory() as db:
        db.add(
            Queue(
                code=QUEUE,
                name="12345综合咨询",
                hotline_number=HOTLINE,
                strategy=QueueStrategy.LONGEST_IDLE,
                required_skills={"general": 1},
                priority_rules={"vip": 100},
                wrap_up_seconds=3,
                max_wait_seconds=600,
                offer_timeout_seconds=15,
                announce_every_seconds=0,
            )
        )
        db.add(IvrMenu(hotline_number=HOTLINE, name="12345", tree=TREE))
        db.add(NotReadyReason(code="break", label_zh="小休", label_en="Break", sort_order=1))
        for wn in agents:
            agent = Agent(
                work_number=wn, name=f"坐席{wn}", password_hash=pw, role=Role.AGENT, sip_password=f"sip-{wn}"
            )
            agent.skills = [AgentSkill(skill="general", level=1)]
            db.add(agent)
        db.add(
            Agent(
                work_number=leader,
                name="值班长",
                password_hash=pw,
                role=Role.LEADER,
                sip_password=f"sip-{leader}",
            )
        )
        db.commit()


@dataclass
class Rig:
    app: FastAPI
    client: TestClient
    handle: CallCenterHandle
    data_dir: Path
    trunk: SippProcess
    peers: dict[str, PeerProcess]
    accounts: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def sip_address(self) -> str:
        address = self.handle.sip_address
        assert address is not None
        return address

    def headers(self, work_number: str) -> dict[str, str]:
        if work_number not in self.tokens:
            r = self.client.post(
                f"{API_PREFIX}/auth/login", json={"work_number": work_number, "password": PASSWORD}
            )
            assert r.status_code == 200, r.text
            self.tokens[work_number] = {"Authorization": f"Bearer {r.json()['token']}"}
        return self.tokens[work_number]

    def set_state(self, work_number: str, state: str, reason: str | None = None) -> None:
        body: dict[str, Any] = {"state": state}
        if reason:
            body["reason"] = reason
        r = self.client.post(f"{API_PREFIX}/agents/me/state", json=body, headers=self.headers(work_number))
        assert r.status_code == 200, r.text

    def events(self, kind: str | None = None, since: int = 0) -> list[EventEnvelope]:
        got = self.app.state.events.replay_since(since or self.start_seq) or []
        return [e for e in got if kind is None or e.type.value == kind]

    start_seq: int = 0

    def db(self) -> Any:
        return self.app.state.session_factory()

    def agent(self, work_number: str) -> Agent:
        with self.db() as db:
            row = db.scalar(select(Agent).where(Agent.work_number == work_number))
            assert row is not None
            db.expunge(row)
            return row

    def idle(self, timeout: float = 20.0) -> None:
        """Every peer hung up and every media worker free again (between tests)."""
        for peer in self.peers.values():
            with contextlib.suppress(Exception):
                for call in peer.request("calls"):
                    with contextlib.suppress(Exception):
                        peer.request("hangup", call_id=call["call_id"])
        pool = self.handle.call_path.pool if self.handle.call_path is not None else None
        deadline = time.monotonic() + timeout
        while pool is not None and time.monotonic() < deadline:
            infos = pool.workers()
            if infos and all(w.ready and w.conversation_id is None for w in infos):
                break
            time.sleep(0.1)
        wait_until(lambda: not self.handle.callcenter.live().calls, timeout, "no conversation left")


def wait_until(predicate: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(0.05)


def register(peer: PeerProcess, work_number: str, address: str) -> str:
    acc = peer.request(
        "add_account",
        config={
            "sip_uri": f"sip:{work_number}@{address}",
            "registrar_uri": f"sip:{address}",
            "username": work_number,
            "password": f"sip-{work_number}",
        },
    )
    peer.wait_event("RegistrationChanged", timeout=20, account_id=acc, state="registered")
    return str(acc)


@contextlib.contextmanager
def running_rig(
    data_dir: Path, *, agents: tuple[str, ...] = ("1001", "1002"), workers: int = 3, with_leader: bool = True
) -> Iterator[Rig]:
    settings = Settings(data_dir=data_dir, password_cost=TEST_PASSWORD_COST)
    app = build_app()
    app.include_router(cc_router.router, prefix=API_PREFIX)
    bind_app(app, settings)
    seed(app, agents=agents)
    trunk = SippProcess(["-sn", "uas", "-rtp_echo"]).start()
    peers: dict[str, PeerProcess] = {}
    handle: CallCenterHandle | None = None
    try:
        tones = {"caller": CALLER_HZ, "9001": LEADER_HZ}
        names = ["caller", *agents] + (["9001"] if with_leader else [])
        for i, name in enumerate(names):
            tone = tones.get(name, AGENT_HZ if i == 1 else AGENT2_HZ)
            peers[name] = PeerProcess(f"e2e-{name}", tone_hz=tone, meter_hz=METER).start()
        with TestClient(app) as client:
            handle = start_callcenter(
                app,
                settings,
                sip_port=free_udp_port(),
                media_workers=workers,
                trunk=f"127.0.0.1:{trunk.port}",
                worker_log_level="INFO",
            )
            rig = Rig(app, client, handle, data_dir, trunk, peers, start_seq=app.state.events.last_seq)
            for name in names[1:]:
                rig.accounts[name] = register(peers[name], name, rig.sip_address)
            rig.accounts["caller"] = str(
                peers["caller"].request("add_account", config={"sip_uri": "sip:13800138000@127.0.0.1"})
            )
            yield rig
    finally:
        if handle is not None:
            handle.stop()
        for peer in peers.values():
            peer.stop()
        trunk.stop()
        app.state.engine.dispose()
