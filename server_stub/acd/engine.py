"""The ACD engine: one entry point, ``AcdEngine.handle(event) -> list[Decision]``.

Each ``handle`` runs three steps at the event's time:

1. timers that fell due by ``event.at`` fire in due order (ring timeouts, overflows, announcements,
   wrap-up ends);
2. the event is applied;
3. dispatch: while some queue has a waiting call and a ready agent who serves it (other than the agent
   who just missed that call), the best waiting call over all queues — highest priority, then earliest
   arrival — is offered to the agent the queue's strategy picks.

So after every ``handle`` no ready agent sits idle while a call they could take waits, each call rings at
most one agent and each agent at most one call. Everything is iterated in insertion or sorted order,
never in hash order, so the same events always give the same decisions.
"""

from __future__ import annotations

import heapq
import logging
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import IntEnum
from typing import Any

from shared.protocol.enums import AgentState, CustomerTag

from . import events as ev
from .agent_state import LOGIN, MISSED, REJECTED, STAFFED_STATES, AgentTransition, next_state
from .config import AgentProfile, QueueConfig
from .decisions import (
    AbandonRecorded,
    AfterHours,
    AgentStateSet,
    AnnouncePosition,
    CallAnswered,
    CallQueued,
    CallRequeued,
    CancelOffer,
    Decision,
    NotReadyAfterCall,
    OfferCall,
    OfferCancelReason,
    Overflow,
    SendToVoicemail,
    StaleOffer,
    StateChangeCause,
)
from .errors import (
    AcdError,
    DuplicateCallError,
    InvalidConfigError,
    InvalidEventError,
    UnknownAgentError,
    UnknownCallError,
    UnknownQueueError,
)
from .estimated_wait import AnswerRate, HandleTimeHistory, estimate_wait_s
from .ready_pool import RankKey, ReadyPool, rank_key
from .snapshots import AgentSnapshot, CallPhase, CallSnapshot, QueueStats, WaitingCall

logger = logging.getLogger(__name__)

_T = AgentTransition
_IN_CALL = frozenset({AgentState.TALKING, AgentState.HOLD})
_GUEST_BUSY = frozenset({AgentState.RESERVED, AgentState.TALKING, AgentState.HOLD})


class _TimerKind(IntEnum):
    OFFER = 0
    OVERFLOW = 1
    ANNOUNCE = 2
    WRAP_UP = 3


@dataclass(slots=True, eq=False)
class _Agent:
    profile: AgentProfile
    state_since: datetime
    state: AgentState = AgentState.LOGGED_OUT
    reason: str | None = None
    idle_since: datetime | None = None
    calls_today: int = 0
    talk_s_today: float = 0.0
    call_id: str | None = None
    wrap_up_ends_at: datetime | None = None
    wrap_timer: int = -1
    queue_ids: tuple[str, ...] = ()
    #: not-ready reason to apply when the current call's wrap-up ends (for a guest: also when the invite
    #: fails, so a guest invited from not-ready returns to their reason)
    not_ready_after_call: str | None = None
    #: the conversation this agent is a guest in (invited outside queue routing; not one of ``_calls``)
    guest_call: str | None = None
    guest_since: datetime | None = None
    guest_from_ready: bool = False


@dataclass(slots=True, eq=False)
class _Call:
    call_id: str
    queue_id: str
    caller_tags: frozenset[CustomerTag]
    base_priority: int
    seq: int
    arrived_at: datetime
    entered_queue_at: datetime
    priority: int = 0
    phase: CallPhase = CallPhase.WAITING
    agent_id: str | None = None
    connected_at: datetime | None = None
    last_missed_by: str | None = None
    overflow_due: bool = False
    offer_timer: int = -1
    overflow_timer: int = -1
    announce_timer: int = -1

    @property
    def order(self) -> tuple[int, int, str]:
        return (-self.priority, self.seq, self.call_id)


@dataclass(slots=True, eq=False)
class _Queue:
    config: QueueConfig
    pool: ReadyPool
    handle_times: HandleTimeHistory
    answer_rate: AnswerRate
    #: waiting (not ringing) calls as ``_Call.order`` tuples, best first
    waiting: list[tuple[int, int, str]] = field(default_factory=list)
    staffed: int = 0
    answered: int = 0
    answered_within_threshold: int = 0
    abandoned: int = 0
    overflowed: int = 0
    voicemail: int = 0
    after_hours: int = 0

    def reset_day(self) -> None:
        self.answered = self.answered_within_threshold = self.abandoned = 0
        self.overflowed = self.voicemail = self.after_hours = 0


def _seconds(delta: timedelta) -> float:
    return delta.total_seconds()


def _validated(queues: Iterable[QueueConfig]) -> dict[str, QueueConfig]:
    """Queue configs by id, checked as a set: unique ids, overflow targets that exist and never loop."""
    configs: dict[str, QueueConfig] = {}
    for config in queues:
        if not isinstance(config, QueueConfig):
            raise InvalidConfigError(f"Expected a QueueConfig, got {config!r}.")
        if config.queue_id in configs:
            raise InvalidConfigError(f"Queue id {config.queue_id!r} is used twice.", queue_id=config.queue_id)
        configs[config.queue_id] = config
    for queue_id in configs:
        seen = [queue_id]
        target = configs[queue_id].overflow_queue_id
        while target is not None:
            if target not in configs:
                raise InvalidConfigError(
                    f"Queue {seen[-1]!r} overflows to {target!r}, which is not a configured queue.",
                    queue_id=seen[-1],
                    overflow_queue_id=target,
                )
            if target in seen:
                loop = " → ".join([*seen, target])
                raise InvalidConfigError(
                    f"Overflow queues form a loop ({loop}); end the chain in voicemail (None).",
                    queue_id=queue_id,
                )
            seen.append(target)
            target = configs[target].overflow_queue_id
    return configs


