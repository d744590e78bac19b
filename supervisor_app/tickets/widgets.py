"""The tickets board: lights, overdue by department, the list, and the selected ticket's actions
(re-dispatch, extension decisions, returns, return-visit satisfaction)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shared.protocol.enums import Satisfaction, SlaLight
from shared.protocol.schemas.departments import DepartmentOut

from ..seats.widgets import make_table

LIGHT_COLOURS = {SlaLight.RED: "#e0533f", SlaLight.YELLOW: "#f5b942", SlaLight.GREEN: "#2e9e5b"}


class TicketsBoard(QWidget):
    """Displays tickets and emits intents; knows nothing about the network."""

    filter_changed = Signal()
    ticket_selected = Signal(str)
    redispatch_requested = Signal(str, int, str)  # serial, department id, note
    extension_decided = Signal(str, int, bool, str)  # serial, extension id, approved, note
    reopen_requested = Signal(str, str)
    visit_requested = Signal(str, str, str)  # serial, satisfaction, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.light_buttons = QButtonGroup(self)
        self.light_buttons.setExclusive(True)
        self.filters: dict[str, QPushButton] = {}
        for key, text in (
            ("", self.tr("All open")),
            ("red", self.tr("Red")),
            ("yellow", self.tr("Yellow")),
            ("green", self.tr("Green")),
            ("returned", self.tr("Returned")),
            ("done", self.tr("Awaiting visit")),
            ("extension", self.tr("Extension pending")),
        ):
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setObjectName(f"filter_{key or 'all'}")
            if key in ("red", "yellow", "green"):
                button.setStyleSheet(
                    f"QPushButton:checked{{background:{LIGHT_COLOURS[SlaLight(key)]};color:white;}}"
                )
            self.light_buttons.addButton(button)
            self.filters[key] = button
            bar.addWidget(button)
        self.filters[""].setChecked(True)
        bar.addStretch(1)
        outer.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(split, 1)
        self.overdue = make_table(
            split,
            [self.tr("Department"), self.tr("Red"), self.tr("Yellow"), self.tr("Green"), self.tr("Open")],
        )
        split.addWidget(self.overdue)
        self.table = make_table(
            split,
            [
                self.tr("Light"),
                self.tr("Serial"),
                self.tr("Title"),
                self.tr("Status"),
                self.tr("Department"),
                self.tr("Age"),
                self.tr("Returns"),
            ],
        )
        split.addWidget(self.table)
        detail = QWidget(split)
        dl = QVBoxLayout(detail)
        self.detail_title = QLabel(self.tr("Select a ticket"), detail)
        self.detail_title.setObjectName("sectionTitle")
        self.detail_title.setWordWrap(True)
        dl.addWidget(self.detail_title)
        self.detail_text = QPlainTextEdit(detail)
        self.detail_text.setReadOnly(True)
        self.detail_text.setMaximumHeight(120)
        dl.addWidget(self.detail_text)
        dispatch = QGroupBox(self.tr("Re-dispatch"), detail)
        df = QFormLayout(dispatch)
        self.department = QComboBox(dispatch)
        self.dispatch_note = QLineEdit(dispatch)
        self.dispatch = QPushButton(self.tr("Dispatch"), dispatch)
        df.addRow(self.tr("Department"), self.department)
        df.addRow(self.tr("Note"), self.dispatch_note)
        df.addRow("", self.dispatch)
        dl.addWidget(dispatch)
        ext = QGroupBox(self.tr("Extension request"), detail)
        ef = QVBoxLayout(ext)
        self.extension_text = QLabel(self.tr("None pending"), ext)
        self.extension_text.setWordWrap(True)
        ef.addWidget(self.extension_text)
        erow = QHBoxLayout()
        self.approve = QPushButton(self.tr("Approve"), ext)
        self.refuse = QPushButton(self.tr("Refuse"), ext)
        erow.addWidget(self.approve)
        erow.addWidget(self.refuse)
        ef.addLayout(erow)
        dl.addWidget(ext)
        ret = QGroupBox(self.tr("Return and visit"), detail)
        rf = QFormLayout(ret)
        self.reopen_note = QLineEdit(ret)
        self.reopen = QPushButton(self.tr("Send back for rework"), ret)
        self.satisfaction = QComboBox(ret)
        for value, text in (
            (Satisfaction.SATISFIED, self.tr("Satisfied")),
            (Satisfaction.UNSATISFIED, self.tr("Unsatisfied")),
            (Satisfaction.UNKNOWN, self.tr("Could not reach")),
        ):
            self.satisfaction.addItem(text, value.value)
        self.visit_note = QLineEdit(ret)
        self.visit = QPushButton(self.tr("Record return visit"), ret)
        rf.addRow(self.tr("Reason"), self.reopen_note)
        rf.addRow("", self.reopen)
        rf.addRow(self.tr("Satisfaction"), self.satisfaction)
        rf.addRow(self.tr("Note"), self.visit_note)
        rf.addRow("", self.visit)
        dl.addWidget(ret)
        dl.addStretch(1)
        split.addWidget(detail)
        split.setSizes([260, 720, 380])
        self.serials: list[str] = []
        self.department_ids: list[int | None] = []
        self.current_serial: str | None = None
        self.pending_extension: int | None = None
        self.light_buttons.buttonClicked.connect(lambda _b: self.filter_changed.emit())
        self.overdue.itemSelectionChanged.connect(self.filter_changed)
        self.table.itemSelectionChanged.connect(self._selected)
        self.dispatch.clicked.connect(self._dispatch)
        self.approve.clicked.connect(lambda: self._decide(True))
        self.refuse.clicked.connect(lambda: self._decide(False))
        self.reopen.clicked.connect(
            lambda: (
                self.current_serial
                and self.reopen_requested.emit(self.current_serial, self.reopen_note.text())
            )
        )
        self.visit.clicked.connect(self._visit)

    def current_filter(self) -> str:
        for key, button in self.filters.items():
            if button.isChecked():
                return key
        return ""

    def selected_department(self) -> int | None:
        row = self.overdue.currentRow()
        return self.department_ids[row] if 0 <= row < len(self.department_ids) else None

    def set_departments(self, departments: list[DepartmentOut]) -> None:
        self.department.clear()
        for d in departments:
            self.department.addItem(d.name, d.id)

    def set_light_cell(self, row: int, light: SlaLight | None) -> None:
        item = QTableWidgetItem("●" if light else "")
        if light is not None:
            item.setForeground(QBrush(QColor(LIGHT_COLOURS[light])))
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setItem(row, 0, item)

    def _selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.serials):
            self.ticket_selected.emit(self.serials[row])

    def _dispatch(self) -> None:
        if self.current_serial and self.department.currentData() is not None:
            self.redispatch_requested.emit(
                self.current_serial, int(self.department.currentData()), self.dispatch_note.text()
            )

    def _decide(self, approved: bool) -> None:
        if self.current_serial and self.pending_extension is not None:
            self.extension_decided.emit(self.current_serial, self.pending_extension, approved, "")

    def _visit(self) -> None:
        if self.current_serial:
            self.visit_requested.emit(
                self.current_serial, str(self.satisfaction.currentData()), self.visit_note.text()
            )
