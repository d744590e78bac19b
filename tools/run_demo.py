"""``make demo``: the hotline with callers flowing through the IVR and queues to agents.

Starts the server with its call path (``--demo-data`` on a new data dir), waits until it is healthy,
opens the agent app signed in as 1001 and the supervisor console as 9001 (unless ``--no-apps`` or no
display), starts simulated call-takers for other demo work numbers (pjsua2 processes that register, go
ready, answer, talk, hang up and wrap up) and simulated callers (SIPp with PCMA audio and DTMF, some
hanging up while queued) on 12345/12329/12315. Ctrl-C stops everything by PID.

    python -m tools.run_demo --data-dir ~/.local/share/hotline-desk-demo [--duration 60] [--no-apps]
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests

from tools.simulated_callers import CallerGenerator, ServerClient, SimulatedAgent, free_udp_port, stop_process

logger = logging.getLogger("tools.run_demo")

REPO = Path(__file__).resolve().parents[1]
DEMO_PASSWORD = "demo1234"
LISTEN_MARK = "Hotline Desk server listening on "
SIP_MARK = "SIP front door on "


class Demo:
    """Everything the demo started, stopped in reverse order by PID. Main thread only."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.data_dir: Path = args.data_dir.expanduser().resolve()
        self.server: subprocess.Popen[str] | None = None
        self.apps: list[subprocess.Popen[bytes]] = []
        self.agents: list[SimulatedAgent] = []
        self.callers: CallerGenerator | None = None
        self.url = ""
        self.sip_address = ""
        self._server_lines: list[str] = []

    # -------------------------------------------------------------- server

    def _server_command(self, sip_port: int, demo_data: bool) -> list[str]:
        common = ["--data-dir", str(self.data_dir), "--http-port", "0"] + (
            ["--demo-data"] if demo_data else []
        )
        return [sys.executable, "-m", "server_stub", *common, "--sip-port", str(sip_port)]

    def start_server(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        demo_data = not (self.data_dir / "hotline.sqlite").exists()
        sip_port = self.args.sip_port or self._pick_sip_port()
        cmd = self._server_command(sip_port, demo_data)
        logger.info("starting the server: %s", " ".join(cmd))
        (self.data_dir / "logs").mkdir(exist_ok=True)
        # the server logs to logs/server.log itself; keep its stderr (and the media workers') off the terminal
        err = open(self.data_dir / "logs" / "server-stderr.log", "ab")  # noqa: SIM115 - handed to the child
        self.server = subprocess.Popen(
            cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=err, text=True, bufsize=1
        )
        err.close()
        deadline = time.monotonic() + 600  # filling the demo database takes a while the first time
        assert self.server.stdout is not None
        while not self.url:
            line = self.server.stdout.readline()
            if not line:
                raise RuntimeError(
                    f"the server stopped during start-up (exit {self.server.wait()}); see its log"
                )
            self._server_lines.append(line)
            if line.startswith(LISTEN_MARK):
                self.url = line[len(LISTEN_MARK) :].strip()
            elif line.startswith(SIP_MARK):
                self.sip_address = line[len(SIP_MARK) :].strip()
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start within 10 minutes")
        self.sip_address = self.sip_address or f"127.0.0.1:{sip_port}"
        threading.Thread(target=self._drain, daemon=True).start()
        self._wait_healthy()
        logger.info("server at %s, SIP front door udp:%s", self.url, self.sip_address)

    def _pick_sip_port(self) -> int:
        import socket

        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            try:
                sock.bind(("127.0.0.1", 5060))
                return 5060
            except OSError:
                return free_udp_port()

    def _drain(self) -> None:
        assert self.server is not None and self.server.stdout is not None
        for _line in self.server.stdout:
            pass

    def _wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/api/v1/health", timeout=2).ok:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"{self.url} did not answer /health within {timeout:.0f} s")

    # -------------------------------------------------------------- apps and simulated people

    def start_apps(self) -> None:
        if self.args.no_apps:
            return
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            logger.warning("no display: not opening the agent app and the supervisor console (--no-apps)")
            return
        env = dict(os.environ, HOTLINE_DEMO_PASSWORD=DEMO_PASSWORD)
        port = self.sip_address.rsplit(":", 1)[-1]
        if port != "5060":
            # the apps' SIP port comes from their settings; give them a private user layer that says so
            config_home = self.data_dir / "app-config"
            for app_name in ("AgentApp", "SupervisorApp"):
                conf = config_home / "HotlineDesk" / f"{app_name}.conf"
                conf.parent.mkdir(parents=True, exist_ok=True)
                conf.write_text(f"[sip]\nport={port}\n")
            env["XDG_CONFIG_HOME"] = str(config_home)
        for module, work_number in (("agent_app", "1001"), ("supervisor_app", "9001")):
            cmd = [sys.executable, "-m", module, "--server", self.url, "--demo-autologin", work_number,
                   "--data-dir", str(self.data_dir / f"{module}-data")]  # fmt: skip
            log = open(self.data_dir / "logs" / f"{module}.log", "wb")  # noqa: SIM115 - handed to the child
            self.apps.append(subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT))
            log.close()
            logger.info("%s opened as %s (log in %s)", module, work_number, self.data_dir / "logs")

    def start_agents(self) -> None:
        tones = (700.0, 900.0, 1100.0, 1300.0, 1500.0, 1700.0, 1900.0, 2100.0)
        for i in range(self.args.agents):
            work_number = str(1002 + i)
            agent = SimulatedAgent(
                work_number, self.url, self.sip_address, tone_hz=tones[i % len(tones)], seed=i
            )
            try:
                self.agents.append(agent.start())
                logger.info("simulated agent %s registered and going ready", work_number)
            except Exception as exc:
                logger.error("simulated agent %s did not start: %s", work_number, exc)
                agent.stop()

    def start_callers(self) -> None:
        self.callers = CallerGenerator(
            self.sip_address,
            calls_per_minute=self.args.calls_per_minute,
            abandon_share=self.args.abandon_share,
            seed=self.args.seed,
            trace_dir=self._trace_dir(),
        ).start()
        logger.info(
            "simulated callers: %.1f calls a minute on 12345/12329/12315, %.0f %% impatient",
            self.args.calls_per_minute, 100 * self.args.abandon_share,
        )  # fmt: skip

    def _trace_dir(self) -> Path | None:
        if not self.args.trace_callers:
            return None
        path = self.data_dir / "logs" / "callers"
        path.mkdir(parents=True, exist_ok=True)
        return path

    # -------------------------------------------------------------- watching

    def status(self, leader: ServerClient | None) -> str:
        parts = []
        if leader is not None:
            with contextlib.suppress(requests.RequestException):
                queues = leader.get("/callcenter/queues")
                waiting = sum(q["waiting"] for q in queues)
                answered = sum(q["answered"] for q in queues)
                abandoned = sum(q["abandoned"] for q in queues)
                busiest = max(queues, key=lambda q: q["waiting"], default=None)
                parts.append(f"waiting {waiting}, answered {answered}, abandoned {abandoned}")
                if busiest is not None and busiest["waiting"]:
                    parts.append(f"longest queue {busiest['code']} ({busiest['waiting']})")
        if self.callers is not None:
            parts.append(f"callers started {self.callers.started}, done {self.callers.finished}")
        parts.append(f"agents answered {sum(a.answered for a in self.agents)}")
        return "; ".join(parts)

    def summary(self) -> dict[str, Any]:
        """Calls in the database by disposition, read from the demo's own SQLite file."""
        from sqlalchemy import select

        from server_stub.db.engine import create_db_engine, sqlite_url_for
        from server_stub.db.models import Call, CallbackTask, Recording

        engine = create_db_engine(sqlite_url_for(self.data_dir))
        try:
            with engine.connect() as conn:
                since = self.started_at
                rows = conn.execute(select(Call.disposition).where(Call.arrived_at >= since)).all()
                recordings = conn.execute(select(Recording.id).where(Recording.started_at >= since)).all()
                callbacks = conn.execute(
                    select(CallbackTask.id).where(CallbackTask.created_at >= since)
                ).all()
        finally:
            engine.dispose()
        by = Counter(str(r[0].value if r[0] is not None else "cut off by the stop") for r in rows)
        return {
            "calls": len(rows),
            **dict(by),
            "recordings": len(recordings),
            "callback_tasks": len(callbacks),
        }

    started_at: Any = None

    def stop(self) -> None:
        if self.callers is not None:
            self.callers.stop()
        for agent in self.agents:
            agent.stop()
        for app in self.apps:
            stop_process(app)
        if self.server is not None:
            stop_process(self.server, timeout=20)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.run_demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("~/.local/share/hotline-desk-demo"))
    parser.add_argument("--duration", type=float, default=0, help="seconds, then stop (0 = until Ctrl-C)")
    parser.add_argument("--no-apps", action="store_true", help="don't open the agent app and the console")
    parser.add_argument("--agents", type=int, default=4, help="simulated call-takers (1002, 1003, …)")
    parser.add_argument("--calls-per-minute", type=float, default=8.0)
    parser.add_argument("--abandon-share", type=float, default=0.25, help="callers who give up while queued")
    parser.add_argument("--sip-port", type=int, default=0, help="0 = 5060 if free, else any free port")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--trace-callers", action="store_true", help="keep SIPp message traces in logs/callers"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    demo = Demo(args)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    from datetime import UTC, datetime

    demo.started_at = datetime.now(UTC)
    try:
        demo.start_server()
        (demo.data_dir / "logs").mkdir(exist_ok=True)
        demo.start_apps()
        demo.start_agents()
        demo.start_callers()
        try:
            leader: ServerClient | None = ServerClient(demo.url, "9001", DEMO_PASSWORD)
        except requests.RequestException:
            leader = None
        logger.info("demo running at %s — Ctrl-C stops it", demo.url)
        deadline = time.monotonic() + args.duration if args.duration else None
        while not stop.wait(10):
            logger.info("%s", demo.status(leader))
            if deadline is not None and time.monotonic() >= deadline:
                break
    except RuntimeError as exc:
        logger.error("%s", exc)
        demo.stop()
        return 2
    finally:
        if not stop.is_set():
            stop.set()
    logger.info("stopping the demo …")
    demo.stop()
    with contextlib.suppress(Exception):
        logger.info("this run: %s", demo.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
