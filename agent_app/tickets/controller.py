"""The ticket form's controller: reference data, templates, validation, and saving through the outbox."""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import TypeAdapter, ValidationError
from PySide6.QtCore import QObject, Signal

from agent_app.context import AppContext
from agent_app.offline.controller import OfflineController
from agent_app.offline.outbox import new_client_ref
from shared.client.api import HotlineApi
from shared.client.errors import ApiClientError
from shared.client.models import (
    CategoryOut,
    CustomerCreate,
    DepartmentOut,
    ScreenPop,
    TicketCreate,
    TicketOut,
    TicketTemplate,
)
from shared.protocol.schemas.tickets import CONTENT_MAX

from .widgets import TicketFormWidget

logger = logging.getLogger(__name__)


CALLER_MAX = 40  # TicketCreate.caller_number
DEFAULT_TEMPLATES = Path(__file__).with_name("default_templates.json")


def bundled_templates() -> list[TicketTemplate]:
    """Common consultations shipped with the app, for servers that define none (worker thread: disk)."""
    try:
        return TypeAdapter(list[TicketTemplate]).validate_json(DEFAULT_TEMPLATES.read_bytes())
    except (OSError, ValueError) as exc:
        logger.warning("bundled ticket templates unreadable: %s", exc)
        return []


def server_or_bundled_templates(api: HotlineApi) -> list[TicketTemplate]:
    """The server's templates (``GET /tickets/templates``); the bundled set if it defines none or
    cannot be reached, so an offline seat still has its canned texts (worker thread: network, disk)."""
    try:
        templates = api.ticket_templates()
    except ApiClientError as exc:
        if not exc.is_retryable:
            raise
        logger.info("ticket templates from the server unavailable (%s); using the bundled set", exc)
        return bundled_templates()
    return templates or bundled_templates()


