"""Randomised event sequences against the ACD's promises (hypothesis).

After every ``handle``: no call rings two agents and no agent rings for two calls; no ready agent sits
idle while a call of a queue they serve waits (unless they just missed that very call); waiting calls are
in priority-then-arrival order and offers respect it; a refused event changes nothing. At the end every
call has had exactly one outcome: answered, abandoned, voicemail or after hours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server_stub.acd import (
    AbandonRecorded,
    AcdEngine,
    AcdError,
    AfterHours,
    AgentLoggedIn,
    AgentLoggedOut,
    AgentProfile,
    AgentProfileChanged,
    AgentStateRequested,
    AgentStateSet,
    AgentWrapUpDone,
    AnnouncePosition,
    CallAbandoned,
    CallAnswered,
    CallArrived,
    CallEnded,
    CallHeld,
    CallPhase,
    CallQueued,
    CallRequeued,
    CallResumed,
    CancelOffer,
    Decision,
    Event,
    OfferAccepted,
    OfferCall,
    OfferRejected,
    OfferTimedOut,
    OpeningHours,
    Overflow,
    QueueConfig,
    QueuesConfigured,
    SendToVoicemail,
    StaleOffer,
    StateChangeCause,
    Tick,
    WrapUpExtended,
)
from shared.protocol.enums import AgentState, CustomerTag, QueueStrategy

TERMINAL = (CallAnswered, AbandonRecorded, SendToVoicemail, AfterHours)
AGENTS = ("a1", "a2", "a3", "a4", "a5")

skills_st = st.fixed_dictionaries({"x": st.integers(0, 3)}, optional={"y": st.integers(0, 3)})


@st.composite
def queue_setups(draw: st.DrawFn) -> list[QueueConfig]:
    strategies = st.sampled_from(list(QueueStrategy))
    wrap = st.sampled_from([0, 5, 20])
    announce = st.sampled_from([None, 10, 25])
    ring = st.sampled_from([20, 60])
    office = OpeningHours.weekdays((time(9), time(17)))
    return [
        QueueConfig(
            "q0",
            "X line",
            strategy=draw(strategies),
            required_skills={"x": 1},
            wrap_up_seconds=draw(wrap),
            max_wait_s=draw(st.sampled_from([None, 30, 90])),
            overflow_queue_id=draw(st.sampled_from([None, "q1", "q2"])),
            announce_interval_s=draw(announce),
            offer_timeout_s=draw(ring),
        ),
        QueueConfig(
            "q1",
            "Y line",
            strategy=draw(strategies),
            required_skills={"y": 2},
            wrap_up_seconds=draw(wrap),
            max_wait_s=draw(st.sampled_from([None, 45])),
            overflow_queue_id=draw(st.sampled_from([None, "q2"])),
            announce_interval_s=draw(announce),
            offer_timeout_s=draw(ring),
            priority_boosts={CustomerTag.ELDERLY: 3},
        ),
        QueueConfig(
            "q2",
            "General",
            strategy=draw(strategies),
            required_skills={"x": 0} if draw(st.booleans()) else {},
            wrap_up_seconds=draw(wrap),
            announce_interval_s=draw(announce),
            offer_timeout_s=draw(ring),
            opening_hours=office if draw(st.booleans()) else OpeningHours.always(),
        ),
    ]


agent_ix = st.integers(0, len(AGENTS) - 1)
call_ix = st.integers(0, 30)
arrive_st = st.tuples(
    st.just("arrive"),
    st.integers(0, 2),
    st.frozensets(st.sampled_from(list(CustomerTag)), max_size=2),
    st.integers(0, 2),
)
accept_st = st.tuples(st.just("accept"), agent_ix)
end_st = st.tuples(st.just("end"), call_ix)
# repeated entries weight the mix towards the calls' normal life: arrive, answer, hang up
ops_st = st.one_of(
    arrive_st,
    arrive_st,
    arrive_st,
    accept_st,
    accept_st,
    accept_st,
    accept_st,
    end_st,
    end_st,
    st.tuples(st.just("login"), agent_ix, st.booleans(), skills_st),
    st.tuples(st.just("logout"), agent_ix),
    st.tuples(st.just("ready"), agent_ix),
    st.tuples(st.just("ready"), agent_ix),
    st.tuples(st.just("not_ready"), agent_ix, st.sampled_from(["lunch", "training"])),
    st.tuples(st.just("reject"), agent_ix),
    st.tuples(st.just("timeout"), agent_ix),
    st.tuples(st.just("abandon"), call_ix),
    st.tuples(st.just("hold"), call_ix),
    st.tuples(st.just("resume"), call_ix),
    st.tuples(st.just("wrap_done"), agent_ix),
    st.tuples(st.just("extend"), agent_ix),
    st.tuples(st.just("profile"), agent_ix, skills_st),
    st.tuples(st.just("tick")),
    st.tuples(st.just("reconfigure"), st.lists(st.sampled_from(list(QueueStrategy)), min_size=3, max_size=3)),
)
steps_st = st.lists(
    st.tuples(st.sampled_from([0, 0, 0, 1, 2, 5, 10, 30, 60]), ops_st), min_size=25, max_size=100
)
#: everyone logs in first (with drawn skills, ready or not) so that the sequences route real calls
logins_st = st.lists(
    st.tuples(st.sampled_from([True, True, False]), skills_st), min_size=len(AGENTS), max_size=len(AGENTS)
)
starts = st.sampled_from(
    [datetime(2026, 11, 23, 8, 59, 30), datetime(2026, 11, 23, 16, 59), datetime(2026, 11, 23, 23, 58)]
)


@dataclass
class Checker:
    queues: list[QueueConfig]
    engine: AcdEngine
    now: datetime
    profiles: dict[str, AgentProfile] = field(default_factory=dict)
    arrival_index: dict[str, int] = field(default_factory=dict)
    ringing: dict[str, str] = field(default_factory=dict)
    outcomes: dict[str, list[Decision]] = field(default_factory=dict)
    log: list[Decision] = field(default_factory=list)

    def handle(self, event: Event) -> None:
        before = self.snapshot()
        try:
            decisions = self.engine.handle(event)
        except AcdError:
            assert self.snapshot() == before, f"refused {event} changed the engine"
            return
        if isinstance(event, CallArrived):
            self.arrival_index[event.call_id] = len(self.arrival_index)
        if isinstance(event, QueuesConfigured):
            self.queues = list(event.queues)
        if isinstance(event, AgentLoggedIn | AgentProfileChanged):
            self.profiles[event.agent.agent_id] = event.agent
        self.log.extend(decisions)
        self.follow(decisions)
        self.check_state(decisions)

    def snapshot(self) -> tuple[Any, ...]:
        return (self.engine.agents(), self.engine.calls(), self.engine.all_queue_stats())

    def follow(self, decisions: list[Decision]) -> None:
        ringing = self.ringing
        for d in decisions:
            call_id = getattr(d, "call_id", None)
            if call_id is not None and call_id in self.outcomes and not isinstance(d, StaleOffer):
                raise AssertionError(f"{d} after the call's outcome {self.outcomes[call_id]}")
            if isinstance(d, OfferCall):
                assert d.call_id not in ringing, f"{d.call_id} offered while ringing {ringing[d.call_id]}"
                assert d.agent_id not in ringing.values(), f"{d.agent_id} offered a second call"
                ringing[d.call_id] = d.agent_id
            elif isinstance(d, CancelOffer | CallAnswered):
                assert ringing.pop(d.call_id, None) == d.agent_id
            elif isinstance(d, AgentStateSet) and d.cause in (
                StateChangeCause.OFFER_MISSED,
                StateChangeCause.OFFER_REJECTED,
            ):
                for call_id, agent_id in list(ringing.items()):
                    if agent_id == d.agent_id:
                        del ringing[call_id]
            elif isinstance(d, AbandonRecorded | SendToVoicemail | Overflow):
                assert d.call_id not in ringing, f"{d} while the call rings"
            if isinstance(d, TERMINAL):
                self.outcomes[d.call_id] = [d]

    def check_state(self, decisions: list[Decision]) -> None:
        engine = self.engine
        calls = {c.call_id: c for c in engine.calls()}
        offered = {c.call_id: c.agent_id for c in calls.values() if c.phase is CallPhase.OFFERED}
        assert offered == self.ringing
        agents = {a.agent_id: a for a in engine.agents()}
        for agent in agents.values():
            served = tuple(q.queue_id for q in self.queues if q.is_served_by(self.profiles[agent.agent_id]))
            assert agent.queue_ids == served
            ringing_for = [c for c, a in offered.items() if a == agent.agent_id]
            if agent.state is AgentState.RESERVED:
                assert ringing_for == [agent.call_id]
            else:
                assert ringing_for == []
            if agent.state in (AgentState.TALKING, AgentState.HOLD):
                assert agent.call_id is not None and calls[agent.call_id].phase is CallPhase.CONNECTED
        for config in self.queues:
            stats = engine.queue_stats(config.queue_id)
            waiting = [calls[w.call_id] for w in stats.waiting]
            assert all(c.phase is CallPhase.WAITING and c.queue_id == config.queue_id for c in waiting)
            ranks = [(-c.priority, self.arrival_index[c.call_id]) for c in waiting]
            assert ranks == sorted(ranks), f"queue {config.queue_id} out of priority order"
            ready_here = [
                a for a in agents.values() if a.state is AgentState.READY and config.queue_id in a.queue_ids
            ]
            assert stats.ready_agents == len(ready_here)
            staffed = [
                a
                for a in agents.values()
                if config.queue_id in a.queue_ids
                and a.state not in (AgentState.LOGGED_OUT, AgentState.NOT_READY)
            ]
            assert stats.staffed_agents == len(staffed)
            for agent in ready_here:
                for call in waiting:
                    assert call.last_missed_by == agent.agent_id, (
                        f"{agent.agent_id} idle and ready while {call.call_id} waits in {config.queue_id}"
                    )
        for d in decisions:
            if isinstance(d, OfferCall):
                assert calls[d.call_id].last_missed_by != d.agent_id, f"{d} to the agent who just missed it"
                offered_rank = (-calls[d.call_id].priority, self.arrival_index[d.call_id])
                for w in engine.queue_stats(d.queue_id).waiting:
                    call = calls[w.call_id]
                    if (-call.priority, self.arrival_index[call.call_id]) < offered_rank:
                        assert call.last_missed_by == d.agent_id, f"{d} jumped over {call.call_id}"

    def drain(self) -> None:
        """Hang up whatever is left; every call must then have exactly one outcome."""
        for call in self.engine.calls():
            self.handle(CallEnded(self.now, call.call_id))
        assert self.engine.calls() == ()
        for call_id in self.arrival_index:
            assert len(self.outcomes.get(call_id, [])) == 1, (
                f"{call_id} has outcomes {self.outcomes.get(call_id)}"
            )


def _event(checker: Checker, op: tuple[Any, ...], n_calls: int) -> Event | None:
    now, engine = checker.now, checker.engine
    kind = op[0]
    if kind == "tick":
        return Tick(now)
    if kind == "reconfigure":
        queues = [replace(q, strategy=strategy) for q, strategy in zip(checker.queues, op[1], strict=True)]
        return QueuesConfigured(now, tuple(queues))
    if kind == "reconfigure":
        queues = [replace(q, strategy=strategy) for q, strategy in zip(checker.queues, op[1], strict=True)]
        return QueuesConfigured(now, tuple(queues))
    if kind == "arrive":
        return CallArrived(now, f"c{n_calls}", f"q{op[1]}", op[2], op[3])
    if kind in ("abandon", "end", "hold", "resume"):
        # mostly calls the engine holds; high indexes reach calls long gone (late hang-ups)
        held = [c.call_id for c in engine.calls()]
        known = held if held and op[1] < 25 else list(checker.arrival_index)
        if not known:
            return None
        call_id = known[op[1] % len(known)]
        cls: dict[str, Callable[[datetime, str], Event]] = {
            "abandon": CallAbandoned,
            "end": CallEnded,
            "hold": CallHeld,
            "resume": CallResumed,
        }
        return cls[kind](now, call_id)
    if kind in ("accept", "reject", "timeout"):
        offer_events: dict[str, Callable[[datetime, str, str], Event]] = {
            "accept": OfferAccepted,
            "reject": OfferRejected,
            "timeout": OfferTimedOut,
        }
        cls2 = offer_events[kind]
        ringing = [
            (c.call_id, c.agent_id) for c in engine.calls() if c.agent_id and c.phase is CallPhase.OFFERED
        ]
        if ringing and op[1] < len(AGENTS) - 1:
            call_id, ringing_agent = ringing[op[1] % len(ringing)]
            return cls2(now, call_id, ringing_agent)
        # a late answer or rejection for an offer that is over (or never was)
        return cls2(now, f"c{max(n_calls - 1, 0)}", AGENTS[op[1]])
    agent_id = AGENTS[op[1]]
    if kind == "login":
        return AgentLoggedIn(now, AgentProfile(agent_id, op[3]), ready=op[2])
    if kind == "profile":
        return AgentProfileChanged(now, AgentProfile(agent_id, op[2]))
    if kind == "logout":
        return AgentLoggedOut(now, agent_id)
    if kind == "ready":
        return AgentStateRequested(now, agent_id, AgentState.READY)
    if kind == "not_ready":
        return AgentStateRequested(now, agent_id, AgentState.NOT_READY, op[2])
    if kind == "wrap_done":
        return AgentWrapUpDone(now, agent_id)
    if kind == "extend":
        return WrapUpExtended(now, agent_id, 10)
    raise AssertionError(f"unknown op {op!r}")


Logins = list[tuple[bool, dict[str, int]]]
Steps = list[tuple[int, tuple[Any, ...]]]


def _run(queues: list[QueueConfig], start: datetime, steps: Steps, logins: Logins | None = None) -> Checker:
    checker = Checker(queues, AcdEngine(queues), start)
    for agent_id, (ready, skills) in zip(AGENTS, logins or [], strict=False):
        checker.handle(AgentLoggedIn(start, AgentProfile(agent_id, skills), ready=ready))
    for dt, op in steps:
        checker.now += timedelta(seconds=dt)
        # timers first, so a refused event can be checked against an unchanged engine
        checker.handle(Tick(checker.now))
        event = _event(checker, op, len(checker.arrival_index))
        if event is not None:
            checker.handle(event)
    checker.drain()
    return checker


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(queues=queue_setups(), start=starts, logins=logins_st, steps=steps_st)
def test_given_random_event_sequences_then_acd_keeps_its_promises(
    queues: list[QueueConfig], start: datetime, logins: Logins, steps: Steps
) -> None:
    _run(queues, start, steps, logins)


@settings(max_examples=40, deadline=None, database=None)
@given(queues=queue_setups(), start=starts, logins=logins_st, steps=steps_st)
def test_given_same_random_events_when_replayed_then_same_decisions(
    queues: list[QueueConfig], start: datetime, logins: Logins, steps: Steps
) -> None:
    assert _run(queues, start, steps, logins).log == _run(queues, start, steps, logins).log


def test_given_busy_desk_scenario_then_invariants_hold_over_a_long_run() -> None:
    """A fixed, long, realistic sequence: many agents and calls, so the checks see deep queues."""
    import random

    rng = random.Random(12345)
    queues = [
        QueueConfig("q0", "X", strategy=QueueStrategy.LONGEST_IDLE, required_skills={"x": 1}, max_wait_s=120),
        QueueConfig(
            "q1",
            "Y",
            strategy=QueueStrategy.ROUND_ROBIN,
            required_skills={"y": 2},
            overflow_queue_id="q2",
            max_wait_s=60,
        ),
        QueueConfig("q2", "General", strategy=QueueStrategy.FEWEST_CALLS),
    ]
    steps: list[tuple[int, tuple[Any, ...]]] = []
    for i in range(len(AGENTS)):
        steps.append((0, ("login", i, True, {"x": rng.randint(0, 3), "y": rng.randint(0, 3)})))
    kinds = (
        ["arrive"] * 4 + ["accept"] * 4 + ["end"] * 3 + ["abandon", "timeout", "reject", "not_ready", "ready"]
    )
    for _ in range(1500):
        kind = rng.choice(kinds)
        op: tuple[Any, ...]
        if kind == "arrive":
            tags = frozenset(rng.sample(list(CustomerTag), rng.randint(0, 1)))
            op = ("arrive", rng.randint(0, 2), tags, 0)
        elif kind in ("end", "abandon"):
            op = (kind, rng.randint(0, 10_000))
        elif kind == "not_ready":
            op = (kind, rng.randrange(len(AGENTS)), "lunch")
        else:
            op = (kind, rng.randrange(len(AGENTS)))
        steps.append((rng.choice([0, 1, 2, 5]), op))
    checker = _run(queues, datetime(2026, 11, 23, 10, 0), steps)
    assert sum(isinstance(d, CallQueued) for d in checker.log) > 100
    assert any(isinstance(d, AnnouncePosition) for d in checker.log)
    assert any(isinstance(d, CallRequeued) for d in checker.log)
