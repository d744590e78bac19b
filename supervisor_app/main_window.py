"""The console window: sign-in page, then the work area — a header with the supervision ladder and tabs
for seats + queues, wallboard, reports, tickets, recordings/QA, notices and blacklist."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shared.protocol.enums import SupervisionMode

from .common import InlineBanner
from .login.widgets import LoginWidget


class LadderBar(QFrame):
    """Listen → whisper → barge → take-over → stop, for the selected (or supervised) seat."""

    requested = Signal(object)  # SupervisionMode | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ladderBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.status = QLabel(self.tr("Supervision: off"), self)
        layout.addWidget(self.status)
        self.buttons: dict[SupervisionMode | None, QPushButton] = {}
        for mode, text in (
            (SupervisionMode.LISTEN, self.tr("Listen")),
            (SupervisionMode.WHISPER, self.tr("Whisper")),
            (SupervisionMode.BARGE, self.tr("Barge in")),
            (SupervisionMode.TAKE_OVER, self.tr("Take over")),
            (None, self.tr("Stop")),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"ladder_{mode.value if mode else 'stop'}")
            button.clicked.connect(lambda _c=False, m=mode: self.requested.emit(m))
            layout.addWidget(button)
            self.buttons[mode] = button

    def show_mode(self, name: str | None, mode: SupervisionMode | None) -> None:
        if mode is None:
            self.status.setText(self.tr("Supervision: off"))
        else:
            self.status.setText(
                self.tr("Supervising %1: %2").replace("%1", name or "").replace("%2", mode.value)
            )
        for m, button in self.buttons.items():
            button.setProperty("active", m == mode and m is not None)
            button.style().unpolish(button)
            button.style().polish(button)


class MainWindow(QMainWindow):
    """Holds the panes the composition root (:mod:`supervisor_app.app`) gives it."""

    sign_out_requested = Signal()
    wall_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Hotline Desk — shift leader"))
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.login = LoginWidget(self.stack)
        self.stack.addWidget(self.login)
        self.work = QWidget(self.stack)
        self.stack.addWidget(self.work)
        layout = QVBoxLayout(self.work)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        header = QHBoxLayout()
        self.who = QLabel(self.work)
        self.who.setObjectName("leaderLabel")
        header.addWidget(self.who)
        self.stream_state = QLabel(self.work)
        self.stream_state.setObjectName("hint")
        header.addWidget(self.stream_state)
        header.addStretch(1)
        self.ladder = LadderBar(self.work)
        header.addWidget(self.ladder)
        self.wall_button = QPushButton(self.tr("Wall display"), self.work)
        self.wall_button.clicked.connect(self.wall_requested)
        header.addWidget(self.wall_button)
        self.sign_out = QPushButton(self.tr("Sign out"), self.work)
        self.sign_out.clicked.connect(self.sign_out_requested)
        header.addWidget(self.sign_out)
        layout.addLayout(header)
        self.banner = InlineBanner(self.work)
        layout.addWidget(self.banner)
        self.tabs = QTabWidget(self.work)
        layout.addWidget(self.tabs, 1)
        self.seats_split = QSplitter(Qt.Orientation.Vertical, self.tabs)
        self.tabs.addTab(self.seats_split, self.tr("Seats and queues"))

    def add_tab(self, widget: QWidget, title: str) -> None:
        self.tabs.addTab(widget, title)

    def show_work(self, who: str) -> None:
        self.who.setText(who)
        self.stack.setCurrentWidget(self.work)

    def show_login(self) -> None:
        self.stack.setCurrentWidget(self.login)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
