"""Global hotkeys: key sequences map to Windows' RegisterHotKey codes; other systems decline politely."""

from __future__ import annotations

import sys

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
