"""Simulated people for ``make demo``: callers (SIPp with PCMA audio and DTMF, some hanging up while
queued) and call-takers (pjsua2 processes that register, go ready over REST, answer, talk, hang up, wrap up).

Threading: each :class:`SimulatedAgent` and the :class:`CallerGenerator` own one thread; ``stop()`` from
the thread that started them. Every child process is stopped by its PID.
"""

from __future__ import annotations

import contextlib
import logging
import random
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import requests

from shared.telephony.peer_client import PeerError, PeerProcess
from tools import sipp
from tools.sipp import SIPP_DATA as SIPP_DATA  # re-exported: bench/agent_shift.py reads it from here
from tools.sipp import SippProcess, copy_shipped_pcaps, stop_pid
from tools.sipp import free_udp_port as free_udp_port  # re-exported: run_demo, bench/agent_shift

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "demo1234"

#: digits a caller presses to reach a queue, per hotline (from the demo IVR menus)
DEFAULT_ROUTES: dict[str, list[str]] = {
    "12345": ["1", "1", "1", "2", "4", "5"],
    "12329": ["11", "12", "2", "3"],
    "12315": ["1", "2", "2"],
}


def demo_routes() -> dict[str, list[str]]:
    """Digit sequences that lead to a queue on each demo hotline (the demo IVR trees)."""
    try:
        from server_stub.demo_data.queues import HOTLINES, ivr_routes
    except ImportError:
        return DEFAULT_ROUTES
    routes = {h: [digits for _, digits, _ in ivr_routes(h) if digits] for h in HOTLINES}
    return {h: r for h, r in routes.items() if r} or DEFAULT_ROUTES


#: SIGTERM, then SIGKILL; by PID only (``run_demo`` stops the server and the apps with it too)
stop_process = stop_pid


# ---------------------------------------------------------------------------------------------- callers


@dataclass(frozen=True)
class CallerPlan:
    """One simulated call: who calls which line, what they press, how long they wait at most."""

    number: str
    hotline: str
    digits: str
    patience_s: float


def plan_call(rng: random.Random, routes: dict[str, list[str]], abandon_share: float) -> CallerPlan:
    hotline = rng.choices(list(routes), weights=[6, 2, 2][: len(routes)] or None)[0]
    digits = rng.choice(routes[hotline])
    # patience counts from the answer: the demo IVR alone takes about 35 s; impatient callers then give up
    # in the queue, the rest wait long enough for an agent to finish with them
    patience = rng.uniform(40, 75) if rng.random() < abandon_share else rng.uniform(150, 210)
    number = "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))
    return CallerPlan(number, hotline, digits, patience)


VOICE_FILE = "caller_voice.alaw"


def alaw_encode(pcm: np.ndarray) -> bytes:
    """16-bit linear PCM → G.711 A-law bytes."""
    x = pcm.astype(np.int32)
    sign = np.where(x >= 0, 0xD5, 0x55)
    mag = np.minimum(np.where(x >= 0, x, -x - 1), 32635)
    exponent = np.zeros_like(mag)
    for e in range(7, 0, -1):
        exponent = np.where((exponent == 0) & (mag >= (1 << (e + 7))), e, exponent)
    mantissa = np.where(exponent == 0, mag >> 4, (mag >> (exponent + 3)) & 0x0F)
    return bytes(((((exponent << 4) | mantissa) ^ sign) & 0xFF).astype(np.uint8))


def write_caller_voice(path: Path, seconds: float = 6.0) -> None:
    """A caller's "voice" for SIPp to stream in a loop: a wavering 600 Hz tone with pauses, PCMA raw.
    Callers must keep sending audio: the media workers hang up a caller who sends none for 30 s."""
    rate = 8000
    t = np.arange(int(seconds * rate)) / rate
    tone = np.sin(2 * np.pi * (600 + 40 * np.sin(2 * np.pi * 3 * t)) * t)
    syllables = (np.sin(2 * np.pi * 0.8 * t) > -0.3).astype(float)
    path.write_bytes(alaw_encode((tone * syllables * 8000).astype(np.int16)))


def caller_scenario(plan: CallerPlan) -> str:
    """SIPp UAC: dial the hotline, press ``digits`` (RFC 2833 pcaps), keep speaking (PCMA stream in a loop),
    then either the agent hangs up (BYE answered) or the caller gives up after ``patience_s`` (BYE sent)."""
    return sipp.caller_scenario(
        hotline=plan.hotline,
        number=plan.number,
        actions=[sipp.pause(2500), *sipp.press(plan.digits), sipp.stream_rtp(VOICE_FILE)],
        wait_for_bye_ms=int(plan.patience_s * 1000),
        then_hang_up=True,
    )


