"""The Windows payload: embeddable CPython, Windows wheels, app code, pruned Qt, every DLL import resolved."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from installer.payload import PayloadInfo, pe_imports, unresolved_imports

# session fixtures build the artefacts inside the first test that needs them (minutes on a busy machine)
pytestmark = [pytest.mark.installer, pytest.mark.timeout(900)]


def test_given_payload_when_built_then_embeddable_python_finds_the_app_and_site_packages(
    payload: PayloadInfo,
) -> None:
    python = payload.root / "python"
    assert (python / "python.exe").is_file() and (python / "pythonw.exe").is_file()
    assert (python / "python311.dll").is_file() and (python / "python311.zip").is_file()
    pth = (python / "python311._pth").read_text(encoding="ascii").splitlines()
    assert "..\\app" in pth and "Lib\\site-packages" in pth and "import site" in pth
    site = python / "Lib" / "site-packages"
    for package in (
        "PySide6",
        "shiboken6",
        "pjsua2",
        "sounddevice.py",
        "jieba",
        "pypinyin",
        "whoosh",
        "sqlalchemy",
    ):
        assert (site / package).exists(), package
    app = payload.root / "app"
    for package in ("agent_app", "supervisor_app", "shared", "installer/selftest.py"):
        assert (app / package).exists(), package
    assert (app / "resources" / "sounds" / "ring_cn.wav").is_file()
    assert (app / "resources" / "icons" / "app.ico").is_file()
    # precompiled for a read-only Program Files: no timestamp-checked .pyc that would be rebuilt per start
    assert list((app / "agent_app" / "__pycache__").glob("*.cpython-311.pyc"))


def test_given_payload_when_dll_imports_are_read_then_every_one_resolves_and_pjsua2_finds_msvcp140(
    payload: PayloadInfo,
) -> None:
    assert unresolved_imports(payload.root) == {}
    pyd = next((payload.root / "python" / "Lib" / "site-packages" / "pjsua2").glob("_pjsua2*.pyd"))
    assert "MSVCP140.dll".lower() in [d.lower() for d in pe_imports(pyd)]
    assert (payload.root / "python" / "msvcp140.dll").is_file()


def test_given_payload_when_built_then_unused_qt_is_pruned(payload: PayloadInfo) -> None:
    pyside = payload.root / "python" / "Lib" / "site-packages" / "PySide6"
    for gone in ("Qt6Quick.dll", "Qt6Qml.dll", "Qt6Designer.dll", "opengl32sw.dll", "qml", "designer.exe"):
        assert not (pyside / gone).exists(), gone
    assert not list(pyside.glob("*.pyi"))
    for kept in (
        "Qt6Core.dll",
        "Qt6Gui.dll",
        "Qt6Widgets.dll",
        "Qt6Svg.dll",
        "plugins/platforms/qwindows.dll",
    ):
        assert (pyside / kept).is_file(), kept
    assert payload.bytes < 280e6, f"payload grew to {payload.bytes / 1e6:.0f} MB"


def test_given_the_dev_venv_when_the_selftest_runs_then_every_check_passes() -> None:
    # the same module the installed Windows Python runs; here it proves the checks themselves are sound
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "installer.selftest", "--json", "--skip-audio"],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["ok"], [c for c in report["checks"] if not c["ok"]]
    assert "shared.telephony.config" in report["plain_modules"]
    assert "agent_app.main_window" in report["qt_modules"]
