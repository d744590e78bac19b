"""Tickets board controller: loads open tickets by light/department, the overdue summary, and performs
re-dispatch, extension decisions, rework and return visits through the server's ticket actions."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from shared.client.errors import ApiClientError
from shared.protocol.enums import ExtensionDecision, Satisfaction, TicketStatus
from shared.protocol.events import EventEnvelope, EventType
from shared.protocol.schemas.tickets import (
    ExtensionDecisionRequest,
    OverdueSummary,
    TicketActionRequest,
    TicketDetail,
    TicketOut,
    TicketPage,
)

from ..common import ConsoleContext
from ..seats.widgets import fill_table
from .widgets import TicketsBoard

logger = logging.getLogger(__name__)

OPEN_STATUSES = [
    TicketStatus.REGISTERED,
    TicketStatus.DISPATCHED,
    TicketStatus.ACCEPTED,
    TicketStatus.PROCESSING,
]


def status_label(status: TicketStatus) -> str:
    return {
        TicketStatus.REGISTERED: QCoreApplication.translate("TicketStatuses", "Registered"),
        TicketStatus.DISPATCHED: QCoreApplication.translate("TicketStatuses", "Dispatched"),
        TicketStatus.ACCEPTED: QCoreApplication.translate("TicketStatuses", "Accepted"),
        TicketStatus.PROCESSING: QCoreApplication.translate("TicketStatuses", "Processing"),
        TicketStatus.DONE: QCoreApplication.translate("TicketStatuses", "Done"),
        TicketStatus.VISITED: QCoreApplication.translate("TicketStatuses", "Visited"),
        TicketStatus.CLOSED: QCoreApplication.translate("TicketStatuses", "Closed"),
    }[status]


def _age(now: datetime, created: datetime) -> str:
    hours = int((now - created).total_seconds() // 3600)
    return f"{hours // 24}d {hours % 24}h"


class TicketsController(QObject):
    """Threading contract: GUI thread; requests on the bridge."""

    notify = Signal(str, bool)

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.pane = TicketsBoard(parent)
        self.rows: list[TicketOut] = []
        self.detail: TicketDetail | None = None
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(1500)  # ticket events come in bursts (dispatch + edit); reload once
        self._reload.timeout.connect(self.refresh)
        b = self.pane
        b.filter_changed.connect(self.refresh)
        b.ticket_selected.connect(self.select)
        b.redispatch_requested.connect(self.redispatch)
        b.extension_decided.connect(self.decide)
        b.reopen_requested.connect(self.reopen)
        b.visit_requested.connect(self.visit)

    def start(self) -> None:
        self._ctx.bridge.run(
            self._ctx.api.departments, success=self.pane.set_departments, failure=self._failed
        )
        self.refresh()

    def refresh(self) -> None:
        api, bridge = self._ctx.api, self._ctx.bridge
        key = self.pane.current_filter()
        filters: dict[str, object] = {"limit": 200, "department_id": self.pane.selected_department()}
        if key in ("red", "yellow", "green"):
            filters["light"] = key
            filters["status"] = [s.value for s in OPEN_STATUSES]
        elif key == "done":
            filters["status"] = [TicketStatus.DONE.value]
        elif key == "extension":
            filters["pending_extension"] = True  # any status: a request waits for a decision either way
        else:
            filters["status"] = [s.value for s in OPEN_STATUSES]
        bridge.run(
            lambda: api.tickets(**filters), success=lambda page: self._show(page, key), failure=self._failed
        )
        bridge.run(api.overdue, success=self._show_overdue, failure=self._failed)

    def on_event(self, envelope: EventEnvelope) -> None:
        if envelope.type is EventType.TICKET_DID_CHANGE and not self._reload.isActive():
            self._reload.start()

    def _show(self, page: TicketPage, key: str) -> None:
        rows = page.items
        if key == "returned":
            rows = [t for t in rows if t.return_count > 0]
        self.rows = rows
        now = self._ctx.now()
        self.pane.serials = [t.serial for t in rows]
        fill_table(
            self.pane.table,
            [
                [
                    "",
                    t.serial,
                    t.title or t.content[:20],
                    status_label(t.status),
                    t.department_name or "—",
                    _age(now, t.created_at),
                    str(t.return_count or ""),
                ]
                for t in rows
            ],
        )
        for i, t in enumerate(rows):
            self.pane.set_light_cell(i, t.sla_light)

    def _show_overdue(self, summary: OverdueSummary) -> None:
        selected = self.pane.selected_department()
        self.pane.department_ids = [d.department_id for d in summary.departments]
        self.pane.overdue.blockSignals(True)
        fill_table(
            self.pane.overdue,
            [
                [d.department_name or "—", str(d.red), str(d.yellow), str(d.green), str(d.open_total)]
                for d in summary.departments
            ],
        )
        for row, d in enumerate(summary.departments):
            if d.red:
                item = self.pane.overdue.item(row, 1)
                if isinstance(item, QTableWidgetItem):
                    item.setForeground(QBrush(QColor("white")))
                    item.setBackground(QBrush(QColor("#e0533f")))
            if d.department_id == selected:
                self.pane.overdue.selectRow(row)
        self.pane.overdue.blockSignals(False)

    def select(self, serial: str) -> None:
        self._ctx.bridge.run(
            lambda: self._ctx.api.ticket(serial), success=self._show_detail, failure=self._failed
        )

    def _show_detail(self, ticket: TicketDetail) -> None:
        self.detail = ticket
        b = self.pane
        b.current_serial = ticket.serial
        b.detail_title.setText(f"{ticket.serial}  {ticket.title or ''}  [{status_label(ticket.status)}]")
        lines = [ticket.content, ""]
        lines += [f"{e.at:%m-%d %H:%M} {e.kind} {e.note or ''}" for e in ticket.events[-6:]]
        b.detail_text.setPlainText("\n".join(lines))
        pending = [e for e in ticket.extensions if e.decision is ExtensionDecision.PENDING]
        b.pending_extension = pending[0].id if pending else None
        if pending:
            e = pending[0]
            b.extension_text.setText(
                self.tr("%1 asks until %2: %3")
                .replace("%1", e.requested_by)
                .replace("%2", f"{e.requested_deadline:%Y-%m-%d}")
                .replace("%3", e.reason)
            )
        else:
            b.extension_text.setText(self.tr("None pending"))
        b.approve.setEnabled(bool(pending))
        b.refuse.setEnabled(bool(pending))
        b.visit.setEnabled(ticket.status is TicketStatus.DONE)

    def _act(self, serial: str, request: TicketActionRequest, done_text: str) -> None:
        def done(ticket: TicketDetail) -> None:
            self.notify.emit(done_text, False)
            self._show_detail(ticket)
            self.refresh()

        self._ctx.bridge.run(
            lambda: self._ctx.api.ticket_action(serial, request), success=done, failure=self._failed
        )

    def redispatch(self, serial: str, department_id: int, note: str) -> None:
        request = TicketActionRequest(action="dispatch", department_id=department_id, note=note or None)
        self._act(serial, request, self.tr("Ticket %1 dispatched.").replace("%1", serial))

    def reopen(self, serial: str, note: str) -> None:
        if not note.strip():
            self.notify.emit(self.tr("Say why the ticket goes back for rework."), True)
            return
        self._act(
            serial,
            TicketActionRequest(action="reopen", note=note.strip()),
            self.tr("Ticket %1 sent back for rework.").replace("%1", serial),
        )

    def visit(self, serial: str, satisfaction: str, note: str) -> None:
        request = TicketActionRequest(
            action="visit", satisfaction=Satisfaction(satisfaction), note=note or None
        )
        self._act(serial, request, self.tr("Return visit recorded for %1.").replace("%1", serial))

    def decide(self, serial: str, extension_id: int, approved: bool, note: str) -> None:
        decision = ExtensionDecisionRequest(
            decision=ExtensionDecision.APPROVED if approved else ExtensionDecision.REFUSED, note=note or None
        )

        def done(ticket: TicketDetail) -> None:
            self.notify.emit(
                self.tr("Extension approved.") if approved else self.tr("Extension refused."), False
            )
            self._show_detail(ticket)
            self.refresh()

        self._ctx.bridge.run(
            lambda: self._ctx.api.decide_extension(serial, extension_id, decision),
            success=done,
            failure=self._failed,
        )

    def _failed(self, error: ApiClientError) -> None:
        self.notify.emit(error.message, True)
