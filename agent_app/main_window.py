"""The main window: login page, then the work area (state bar, banners, softphone | call | knowledge)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .knowledge.widgets import KnowledgePane
from .login.widgets import LoginWidget
from .offline.widgets import OfflineBanner
from .screen_pop.widgets import ScreenPopWidget
from .settings.widgets import SettingsWidget
from .softphone.widgets import SoftphonePanel
from .state_bar.widgets import StateBarWidget
from .tickets.widgets import TicketFormWidget
from .widgets_common import InlineBanner
from .worklists.widgets import WorkListsWidget


class VerticalScroll(QScrollArea):
    """Scrolls vertically only and is never narrower than its content needs (at the current font and
    style), so a larger font widens the column instead of cutting controls off."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), 120)


def _scrolling(widget: QWidget) -> QScrollArea:
    return VerticalScroll(widget)


class MainWindow(QMainWindow):
    """Holds every pane; the composition root (:mod:`agent_app.app`) wires them to controllers. Threading
    contract: GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Hotline Desk — call-taker"))
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.login = LoginWidget(self.stack)
        self.stack.addWidget(self.login)
        self.work = QWidget(self.stack)
        self.stack.addWidget(self.work)
        layout = QVBoxLayout(self.work)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        self.state_bar = StateBarWidget(self.work)
        layout.addWidget(self.state_bar)
        self.offline_banner = OfflineBanner(self.work)
        layout.addWidget(self.offline_banner)
        self.notice_banner = InlineBanner(self.work)
        layout.addWidget(self.notice_banner)
        self.message_banner = InlineBanner(self.work)  # a shift leader's message to this seat
        layout.addWidget(self.message_banner)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.work)
        # scroll areas let the window shrink to a 1366x768 seat screen without clipping controls
        self.softphone = SoftphonePanel()
        self.splitter.addWidget(_scrolling(self.softphone))
        self.center = QTabWidget(self.splitter)
        self.center.setObjectName("centerTabs")
        call_page = QSplitter(Qt.Orientation.Vertical, self.center)
        self.screen_pop = ScreenPopWidget(call_page)
        self.ticket_form = TicketFormWidget()
        call_page.addWidget(_scrolling(self.ticket_form))
        call_page.setSizes([400, 560])
        self.call_page = call_page
        self.center.addTab(call_page, self.tr("Current call"))
        self.worklists = WorkListsWidget(self.center)
        self.center.addTab(self.worklists, self.tr("My work"))
        self.settings = SettingsWidget()
        self.settings_page = _scrolling(self.settings)
        self.center.addTab(self.settings_page, self.tr("Settings"))
        self.knowledge = KnowledgePane(self.splitter)
        self.splitter.setSizes([330, 820, 420])
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)
        self._can_close: Callable[[], bool] = lambda: True

    def show_login(self) -> None:
        self.stack.setCurrentWidget(self.login)

    def show_work(self) -> None:
        self.stack.setCurrentWidget(self.work)

    def set_close_guard(self, guard: Callable[[], bool]) -> None:
        self._can_close = guard

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._can_close():
            event.accept()
        else:
            event.ignore()
