"""A call-taker's shift, compressed: many consecutive hotline calls through the real call path into the
real agent app, watching what grows.

The real server (``python -m server_stub --demo-data`` with Kamailio, media workers and the ACD) takes
SIPp callers dialling 12345 on its SIP front door; each caller presses 1 in the IVR and queues for
``Q12345_GENERAL``; the ACD offers the call to the real agent app (real client, real event stream, real
pjsua2 engine; its own process, offscreen unless a display is set) signed in as 1001. The app plays the
call-taker through its own controllers: answer when the pop is painted, write the ticket, click "Save
ticket", hang up; the wrap-up ends by the countdown (odd calls: ticket saved while talking) or by saving
the ticket in wrap-up (even calls: hang up first, then save); the seat is ready again and the next queued
caller rings at once.

To keep a default run under ~3 minutes the bench gives 12345 a lean IVR (no welcome text, no IVR notice;
the menu itself and its digit still run) and the queue a 1 s wrap-up; a few callers are kept queued so
the seat never waits for a caller.

Figures: the app's RSS, open file descriptors, threads, Qt widgets/objects and Python objects at the
first ready vs after the last call (and growth per 100 calls); ring → pop painted p50/p95 over the first
10 calls (baseline) vs the last 10; ticket save round trip (click → serial from the server) first 10
(baseline) vs last 10; failed calls.

    .venv/bin/python -m bench.agent_shift [--calls 60]          # HOTLINE_SHIFT_CALLS=600 for a long run
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import os
import queue
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import requests

from bench._report import p50_p95, row, write_results

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
NAME = "agent_shift"
WORK_NUMBER = "1001"
ADMIN = "0001"
PASSWORD = "demo1234"  # the demo data's password for every demo user
HOTLINE = "12345"
QUEUE = "Q12345_GENERAL"
LISTEN_MARK = "Hotline Desk server listening on "
SIP_MARK = "SIP front door on "
DEFAULT_CALLS = 80
FIRST_LAST = 10  # calls in each of the "first" and "last" windows


def emit(event: str, **fields: object) -> None:
    """Child → parent: one JSON object per line on stdout (the bench's protocol, not logging)."""
    sys.stdout.write(json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")
    sys.stdout.flush()


# =============================================================================================== the app


def proc_figures() -> dict[str, float]:
    """RSS (MB), open file descriptors and threads of this process, from /proc."""
    figures: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                figures["rss_mb"] = int(line.split()[1]) / 1024
            elif line.startswith("Threads:"):
                figures["threads"] = int(line.split()[1])
    figures["fds"] = len(os.listdir("/proc/self/fd"))
    return figures


def run_app(args: argparse.Namespace) -> int:
    """The agent app in this process, playing the call-taker for ``args.calls`` calls."""
    from PySide6.QtCore import QEvent, QLocale, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from agent_app.app import AgentApplication
    from agent_app.launcher import load_style
    from agent_app.settings.controller import apply_application_font
    from agent_app.softphone.engine_adapter import EngineSoftphone
    from agent_app.softphone.model import CallLine
    from agent_app.softphone.port import IncomingCall
    from shared.client import HotlineClient
    from shared.client.models import ScreenPop, TicketOut
    from shared.client.qt import QtEventStream
    from shared.config import AppSettings
    from shared.i18n import TranslationInstaller
    from shared.protocol.enums import AgentState
    from shared.telephony.config import EngineConfig

    logging.basicConfig(level=os.environ.get("HOTLINE_LOG", "WARNING"), stream=sys.stderr)
    app = QApplication(sys.argv[:1])
    # as a seat in China sees it: Chinese texts and reason labels, the app's style sheet and font size
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    TranslationInstaller("agent_app").install("zh_CN")
    load_style(app)
    tmp = Path(tempfile.mkdtemp(prefix="agent-shift-"))
    settings = AppSettings(
        "AgentApp",
        preset_layers=[],
        user=QSettings(str(tmp / "user.ini"), QSettings.Format.IniFormat),
        overrides={"server/url": args.server, "sip/registrar": f"sip:{args.sip}", "sip/domain": args.sip},
    )
    apply_application_font(settings.font_size)
    client = HotlineClient(settings.server_url)
    phone = EngineSoftphone(EngineConfig(bind_address="127.0.0.1", sip_port=0))
    agent = AgentApplication(
        api=client,
        phone=phone,
        settings=settings,
        data_dir=tmp,
        events=QtEventStream(client.base_url, lambda: client.token),
    )
    agent.window.resize(1600, 960)
    agent.window.show()
    engine = phone._engine  # the bench counts what the engine keeps per call

    @dataclass
    class Shift:
        calls: int = 0
        ready_once: bool = False
        knowledge_synced: bool = False
        announced: bool = False
        number: str = ""  # the caller on the line now ("" between calls)
        invite_at: float = 0.0
        answered: bool = False
        hung_up: bool = False
        save_in_wrap_up: bool = False
        save_clicked: bool = False
        saves: deque[tuple[int, float, bool]] = field(default_factory=deque)  # call, clicked at, in wrap-up
        watchdog: QTimer = field(default_factory=QTimer)

    shift = Shift()
    shots = Path(args.shots) if args.shots else None

    def shot(name: str) -> None:
        """With ``--shots``: what the call-taker sees at this moment of the first calls."""
        if shots is not None and shift.calls < 2:
            shots.mkdir(parents=True, exist_ok=True)
            # layouts settle on the next event-loop turn; the call-taker sees them settled
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            agent.window.grab().save(str(shots / f"real_{shift.calls}_{name}.png"))

    def sample(label: str) -> None:
        gc.collect()
        emit(
            "sample",
            label=label,
            calls=shift.calls,
            **proc_figures(),
            widgets=len(QApplication.allWidgets()),
            qobjects=len(agent.findChildren(QObject)) + len(agent.window.findChildren(QObject)),
            py_objects=len(gc.get_objects()),
            engine_calls=len(engine._calls),
            engine_ended=len(engine._ended_snapshots),
            engine_graveyard=len(engine._graveyard),
            lines=len(agent.softphone.live_lines()),
            bridge_pending=agent.ctx.bridge.pending,
        )

    def signed_in() -> None:
        agent.state_bar.go_ready()

    def settled() -> None:
        # the start figures are read once the seat is ready and the first sign-in's knowledge
        # download has finished, so what is measured after it is the shift's own growth
        if shift.ready_once and shift.knowledge_synced and not shift.announced:
            shift.announced = True
            QTimer.singleShot(2000, announce)

    def announce() -> None:
        sample("start")
        emit("ready")

    def knowledge_synced(_version: int) -> None:
        shift.knowledge_synced = True
        settled()

    def state_changed(value: str) -> None:
        if value == AgentState.READY.value and not shift.ready_once:
            shift.ready_once = True
            settled()
        if value == AgentState.WRAP_UP.value:
            QTimer.singleShot(100, lambda: shot("wrap_up"))
        if value == AgentState.WRAP_UP.value and shift.save_in_wrap_up and not shift.save_clicked:
            QTimer.singleShot(150, click_save)  # the ticket written during the call is saved now
        if value == AgentState.READY.value and shift.number and shift.hung_up:
            call_done()

    def incoming(call: IncomingCall) -> None:
        if shift.calls >= args.calls:
            return  # offered while the seat went not ready at the end: the run is over
        if shift.number:
            if not shift.hung_up:
                emit("failed", call=shift.calls, why="a call rang before the previous one was done")
            # else the ACD's wrap-up (the queue's) ended a moment before the app's own 1 s ticker did
            call_done()
        shift.invite_at = time.perf_counter()
        shift.number = call.header("X-Hotline-Caller") or call.caller_number
        shift.answered = shift.hung_up = shift.save_clicked = False
        shift.save_in_wrap_up = shift.calls % 2 == 1
        shift.watchdog.start(45_000)
        pop = agent.screen_pop.pop
        if pop is not None and pop.number == shift.number:
            # the server's offer event came before the INVITE: the pop was on screen when it rang
            emit("popped", call=shift.calls, ms=0.0, before_ring=True)
            shot("ringing_pop")
            QTimer.singleShot(0, agent.softphone.answer)

    def popped(pop: ScreenPop, _latency_s: float) -> None:
        if pop.number != shift.number or shift.answered or agent.softphone.ringing_line() is None:
            return
        agent.window.screen_pop.repaint()  # painted, not just filled
        emit("popped", call=shift.calls, ms=round((time.perf_counter() - shift.invite_at) * 1000, 2))
        shot("ringing_pop")
        agent.softphone.answer()

    def answered(_line: CallLine) -> None:
        shift.answered = True
        agent.window.ticket_form.content.setPlainText(
            f"第{shift.calls + 1}个来电：来电人咨询公积金提取需要的材料和办理时限，已按知识库答复。"
        )
        if shots is not None and shift.calls < 2:
            QTimer.singleShot(1500, lambda: shot("talking_ticket"))
            QTimer.singleShot(2500, hang_up if shift.save_in_wrap_up else click_save)
            return
        QTimer.singleShot(300, hang_up if shift.save_in_wrap_up else click_save)

    def hang_up() -> None:
        shift.hung_up = True
        agent.softphone.hangup()

    def click_save() -> None:
        shift.save_clicked = True
        shift.saves.append((shift.calls, time.perf_counter(), shift.save_in_wrap_up))
        agent.window.ticket_form.save_button.click()

    def ticket_saved(ticket: TicketOut) -> None:
        if not shift.saves:
            return
        call, clicked_at, in_wrap_up = shift.saves.popleft()
        shown = agent.window.ticket_form.serial.text()
        emit(
            "ticket",
            call=call,
            ms=round((time.perf_counter() - clicked_at) * 1000, 2),
            serial=ticket.serial,
            in_wrap_up=in_wrap_up,
            # the serial to read out is shown while the caller is on the line
            shown=in_wrap_up or ticket.serial in shown,
        )
        if not in_wrap_up and call == shift.calls and shift.number:
            QTimer.singleShot(200, hang_up)

    def ended(_line: CallLine, was_connected: bool) -> None:
        if not was_connected and shift.number:
            emit("failed", call=shift.calls, why="ended before it was answered", number=shift.number)
            shift.hung_up = True  # the ACD makes the seat not ready; the watchdog goes ready again

    def call_done() -> None:
        shift.watchdog.stop()
        emit("call", call=shift.calls, number=shift.number, answered=shift.answered)
        shift.number = ""
        shift.calls += 1
        if shift.calls % 10 == 0 or shift.calls == args.calls:
            sample(f"after {shift.calls}")
        if shift.calls >= args.calls:
            # not ready, so the ACD offers nothing more while the last saves land and the end is read
            agent.state_bar.go_not_ready("other")
            QTimer.singleShot(2000, finish)

    def finish() -> None:
        sample("end")
        if shots is None:
            app.exit(0)
            return
        # after the calls: the work lists, then knowledge searches as the call-taker types them
        win = agent.window
        win.center.setCurrentWidget(win.worklists)
        agent.worklists.refresh()
        steps: list[tuple[int, Callable[[], None]]] = [
            (1500, lambda: win.worklists.tabs.setCurrentIndex(0)),
            (300, lambda: save_shot("worklists_callbacks")),
            (0, lambda: win.worklists.tabs.setCurrentIndex(1)),
            (300, lambda: save_shot("worklists_voicemails")),
            (0, lambda: win.worklists.tabs.setCurrentIndex(2)),
            (300, lambda: save_shot("worklists_tickets")),
            (0, lambda: win.knowledge.search.setText("gjjtq")),
            (1500, lambda: save_shot("knowledge_gjjtq")),
            (0, lambda: win.knowledge.search.setText("公积金提取")),
            (1500, lambda: save_shot("knowledge_gongjijin_tiqu")),
            (0, lambda: win.knowledge.results.setFocus()),
            (0, agent.knowledge._open_first),
            (1000, lambda: save_shot("knowledge_article")),
            (0, lambda: win.center.setCurrentWidget(win.settings_page)),
            (500, lambda: save_shot("settings")),
            (0, lambda: app.exit(0)),
        ]
        delay = 0
        for wait_ms, step in steps:
            delay += wait_ms
            QTimer.singleShot(delay, step)

    def save_shot(name: str) -> None:
        assert shots is not None
        agent.window.grab().save(str(shots / f"real_{name}.png"))

    def timed_out() -> None:
        emit("timeout")
        app.exit(2)

    def stuck() -> None:
        emit("failed", call=shift.calls, why=f"stuck in {agent.state_bar.state.value}", number=shift.number)
        for _line in agent.softphone.live_lines():
            agent.softphone.hangup()
        call_done()
        if shift.calls < args.calls:
            agent.state_bar.go_ready()

    def missed_recovery() -> None:
        # like a person: a missed offer left the seat not ready; go ready again
        if not shift.number and shift.calls < args.calls and agent.state_bar.state is AgentState.NOT_READY:
            agent.state_bar.go_ready()

    recovery = QTimer(app)
    recovery.timeout.connect(missed_recovery)
    recovery.start(5000)
    shift.watchdog.setSingleShot(True)
    shift.watchdog.timeout.connect(stuck)
    agent.signed_in.connect(signed_in)
    agent.state_bar.state_changed.connect(state_changed)
    agent.knowledge.synced.connect(knowledge_synced)
    agent.softphone.incoming_call.connect(incoming)
    agent.screen_pop.popped.connect(popped)
    agent.softphone.call_answered.connect(answered)
    agent.tickets.saved.connect(ticket_saved)
    agent.softphone.call_ended.connect(ended)
    agent.softphone.registration_changed.connect(lambda ok: emit("registration", registered=ok))
    agent.login.submit(args.work_number, args.password)
    QTimer.singleShot(int(args.timeout_s * 1000), timed_out)
    code = app.exec()
    agent.shutdown()
    return code


# ============================================================================================ the bench


class ChildOutput:
    """The app process's JSON lines, read on a thread."""

    def __init__(self, stream: IO[str]) -> None:
        self.items: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            if line.startswith("{"):
                self.items.put(json.loads(line))
        self.items.put({"event": "exited"})


class Callers:
    """Keeps ``depth`` SIPp callers in flight toward the hotline until told to stop; each presses 1 in
    the IVR, keeps speaking and waits for the hang-up. Threading: one thread of its own."""

    def __init__(self, sip_address: str, numbers: list[str], depth: int) -> None:
        from tools.simulated_callers import SIPP_DATA, VOICE_FILE, write_caller_voice

        self.sip_address = sip_address
        self.numbers = numbers
        self.depth = depth
        self.dir = Path(tempfile.mkdtemp(prefix="shift-callers-"))
        (self.dir / "pcap").mkdir()
        for pcap in SIPP_DATA.glob("*.pcap"):
            shutil.copy(pcap, self.dir / "pcap" / pcap.name)
        write_caller_voice(self.dir / VOICE_FILE)
        self.procs: list[subprocess.Popen[bytes]] = []
        self.scenarios: dict[int, Path] = {}
        self.started = 0
        self.failed: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="shift-callers", daemon=True)

    def start(self) -> Callers:
        self._thread.start()
        return self

    def _launch(self) -> None:
        from tools.simulated_callers import CallerPlan, caller_scenario, free_udp_port

        number = self.numbers[self.started % len(self.numbers)]
        self.started += 1
        scenario = self.dir / f"caller-{self.started}.xml"
        # the demo caller waits 2.5 s before pressing and 0.7 s after; this seat answers, saves and hangs
        # up within about a second of the offer, so the hang-up would reach SIPp inside a pause (which
        # it counts as a failed call): press sooner (the lean menu's prompt is interruptible), listen on
        text = caller_scenario(CallerPlan(number, HOTLINE, "1", patience_s=120.0))
        text = text.replace('<pause milliseconds="2500"/>', '<pause milliseconds="800"/>')
        text = text.replace('<pause milliseconds="700"/>', '<pause milliseconds="250"/>')
        scenario.write_text(text)
        args = [
            "sipp", "-i", "127.0.0.1", "-p", str(free_udp_port()), "-mi", "127.0.0.1",
            "-mp", str(free_udp_port()), "-nostdin", "-m", "1", "-l", "1",
            "-sf", str(scenario), "-trace_err", "-error_file", str(scenario.with_suffix(".err")),
            self.sip_address,
        ]  # fmt: skip
        proc = subprocess.Popen(args, cwd=self.dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(proc)
        self.scenarios[proc.pid] = scenario

    def _reap(self) -> None:
        for proc in list(self.procs):
            code = proc.poll()
            if code is not None:
                self.procs.remove(proc)
                scenario = self.scenarios.pop(proc.pid)
                if code != 0 and not self._stop.is_set():
                    err = scenario.with_suffix(".err")
                    text = err.read_text(errors="replace")[-300:].strip() if err.exists() else ""
                    self.failed.append(f"SIPp exit {code}: {text}")

    def _run(self) -> None:
        while not self._stop.is_set():
            self._reap()
            if len(self.procs) < self.depth:
                self._launch()
                continue
            self._stop.wait(0.2)

    def stop(self) -> None:
        from tools.simulated_callers import stop_process

        self._stop.set()
        self._thread.join(10)
        for proc in self.procs:
            stop_process(proc, timeout=3)
        self._reap()
        shutil.rmtree(self.dir, ignore_errors=True)


class Server:
    """``python -m server_stub`` with its call path on a fresh demo data dir; stopped by PID."""

    def __init__(self, data_dir: Path, workers: int) -> None:
        from tools.simulated_callers import free_udp_port

        self.data_dir = data_dir
        self.sip_port = free_udp_port()
        self.workers = workers
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""
        self.sip_address = ""

    def __enter__(self) -> Server:
        cmd = [
            sys.executable, "-m", "server_stub", "--data-dir", str(self.data_dir), "--http-port", "0",
            "--demo-data", "--sip-port", str(self.sip_port), "--media-workers", str(self.workers),
            "--max-media-workers", str(self.workers + 3), "--log-level", "WARNING",
        ]  # fmt: skip
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / "server-stderr.log", "wb") as err:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=err, text=True)
        assert self.proc.stdout is not None
        deadline = time.monotonic() + 300
        while not self.url and time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(
                    f"the server stopped during start-up; see {self.data_dir}/server-stderr.log"
                )
            if line.startswith(LISTEN_MARK):
                self.url = line[len(LISTEN_MARK) :].strip()
            elif line.startswith(SIP_MARK):
                self.sip_address = line[len(SIP_MARK) :].strip()
        threading.Thread(target=self._drain, args=(self.proc.stdout,), daemon=True).start()
        self.sip_address = self.sip_address or f"127.0.0.1:{self.sip_port}"
        return self

    @staticmethod
    def _drain(stream: IO[str]) -> None:
        for _line in stream:
            pass

    def __exit__(self, *exc: object) -> None:
        from tools.simulated_callers import stop_process

        if self.proc is not None:
            stop_process(self.proc, timeout=20)


