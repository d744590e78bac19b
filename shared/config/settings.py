"""Layered settings: system-wide preset first, then the ProgramData/etc INI, then the user's ``QSettings``.

Precedence (later wins): Windows registry ``HKLM\\Software\\HotlineDesk\\<App>`` → INI file
(``%ProgramData%\\HotlineDesk\\<app>.ini`` on Windows, ``/etc/hotline-desk/<app>.ini`` elsewhere) → the
user's own ``QSettings``. The installer writes the first two; the app writes only the user layer, so an
uninstall/reinstall with a new preset keeps what the call-taker chose, and "reset" just clears the user layer.

Keys are ``section/name`` both in INI files (``[server]`` ``url=…``) and in the registry (subkey
``server``, value ``url``), so IT can use one spelling everywhere.
"""

from __future__ import annotations

import configparser
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

logger = logging.getLogger(__name__)

ORGANISATION = "HotlineDesk"


class SettingKey(StrEnum):
    SERVER_URL = "server/url"
    SIP_DOMAIN = "sip/domain"
    SIP_REGISTRAR = "sip/registrar"
    SIP_PORT = "sip/port"
    RING_DEVICE = "audio/ring_device"
    MICROPHONE_DEVICE = "audio/microphone_device"
    SPEAKER_DEVICE = "audio/speaker_device"
    LANGUAGE = "ui/language"
    FONT_SIZE = "ui/font_size"
    LAST_WORK_NUMBER = "login/last_work_number"
    HOTKEY_ANSWER = "hotkeys/answer"
    HOTKEY_HANGUP = "hotkeys/hangup"
    HOTKEY_HOLD = "hotkeys/hold"
    HOTKEY_MUTE = "hotkeys/mute"
    HOTKEY_READY = "hotkeys/ready"
    HOTKEYS_GLOBAL = "hotkeys/global"  # system-wide (Windows, Linux X11) instead of only while focused
    OFFLINE_SIGN_IN_DAYS = "login/offline_sign_in_days"  # signing in without the server: days; 0 = never


DEFAULTS: dict[SettingKey, Any] = {
    SettingKey.SERVER_URL: "http://127.0.0.1:8080",
    SettingKey.SIP_DOMAIN: "",
    SettingKey.SIP_REGISTRAR: "",
    SettingKey.SIP_PORT: 5060,
    SettingKey.RING_DEVICE: "",
    SettingKey.MICROPHONE_DEVICE: "",
    SettingKey.SPEAKER_DEVICE: "",
    SettingKey.LANGUAGE: "",  # empty = follow the system locale
    SettingKey.FONT_SIZE: 11,
    SettingKey.LAST_WORK_NUMBER: "",
    SettingKey.HOTKEY_ANSWER: "F5",
    SettingKey.HOTKEY_HANGUP: "F6",
    SettingKey.HOTKEY_HOLD: "F7",
    SettingKey.HOTKEY_MUTE: "F8",
    SettingKey.HOTKEY_READY: "F9",
    SettingKey.HOTKEYS_GLOBAL: "false",
    SettingKey.OFFLINE_SIGN_IN_DAYS: 7,
}


class SettingsLayer(Protocol):
    """One read-only source of preset values; ``name`` says where a value came from in logs."""

    name: str

    def read(self) -> Mapping[str, str]: ...


@dataclass
class IniLayer:
    """An INI file written by the installer; a missing or broken file is an empty layer, logged.
    Threading contract: ``read`` may run on any thread (it only reads the file)."""

    path: Path
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or str(self.path)

    def read(self) -> Mapping[str, str]:
        if not self.path.is_file():
            return {}
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(self.path, encoding="utf-8-sig")
        except (configparser.Error, OSError, UnicodeDecodeError) as exc:
            logger.warning("ignoring unreadable settings preset %s: %s", self.path, exc)
            return {}
        values: dict[str, str] = {}
        for section in parser.sections():
            for option, value in parser.items(section):
                values[f"{section.lower()}/{option.lower()}"] = value
        return values


@dataclass
class RegistryLayer:
    """``HKLM\\Software\\HotlineDesk\\<App>`` with one subkey per section (Windows only).
    Threading contract: ``read`` may run on any thread."""

    app: str
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or f"HKLM\\Software\\{ORGANISATION}\\{self.app}"

    def read(self) -> Mapping[str, str]:
        if sys.platform != "win32":
            return {}
        import winreg  # only on Windows

        values: dict[str, str] = {}
        root = f"Software\\{ORGANISATION}\\{self.app}"
        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, root) as key:
                index = 0
                while True:
                    try:
                        section = winreg.EnumKey(key, index)
                    except OSError:
                        break
                    index += 1
                    with winreg.OpenKey(key, section) as sub:
                        j = 0
                        while True:
                            try:
                                option, value, _kind = winreg.EnumValue(sub, j)
                            except OSError:
                                break
                            j += 1
                            values[f"{section.lower()}/{option.lower()}"] = str(value)
        except OSError:
            return {}
        return values


