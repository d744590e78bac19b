"""Offline mode: notices when the server is gone, keeps tickets in the outbox, sends them when it returns."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, QTimer, Signal

from agent_app.context import AppContext
from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import CustomerCreate, TicketCreate, TicketOut

from .outbox import Outbox, OutboxEntry
from .widgets import OfflineBanner

logger = logging.getLogger(__name__)


@dataclass
class FlushResult:
    sent: list[tuple[str, TicketOut]] = field(default_factory=list)
    stopped_by: ApiClientError | None = None  # the server went away mid-flush
    refused: int = 0
    waiting: int = 0
    newly_refused: list[tuple[OutboxEntry, str]] = field(default_factory=list)  # entry, server's words
    refused_entries: list[OutboxEntry] = field(default_factory=list)  # all kept as refused, in order


class OfflineController(QObject):
    """Threading contract: GUI thread; outbox reads/writes and sending run on the bridge, one flush at
    a time."""

    online_changed = Signal(bool)
    ticket_sent = Signal(str, object)  # client_ref, TicketOut
    ticket_queued = Signal(str)  # client_ref (saved locally)
    #: the server judged a queued ticket and said no (4xx, not a lost connection): client_ref, its words.
    #: The entry stays in the outbox marked refused (never sent again as it is) until :meth:`discard`.
    ticket_refused = Signal(str, str)
    refused_changed = Signal()  # the set of refused entries kept in the outbox changed (or is first known)

    def __init__(
        self, ctx: AppContext, banner: OfflineBanner, outbox: Outbox, *, probe_interval_ms: int = 5000
    ) -> None:
        super().__init__(banner)
        self._ctx = ctx
        self.banner = banner
        self.outbox = outbox
        self.online = True
        # False while the seat works offline without a token: sending now would be refused as
        # unauthenticated (and count against the entries); the app flushes once signed in online
        self.session_ready = True
        self.waiting = 0
        self.refused = 0
        self.refused_entries: dict[str, OutboxEntry] = {}  # client_ref → the refused draft
        # refused entries the call-taker took back: a flush already under way may still list them
        self._discarded: set[str] = set()
        self._flushing = False
        self._flush_again = False
        self._probe = QTimer(self)
        self._probe.setInterval(probe_interval_ms)
        self._probe.timeout.connect(self._probe_server)
        ctx.bridge.failed.connect(self._on_failure)
        ctx.bridge.run(outbox.count, success=self._set_waiting)

    def _set_waiting(self, count: int) -> None:
        self.waiting = count
        self._render()

    def _render(self) -> None:
        self.banner.show_state(self.online, self.waiting, self.refused)

    def _on_failure(self, error: object) -> None:
        if isinstance(error, ApiClientError) and error.is_unreachable:
            self.set_online(False)

    def set_online(self, online: bool) -> None:
        if online == self.online:
            return
        self.online = online
        logger.info("server %s", "reachable again" if online else "unreachable")
        if online:
            self._probe.stop()
            self.flush()
        else:
            self._probe.start()
        self._render()
        self.online_changed.emit(online)

    def _probe_server(self) -> None:
        self._ctx.bridge.run(self._ctx.api.health, success=lambda ok: self.set_online(bool(ok)))

    # ---- outbox -------------------------------------------------------------------------------

    def save_ticket(
        self,
        ticket: TicketCreate,
        *,
        new_customer: CustomerCreate | None = None,
        link_serial: str | None = None,
    ) -> None:
        """Keep the ticket on disk first, then try to send everything waiting (in order)."""
        ticket_json = ticket.model_dump(mode="json")
        customer_json = new_customer.model_dump(mode="json") if new_customer else None

        def store() -> tuple[str, int]:
            ref = self.outbox.add(ticket_json, new_customer=customer_json, link_serial=link_serial)
            return ref, self.outbox.count()

        def stored(result: tuple[str, int]) -> None:
            ref, count = result
            self.waiting = count
            self.ticket_queued.emit(ref)
            self._render()
            self.flush()

        self._ctx.bridge.run(store, success=stored)

    def flush(self) -> None:
        if not self.session_ready:
            return
        if self._flushing:
            self._flush_again = True
            return
        self._flushing = True
        self._ctx.bridge.run(
            self._send_all, success=self._flushed, failure=lambda _e: self._flushed(self._as_before())
        )

    def _as_before(self) -> FlushResult:
        """The flush failed before it got anywhere (disk): what we knew stands."""
        return FlushResult(
            refused=self.refused, waiting=self.waiting, refused_entries=list(self.refused_entries.values())
        )

    def _send_all(self) -> FlushResult:
        """Worker thread: send every entry in order; stop at the first 'server unreachable'."""
        api = self._ctx.api
        result = FlushResult()
        for entry in self.outbox.pending():
            if entry.last_error:
                # the server judged this one: sent unchanged it would be refused again, forever
                result.refused += 1
                result.refused_entries.append(entry)
                continue
            try:
                customer_id = entry.customer_id
                if entry.new_customer and customer_id is None:
                    customer = api.create_customer(CustomerCreate.model_validate(entry.new_customer))
                    customer_id = customer.id
                    self.outbox.set_customer(entry.client_ref, customer_id)
                ticket = TicketCreate.model_validate(
                    {**entry.ticket, "customer_id": customer_id or entry.ticket.get("customer_id")}
                )
                saved = api.create_ticket(ticket)
                if entry.link_serial:
                    try:
                        api.link_tickets(saved.serial, entry.link_serial)
                    except ApiClientError as exc:
                        if exc.is_retryable:
                            raise
                        logger.warning("could not link %s to %s: %s", saved.serial, entry.link_serial, exc)
            except ApiClientError as exc:
                if exc.is_retryable:
                    result.stopped_by = exc
                    break
                if exc.error_id is ClientErrorId.NOT_AUTHENTICATED:
                    break  # our token, not the ticket: the app signs in again and flushes then
                logger.warning("outbox entry %s refused: %s", entry.client_ref, exc)
                self.outbox.record_failure(entry.client_ref, exc.message)
                result.refused += 1
                refused = replace(entry, attempts=entry.attempts + 1, last_error=exc.message)
                result.refused_entries.append(refused)
                result.newly_refused.append((refused, exc.message))
                continue
            self.outbox.remove(entry.client_ref)
            result.sent.append((entry.client_ref, saved))
        result.waiting = self.outbox.count()
        return result

    def discard(self, client_ref: str) -> None:
        """Drop a refused entry: the call-taker took its draft back into the form (or saved it anew)."""
        entry = self.refused_entries.pop(client_ref, None)
        if entry is None:
            return
        self._discarded.add(client_ref)
        self.refused_changed.emit()

        def drop() -> int:
            self.outbox.remove(client_ref)
            return self.outbox.count()

        def dropped(count: int) -> None:
            self.waiting = count
            self.refused = len(self.refused_entries)
            self._render()

        self._ctx.bridge.run(drop, success=dropped)

    def _flushed(self, result: FlushResult) -> None:
        self._flushing = False
        gone = [e for e in result.refused_entries if e.client_ref in self._discarded]
        kept = [e for e in result.refused_entries if e.client_ref not in self._discarded]
        self.waiting, self.refused = result.waiting, len(kept)
        if gone:
            self._ctx.bridge.run(self.outbox.count, success=self._set_waiting)  # counted before they went
        before = set(self.refused_entries)
        self.refused_entries = {e.client_ref: e for e in kept}
        if set(self.refused_entries) != before:
            self.refused_changed.emit()
        for ref, ticket in result.sent:
            self.ticket_sent.emit(ref, ticket)
        for entry, message in result.newly_refused:
            self.ticket_refused.emit(entry.client_ref, message)
        if result.stopped_by is not None:
            self.set_online(False)
        elif result.sent:
            self.set_online(True)
        self._render()
        if self._flush_again:
            self._flush_again = False
            self.flush()
