"""The offline banner across the top of the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from agent_app.widgets_common import BannerKind, InlineBanner


class OfflineBanner(InlineBanner):
    """Says whether the server is reachable and how many tickets wait. Threading contract: GUI thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, closable=False)

    def show_state(self, online: bool, waiting: int, needs_attention: int) -> None:
        if online and waiting == 0 and needs_attention == 0:
            self.hide()
            return
        if not online:
            text = self.tr(
                "The server cannot be reached. Calls still work; %1 ticket(s) are kept on this PC "
                "and will be sent automatically when it is back."
            ).replace("%1", str(waiting))
            self.show_message(text, BannerKind.WARNING)
        elif needs_attention:
            self.show_message(
                self.tr(
                    "%1 saved ticket(s) were refused by the server and are kept on this PC; "
                    "tell your shift leader."
                ).replace("%1", str(needs_attention)),
                BannerKind.ERROR,
            )
        else:
            self.show_message(
                self.tr("Sending %1 ticket(s) saved while offline…").replace("%1", str(waiting)),
                BannerKind.INFO,
            )
