"""The sign-in form: work number, password, the server it talks to (from the installed settings)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_app.widgets_common import BannerKind, InlineBanner


class LoginWidget(QWidget):
    """Displays the form and emits ``submitted``; knows nothing about the network. Threading
    contract: GUI thread."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame(self)
        card.setObjectName("loginCard")
        card.setMinimumWidth(400)
        card.setMaximumWidth(460)
        box = QVBoxLayout(card)
        box.setContentsMargins(32, 28, 32, 28)
        title = QLabel(self.tr("Hotline Desk"), card)
        title.setObjectName("loginTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(title)
        subtitle = QLabel(self.tr("Call-taker sign-in"), card)
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle.setObjectName("loginSubtitle")
        box.addWidget(subtitle)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.work_number = QLineEdit(card)
        self.work_number.setPlaceholderText(self.tr("e.g. 1001"))
        self.work_number.setMaxLength(16)
        self.password = QLineEdit(card)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Work number"), self.work_number)
        form.addRow(self.tr("Password"), self.password)
        box.addLayout(form)
        self.banner = InlineBanner(card, closable=False)
        box.addWidget(self.banner)
        self.sign_in = QPushButton(self.tr("Sign in"), card)
        self.sign_in.setObjectName("primaryButton")
        self.sign_in.setDefault(True)
        self.sign_in.setMinimumHeight(40)
        box.addWidget(self.sign_in)
        self.server_label = QLabel(card)
        self.server_label.setObjectName("hint")
        self.server_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.server_label)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.sign_in.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.work_number.returnPressed.connect(self.password.setFocus)

    def _submit(self) -> None:
        self.submitted.emit(self.work_number.text().strip(), self.password.text())

    def set_server(self, url: str) -> None:
        self.server_label.setText(self.tr("Server: %1").replace("%1", url))

    def set_busy(self, busy: bool) -> None:
        self.sign_in.setEnabled(not busy)
        self.sign_in.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))

    def show_error(self, text: str) -> None:
        self.banner.show_message(text, BannerKind.ERROR)

    def clear(self, work_number: str) -> None:
        self.banner.hide()
        self.password.clear()
        self.work_number.setText(work_number)
        (self.password if work_number else self.work_number).setFocus()
