"""The call-taker's sign-in form: the shared form (:mod:`shared.ui.login`) with the app's banner, plus
"Work offline", offered when the server cannot be reached and this PC may sign the work number in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from agent_app.widgets_common import BannerKind, InlineBanner
from shared.ui import login


class LoginWidget(login.LoginWidget):
    """Displays the form and emits ``submitted`` / ``work_offline_requested``; knows nothing about the
    network. Threading contract: GUI thread."""

    work_offline_requested = Signal(str, str)
    banner: InlineBanner

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.work_offline = QPushButton(self.tr("Work offline"), self)
        self.work_offline.setObjectName("secondaryButton")
        self.work_offline.setMinimumHeight(36)
        self.work_offline.hide()
        self.card_layout.insertWidget(self.card_layout.indexOf(self.sign_in) + 1, self.work_offline)
        self.work_offline.clicked.connect(
            lambda: self.work_offline_requested.emit(self.work_number.text().strip(), self.password.text())
        )

    def subtitle(self) -> str:
        return self.tr("Call-taker sign-in")

    def make_banner(self, parent: QWidget) -> QWidget:
        return InlineBanner(parent, closable=False)

    def present(self, text: str, *, error: bool) -> None:
        self.banner.show_message(text, BannerKind.ERROR if error else BannerKind.WARNING)

    def offer_offline(self, text: str) -> None:
        self.show_warning(text)
        self.work_offline.show()
        self.work_offline.setFocus()

    def withdraw_offline(self) -> None:
        self.work_offline.hide()

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.work_offline.setEnabled(not busy)

    def clear(self, work_number: str) -> None:
        self.withdraw_offline()
        super().clear(work_number)
