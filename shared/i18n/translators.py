"""Qt translators: the app's own ``.qm`` files (``resources/translations/<app>_<lang>.qm``) plus Qt's.

Source strings are English; the zh_CN catalogue is the primary UI. A language the project does not ship
falls back to English source strings (never a half-translated mix of a third language).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

logger = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("zh_CN", "en")


def translations_dir() -> Path:
    """``resources/translations`` beside the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return root / "resources" / "translations"


def resolve_language(preferred: str, system_locale: QLocale | None = None) -> str:
    """The language to use: the setting if supported, else the system locale (any Chinese → zh_CN)."""
    if preferred in SUPPORTED_LANGUAGES:
        return preferred
    if preferred:
        logger.warning("language %r is not shipped; following the system locale", preferred)
    locale = system_locale or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


class TranslationInstaller:
    """Installs and swaps translators on the running application.

    Threading contract: GUI thread only. Widgets retranslate on ``QEvent.LanguageChange``.
    """

    def __init__(self, app_name: str, directory: Path | None = None) -> None:
        self._app_name = app_name
        self._dir = directory or translations_dir()
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, language: str) -> bool:
        """Switch to ``language`` (one of :data:`SUPPORTED_LANGUAGES`); ``False`` if its file is missing."""
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before installing translations")
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        if language == "en":
            return True
        ok = True
        own = QTranslator(app)
        if own.load(f"{self._app_name}_{language}", str(self._dir)):
            app.installTranslator(own)
            self._installed.append(own)
        else:
            logger.warning("no %s translation in %s; showing English", language, self._dir)
            ok = False
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        base = QTranslator(app)
        if base.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(base)
            self._installed.append(base)
        return ok
