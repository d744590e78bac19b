"""Global hotkeys under X11, for real: a private Xvfb, another X client holding the keyboard focus, and
``xdotool`` pressing keys through XTest as a keyboard would.

* in this process (Qt offscreen beside the Xvfb): the grabber itself — plain keys, modifiers, NumLock
  on, the headset's play/pause key, a key another program holds (BadAccess → words);
* in a child process (``python -m tests.agent_app.test_global_hotkeys_x11``): the whole app on the Xvfb
  (``QT_QPA_PLATFORM=xcb``), signed in against the fake server with the fake phone ringing; F5 pressed
  while another window has the focus answers the call; a conflict shows on the settings page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
XK_F5 = 0xFFC2


class XServer:
    """A running Xvfb: its display name and its process (stopped by PID)."""

    def __init__(self, name: str, proc: subprocess.Popen[bytes]) -> None:
        self.name = name
        self.proc = proc

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@contextmanager
def xvfb() -> Iterator[XServer]:
    """A fresh Xvfb on a display number it picks itself; skips when Xvfb is not installed."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (tools/setup-system.sh installs it)")
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        number = b""
        with os.fdopen(read_end, "rb") as pipe:
            number = pipe.readline().strip()  # Xvfb writes it once it accepts connections
        if not number:
            raise RuntimeError("Xvfb did not start")
        server = XServer(f":{int(number)}", proc)
        yield server
    finally:
        XServer("", proc).stop()


def press(display: str, key: str) -> None:
    """``xdotool key`` on ``display``: an XTest key press, like a real keyboard's."""
    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed (tools/setup-system.sh installs it)")
    subprocess.run(["xdotool", "key", key], env={**os.environ, "DISPLAY": display}, check=True, timeout=20)


class FocusedWindow:
    """Another X client's window that holds the keyboard focus, as a browser or a WeChat window would."""

    def __init__(self, display_name: str) -> None:
        from Xlib import X, display

        self.display = display.Display(display_name)
        screen = self.display.screen()
        self.window = screen.root.create_window(
            10, 10, 300, 200, 0, screen.root_depth, event_mask=X.KeyPressMask | X.FocusChangeMask
        )
        self.window.map()
        self.display.sync()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # a window can take the focus only once it is viewable
            if self.window.get_attributes().map_state == X.IsViewable:
                break
            time.sleep(0.05)
        self.received: list[int] = []
        self.set_focus()

    def set_focus(self) -> None:
        from Xlib import X

        self.window.set_input_focus(X.RevertToParent, X.CurrentTime)
        self.display.sync()

    def has_focus(self) -> bool:
        focus: Any = self.display.get_input_focus().focus
        return bool(getattr(focus, "id", None) == self.window.id)

    def pressed_keysyms(self) -> list[int]:
        """Keys this window received since the last call (keys nobody grabbed), as keysyms."""
        from Xlib import X

        while self.display.pending_events():
            event = self.display.next_event()
            if event.type == X.KeyPress:
                self.received.append(self.display.keycode_to_keysym(event.detail, 0))
        received, self.received = self.received, []
        return received

    def close(self) -> None:
        self.window.destroy()
        self.display.close()


class ForeignGrab:
    """Another program that holds a key globally (what makes our grab fail with BadAccess)."""

    def __init__(self, display_name: str, keysym_name: str) -> None:
        from Xlib import XK, X, display

        self.display = display.Display(display_name)
        root = self.display.screen().root
        keycode = self.display.keysym_to_keycode(XK.string_to_keysym(keysym_name))
        for lock in (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask):
            root.grab_key(keycode, lock, False, X.GrabModeAsync, X.GrabModeAsync)
        self.display.sync()

    def close(self) -> None:
        self.display.close()


@pytest.fixture
def display() -> Iterator[str]:
    with xvfb() as server:
        yield server.name


@pytest.fixture
def other_window(display: str) -> Iterator[FocusedWindow]:
    window = FocusedWindow(display)
    yield window
    window.close()


