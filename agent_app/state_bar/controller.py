"""The seat's state, wrap-up countdown, time in state and today's counters."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QLocale, QObject, QTimer, Signal

from agent_app.context import AppContext
from shared.client.errors import ApiClientError
from shared.client.models import AgentOut, AgentToday, ReasonOut
from shared.protocol.enums import AgentState
from shared.protocol.events import AgentStateDidChange, EventEnvelope, EventType

from .model import InvalidSeatTransition, SeatEvent, next_state
from .widgets import StateBarWidget

logger = logging.getLogger(__name__)

WRAP_UP_SECONDS = 30


def _zero_counters(agent_id: int, day_start: datetime) -> AgentToday:
    return AgentToday(
        agent_id=agent_id,
        day_start=day_start,
        calls_answered=0,
        talk_seconds=0,
        average_talk_seconds=0,
        ready_seconds=0,
        not_ready_seconds=0,
        wrap_up_seconds=0,
    )


class StateBarController(QObject):
    """Threading contract: GUI thread. The 1 s ticker repaints, ends the wrap-up when its time is up and
    turns today's counters over at the centre's midnight (``AgentToday.day_start`` + 1 day, from the
    server, so the seat PC's own time zone does not matter); other state changes come from events.

    ``clock`` (monotonic seconds) times the state and the wrap-up; ``ctx.now`` (aware wall clock) only
    decides when the day turns."""

    state_changed = Signal(str)  # AgentState value
    #: every repaint (1 s): state value, reason label ("" for none), seconds in state — for panels that
    #: must say the same as the bar (the softphone panel without a call)
    seat_shown = Signal(str, str, float)
    logout_requested = Signal()

    def __init__(
        self,
        ctx: AppContext,
        widget: StateBarWidget,
        *,
        wrap_up_seconds: int = WRAP_UP_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(widget)
        self._ctx = ctx
        self.widget = widget
        self.clock = clock
        self.state = AgentState.LOGGED_OUT
        self.reason: str | None = None
        self.agent_id: int | None = None
        self.work_number = ""
        self._since = self._now()
        self._local_change_at = ctx.now()  # wall clock of the last change we made ourselves
        self._local_changes = 0
        self.wrap_up_seconds = wrap_up_seconds
        self._wrap_up_ends: float | None = None
        self.reasons: list[ReasonOut] = []
        self.counters = _zero_counters(0, ctx.now())
        self._counters_from_server = False  # until then there is no centre's day to turn
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.tick)
        widget.ready_requested.connect(self.go_ready)
        widget.not_ready_requested.connect(self.go_not_ready)
        widget.finish_wrap_up_requested.connect(self.finish_wrap_up)
        widget.logout_requested.connect(self.logout_requested)
        self._render()

    def _now(self) -> float:
        return self.clock()

    # ---- lifecycle ----------------------------------------------------------------------------

    def start(self, agent: AgentOut) -> None:
        self.agent_id = agent.id
        self.work_number = agent.work_number
        self.widget.show_agent(f"{agent.name} ({agent.work_number})")
        self._adopt(agent.state, agent.state_reason)
        self._ticker.start()
        self._ctx.bridge.run(self._ctx.api.not_ready_reasons, success=self._set_reasons)
        self.refresh_counters()

    def stop(self) -> None:
        self._ticker.stop()
        self._wrap_up_ends = None
        self._adopt(AgentState.LOGGED_OUT, None)

    def refresh_counters(self) -> None:
        self._ctx.bridge.run(self._ctx.api.today_counters, success=self._set_counters)

    def _set_reasons(self, reasons: list[ReasonOut]) -> None:
        self.reasons = sorted(reasons, key=lambda r: r.sort_order)
        self.widget.set_reasons([(r.code, self._label(r)) for r in self.reasons if r.code != "login"])
        self._render()

    def _set_counters(self, counters: AgentToday) -> None:
        if self._counters_from_server and counters.day_start < self.counters.day_start:
            return  # an answer about yesterday, overtaken by the day turning here
        self._counters_from_server = True
        self.counters = counters
        self.widget.show_counters(counters.calls_answered, counters.talk_seconds)

    def _turn_the_day(self) -> None:
        """At the centre's midnight today's counters start again from zero (a night shift's calls
        before midnight belong to yesterday), and the server is asked for the new day's figures."""
        next_day = self.counters.day_start + timedelta(days=1)
        if not self._counters_from_server or self._ctx.now() < next_day:
            return
        logger.info("the centre's day turned at %s: today's counters start again", next_day)
        self.counters = _zero_counters(self.counters.agent_id, next_day)
        self.widget.show_counters(0, 0)
        self.refresh_counters()

    @staticmethod
    def _label(reason: ReasonOut) -> str:
        return reason.label_zh if QLocale().language() == QLocale.Language.Chinese else reason.label_en

    def reason_label(self, code: str | None) -> str | None:
        if not code:
            return None
        return next((self._label(r) for r in self.reasons if r.code == code), code)

    # ---- what the call-taker does --------------------------------------------------------------

    def go_ready(self) -> None:
        self._wrap_up_ends = None
        self._request(AgentState.READY, None, SeatEvent.GO_READY)

    def go_not_ready(self, reason: str) -> None:
        self._wrap_up_ends = None
        self._request(AgentState.NOT_READY, reason, SeatEvent.GO_NOT_READY)

    def finish_wrap_up(self) -> None:
        if self.state is AgentState.WRAP_UP:
            self._wrap_up_ends = None
            self._request(AgentState.READY, None, SeatEvent.WRAP_UP_DONE)

    def resync(self) -> None:
        """Tell the server the state shown here (after it was unreachable); call states are the ACD's."""
        if self.state in (AgentState.READY, AgentState.NOT_READY):
            state, reason = self.state, self.reason
            self._ctx.bridge.run(lambda: self._ctx.api.set_state(state, reason))

    def ticket_saved(self) -> None:
        """Saving the ticket is what wrap-up is for: it ends it."""
        self.finish_wrap_up()

    def _request(self, state: AgentState, reason: str | None, event: SeatEvent) -> None:
        self.apply(event, reason)

        def failed(error: ApiClientError) -> None:
            # offline: the local state stands; the offline controller re-sends when the server returns
            logger.info("state change to %s not confirmed: %s", state, error)

        changes_before = self._local_changes

        def confirmed(agent: AgentOut) -> None:
            if self._local_changes == changes_before:  # nothing happened on the phone meanwhile
                self._adopt(agent.state, agent.state_reason, keep_since=True)

        self._ctx.bridge.run(
            lambda: self._ctx.api.set_state(state, reason), success=confirmed, failure=failed
        )

    # ---- what happens to the seat --------------------------------------------------------------

    def apply(self, event: SeatEvent, reason: str | None = None) -> None:
        try:
            new_state = next_state(self.state, event)
        except InvalidSeatTransition as exc:
            logger.info("ignored: %s", exc)
            return
        if event is SeatEvent.CALL_ENDED:
            self._wrap_up_ends = self._now() + self.wrap_up_seconds
        self._local_change_at = self._ctx.now()
        self._local_changes += 1
        self._adopt(
            new_state,
            reason if new_state is AgentState.NOT_READY else None,
            keep_since=new_state is self.state,
        )
        if event is SeatEvent.CALL_ENDED:
            self.refresh_counters()

    def on_server_event(self, envelope: EventEnvelope) -> None:
        if envelope.type is not EventType.AGENT_STATE_DID_CHANGE:
            return
        change = AgentStateDidChange.model_validate(envelope.payload)
        if change.agent_id != self.agent_id:
            return
        forced = change.forced_by not in (None, self.work_number)  # the server names us on our own changes
        if change.since < self._local_change_at and not forced:
            # an echo of an older change of ours, overtaken by what the phone did since (e.g. the
            # "ready" confirmation arriving after the next call already rang)
            return
        in_call = self.state in (AgentState.RESERVED, AgentState.TALKING, AgentState.HOLD)
        if in_call and not forced and change.state in (AgentState.READY, AgentState.NOT_READY):
            return  # the phone knows best whether a call is up; the server learns it from the ACD
        if change.state is not self.state or change.reason != self.reason:
            logger.info(
                "server says %s since %s (we showed %s since %s)",
                change.state,
                change.since,
                self.state,
                self._local_change_at,
            )
            self._adopt(change.state, change.reason)

    def _adopt(self, state: AgentState, reason: str | None, *, keep_since: bool = False) -> None:
        changed = state is not self.state
        if changed or not keep_since:
            self._since = self._now()
        if state is not AgentState.WRAP_UP:
            self._wrap_up_ends = None
        elif self._wrap_up_ends is None:
            self._wrap_up_ends = self._now() + self.wrap_up_seconds
        self.state, self.reason = state, reason
        self._render()
        if changed:
            self.state_changed.emit(state.value)

    def tick(self) -> None:
        """The 1 s ticker's work (tests call it to step a fake clock)."""
        if self._wrap_up_ends is not None and self._now() >= self._wrap_up_ends:
            self.finish_wrap_up()
        self._turn_the_day()
        self._render()

    def _render(self) -> None:
        label = self.reason_label(self.reason)
        self.widget.show_state(self.state, label)
        self.widget.show_time_in_state(self._now() - self._since)
        self.seat_shown.emit(self.state.value, label or "", self._now() - self._since)
        remaining = None if self._wrap_up_ends is None else self._wrap_up_ends - self._now()
        self.widget.show_wrap_up(remaining, self.wrap_up_seconds)

    def time_in_state(self) -> float:
        return self._now() - self._since
