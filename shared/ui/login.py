"""The sign-in page both desktop apps share: the form, and the controller that signs in on the bridge.

Each app subclasses both and keeps its differences there: the subtitle and the banner look (the app's
own ``InlineBanner``), the console's role check, the call-taker's offline sign-in. The classes keep the
names ``LoginWidget`` / ``LoginController`` on purpose: Qt's translation context is the class name, so
the strings here and in both apps' subclasses share one context and the catalogues' translations.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import LoginResponse
from shared.client.qt import ApiBridge
from shared.config import AppSettings, SettingKey

logger = logging.getLogger(__name__)


class LoginApi(Protocol):
    """The part of the apps' clients the sign-in uses (``HotlineApi`` and ``SupervisorApi`` both fit)."""

    def login(self, work_number: str, password: str) -> LoginResponse: ...
    def logout(self) -> None: ...


class LoginWidget(QWidget):
    """The form: work number, password, sign-in button, the server it talks to, one message banner.

    Displays and emits ``submitted``; knows nothing about the network. Subclasses give the subtitle
    (:meth:`subtitle`) and the banner (:meth:`make_banner`, shown through :meth:`show_error` /
    :meth:`show_warning`). Threading contract: GUI thread.
    """

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame(self)
        card.setObjectName("loginCard")
        card.setFixedWidth(440)  # a known width lets wrapped messages get their full height
        self.card_layout = box = QVBoxLayout(card)
        box.setContentsMargins(32, 28, 32, 28)
        title = QLabel(self.tr("Hotline Desk"), card)
        title.setObjectName("loginTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(title)
        subtitle = QLabel(self.subtitle(), card)
        subtitle.setObjectName("loginSubtitle")
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        self.banner = self.make_banner(card)
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
        # centred by stretches, not by alignment: an aligned item is asked its height for the whole row's
        # width, so a message wrapped at the card's width would squeeze the fields
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.sign_in.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.work_number.returnPressed.connect(self.password.setFocus)

    # ---- what each app decides ----------------------------------------------------------------

    def subtitle(self) -> str:
        return ""

    def make_banner(self, parent: QWidget) -> QWidget:
        """The app's message banner; a plain label unless the app has its own."""
        label = QLabel(parent)
        label.setWordWrap(True)
        label.hide()
        return label

    def present(self, text: str, *, error: bool) -> None:
        """Put ``text`` in the banner (an error, else a warning)."""
        if isinstance(self.banner, QLabel):
            self.banner.setText(text)
        self.banner.show()

    # ---- shared behaviour ---------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.present(text, error=True)

    def show_warning(self, text: str) -> None:
        self.present(text, error=False)

    def _submit(self) -> None:
        self.submitted.emit(self.work_number.text().strip(), self.password.text())

    def set_server(self, url: str) -> None:
        self.server_label.setText(self.tr("Server: %1").replace("%1", url))

    def set_busy(self, busy: bool) -> None:
        self.sign_in.setEnabled(not busy)
        self.sign_in.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))

    def clear(self, work_number: str) -> None:
        self.banner.hide()
        self.password.clear()
        self.work_number.setText(work_number)
        (self.password if work_number else self.work_number).setFocus()


class LoginController(QObject):
    """Signs in and out through the bridge, remembers the last work number, words the failures.

    Subclasses adjust :meth:`login_job` (more work in the same background job), :meth:`refusal` (a
    signed-in account this app does not accept) and the failure hooks. Threading contract: GUI thread;
    network work runs on the bridge, its results come back on the GUI thread.
    """

    signed_in = Signal(object)  # LoginResponse
    signed_out = Signal()

    def __init__(
        self,
        *,
        api: LoginApi,
        bridge: ApiBridge,
        settings: AppSettings,
        widget: LoginWidget,
        server_url: str,
    ) -> None:
        super().__init__(widget)
        self._api = api
        self._bridge = bridge
        self._settings = settings
        self.widget = widget
        self.session: LoginResponse | None = None
        widget.submitted.connect(self.submit)
        widget.set_server(server_url)
        widget.clear(settings.last_work_number)

    # ---- hooks ----------------------------------------------------------------------------------

    def login_job(self, work_number: str, password: str) -> Callable[[], Any]:
        """What runs on the worker thread; its result goes through :meth:`session_from`."""
        return lambda: self._api.login(work_number, password)

    def session_from(self, result: Any) -> LoginResponse:
        """The session in the job's result (a subclass whose job returns more keeps the rest here)."""
        if not isinstance(result, LoginResponse):
            raise TypeError(f"login_job returned {type(result).__name__}; override session_from")
        return result

    def refusal(self, result: LoginResponse) -> str | None:
        """Why this app does not take this signed-in account (``None``: it does)."""
        return None

    def wrong_password(self, work_number: str) -> None:
        """The server refused the password (the call-taker's app drops its offline verifier here)."""

    def unreachable(self, work_number: str, password: str, error: ApiClientError) -> None:
        self.widget.show_error(self.tr("Cannot reach the server. Check the network cable or tell IT."))

    # ---- flow -----------------------------------------------------------------------------------

    def submit(self, work_number: str, password: str) -> None:
        if not work_number or not password:
            self.widget.show_error(self.tr("Enter your work number and password."))
            return
        self.widget.set_busy(True)
        self._bridge.run(
            self.login_job(work_number, password),
            success=lambda result: self.signed_in_with(self.session_from(result)),
            failure=lambda error: self._failed(work_number, password, error),
        )

    def signed_in_with(self, session: LoginResponse) -> None:
        self.widget.set_busy(False)
        refusal = self.refusal(session)
        if refusal is not None:
            self.widget.show_error(refusal)
            self._bridge.run(self._api.logout)
            return
        self.session = session
        self._settings.set(SettingKey.LAST_WORK_NUMBER, session.agent.work_number)
        logger.info("signed in as %s (%s)", session.agent.work_number, session.agent.role)
        self.signed_in.emit(session)

    def _failed(self, work_number: str, password: str, error: ApiClientError) -> None:
        self.widget.set_busy(False)
        if error.error_id is ClientErrorId.NOT_AUTHENTICATED:
            self.wrong_password(work_number)
            self.widget.show_error(self.tr("Wrong work number or password."))
        elif error.is_unreachable:
            self.unreachable(work_number, password, error)
        else:
            self.widget.show_error(error.message)

    def logout(self) -> None:
        def done(_result: object = None) -> None:
            self.session = None
            self.widget.clear(self._settings.last_work_number)
            self.signed_out.emit()

        self._bridge.run(self._api.logout, success=done, failure=lambda _e: done())