class AcdEngine:
    """Automatic call distribution over a fixed set of queues.

    Threading: not thread-safe and does no I/O. The server owns one engine, feeds it events from one
    task (or under one lock) in the order they happened, and carries out the decisions it returns. The
    snapshot queries are read-only and reflect the last handled event.

    Errors: an event that cannot be applied raises an ``AcdError`` subclass and changes nothing. Timers
    that fell due up to that event's time have fired nonetheless; their decisions come back from the next
    ``handle`` call (the server's next ``Tick``), so no decision is ever lost.
    """

    def __init__(self, queues: Iterable[QueueConfig], *, handle_time_window: int = 20) -> None:
        self._handle_time_window = handle_time_window
        self._queues: dict[str, _Queue] = {
            queue_id: self._new_queue(config) for queue_id, config in _validated(queues).items()
        }
        self._queue_list = list(self._queues.values())
        self._agents: dict[str, _Agent] = {}
        self._calls: dict[str, _Call] = {}
        self._timers: list[tuple[datetime, int, _TimerKind, str]] = []
        self._seq = 0
        self._now: datetime | None = None
        self._today: date | None = None
        self._out: list[Decision] = []
        self._carry: list[Decision] = []
        self._dirty = False
        self._handlers: dict[type, Callable[[Any], None]] = {
            ev.Tick: self._on_tick,
            ev.AgentLoggedIn: self._on_logged_in,
            ev.AgentLoggedOut: self._on_logged_out,
            ev.AgentStateRequested: self._on_state_requested,
            ev.AgentWrapUpDone: self._on_wrap_up_done,
            ev.WrapUpExtended: self._on_wrap_up_extended,
            ev.AgentProfileChanged: self._on_profile_changed,
            ev.QueuesConfigured: self._on_queues_configured,
            ev.CallArrived: self._on_call_arrived,
            ev.OfferAccepted: self._on_offer_accepted,
            ev.OfferRejected: self._on_offer_rejected,
            ev.OfferTimedOut: self._on_offer_timed_out,
            ev.CallHeld: self._on_call_held,
            ev.CallResumed: self._on_call_resumed,
            ev.CallAbandoned: self._on_call_gone,
            ev.CallEnded: self._on_call_gone,
            ev.GuestInvited: self._on_guest_invited,
            ev.GuestJoined: self._on_guest_joined,
            ev.GuestFailed: self._on_guest_failed,
            ev.GuestLeft: self._on_guest_left,
        }

    def _new_queue(self, config: QueueConfig) -> _Queue:
        return _Queue(
            config=config,
            pool=ReadyPool(config.strategy),
            handle_times=HandleTimeHistory(config.default_handle_time_s, self._handle_time_window),
            answer_rate=AnswerRate(),
        )

    # ------------------------------------------------------------------ entry point

    def handle(self, event: ev.Event) -> list[Decision]:
        """Apply ``event`` at ``event.at`` and return what the server must do, in order."""
        handler = self._handlers.get(type(event))
        if handler is None:
            raise InvalidEventError(
                f"{type(event).__name__} is not an ACD event.", event=type(event).__name__
            )
        self._advance(event.at)
        self._out = self._carry
        self._carry = []
        self._fire_timers()
        try:
            handler(event)
        except AcdError:
            self._dispatch()
            self._carry = self._out
            self._out = []
            raise
        self._dispatch()
        out, self._out = self._out, []
        return out

    @property
    def now(self) -> datetime | None:
        """The time of the last handled event (``None`` before the first)."""
        return self._now

    def _advance(self, at: datetime) -> None:
        if not isinstance(at, datetime):
            raise InvalidEventError(f"Event time must be a datetime, got {at!r}.")
        now = self._now
        if now is None:
            self._now = at
            self._today = at.date()
            for queue in self._queue_list:
                queue.answer_rate.observing_since = at
            return
        if (at.tzinfo is None) != (now.tzinfo is None):
            raise InvalidEventError(
                "Event times mix naive and timezone-aware datetimes; send local times of one kind.",
                at=at.isoformat(),
            )
        if at < now:
            # events from several workers can cross on their way in; time never runs backwards here
            logger.warning("event at %s is earlier than %s; handling it as of %s", at, now, now)
            return
        self._now = at
        if at.date() != self._today:
            self._today = at.date()
            self._start_new_day()

    def _start_new_day(self) -> None:
        for agent in self._agents.values():
            agent.calls_today = 0
            agent.talk_s_today = 0.0
        for queue in self._queue_list:
            queue.reset_day()
            queue.pool.clear()
        for agent in self._agents.values():
            if agent.state is AgentState.READY:
                self._add_to_pools(agent)

    @property
    def _clock(self) -> datetime:
        assert self._now is not None
        return self._now

    # ------------------------------------------------------------------ timers

    def _schedule(self, due: datetime, kind: _TimerKind, target: str) -> int:
        self._seq += 1
        heapq.heappush(self._timers, (due, self._seq, kind, target))
        return self._seq

    def _fire_timers(self) -> None:
        now = self._clock
        timers = self._timers
        while timers and timers[0][0] <= now:
            due, seq, kind, target = heapq.heappop(timers)
            if kind is _TimerKind.WRAP_UP:
                agent = self._agents.get(target)
                if agent is not None and agent.wrap_timer == seq and agent.state is AgentState.WRAP_UP:
                    self._end_wrap_up(agent, StateChangeCause.WRAP_UP_TIMER)
                continue
            call = self._calls.get(target)
            if call is None:
                continue
            if kind is _TimerKind.OFFER:
                if call.offer_timer == seq and call.phase is CallPhase.OFFERED and call.agent_id is not None:
                    agent = self._agents[call.agent_id]
                    self._emit(CancelOffer(call.call_id, agent.profile.agent_id, OfferCancelReason.TIMED_OUT))
                    self._take_back(call, agent, _T.MISS, StateChangeCause.OFFER_MISSED, MISSED)
            elif kind is _TimerKind.OVERFLOW:
                if call.overflow_timer == seq:
                    if call.phase is CallPhase.WAITING:
                        self._overflow(call)
                    elif call.phase is CallPhase.OFFERED:
                        # never snatch a ringing call; decide when the offer fails
                        call.overflow_due = True
            elif kind is _TimerKind.ANNOUNCE and call.announce_timer == seq:
                interval = self._queues[call.queue_id].config.announce_interval_s
                if interval is None:
                    continue
                step = timedelta(seconds=interval)
                next_due = due + step
                while next_due <= now:
                    # after a long gap between events say it once, not once per missed interval
                    next_due += step
                call.announce_timer = self._schedule(next_due, _TimerKind.ANNOUNCE, call.call_id)
                if call.phase is CallPhase.WAITING:
                    position = self._position(call)
                    self._emit(
                        AnnouncePosition(
                            call.call_id, call.queue_id, position, self._ewt(call.queue_id, position)
                        )
                    )

    # ------------------------------------------------------------------ agent bookkeeping

    def _emit(self, decision: Decision) -> None:
        self._out.append(decision)

    def _require_agent(self, agent_id: str) -> _Agent:
        agent = self._agents.get(agent_id)
        if agent is None:
            raise UnknownAgentError(
                f"Agent {agent_id!r} has never logged in to the ACD; log them in first.", agent_id=agent_id
            )
        return agent

    def _rank_key(self, agent: _Agent, queue: _Queue) -> RankKey:
        skill = queue.config.ranking_skill
        assert agent.idle_since is not None
        return rank_key(
            queue.config.strategy,
            idle_since=agent.idle_since,
            calls_today=agent.calls_today,
            talk_s_today=agent.talk_s_today,
            skill_level=agent.profile.skills.get(skill, 0) if skill is not None else 0,
        )

    def _add_to_pools(self, agent: _Agent) -> None:
        for queue_id in agent.queue_ids:
            queue = self._queues[queue_id]
            queue.pool.add(agent.profile.agent_id, self._rank_key(agent, queue))
        self._dirty = True

    def _remove_from_pools(self, agent: _Agent) -> None:
        for queue_id in agent.queue_ids:
            self._queues[queue_id].pool.remove(agent.profile.agent_id)

    def _queues_served_by(self, profile: AgentProfile) -> tuple[str, ...]:
        return tuple(q.config.queue_id for q in self._queue_list if q.config.is_served_by(profile))

    def _set_state(
        self,
        agent: _Agent,
        transition: AgentTransition,
        cause: StateChangeCause,
        reason: str | None = None,
        *,
        keep_idle_since: bool = False,
    ) -> None:
        """The one place agent states change: keeps pools and staffing counts in step, emits the change."""
        old = agent.state
        new = next_state(old, transition)
        if old is AgentState.READY:
            self._remove_from_pools(agent)
        agent.state = new
        agent.reason = reason if new is AgentState.NOT_READY else None
        agent.state_since = self._clock
        if new is not AgentState.WRAP_UP:
            agent.wrap_up_ends_at = None
            agent.wrap_timer = -1
        if new is AgentState.READY:
            if not keep_idle_since or agent.idle_since is None:
                agent.idle_since = self._clock
            self._add_to_pools(agent)
        was_staffed, is_staffed = old in STAFFED_STATES, new in STAFFED_STATES
        if was_staffed != is_staffed:
            for queue_id in agent.queue_ids:
                self._queues[queue_id].staffed += 1 if is_staffed else -1
        self._emit(AgentStateSet(agent.profile.agent_id, new, old, cause, agent.reason))

    def _change_stats(self, agent: _Agent, *, calls: int = 0, talk_s: float = 0.0) -> None:
        """Stats are part of the ranking key, so a ready agent is re-indexed around the change."""
        ready = agent.state is AgentState.READY
        if ready:
            self._remove_from_pools(agent)
        agent.calls_today += calls
        agent.talk_s_today += talk_s
        if ready:
            self._add_to_pools(agent)

    # ------------------------------------------------------------------ call bookkeeping

    def _position(self, call: _Call) -> int:
        return bisect_left(self._queues[call.queue_id].waiting, call.order) + 1

    def _ewt(self, queue_id: str, position: int) -> int | None:
        queue = self._queues[queue_id]
        now = self._now
        rate = queue.answer_rate.per_second(now) if now is not None else None
        return estimate_wait_s(position, queue.handle_times.average_s, queue.staffed, rate)

    def _enqueue(self, call: _Call, queue: _Queue) -> None:
        config = queue.config
        now = self._clock
        call.queue_id = config.queue_id
        call.priority = config.priority_for(call.caller_tags, call.base_priority)
        call.entered_queue_at = now
        call.phase = CallPhase.WAITING
        call.agent_id = None
        call.overflow_due = False
        call.offer_timer = -1
        insort(queue.waiting, call.order)
        call.overflow_timer = (
            self._schedule(now + timedelta(seconds=config.max_wait_s), _TimerKind.OVERFLOW, call.call_id)
            if config.max_wait_s is not None
            else -1
        )
        call.announce_timer = (
            self._schedule(
                now + timedelta(seconds=config.announce_interval_s), _TimerKind.ANNOUNCE, call.call_id
            )
            if config.announce_interval_s is not None
            else -1
        )
        position = self._position(call)
        self._emit(CallQueued(call.call_id, config.queue_id, position, self._ewt(config.queue_id, position)))
        self._dirty = True

    def _remove_waiting(self, call: _Call) -> None:
        waiting = self._queues[call.queue_id].waiting
        del waiting[bisect_left(waiting, call.order)]

    def _forget(self, call: _Call) -> None:
        # pending timers find no call and are dropped when they fall due
        del self._calls[call.call_id]

    def _offer(self, call: _Call, agent: _Agent) -> None:
        queue = self._queues[call.queue_id]
        self._remove_waiting(call)
        call.phase = CallPhase.OFFERED
        call.agent_id = agent.profile.agent_id
        call.offer_timer = self._schedule(
            self._clock + timedelta(seconds=queue.config.offer_timeout_s), _TimerKind.OFFER, call.call_id
        )
        queue.pool.last_offered = agent.profile.agent_id
        agent.call_id = call.call_id
        self._emit(
            OfferCall(call.call_id, agent.profile.agent_id, call.queue_id, queue.config.offer_timeout_s)
        )
        self._set_state(agent, _T.OFFER, StateChangeCause.OFFER)

    def _take_back(
        self,
        call: _Call,
        agent: _Agent,
        transition: AgentTransition,
        cause: StateChangeCause,
        reason: str | None,
        *,
        missed: bool = True,
    ) -> None:
        """End a ringing offer without an answer: the agent moves on, the call returns to its place."""
        agent.call_id = None
        self._set_state(agent, transition, cause, reason, keep_idle_since=True)
        call.phase = CallPhase.WAITING
        call.agent_id = None
        call.offer_timer = -1
        if missed:
            call.last_missed_by = agent.profile.agent_id
        # the call keeps its priority and arrival number, so it is back at the head of its priority
        insort(self._queues[call.queue_id].waiting, call.order)
        if call.overflow_due:
            self._overflow(call)
            return
        self._emit(CallRequeued(call.call_id, call.queue_id, self._position(call)))
        self._dirty = True

    def _overflow(self, call: _Call) -> None:
        queue = self._queues[call.queue_id]
        self._remove_waiting(call)
        now = self._clock
        waited = _seconds(now - call.entered_queue_at)
        target_id = queue.config.overflow_queue_id
        target = self._queues[target_id] if target_id is not None else None
        if target is None or not target.config.opening_hours.is_open(now):
            queue.voicemail += 1
            self._emit(SendToVoicemail(call.call_id, queue.config.queue_id, waited))
            self._forget(call)
            return
        queue.overflowed += 1
        self._emit(Overflow(call.call_id, queue.config.queue_id, target.config.queue_id, waited))
        self._enqueue(call, target)

    def _record_abandon(self, call: _Call) -> None:
        queue = self._queues[call.queue_id]
        queue.abandoned += 1
        self._emit(
            AbandonRecorded(
                call.call_id, call.queue_id, _seconds(self._clock - call.arrived_at), call.caller_tags
            )
        )
        self._forget(call)

    # ------------------------------------------------------------------ dispatch

    def _dispatch(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        calls = self._calls
        while True:
            best: tuple[tuple[int, int, str], str] | None = None
            for queue in self._queue_list:
                if not queue.pool or not queue.waiting:
                    continue
                for order in queue.waiting:
                    if best is not None and order >= best[0]:
                        break
                    agent_id = queue.pool.best(exclude=calls[order[2]].last_missed_by)
                    if agent_id is not None:
                        best = (order, agent_id)
                        break
            if best is None:
                return
            order, agent_id = best
            self._offer(calls[order[2]], self._agents[agent_id])

    # ------------------------------------------------------------------ event handlers

    def _on_tick(self, event: ev.Tick) -> None:
        pass

    def _on_logged_in(self, event: ev.AgentLoggedIn) -> None:
        profile = event.agent
        if not isinstance(profile, AgentProfile):
            raise InvalidEventError("AgentLoggedIn needs an AgentProfile.", agent=repr(profile))
        transition = _T.LOG_IN_READY if event.ready else _T.LOG_IN_NOT_READY
        agent = self._agents.get(profile.agent_id)
        if agent is not None:
            next_state(agent.state, transition)
        else:
            agent = _Agent(profile=profile, state_since=self._clock)
            self._agents[profile.agent_id] = agent
        agent.profile = profile
        agent.queue_ids = self._queues_served_by(profile)
        reason = None if event.ready else (event.reason or LOGIN)
        self._set_state(agent, transition, StateChangeCause.LOGIN, reason)

    def _on_logged_out(self, event: ev.AgentLoggedOut) -> None:
        agent = self._require_agent(event.agent_id)
        next_state(agent.state, _T.LOG_OUT)
        self._log_out(agent)

    def _log_out(self, agent: _Agent) -> None:
        if agent.state is AgentState.RESERVED and agent.call_id is not None:
            call = self._calls[agent.call_id]
            self._emit(CancelOffer(call.call_id, agent.profile.agent_id, OfferCancelReason.AGENT_LOGGED_OUT))
            self._take_back(call, agent, _T.LOG_OUT, StateChangeCause.LOGOUT, None, missed=False)
            return
        # a conversation in progress carries on without the ACD routing to this agent
        agent.call_id = None
        agent.not_ready_after_call = None
        agent.guest_call = agent.guest_since = None
        self._set_state(agent, _T.LOG_OUT, StateChangeCause.LOGOUT)

    def _on_state_requested(self, event: ev.AgentStateRequested) -> None:
        agent = self._require_agent(event.agent_id)
        try:
            target = AgentState(event.state)
        except ValueError:
            raise InvalidEventError(
                f"{event.state!r} is not an agent state.", agent_id=event.agent_id, state=str(event.state)
            ) from None
        if target is AgentState.LOGGED_OUT:
            next_state(agent.state, _T.LOG_OUT)
            self._log_out(agent)
        elif agent.guest_call is not None and agent.state in _GUEST_BUSY:
            # a guest is not cut off either: the wish applies when the guest's part is over
            wish = None if target is AgentState.READY else (event.reason or "not_ready")
            if target not in (AgentState.READY, AgentState.NOT_READY):
                raise InvalidEventError(
                    f"Agent {event.agent_id!r} cannot be put in {target.value} directly.",
                    agent_id=event.agent_id,
                    state=target.value,
                )
            if agent.not_ready_after_call != wish:
                agent.not_ready_after_call = wish
                self._emit(NotReadyAfterCall(agent.profile.agent_id, wish))
        elif target is AgentState.READY:
            if agent.state is AgentState.READY:
                return
            if agent.state in _IN_CALL and agent.not_ready_after_call is not None:
                agent.not_ready_after_call = None
                self._emit(NotReadyAfterCall(agent.profile.agent_id, None))
                return
            agent.not_ready_after_call = None
            self._set_state(agent, _T.GO_READY, StateChangeCause.REQUEST)
        elif target is AgentState.NOT_READY:
            reason = event.reason or "not_ready"
            if agent.state is AgentState.NOT_READY and agent.reason == reason:
                return
            if agent.state in _IN_CALL:
                # nobody is cut off mid-call: the agent goes not-ready when this call's wrap-up ends
                agent.not_ready_after_call = reason
                self._emit(NotReadyAfterCall(agent.profile.agent_id, reason))
                return
            if agent.state is AgentState.RESERVED and agent.call_id is not None:
                call = self._calls[agent.call_id]
                self._emit(
                    CancelOffer(call.call_id, agent.profile.agent_id, OfferCancelReason.AGENT_NOT_READY)
                )
                self._take_back(call, agent, _T.REJECT, StateChangeCause.REQUEST, reason)
                return
            agent.not_ready_after_call = None
            self._set_state(agent, _T.GO_NOT_READY, StateChangeCause.REQUEST, reason)
        else:
            raise InvalidEventError(
                f"Agent {event.agent_id!r} cannot be put in {target.value} directly; that state follows "
                "from the call (offer, answer, hold, hang-up). Request ready, not_ready or logged_out.",
                agent_id=event.agent_id,
                state=target.value,
            )

    def _on_wrap_up_done(self, event: ev.AgentWrapUpDone) -> None:
        agent = self._require_agent(event.agent_id)
        if agent.state is AgentState.READY:
            # the timer got there first
            return
        self._end_wrap_up(agent, StateChangeCause.WRAP_UP_DONE)

    def _end_wrap_up(self, agent: _Agent, cause: StateChangeCause) -> None:
        reason = agent.not_ready_after_call
        # refuse (e.g. "wrap-up done" while still talking) before the pending not-ready is consumed
        next_state(agent.state, _T.END_WRAP_UP if reason is None else _T.GO_NOT_READY)
        agent.not_ready_after_call = None
        if reason is None:
            self._set_state(agent, _T.END_WRAP_UP, cause)
        else:
            self._set_state(agent, _T.GO_NOT_READY, cause, reason)

    def _on_wrap_up_extended(self, event: ev.WrapUpExtended) -> None:
        agent = self._require_agent(event.agent_id)
        if agent.state is not AgentState.WRAP_UP or agent.wrap_up_ends_at is None:
            raise InvalidEventError(
                f"Agent {event.agent_id!r} is {agent.state.value}, not in wrap-up; nothing to extend.",
                agent_id=event.agent_id,
            )
        if not event.extra_s > 0:
            raise InvalidEventError(
                f"A wrap-up extension must be more than 0 seconds (got {event.extra_s!r}).",
                agent_id=event.agent_id,
            )
        agent.wrap_up_ends_at += timedelta(seconds=event.extra_s)
        agent.wrap_timer = self._schedule(agent.wrap_up_ends_at, _TimerKind.WRAP_UP, agent.profile.agent_id)

    def _on_profile_changed(self, event: ev.AgentProfileChanged) -> None:
        profile = event.agent
        agent = self._require_agent(profile.agent_id)
        ready = agent.state is AgentState.READY
        staffed = agent.state in STAFFED_STATES
        if ready:
            self._remove_from_pools(agent)
        if staffed:
            for queue_id in agent.queue_ids:
                self._queues[queue_id].staffed -= 1
        agent.profile = profile
        agent.queue_ids = self._queues_served_by(profile)
        if staffed:
            for queue_id in agent.queue_ids:
                self._queues[queue_id].staffed += 1
        if ready:
            self._add_to_pools(agent)

    def _on_queues_configured(self, event: ev.QueuesConfigured) -> None:
        configs = _validated(event.queues)
        holding = sorted({c.queue_id for c in self._calls.values() if c.queue_id not in configs})
        if holding:
            raise InvalidConfigError(
                f"Queue(s) {', '.join(holding)} still hold calls and cannot be removed yet; close them "
                "(opening hours) and remove them once their calls are over.",
                queue_ids=holding,
            )
        queues: dict[str, _Queue] = {}
        for queue_id, config in configs.items():
            queue = self._queues.get(queue_id)
            if queue is None:
                queue = self._new_queue(config)
                queue.answer_rate.observing_since = self._clock
            else:
                last_offered = queue.pool.last_offered
                queue.config = config
                queue.pool = ReadyPool(config.strategy)
                queue.pool.last_offered = last_offered
                queue.handle_times.default_s = config.default_handle_time_s
            queues[queue_id] = queue
        self._queues = queues
        self._queue_list = list(queues.values())
        # new priority boosts apply to calls already queued; running timers keep the old settings
        for call in self._calls.values():
            call.priority = configs[call.queue_id].priority_for(call.caller_tags, call.base_priority)
        for queue in self._queue_list:
            queue.waiting = sorted(self._calls[order[2]].order for order in queue.waiting)
            queue.staffed = 0
        for agent in self._agents.values():
            agent.queue_ids = self._queues_served_by(agent.profile)
            if agent.state in STAFFED_STATES:
                for queue_id in agent.queue_ids:
                    self._queues[queue_id].staffed += 1
            if agent.state is AgentState.READY:
                self._add_to_pools(agent)
        self._dirty = True

    def _on_call_arrived(self, event: ev.CallArrived) -> None:
        queue = self._queues.get(event.queue_id)
        if queue is None:
            known = ", ".join(self._queues) or "none"
            raise UnknownQueueError(
                f"Call {event.call_id!r} is for queue {event.queue_id!r}, which is not configured "
                f"(configured: {known}).",
                call_id=event.call_id,
                queue_id=event.queue_id,
            )
        if not event.call_id:
            raise InvalidEventError("A call needs a non-empty id.", queue_id=event.queue_id)
        if event.call_id in self._calls:
            raise DuplicateCallError(
                f"Call {event.call_id!r} is already with the ACD "
                f"(queue {self._calls[event.call_id].queue_id!r}).",
                call_id=event.call_id,
            )
        try:
            tags = frozenset(CustomerTag(tag) for tag in event.caller_tags)
        except ValueError as error:
            raise InvalidEventError(f"Call {event.call_id!r}: {error}.", call_id=event.call_id) from None
        if not isinstance(event.priority, int):
            raise InvalidEventError(
                f"Call {event.call_id!r}: priority must be a whole number (got {event.priority!r}).",
                call_id=event.call_id,
            )
        now = self._clock
        if not queue.config.opening_hours.is_open(now):
            queue.after_hours += 1
            self._emit(AfterHours(event.call_id, event.queue_id))
            return
        self._seq += 1
        call = _Call(
            call_id=event.call_id,
            queue_id=event.queue_id,
            caller_tags=tags,
            base_priority=event.priority,
            seq=self._seq,
            arrived_at=now,
            entered_queue_at=now,
        )
        self._calls[call.call_id] = call
        self._enqueue(call, queue)

    def _offered_call(self, call_id: str, agent_id: str) -> tuple[_Call, _Agent] | None:
        agent = self._require_agent(agent_id)
        call = self._calls.get(call_id)
        if call is None or call.phase is not CallPhase.OFFERED or call.agent_id != agent_id:
            return None
        return call, agent

    def _on_offer_accepted(self, event: ev.OfferAccepted) -> None:
        found = self._offered_call(event.call_id, event.agent_id)
        if found is None:
            logger.info(
                "answer from %s for call %s, which is no longer offered to them",
                event.agent_id,
                event.call_id,
            )
            self._emit(StaleOffer(event.call_id, event.agent_id))
            return
        call, agent = found
        queue = self._queues[call.queue_id]
        now = self._clock
        call.phase = CallPhase.CONNECTED
        call.connected_at = now
        call.offer_timer = call.overflow_timer = call.announce_timer = -1
        queue.answered += 1
        queue.answer_rate.record(now)
        if _seconds(now - call.entered_queue_at) <= queue.config.service_level_threshold_s:
            queue.answered_within_threshold += 1
        self._set_state(agent, _T.ANSWER, StateChangeCause.ANSWER)
        self._change_stats(agent, calls=1)
        self._emit(
            CallAnswered(call.call_id, agent.profile.agent_id, call.queue_id, _seconds(now - call.arrived_at))
        )

    def _on_offer_rejected(self, event: ev.OfferRejected) -> None:
        found = self._offered_call(event.call_id, event.agent_id)
        if found is None:
            logger.info(
                "rejection from %s for call %s, which is no longer offered to them",
                event.agent_id,
                event.call_id,
            )
            return
        call, agent = found
        self._take_back(call, agent, _T.REJECT, StateChangeCause.OFFER_REJECTED, REJECTED)

    def _on_offer_timed_out(self, event: ev.OfferTimedOut) -> None:
        found = self._offered_call(event.call_id, event.agent_id)
        if found is None:
            logger.info(
                "ring timeout from %s for call %s, which is no longer offered to them",
                event.agent_id,
                event.call_id,
            )
            return
        call, agent = found
        self._take_back(call, agent, _T.MISS, StateChangeCause.OFFER_MISSED, MISSED)

    def _connected_agent(self, call_id: str) -> _Agent:
        call = self._calls.get(call_id)
        if call is None:
            raise UnknownCallError(f"Call {call_id!r} is not with the ACD.", call_id=call_id)
        agent = self._agents.get(call.agent_id) if call.agent_id is not None else None
        if call.phase is not CallPhase.CONNECTED or agent is None or agent.call_id != call_id:
            raise InvalidEventError(
                f"Call {call_id!r} is {call.phase.value} and has no agent on it; "
                "only a connected call can be held or resumed.",
                call_id=call_id,
            )
        return agent

    def _on_call_held(self, event: ev.CallHeld) -> None:
        self._set_state(self._connected_agent(event.call_id), _T.HOLD, StateChangeCause.HOLD)

    def _on_call_resumed(self, event: ev.CallResumed) -> None:
        self._set_state(self._connected_agent(event.call_id), _T.RESUME, StateChangeCause.RESUME)

    def _on_call_gone(self, event: ev.CallAbandoned | ev.CallEnded) -> None:
        call = self._calls.get(event.call_id)
        if call is None:
            # already sent to voicemail, after hours or ended: the hang-up crossed our decision
            logger.debug("%s for call %s, which the ACD no longer holds", type(event).__name__, event.call_id)
            return
        if call.phase is CallPhase.WAITING:
            self._remove_waiting(call)
            self._record_abandon(call)
        elif call.phase is CallPhase.OFFERED:
            assert call.agent_id is not None
            agent = self._agents[call.agent_id]
            self._emit(CancelOffer(call.call_id, agent.profile.agent_id, OfferCancelReason.CALLER_HUNG_UP))
            agent.call_id = None
            self._set_state(agent, _T.CANCEL_OFFER, StateChangeCause.OFFER_CANCELLED, keep_idle_since=True)
            self._record_abandon(call)
        else:
            self._end_conversation(call)

    def _end_conversation(self, call: _Call) -> None:
        queue = self._queues[call.queue_id]
        now = self._clock
        assert call.connected_at is not None
        talk_s = _seconds(now - call.connected_at)
        wrap_up_s = queue.config.wrap_up_seconds
        queue.handle_times.record(talk_s + wrap_up_s)
        self._forget(call)
        agent = self._agents.get(call.agent_id) if call.agent_id is not None else None
        if agent is None:
            return
        self._change_stats(agent, talk_s=talk_s)
        if agent.call_id != call.call_id:
            return
        agent.call_id = None
        self._set_state(agent, _T.END_CALL, StateChangeCause.CALL_ENDED)
        if wrap_up_s <= 0:
            self._end_wrap_up(agent, StateChangeCause.WRAP_UP_TIMER)
            return
        agent.wrap_up_ends_at = now + timedelta(seconds=wrap_up_s)
        agent.wrap_timer = self._schedule(agent.wrap_up_ends_at, _TimerKind.WRAP_UP, agent.profile.agent_id)

    # ------------------------------------------------------------------ guests (conference parties)

    def _guest(self, agent_id: str, call_id: str, what: str) -> _Agent | None:
        agent = self._require_agent(agent_id)
        if agent.guest_call != call_id:
            # logged out meanwhile, or the report crossed the end of the guest's part
            logger.info("%s: %s is not a guest in %s; ignored", what, agent_id, call_id)
            return None
        return agent

    def _on_guest_invited(self, event: ev.GuestInvited) -> None:
        agent = self._require_agent(event.agent_id)
        if not event.call_id:
            raise InvalidEventError("An invite needs the conversation's id.", agent_id=event.agent_id)
        if agent.guest_call is not None:
            raise InvalidEventError(
                f"Agent {event.agent_id!r} is already a guest in {agent.guest_call!r}; one conversation at "
                "a time.",
                agent_id=event.agent_id,
                call_id=agent.guest_call,
            )
        from_ready = agent.state is AgentState.READY
        return_reason = agent.reason if agent.state is AgentState.NOT_READY else None
        self._set_state(agent, _T.INVITE, StateChangeCause.GUEST_INVITED)
        agent.guest_call, agent.guest_since, agent.guest_from_ready = event.call_id, None, from_ready
        agent.not_ready_after_call = return_reason

    def _on_guest_joined(self, event: ev.GuestJoined) -> None:
        agent = self._guest(event.agent_id, event.call_id, "guest joined")
        if agent is None or agent.state is not AgentState.RESERVED:
            return
        self._set_state(agent, _T.ANSWER, StateChangeCause.GUEST_JOINED)
        agent.guest_since = self._clock

    def _on_guest_failed(self, event: ev.GuestFailed) -> None:
        agent = self._guest(event.agent_id, event.call_id, "guest failed")
        if agent is None:
            return
        if agent.state in _IN_CALL:
            # the report crossed a join: the guest was in the conversation after all
            self._guest_done(agent, None)
            return
        self._return_from_invite(agent)

    def _on_guest_left(self, event: ev.GuestLeft) -> None:
        agent = self._guest(event.agent_id, event.call_id, "guest left")
        if agent is None:
            return
        if agent.state is AgentState.RESERVED:
            self._return_from_invite(agent)
            return
        self._guest_done(agent, event.queue_id)

    def _return_from_invite(self, agent: _Agent) -> None:
        reason, agent.not_ready_after_call = agent.not_ready_after_call, None
        from_ready = agent.guest_from_ready
        agent.guest_call = agent.guest_since = None
        if agent.state is not AgentState.RESERVED:
            return
        if reason is None:
            self._set_state(agent, _T.RETURN_READY, StateChangeCause.GUEST_FAILED, keep_idle_since=from_ready)
        else:
            self._set_state(agent, _T.RETURN_NOT_READY, StateChangeCause.GUEST_FAILED, reason)

    def _guest_done(self, agent: _Agent, queue_id: str | None) -> None:
        now = self._clock
        since = agent.guest_since
        agent.guest_call = agent.guest_since = None
        if agent.state not in _IN_CALL:
            return
        self._change_stats(agent, talk_s=_seconds(now - since) if since is not None else 0.0)
        self._set_state(agent, _T.END_CALL, StateChangeCause.CALL_ENDED)
        queue = self._queues.get(queue_id) if queue_id is not None else None
        if queue is not None:
            wrap_up_s = queue.config.wrap_up_seconds
        else:
            wrap_up_s = max((self._queues[q].config.wrap_up_seconds for q in agent.queue_ids), default=0)
        if wrap_up_s <= 0:
            self._end_wrap_up(agent, StateChangeCause.WRAP_UP_TIMER)
            return
        agent.wrap_up_ends_at = now + timedelta(seconds=wrap_up_s)
        agent.wrap_timer = self._schedule(agent.wrap_up_ends_at, _TimerKind.WRAP_UP, agent.profile.agent_id)

    # ------------------------------------------------------------------ snapshots

    @property
    def queue_ids(self) -> tuple[str, ...]:
        return tuple(self._queues)

    def queue_config(self, queue_id: str) -> QueueConfig:
        queue = self._queues.get(queue_id)
        if queue is None:
            raise UnknownQueueError(f"Queue {queue_id!r} is not configured.", queue_id=queue_id)
        return queue.config

    def estimated_wait(self, queue_id: str, position: int) -> int | None:
        """Seconds a caller at ``position`` (1 = next) of ``queue_id`` should expect; see estimated_wait."""
        self.queue_config(queue_id)
        return self._ewt(queue_id, position)

    def queue_stats(self, queue_id: str) -> QueueStats:
        config = self.queue_config(queue_id)
        queue = self._queues[queue_id]
        now = self._now
        waiting = []
        for index, (_, _, call_id) in enumerate(queue.waiting):
            call = self._calls[call_id]
            waited = _seconds(now - call.entered_queue_at) if now is not None else 0.0
            waiting.append(WaitingCall(call_id, index + 1, waited, call.priority, call.caller_tags))
        ringing = sum(
            1
            for call in self._calls.values()
            if call.queue_id == queue_id and call.phase is CallPhase.OFFERED
        )
        handled = queue.answered + queue.abandoned
        return QueueStats(
            queue_id=queue_id,
            name=config.name,
            open_now=config.opening_hours.is_open(now) if now is not None else True,
            waiting=tuple(waiting),
            ringing=ringing,
            longest_wait_s=max((w.waited_s for w in waiting), default=0.0),
            estimated_wait_s=self._ewt(queue_id, len(waiting) + 1),
            staffed_agents=queue.staffed,
            ready_agents=len(queue.pool),
            average_handle_s=queue.handle_times.average_s,
            answered=queue.answered,
            answered_within_threshold=queue.answered_within_threshold,
            abandoned=queue.abandoned,
            overflowed=queue.overflowed,
            voicemail=queue.voicemail,
            after_hours=queue.after_hours,
            service_level=queue.answered_within_threshold / handled if handled else None,
        )

    def all_queue_stats(self) -> tuple[QueueStats, ...]:
        return tuple(self.queue_stats(queue_id) for queue_id in self._queues)

    def _agent_snapshot(self, agent: _Agent) -> AgentSnapshot:
        return AgentSnapshot(
            agent_id=agent.profile.agent_id,
            team=agent.profile.team,
            state=agent.state,
            reason=agent.reason,
            state_since=agent.state_since,
            idle_since=agent.idle_since if agent.state is AgentState.READY else None,
            calls_today=agent.calls_today,
            talk_s_today=agent.talk_s_today,
            call_id=agent.call_id or agent.guest_call,
            wrap_up_ends_at=agent.wrap_up_ends_at,
            queue_ids=agent.queue_ids,
            not_ready_after_call=agent.not_ready_after_call,
            guest_call_id=agent.guest_call,
        )

    def agent(self, agent_id: str) -> AgentSnapshot | None:
        agent = self._agents.get(agent_id)
        return self._agent_snapshot(agent) if agent is not None else None

    def agents(self) -> tuple[AgentSnapshot, ...]:
        return tuple(self._agent_snapshot(self._agents[agent_id]) for agent_id in sorted(self._agents))

    def ready_agents_in_order(self, queue_id: str) -> tuple[str, ...]:
        """Ready agents of the queue in the order its strategy would pick them (for the supervisor view)."""
        self.queue_config(queue_id)
        return tuple(self._queues[queue_id].pool.ordered())

    def _call_snapshot(self, call: _Call) -> CallSnapshot:
        return CallSnapshot(
            call_id=call.call_id,
            queue_id=call.queue_id,
            phase=call.phase,
            priority=call.priority,
            arrived_at=call.arrived_at,
            entered_queue_at=call.entered_queue_at,
            agent_id=call.agent_id,
            last_missed_by=call.last_missed_by,
        )

    def call(self, call_id: str) -> CallSnapshot | None:
        call = self._calls.get(call_id)
        return self._call_snapshot(call) if call is not None else None

    def calls(self) -> tuple[CallSnapshot, ...]:
        """Calls the ACD holds (waiting, ringing or connected), in arrival order."""
        return tuple(self._call_snapshot(call) for call in sorted(self._calls.values(), key=lambda c: c.seq))
