"""Global hotkeys: key sequences map to Windows' RegisterHotKey and X11's XGrabKey codes; where neither
exists the app declines politely and the settings page says why (X11 for real: test_global_hotkeys_x11)."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from agent_app.softphone.global_hotkeys import (
    MOD_ALT,
    MOD_CONTROL,
    MOD_NOREPEAT,
    MOD_SHIFT,
    GlobalHotkeys,
    windows_hotkey,
)


@pytest.mark.parametrize(
    ("sequence", "expected"),
    [
        ("F5", (MOD_NOREPEAT, 0x74)),
        ("Ctrl+Alt+A", (MOD_NOREPEAT | MOD_CONTROL | MOD_ALT, ord("A"))),
        ("Shift+F12", (MOD_NOREPEAT | MOD_SHIFT, 0x7B)),
        ("Ctrl+1", (MOD_NOREPEAT | MOD_CONTROL, ord("1"))),
        ("Pause", (MOD_NOREPEAT, 0x13)),
    ],
)
def test_given_key_sequence_when_mapping_then_windows_codes(sequence: str, expected: tuple[int, int]) -> None:
    assert windows_hotkey(sequence) == expected


@pytest.mark.parametrize("sequence", ["", "Ctrl+K, Ctrl+C", "Ctrl+Ä"])
def test_given_unmappable_sequence_when_mapping_then_none(sequence: str) -> None:
    assert windows_hotkey(sequence) is None


@pytest.mark.skipif(sys.platform == "win32", reason="registers real hotkeys on Windows")
def test_given_not_windows_when_registering_then_declined_and_app_shortcuts_remain() -> None:
    hotkeys = GlobalHotkeys()
    assert not hotkeys.available
    assert hotkeys.register("F5", lambda: None) is False
    hotkeys.unregister_all()


@pytest.mark.gui
@pytest.mark.skipif(sys.platform == "win32", reason="Windows registers real hotkeys")
def test_given_no_x11_when_global_hotkeys_switched_on_then_settings_page_says_they_work_only_focused(
    qtbot: Any, agent: Any
) -> None:
    """Qt runs offscreen here, as a Wayland seat would give no key grabs: the page says so in words."""
    page = agent.window.settings
    assert not page.hotkeys_status.isVisibleTo(page)
    page.hotkeys_global.setChecked(True)
    page.save.click()
    assert page.hotkeys_status.isVisibleTo(page)
    assert "not available" in page.hotkeys_status.text() and "focused" in page.hotkeys_status.text()
    page.hotkeys_global.setChecked(False)
    page.save.click()
    assert not page.hotkeys_status.isVisibleTo(page)


def test_given_key_sequences_when_mapping_for_x11_then_modifier_mask_and_keysym() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    from agent_app.softphone.global_hotkeys import X_CONTROL, X_MOD1, X_SHIFT, x11_hotkey

    assert x11_hotkey("F5") == (0, 0xFFC2)
    assert x11_hotkey("Ctrl+Alt+F6") == (X_CONTROL | X_MOD1, 0xFFC3)
    assert x11_hotkey("Shift+A") == (X_SHIFT, ord("a"))
    portable = QKeySequence.SequenceFormat.PortableText
    assert x11_hotkey(QKeySequence(Qt.Key.Key_MediaTogglePlayPause).toString(portable)) == (0, 0x1008FF14)
    assert x11_hotkey(QKeySequence(Qt.Key.Key_MicMute).toString(portable)) == (0, 0x1008FFB2)
    assert x11_hotkey("Ctrl+K, Ctrl+C") is None and x11_hotkey("") is None
