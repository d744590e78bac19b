"""What every feature controller receives: plain constructor injection, no globals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from shared.client.api import HotlineApi
from shared.client.qt import ApiBridge
from shared.config import AppSettings

from .softphone.port import SoftphonePort


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class AppContext:
    """Threading contract: built and used on the GUI thread; ``api`` methods run only via ``bridge``."""

    api: HotlineApi
    bridge: ApiBridge
    settings: AppSettings
    phone: SoftphonePort
    data_dir: Path
    now: Callable[[], datetime] = field(default=_utcnow)
