"""The screen pop: who is calling, their tags, the IVR path, last calls and every open ticket."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_app.widgets_common import BannerKind, InlineBanner, format_duration, icon, pixmap
from shared.client.models import CallSummary, ScreenPop, TicketOut
from shared.protocol.enums import CallDisposition, CustomerTag, SlaLight, TicketStatus, TicketType
from shared.protocol.schemas.calls import CallParticipant, CallParticipantRole

# conference parties named in the cell; the rest only in the tooltip (the column must stay narrow)
_NAMED_IN_CELL = 2
_AGENT_COLUMN = 3  # of the recent calls table


def _local(when: datetime | None) -> str:
    return when.astimezone().strftime("%m-%d %H:%M") if when else ""


class ScreenPopWidget(QFrame):
    """Displays one :class:`ScreenPop`; emits the ticket the call-taker wants to link to. Threading
    contract: GUI thread."""

    ticket_chosen = Signal(str)  # serial

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenPop")
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        head = QHBoxLayout()
        self.number = QLabel(self.tr("No caller"), self)
        self.number.setObjectName("popNumber")
        self.name = QLabel(self)
        self.name.setObjectName("popName")
        head.addWidget(self.number)
        head.addWidget(self.name)
        self.tags = QHBoxLayout()
        self.tags.setSpacing(4)
        head.addLayout(self.tags)
        head.addStretch(1)
        layout.addLayout(head)
        self.details = QLabel(self)
        self.details.setObjectName("popDetails")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.ivr = QLabel(self)
        self.ivr.setObjectName("popIvr")
        layout.addWidget(self.ivr)
        self.banner = InlineBanner(self, closable=False)
        layout.addWidget(self.banner)
        self.tickets_title = QLabel(self.tr("Open tickets"), self)
        self.tickets_title.setObjectName("sectionTitle")
        layout.addWidget(self.tickets_title)
        self.tickets = self._table(
            [
                self.tr("SLA"),
                self.tr("Serial"),
                self.tr("Type"),
                self.tr("Status"),
                self.tr("Content"),
                self.tr("Deadline"),
            ]
        )
        self.tickets.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.tickets, 2)
        self.calls_title = QLabel(self.tr("Recent calls"), self)
        self.calls_title.setObjectName("sectionTitle")
        layout.addWidget(self.calls_title)
        self.calls = self._table(
            [self.tr("Time"), self.tr("Duration"), self.tr("Result"), self.tr("Agent"), self.tr("IVR")]
        )
        self.calls.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.calls, 1)
        self.tickets.cellDoubleClicked.connect(self._ticket_double_clicked)
        self._tag_labels: list[QLabel] = []

    def _ticket_double_clicked(self, row: int, _column: int) -> None:
        item = self.tickets.item(row, 1)
        if item is not None:
            self.ticket_chosen.emit(item.text())

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        # sized once per fill (ResizeToContents would re-measure every cell on every setItem)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return table

    def tag_text(self, tag: CustomerTag) -> str:
        return {
            CustomerTag.VIP: self.tr("VIP"),
            CustomerTag.IMPORTANT: self.tr("Important"),
            CustomerTag.ELDERLY: self.tr("Elderly"),
            CustomerTag.BLACKLISTED: self.tr("Blacklisted"),
        }[tag]

    def type_text(self, kind: TicketType) -> str:
        return {
            TicketType.CONSULTATION: self.tr("Consultation"),
            TicketType.COMPLAINT: self.tr("Complaint"),
            TicketType.SUGGESTION: self.tr("Suggestion"),
            TicketType.REPORT: self.tr("Report"),
            TicketType.PRAISE: self.tr("Praise"),
            TicketType.HELP_REQUEST: self.tr("Help request"),
        }[kind]

    def status_text(self, status: TicketStatus) -> str:
        return {
            TicketStatus.REGISTERED: self.tr("Registered"),
            TicketStatus.DISPATCHED: self.tr("Dispatched"),
            TicketStatus.ACCEPTED: self.tr("Accepted"),
            TicketStatus.PROCESSING: self.tr("Processing"),
            TicketStatus.DONE: self.tr("Done"),
            TicketStatus.VISITED: self.tr("Visited"),
            TicketStatus.CLOSED: self.tr("Closed"),
        }[status]

    def disposition_text(self, disposition: CallDisposition | None) -> str:
        if disposition is None:
            return ""
        return {
            CallDisposition.ANSWERED: self.tr("Answered"),
            CallDisposition.ABANDONED: self.tr("Abandoned"),
            CallDisposition.BLOCKED: self.tr("Blocked"),
            CallDisposition.VOICEMAIL: self.tr("Voicemail"),
            CallDisposition.OVERFLOW: self.tr("Overflow"),
            CallDisposition.TRANSFERRED: self.tr("Transferred"),
        }[disposition]

    def sla_text(self, light: SlaLight | None) -> str:
        return {
            SlaLight.GREEN: self.tr("On time"),
            SlaLight.YELLOW: self.tr("Due soon"),
            SlaLight.RED: self.tr("Overdue"),
            None: "",
        }[light]

    def participants_text(self, participants: list[CallParticipant]) -> tuple[str, str]:
        """(cell, tooltip) for who was in a past call: ``王芳`` or ``王芳 + 李强、陈静``; the tooltip
        lists everyone with their part, since the cell names at most two who joined."""
        if not participants:
            return "", ""
        owners = [p.name for p in participants if p.role is CallParticipantRole.OWNER]
        joined = [p.name for p in participants if p.role is CallParticipantRole.CONFERENCE]
        separator = self.tr(", ", "between names in a list")
        cell = separator.join(owners)
        if joined:
            shown = separator.join(joined[:_NAMED_IN_CELL])
            if len(joined) > _NAMED_IN_CELL:
                more = str(len(joined) - _NAMED_IN_CELL)
                shown = self.tr("%1 and %2 more").replace("%1", shown).replace("%2", more)
            cell = self.tr("%1 + %2").replace("%1", cell).replace("%2", shown) if cell else shown
        lines = [
            (
                self.tr("%1 (took the call)")
                if p.role is CallParticipantRole.OWNER
                else self.tr("%1 (joined the conference)")
            ).replace("%1", p.name if p.number in (None, p.name) else f"{p.name} {p.number}")
            for p in participants
        ]
        return cell, "\n".join(lines)

    def ivr_path_text(self, path: str) -> str:
        """``main>1>2`` as the call-taker reads it: the menu's name for the root, arrows between keys."""
        steps = [step for step in path.split(">") if step]
        if steps and steps[0] == "main":
            steps[0] = self.tr("Main menu")
        return " › ".join(steps)

    def show_loading(self, number: str, ivr_text: str) -> None:
        """Immediately on the INVITE: the number and IVR path, before the server answered. Nothing of
        the previous caller stays on screen (their tickets, tags or warnings would be taken for this
        caller's while the lookup runs, or for good when the server cannot be reached)."""
        self.number.setText(number)
        self.name.setText(self.tr("Looking up…"))
        self.ivr.setText(ivr_text)
        self.details.clear()
        self.details.hide()
        self._set_tags([])
        self.banner.hide()
        self.tickets.setRowCount(0)
        self.tickets.show()
        self.calls.setRowCount(0)
        self.tickets_title.setText(self.tr("Open tickets"))
        self.calls_title.setText(self.tr("Recent calls"))

    def show_pop(self, pop: ScreenPop, ivr_text: str) -> None:
        self.number.setText(pop.number)
        customer = pop.customer
        self.name.setText(customer.name or self.tr("(no name)") if customer else self.tr("First-time caller"))
        tags = list(customer.tags) if customer else []
        if pop.blacklisted and CustomerTag.BLACKLISTED not in tags:
            tags.append(CustomerTag.BLACKLISTED)
        self._set_tags(tags)
        details = []
        if customer and customer.address:
            details.append(customer.address)
        if customer and customer.notes:
            details.append(customer.notes)
        self.details.setText(" · ".join(details))
        self.details.setVisible(bool(details))  # no blank line between the name and the IVR path
        self.ivr.setText(ivr_text)
        if pop.blacklisted:
            self.banner.show_message(self.tr("This number is on the blacklist."), BannerKind.WARNING)
        elif customer is None:
            self.banner.show_message(
                self.tr(
                    "First call from this number: fill in the caller's details in the "
                    "ticket form; they are saved with the ticket."
                ),
                BannerKind.INFO,
            )
        else:
            self.banner.hide()
        self.show_open_tickets(pop.open_tickets, pop.open_tickets_total)
        self._fill_calls(pop.recent_calls)
        self.calls_title.setText(self.tr("Recent calls (%1 in all)").replace("%1", str(pop.calls_total)))

    def show_open_tickets(self, tickets: list[TicketOut], total: int) -> None:
        self._fill_tickets(tickets)
        # an empty table would only take the room the recent calls need
        self.tickets.setVisible(bool(tickets))
        self.tickets_title.setText(self.tr("Open tickets (%1)").replace("%1", str(total)))

    def show_error(self, text: str) -> None:
        self.name.setText("")
        self.banner.show_message(text, BannerKind.WARNING)

    def _set_tags(self, tags: list[CustomerTag]) -> None:
        for label in self._tag_labels:
            label.hide()  # at once: deleteLater waits for the event loop
            self.tags.removeWidget(label)
            label.deleteLater()
        self._tag_labels = []
        for tag in tags:
            label = QLabel(self)
            label.setPixmap(pixmap(f"tag_{tag.value}", 24))
            label.setToolTip(self.tag_text(tag))
            label.setAccessibleName(self.tag_text(tag))
            self.tags.addWidget(label)
            text = QLabel(self.tag_text(tag), self)
            text.setObjectName(f"tag_{tag.value}")
            self.tags.addWidget(text)
            self._tag_labels += [label, text]

    def _fill_tickets(self, tickets: list[TicketOut]) -> None:
        self.tickets.setUpdatesEnabled(False)
        self.tickets.setRowCount(len(tickets))
        for row, ticket in enumerate(tickets):
            light = QTableWidgetItem(self.sla_text(ticket.sla_light))
            if ticket.sla_light is not None:
                light.setIcon(icon(f"sla_{ticket.sla_light.value}"))
            values = [
                ticket.serial,
                self.type_text(ticket.type),
                self.status_text(ticket.status),
                ticket.content.replace("\n", " ")[:80],
                _local(ticket.deadline),
            ]
            self.tickets.setItem(row, 0, light)
            for col, value in enumerate(values, start=1):
                self.tickets.setItem(row, col, QTableWidgetItem(value))
        self.tickets.resizeColumnsToContents()
        self.tickets.setUpdatesEnabled(True)

    def _fill_calls(self, calls: list[CallSummary]) -> None:
        self.calls.setUpdatesEnabled(False)
        self.calls.setRowCount(len(calls))
        for row, call in enumerate(calls):
            talk = (
                (call.ended_at - call.answered_at).total_seconds()
                if call.ended_at and call.answered_at
                else 0
            )
            who, who_tip = self.participants_text(call.participants)
            values = [
                _local(call.arrived_at),
                format_duration(talk),
                self.disposition_text(call.disposition),
                who,
                self.ivr_path_text(call.ivr_path or ""),
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
                if col == _AGENT_COLUMN and who_tip:
                    item.setToolTip(who_tip)
                self.calls.setItem(row, col, item)
        self.calls.resizeColumnsToContents()
        self.calls.setUpdatesEnabled(True)
