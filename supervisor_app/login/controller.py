"""Sign-in for leaders: the agent app's approach (bridge, friendly errors, last work number), plus a role
check — an agent's login is refused here and signed out again at once."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import LoginResponse
from shared.config import SettingKey
from shared.protocol.enums import Role

from ..common import ConsoleContext
from .widgets import LoginWidget

logger = logging.getLogger(__name__)


class LoginController(QObject):
    """Threading contract: GUI thread; network work runs on the bridge."""

    signed_in = Signal(object)  # LoginResponse
    signed_out = Signal()

    def __init__(self, ctx: ConsoleContext, widget: LoginWidget) -> None:
        super().__init__(widget)
        self._ctx = ctx
        self.widget = widget
        self.session: LoginResponse | None = None
        widget.submitted.connect(self.submit)
        widget.set_server(ctx.api.base_url)
        widget.clear(ctx.settings.last_work_number)

    def submit(self, work_number: str, password: str) -> None:
        if not work_number or not password:
            self.widget.show_error(self.tr("Enter your work number and password."))
            return
        self.widget.set_busy(True)
        self._ctx.bridge.run(
            lambda: self._ctx.api.login(work_number, password),
            success=self._on_signed_in,
            failure=self._failed,
        )

    def _on_signed_in(self, result: LoginResponse) -> None:
        self.widget.set_busy(False)
        if result.agent.role not in (Role.LEADER, Role.ADMIN):
            self.widget.show_error(self.tr("This console is for shift leaders; sign in with the agent app."))
            self._ctx.bridge.run(self._ctx.api.logout)
            return
        self.session = result
        self._ctx.settings.set(SettingKey.LAST_WORK_NUMBER, result.agent.work_number)
        logger.info("leader %s signed in", result.agent.work_number)
        self.signed_in.emit(result)

    def _failed(self, error: ApiClientError) -> None:
        self.widget.set_busy(False)
        if error.error_id is ClientErrorId.NOT_AUTHENTICATED:
            self.widget.show_error(self.tr("Wrong work number or password."))
        elif error.is_unreachable:
            self.widget.show_error(self.tr("Cannot reach the server. Check the network cable or tell IT."))
        else:
            self.widget.show_error(error.message)

    def logout(self) -> None:
        def done(_result: object = None) -> None:
            self.session = None
            self.widget.clear(self._ctx.settings.last_work_number)
            self.signed_out.emit()

        self._ctx.bridge.run(self._ctx.api.logout, success=done, failure=lambda _e: done())
