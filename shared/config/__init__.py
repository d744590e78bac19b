"""Layered settings for both apps: the IT preset (registry / ProgramData / /etc) under the user's own."""

from .settings import AppSettings, SettingKey, SettingsLayer, default_preset_layers

__all__ = ["AppSettings", "SettingKey", "SettingsLayer", "default_preset_layers"]
