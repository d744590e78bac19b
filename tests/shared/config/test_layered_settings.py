"""Preset → ProgramData/etc INI → the user's own choice: the later layer wins, bad values fall back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from shared.config import AppSettings, SettingKey
from shared.config.settings import IniLayer, MappingLayer


def _user(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat)


def _ini(tmp_path: Path, text: str) -> IniLayer:
    path = tmp_path / "agentapp.ini"
    path.write_text(text, encoding="utf-8")
    return IniLayer(path)


def test_given_installer_ini_when_user_has_no_choice_then_preset_applies(tmp_path: Path) -> None:
    ini = _ini(tmp_path, "[server]\nurl = http://10.0.0.5:8080/\n[sip]\nport = 5070\ndomain = hotline.gov\n")
    settings = AppSettings("AgentApp", preset_layers=[ini], user=_user(tmp_path))
    assert settings.server_url == "http://10.0.0.5:8080"
    assert settings.sip_port == 5070
    assert settings.sip_domain == "hotline.gov"
    assert settings.source_of(SettingKey.SERVER_URL) == str(ini.path)


def test_given_registry_then_ini_then_user_when_reading_then_later_layer_wins(tmp_path: Path) -> None:
    registry = MappingLayer({"server/url": "http://registry:1", "ui/font_size": "14"}, name="registry")
    ini = _ini(tmp_path, "[server]\nurl = http://ini:2\n")
    user = _user(tmp_path)
    settings = AppSettings("AgentApp", preset_layers=[registry, ini], user=user)
    assert settings.server_url == "http://ini:2"
    assert settings.font_size == 14
    settings.set(SettingKey.SERVER_URL, "http://mine:3")
    assert settings.server_url == "http://mine:3"
    # the user's choice persists across restarts
    again = AppSettings("AgentApp", preset_layers=[registry, ini], user=_user(tmp_path))
    assert again.server_url == "http://mine:3"
    again.reset_user(SettingKey.SERVER_URL)
    assert again.server_url == "http://ini:2"


@pytest.mark.parametrize("port", ["abc", "70000", ""])
def test_given_broken_port_in_preset_when_reading_then_default_used(tmp_path: Path, port: str) -> None:
    settings = AppSettings("AgentApp", preset_layers=[_ini(tmp_path, f"[sip]\nport = {port}\n")],
                           user=_user(tmp_path))
    assert settings.sip_port == 5060


def test_given_unreadable_ini_when_loading_then_ignored_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "agentapp.ini"
    path.write_bytes(b"\xff\xfe[server\nurl=")
    settings = AppSettings("AgentApp", preset_layers=[IniLayer(path)], user=_user(tmp_path))
    assert settings.server_url == "http://127.0.0.1:8080"


def test_given_command_line_override_when_reading_then_it_beats_everything(tmp_path: Path) -> None:
    user = _user(tmp_path)
    user.setValue("server/url", "http://mine:3")
    settings = AppSettings("AgentApp", preset_layers=[], user=user, overrides={"server/url": "http://cli:4"})
    assert settings.server_url == "http://cli:4"
