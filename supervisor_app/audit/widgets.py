"""The audit log as leaders read it: who forced, supervised, blocked or published what, and when."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..seats.widgets import make_table


class AuditPane(QWidget):
    """Displays the newest audit entries; emits ``refresh_requested``."""

    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        title = QLabel(
            self.tr("Every supervision act, forced state, block and notice is recorded here."), self
        )
        title.setObjectName("hint")
        bar.addWidget(title, 1)
        self.refresh = QPushButton(self.tr("Refresh"), self)
        bar.addWidget(self.refresh)
        layout.addLayout(bar)
        self.table = make_table(
            self, [self.tr("Time"), self.tr("By"), self.tr("Action"), self.tr("Target"), self.tr("Details")]
        )
        layout.addWidget(self.table, 1)
        self.refresh.clicked.connect(self.refresh_requested)
