"""A private PulseAudio server with a null sink, so PortAudio (through ALSA's ``pulse`` plugin) has a
real, paced sound device on a machine without a sound card.

The server runs in user mode (``-n``: no default script, only what we load) on a socket in a temp dir;
its environment (``PULSE_SERVER``, ``XDG_RUNTIME_DIR``, ``HOME`` with an ``.asoundrc``) is handed to
subprocesses, which must have it before ``import sounddevice`` because PortAudio lists devices once.
The ``.asoundrc`` adds two named ALSA devices on that sink, ``hd_headset`` (speaker) and
``hd_headset_mic`` (the sink's monitor), standing in for a USB headset picked by name.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

SINK = "hd_null"
HEADSET_SPEAKER = "hd_headset"
HEADSET_MIC = "hd_headset_mic"
RATE = 16000

_ASOUNDRC = f"""
pcm.{HEADSET_SPEAKER} {{
    type pulse
    device "{SINK}"
}}
pcm.{HEADSET_MIC} {{
    type pulse
    device "{SINK}.monitor"
}}
"""


class PulseServer:
    """Start with :meth:`start`, stop with :meth:`stop` (by PID; safe to call twice)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="hd-pulse-"))
        self.runtime = self.root / "run"
        self.home = self.root / "home"
        self.socket = self.runtime / "native"
        self.log_path = self.root / "pulse.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            HOME=str(self.home),
            XDG_RUNTIME_DIR=str(self.runtime),
            PULSE_RUNTIME_PATH=str(self.runtime),
            PULSE_STATE_PATH=str(self.home),
            PULSE_SERVER=f"unix:{self.socket}",
        )
        env.pop("PULSE_SINK", None)
        env.pop("PULSE_SOURCE", None)
        env.pop("ALSA_CONFIG_PATH", None)
        return env

    def start(self, timeout: float = 15.0) -> None:
        self.runtime.mkdir(mode=0o700)
        self.home.mkdir()
        (self.home / ".asoundrc").write_text(_ASOUNDRC)
        script = self.root / "default.pa"
        script.write_text(
            f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket}\n"
            f"load-module module-null-sink sink_name={SINK} rate={RATE} channels=1\n"
            f"set-default-sink {SINK}\n"
            f"set-default-source {SINK}.monitor\n"
        )
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                "pulseaudio",
                "--daemonize=no",
                "-n",
                "-F",
                str(script),
                "--exit-idle-time=-1",
                "--use-pid-file=no",
                "--disallow-exit",
                "--log-target=stderr",
                "--log-level=warning",
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pulseaudio exited: {self.log_path.read_text(errors='replace')}")
            if self.socket.exists() and self.pactl("info", check=False).returncode == 0:
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"pulseaudio did not come up within {timeout} s")

    def pactl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, text=True, timeout=10, check=check
        )

    def ensure_sink(self) -> None:
        """Put the null sink back if a test left it unloaded."""
        if SINK not in self.pactl("list", "short", "sinks").stdout:
            self.pactl("load-module", "module-null-sink", f"sink_name={SINK}", f"rate={RATE}", "channels=1")
            self.pactl("set-default-source", f"{SINK}.monitor")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        shutil.rmtree(self.root, ignore_errors=True)
