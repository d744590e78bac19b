"""The real agent app (real client, real SIP engine) driven by a script, in a process of its own.

pjsua2 allows one endpoint per process, so end-to-end tests and benchmarks run the app here and talk
to it over stdout: one JSON object per line. It signs in, goes ready, prints its SIP URI, then plays
the call-taker for each incoming call:

* ``--mode e2e``: answer when the pop is painted, write and save a ticket, hang up once the serial is
  shown, let wrap-up run out, report the state; quit after ``--calls`` calls.
* ``--mode pop``: measure ring → pop painted, answer, hang up 0.2 s later and go ready; for benchmarks.

Every line carries ``"event"``; times are milliseconds. Exits 0 when done, 2 on a timeout.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from agent_app.app import AgentApplication
from agent_app.softphone.engine_adapter import EngineSoftphone
from agent_app.softphone.model import CallLine
from agent_app.softphone.port import IncomingCall
from shared.client import HotlineClient
from shared.client.models import ScreenPop
from shared.client.qt import QtEventStream
from shared.config import AppSettings
from shared.protocol.enums import AgentState
from shared.telephony.config import EngineConfig

logger = logging.getLogger(__name__)


@dataclass
class ProbeState:
    calls: int = 0
    call_id: str | None = None
    invite_at: float = 0.0
    announced: bool = False
    login_at: float = 0.0


def emit(event: str, **fields: object) -> None:
    sys.stdout.write(json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # POSIX only: keep the module importable on Windows seats

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--work-number", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--calls", type=int, default=1)
    parser.add_argument("--mode", choices=("e2e", "pop", "controls"), default="e2e")
    parser.add_argument("--wrap-up-s", type=int, default=1)
    parser.add_argument("--timeout-s", type=float, default=120.0)
    parser.add_argument("--sip-registrar", default="sip:127.0.0.1:9", help="e.g. sip:127.0.0.1:5060")
    parser.add_argument("--sip-domain", default="", help="domain of the agent's SIP address")
    parser.add_argument(
        "--idle-s", type=float, default=0.0, help="stay signed in and idle this long at the end"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=os.environ.get("HOTLINE_LOG", "WARNING"), stream=sys.stderr)
    logging.getLogger("agent_app.screen_pop").setLevel(logging.INFO)

    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp(prefix="agent-probe-"))
    settings = AppSettings(
        "AgentApp",
        preset_layers=[],
        user=QSettings(str(tmp / "user.ini"), QSettings.Format.IniFormat),
        overrides={
            "server/url": args.server,
            "sip/registrar": args.sip_registrar,
            "sip/domain": args.sip_domain,
        },
    )
    client = HotlineClient(settings.server_url)
    phone = EngineSoftphone(EngineConfig(bind_address="127.0.0.1", sip_port=0))
    events = QtEventStream(client.base_url, lambda: client.token)
    agent = AgentApplication(
        api=client,
        phone=phone,
        settings=settings,
        data_dir=tmp,
        events=events,
        wrap_up_seconds=args.wrap_up_s,
    )
    agent.window.resize(1600, 960)
    agent.window.show()
    state = ProbeState()

    def signed_in() -> None:
        agent.state_bar.go_ready()
        # a seat in steady state: the first sign-in's knowledge download has finished
        QTimer.singleShot(30_000, announce_ready)

    def announce_ready(_version: int = 0) -> None:
        index = agent.knowledge.index
        if _version and index is not None and not state.announced:
            emit(
                "knowledge",
                seconds=round(time.perf_counter() - state.login_at, 2),
                articles=index.article_count,
            )
        if not state.announced:
            state.announced = True
            emit("ready", sip_uri=phone.engine.local_uri("agent"), rss_mb=round(rss_mb(), 1))

    def incoming(call: IncomingCall) -> None:
        state.call_id = call.call_id
        state.invite_at = time.perf_counter()
        emit("incoming", number=call.caller_number, headers=dict(call.headers))

    def popped(pop: ScreenPop, latency_s: float) -> None:
        agent.window.screen_pop.repaint()  # painted, not just filled
        painted_ms = (
            (time.perf_counter() - agent.screen_pop.request.started) * 1000
            if agent.screen_pop.request
            else latency_s * 1000
        )
        emit(
            "popped",
            number=pop.number,
            latency_ms=round(painted_ms, 2),
            wall=time.time(),
            filled_ms=round(latency_s * 1000, 2),
            customer=pop.customer.name if pop.customer else None,
            open_tickets=len(pop.open_tickets),
            recent_calls=len(pop.recent_calls),
            rss_mb=round(rss_mb(), 1),
        )
        agent.softphone.answer()

    def answered(line: CallLine) -> None:
        emit("answered", state=agent.state_bar.state.value, rss_mb=round(rss_mb(), 1))
        if args.mode == "pop":
            QTimer.singleShot(200, agent.softphone.hangup)
            return
        if args.mode == "controls":
            run_controls()
            return
        form = agent.window.ticket_form
        form.content.setPlainText("端到端测试：来电人咨询公积金提取材料")
        QTimer.singleShot(300, agent.tickets.save)

    def report_line(step: str) -> None:
        line = agent.softphone.current
        emit(
            step,
            line_state=line.state.value if line else None,
            muted=line.muted if line else None,
            seat_state=agent.state_bar.state.value,
        )

    def run_controls() -> None:
        """Hold, resume, mute, DTMF through the real engine, each step started by the previous one's
        signal (a loaded machine may take a second for a re-INVITE); every step reports what the app shows."""
        QTimer.singleShot(300, agent.softphone.toggle_hold)

    def held_changed(held: bool) -> None:
        if args.mode != "controls":
            return
        sp = agent.softphone
        if held:
            report_line("held")
            QTimer.singleShot(200, sp.toggle_hold)
            return
        report_line("resumed")
        sp.toggle_mute()
        QTimer.singleShot(300, lambda: report_line("muted"))
        QTimer.singleShot(400, sp.toggle_mute)
        QTimer.singleShot(500, lambda: sp.send_dtmf("1"))
        QTimer.singleShot(700, lambda: sp.send_dtmf("#"))
        QTimer.singleShot(1500, sp.hangup)

    def ticket_saved(ticket: object) -> None:
        emit("ticket", serial=getattr(ticket, "serial", ""), shown=agent.window.ticket_form.serial.text())
        QTimer.singleShot(300, agent.softphone.hangup)

    def ended(line: CallLine, was_connected: bool) -> None:
        emit("ended", was_connected=was_connected, state=agent.state_bar.state.value)
        if args.mode in ("pop", "controls"):
            finish_call()

    def state_changed(value: str) -> None:
        emit("state", state=value)
        if args.mode == "e2e" and value == AgentState.READY.value and state.call_id is not None:
            finish_call()

    def finish_call() -> None:
        state.calls += 1
        state.call_id = None
        if agent.state_bar.state is not AgentState.READY:
            agent.state_bar.go_ready()
        if state.calls >= args.calls:
            emit("idle", seconds=args.idle_s)  # the caller measures CPU over this quiet stretch
            QTimer.singleShot(300 + int(args.idle_s * 1000), lambda: app.exit(0))

    agent.signed_in.connect(signed_in)
    agent.knowledge.synced.connect(announce_ready)
    agent.softphone.incoming_call.connect(incoming)
    agent.screen_pop.popped.connect(popped)
    agent.softphone.call_answered.connect(answered)
    agent.tickets.saved.connect(ticket_saved)
    agent.softphone.call_ended.connect(ended)
    agent.softphone.call_held.connect(held_changed)
    agent.softphone.registration_changed.connect(lambda ok: emit("registration", registered=ok))
    agent.state_bar.state_changed.connect(state_changed)
    state.login_at = time.perf_counter()
    agent.login.submit(args.work_number, args.password)

    def timed_out() -> None:
        emit("timeout")
        app.exit(2)

    QTimer.singleShot(int(args.timeout_s * 1000), timed_out)
    code = app.exec()
    emit("done", rss_mb=round(rss_mb(), 1), server_state=agent.state_bar.state.value)
    agent.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main())
