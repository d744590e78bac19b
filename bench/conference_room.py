"""The server-side conference room: CPU of the media workers per room size, and how long a voice takes
through one, two or three workers of a chained room.

The real call path (Kamailio + media worker pool), pjsua2 processes as caller and agents (silent: a room's
mixing costs the same whatever is said), SIPp as a department on the trunk that echoes what it hears.

1. **CPU per room size**: a caller reaches agent 1001 (room of 2 = a plain call, the baseline), then
   agents 1002…1007 are invited one by one up to the default room size of 8 (chained over three workers:
   caller+agent+1 | 2 | 3). After each join the CPU of every worker in the room is sampled.
2. **Delay**: the caller's softphone switches a 1 kHz tone on into its call and records, from the same
   bridge tick, what it sends and what comes back; the trunk's echo sits (a) alone with the caller after a
   blind transfer — a plain 2-party call, the baseline — (b) in a room on the conversation's own worker,
   (c) on the room's first extension worker, (d) on its second. The figure is the round trip (tone onset
   sent → onset heard back); one way through the server is about half of it.

    .venv/bin/python -m bench.conference_room            # about 2 minutes
    .venv/bin/python -m bench.conference_room --reps 10
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import struct
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from bench._report import p50_p95, row, write_results
from server_stub.media import control as mc
from server_stub.media.runtime import CallPathHandle, start_call_path
from shared.telephony.peer_client import PeerProcess
from tools.sipp import SippProcess, free_udp_port

logger = logging.getLogger("bench.conference_room")

E = TypeVar("E", bound=mc.MediaEvent)
CLK_TCK = os.sysconf("SC_CLK_TCK")
HOTLINE = "12345"
AGENTS = tuple(str(n) for n in range(1001, 1008))
PROBE_HZ = 1000.0
TREE: dict[str, Any] = {
    "prompt": "请按一",
    "timeout_seconds": 2,
    "retries": 1,
    "default": {"action": "queue", "queue": "Q_BENCH"},
    "options": {"1": {"action": "queue", "queue": "Q_BENCH"}},
}


class BenchControl:
    """Offers every queued caller to agent 1001 and keeps the events. Thread-safe."""

    def __init__(self) -> None:
        self.events: list[mc.MediaEvent] = []
        self.cond = threading.Condition()
        self.path: CallPathHandle | None = None

    def handle(self, event: mc.MediaEvent) -> None:
        with self.cond:
            self.events.append(event)
            self.cond.notify_all()
        if isinstance(event, mc.IvrRouted) and self.path is not None:
            self.path.offer_to_agent(event.conversation_id, "1001", {"X-Hotline-Queue": event.queue_code})

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

    def wait_for(self, kind: type[E], where: Callable[[E], bool], timeout: float = 30.0) -> E:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for event in self.events:
                    if isinstance(event, kind) and where(event):
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RuntimeError(f"no {kind.__name__} within {timeout} s")
                self.cond.wait(min(left, 0.5))


class Rig:
    def __init__(
        self, path: CallPathHandle, control: BenchControl, caller: PeerProcess, agents: dict[str, PeerProcess]
    ):
        self.path = path
        self.control = control
        self.caller = caller
        self.agents = agents
        self.caller_acc = str(caller.request("add_account", config={"sip_uri": "sip:13800138000@127.0.0.1"}))

    def call(self) -> tuple[str, str]:
        """The caller reaches agent 1001; returns (caller's call id, conversation id)."""
        seen = {e.conversation_id for e in self.control.events if isinstance(e, mc.InboundCallArrived)}
        call_id = str(
            self.caller.request(
                "dial", uri=f"sip:{HOTLINE}@{self.path.sip_address}", account_id=self.caller_acc
            )
        )
        conv = self.control.wait_for(
            mc.InboundCallArrived, lambda e: e.conversation_id not in seen
        ).conversation_id
        self.caller.wait_event("CallStateChanged", timeout=20, call_id=call_id, state="connected")
        self.caller.request("send_dtmf", call_id=call_id, digits="1")
        self._answer(self.agents["1001"])
        self.control.wait_for(mc.AgentAnswered, lambda e: e.conversation_id == conv)
        return call_id, conv

    @staticmethod
    def _answer(peer: PeerProcess) -> None:
        incoming = peer.wait_event("IncomingCall", timeout=30)
        peer.request("answer", call_id=incoming["call_id"])

    def invite(self, conv: str, work_number: str) -> None:
        party = f"p-{work_number}"
        self.path.conference_add(conv, party, mc.TransferTarget(mc.TransferTargetKind.AGENT, work_number))
        self._answer(self.agents[work_number])
        self.joined(conv, party)

    def joined(self, conv: str, party: str) -> None:
        def match(e: mc.MediaEvent) -> bool:
            return (
                isinstance(e, mc.ConferencePartyJoined | mc.ConferencePartyFailed)
                and e.conversation_id == conv
                and e.party_id == party
            )

        outcome = self.control.wait_for(mc.MediaEvent, match)
        if isinstance(outcome, mc.ConferencePartyFailed):
            raise RuntimeError(f"{party} did not join: {outcome.reason}")

    def room_pids(self, conv: str) -> list[int]:
        return [w.pid for w in self.path.pool.workers() if conv in (w.conversation_id, w.room_of)]

    def hang_up(self, call_id: str, conv: str) -> None:
        self.caller.request("hangup", call_id=call_id)
        self.control.wait_for(mc.ConversationEnded, lambda e: e.conversation_id == conv)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if not any(conv in (w.conversation_id, w.room_of) for w in self.path.pool.workers()):
                return
            time.sleep(0.1)

    def settle(self) -> None:
        """Every worker idle and every softphone without calls (the next measurement starts clean)."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            workers = self.path.pool.workers()
            idle = all(w.ready and w.conversation_id is None and w.room_of is None for w in workers)
            if idle and not any(p.request("calls") for p in (self.caller, *self.agents.values())):
                return
            time.sleep(0.1)


def cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def cpu_percent(pids: list[int], seconds: float) -> float:
    start_cpu, start = sum(cpu_seconds(p) for p in pids), time.monotonic()
    time.sleep(seconds)
    return 100.0 * (sum(cpu_seconds(p) for p in pids) - start_cpu) / (time.monotonic() - start)


def _wav_done(path: Path, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            head = path.read_bytes()[:8]
            if len(head) == 8 and struct.unpack("<I", head[4:8])[0] == path.stat().st_size - 8:
                return
        except OSError:
            pass
        time.sleep(0.05)


def onset_s(path: Path) -> float | None:
    """When the probe tone starts in a recording: the first 1 ms block above a fifth of its steady level."""
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
    block = max(1, rate // 1000)
    blocks = len(pcm) // block
    if blocks < 100:
        return None
    rms = np.sqrt(np.mean(pcm[: blocks * block].reshape(blocks, block) ** 2, axis=1))
    steady = float(np.median(rms[-300:]))
    if steady < 300:  # nothing came back
        return None
    above = np.nonzero(rms > steady / 5)[0]
    return float(above[0]) * block / rate if len(above) else None


def round_trips(caller: PeerProcess, call_id: str, folder: Path, tag: str, reps: int) -> list[float]:
    """Tone on, recorded going out and coming back from the same bridge tick; the onsets' difference."""
    media = caller.request("call_media", call_id=call_id)
    found: list[float] = []
    for i in range(reps):
        sent, back = folder / f"{tag}-{i}-sent.wav", folder / f"{tag}-{i}-back.wav"
        rec_sent, rec_back, tone = caller.request(
            "batch",
            requests=[
                {"op": "create_recorder", "args": {"wav_path": str(sent)}},
                {"op": "create_recorder", "args": {"wav_path": str(back)}},
                {"op": "create_tone", "args": {"freq_hz": PROBE_HZ}},
            ],
        )
        caller.request(
            "batch",
            requests=[
                {"op": "connect", "args": {"src": media, "dst": rec_back}},
                {"op": "connect", "args": {"src": tone, "dst": rec_sent}},
                {"op": "connect", "args": {"src": tone, "dst": media}},
            ],
        )
        time.sleep(1.2)
        caller.request(
            "batch",
            requests=[{"op": "release_media", "args": {"media_id": m}} for m in (tone, rec_sent, rec_back)],
        )
        _wav_done(sent)
        _wav_done(back)
        out, heard = onset_s(sent), onset_s(back)
        if out is not None and heard is not None:
            found.append(heard - out)
        else:
            logger.warning("%s rep %d: the probe did not come back", tag, i)
        time.sleep(0.4)  # the echo dies away before the next probe
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reps", type=int, default=6, help="probes per delay configuration")
    parser.add_argument("--window", type=float, default=4.0, help="seconds of CPU sampling per room size")
    opts = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    rows: list[dict[str, Any]] = []
    trunk = SippProcess(["-sn", "uas", "-rtp_echo"], quiet=True).start()
    peers: list[PeerProcess] = []
    control = BenchControl()
    with tempfile.TemporaryDirectory(prefix="bench-conference-") as tmp:
        folder = Path(tmp)
        try:
            caller = PeerProcess("caller").start()
            peers.append(caller)
            agents = {w: PeerProcess(f"agent{w}").start() for w in AGENTS}
            peers.extend(agents.values())
            path = start_call_path(
                data_dir=folder / "data",
                control=control,
                sip_port=free_udp_port(),
                worker_count=8,  # ready before the delay paths take seven of them at once
                min_idle=1,
                max_workers=9,
                users={w: f"pw-{w}" for w in AGENTS},
                trunk=f"127.0.0.1:{trunk.port}",
            )
            control.path = path
            try:
                for w, peer in agents.items():
                    acc = peer.request(
                        "add_account",
                        config={
                            "sip_uri": f"sip:{w}@{path.sip_address}",
                            "registrar_uri": f"sip:{path.sip_address}",
                            "username": w,
                            "password": f"pw-{w}",
                        },
                    )
                    peer.wait_event("RegistrationChanged", timeout=20, account_id=acc, state="registered")
                rig = Rig(path, control, caller, agents)
                rows += _cpu_sweep(rig, opts.window)
                rows += _delays(rig, folder, opts.reps)
            finally:
                path.stop()
        finally:
            for peer in peers:
                peer.stop()
            trunk.stop()
    write_results("conference_room", rows)
    return 0


def _cpu_sweep(rig: Rig, window: float) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    call_id, conv = rig.call()
    time.sleep(1.0)
    for size in range(2, len(AGENTS) + 2):
        if size > 2:
            rig.invite(conv, AGENTS[size - 2])
            time.sleep(1.0)  # joined and wired
        pids = rig.room_pids(conv)
        samples = [cpu_percent(pids, window / 2) for _ in range(2)]
        cpu = statistics.median(samples)
        rows.append(
            row(
                f"workers CPU, room of {size} ({len(pids)} worker(s))",
                cpu,
                "% of one core",
                baseline=size == 2,
            )
        )
        logger.warning("room of %d on %d worker(s): %.1f %% CPU", size, len(pids), cpu)
    rig.hang_up(call_id, conv)
    rig.settle()
    return rows


def _delays(rig: Rig, folder: Path, reps: int) -> list[dict[str, Any]]:
    """All four paths are set up side by side (one caller softphone, four calls) and probed in turn, so a
    busy moment on the shared machine falls on each of them alike."""
    paths: list[tuple[str, str, str, bool]] = []  # (label, caller's call, conversation, baseline)
    # (a) a plain 2-party call: the caller blind-transferred to the echoing department
    call_id, conv = rig.call()
    rig.path.transfer(conv, mc.TransferTarget(mc.TransferTargetKind.NUMBER, "0871000"))
    rig.control.wait_for(mc.TransferCompleted, lambda e: e.conversation_id == conv)
    paths.append(("plain 2-party call (1 worker)", call_id, conv, True))
    # (b)–(d): the echo as a room party on the conversation's worker, its 1st and its 2nd extension
    for label, fillers in (
        ("room, echo on the conversation's worker", ()),
        ("room, echo on the 1st extension (2 workers)", ("1002",)),
        ("room, echo on the 2nd extension (3 workers)", ("1002", "1003", "1004")),
    ):
        call_id, conv = rig.call()
        for w in fillers:
            rig.invite(conv, w)
        rig.path.conference_add(conv, "echo", mc.TransferTarget(mc.TransferTargetKind.NUMBER, "0871000"))
        rig.joined(conv, "echo")
        paths.append((label, call_id, conv, False))
    time.sleep(1.0)
    found: dict[str, list[float]] = {label: [] for label, *_ in paths}
    for i in range(reps):
        for n, (label, call_id, _, _) in enumerate(paths):
            found[label] += round_trips(rig.caller, call_id, folder, f"path{n}-{i}", 1)
    rows: list[dict[str, Any]] = []
    for label, _, _, baseline in paths:
        rows += _delay_rows(label, found[label], baseline=baseline)
    for _, call_id, conv, _ in paths:
        rig.hang_up(call_id, conv)
    return rows


def _delay_rows(label: str, found: list[float], *, baseline: bool = False) -> list[dict[str, Any]]:
    if not found:
        return [row(f"round trip, {label}: probes lost", 1, "flag")]
    p50, p95 = p50_p95([1000 * f for f in found])
    return [
        row(f"round trip, {label} p50", p50, "ms", baseline=baseline),
        row(f"round trip, {label} p95", p95, "ms", baseline=baseline),
    ]


if __name__ == "__main__":
    sys.exit(main())
