"""The leader's sign-in form: the shared form (:mod:`shared.ui.login`) with the console's subtitle."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from shared.ui import login

from ..common import BannerKind, InlineBanner


class LoginWidget(login.LoginWidget):
    """Displays the form and emits ``submitted``; knows nothing about the network. Threading contract:
    GUI thread."""

    banner: InlineBanner

    def subtitle(self) -> str:
        return self.tr("Shift leader console")

    def make_banner(self, parent: QWidget) -> QWidget:
        return InlineBanner(parent, closable=False)

    def present(self, text: str, *, error: bool) -> None:
        self.banner.show_message(text, BannerKind.ERROR if error else BannerKind.WARNING)