@dataclass
class MappingLayer:
    """A fixed mapping: tests and command-line overrides (``--server``). Immutable; any thread."""

    values: Mapping[str, str]
    name: str = "override"

    def read(self) -> Mapping[str, str]:
        return self.values


def default_preset_layers(app: str) -> list[SettingsLayer]:
    """The installed preset for ``app`` ("AgentApp" / "SupervisorApp"), lowest precedence first."""
    file_name = f"{app.lower()}.ini"
    if sys.platform == "win32":
        program_data = Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData"))
        return [RegistryLayer(app), IniLayer(program_data / ORGANISATION / file_name)]
    return [IniLayer(Path("/etc/hotline-desk") / file_name)]


class AppSettings:
    """Typed view over the preset layers plus the user's ``QSettings``.

    Threading contract: create and use on the GUI thread (``QSettings`` is reentrant, not shared);
    the preset layers are read once at construction.
    """

    def __init__(
        self,
        app: str,
        *,
        preset_layers: list[SettingsLayer] | None = None,
        user: QSettings | None = None,
        overrides: Mapping[str, str] | None = None,
    ) -> None:
        self.app = app
        layers = default_preset_layers(app) if preset_layers is None else preset_layers
        self._preset: dict[str, str] = {}
        self._source: dict[str, str] = {}
        for layer in layers:
            for key, value in layer.read().items():
                self._preset[key] = value
                self._source[key] = layer.name
        if user is None:
            # Imported here so the preset layers (registry, INI) load without Qt: the installer's
            # self-test reads them under wine, where Qt cannot start.
            from PySide6.QtCore import QSettings

            user = QSettings(ORGANISATION, app)
        self._user = user
        self._overrides = dict(overrides or {})

    # ---- raw access -------------------------------------------------------------------------

    def raw(self, key: SettingKey) -> Any:
        if key.value in self._overrides:
            return self._overrides[key.value]
        if self._user.contains(key.value):
            return self._user.value(key.value)
        if key.value in self._preset:
            return self._preset[key.value]
        return DEFAULTS[key]

    def source_of(self, key: SettingKey) -> str:
        """Where the effective value comes from: 'override', 'user', a preset path, or 'default'."""
        if key.value in self._overrides:
            return "override"
        if self._user.contains(key.value):
            return "user"
        return self._source.get(key.value, "default")

    def set(self, key: SettingKey, value: Any) -> None:
        self._user.setValue(key.value, value)
        self._user.sync()

    def reset_user(self, key: SettingKey) -> None:
        self._user.remove(key.value)
        self._user.sync()

    def text(self, key: SettingKey) -> str:
        value = self.raw(key)
        return "" if value is None else str(value).strip()

    def integer(self, key: SettingKey, *, minimum: int, maximum: int) -> int:
        value = self.raw(key)
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            logger.warning(
                "setting %s=%r from %s is not a number; using %s",
                key,
                value,
                self.source_of(key),
                DEFAULTS[key],
            )
            return int(DEFAULTS[key])
        if not minimum <= number <= maximum:
            logger.warning(
                "setting %s=%s from %s is outside %s..%s; using %s",
                key,
                number,
                self.source_of(key),
                minimum,
                maximum,
                DEFAULTS[key],
            )
            return int(DEFAULTS[key])
        return number

    # ---- typed properties ---------------------------------------------------------------------

    @property
    def server_url(self) -> str:
        return self.text(SettingKey.SERVER_URL).rstrip("/")

    @property
    def sip_domain(self) -> str:
        return self.text(SettingKey.SIP_DOMAIN)

    @property
    def sip_registrar(self) -> str:
        return self.text(SettingKey.SIP_REGISTRAR)

    @property
    def sip_port(self) -> int:
        return self.integer(SettingKey.SIP_PORT, minimum=1, maximum=65535)

    @property
    def ring_device(self) -> str:
        return self.text(SettingKey.RING_DEVICE)

    def flag(self, key: SettingKey) -> bool:
        return self.text(key).lower() in ("1", "true", "yes", "on")

    @property
    def language(self) -> str:
        return self.text(SettingKey.LANGUAGE)

    @property
    def font_size(self) -> int:
        return self.integer(SettingKey.FONT_SIZE, minimum=8, maximum=32)

    @property
    def last_work_number(self) -> str:
        return self.text(SettingKey.LAST_WORK_NUMBER)
