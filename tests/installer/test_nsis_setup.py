"""NSIS setup.exe: compiles with warnings as errors; per-user /S /D= install with setup.ini under wine."""

from __future__ import annotations

from pathlib import Path

import pytest

from installer.apps import APPS, SeatApp
from installer.payload import PayloadInfo
from installer.wine import WinePrefix

from .conftest import copy_beside

# session fixtures build the artefacts inside the first test that needs them (minutes on a busy machine)
pytestmark = [pytest.mark.installer, pytest.mark.timeout(900)]

AGENT = APPS[SeatApp.AGENT]


def test_given_payload_when_makensis_WX_compiles_then_an_amd64_setup_exe_exists(
    agent_setup_exe: Path,
) -> None:
    import subprocess

    out = subprocess.run(["objdump", "-f", str(agent_setup_exe)], capture_output=True, text=True, check=True)
    assert "pei-x86-64" in out.stdout
    assert agent_setup_exe.stat().st_size > 50e6  # the payload is inside


@pytest.mark.installer_full
def test_given_setup_ini_when_setup_exe_runs_silently_then_per_user_install_and_uninstall_leave_nothing(
    agent_setup_exe: Path, wine_session: WinePrefix, work_dir: Path, payload: PayloadInfo
) -> None:
    wine = wine_session
    setup = copy_beside(agent_setup_exe, work_dir / "share")
    (setup.parent / "setup.ini").write_text(
        "[server]\nurl=https://hotline.example.gov.cn:8443\n[sip]\ndomain=sip.example.gov.cn\n"
        "[install]\nautostart=1\n",
        encoding="utf-8",
    )
    target = "C:\\Seats\\HotlineAgent"
    result = wine.run([wine.windows_path(setup), "/S", f"/D={target}"])
    assert result.returncode == 0, result.output
    installed = wine.drive_c / "Seats" / "HotlineAgent"
    try:
        assert (installed / "python" / "pythonw.exe").is_file()
        assert (installed / "uninstall.exe").is_file()
        user_settings = wine.reg_query(r"HKCU\Software\HotlineDesk\AgentApp")
        assert user_settings[r"HKEY_CURRENT_USER\Software\HotlineDesk\AgentApp\server"]["url"] == (
            "https://hotline.example.gov.cn:8443"
        )
        run_key = wine.reg_query(r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run")
        assert any(
            "pythonw.exe" in v and "-m agent_app" in v for vals in run_key.values() for v in vals.values()
        )
        assert wine.uninstall_entries(AGENT.display_name, hive="HKCU")
        shortcuts = list(wine.drive_c.rglob(f"{AGENT.display_name}.lnk"))
        assert shortcuts
        selftest = wine.run([f"{target}\\python\\python.exe", "-m", "installer.selftest"], timeout=300)
        assert "SELFTEST OK" in selftest.output, selftest.output[-3000:]
    finally:
        uninstall = wine.run([f"{target}\\uninstall.exe", "/S"])
    assert uninstall.returncode == 0, uninstall.output
    assert not installed.exists()
    assert not wine.uninstall_entries(AGENT.display_name, hive="HKCU")
    assert not list(wine.drive_c.rglob(f"{AGENT.display_name}.lnk"))
    run_key = wine.reg_query(r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run")
    assert not any("-m agent_app" in v for vals in run_key.values() for v in vals.values())