class TicketController(QObject):
    """Threading contract: GUI thread. Saving never waits for the network: the outbox takes it first."""

    saved = Signal(object)  # TicketOut, once the server confirmed it
    saved_locally = Signal(str)  # client_ref

    def __init__(self, ctx: AppContext, widget: TicketFormWidget, offline: OfflineController) -> None:
        super().__init__(widget)
        self._ctx = ctx
        self.widget = widget
        self._offline = offline
        self.templates: list[TicketTemplate] = []
        self.categories: list[CategoryOut] = []
        self.customer_id: int | None = None
        self._pending_ref: str | None = None
        self._drafts: dict[str, str] = {}  # caller number → unsaved ticket text
        # a refused ticket taken back into the form: its outbox entry goes once the corrected one is kept
        self._restored_ref: str | None = None
        widget.save_requested.connect(self.save)
        widget.template_chosen.connect(self.apply_template)
        widget.new_requested.connect(self.new_ticket)
        widget.restore_requested.connect(self.restore_refused)
        offline.ticket_sent.connect(self._on_sent)
        offline.ticket_refused.connect(self._on_refused)
        offline.refused_changed.connect(self._offer_restore)
        offline.ticket_queued.connect(self._on_queued)
        offline.online_changed.connect(self._on_online_changed)

    def load_reference_data(self) -> None:
        api = self._ctx.api
        self._ctx.bridge.run(api.categories, success=self._set_categories)
        self._ctx.bridge.run(api.departments, success=self._set_departments)
        self._ctx.bridge.run(lambda: server_or_bundled_templates(api), success=self._set_templates)

    def _set_categories(self, categories: list[CategoryOut]) -> None:
        self.categories = categories
        self.widget.set_categories(categories)

    def _set_departments(self, departments: list[DepartmentOut]) -> None:
        self.widget.set_departments(departments)

    def _set_templates(self, templates: list[TicketTemplate]) -> None:
        self.templates = templates
        self.widget.set_templates(templates)

    def apply_template(self, index: int) -> None:
        if 0 <= index < len(self.templates):
            self.widget.apply_template(self.templates[index])

    def start_for_caller(self, number: str, pop: ScreenPop | None) -> None:
        """A call arrived: a fresh form for this caller (an unsaved draft of another caller is kept
        only if it was for the same number)."""
        same_caller = self.widget.caller.text().strip() == number
        if not same_caller:
            self._switch_caller(number)
        self.customer_id = pop.customer.id if pop and pop.customer else None
        first_time = pop is None or pop.customer is None
        serials = [t.serial for t in pop.open_tickets] if pop else []
        self.widget.start(number, first_time=first_time, open_serials=serials, reset=not same_caller)

    def prefill_caller(self, number: str) -> None:
        """The INVITE arrived: the number is known before the pop, so a ticket can be saved at once."""
        if self.widget.caller.text().strip() != number:
            self._switch_caller(number)
            self.customer_id = None
            self.widget.caller.setText(number)

    def _switch_caller(self, number: str) -> None:
        """Park an unsaved draft of the caller on screen (call waiting, switching lines) and bring back
        one parked for ``number``: nothing written is lost by a second call."""
        previous = self.widget.caller.text().strip()
        draft = self.widget.content.toPlainText().strip()
        if previous and draft and self._pending_ref is None and not self.widget.serial.text():
            self._drafts[previous] = draft
        self.widget.clear()
        self._pending_ref = None
        self._leave_restored()
        restored = self._drafts.pop(number, "")
        if restored:
            self.widget.content.setPlainText(restored)

    def new_ticket(self) -> None:
        number = self.widget.caller.text().strip()
        self.widget.clear()
        self._leave_restored()
        self.widget.start(number, first_time=not self.widget.customer_box.isHidden(), open_serials=[])

    def insert_answer(self, text: str) -> None:
        self.widget.insert_answer(text)

    def save(self) -> None:
        values = self.widget.values()
        if not values.caller_number:
            self.widget.show_error(self.tr("Enter the caller's number."))
            return
        if not values.content:
            self.widget.show_error(self.tr("Write what the caller asked or reported before saving."))
            return
        # what the server would refuse is said here, while the caller is still on the line: a refused
        # ticket would otherwise sit in the outbox with the form saying nothing
        if len(values.content) > CONTENT_MAX:
            self.widget.show_error(
                self.tr("The text is too long (%1 characters, at most %2): shorten it before saving.")
                .replace("%1", str(len(values.content)))
                .replace("%2", str(CONTENT_MAX))
            )
            return
        if len(values.caller_number) > CALLER_MAX:
            self.widget.show_error(self.tr("The caller number is too long: at most 40 characters."))
            return
        if values.deadline is not None and values.deadline <= self._ctx.now():
            self.widget.show_error(self.tr("The deadline has passed: pick a time in the future."))
            return
        ref = new_client_ref()
        try:
            ticket = TicketCreate(
                caller_number=values.caller_number,
                type=values.type,
                content=values.content,
                category_id=values.category_id,
                department_id=values.department_id,
                deadline=values.deadline,
                customer_id=self.customer_id,
                client_ref=ref,
            )
        except ValidationError as exc:  # a rule added to the schema later: say which field, never crash
            logger.info("ticket not valid: %s", exc)
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first.get("loc", ()))
            self.widget.show_error(
                self.tr("The ticket cannot be saved: %1 (%2).")
                .replace("%1", str(first.get("msg")))
                .replace("%2", where)
            )
            return
        customer = None
        if self.customer_id is None and values.customer_name:
            customer = CustomerCreate(
                name=values.customer_name, address=values.customer_address, phones=[values.caller_number]
            )
        self._pending_ref = ref
        self.widget.save_button.setEnabled(False)
        self._offline.save_ticket(ticket, new_customer=customer, link_serial=values.link_serial)

    def _on_queued(self, ref: str) -> None:
        if ref == self._pending_ref:
            if self._restored_ref is not None:
                # the corrected ticket is safe in the outbox: the refused one it replaces can go
                self._offline.discard(self._restored_ref)
                self._restored_ref = None
            self.saved_locally.emit(ref)
            if not self._offline.online:
                self.widget.show_queued()

    def _on_online_changed(self, online: bool) -> None:
        if not online and self._pending_ref is not None:
            self.widget.show_queued()

    def _on_refused(self, ref: str, message: str) -> None:
        """The server refused a saved ticket: say so in its words; nothing is lost (the outbox keeps it,
        marked refused, until the call-taker takes it back into the form and saves it corrected)."""
        entry = self._offline.refused_entries.get(ref)
        caller = str(entry.ticket.get("caller_number", "")) if entry is not None else ""
        if ref == self._pending_ref:
            # the form still shows this ticket: correcting it there and saving replaces the refused one
            self._pending_ref = None
            self._restored_ref = ref
            self.widget.show_refused(caller, message, in_form=True)
        else:
            self.widget.show_refused(caller, message, in_form=False)

    def _offer_restore(self) -> None:
        """Refused tickets wait in the outbox (also from an earlier session): offer to restore one that
        is not already in the form."""
        waiting = [ref for ref in self._offline.refused_entries if ref != self._restored_ref]
        self.widget.restore_button.setVisible(bool(waiting))

    def _leave_restored(self) -> None:
        """The form moves on without saving a refused ticket taken back into it: it stays in the outbox,
        marked refused, and the restore button offers it again."""
        if self._restored_ref is not None:
            self._restored_ref = None
            self._offer_restore()

    def restore_refused(self) -> None:
        """Bring the oldest refused ticket back into the form; an unsaved draft on screen is parked."""
        entry = next(
            (e for ref, e in self._offline.refused_entries.items() if ref != self._restored_ref), None
        )
        if entry is None:
            self.widget.hide_restore()
            return
        try:
            draft = TicketCreate.model_validate(entry.ticket)
            customer = CustomerCreate.model_validate(entry.new_customer) if entry.new_customer else None
        except ValidationError as exc:
            logger.warning("refused outbox entry %s unreadable: %s", entry.client_ref, exc)
            self.widget.show_error(self.tr("The refused ticket cannot be read back; tell your shift leader."))
            return
        if self.widget.caller.text().strip() != draft.caller_number:
            self._switch_caller(draft.caller_number)
        self.customer_id = entry.customer_id or draft.customer_id
        self.widget.restore(draft, customer if self.customer_id is None else None)
        self._pending_ref = None
        self._restored_ref = entry.client_ref
        self.widget.show_error(
            self.tr("Refused by the server: %1 Correct the ticket and save again.").replace(
                "%1", entry.last_error or ""
            )
        )

    def _on_sent(self, ref: str, ticket: TicketOut) -> None:
        if ref == self._pending_ref:
            self._pending_ref = None
            if ticket.customer_id is not None:
                self.customer_id = ticket.customer_id
                self.widget.customer_box.hide()
            self.widget.show_saved(ticket.serial)
        self.saved.emit(ticket)
