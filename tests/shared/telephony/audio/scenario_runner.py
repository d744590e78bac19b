"""Runs one scenario of ``audio_scenarios.py`` in a fresh interpreter and returns its JSON result."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

SCENARIOS_MODULE = "tests.shared.telephony.audio.audio_scenarios"
REPO_ROOT = Path(__file__).resolve().parents[4]

Scenario = Callable[..., dict[str, Any]]


def run_scenario_process(
    env: dict[str, str] | None, name: str, *args: str, timeout: float = 60.0
) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", SCENARIOS_MODULE, name, *args],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise AssertionError(
            f"scenario {name} failed (exit {proc.returncode})\n--- stdout\n{proc.stdout[-4000:]}"
            f"\n--- stderr\n{proc.stderr[-6000:]}"
        )
    result: dict[str, Any] = json.loads(lines[-1][len("RESULT ") :])
    result["_stderr"] = proc.stderr
    return result