def _recorder(fired: list[str], name: str) -> Callable[[], None]:
    return lambda: fired.append(name)


# ---- the grabber, in this process ---------------------------------------------------------------


def test_given_other_window_focused_when_hotkeys_pressed_then_actions_fire_and_keys_do_not_leak(
    qtbot: Any, display: str, other_window: FocusedWindow
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    from agent_app.softphone.global_hotkeys import GlobalHotkeys

    fired: list[str] = []
    hotkeys = GlobalHotkeys(display_name=display)
    try:
        assert hotkeys.available and hotkeys.backend == "x11"
        play = QKeySequence(Qt.Key.Key_MediaTogglePlayPause).toString(
            QKeySequence.SequenceFormat.PortableText
        )
        for sequence in ("F5", "Ctrl+Alt+K", "Shift+F6", play):
            assert hotkeys.register(sequence, _recorder(fired, sequence)), hotkeys.problems
        assert other_window.has_focus()
        press(display, "F5")
        qtbot.waitUntil(lambda: fired == ["F5"], timeout=10_000)
        press(display, "ctrl+alt+k")
        press(display, "shift+F6")
        press(display, "XF86AudioPlay")  # what a USB headset's answer button sends under X11
        qtbot.waitUntil(lambda: len(fired) == 4, timeout=10_000)
        assert fired == ["F5", "Ctrl+Alt+K", "Shift+F6", play]
        press(display, "Num_Lock")  # the grab must hold with NumLock on, too
        press(display, "F5")
        press(display, "Num_Lock")
        qtbot.waitUntil(lambda: len(fired) == 5, timeout=10_000)
        assert XK_F5 not in other_window.pressed_keysyms()  # the grab took it from the window in front
    finally:
        hotkeys.close()
    press(display, "F5")  # released at close: the program in front gets F5 again
    seen: list[int] = []

    def f5_reached_the_window() -> bool:
        seen.extend(other_window.pressed_keysyms())
        return XK_F5 in seen

    qtbot.waitUntil(f5_reached_the_window, timeout=10_000)
    assert fired.count("F5") == 2


def test_given_key_held_by_another_program_when_registering_then_declined_in_words_and_others_kept(
    qtbot: Any, display: str, other_window: FocusedWindow
) -> None:
    from agent_app.softphone.global_hotkeys import GlobalHotkeys

    holder = ForeignGrab(display, "F8")
    fired: list[str] = []
    hotkeys = GlobalHotkeys(display_name=display)
    try:
        assert hotkeys.register("F8", lambda: fired.append("F8")) is False
        assert hotkeys.register("F5", lambda: fired.append("F5")) is True
        assert hotkeys.register("Ctrl+Alt+F3", lambda: fired.append("VT")) is False
        assert len(hotkeys.problems) == 2
        assert "F8" in hotkeys.problems[0] and "another program" in hotkeys.problems[0]
        assert "switches the screen" in hotkeys.problems[1]
        press(display, "F5")
        qtbot.waitUntil(lambda: fired == ["F5"], timeout=10_000)
        hotkeys.unregister_all()
        assert hotkeys.problems == []
    finally:
        hotkeys.close()
        holder.close()


def test_given_x_server_gone_when_hotkeys_change_then_declined_in_words_and_nothing_crashes(
    qtbot: Any,
) -> None:
    from agent_app.softphone.global_hotkeys import GlobalHotkeys

    with xvfb() as server:
        hotkeys = GlobalHotkeys(display_name=server.name)
        try:
            assert hotkeys.register("F5", lambda: None)
            server.stop()  # the X server ends (the session is logging out)
            hotkeys.unregister_all()
            assert hotkeys.register("F6", lambda: None) is False
            assert "connection to the X display was lost" in hotkeys.problems[0]
        finally:
            hotkeys.close()


# ---- the whole app on the X server, in a child process ---------------------------------------------


def _start_app(display: str, tmp_path: Path, mode: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_RUNTIME_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.agent_app.test_global_hotkeys_x11", mode, str(tmp_path / "app")],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _next_report(proc: subprocess.Popen[str], timeout_s: float = 90.0) -> dict[str, Any]:
    """The child's next JSON line; the child ends itself after its own timeout, so this returns."""
    assert proc.stdout is not None
    line = _readline(proc.stdout, timeout_s)
    if not line:
        raise AssertionError(f"the app ended without reporting (exit {proc.poll()})")
    return dict(json.loads(line))


def _readline(stream: IO[str], timeout_s: float) -> str:
    import selectors

    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout_s):
            raise AssertionError("the app did not report in time")
    return stream.readline()


@contextmanager
def _app(display: str, tmp_path: Path, mode: str) -> Iterator[subprocess.Popen[str]]:
    proc = _start_app(display, tmp_path, mode)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


def test_given_signed_in_seat_behind_another_window_when_f5_pressed_then_the_ringing_call_is_answered(
    display: str, other_window: FocusedWindow, tmp_path: Path
) -> None:
    with _app(display, tmp_path, "answer") as proc:
        ready = _next_report(proc)
        assert ready["ringing"] and ready["hotkeys"] == "x11", ready
        assert "work while other programs are in front" in ready["status"]
        other_window.set_focus()
        assert other_window.has_focus()  # the call-taker is typing somewhere else
        press(display, "F5")
        assert _next_report(proc) == {"answered": True}
        assert XK_F5 not in other_window.pressed_keysyms()
        assert proc.wait(timeout=30) == 0


def test_given_answer_key_held_by_another_program_when_app_starts_then_settings_page_says_so(
    display: str, tmp_path: Path
) -> None:
    holder = ForeignGrab(display, "F5")
    try:
        with _app(display, tmp_path, "report") as proc:
            ready = _next_report(proc)
            assert "F5" in ready["status"] and "taken by another program" in ready["status"], ready
            assert proc.wait(timeout=30) == 0
    finally:
        holder.close()


def _child_main(mode: str, data_dir: Path) -> int:
    """The seat, signed in as 1001 with global hotkeys on; reports as JSON lines on stdout."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from agent_app.app import AgentApplication
    from agent_app.demo.fake_events import FakeEventFeed
    from agent_app.demo.fake_phone import FakePhone
    from agent_app.demo.fake_server import PASSWORD, FakeHotlineServer
    from agent_app.softphone.controller import SilentRinger
    from shared.config import AppSettings, SettingKey

    qt_app = QApplication([])
    user = QSettings(str(data_dir / "user.ini"), QSettings.Format.IniFormat)
    settings = AppSettings("AgentApp", preset_layers=[], user=user)
    settings.set(SettingKey.HOTKEYS_GLOBAL, "true")
    server, phone = FakeHotlineServer(), FakePhone()
    agent = AgentApplication(
        api=server,
        phone=phone,
        settings=settings,
        data_dir=data_dir,
        events=FakeEventFeed(server),
        ringer=SilentRinger(),
    )
    agent.window.show()

    def report(**fields: object) -> None:
        sys.stdout.write(json.dumps(fields) + "\n")
        sys.stdout.flush()

    def signed_in() -> None:
        if mode == "answer":
            phone.ring("13800138000")
        report(
            ringing=agent.softphone.ringing_line() is not None,
            hotkeys=agent.global_hotkeys.backend,
            status=agent.window.settings.hotkeys_status.text(),
        )
        if mode != "answer":
            qt_app.exit(0)

    def answered(_line: object) -> None:
        report(answered=any(action[0] == "answer" for action in phone.actions))
        qt_app.exit(0)

    agent.signed_in.connect(signed_in)
    agent.softphone.call_answered.connect(answered)
    QTimer.singleShot(0, lambda: agent.login.submit("1001", PASSWORD))
    QTimer.singleShot(60_000, lambda: qt_app.exit(3))  # the test went away without pressing anything
    code = qt_app.exec()
    agent.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1], Path(sys.argv[2])))
