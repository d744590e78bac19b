"""System-wide call hotkeys, so a call can be answered while another program has the focus.

* Windows: ``RegisterHotKey``; the hotkey arrives as ``WM_HOTKEY`` in Qt's native event filter.
* Linux under X11: a passive ``XGrabKey`` on the root window over a private X connection
  (python-xlib), read by a ``QSocketNotifier`` on that connection's socket — no polling and no thread,
  the action runs on the GUI thread. Headsets' buttons reach X as media keys (``XF86AudioPlay``,
  ``XF86AudioMicMute``), so those can be grabbed the same way.
* Wayland (and offscreen, macOS): no protocol lets a client grab keys; the app's own shortcuts, which
  work while its window is focused, are all there is. :attr:`GlobalHotkeys.unavailable_reason` says so
  in words for the settings page.

Opt-in (``hotkeys/global``): a global F5 steals the key from every other program on the seat.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, QSocketNotifier, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

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

# X11 core modifier masks (X.h); Alt and Super sit on Mod1 and Mod4 in every stock keymap
X_SHIFT, X_LOCK, X_CONTROL, X_MOD1, X_MOD2, X_MOD4 = 0x1, 0x2, 0x4, 0x8, 0x10, 0x40
_X_KEY_PRESS, _X_KEY_RELEASE = 2, 3
_XK_NUM_LOCK = 0xFF7F

_NAMED_KEYSYM = {
    Qt.Key.Key_Space: 0x0020,
    Qt.Key.Key_PageUp: 0xFF55,  # Prior
    Qt.Key.Key_PageDown: 0xFF56,  # Next
    Qt.Key.Key_End: 0xFF57,
    Qt.Key.Key_Home: 0xFF50,
    Qt.Key.Key_Insert: 0xFF63,
    Qt.Key.Key_Delete: 0xFFFF,
    Qt.Key.Key_Pause: 0xFF13,
    # what USB headsets' buttons become under X11 (evdev KEY_PLAYPAUSE, KEY_MICMUTE, KEY_PHONE, …)
    Qt.Key.Key_MediaTogglePlayPause: 0x1008FF14,  # XF86AudioPlay
    Qt.Key.Key_MediaPlay: 0x1008FF14,
    Qt.Key.Key_MediaPause: 0x1008FF31,  # XF86AudioPause
    Qt.Key.Key_MediaStop: 0x1008FF15,  # XF86AudioStop
    Qt.Key.Key_VolumeMute: 0x1008FF12,  # XF86AudioMute
    Qt.Key.Key_MicMute: 0x1008FFB2,  # XF86AudioMicMute
    Qt.Key.Key_Phone: 0x1008FF6E,  # XF86Phone
}


def _single_combination(sequence: str) -> tuple[int, Qt.KeyboardModifier] | None:
    keys = QKeySequence(sequence)
    if keys.isEmpty() or keys.count() != 1:
        return None
    combination = keys[0]  # type: ignore[index]  # the stubs miss QKeySequence.__getitem__
    key = combination.key()
    value = int(key.value) if hasattr(key, "value") else int(key)
    return value, combination.keyboardModifiers()


#: Qt modifier → (Windows ``MOD_*``, X11 modifier mask bit)
_MODIFIER_BITS = (
    (Qt.KeyboardModifier.ControlModifier, (MOD_CONTROL, X_CONTROL)),
    (Qt.KeyboardModifier.AltModifier, (MOD_ALT, X_MOD1)),
    (Qt.KeyboardModifier.ShiftModifier, (MOD_SHIFT, X_SHIFT)),
    (Qt.KeyboardModifier.MetaModifier, (MOD_WIN, X_MOD4)),
)


def _modifier_mask(modifiers: Qt.KeyboardModifier, system: int) -> int:
    """The modifier bits of ``modifiers`` for Windows (``system`` 0) or X11 (1)."""
    mask = 0
    for qt_modifier, bits in _MODIFIER_BITS:
        if modifiers & qt_modifier:
            mask |= bits[system]
    return mask


def windows_hotkey(sequence: str) -> tuple[int, int] | None:
    """``"Ctrl+Alt+F5"`` → ``(modifiers, virtual key)`` for ``RegisterHotKey``; ``None`` if unmappable."""
    combination = _single_combination(sequence)
    if combination is None:
        return None
    value, modifiers = combination
    mods = MOD_NOREPEAT | _modifier_mask(modifiers, 0)
    if Qt.Key.Key_F1.value <= value <= Qt.Key.Key_F24.value:
        return mods, 0x70 + value - Qt.Key.Key_F1.value
    if Qt.Key.Key_A.value <= value <= Qt.Key.Key_Z.value or Qt.Key.Key_0.value <= value <= Qt.Key.Key_9.value:
        return mods, value  # Windows' VK codes for letters and digits are their ASCII codes
    vk = _NAMED_VK.get(Qt.Key(value))
    return (mods, vk) if vk is not None else None


def x11_hotkey(sequence: str) -> tuple[int, int] | None:
    """``"Ctrl+Alt+F6"`` → ``(X modifier mask, keysym)`` for ``XGrabKey``; ``None`` if unmappable."""
    combination = _single_combination(sequence)
    if combination is None:
        return None
    value, modifiers = combination
    mask = _modifier_mask(modifiers, 1)
    if Qt.Key.Key_F1.value <= value <= Qt.Key.Key_F35.value:
        return mask, 0xFFBE + value - Qt.Key.Key_F1.value  # XK_F1 … XK_F35 are consecutive
    if Qt.Key.Key_A.value <= value <= Qt.Key.Key_Z.value:
        return mask, value + 0x20  # X names the key by its unshifted (lower-case) symbol
    if Qt.Key.Key_0.value <= value <= Qt.Key.Key_9.value:
        return mask, value
    try:
        keysym = _NAMED_KEYSYM.get(Qt.Key(value))
    except ValueError:  # a character Qt has no enum member for ("Ä")
        return None
    return (mask, keysym) if keysym is not None else None


def _key_name(sequence: str) -> str:
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText) or sequence


@dataclass(frozen=True)
class _Grab:
    keycode: int
    mask: int
    sequence: str
    action: Callable[[], None]


class X11KeyGrabber(QObject):
    """Passive key grabs on the root window of one X display, over a connection of our own.

    Qt's xcb connection is left alone: a grab made there would be Qt-internal API, and a separate
    connection lets the grab and its errors (``BadAccess`` when another client holds the key) be
    checked synchronously. Threading contract: GUI thread only; a ``QSocketNotifier`` on the
    connection's socket wakes the GUI thread's event loop when an event arrives, so actions run there.
    """

    def __init__(self, display_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from Xlib import display as xdisplay

        self._display = xdisplay.Display(display_name)
        self._root = self._display.screen().root
        self._grabs: dict[tuple[int, int], _Grab] = {}
        self._ignored = X_LOCK | self._num_lock_mask()
        self._last_release: tuple[int, int] | None = None  # (keycode, time) to drop auto-repeat
        self.lost = False  # the X server closed our connection: nothing is grabbed any more
        self._notifier = QSocketNotifier(self._display.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _num_lock_mask(self) -> int:
        """NumLock's modifier bit (usually Mod2): a grab without it would miss keys while NumLock is on."""
        keycode = self._display.keysym_to_keycode(_XK_NUM_LOCK)
        if keycode:
            for index, keycodes in enumerate(self._display.get_modifier_mapping()):
                if keycode in keycodes:
                    return 1 << index
        return X_MOD2

    def _lock_variants(self) -> list[int]:
        num = self._ignored & ~X_LOCK
        return sorted({0, X_LOCK, num, X_LOCK | num})

    def grab(self, sequence: str, action: Callable[[], None]) -> str | None:
        """Grab ``sequence``; ``None`` on success, else why not, in words for the call-taker."""
        from Xlib import error as xerror

        mapped = x11_hotkey(sequence)
        if mapped is None:
            return QCoreApplication.translate(
                "GlobalHotkeys", "%1 cannot be used as a global hotkey."
            ).replace("%1", _key_name(sequence))
        mask, keysym = mapped
        keycode = self._display.keysym_to_keycode(keysym)
        if not keycode:
            return QCoreApplication.translate("GlobalHotkeys", "%1 is not on this keyboard.").replace(
                "%1", _key_name(sequence)
            )
        if mask & X_CONTROL and mask & X_MOD1 and 0xFFBE <= keysym <= 0xFFC9:
            # XKB turns Ctrl+Alt+F1…F12 into a console switch and never delivers the key
            return QCoreApplication.translate(
                "GlobalHotkeys", "%1 switches the screen on Linux; choose another key."
            ).replace("%1", _key_name(sequence))
        if (keycode, mask) in self._grabs:
            return QCoreApplication.translate("GlobalHotkeys", "%1 is set for two actions.").replace(
                "%1", _key_name(sequence)
            )
        catcher = xerror.CatchError(xerror.BadAccess)
        try:
            if self.lost:
                raise xerror.ConnectionClosedError("X display")
            for variant in self._lock_variants():
                self._root.grab_key(keycode, mask | variant, False, 1, 1, onerror=catcher)  # GrabModeAsync
            self._display.sync()  # errors of the grabs arrive with this round trip
            taken = catcher.get_error() is not None
            if taken:
                for variant in self._lock_variants():
                    self._root.ungrab_key(keycode, mask | variant)
                self._display.sync()
        except xerror.ConnectionClosedError:
            self._connection_lost()
            return QCoreApplication.translate(
                "GlobalHotkeys", "The connection to the X display was lost; restart Hotline Desk."
            )
        if taken:
            logger.warning("global hotkey %s is held by another X client", sequence)
            return QCoreApplication.translate(
                "GlobalHotkeys",
                "%1 is already taken by another program; it works only while Hotline Desk is in front.",
            ).replace("%1", _key_name(sequence))
        self._grabs[(keycode, mask)] = _Grab(keycode, mask, sequence, action)
        self._drain()  # sync() may have buffered events the notifier will not report again
        return None

    def ungrab_all(self) -> None:
        from Xlib import error as xerror

        grabs = list(self._grabs)
        self._grabs.clear()
        if self.lost:
            return
        try:
            for keycode, mask in grabs:
                for variant in self._lock_variants():
                    self._root.ungrab_key(keycode, mask | variant)
            self._display.sync()
        except xerror.ConnectionClosedError:
            self._connection_lost()

    def _connection_lost(self) -> None:
        if not self.lost:
            logger.warning("X connection closed; global hotkeys are off")
        self.lost = True
        self._notifier.setEnabled(False)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        self.ungrab_all()
        try:
            self._display.close()
        except Exception:  # the X server went first: nothing left to close
            logger.debug("X display already gone", exc_info=True)

    def _drain(self, *_args: object) -> None:
        from Xlib import error as xerror

        events = []
        try:
            while self._display.pending_events():
                events.append(self._display.next_event())
        except xerror.ConnectionClosedError:
            self._connection_lost()
            return
        for event in events:
            if event.type == _X_KEY_RELEASE:
                self._last_release = (event.detail, event.time)
            elif event.type == _X_KEY_PRESS:
                if self._last_release == (event.detail, event.time):
                    continue  # auto-repeat: X sends release+press with one timestamp while a key is held
                grab = self._grabs.get((event.detail, event.state & ~self._ignored & 0xFF))
                if grab is not None:
                    logger.info("global hotkey %s", grab.sequence)
                    try:
                        grab.action()
                    except Exception:  # a Qt slot: an error must not end the event loop's delivery
                        logger.exception("global hotkey %s: its action failed", grab.sequence)


