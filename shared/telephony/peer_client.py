"""Drive a :mod:`shared.telephony.peer` process: the test/benchmark side of the JSON-lines protocol."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

logger = logging.getLogger(__name__)


class PeerError(RuntimeError):
    def __init__(self, op: str, error: Mapping[str, Any]) -> None:
        self.op = op
        self.error_id = str(error.get("error_id", ""))
        self.status = int(error.get("status", 0) or 0)
        self.reason = str(error.get("reason", ""))
        super().__init__(f"{op}: {self.reason} [{self.error_id}]")


class PeerProcess:
    """One engine in a child process. Thread-safe for one controlling thread plus its reader thread."""

    def __init__(
        self,
        name: str,
        *,
        tone_hz: float = 0.0,
        meter_hz: tuple[float, ...] = (),
        config: Mapping[str, Any] | None = None,
        log_dir: Path | None = None,
        log_level: str = "INFO",
        cwd: Path | None = None,
    ) -> None:
        self.name = name
        self._args = [
            sys.executable,
            "-m",
            "shared.telephony.peer",
            "--log-level",
            log_level,
            "--config",
            json.dumps(dict(config or {})),
        ]
        if tone_hz:
            self._args += ["--tone", str(tone_hz)]
        if meter_hz:
            self._args += ["--meter", ",".join(str(f) for f in meter_hz)]
        self._log_path = (log_dir or Path("/tmp")) / f"peer-{name}-{os.getpid()}-{id(self)}.log"
        self._cwd = cwd or Path(__file__).resolve().parents[2]
        self._proc: subprocess.Popen[str] | None = None
        self._cond = threading.Condition()
        self._responses: dict[int, dict[str, Any]] = {}
        self._events: list[dict[str, Any]] = []
        self._history: list[dict[str, Any]] = []
        self._next_id = 0
        self._reader: threading.Thread | None = None
        self._log_file: IO[str] | None = None
        self.port = 0
        self.uri = ""
        self.pid = 0

    def start(self, timeout: float = 30.0) -> PeerProcess:
        self._log_file = open(self._log_path, "w")  # noqa: SIM115 - closed in stop()
        self._proc = subprocess.Popen(
            self._args,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            text=True,
            bufsize=1,
            cwd=self._cwd,
        )
        self.pid = self._proc.pid
        self._reader = threading.Thread(target=self._read, name=f"peer-{self.name}", daemon=True)
        self._reader.start()
        ready = self._wait_ready(timeout)
        self.port, self.uri = int(ready["port"]), str(ready["uri"])
        return self

    def _wait_ready(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for i, msg in enumerate(self._events):
                    if msg.get("event") == "Ready":
                        return self._events.pop(i)
                    if msg.get("event") == "StartFailed":
                        raise PeerError("start", msg)
                left = deadline - time.monotonic()
                reader_done = self._reader is not None and not self._reader.is_alive()
                if left <= 0 or reader_done:  # the reader drains stdout before it ends
                    raise TimeoutError(f"{self.name}: not ready within {timeout} s (log {self._log_path})")
                self._cond.wait(min(left, 0.5))

    def uri_for(self, user: str) -> str:
        return f"sip:{user}@127.0.0.1:{self.port}"

    def _read(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        for line in self._proc.stdout:
            try:
                msg = json.loads(line)
            except json.JSONDecodeError:
                logger.warning("%s: not JSON: %r", self.name, line[:200])
                continue
            with self._cond:
                if "event" in msg:
                    self._events.append(msg)
                    self._history.append(msg)
                else:
                    self._responses[int(msg["id"]) if msg.get("id") is not None else -1] = msg
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def request(self, op: str, timeout: float = 15.0, **args: Any) -> Any:
        assert self._proc is not None and self._proc.stdin is not None
        with self._cond:
            self._next_id += 1
            rid = self._next_id
        self._proc.stdin.write(json.dumps({"id": rid, "op": op, "args": args}) + "\n")
        self._proc.stdin.flush()
        deadline = time.monotonic() + timeout
        with self._cond:
            while rid not in self._responses:
                left = deadline - time.monotonic()
                if left <= 0 or not self.alive:
                    raise TimeoutError(
                        f"{self.name}: no answer to {op} within {timeout} s (log {self._log_path})"
                    )
                self._cond.wait(min(left, 0.5))
            msg = self._responses.pop(rid)
        if not msg.get("ok"):
            raise PeerError(op, msg.get("error", {}))
        return msg.get("result")

    def wait_event(
        self,
        kind: str,
        timeout: float = 15.0,
        where: Callable[[dict[str, Any]], bool] | None = None,
        **match: Any,
    ) -> dict[str, Any]:
        """Wait for (and consume) the first unconsumed event of ``kind`` whose fields equal ``match``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for i, msg in enumerate(self._events):
                    if (
                        msg.get("event") == kind
                        and all(msg.get(k) == v for k, v in match.items())
                        and (where is None or where(msg))
                    ):
                        return self._events.pop(i)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(
                        f"{self.name}: no {kind} {match} within {timeout} s; "
                        f"unconsumed: {self._events[-8:]} (log {self._log_path})"
                    )
                self._cond.wait(min(left, 0.5))

    def history(self, kind: str | None = None) -> list[dict[str, Any]]:
        with self._cond:
            return [m for m in self._history if kind is None or m.get("event") == kind]

    def clear_events(self) -> None:
        with self._cond:
            self._events.clear()

    def levels(self) -> tuple[float, dict[float, float]]:
        result = self.request("levels")
        return float(result["rms"]), {float(k): float(v) for k, v in result["tones"].items()}

    def wait_tone(
        self, freq: float, *, audible: bool, timeout: float = 10.0, threshold_db: float = -45.0
    ) -> float:
        """Poll the ear until the tone at ``freq`` is above (``audible``) or below the threshold; returns the
        last level. Raises ``AssertionError`` with the levels seen when it never gets there."""
        deadline = time.monotonic() + timeout
        seen: list[float] = []
        while True:
            level = self.levels()[1][float(freq)]
            seen.append(round(level, 1))
            if (level > threshold_db) == audible:
                return level
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self.name}: tone {freq:g} Hz never became "
                    f"{'audible' if audible else 'silent'}; levels seen {seen[-10:]}"
                )
            time.sleep(0.1)

    def kill(self) -> None:
        """Vanish without a word (SIGKILL by PID), like a crashed or unplugged far end."""
        if self.alive:
            os.kill(self.pid, signal.SIGKILL)
            assert self._proc is not None
            self._proc.wait(5)

    def stop(self, timeout: float = 10.0) -> int | None:
        """Ask the peer to shut down cleanly; kill it by PID if it does not. Returns its exit code."""
        if self._proc is None:
            return None
        if self.alive:
            with contextlib.suppress(TimeoutError, PeerError, OSError, ValueError):
                self.request("quit", timeout=timeout)
            try:
                self._proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self._proc.wait(5)
        if self._proc.stdin is not None:
            with contextlib.suppress(OSError):
                self._proc.stdin.close()
        # closing stdout while the reader thread is blocked in a read of it waits for the reader's buffer
        # lock, forever if something still holds the pipe's write end; the reader ends at EOF by itself
        if self._reader is not None:
            self._reader.join(timeout=5)
        if self._proc.stdout is not None and (self._reader is None or not self._reader.is_alive()):
            with contextlib.suppress(OSError):
                self._proc.stdout.close()
        elif self._proc.stdout is not None:
            logger.warning("%s: its output pipe is still open after exit; left to the reader", self.name)
        if self._log_file is not None:
            self._log_file.close()
        return self._proc.returncode

    @property
    def log_text(self) -> str:
        try:
            return self._log_path.read_text(errors="replace")
        except OSError:
            return ""
