"""Pops the caller's record on whichever comes first: the INVITE's X-Hotline headers or the server's
``call_was_offered`` event; the second one for the same caller only adds what the first lacked."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from agent_app.context import AppContext
from agent_app.softphone.port import (
    CALLER_HEADER,
    IVR_DIGITS_HEADER,
    IVR_PATH_HEADER,
    QUEUE_HEADER,
    IncomingCall,
)
from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import ScreenPop, TicketOut
from shared.protocol.enums import TicketStatus
from shared.protocol.events import EventEnvelope, EventType, TicketDidChange

from .widgets import ScreenPopWidget

logger = logging.getLogger(__name__)

_SAME_CALL_WINDOW_S = 30.0


@dataclass
class PopRequest:
    number: str
    started: float  # perf_counter at the first signal of this call (INVITE or offer)
    queue: str = ""
    ivr_path: str = ""
    ivr_digits: str = ""
    sources: list[str] = field(default_factory=list)
    lookup_started: float = 0.0  # worker picked the lookup up
    lookup_done: float = 0.0  # the server answered


class ScreenPopController(QObject):
    """Threading contract: GUI thread; the lookup runs on the bridge."""

    popped = Signal(object, float)  # ScreenPop, seconds from first signal to the filled pane
    first_time_caller = Signal(str)  # number

    def __init__(
        self, ctx: AppContext, widget: ScreenPopWidget, clock: Callable[[], float] = time.perf_counter
    ) -> None:
        super().__init__(widget)
        self._ctx = ctx
        self.widget = widget
        self._clock = clock
        self.request: PopRequest | None = None
        self.pop: ScreenPop | None = None
        self.last_latency_s: float | None = None
        self.queue_name: Callable[[str], str] = lambda code: code  # the app maps codes to names
        self.server_reachable: Callable[[], bool] = lambda: True  # the offline controller's verdict

    def from_invite(self, call: IncomingCall) -> None:
        number = call.header(CALLER_HEADER) or call.caller_number
        self._start(
            number,
            "invite",
            call.header(QUEUE_HEADER),
            call.header(IVR_PATH_HEADER),
            call.header(IVR_DIGITS_HEADER),
        )

    def show_caller(self, number: str) -> None:
        """The call-taker switched to another line: show that caller (no-op if already shown)."""
        self._start(number, "switch", "", "", "")

    def ticket_saved(self, ticket: TicketOut) -> None:
        """A ticket was saved: if it is the caller on screen's, their open tickets show it at once.

        The save result carries everything the list shows (serial, status, SLA light), so this asks the
        server nothing: a busy centre saves a ticket per call."""
        pop = self.pop
        if pop is None or not self._belongs_to_pop(ticket, pop):
            return
        known = next((i for i, t in enumerate(pop.open_tickets) if t.id == ticket.id), None)
        tickets = list(pop.open_tickets)
        total = pop.open_tickets_total
        if known is not None:
            del tickets[known]
            total -= 1
        if ticket.status is not TicketStatus.CLOSED:
            tickets.insert(0, ticket)  # newest first, as the server lists them
            total += 1
        self._replace_open_tickets(tickets, total)

    def _belongs_to_pop(self, ticket: TicketOut, pop: ScreenPop) -> bool:
        if ticket.caller_number == pop.number:
            return True
        return pop.customer is not None and ticket.customer_id == pop.customer.id

    def _replace_open_tickets(self, tickets: list[TicketOut], total: int) -> None:
        assert self.pop is not None
        self.pop = self.pop.model_copy(update={"open_tickets": tickets, "open_tickets_total": max(0, total)})
        self.widget.show_open_tickets(self.pop.open_tickets, self.pop.open_tickets_total)

    def _ticket_changed(self, change: TicketDidChange) -> None:
        """A listed ticket moved on (dispatched, done, closed elsewhere): its row follows; closed ones go."""
        pop = self.pop
        if pop is None:
            return
        known = next((t for t in pop.open_tickets if t.id == change.ticket_id), None)
        if known is None or known.status is change.status:
            return
        if change.status is TicketStatus.CLOSED:
            tickets = [t for t in pop.open_tickets if t.id != change.ticket_id]
            self._replace_open_tickets(tickets, pop.open_tickets_total - 1)
            return
        updated = known.model_copy(update={"status": change.status})
        self._replace_open_tickets(
            [updated if t.id == change.ticket_id else t for t in pop.open_tickets], pop.open_tickets_total
        )

    def on_server_event(self, envelope: EventEnvelope) -> None:
        if envelope.type is EventType.TICKET_DID_CHANGE:
            self._ticket_changed(TicketDidChange.model_validate(envelope.payload))
            return
        if envelope.type is not EventType.CALL_WAS_OFFERED:
            return
        payload = envelope.payload
        number = str(payload.get("caller_number") or "")
        if number:
            self._start(
                number,
                "offer",
                str(payload.get("queue_code") or ""),
                str(payload.get("ivr_path") or ""),
                str(payload.get("ivr_digits") or ""),
            )

    def _start(self, number: str, source: str, queue: str, ivr_path: str, ivr_digits: str) -> None:
        now = self._clock()
        current = self.request
        if current is not None and current.number == number and now - current.started < _SAME_CALL_WINDOW_S:
            # the other signal of the same call: keep the lookup, fill in what was missing
            current.queue = current.queue or queue
            current.ivr_path = current.ivr_path or ivr_path
            current.ivr_digits = current.ivr_digits or ivr_digits
            current.sources.append(source)
            if self.pop is not None:
                self.widget.show_pop(self.pop, self.ivr_text())
            return
        self.request = PopRequest(number, now, queue, ivr_path, ivr_digits, [source])
        self.pop = None
        self.widget.show_loading(number, self.ivr_text())
        request = self.request

        def lookup() -> ScreenPop:
            request.lookup_started = self._clock()
            pop = self._ctx.api.screen_pop(number)
            request.lookup_done = self._clock()
            return pop

        if not self.server_reachable():
            # known to be offline: say so at once instead of waiting for a network timeout per call
            self._failed(request, ApiClientError("offline", error_id=ClientErrorId.UNREACHABLE))
            return
        self._ctx.bridge.run(
            lookup,
            success=lambda pop: self._show(request, pop),
            failure=lambda error: self._failed(request, error),
        )

    def ivr_text(self) -> str:
        request = self.request
        if request is None:
            return ""
        parts = []
        if request.queue:
            parts.append(self.tr("Queue: %1").replace("%1", self.queue_name(request.queue)))
        if request.ivr_path:
            parts.append(self.tr("IVR: %1").replace("%1", self.widget.ivr_path_text(request.ivr_path)))
        if request.ivr_digits:
            parts.append(self.tr("Digits: %1").replace("%1", request.ivr_digits))
        return "   ".join(parts)

    def _show(self, request: PopRequest, pop: ScreenPop) -> None:
        if request is not self.request:
            return  # a newer call popped meanwhile
        self.pop = pop
        self.widget.show_pop(pop, self.ivr_text())
        self.last_latency_s = self._clock() - request.started
        logger.info(
            "screen pop for %s in %.0f ms (queued %.0f, server %.0f, shown %.0f)",
            request.number,
            self.last_latency_s * 1000,
            (request.lookup_started - request.started) * 1000,
            (request.lookup_done - request.lookup_started) * 1000,
            (self._clock() - request.lookup_done) * 1000,
        )
        self.popped.emit(pop, self.last_latency_s)
        if pop.customer is None:
            self.first_time_caller.emit(pop.number)

    def _failed(self, request: PopRequest, error: ApiClientError) -> None:
        if request is not self.request:
            return
        if error.is_unreachable:
            self.widget.show_error(
                self.tr(
                    "The server cannot be reached: no caller history now. "
                    "The call itself works; the ticket will be sent later."
                )
            )
        else:
            self.widget.show_error(error.message)
        self.first_time_caller.emit(request.number)
