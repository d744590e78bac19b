"""Settings: reads and writes the user's layer of :class:`~shared.config.AppSettings`, lists audio
devices off the GUI thread, plays a test tone on the ring device and shows the microphone level."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QApplication

from agent_app.context import AppContext
from agent_app.widgets_common import BannerKind
from shared.config import SettingKey

from .widgets import SettingsWidget

logger = logging.getLogger(__name__)


HOTKEY_SETTINGS = {
    "answer": SettingKey.HOTKEY_ANSWER,
    "hangup": SettingKey.HOTKEY_HANGUP,
    "hold": SettingKey.HOTKEY_HOLD,
    "mute": SettingKey.HOTKEY_MUTE,
    "ready": SettingKey.HOTKEY_READY,
}


class AudioTools(Protocol):
    """What the settings page needs from the audio stack (the real one wraps shared.telephony.audio)."""

    def devices(self) -> tuple[list[str], list[str]]: ...  # (input names, output names); may block
    def play_test_tone(self, device: str) -> None: ...
    def start_meter(self, device: str) -> None: ...
    def meter_level(self) -> float: ...  # dBFS of the last 20 ms
    def stop_meter(self) -> None: ...
    def rescan(self) -> None: ...


class NoAudio:
    """No sound system (tests, servers): empty device lists, silent tone, flat meter. Any thread."""

    def devices(self) -> tuple[list[str], list[str]]:
        return [], []

    def play_test_tone(self, device: str) -> None:
        return None

    def start_meter(self, device: str) -> None:
        return None

    def meter_level(self) -> float:
        return -96.0

    def stop_meter(self) -> None:
        return None

    def rescan(self) -> None:
        return None


class SettingsController(QObject):
    """Threading contract: GUI thread; device enumeration runs on the bridge."""

    font_size_changed = Signal(int)
    language_changed = Signal(str)
    devices_changed = Signal(str, str, str)
    hotkeys_changed = Signal()  # microphone, speaker, ring device ("" = system default)

    def __init__(
        self,
        ctx: AppContext,
        widget: SettingsWidget,
        audio: AudioTools | None = None,
        apply_font: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(widget)
        self._ctx = ctx
        self.widget = widget
        self.audio: AudioTools = audio or NoAudio()
        self._apply_font = apply_font or apply_application_font
        self._meter = QTimer(self)
        self._meter.setInterval(100)
        self._meter.timeout.connect(lambda: widget.show_level(self.audio.meter_level()))
        widget.save_requested.connect(self.save)
        widget.test_tone_requested.connect(self.test_tone)
        widget.meter_toggled.connect(self.toggle_meter)
        widget.rescan_requested.connect(self.rescan)
        self.load()

    def load(self) -> None:
        settings = self._ctx.settings
        self.widget.server.setText(settings.server_url)
        source = settings.source_of(SettingKey.SERVER_URL)
        names = {
            "override": self.tr("this start's command line"),
            "user": self.tr("your own setting"),
            "default": self.tr("built-in default"),
        }
        self.widget.server_source.setText(self.tr("From: %1").replace("%1", names.get(source, source)))
        self.widget.language.setCurrentIndex(max(0, self.widget.language.findData(settings.language)))
        self.widget.font_size.setValue(settings.font_size)
        for name, edit in self.widget.hotkeys.items():
            edit.setKeySequence(QKeySequence(settings.text(HOTKEY_SETTINGS[name])))
        self.widget.hotkeys_global.setChecked(settings.flag(SettingKey.HOTKEYS_GLOBAL))
        self.refresh_devices()

    def refresh_devices(self) -> None:
        settings = self._ctx.settings

        def show(result: tuple[list[str], list[str]]) -> None:
            inputs, outputs = result
            self.widget.set_devices(
                inputs,
                outputs,
                settings.text(SettingKey.MICROPHONE_DEVICE),
                settings.text(SettingKey.SPEAKER_DEVICE),
                settings.ring_device,
            )

        self._ctx.bridge.run(self.audio.devices, success=show)

    def rescan(self) -> None:
        self._ctx.bridge.run(self.audio.rescan, success=lambda _r: self.refresh_devices())

    def save(self) -> None:
        w, settings = self.widget, self._ctx.settings
        server = w.server.text().strip().rstrip("/")
        if server and not server.startswith(("http://", "https://")):
            w.show_message(
                self.tr("The server address must start with http:// or https://"), BannerKind.ERROR
            )
            return
        old_language = settings.language
        server_changed = bool(server) and server != settings.server_url
        if server_changed:
            settings.set(SettingKey.SERVER_URL, server)
        settings.set(SettingKey.MICROPHONE_DEVICE, w.microphone.currentData() or "")
        settings.set(SettingKey.SPEAKER_DEVICE, w.speaker.currentData() or "")
        settings.set(SettingKey.RING_DEVICE, w.ring.currentData() or "")
        settings.set(SettingKey.LANGUAGE, w.language.currentData() or "")
        settings.set(SettingKey.FONT_SIZE, w.font_size.value())
        old_keys = {name: settings.text(key) for name, key in HOTKEY_SETTINGS.items()}
        old_keys["global"] = str(settings.flag(SettingKey.HOTKEYS_GLOBAL))
        for name, edit in w.hotkeys.items():
            settings.set(
                HOTKEY_SETTINGS[name], edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
            )
        settings.set(SettingKey.HOTKEYS_GLOBAL, "true" if w.hotkeys_global.isChecked() else "false")
        new_keys = {name: settings.text(key) for name, key in HOTKEY_SETTINGS.items()}
        new_keys["global"] = str(settings.flag(SettingKey.HOTKEYS_GLOBAL))
        if old_keys != new_keys:
            self.hotkeys_changed.emit()
        self._apply_font(w.font_size.value())
        self.devices_changed.emit(
            w.microphone.currentData() or "", w.speaker.currentData() or "", w.ring.currentData() or ""
        )
        self.font_size_changed.emit(w.font_size.value())
        message = self.tr("Settings saved.")
        if settings.language != old_language:
            self.language_changed.emit(settings.language)
            message += " " + self.tr("The new language applies fully after the next start.")
        if server_changed:
            message += " " + self.tr("The new server is used from the next sign-in after a restart.")
        w.show_message(message, BannerKind.SUCCESS)

    def show_global_hotkeys(self, *, wanted: bool, unavailable_reason: str, problems: list[str]) -> None:
        """Say under the hotkeys whether they reach the app while another program is in front, or why not."""
        label = self.widget.hotkeys_status
        if not wanted:
            label.hide()
            return
        if unavailable_reason:
            text = unavailable_reason
        elif problems:
            text = "\n".join(problems)
        else:
            text = self.tr("The call hotkeys and headset buttons work while other programs are in front.")
        label.setText(text)
        label.show()

    def test_tone(self) -> None:
        device = self.widget.ring.currentData() or ""
        self._ctx.bridge.run(
            lambda: self.audio.play_test_tone(device),
            failure=lambda e: self.widget.show_message(e.message, BannerKind.WARNING),
        )

    def toggle_meter(self, on: bool) -> None:
        if on:
            self.audio.start_meter(self.widget.microphone.currentData() or "")
            self._meter.start()
        else:
            self._meter.stop()
            self.audio.stop_meter()
            self.widget.show_level(-96.0)


def apply_application_font(size: int) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        font = QFont(app.font())
        font.setPointSize(size)
        app.setFont(font)
