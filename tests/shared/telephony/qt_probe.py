"""Run a QtTelephony on a QCoreApplication in this process, dial ``argv[1]`` and report each signal as a JSON
line; exits when the call ends. Lives in its own process because pjsua2 allows one endpoint per process."""

from __future__ import annotations

import json
import sys
import threading

from PySide6.QtCore import QCoreApplication, QTimer

from shared.telephony import CallEnded, CallState, TelephonyError
from shared.telephony.qt_adapter import QtTelephony


def main() -> int:
    app = QCoreApplication([])
    gui_thread = threading.get_ident()
    phone = QtTelephony(pump_ms=10)
    seen: list[str] = []

    def report(name: str):
        def slot(event: object) -> None:
            seen.append(name)
            payload = {
                "signal": name,
                "type": type(event).__name__,
                "on_gui_thread": threading.get_ident() == gui_thread,
            }
            state = getattr(event, "state", None)
            if isinstance(state, CallState):
                payload["state"] = state.value
            print(json.dumps(payload), flush=True)
            if isinstance(event, CallEnded):
                QTimer.singleShot(0, app.quit)

        return slot

    for name in ("call_created", "call_state_changed", "call_media_changed", "call_ended"):
        getattr(phone, name).connect(report(name))
    phone.start()
    wrong_thread: list[str] = []

    def from_another_thread() -> None:
        try:
            phone.engine.calls()
        except TelephonyError as err:
            wrong_thread.append(err.error_id.value)

    worker = threading.Thread(target=from_another_thread)
    worker.start()
    worker.join()
    print(json.dumps({"wrong_thread": wrong_thread}), flush=True)
    phone.engine.dial(sys.argv[1])
    QTimer.singleShot(20000, app.quit)  # never hang a test run
    app.exec()
    phone.stop()
    print(json.dumps({"done": seen}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
