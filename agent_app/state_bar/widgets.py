"""The always-visible strip at the top: state colour, time in state, ready/not-ready, wrap-up, counters."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QToolButton,
    QWidget,
)

from agent_app.widgets_common import format_duration
from shared.protocol.enums import AgentState

from .model import STATE_COLOURS


class StateBarWidget(QFrame):
    """Displays the seat's state; emits intents. Threading contract: GUI thread."""

    ready_requested = Signal()
    not_ready_requested = Signal(str)  # reason code
    #: the ready button pressed during wrap-up: to a call-taker "finish wrap-up" and "ready" are one act
    finish_wrap_up_requested = Signal()
    logout_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(12)
        self.state_chip = QLabel(self)
        self.state_chip.setObjectName("stateChip")
        self.state_chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_chip.setMinimumWidth(150)
        self.state_chip.setMinimumHeight(36)
        layout.addWidget(self.state_chip)
        self.time_in_state = QLabel("00:00", self)
        self.time_in_state.setObjectName("timeInState")
        layout.addWidget(self.time_in_state)
        self.ready_button = QPushButton(self.tr("Ready"), self)
        self.ready_button.setObjectName("readyButton")
        self.ready_button.setMinimumHeight(34)
        layout.addWidget(self.ready_button)
        self.not_ready_button = QToolButton(self)
        self.not_ready_button.setText(self.tr("Not ready"))
        self.not_ready_button.setObjectName("notReadyButton")
        self.not_ready_button.setMinimumHeight(34)
        self.not_ready_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.reason_menu = QMenu(self.not_ready_button)
        self.not_ready_button.setMenu(self.reason_menu)
        layout.addWidget(self.not_ready_button)
        self.wrap_up_bar = QProgressBar(self)
        self.wrap_up_bar.setObjectName("wrapUpBar")
        self.wrap_up_bar.setMaximumWidth(200)
        self.wrap_up_bar.setTextVisible(True)
        layout.addWidget(self.wrap_up_bar)
        layout.addStretch(1)
        self.registration = QLabel(self)
        self.registration.setObjectName("registration")
        layout.addWidget(self.registration)
        self.counters = QLabel(self)
        self.counters.setObjectName("counters")
        layout.addWidget(self.counters)
        self.agent_label = QLabel(self)
        self.agent_label.setObjectName("agentLabel")
        layout.addWidget(self.agent_label)
        self.logout_button = QPushButton(self.tr("Sign out"), self)
        layout.addWidget(self.logout_button)
        self.ready_button.clicked.connect(self._on_ready_clicked)
        self._state = AgentState.LOGGED_OUT
        self.logout_button.clicked.connect(self.logout_requested)
        self.show_wrap_up(None, 0)

    def _on_ready_clicked(self) -> None:
        if self._state is AgentState.WRAP_UP:
            self.finish_wrap_up_requested.emit()
        else:
            self.ready_requested.emit()

    def state_text(self, state: AgentState) -> str:
        return {
            AgentState.LOGGED_OUT: self.tr("Signed out"),
            AgentState.READY: self.tr("Ready"),
            AgentState.NOT_READY: self.tr("Not ready"),
            AgentState.RESERVED: self.tr("Ringing"),
            AgentState.TALKING: self.tr("Talking"),
            AgentState.HOLD: self.tr("On hold"),
            AgentState.WRAP_UP: self.tr("Wrap-up"),
        }[state]

    def set_reasons(self, reasons: list[tuple[str, str]]) -> None:
        self.reason_menu.clear()
        for code, label in reasons:
            action = self.reason_menu.addAction(label)
            action.triggered.connect(lambda _checked=False, c=code: self.not_ready_requested.emit(c))

    def show_state(self, state: AgentState, reason_label: str | None) -> None:
        text = self.state_text(state)
        if reason_label:
            text = f"{text} · {reason_label}"
        self._state = state
        self.state_chip.setText(text)
        # one button for "ready": in wrap-up it says that pressing it ends the wrap-up (there used to be
        # a second "Finish wrap-up" button beside it doing the same, which call-takers read as two acts)
        self.ready_button.setText(
            self.tr("Finish wrap-up · Ready") if state is AgentState.WRAP_UP else self.tr("Ready")
        )
        self.state_chip.setStyleSheet(
            f"#stateChip{{background:{STATE_COLOURS[state]};color:white;border-radius:6px;"
            "font-weight:bold;padding:4px 14px;}"
        )
        self.ready_button.setEnabled(
            state in (AgentState.NOT_READY, AgentState.WRAP_UP, AgentState.LOGGED_OUT)
        )
        self.not_ready_button.setEnabled(
            state in (AgentState.READY, AgentState.NOT_READY, AgentState.WRAP_UP, AgentState.LOGGED_OUT)
        )
        self.logout_button.setEnabled(state not in (AgentState.TALKING, AgentState.HOLD, AgentState.RESERVED))

    def show_time_in_state(self, seconds: float) -> None:
        self.time_in_state.setText(format_duration(seconds))

    def show_wrap_up(self, remaining_s: float | None, total_s: float) -> None:
        self.wrap_up_bar.setVisible(remaining_s is not None)
        if remaining_s is not None:
            self.wrap_up_bar.setMaximum(max(1, int(total_s)))
            self.wrap_up_bar.setValue(max(0, int(remaining_s)))
            self.wrap_up_bar.setFormat(self.tr("Wrap-up %1 s").replace("%1", str(max(0, int(remaining_s)))))

    def show_counters(self, calls: int, talk_seconds: int) -> None:
        self.counters.setText(
            self.tr("Today: %1 calls · talk %2")
            .replace("%1", str(calls))
            .replace("%2", format_duration(talk_seconds))
        )

    def show_agent(self, text: str) -> None:
        self.agent_label.setText(text)

    def show_registration(self, registered: bool) -> None:
        self.registration.setText(self.tr("● Phone online") if registered else self.tr("● Phone offline"))
        colour = "#2e9e5b" if registered else "#c0392b"
        self.registration.setStyleSheet(f"color:{colour};")
