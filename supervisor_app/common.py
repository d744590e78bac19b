"""Pieces every pane of the console shares: the context handed to controllers, state colours and names
(``shared.ui``'s state colours, the same on both apps' screens), durations, banners."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from shared.client.qt import ApiBridge
from shared.client.supervisor_api import SupervisorApi
from shared.config import AppSettings
from shared.protocol.enums import AgentState
from shared.ui.banner import BannerKind, InlineBanner
from shared.ui.formatting import format_duration
from shared.ui.resources import resources_dir
from shared.ui.state_colours import STATE_COLOURS

__all__ = [
    "STATE_COLOURS",
    "STATE_ORDER",
    "BannerKind",
    "ConsoleContext",
    "InlineBanner",
    "format_duration",
    "resources_dir",
    "state_label",
]

#: Display order of states in totals and legends: busy first, as a leader scans for capacity.
STATE_ORDER: tuple[AgentState, ...] = (
    AgentState.TALKING,
    AgentState.HOLD,
    AgentState.RESERVED,
    AgentState.WRAP_UP,
    AgentState.READY,
    AgentState.NOT_READY,
    AgentState.LOGGED_OUT,
)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def state_label(state: AgentState) -> str:
    return _state_labels()[state]


def forget_translations() -> None:
    """Call after installing another language: labels are cached (the grid asks for them 500× per update)."""
    _state_labels.cache_clear()


@cache
def _state_labels() -> dict[AgentState, str]:
    return {
        AgentState.LOGGED_OUT: QCoreApplication.translate("SeatStates", "Logged out"),
        AgentState.READY: QCoreApplication.translate("SeatStates", "Ready"),
        AgentState.NOT_READY: QCoreApplication.translate("SeatStates", "Not ready"),
        AgentState.RESERVED: QCoreApplication.translate("SeatStates", "Ringing"),
        AgentState.TALKING: QCoreApplication.translate("SeatStates", "Talking"),
        AgentState.HOLD: QCoreApplication.translate("SeatStates", "On hold"),
        AgentState.WRAP_UP: QCoreApplication.translate("SeatStates", "Wrap-up"),
    }


@dataclass
class ConsoleContext:
    """What every controller receives. Threading contract: GUI thread; ``api`` only via ``bridge``."""

    api: SupervisorApi
    bridge: ApiBridge
    settings: AppSettings
    data_dir: Path
    now: Callable[[], datetime] = field(default=_utcnow)
    reason_labels: dict[str, str] = field(default_factory=dict)
    reason_limits: dict[str, int] = field(default_factory=dict)
