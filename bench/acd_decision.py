"""ACD decision latency: microseconds per ``AcdEngine.handle()`` under a realistic event mix.

    .venv/bin/python -m bench.acd_decision [--seconds 900] [--seed 7]

A closed-loop simulation of a busy desk: six queues (general, housing fund, consumer, complaints, dialect,
English) with different skills and strategies, agents holding one to three skills each. Every agent is
on a call and the queues hold the target number of waiting callers (topped up each simulated second);
agents answer 2 s after an offer (5 % let it ring out and go not-ready "missed", back 10 s later),
talk for an exponential 3 min on average, wrap up, sometimes take a break; callers sometimes hang up
while waiting; a ``Tick`` every simulated second fires ring timeouts, overflows and announcements.
Only ``handle()`` is timed (``perf_counter_ns`` around each call); the driver's own work is not.

The headline is 500 agents with 300 waiting calls; 50 agents with 30 waiting calls, measured in the same
run, is the baseline that shows how latency grows with size. Each figure is the median over ``--runs``
runs with different seeds. Writes ``bench/results/acd_decision.json``.
"""

from __future__ import annotations

import argparse
import heapq
import logging
import random
import statistics
import time
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from bench._report import percentile, row, write_results
from server_stub.acd import (
    AbandonRecorded,
    AcdEngine,
    AgentLoggedIn,
    AgentProfile,
    AgentStateRequested,
    AgentStateSet,
    CallAbandoned,
    CallAnswered,
    CallArrived,
    CallEnded,
    CallQueued,
    CallRequeued,
    Decision,
    Event,
    OfferAccepted,
    OfferCall,
    QueueConfig,
    SendToVoicemail,
    Tick,
)
from shared.protocol.enums import AgentState, CustomerTag, QueueStrategy

logger = logging.getLogger(__name__)

START = datetime(2026, 11, 23, 9, 0)
SKILLS = ("housing", "consumer", "complaints", "dialect", "english")
QUEUE_WEIGHTS = {"general": 40, "housing": 20, "consumer": 20, "complaints": 10, "dialect": 7, "english": 3}


def _queues() -> list[QueueConfig]:
    return [
        QueueConfig("general", "12345 general", strategy=QueueStrategy.LONGEST_IDLE, wrap_up_seconds=20),
        QueueConfig(
            "housing",
            "12329 housing fund",
            strategy=QueueStrategy.FEWEST_CALLS,
            required_skills={"housing": 1},
            max_wait_s=120,
            overflow_queue_id="general",
        ),
        QueueConfig(
            "consumer",
            "12315 consumer",
            strategy=QueueStrategy.LEAST_TALK_TIME,
            required_skills={"consumer": 1},
        ),
        QueueConfig(
            "complaints",
            "Complaints",
            strategy=QueueStrategy.HIGHEST_SKILL,
            required_skills={"complaints": 2},
            max_wait_s=300,
        ),
        QueueConfig(
            "dialect", "Dialect", strategy=QueueStrategy.LOWEST_SKILL, required_skills={"dialect": 1}
        ),
        QueueConfig("english", "English", strategy=QueueStrategy.ROUND_ROBIN, required_skills={"english": 1}),
    ]


