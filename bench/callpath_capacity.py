"""Capacity of the hotline call path: N concurrent recorded conversations through Kamailio and the media
worker pool, with 0 failed calls and 0 packet loss as the bar.

SIPp places N trunk calls to 12345 (PCMA, DTMF "1" in the IVR, then the shipped G.711 pcap three times
over); each caller is queued, offered to a free agent (pjsua2 processes, 4 registered agents each,
auto-answer, a 1 kHz "voice"), bridged and recorded by its worker; after the talk time the control plane
hangs the conversation up. Measured: failed calls (SIPp + missing answer/recording), RTP loss on every leg
the workers received (RTCP/stream stats reported as ``LegQuality``), CPU of the worker processes per
conversation while all N talk (minus the idle pool, measured first: the baseline), RSS per worker, and
Kamailio's CPU.

    .venv/bin/python -m bench.callpath_capacity            # N = 40 (CALLPATH_CALLS=100 for the full bar)
    CALLPATH_CALLS=100 .venv/bin/python -m bench.callpath_capacity --rate 8
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import math
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

from bench._report import p50_p95, row, write_results
from server_stub.media import control as mc
from server_stub.media.runtime import start_call_path
from shared.telephony.peer_client import PeerProcess
from tools import sipp
from tools.sipp import SippProcess, free_udp_port

logger = logging.getLogger("bench.callpath_capacity")

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
HOTLINE = "12345"
AGENTS_PER_PEER = 4  # PJSIP's 4 calls per process
TREE: dict[str, Any] = {
    "prompt": "请按一",
    "timeout_seconds": 3,
    "retries": 1,
    "default": {"action": "queue", "queue": "Q_BENCH"},
    "options": {"1": {"action": "queue", "queue": "Q_BENCH"}},
}


def caller_scenario(plays: int) -> str:
    """A trunk caller: DTMF "1" in the IVR, the shipped 7 s G.711 pcap ``plays`` times, then it waits
    (up to 2 minutes) for the control plane to hang up."""
    audio = [sipp.play_pcap("pcap/g711a.pcap"), sipp.pause(7000)] * plays
    return sipp.caller_scenario(
        hotline=HOTLINE,
        number="1380000[call_number]",
        actions=[sipp.pause(1000), *sipp.press("1", gap_ms=300), *audio],
        wait_for_bye_ms=120_000,
        then_hang_up=False,
        name="bench hotline caller",
    )


def cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def with_children(pid: int) -> list[int]:
    """``pid`` and its direct children (Kamailio works in forked children)."""
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            pids.append(int(entry.name))
    return pids


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * PAGE_KB / 1024
    except OSError:
        return math.nan


def cpu_percent(pids: list[int], seconds: float) -> float:
    start_cpu, start = sum(cpu_seconds(p) for p in pids), time.monotonic()
    time.sleep(seconds)
    return 100.0 * (sum(cpu_seconds(p) for p in pids) - start_cpu) / (time.monotonic() - start)


class BenchControl:
    """Routes every queued caller to a free agent at once and hangs up after ``talk_s``. Thread-safe."""

    def __init__(self, agents: list[str], talk_s: float) -> None:
        self.free: deque[str] = deque(agents)
        self.talk_s = talk_s
        self.media: Any = None  # the CallPathHandle (MediaControl), set once started
        self.lock = threading.Lock()
        self.arrived = 0
        self.answered = 0
        self.ended: list[mc.ConversationEnded] = []
        self.quality: list[mc.LegQuality] = []
        self.not_answered: list[mc.AgentDidNotAnswer] = []
        self.waiting: deque[str] = deque()
        self.agent_of: dict[str, str] = {}
        self.talking = 0
        self.max_talking = 0
        self.died = 0

    def handle_event(self, event: mc.MediaEvent) -> None:
        with self.lock:
            if isinstance(event, mc.InboundCallArrived):
                self.arrived += 1
            elif isinstance(event, mc.IvrRouted):
                self.waiting.append(event.conversation_id)
            elif isinstance(event, mc.AgentAnswered):
                self.answered += 1
                self.talking += 1
                self.max_talking = max(self.max_talking, self.talking)
                timer = threading.Timer(self.talk_s, self._hang_up, (event.conversation_id,))
                timer.daemon = True
                timer.start()
            elif isinstance(event, mc.AgentDidNotAnswer):
                self.not_answered.append(event)
                self.free.append(event.agent_work_number)
                self.waiting.appendleft(event.conversation_id)
            elif isinstance(event, mc.LegQuality):
                self.quality.append(event)
            elif isinstance(event, mc.ConversationEnded):
                self.ended.append(event)
                agent = self.agent_of.pop(event.conversation_id, None)
                if agent is not None:
                    self.free.append(agent)
                if event.recording is not None:
                    self.talking -= 1
            elif isinstance(event, mc.WorkerDied):
                self.died += 1
            offers = []
            while self.waiting and self.free:
                conv, agent = self.waiting.popleft(), self.free.popleft()
                self.agent_of[conv] = agent
                offers.append((conv, agent))
        for conv, agent in offers:
            try:
                self.media.offer_to_agent(conv, agent, {"Call-Info": "<sip:bench>;answer-after=0"})
            except mc.MediaCommandError as exc:
                logger.warning("offer failed: %s", exc)

    handle = handle_event  # CallControl.handle

    def _hang_up(self, conversation_id: str) -> None:
        with contextlib.suppress(mc.MediaCommandError):  # already over
            self.media.hang_up(conversation_id)

    def is_blacklisted(self, number: str) -> bool:
        return False

    def ivr_menu(self, hotline_number: str) -> dict[str, Any] | None:
        return TREE

    def is_open(self, hotline_number: str, queue_code: str | None) -> bool:
        return True

    def active_notice_text(self, hotline_number: str) -> str | None:
        return None

    def ticket_status(self, serial: str) -> str | None:
        return None


def _sipp_counts(output: str) -> tuple[int, int]:
    ok = re.findall(r"Successful call\s*\|\s*\d+\s*\|\s*(\d+)", output)
    failed = re.findall(r"Failed call\s*\|\s*\d+\s*\|\s*(\d+)", output)
    return (int(ok[-1]) if ok else -1), (int(failed[-1]) if failed else -1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=int(os.environ.get("CALLPATH_CALLS", "40")))
    parser.add_argument("--rate", type=float, default=0.0, help="new calls per second (default: calls/8)")
    parser.add_argument("--plays", type=int, default=3, help="times the 7 s G.711 pcap is played per call")
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=args.log_level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    n = args.calls
    rate = args.rate or max(2.0, n / 8)
    talk_s = 7.0 * args.plays + 2.5  # hang up once the caller's audio is over and SIPp waits for BYE
    agents = [str(3000 + i) for i in range(n)]
    control = BenchControl(agents, talk_s)
    data_dir = Path(tempfile.mkdtemp(prefix="callpath-bench-"))
    peers: list[PeerProcess] = []
    rows: list[dict[str, Any]] = []
    t0 = time.monotonic()
    handle = start_call_path(
        data_dir=data_dir,
        control=control,
        sip_port=free_udp_port(),
        worker_count=n + 2,
        min_idle=2,
        max_workers=n + 6,
        users={a: f"pw{a}" for a in agents},
    )
    control.media = handle
    callers: SippProcess | None = None
    try:
        startup_s = time.monotonic() - t0
        worker_pids = [w.pid for w in handle.pool.workers()]
        idle_cpu = cpu_percent(worker_pids, 3.0)
        idle_rss = [rss_mb(p) for p in worker_pids]
        for i in range(0, n, AGENTS_PER_PEER):
            peer = PeerProcess(f"bench-agents-{i}", tone_hz=1000, config={"clock_rate": 8000}).start()
            peers.append(peer)
            for agent in agents[i : i + AGENTS_PER_PEER]:
                acc = peer.request(
                    "add_account",
                    config={
                        "sip_uri": f"sip:{agent}@{handle.sip_address}",
                        "registrar_uri": f"sip:{handle.sip_address}",
                        "username": agent,
                        "password": f"pw{agent}",
                    },
                )
                peer.wait_event("RegistrationChanged", timeout=30, account_id=acc, state="registered")
        callers = SippProcess(
            ["-m", str(n), "-l", str(n), "-r", f"{rate:g}", handle.sip_address],
            scenario=caller_scenario(args.plays),
        ).start()
        # the window where every conversation talks: from the N-th answer until the first hang-up is due
        deadline = time.monotonic() + n / rate + 60
        while time.monotonic() < deadline and control.answered < n and callers.poll() is None:
            time.sleep(0.2)
        all_talking = control.talking
        busy_pids = [w.pid for w in handle.pool.workers()]
        kamailio_pids = with_children(handle.kamailio.pid or 0)
        kam_start = sum(cpu_seconds(p) for p in kamailio_pids)
        window = max(2.0, min(9.0, talk_s - n / rate - 3))
        kam_t0 = time.monotonic()
        # the all-talking span cut into 3 windows: p50/p95 over them
        busy_samples = [cpu_percent(busy_pids, window / 3) for _ in range(3)]
        kam_cpu = (
            100.0 * (sum(cpu_seconds(p) for p in kamailio_pids) - kam_start) / (time.monotonic() - kam_t0)
        )
        busy_cpu, busy_cpu_p95 = p50_p95(busy_samples)
        busy_rss = [rss_mb(p) for p in busy_pids]
        callers.wait(timeout=talk_s + n / rate + 120)
        sipp_ok, sipp_failed = _sipp_counts(callers.output)
        time.sleep(2.0)  # the last ConversationEnded / LegQuality events
        with control.lock:
            ended = list(control.ended)
            quality = list(control.quality)
        recorded = [e for e in ended if e.recording is not None and e.recording.duration_s > talk_s - 3]
        lost = sum(q.rx_lost for q in quality)
        received = sum(q.rx_packets for q in quality)
        failed = max(sipp_failed, 0) + (n - len(recorded))
        per_call = (busy_cpu - idle_cpu) / max(1, all_talking)
        per_call_p95 = (busy_cpu_p95 - idle_cpu) / max(1, all_talking)
        rss_p50, rss_p95 = p50_p95(busy_rss)
        rows += [
            row("concurrent conversations (target)", n, "calls"),
            row("conversations talking at once (measured)", all_talking, "calls"),
            row("failed calls", failed, "calls"),
            row("SIPp successful calls", sipp_ok, "calls"),
            row("recorded conversations", len(recorded), "calls"),
            row("RTP packets lost (all worker legs)", lost, "packets"),
            row("RTP packets received (all worker legs)", received, "packets"),
            row("legs with RTP figures (caller + agent)", len(quality), "legs"),
            row(
                "RTP packets received per caller leg p50",
                statistics.median([q.rx_packets for q in quality if q.leg == "caller"] or [0]),
                "packets",
            ),
            row(
                "RTP packets received per agent leg p50",
                statistics.median([q.rx_packets for q in quality if q.leg == "agent"] or [0]),
                "packets",
            ),
            row("workers CPU, idle pool", idle_cpu, "% of one core", baseline=True),
            row("workers CPU, all talking p50", busy_cpu, "% of one core"),
            row("workers CPU, all talking p95", busy_cpu_p95, "% of one core"),
            row("CPU per recorded conversation p50", per_call, "% of one core"),
            row("CPU per recorded conversation p95", per_call_p95, "% of one core"),
            row("Kamailio CPU while all talk", kam_cpu, "% of one core"),
            row("RSS per idle worker p50", statistics.median(idle_rss), "MB", baseline=True),
            row("RSS per worker while talking p50", rss_p50, "MB"),
            row("RSS per worker while talking p95", rss_p95, "MB"),
            row("pool start-up", startup_s, "s"),
            row("worker deaths", control.died, "workers"),
        ]
    finally:
        if callers is not None:
            callers.stop()
        for peer in peers:
            peer.stop()
        handle.stop()
    write_results("callpath_capacity", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
