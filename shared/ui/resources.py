"""Where the shipped resources (icons, translations) live, and icon loading for both desktop apps."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

from shared.i18n.translators import translations_dir


def resources_dir() -> Path:
    return translations_dir().parent


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


def pixmap(name: str, size: int = 20) -> QPixmap:
    return icon(name).pixmap(QSize(size, size))