def _x11_display() -> str | None:
    """The X display to grab on when the app itself runs on X11 (``xcb``), else ``None``."""
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return None
    app = QCoreApplication.instance()
    if isinstance(app, QGuiApplication) and QGuiApplication.platformName() == "xcb":
        return os.environ["DISPLAY"]
    return None


class GlobalHotkeys(QAbstractNativeEventFilter):
    """Registers system-wide hotkeys on Windows and X11; declines elsewhere with a reason in words.

    ``display_name`` forces the X11 backend on that display (tests run Qt offscreen beside an Xvfb).
    :attr:`problems` lists, in words, each key that could not be made global since the last
    :meth:`unregister_all`. Threading contract: GUI thread; actions run on the GUI thread.
    """

    def __init__(self, *, display_name: str | None = None) -> None:
        super().__init__()
        self._actions: dict[int, Callable[[], None]] = {}
        self._installed = False
        self.problems: list[str] = []
        self._x11: X11KeyGrabber | None = None
        self.unavailable_reason = ""
        if sys.platform == "win32":
            return
        display = display_name or _x11_display()
        if display is None:
            wayland = bool(os.environ.get("WAYLAND_DISPLAY")) or QGuiApplication.platformName().startswith(
                "wayland"
            )
            self.unavailable_reason = (
                QCoreApplication.translate(
                    "GlobalHotkeys",
                    "Global hotkeys are not available under Wayland; the shortcuts work while the Hotline "
                    "Desk window is focused.",
                )
                if wayland
                else QCoreApplication.translate(
                    "GlobalHotkeys",
                    "Global hotkeys are not available on this system; the shortcuts work while the Hotline "
                    "Desk window is focused.",
                )
            )
            return
        try:
            self._x11 = X11KeyGrabber(display)
        except Exception as exc:  # no python-xlib, or the display refused us
            logger.warning("no X connection for global hotkeys: %s", exc)
            self.unavailable_reason = QCoreApplication.translate(
                "GlobalHotkeys",
                "Global hotkeys are off: the X display cannot be reached (%1); the shortcuts work while the "
                "Hotline Desk window is focused.",
            ).replace("%1", str(exc))

    @property
    def available(self) -> bool:
        return sys.platform == "win32" or self._x11 is not None

    @property
    def backend(self) -> str:
        return "windows" if sys.platform == "win32" else "x11" if self._x11 is not None else ""

    def register(self, sequence: str, action: Callable[[], None]) -> bool:
        """``False`` if unavailable, unmappable or taken by another program (why: :attr:`problems`)."""
        if self._x11 is not None:
            problem = self._x11.grab(sequence, action)
            if problem is not None:
                self.problems.append(problem)
            return problem is None
        mapped = windows_hotkey(sequence)
        if not self.available:
            return False
        if mapped is None:
            self.problems.append(
                QCoreApplication.translate("GlobalHotkeys", "%1 cannot be used as a global hotkey.").replace(
                    "%1", _key_name(sequence)
                )
            )
            return False
        import ctypes

        hotkey_id = len(self._actions) + 1
        mods, vk = mapped
        if not ctypes.windll.user32.RegisterHotKey(None, hotkey_id, mods, vk):  # type: ignore[attr-defined]
            logger.warning("global hotkey %s is taken by another program", sequence)
            self.problems.append(
                QCoreApplication.translate(
                    "GlobalHotkeys",
                    "%1 is already taken by another program; it works only while Hotline Desk is in front.",
                ).replace("%1", _key_name(sequence))
            )
            return False
        self._actions[hotkey_id] = action
        if not self._installed:
            app = QCoreApplication.instance()
            if app is not None:
                app.installNativeEventFilter(self)
                self._installed = True
        return True

    def unregister_all(self) -> None:
        self.problems = []
        if self._x11 is not None:
            self._x11.ungrab_all()
        if sys.platform == "win32" and self._actions:
            import ctypes

            for hotkey_id in self._actions:
                ctypes.windll.user32.UnregisterHotKey(None, hotkey_id)  # type: ignore[attr-defined]
        self._actions.clear()

    def close(self) -> None:
        """Release every key and the X connection (at exit)."""
        self.unregister_all()
        if self._x11 is not None:
            self._x11.close()
            self._x11.deleteLater()
            self._x11 = None

    def nativeEventFilter(self, event_type: Any, message: Any) -> tuple[bool, int]:
        if bytes(event_type) != b"windows_generic_MSG":
            return False, 0
        import ctypes.wintypes

        msg = ctypes.wintypes.MSG.from_address(int(message))
        if msg.message == WM_HOTKEY and msg.wParam in self._actions:
            self._actions[msg.wParam]()
            return True, 0
        return False, 0
