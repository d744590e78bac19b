"""The PyInstaller onedir bundle for Linux seats starts offscreen and exits 0 (both executables)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from installer.apps import SeatApp
from installer.linux_bundle import build_bundle, executable

pytestmark = [pytest.mark.installer, pytest.mark.installer_full, pytest.mark.timeout(900)]


@pytest.fixture(scope="session")
def bundle() -> Path:
    return build_bundle()


@pytest.mark.parametrize("app", [SeatApp.AGENT, SeatApp.SUPERVISOR])
def test_given_linux_bundle_when_started_offscreen_then_the_window_is_built_and_it_exits_0(
    bundle: Path, app: SeatApp, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOTLINE_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # the user's QSettings stay out of the real home
    }
    # --quit-after-ms: the launchers' own timer (benchmarks use it); 127.0.0.1:9 is closed, so the login
    # window shows the server as unreachable instead of signing in
    proc = subprocess.run(
        [str(executable(app, bundle)), "--server", "http://127.0.0.1:9", "--quit-after-ms", "3000"],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "not loaded" not in proc.stderr  # style sheets and translations are found inside the bundle
    if app is SeatApp.AGENT:
        assert "login window shown" in proc.stderr
