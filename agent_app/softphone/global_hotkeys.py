"""System-wide call hotkeys on Windows (``RegisterHotKey``), so a call can be answered while another
program has the focus. Opt-in (``hotkeys/global``): a global F5 would steal the key from every other
program on the seat. Elsewhere the app's own shortcuts are all there is.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence

logger = logging.getLogger(__name__)

WM_HOTKEY = 0x0312
MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000

_NAMED_VK = {
    Qt.Key.Key_Space: 0x20,
    Qt.Key.Key_PageUp: 0x21,
    Qt.Key.Key_PageDown: 0x22,
    Qt.Key.Key_End: 0x23,
    Qt.Key.Key_Home: 0x24,
    Qt.Key.Key_Insert: 0x2D,
    Qt.Key.Key_Delete: 0x2E,
    Qt.Key.Key_Pause: 0x13,
    Qt.Key.Key_MediaTogglePlayPause: 0xB3,
    Qt.Key.Key_MediaPlay: 0xB3,
    Qt.Key.Key_MediaStop: 0xB2,
    Qt.Key.Key_VolumeMute: 0xAD,
}


def windows_hotkey(sequence: str) -> tuple[int, int] | None:
    """``"Ctrl+Alt+F5"`` → ``(modifiers, virtual key)`` for ``RegisterHotKey``; ``None`` if unmappable."""
    keys = QKeySequence(sequence)
    if keys.isEmpty() or keys.count() != 1:
        return None
    combination = keys[0]  # type: ignore[index]  # the stubs miss QKeySequence.__getitem__
    key = combination.key()
    modifiers = combination.keyboardModifiers()
    mods = MOD_NOREPEAT
    if modifiers & Qt.KeyboardModifier.ControlModifier:
        mods |= MOD_CONTROL
    if modifiers & Qt.KeyboardModifier.AltModifier:
        mods |= MOD_ALT
    if modifiers & Qt.KeyboardModifier.ShiftModifier:
        mods |= MOD_SHIFT
    if modifiers & Qt.KeyboardModifier.MetaModifier:
        mods |= MOD_WIN
    value = int(key.value) if hasattr(key, "value") else int(key)
    if Qt.Key.Key_F1.value <= value <= Qt.Key.Key_F24.value:
        return mods, 0x70 + value - Qt.Key.Key_F1.value
    if Qt.Key.Key_A.value <= value <= Qt.Key.Key_Z.value or Qt.Key.Key_0.value <= value <= Qt.Key.Key_9.value:
        return mods, value  # Windows' VK codes for letters and digits are their ASCII codes
    vk = _NAMED_VK.get(Qt.Key(value))
    return (mods, vk) if vk is not None else None


class GlobalHotkeys(QAbstractNativeEventFilter):
    """Threading contract: GUI thread; actions run on the GUI thread from the Windows message loop."""

    def __init__(self) -> None:
        super().__init__()
        self._actions: dict[int, Callable[[], None]] = {}
        self._installed = False

    @property
    def available(self) -> bool:
        return sys.platform == "win32"

    def register(self, sequence: str, action: Callable[[], None]) -> bool:
        """``False`` (and logged) when not on Windows, unmappable, or taken by another program."""
        mapped = windows_hotkey(sequence)
        if not self.available or mapped is None:
            return False
        import ctypes

        hotkey_id = len(self._actions) + 1
        mods, vk = mapped
        if not ctypes.windll.user32.RegisterHotKey(None, hotkey_id, mods, vk):  # type: ignore[attr-defined]
            logger.warning("global hotkey %s is taken by another program", sequence)
            return False
        self._actions[hotkey_id] = action
        if not self._installed:
            app = QCoreApplication.instance()
            if app is not None:
                app.installNativeEventFilter(self)
                self._installed = True
        return True

    def unregister_all(self) -> None:
        if self.available and self._actions:
            import ctypes

            for hotkey_id in self._actions:
                ctypes.windll.user32.UnregisterHotKey(None, hotkey_id)  # type: ignore[attr-defined]
        self._actions.clear()

    def nativeEventFilter(self, event_type: Any, message: Any) -> tuple[bool, int]:
        if bytes(event_type) != b"windows_generic_MSG":
            return False, 0
        import ctypes.wintypes

        msg = ctypes.wintypes.MSG.from_address(int(message))
        if msg.message == WM_HOTKEY and msg.wParam in self._actions:
            self._actions[msg.wParam]()
            return True, 0
        return False, 0
