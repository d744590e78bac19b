"""Sign-in for leaders: the shared sign-in (:mod:`shared.ui.login`) plus a role check — an agent's login
is refused here and signed out again at once."""

from __future__ import annotations

import logging

from shared.client.models import LoginResponse
from shared.protocol.enums import Role
from shared.ui import login

from ..common import ConsoleContext
from .widgets import LoginWidget

logger = logging.getLogger(__name__)


class LoginController(login.LoginController):
    """Threading contract: GUI thread; network work runs on the bridge."""

    def __init__(self, ctx: ConsoleContext, widget: LoginWidget) -> None:
        super().__init__(
            api=ctx.api, bridge=ctx.bridge, settings=ctx.settings, widget=widget, server_url=ctx.api.base_url
        )
        self._ctx = ctx

    def refusal(self, result: LoginResponse) -> str | None:
        if result.agent.role not in (Role.LEADER, Role.ADMIN):
            logger.info("%s is not a leader; console refused", result.agent.work_number)
            return self.tr("This console is for shift leaders; sign in with the agent app.")
        return None