def prepare_hotline(url: str) -> list[str]:
    """As the demo admin: a lean 12345 IVR, a 1 s wrap-up on the general queue, no IVR notice read to
    callers. Returns caller numbers: known demo customers (pops with history) and first-time callers."""
    base = url + "/api/v1"
    http = requests.Session()
    login = http.post(f"{base}/auth/login", json={"work_number": ADMIN, "password": PASSWORD}, timeout=10)
    login.raise_for_status()
    http.headers["Authorization"] = f"Bearer {login.json()['token']}"
    menu = http.get(f"{base}/ivr/{HOTLINE}", timeout=10).json()
    tree = {
        "prompt": menu["tree"]["prompt"],
        "timeout_seconds": 8,
        "default": {"action": "queue", "queue": QUEUE},
        "options": {"1": {"label": "政务咨询", "action": "queue", "queue": QUEUE}},
    }
    http.put(
        f"{base}/ivr/{HOTLINE}", json={"name": "12345 (bench)", "tree": tree}, timeout=10
    ).raise_for_status()
    http.patch(f"{base}/queues/{QUEUE}", json={"wrap_up_seconds": 1}, timeout=10).raise_for_status()
    for notice in http.get(f"{base}/notices", timeout=10).json():
        if notice.get("play_in_ivr") and notice.get("hotline_number") == HOTLINE:
            with contextlib.suppress(requests.RequestException):
                http.post(f"{base}/notices/{notice['id']}/withdraw", timeout=10)
    customers = http.get(f"{base}/customers", params={"limit": 200}, timeout=10).json()["items"]
    known = [c["phones"][0] for c in customers if c["phones"] and "blacklisted" not in c["tags"]]
    rng = random.Random(12345)
    numbers: list[str] = []
    for i in range(300):
        if i % 3 == 2 or not known:
            numbers.append("13" + "".join(rng.choice("0123456789") for _ in range(9)))
        else:
            numbers.append(known[(i * 7) % len(known)])
    http.post(f"{base}/auth/logout", timeout=10)
    return numbers