class Desk:
    """Drives one engine through simulated time and times every ``handle()``."""

    def __init__(self, n_agents: int, target_waiting: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.engine = AcdEngine(_queues())
        self.target_waiting = target_waiting
        self.n_agents = n_agents
        self.now = START
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.measuring = False
        self.pending: list[tuple[datetime, int, Event]] = []
        self.seq = 0
        self.calls = 0
        self.waiting: dict[str, None] = {}

    def later(self, seconds: float, event_at: Any) -> None:
        self.seq += 1
        at = self.now + timedelta(seconds=seconds)
        heapq.heappush(self.pending, (at, self.seq, event_at(at)))

    def send(self, event: Event) -> None:
        started = time.perf_counter_ns()
        decisions = self.engine.handle(event)
        elapsed_us = (time.perf_counter_ns() - started) / 1000
        if self.measuring:
            self.samples[type(event).__name__].append(elapsed_us)
        self.react(decisions)

    def react(self, decisions: list[Decision]) -> None:
        rng = self.rng
        for d in decisions:
            if isinstance(d, OfferCall):
                self.waiting.pop(d.call_id, None)
                if rng.random() < 0.95:
                    self.later(2, lambda at, d=d: OfferAccepted(at, d.call_id, d.agent_id))
            elif isinstance(d, CallAnswered):
                talk = min(rng.expovariate(1 / 180), 1200)
                self.later(talk, lambda at, d=d: CallEnded(at, d.call_id))
            elif isinstance(d, AgentStateSet):
                if d.state is AgentState.NOT_READY and d.reason == "missed":
                    self.later(10, lambda at, d=d: AgentStateRequested(at, d.agent_id, AgentState.READY))
                elif d.state is AgentState.WRAP_UP and rng.random() < 0.03:
                    self.later(
                        5, lambda at, d=d: AgentStateRequested(at, d.agent_id, AgentState.NOT_READY, "break")
                    )
                    self.later(65, lambda at, d=d: AgentStateRequested(at, d.agent_id, AgentState.READY))
            elif isinstance(d, CallQueued | CallRequeued):
                self.waiting[d.call_id] = None
            elif isinstance(d, SendToVoicemail | AbandonRecorded):
                self.waiting.pop(d.call_id, None)

    def arrive(self) -> None:
        rng = self.rng
        self.calls += 1
        queue_id = rng.choices(list(QUEUE_WEIGHTS), weights=list(QUEUE_WEIGHTS.values()))[0]
        roll = rng.random()
        tags = (
            frozenset({CustomerTag.VIP})
            if roll < 0.05
            else frozenset({CustomerTag.ELDERLY})
            if roll < 0.15
            else frozenset()
        )
        self.send(CallArrived(self.now, f"call-{self.calls}", queue_id, tags))

    def start(self) -> None:
        rng = self.rng
        for n in range(self.n_agents):
            skills = {s: rng.randint(1, 5) for s in rng.sample(SKILLS, rng.randint(1, 3))}
            self.send(AgentLoggedIn(self.now, AgentProfile(f"agent-{n:04d}", skills, team=f"team-{n % 10}")))
        for _ in range(self.n_agents + self.target_waiting):
            self.arrive()

    def run(self, seconds: int, *, measure: bool) -> None:
        self.measuring = measure
        rng = self.rng
        for _ in range(seconds):
            self.now += timedelta(seconds=1)
            while self.pending and self.pending[0][0] <= self.now:
                _, _, event = heapq.heappop(self.pending)
                self.send(event)
            if self.waiting and rng.random() < 0.3:
                gone = rng.choice(list(self.waiting))
                self.send(CallAbandoned(self.now, gone))
            for _ in range(max(0, self.target_waiting - len(self.waiting))):
                self.arrive()
            self.send(Tick(self.now))

    def snapshot_us(self, rounds: int = 50) -> list[float]:
        out = []
        for _ in range(rounds):
            started = time.perf_counter_ns()
            self.engine.all_queue_stats()
            out.append((time.perf_counter_ns() - started) / 1000)
        return out


def _measure(
    n_agents: int, target_waiting: int, seconds: int, seed: int
) -> tuple[Desk, dict[str, list[float]]]:
    desk = Desk(n_agents, target_waiting, seed)
    desk.start()
    desk.run(60, measure=False)  # let the loop settle: everyone busy, queues at their target
    desk.run(seconds, measure=True)
    return desk, desk.samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=900, help="simulated seconds measured per run")
    parser.add_argument("--runs", type=int, default=5, help="runs per size (seeds seed, seed+1, …)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    rows = []
    for n_agents, target, baseline in ((50, 30, True), (500, 300, False)):
        label = f"{n_agents} agents, {target} waiting"
        # each figure is the median over the runs, so one noisy neighbour on the machine does not set it
        figures: dict[str, list[float]] = defaultdict(list)
        units: dict[str, str] = {}
        for run in range(args.runs):
            desk, samples = _measure(n_agents, target, args.seconds, args.seed + run)
            every = [s for values in samples.values() for s in values]
            for name, fraction in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
                figures[f"handle() {name}, all events"].append(percentile(every, fraction))
            for kind in ("CallArrived", "Tick", "CallEnded", "OfferAccepted", "CallAbandoned"):
                if samples.get(kind):
                    figures[f"handle({kind}) p99"].append(percentile(samples[kind], 0.99))
            figures["handle() max"].append(max(every))
            figures["events handled per run"].append(len(every))
            units["events handled per run"] = "events"
            figures["calls waiting at the end"].append(
                sum(len(s.waiting) for s in desk.engine.all_queue_stats())
            )
            units["calls waiting at the end"] = "calls"
            figures["all_queue_stats() p50"].append(percentile(desk.snapshot_us(), 0.5))
        for name, values in figures.items():
            rows.append(
                row(f"{name} ({label})", statistics.median(values), units.get(name, "µs"), baseline=baseline)
            )
    write_results("acd_decision", rows)


if __name__ == "__main__":
    main()
