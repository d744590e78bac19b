"""The inline banner both desktop apps show inside a pane: a friendly one-line message, never a modal
dialog, never a stack trace."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class BannerKind(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    SUCCESS = "success"


_BANNER_STYLE = {
    BannerKind.INFO: "background:#e8f1fb;color:#1d4f86;border:1px solid #b9d3f0;",
    BannerKind.WARNING: "background:#fff6e0;color:#7a5200;border:1px solid #f0d595;",
    BannerKind.ERROR: "background:#fdecea;color:#8a1f17;border:1px solid #f3b8b2;",
    BannerKind.SUCCESS: "background:#e9f7ef;color:#1b6b3d;border:1px solid #b5e2c6;",
}


class InlineBanner(QWidget):
    """A friendly one-line message inside a pane (never a modal dialog, never a stack trace). Threading
    contract: GUI thread."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None, *, closable: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("inlineBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.close_button = QPushButton("×", self)
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(28)
        self.close_button.setVisible(closable)
        self.close_button.clicked.connect(self._dismiss)
        layout.addWidget(self.close_button)
        self.kind = BannerKind.INFO
        self.hide()

    def show_message(self, text: str, kind: BannerKind = BannerKind.INFO) -> None:
        self.kind = kind
        self.setStyleSheet(f"#inlineBanner{{{_BANNER_STYLE[kind]}border-radius:4px;}}")
        self.label.setText(text)
        self.show()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
