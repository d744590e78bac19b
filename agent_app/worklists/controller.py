"""My callbacks, voicemails and tickets; reminders (tray + sound) when a ticket falls due."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from agent_app.context import AppContext
from agent_app.widgets_common import BannerKind
from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import CallbackOut, TicketOut, VoicemailOut
from shared.protocol.enums import CallbackStatus, TicketStatus, VoicemailStatus
from shared.protocol.events import (
    CallbackWasAssigned,
    EventEnvelope,
    EventType,
    TicketDidChange,
    VoicemailWasLeft,
)

from .widgets import WorkListsWidget

logger = logging.getLogger(__name__)

REMIND_BEFORE = timedelta(minutes=30)

Notifier = Callable[[str, str], None]  # (title, text): tray balloon + sound
AudioPlayer = Callable[[Path], None]


class WorkListsController(QObject):
    """Threading contract: GUI thread; every list is fetched on the bridge."""

    call_back = Signal(str)  # number to dial
    due_reminded = Signal(str)  # serial

    def __init__(
        self,
        ctx: AppContext,
        widget: WorkListsWidget,
        *,
        notifier: Notifier | None = None,
        player: AudioPlayer | None = None,
        reminder_interval_ms: int = 60_000,
    ) -> None:
        super().__init__(widget)
        self._ctx = ctx
        self.widget = widget
        self._notify = notifier or (lambda _t, _b: None)
        self._play = player or (lambda _p: None)
        self.tickets: list[TicketOut] = []
        self.callbacks: list[CallbackOut] = []
        self.voicemails: list[VoicemailOut] = []
        self._reminded: set[tuple[str, datetime, bool]] = set()  # serial, deadline, overdue
        self._timer = QTimer(self)
        self._timer.setInterval(reminder_interval_ms)
        self._timer.timeout.connect(self.check_due)
        widget.refresh_requested.connect(self.refresh)
        widget.call_back_requested.connect(self.call_back)
        widget.callback_done_requested.connect(self.mark_callback_done)
        widget.callback_dial_requested.connect(self.dial_callback)
        widget.voicemail_play_requested.connect(self.play_voicemail)
        widget.voicemail_done_requested.connect(self.mark_voicemail_done)

    def start(self) -> None:
        self.refresh()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        api, run = self._ctx.api, self._ctx.bridge.run
        run(api.my_callbacks, success=self._set_callbacks, failure=self._failed)
        run(api.my_voicemails, success=self._set_voicemails, failure=self._failed)
        run(api.my_tickets, success=self._set_tickets, failure=self._failed)

    def _failed(self, error: ApiClientError) -> None:
        self.widget.show_message(error.message, BannerKind.WARNING)

    def _set_callbacks(self, items: list[CallbackOut]) -> None:
        self.callbacks = [i for i in items if i.status is not CallbackStatus.DONE]
        self.widget.show_callbacks(self.callbacks)

    def _set_voicemails(self, items: list[VoicemailOut]) -> None:
        self.voicemails = items
        self.widget.show_voicemails(items)

    def _set_tickets(self, tickets: list[TicketOut]) -> None:
        order = {"red": 0, "yellow": 1, "green": 2}
        self.tickets = sorted(
            tickets,
            key=lambda t: (
                order.get(t.sla_light.value if t.sla_light else "", 3),
                t.deadline or t.created_at,
            ),
        )
        self.widget.show_tickets(self.tickets)
        self.check_due()

    def check_due(self) -> None:
        """The minute timer's work (and after each refresh): remind once when a ticket falls due soon
        and once more when it is overdue, never again for the same ticket and deadline however often
        the lists reload; several at once make one notification, not a burst of balloons and chimes."""
        now = self._ctx.now()
        due_soon: list[TicketOut] = []
        overdue: list[TicketOut] = []
        for ticket in self.tickets:
            if ticket.deadline is None:
                continue
            if ticket.status in (TicketStatus.DONE, TicketStatus.VISITED, TicketStatus.CLOSED):
                continue
            if ticket.deadline - now > REMIND_BEFORE:
                continue
            is_overdue = ticket.deadline <= now
            key = (ticket.serial, ticket.deadline, is_overdue)
            if key in self._reminded:
                continue
            self._reminded.add(key)
            (overdue if is_overdue else due_soon).append(ticket)
        for tickets, one_title, many_title in (
            (overdue, self.tr("Ticket overdue"), self.tr("%1 tickets overdue")),
            (due_soon, self.tr("Ticket falls due soon"), self.tr("%1 tickets fall due soon")),
        ):
            if not tickets:
                continue
            if len(tickets) == 1:
                self._notify(one_title, f"{tickets[0].serial} · {tickets[0].content[:40]}")
            else:
                shown = "、".join(t.serial for t in tickets[:3]) + ("…" if len(tickets) > 3 else "")
                self._notify(many_title.replace("%1", str(len(tickets))), shown)
            for ticket in tickets:
                self.due_reminded.emit(ticket.serial)

    def on_server_event(self, envelope: EventEnvelope) -> None:
        if envelope.type is EventType.CALLBACK_WAS_ASSIGNED:
            task = CallbackWasAssigned.model_validate(envelope.payload)
            self._notify(self.tr("New call-back"), task.number)
        if envelope.type is EventType.VOICEMAIL_WAS_LEFT:
            voicemail = VoicemailWasLeft.model_validate(envelope.payload)
            self._notify(self.tr("New voicemail"), voicemail.caller_number)
        if envelope.type in (EventType.CALLBACK_WAS_ASSIGNED, EventType.VOICEMAIL_WAS_LEFT):
            self.refresh()
        if envelope.type is EventType.TICKET_DID_CHANGE and self._concerns_me(
            TicketDidChange.model_validate(envelope.payload)
        ):
            self._ctx.bridge.run(self._ctx.api.my_tickets, success=self._set_tickets, failure=self._failed)

    def _concerns_me(self, change: TicketDidChange) -> bool:
        """Every seat hears every ticket change in the centre (a few a minute in a busy hour): only one
        on a ticket of this list, or registered by whoever owns it, is worth fetching the list again."""
        owners = {t.agent_id for t in self.tickets}
        if not owners:
            return True  # nothing known yet (or an empty list): cheap to ask
        return change.agent_id in owners or any(t.serial == change.serial for t in self.tickets)

    def dial_callback(self, callback_id: int) -> None:
        """Call the citizen back; the task shows as in progress for the leaders meanwhile."""
        task = next((c for c in self.callbacks if c.id == callback_id), None)
        if task is None:
            return
        api = self._ctx.api

        def by_softphone(error: ApiClientError) -> None:
            # no call path on this server: dial from the softphone and mark the task ourselves
            if error.server_error_id != "call_path_off" and error.error_id is not ClientErrorId.NOT_FOUND:
                self._failed(error)
                return
            self.call_back.emit(task.number)
            self._ctx.bridge.run(
                lambda: api.update_callback(callback_id, CallbackStatus.IN_PROGRESS.value),
                success=lambda _i: self.refresh(),
                failure=self._failed,
            )

        # the server rings this softphone (answered by itself) and dials the citizen on the trunk
        self._ctx.bridge.run(
            lambda: api.dial_outbound(task.number, callback_id=callback_id),
            success=lambda _r: self.refresh(),
            failure=by_softphone,
        )

    def mark_callback_done(self, callback_id: int) -> None:
        self._ctx.bridge.run(
            lambda: self._ctx.api.update_callback(callback_id, CallbackStatus.DONE.value),
            success=lambda _i: self.refresh(),
            failure=self._failed,
        )

    def mark_voicemail_done(self, voicemail_id: int) -> None:
        self._ctx.bridge.run(
            lambda: self._ctx.api.mark_voicemail_done(voicemail_id),
            success=lambda _i: self.refresh(),
            failure=self._failed,
        )

    def play_voicemail(self, voicemail_id: int) -> None:
        target = Path(tempfile.gettempdir()) / f"hotline-voicemail-{voicemail_id}.wav"
        api = self._ctx.api
        item = next((v for v in self.voicemails if v.id == voicemail_id), None)
        first_listen = item is not None and item.status is VoicemailStatus.NEW

        def fetch() -> Path:
            path = api.voicemail_audio(voicemail_id, target)
            if first_listen:
                api.mark_voicemail_heard(voicemail_id)
            return path

        def play(path: Path) -> None:
            self._play(path)
            self.refresh()

        self._ctx.bridge.run(fetch, success=play, failure=self._failed)
