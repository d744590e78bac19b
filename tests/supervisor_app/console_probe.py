"""The shift-leader console in its own process, driven by JSON lines like :mod:`shared.telephony.peer`.

``python -m tests.supervisor_app.console_probe SERVER_URL SIP_PORT DATA_DIR [SPEAKER]`` builds the console
exactly as the launcher does for a real server (``SupervisorClient``, the WebSocket event stream, the
launcher's softphone: ``shared.telephony`` on the GUI thread through ``QtTelephony``, with its headset on
the SPEAKER device when given), on the offscreen platform.
It lives in its own process because pjsua2 allows one ``Endpoint`` per process.

Requests ``{"id", "op", "args"}`` on stdin, answers ``{"id", "ok", "result" | "error"}`` on stdout, and
events ``{"event": …}``: ``Ready``, ``SignedIn``, ``ServerEvent`` (every envelope from the server's
event stream), ``SupervisionChanged``, ``Banner``, ``RegistrationChanged``, ``IncomingCall``,
``CallStateChanged``, ``CallEnded``. The ear is a level meter connected to every connected call, so the
test can measure what the leader hears (``levels`` as the peer answers it).

Ops: ``login`` (work_number, password), ``click`` (work_number, mode or null: select the seat's tile and
click that ladder button), ``status``, ``levels``, ``quit``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication

from shared.client.qt import QtEventStream
from shared.client.supervisor_api import SupervisorClient
from shared.config import AppSettings
from shared.protocol.enums import SupervisionMode
from shared.protocol.events import EventEnvelope
from shared.telephony import CallState, CallStateChanged, MediaId, TelephonyError
from supervisor_app.app import SupervisorApplication
from supervisor_app.launcher import _phone
from supervisor_app.supervision.controller import EngineSupervisionPhone

logger = logging.getLogger(__name__)

#: what the leader's ear measures: the caller's, the leader's and the agents' tones (tests/e2e/callpath_rig)
EAR_HZ = (600.0, 800.0, 1000.0, 1400.0)


class Probe(QObject):
    """Threading contract: everything on the GUI thread; only :meth:`_read_stdin` runs on its own thread
    and hands each line over through the ``line`` signal (a queued connection)."""

    line = Signal(str)

    def __init__(self, console: SupervisorApplication, phone: EngineSupervisionPhone) -> None:
        super().__init__()
        self.console = console
        self.telephony = phone.telephony
        self.engine = self.telephony.engine
        self.meter: MediaId | None = None
        self.metered: set[str] = set()
        self.line.connect(self._handle)
        console.signed_in.connect(lambda: self._event("SignedIn"))
        console.events.event_received.connect(self._server_event)
        console.supervision.changed.connect(self._supervision_changed)
        console.supervision.message.connect(lambda text, err: self._event("Banner", text=text, error=err))
        t = self.telephony
        t.registration_changed.connect(
            lambda e: self._event("RegistrationChanged", account_id=str(e.account_id), state=e.state.value)
        )
        t.incoming_call.connect(
            lambda e: self._event("IncomingCall", call_id=str(e.call_id), auto_answer=bool(e.auto_answer))
        )
        t.call_state_changed.connect(self._call_state)
        t.call_ended.connect(lambda e: self._event("CallEnded", call_id=str(e.call_id)))

    # ---- protocol -------------------------------------------------------------------------------

    def _write(self, msg: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(msg, default=str) + "\n")
        sys.stdout.flush()

    def _event(self, kind: str, **fields: Any) -> None:
        self._write({"event": kind, **fields})

    def read_stdin(self) -> None:
        for raw in sys.stdin:
            self.line.emit(raw)
        self.line.emit(json.dumps({"id": None, "op": "quit", "args": {}}))

    def _handle(self, raw: str) -> None:
        try:
            msg = json.loads(raw)
        except json.JSONDecodeError:
            logger.warning("not JSON: %r", raw[:200])
            return
        rid, op, args = msg.get("id"), str(msg.get("op")), dict(msg.get("args") or {})
        try:
            result = getattr(self, f"op_{op}")(**args)
        except Exception as exc:  # the test reads the reason; the probe keeps running
            logger.exception("op %s failed", op)
            error_id = exc.error_id.value if isinstance(exc, TelephonyError) else type(exc).__name__
            self._write({"id": rid, "ok": False, "error": {"reason": str(exc), "error_id": error_id}})
            return
        self._write({"id": rid, "ok": True, "result": result})

    # ---- what the console shows ------------------------------------------------------------------

    def _server_event(self, envelope: EventEnvelope) -> None:
        self._event("ServerEvent", type=envelope.type.value, payload=envelope.payload)

    def _supervision_changed(self, agent_id: int, mode: SupervisionMode | None) -> None:
        self._event("SupervisionChanged", agent_id=agent_id, mode=mode.value if mode else None)

    def _call_state(self, event: CallStateChanged) -> None:
        call_id = str(event.call_id)
        self._event("CallStateChanged", call_id=call_id, state=event.state.value)
        if event.state is CallState.CONNECTED and call_id not in self.metered:
            if self.meter is None:
                self.meter = self.engine.create_level_meter(EAR_HZ)
            self.engine.connect(self.engine.call_media(event.call_id), self.meter)
            self.metered.add(call_id)

    # ---- ops -------------------------------------------------------------------------------------

    def op_login(self, work_number: str, password: str) -> None:
        self.console.login.submit(work_number, password)

    def op_click(self, work_number: str, mode: str | None) -> int:
        model = self.console.seats.model
        tile = next((t for t in model.tiles() if t.work_number == work_number), None)
        if tile is None:
            raise LookupError(f"no tile for {work_number}")
        row = model.row_of(tile.agent_id)
        if row is None:
            raise LookupError(f"tile {work_number} is filtered out")
        self.console.seats.pane.grid.setCurrentIndex(model.index(row))
        self.console.window.ladder.buttons[SupervisionMode(mode) if mode else None].click()
        return tile.agent_id

    def op_status(self) -> dict[str, Any]:
        tiles = {
            t.work_number: {"state": t.state.value, "supervised": t.supervised_mode}
            for t in self.console.seats.model.tiles()
        }
        calls = [{"call_id": str(c.call_id), "state": c.state.value} for c in self.engine.calls()]
        return {
            "stage": self.console.supervision.stage.value,
            "ladder": self.console.window.ladder.status.text(),
            "banner": self.console.window.banner.label.text(),
            "tiles": tiles,
            "calls": calls,
        }

    def op_levels(self) -> dict[str, Any]:
        if self.meter is None:
            return {"rms": -120.0, "tones": {str(f): -120.0 for f in EAR_HZ}}
        rms, tones = self.engine.meter_levels(self.meter)
        return {"rms": rms, "tones": {str(k): v for k, v in tones.items()}}

    def op_quit(self) -> None:
        QTimer.singleShot(0, QApplication.quit)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    url, sip_port, data_dir = args[:3]
    speaker = args[3] if len(args) > 3 else ""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(process)d %(name)s %(levelname)s %(message)s"
    )
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    settings = AppSettings(
        "SupervisorApp",
        preset_layers=[],
        user=QSettings(str(folder / "user.ini"), QSettings.Format.IniFormat),
        overrides={"server/url": url, "sip/port": sip_port, "audio/speaker_device": speaker},
    )
    phone = _phone(settings)  # the launcher's softphone: QtTelephony on this (GUI) thread
    if not isinstance(phone, EngineSupervisionPhone):
        sys.stdout.write(
            json.dumps({"event": "StartFailed", "reason": "softphone engine did not start"}) + "\n"
        )
        sys.stdout.flush()
        return 2
    client = SupervisorClient(settings.server_url)
    events = QtEventStream(client.base_url, lambda: client.token)
    console = SupervisorApplication(
        api=client, settings=settings, events=events, data_dir=folder, phone=phone
    )
    console.window.resize(1600, 960)
    console.window.show()
    probe = Probe(console, phone)
    threading.Thread(target=probe.read_stdin, name="probe-stdin", daemon=True).start()
    engine = phone.telephony.engine
    probe._event("Ready", pid=os.getpid(), port=engine.local_port, uri=engine.local_uri())
    QTimer.singleShot(120_000, app.quit)  # never outlive a test run
    try:
        app.exec()
    finally:
        console.shutdown()
        phone.telephony.stop()
        client.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