@dataclass
class CallerGenerator:
    """Starts one SIPp process per call at ``calls_per_minute`` (Poisson arrivals) toward ``sip_address``.

    Threading: owns one thread; ``start``/``stop`` from the thread that created it."""

    sip_address: str
    calls_per_minute: float = 6.0
    abandon_share: float = 0.25
    max_concurrent: int = 12
    seed: int | None = None
    routes: dict[str, list[str]] = field(default_factory=demo_routes)
    #: keep every caller's SIP messages here (SIPp ``-trace_msg``) to see what happened on the wire
    trace_dir: Path | None = None
    started: int = 0
    finished: int = 0
    failed: int = 0
    _callers: list[SippProcess] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _dir: Path | None = None

    def start(self) -> CallerGenerator:
        self._dir = copy_shipped_pcaps(Path(tempfile.mkdtemp(prefix="hotline-callers-")))
        write_caller_voice(self._dir / VOICE_FILE)
        self._thread = threading.Thread(target=self._run, name="simulated-callers", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        rng = random.Random(self.seed)
        while not self._stop.is_set():
            self._reap()
            if len(self._callers) < self.max_concurrent:
                self._launch(plan_call(rng, self.routes, self.abandon_share))
            self._stop.wait(rng.expovariate(self.calls_per_minute / 60.0))

    def _launch(self, plan: CallerPlan) -> None:
        assert self._dir is not None
        self.started += 1
        name = f"caller-{self.started}"
        args = ["-m", "1", "-l", "1"]
        if self.trace_dir is not None:
            args += ["-trace_msg", "-message_file", str(self.trace_dir / f"{name}-{plan.number}.msg")]
        caller = SippProcess(
            [*args, self.sip_address],
            scenario=caller_scenario(plan),
            workdir=self._dir,
            name=name,
            quiet=True,
        ).start()
        self._callers.append(caller)
        logger.info(
            "caller %s dials %s, presses %s, waits up to %.0f s", plan.number, plan.hotline, plan.digits,
            plan.patience_s,
        )  # fmt: skip

    def _reap(self) -> None:
        for caller in list(self._callers):
            code = caller.poll()
            if code is not None:
                self._callers.remove(caller)
                self.finished += 1
                if code != 0:
                    self.failed += 1
                    text = caller.output[-600:].strip()
                    logger.warning("a simulated caller's call failed (SIPp exit %s): %s", code, text)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
        for caller in self._callers:
            caller.stop()
        self._reap()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------- agents


class ServerClient:
    """A tiny REST client for the simulated people (signed in as one work number)."""

    def __init__(self, base_url: str, work_number: str, password: str = DEMO_PASSWORD) -> None:
        self.base = base_url.rstrip("/") + "/api/v1"
        self.work_number = work_number
        self._http = requests.Session()
        r = self._http.post(
            f"{self.base}/auth/login", json={"work_number": work_number, "password": password}, timeout=10
        )
        r.raise_for_status()
        self._http.headers["Authorization"] = f"Bearer {r.json()['token']}"

    def set_state(self, state: str, reason: str | None = None) -> bool:
        body: dict[str, Any] = {"state": state}
        if reason:
            body["reason"] = reason
        r = self._http.post(f"{self.base}/agents/me/state", json=body, timeout=10)
        return r.status_code == 200

    def get(self, path: str) -> Any:
        r = self._http.get(f"{self.base}{path}", timeout=10)
        r.raise_for_status()
        return r.json()

    def my_state(self) -> str | None:
        with contextlib.suppress(requests.RequestException):
            for agent in self.get("/agents"):
                if agent.get("work_number") == self.work_number:
                    return str(agent.get("state"))
        return None


@dataclass
class SimulatedAgent:
    """A call-taker: a pjsua2 process registered as ``work_number`` that goes ready over REST, answers
    after a ring or two, talks a while (speaking a tone), hangs up, wraps up and goes ready again.

    Threading: owns one thread; ``start``/``stop`` from the thread that created it."""

    work_number: str
    server_url: str
    sip_address: str
    tone_hz: float = 700.0
    talk_s: tuple[float, float] = (10.0, 35.0)
    wrap_up_s: tuple[float, float] = (2.0, 6.0)
    sip_password: str | None = None
    seed: int | None = None
    answered: int = 0
    peer: PeerProcess | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> SimulatedAgent:
        self.peer = PeerProcess(f"sim-agent-{self.work_number}", tone_hz=self.tone_hz).start()
        acc = self.peer.request(
            "add_account",
            config={
                "sip_uri": f"sip:{self.work_number}@{self.sip_address}",
                "registrar_uri": f"sip:{self.sip_address}",
                "username": self.work_number,
                "password": self.sip_password or f"sip-{self.work_number}-demo",
            },
        )
        self.peer.wait_event("RegistrationChanged", timeout=20, account_id=acc, state="registered")
        self._thread = threading.Thread(target=self._run, name=f"sim-agent-{self.work_number}", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        rng = random.Random(self.seed)
        assert self.peer is not None
        try:
            client = ServerClient(self.server_url, self.work_number)
        except requests.RequestException as exc:
            logger.error("agent %s cannot sign in: %s", self.work_number, exc)
            return
        client.set_state("ready")
        idle_since = time.monotonic()
        while not self._stop.is_set():
            try:
                incoming = self.peer.wait_event("IncomingCall", timeout=1.0)
            except TimeoutError:
                if time.monotonic() - idle_since > 10:
                    # a missed or rejected offer left us not ready: go ready again like a person would
                    if client.my_state() == "not_ready":
                        client.set_state("ready")
                    idle_since = time.monotonic()
                continue
            except PeerError:
                break
            self._take_call(rng, client, str(incoming["call_id"]))
            idle_since = time.monotonic()

    def _take_call(self, rng: random.Random, client: ServerClient, call_id: str) -> None:
        assert self.peer is not None
        if self._stop.wait(rng.uniform(1.0, 3.0)):
            return
        try:
            self.peer.request("answer", call_id=call_id)
        except PeerError:
            return  # the caller gave up while it rang
        self.answered += 1
        talk = rng.uniform(*self.talk_s)
        try:
            self.peer.wait_event("CallEnded", timeout=talk, call_id=call_id)
        except TimeoutError:
            with contextlib.suppress(PeerError):
                self.peer.request("hangup", call_id=call_id)
        except PeerError:
            pass
        if not self._stop.wait(rng.uniform(*self.wrap_up_s)):
            client.set_state("ready")  # refused (409) if the wrap-up timer made us ready already

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
        if self.peer is not None:
            self.peer.stop()
