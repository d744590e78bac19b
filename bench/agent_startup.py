"""Cold start of the call-taker desktop: process launch → login window on screen, and its memory.

Runs ``python -m agent_app`` (the real client, the real SIP engine and PortAudio tools; the server address
points nowhere, the login window does not need it) several times and reads the moment the window was
shown from the app itself (``HOTLINE_STARTUP_MARK``). The first run is the coldest (files not yet in the
page cache); p50/p95 cover the rest. Baseline in the same run: starting Python and importing
PySide6.QtWidgets only.

    .venv/bin/python -m bench.agent_startup [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._report import p50_p95, row, write_results

ROOT = Path(__file__).resolve().parents[1]
NAME = "agent_startup"


def start_once(platform: str) -> tuple[float, float]:
    """Seconds from launch to the login window, and the RSS (MB) at that moment."""
    data = tempfile.mkdtemp(prefix="agent-start-")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": platform,
        "HOTLINE_STARTUP_MARK": "1",
        "HOTLINE_LOG": "WARNING",
        "HOTLINE_DATA_DIR": data,
        "XDG_CONFIG_HOME": data,
    }
    launched = time.time()
    proc = subprocess.Popen(
        [sys.executable, "-m", "agent_app", "--server", "http://127.0.0.1:9", "--quit-after-ms", "1500"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    shown = None
    rss = 0.0
    try:
        for line in proc.stdout:
            if line.startswith("{") and json.loads(line).get("event") == "login_shown":
                shown = json.loads(line)["wall"]
                status = Path(f"/proc/{proc.pid}/status").read_text()
                rss = next(int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS:")) / 1024
                break
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    if shown is None:
        raise RuntimeError("the app never showed its login window")
    return shown - launched, rss


def import_baseline() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import PySide6.QtWidgets"], check=True, cwd=ROOT)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    platform = "xcb" if os.environ.get("DISPLAY") else "offscreen"
    results = [start_once(platform) for _ in range(args.runs)]
    first_s, _ = results[0]
    warm = [s * 1000 for s, _ in results[1:]] or [first_s * 1000]
    p50, p95 = p50_p95(warm)
    base = [import_baseline() * 1000 for _ in range(3)]
    rows = [
        row("start_to_login_window_first_run", first_s * 1000, "ms"),
        row("start_to_login_window_p50", p50, "ms"),
        row("start_to_login_window_p95", p95, "ms"),
        row("rss_at_login_window", max(r for _, r in results), "MB"),
        row("python_plus_import_qtwidgets_p50", p50_p95(base)[0], "ms", baseline=True),
        row("runs", args.runs, "starts"),
    ]
    write_results(NAME, rows)
    sys.stdout.write(f"platform: {platform}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