def run_shift(calls: int, depth: int, work: Path, shots: str | None = None) -> dict[str, Any]:
    with Server(work / "server", workers=depth + 1) as server:
        numbers = prepare_hotline(server.url)
        env = dict(os.environ)
        if not env.get("DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        log = (work / "app.log").open("w")
        app = subprocess.Popen(
            [
                sys.executable, "-m", "bench.agent_shift", "--app", "--server", server.url,
                "--sip", server.sip_address, "--work-number", WORK_NUMBER, "--password", PASSWORD,
                "--calls", str(calls), "--timeout-s", str(120 + 12 * calls),
                *(["--shots", shots] if shots else []),
            ],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True, env=env,
        )  # fmt: skip
        log.close()
        assert app.stdout is not None
        out = ChildOutput(app.stdout)
        callers: Callers | None = None
        seen: dict[str, list[dict[str, Any]]] = {}
        started = time.monotonic()
        events = (work / "events.jsonl").open("w", encoding="utf-8")
        try:
            while True:
                item = out.items.get(timeout=180)
                events.write(json.dumps(item, ensure_ascii=False) + "\n")
                seen.setdefault(item["event"], []).append(item)
                if item["event"] == "ready" and callers is None:
                    started = time.monotonic()
                    callers = Callers(server.sip_address, numbers, depth).start()
                if item["event"] == "call" and item["call"] % 10 == 9:
                    sys.stdout.write(f"  {item['call'] + 1} calls, {time.monotonic() - started:.0f} s\n")
                    sys.stdout.flush()
                if item["event"] in ("exited", "timeout"):
                    break
        except queue.Empty:
            seen.setdefault("failed", []).append({"why": "the app went silent for 3 minutes"})
        finally:
            events.close()
            elapsed = time.monotonic() - started
            if callers is not None:
                callers.stop()
            if app.poll() is None:
                app.kill()
            app.wait(10)
        if callers is not None:
            seen.setdefault("caller_failed", []).extend({"why": f} for f in callers.failed)
        seen["elapsed"] = [{"s": elapsed}]
        return seen


def figures(seen: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    samples = seen.get("sample", [])
    if not samples:
        raise RuntimeError(f"the app reported no figures; saw {sorted(seen)} (see the app log)")
    start = next(s for s in samples if s["label"] == "start")
    end = next((s for s in samples if s["label"] == "end"), samples[-1])
    calls = len(seen.get("call", []))
    answered = sum(1 for c in seen.get("call", []) if c["answered"])
    popped = seen.get("popped", [])
    pops = [p["ms"] for p in popped if not p.get("before_ring")]
    tickets = seen.get("ticket", [])
    saves = [t["ms"] for t in tickets]
    failed = (
        len(seen.get("failed", []))
        + len(seen.get("timeout", []))
        + sum(1 for t in tickets if not t["shown"])
        + max(0, answered - len(tickets))  # answered but the ticket never confirmed
    )
    per_100 = 100 / calls if calls else 0.0
    # the first calls warm caches up (fonts, icons, pjsua2 pools, HTTP connections);
    # growth after them is what a long shift would add
    warm = next((s for s in samples if s["label"] == "after 10"), start)
    steady_per_100 = 100 / (calls - warm["calls"]) if calls > warm["calls"] else 0.0
    first_pop, last_pop = p50_p95(pops[:FIRST_LAST]), p50_p95(pops[-FIRST_LAST:])
    first_save, last_save = p50_p95(saves[:FIRST_LAST]), p50_p95(saves[-FIRST_LAST:])
    rows = [
        row("calls_completed", calls, "calls"),
        row("calls_answered", answered, "calls"),
        row("calls_failed", failed, "calls"),
        row("tickets_saved", len(tickets), "tickets"),
        row("pops_on_screen_before_the_ring", len(popped) - len(pops), "calls"),
        row("sipp_callers_failed", len(seen.get("caller_failed", [])), "calls"),
        row("shift_wall_time", seen["elapsed"][0]["s"], "s"),
        row("rss_start", start["rss_mb"], "MB", baseline=True),
        row("rss_end", end["rss_mb"], "MB"),
        row("rss_growth_per_100_calls", (end["rss_mb"] - start["rss_mb"]) * per_100, "MB"),
        row("rss_after_10_calls", warm["rss_mb"], "MB"),
        row("rss_growth_per_100_calls_after_10", (end["rss_mb"] - warm["rss_mb"]) * steady_per_100, "MB"),
        row("fds_start", start["fds"], "fds", baseline=True),
        row("fds_end", end["fds"], "fds"),
        row("threads_start", start["threads"], "threads", baseline=True),
        row("threads_end", end["threads"], "threads"),
        row("qt_widgets_start", start["widgets"], "widgets", baseline=True),
        row("qt_widgets_end", end["widgets"], "widgets"),
        row("qt_widgets_growth_per_100_calls", (end["widgets"] - start["widgets"]) * per_100, "widgets"),
        row("qt_objects_start", start["qobjects"], "objects", baseline=True),
        row("qt_objects_end", end["qobjects"], "objects"),
        row("py_objects_start", start["py_objects"], "objects", baseline=True),
        row("py_objects_end", end["py_objects"], "objects"),
        row(
            "py_objects_growth_per_100_calls", (end["py_objects"] - start["py_objects"]) * per_100, "objects"
        ),
        row("engine_call_records_end", end["engine_calls"] + end["engine_graveyard"], "calls"),
        row("engine_ended_snapshots_end", end["engine_ended"], "calls"),
        row("ring_to_pop_painted_first10_p50", first_pop[0], "ms", baseline=True),
        row("ring_to_pop_painted_first10_p95", first_pop[1], "ms", baseline=True),
        row("ring_to_pop_painted_last10_p50", last_pop[0], "ms"),
        row("ring_to_pop_painted_last10_p95", last_pop[1], "ms"),
        row("ticket_save_round_trip_first10_p50", first_save[0], "ms", baseline=True),
        row("ticket_save_round_trip_first10_p95", first_save[1], "ms", baseline=True),
        row("ticket_save_round_trip_last10_p50", last_save[0], "ms"),
        row("ticket_save_round_trip_last10_p95", last_save[1], "ms"),
    ]
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--calls", type=int, default=int(os.environ.get("HOTLINE_SHIFT_CALLS", DEFAULT_CALLS))
    )
    parser.add_argument("--depth", type=int, default=3, help="callers kept in flight")
    parser.add_argument("--shots", help="save what the window shows during the first calls into this folder")
    parser.add_argument("--app", action="store_true", help=argparse.SUPPRESS)  # the app process
    parser.add_argument("--server", help=argparse.SUPPRESS)
    parser.add_argument("--sip", help=argparse.SUPPRESS)
    parser.add_argument("--work-number", default=WORK_NUMBER, help=argparse.SUPPRESS)
    parser.add_argument("--password", default=PASSWORD, help=argparse.SUPPRESS)
    parser.add_argument("--timeout-s", type=float, default=900.0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.app:
        return run_app(args)
    logging.basicConfig(level=logging.WARNING)
    if shutil.which("sipp") is None or shutil.which("kamailio") is None:
        sys.stderr.write("needs SIPp and Kamailio: run tools/setup-system.sh\n")
        return 2
    work = Path(tempfile.mkdtemp(prefix="agent-shift-bench-"))
    sys.stdout.write(f"{args.calls} calls through {HOTLINE} into the agent app (logs in {work})\n")
    seen = run_shift(args.calls, args.depth, work, args.shots)
    for failure in seen.get("failed", []) + seen.get("caller_failed", []):
        sys.stdout.write(f"  failed: {failure}\n")
    write_results(NAME, figures(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
