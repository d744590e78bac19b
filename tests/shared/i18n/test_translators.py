"""Translations: zh_CN is shipped and loads; the default follows the system locale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from pytestqt.qtbot import QtBot

from shared.i18n import TranslationInstaller, resolve_language, translations_dir


@pytest.mark.gui
def test_given_zh_cn_when_installed_then_agent_strings_are_chinese_and_en_restores(qtbot: QtBot) -> None:
    installer = TranslationInstaller("agent_app")
    try:
        assert installer.install("zh_CN")
        assert QCoreApplication.translate("StateBarWidget", "Ready") == "示闲"
        assert QCoreApplication.translate("SoftphonePanel", "Answer") == "接听"
        assert QCoreApplication.translate("KnowledgePane", "Insert answer into ticket") == "插入答案到工单"
    finally:
        installer.install("en")
    assert QCoreApplication.translate("StateBarWidget", "Ready") == "Ready"


def test_given_system_locale_when_no_preference_then_chinese_locale_means_zh_cn() -> None:
    assert resolve_language("", QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == "zh_CN"
    assert resolve_language("", QLocale(QLocale.Language.Chinese, QLocale.Country.Taiwan)) == "zh_CN"
    assert resolve_language("", QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "en"
    assert resolve_language("en", QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == "en"
    assert resolve_language("fr", QLocale(QLocale.Language.English)) == "en"


def test_given_shipped_catalogues_when_listing_then_ts_and_qm_exist_for_both_languages() -> None:
    for language in ("zh_CN", "en"):
        assert (translations_dir() / f"agent_app_{language}.ts").is_file()
        assert (translations_dir() / f"agent_app_{language}.qm").stat().st_size > 1000
