"""The Qt bridge runs work off the GUI thread and hands results back on it; signals survive heavy use."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QThread, Signal
from pytestqt.qtbot import QtBot

from shared.client import ApiClientError, ClientErrorId
from shared.client.qt import ApiBridge


@pytest.mark.gui
def test_given_blocking_call_when_run_through_bridge_then_result_arrives_on_gui_thread(qtbot: QtBot) -> None:
    bridge = ApiBridge()
    gui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> str:
        seen["worker_is_gui"] = QThread.currentThread() is gui_thread
        return "弹屏"

    def done(value: str) -> None:
        seen["value"] = value
        seen["callback_is_gui"] = QThread.currentThread() is gui_thread

    bridge.run(work, success=done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen == {"worker_is_gui": False, "value": "弹屏", "callback_is_gui": True}
    bridge.shutdown()


@pytest.mark.gui
def test_given_failing_call_when_run_then_failure_gets_friendly_error_not_traceback(qtbot: QtBot) -> None:
    bridge = ApiBridge()
    errors: list[ApiClientError] = []

    def broken() -> None:
        raise KeyError("bug")

    bridge.run(broken, failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors[0].error_id is ClientErrorId.BAD_RESPONSE
    assert "KeyError" not in errors[0].message
    bridge.shutdown()


class _Emitter(QObject):
    changed = Signal(bool)
    payload = Signal(object)


@pytest.mark.gui
def test_given_pyside_when_signals_emitted_20000_times_then_process_survives(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on CPython 3.11 killed the process ("bool_dealloc") after ~570 emits of a bool
    signal; the seats run for eight hours and emit far more. Guards the <6.12 pin (TELEPHONY-FACTS.md)."""
    emitter = _Emitter()
    count = {"n": 0}

    def on_changed(_value: bool) -> None:
        count["n"] += 1

    emitter.changed.connect(on_changed)
    emitter.payload.connect(lambda _v: None)
    for i in range(20_000):
        emitter.changed.emit(i % 2 == 0)
        emitter.payload.emit(True)

    # and across threads, where queued delivery copies the arguments
    def from_worker() -> None:
        for i in range(2_000):
            emitter.changed.emit(bool(i % 2))

    worker = threading.Thread(target=from_worker)
    worker.start()
    worker.join(30)
    qtbot.waitUntil(lambda: count["n"] == 22_000, timeout=10_000)
