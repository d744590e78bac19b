"""The ticket form: type, category tree, content, department, deadline, link, caller details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_app.widgets_common import BannerKind, InlineBanner
from shared.client.models import CategoryOut, CustomerCreate, DepartmentOut, TicketCreate, TicketTemplate
from shared.protocol.enums import TicketType


@dataclass(frozen=True)
class TicketFormValues:
    caller_number: str
    type: TicketType
    category_id: int | None
    department_id: int | None
    deadline: datetime | None
    link_serial: str | None
    content: str
    customer_name: str | None  # only for a first-time caller
    customer_address: str | None


class TicketFormWidget(QFrame):
    """Displays the form; emits ``save_requested`` and ``template_chosen``. Threading contract: GUI thread."""

    save_requested = Signal()
    template_chosen = Signal(int)
    new_requested = Signal()
    restore_requested = Signal()  # take a ticket the server refused back into the form

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketForm")
        layout = QVBoxLayout(self)
        # Save, the serial to read out and the saved/error message sit at the top, and what the caller
        # said comes right after who and what kind: all of it visible during a call without scrolling
        # (the category tree and the dispatch fields are below; Ctrl+S saves from anywhere)
        head = QHBoxLayout()
        title = QLabel(self.tr("Ticket"), self)
        title.setObjectName("sectionTitle")
        head.addWidget(title)
        self.serial = QLabel(self)
        self.serial.setObjectName("ticketSerial")
        self.serial.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(self.serial)
        head.addStretch(1)
        self.new_button = QPushButton(self.tr("New ticket"), self)
        self.save_button = QPushButton(self.tr("Save ticket"), self)
        self.save_button.setObjectName("primaryButton")
        self.save_button.setMinimumHeight(40)
        self.save_button.setToolTip(self.tr("Save the ticket (Ctrl+S)"))
        head.addWidget(self.new_button)
        head.addWidget(self.save_button)
        layout.addLayout(head)
        self.banner = InlineBanner(self)
        layout.addWidget(self.banner)
        self.restore_button = QPushButton(self.tr("Restore the refused ticket"), self)
        self.restore_button.setToolTip(self.tr("Put the refused ticket back into this form to correct it"))
        self.restore_button.hide()
        layout.addWidget(self.restore_button)
        top = QFormLayout()
        top.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.template = QComboBox(self)
        top.addRow(self.tr("Template"), self.template)
        self.caller = QLineEdit(self)
        top.addRow(self.tr("Caller number"), self.caller)
        self.type = QComboBox(self)
        for kind, text in self.type_names().items():
            self.type.addItem(text, kind.value)
        top.addRow(self.tr("Type"), self.type)
        layout.addLayout(top)
        self.customer_box = QGroupBox(self.tr("New caller"), self)
        customer_row = QHBoxLayout(self.customer_box)
        self.customer_name = QLineEdit(self.customer_box)
        self.customer_address = QLineEdit(self.customer_box)
        customer_row.addWidget(QLabel(self.tr("Name"), self.customer_box))
        customer_row.addWidget(self.customer_name, 1)
        customer_row.addWidget(QLabel(self.tr("Address"), self.customer_box))
        customer_row.addWidget(self.customer_address, 2)
        self.customer_box.hide()
        layout.addWidget(self.customer_box)
        self.content = QPlainTextEdit(self)
        self.content.setPlaceholderText(self.tr("What the caller asked or reported…"))
        self.content.setTabChangesFocus(True)  # Tab goes on to the category, as in every other field
        self.content.setMinimumHeight(90)
        layout.addWidget(self.content, 1)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.category_filter = QLineEdit(self)
        self.category_filter.setPlaceholderText(self.tr("Filter categories…"))
        self.category = QTreeWidget(self)
        self.category.setHeaderHidden(True)
        self.category.setMinimumHeight(80)  # the scroll area scrolls rather than squash the tree
        self.category.setMaximumHeight(130)
        cat_box = QVBoxLayout()
        cat_box.addWidget(self.category_filter)
        cat_box.addWidget(self.category)
        form.addRow(self.tr("Category"), cat_box)
        self.department = QComboBox(self)
        form.addRow(self.tr("Dispatch to"), self.department)
        deadline_row = QHBoxLayout()
        self.has_deadline = QCheckBox(self.tr("Own deadline"), self)
        self.deadline = QDateTimeEdit(self)
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.deadline.setEnabled(False)
        deadline_row.addWidget(self.has_deadline)
        deadline_row.addWidget(self.deadline, 1)
        form.addRow(self.tr("Deadline"), deadline_row)
        self.link = QComboBox(self)
        self.link.setEditable(True)
        link_edit = self.link.lineEdit()
        assert link_edit is not None  # editable combo
        link_edit.setPlaceholderText(self.tr("Serial of an earlier ticket (optional)"))
        form.addRow(self.tr("Same matter as"), self.link)
        layout.addLayout(form)
        # keyboard order follows the page top to bottom, Save last (the buttons are created first)
        chain: list[QWidget] = [
            self.template,
            self.caller,
            self.type,
            self.customer_name,
            self.customer_address,
            self.content,
            self.category_filter,
            self.category,
            self.department,
            self.has_deadline,
            self.deadline,
            self.link,
            self.save_button,
            self.new_button,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.save_button.clicked.connect(self.save_requested)
        self.restore_button.clicked.connect(self.restore_requested)
        self.new_button.clicked.connect(self.new_requested)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.template.activated.connect(self._template_activated)
        self.category_filter.textChanged.connect(self._filter_categories)

    def _template_activated(self, index: int) -> None:
        if index > 0:
            self.template_chosen.emit(index - 1)

    def type_names(self) -> dict[TicketType, str]:
        return {
            TicketType.CONSULTATION: self.tr("Consultation"),
            TicketType.COMPLAINT: self.tr("Complaint"),
            TicketType.SUGGESTION: self.tr("Suggestion"),
            TicketType.REPORT: self.tr("Report"),
            TicketType.PRAISE: self.tr("Praise"),
            TicketType.HELP_REQUEST: self.tr("Help request"),
        }

    # ---- reference data ---------------------------------------------------------------------

    def set_categories(self, categories: list[CategoryOut]) -> None:
        self.category.clear()
        items: dict[int, QTreeWidgetItem] = {}
        pending = sorted(categories, key=lambda c: (len(c.path), c.sort_order, c.id))
        for cat in pending:
            parent = items.get(cat.parent_id or -1)
            item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self.category)
            item.setText(0, cat.name)
            item.setData(0, Qt.ItemDataRole.UserRole, cat.id)
            items[cat.id] = item
        self.category.expandToDepth(0)

    def _filter_categories(self, text: str) -> None:
        needle = text.strip()

        def visit(item: QTreeWidgetItem | None) -> bool:
            if item is None:
                return False
            child_match = any([visit(item.child(i)) for i in range(item.childCount())])
            match = not needle or needle in item.text(0) or child_match
            item.setHidden(not match)
            if needle and child_match:
                item.setExpanded(True)
            return match

        for i in range(self.category.topLevelItemCount()):
            visit(self.category.topLevelItem(i))

    def set_departments(self, departments: list[DepartmentOut]) -> None:
        self.department.clear()
        self.department.addItem(self.tr("— not dispatched —"), None)
        for dept in departments:
            if dept.active:
                self.department.addItem(dept.name, dept.id)

    def set_templates(self, templates: list[TicketTemplate]) -> None:
        self.template.clear()
        self.template.addItem(self.tr("— choose a template —"))
        for template in templates:
            self.template.addItem(template.name)

    # ---- per call ----------------------------------------------------------------------------

    def start(
        self, caller_number: str, *, first_time: bool, open_serials: list[str], reset: bool = True
    ) -> None:
        """Set the form up for a caller; ``reset=False`` keeps what was already saved for them."""
        self.caller.setText(caller_number)
        self.customer_box.setVisible(first_time)
        link = self.link.currentText()
        self.link.clear()
        self.link.addItem("")
        self.link.addItems(open_serials)
        if reset:
            self.banner.hide()
            self.serial.clear()
            self.save_button.setEnabled(True)
        else:
            self.link.setEditText(link)

    def clear(self) -> None:
        self.content.clear()
        self.customer_name.clear()
        self.customer_address.clear()
        self.has_deadline.setChecked(False)
        self.deadline.setDateTime(QDateTime.currentDateTime().addDays(3))
        self.category.clearSelection()
        self.department.setCurrentIndex(0)
        self.type.setCurrentIndex(0)
        self.template.setCurrentIndex(0)
        self.serial.clear()
        self.banner.hide()
        self.save_button.setEnabled(True)

    def apply_template(self, template: TicketTemplate) -> None:
        self.type.setCurrentIndex(max(0, self.type.findData(template.type.value)))
        self.content.setPlainText(template.content)
        if template.category_id is not None:
            self.select_category(template.category_id)
        if template.department_id is not None:
            index = self.department.findData(template.department_id)
            if index >= 0:  # an inactive or unknown department is not offered; leave the choice alone
                self.department.setCurrentIndex(index)

    def select_category(self, category_id: int) -> None:
        for item in self._all_items():
            if item.data(0, Qt.ItemDataRole.UserRole) == category_id:
                self.category.setCurrentItem(item)
                return

    def _all_items(self) -> list[QTreeWidgetItem]:
        result: list[QTreeWidgetItem] = []
        stack = [self.category.topLevelItem(i) for i in range(self.category.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            result.append(item)
            stack += [item.child(i) for i in range(item.childCount())]
        return result

    def insert_answer(self, text: str) -> None:
        cursor = self.content.textCursor()
        if not self.content.hasFocus():
            cursor.movePosition(cursor.MoveOperation.End)  # clicked from the knowledge pane: append
        if self.content.toPlainText() and not cursor.atBlockStart():
            cursor.insertText("\n")
        cursor.insertText(text)
        self.content.setTextCursor(cursor)

    def values(self) -> TicketFormValues:
        item = self.category.currentItem()
        deadline = self.deadline.dateTime().toPython() if self.has_deadline.isChecked() else None
        if isinstance(deadline, datetime) and deadline.tzinfo is None:
            # the picker shows the seat's local time; the server needs to know which zone that is
            deadline = deadline.astimezone()
        link = self.link.currentText().strip() or None
        first_time = not self.customer_box.isHidden()
        return TicketFormValues(
            caller_number=self.caller.text().strip(),
            type=TicketType(self.type.currentData()),
            category_id=item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None,
            department_id=self.department.currentData(),
            deadline=deadline if isinstance(deadline, datetime) else None,
            link_serial=link,
            content=self.content.toPlainText().strip(),
            customer_name=self.customer_name.text().strip() or None if first_time else None,
            customer_address=self.customer_address.text().strip() or None if first_time else None,
        )

    def show_saved(self, serial: str) -> None:
        self.serial.setText(self.tr("Serial %1 — read it to the caller").replace("%1", serial))
        self.banner.show_message(self.tr("Ticket %1 saved.").replace("%1", serial), BannerKind.SUCCESS)

    def show_queued(self) -> None:
        self.save_button.setEnabled(False)
        self.banner.show_message(
            self.tr(
                "Saved on this PC; it will be sent to the server when it is reachable. "
                "Tell the caller the serial number will follow by SMS."
            ),
            BannerKind.WARNING,
        )

    def show_error(self, text: str) -> None:
        self.banner.show_message(text, BannerKind.ERROR)

    def show_refused(self, caller_number: str, message: str, *, in_form: bool) -> None:
        """The server refused a saved ticket. ``in_form``: the form still holds it (correct and save
        again); otherwise the call-taker can bring it back with the restore button."""
        if in_form:
            self.save_button.setEnabled(True)
            self.serial.clear()
            text = self.tr("The server refused this ticket: %1 Correct it and save again.")
        else:
            text = self.tr(
                "The server refused the ticket for %2: %1 It is kept on this PC; restore it to correct it."
            ).replace("%2", caller_number)
        self.banner.show_message(text.replace("%1", message), BannerKind.ERROR)
        self.restore_button.setVisible(not in_form)

    def hide_restore(self) -> None:
        self.restore_button.hide()

    def restore(self, draft: TicketCreate, customer: CustomerCreate | None) -> None:
        """Fill the form with a draft the server refused (the call-taker corrects it and saves)."""
        self.caller.setText(draft.caller_number)
        self.type.setCurrentIndex(max(0, self.type.findData(draft.type.value)))
        self.content.setPlainText(draft.content)
        if draft.category_id is not None:
            self.select_category(draft.category_id)
        index = self.department.findData(draft.department_id) if draft.department_id is not None else 0
        self.department.setCurrentIndex(max(0, index))
        self.has_deadline.setChecked(draft.deadline is not None)
        if draft.deadline is not None:
            self.deadline.setDateTime(QDateTime.fromSecsSinceEpoch(int(draft.deadline.timestamp())))
        self.customer_box.setVisible(customer is not None)
        if customer is not None:
            self.customer_name.setText(customer.name or "")
            self.customer_address.setText(customer.address or "")
        self.serial.clear()
        self.save_button.setEnabled(True)
        self.restore_button.hide()
