"""The supervisor console stands on the shared package, never on the agent app: the two are installed
and released apart, and a change on the call-taker's desktop must not break the leaders' screens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

_PROBE = """
import pkgutil, importlib, sys
import supervisor_app
for module in pkgutil.walk_packages(supervisor_app.__path__, "supervisor_app."):
    if ".demo" in module.name or module.name.endswith("__main__"):
        continue
    importlib.import_module(module.name)
print(",".join(sorted(m for m in sys.modules if m == "agent_app" or m.startswith("agent_app."))))
"""


def test_given_console_modules_when_imported_then_no_agent_app_module_is_loaded() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", f"the console pulls in: {done.stdout.strip()}"


@pytest.mark.gui
def test_given_shared_banner_when_shown_then_both_apps_use_the_same_class() -> None:
    from agent_app.widgets_common import InlineBanner as AgentBanner
    from shared.ui.state_colours import STATE_COLOURS as SHARED_COLOURS
    from supervisor_app.common import STATE_COLOURS, InlineBanner, format_duration

    assert AgentBanner is InlineBanner
    assert STATE_COLOURS is SHARED_COLOURS
    assert format_duration(3725) == "1:02:05" and format_duration(12) == "00:12"
