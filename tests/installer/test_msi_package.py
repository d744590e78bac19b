"""x64 MSI: tables checked with msiinfo; silent install, registry preset, self-test, upgrade and uninstall
under wine."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from installer.apps import APPS, SeatApp
from installer.msi import SETTING_PROPERTIES, build_msi, firewall_rule_name
from installer.payload import PayloadInfo
from installer.wine import WinePrefix

from .conftest import TEST_OUT, copy_beside

# session fixtures build the artefacts inside the first test that needs them (minutes on a busy machine)
pytestmark = [pytest.mark.installer, pytest.mark.timeout(900)]

AGENT = APPS[SeatApp.AGENT]
SETTINGS_KEY = r"HKLM\Software\HotlineDesk\AgentApp"
HKLM_SETTINGS = r"HKEY_LOCAL_MACHINE\Software\HotlineDesk\AgentApp"
RUN_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Run"
INSTALL_DIR = Path("Program Files") / "Hotline Desk" / "AgentApp"


def table(msi: Path, name: str) -> list[list[str]]:
    out = subprocess.run(["msiinfo", "export", str(msi), name], capture_output=True, text=True, check=True)
    return [line.split("\t") for line in out.stdout.splitlines()[3:]]


def properties(msi: Path) -> dict[str, str]:
    return {row[0]: row[1] for row in table(msi, "Property")}


def test_given_agent_msi_when_tables_are_read_then_it_is_a_per_machine_x64_package_with_secure_properties(
    agent_msi: Path,
) -> None:
    info = subprocess.run(["msiinfo", "suminfo", str(agent_msi)], capture_output=True, text=True, check=True)
    assert "Template: x64;1033" in info.stdout
    props = properties(agent_msi)
    assert props["ALLUSERS"] == "1"
    assert props["UpgradeCode"] == "{" + AGENT.upgrade_code + "}"
    secure = set(props["SecureCustomProperties"].split(";"))
    assert {p.name for p in SETTING_PROPERTIES} | {"AUTOSTART", "FIREWALL", "INSTALLDIR"} <= secure
    # MajorUpgrade: older versions are found and removed before the new one goes in
    assert any(row[-1] == "WIX_UPGRADE_DETECTED" for row in table(agent_msi, "Upgrade"))
    sequence = {row[0]: (row[1], int(row[2])) for row in table(agent_msi, "InstallExecuteSequence")}
    assert sequence["RemoveExistingProducts"][1] < sequence["InstallInitialize"][1]
    assert sequence["AppSearch"][1] < sequence["RestoreSERVER"][1] < sequence["CostFinalize"][1]


def test_given_agent_msi_when_tables_are_read_then_firewall_autostart_and_shortcut_are_wired(
    agent_msi: Path,
) -> None:
    actions = {row[0]: row for row in table(agent_msi, "CustomAction")}
    rule = firewall_rule_name(AGENT)
    add, remove = actions["FirewallAdd"], actions["FirewallRemove"]
    # 3186 = exe named by a property (50) + ignore exit code (64) + deferred (1024) + no impersonation (2048)
    assert int(add[1]) == int(remove[1]) == 3186
    assert f'add rule name="{rule}"' in add[3] and "protocol=UDP" in add[3] and "pythonw.exe" in add[3]
    assert f'delete rule name="{rule}"' in remove[3]
    assert actions["SetNetsh"][3] == "[System64Folder]netsh.exe"
    sequence = {row[0]: (row[1], int(row[2])) for row in table(agent_msi, "InstallExecuteSequence")}
    assert sequence["FirewallAdd"][0] == 'NOT REMOVE~="ALL" AND FIREWALL="1"'
    assert sequence["FirewallRemove"][0] == 'REMOVE~="ALL"'
    assert sequence["InstallInitialize"][1] < sequence["FirewallAdd"][1] < sequence["InstallFinalize"][1]
    assert ["Autostart", "1", 'AUTOSTART="1"'] in table(agent_msi, "Condition")
    components = {row[0]: row for row in table(agent_msi, "Component")}
    assert components["cSetSERVER"][4] == "SERVER"
    shortcut = table(agent_msi, "Shortcut")[0]
    assert shortcut[2].endswith(AGENT.display_name) and shortcut[5] == "-m agent_app"


@pytest.mark.installer_full
def test_given_supervisor_msi_when_built_then_it_has_its_own_upgrade_code_and_entry_point(
    payload: PayloadInfo, version: str
) -> None:
    msi = build_msi(SeatApp.SUPERVISOR, version=version, payload=payload.root, out_dir=TEST_OUT)
    spec = APPS[SeatApp.SUPERVISOR]
    assert properties(msi)["UpgradeCode"] == "{" + spec.upgrade_code + "}"
    assert table(msi, "Shortcut")[0][5] == "-m supervisor_app"


def assert_nothing_left(wine: WinePrefix) -> None:
    assert not (wine.drive_c / INSTALL_DIR).exists()
    assert not (wine.drive_c / INSTALL_DIR.parent).exists()
    assert wine.reg_query(SETTINGS_KEY) == {}
    assert not wine.uninstall_entries(AGENT.display_name)
    assert not list(wine.drive_c.rglob(f"{AGENT.display_name}.lnk"))
    run_values = wine.reg_query(RUN_KEY)
    assert not any("-m agent_app" in v for vals in run_values.values() for v in vals.values())


def test_given_properties_when_msi_installs_silently_under_wine_then_hklm_preset_is_set_selftest_passes_and_uninstall_cleans_up(  # noqa: E501
    agent_msi: Path, wine_session: WinePrefix, work_dir: Path
) -> None:
    wine = wine_session
    msi = copy_beside(agent_msi, work_dir)
    install = wine.msiexec(
        "/i", wine.windows_path(msi), "/qn",
        "SERVER=https://hotline.example.gov.cn:8443", "SIPDOMAIN=sip.example.gov.cn", "LANGUAGE=zh_CN",
        log=work_dir / "install.log",
    )  # fmt: skip
    try:
        assert install.returncode == 0, (work_dir / "install.log").read_text(errors="replace")[-3000:]
        assert "FirewallAdd" in (work_dir / "install.log").read_text(errors="replace")
        preset = wine.reg_query(SETTINGS_KEY)
        assert preset[HKLM_SETTINGS + r"\server"] == {"url": "https://hotline.example.gov.cn:8443"}
        assert preset[HKLM_SETTINGS + r"\sip"] == {"domain": "sip.example.gov.cn"}
        assert preset[HKLM_SETTINGS + r"\ui"] == {"language": "zh_CN"}
        # properties not given are not written: the app keeps its defaults for them
        assert "port" not in preset.get(HKLM_SETTINGS + r"\sip", {})
        assert not any(
            "-m agent_app" in v for vals in wine.reg_query(RUN_KEY).values() for v in vals.values()
        )
        assert len(wine.uninstall_entries(AGENT.display_name)) == 1
        assert list(wine.drive_c.rglob(f"{AGENT.display_name}.lnk"))
        python = "C:\\" + str(INSTALL_DIR).replace("/", "\\") + "\\python\\python.exe"
        # the app's own preset reader (shared.config's RegistryLayer) must see what the MSI wrote
        expect = ["server/url=https://hotline.example.gov.cn:8443", "sip/domain=sip.example.gov.cn"]
        selftest = wine.run(
            [python, "-m", "installer.selftest", "--app", "AgentApp", *(f"--expect={e}" for e in expect)],
            timeout=300,
        )
        assert "SELFTEST OK" in selftest.output, selftest.output[-3000:]
        assert "PASS installed preset" in selftest.output
    finally:
        uninstall = wine.msiexec("/x", wine.windows_path(msi), "/qn", log=work_dir / "uninstall.log")
    assert uninstall.returncode == 0, (work_dir / "uninstall.log").read_text(errors="replace")[-3000:]
    assert "FirewallRemove" in (work_dir / "uninstall.log").read_text(errors="replace")
    assert_nothing_left(wine)


@pytest.mark.installer_full
def test_given_version_n_with_autostart_when_n_plus_1_installs_silently_then_one_entry_and_preset_kept(
    agent_msi: Path, agent_msi_next: Path, wine_session: WinePrefix, work_dir: Path, version: str
) -> None:
    wine = wine_session
    first, second = copy_beside(agent_msi, work_dir), copy_beside(agent_msi_next, work_dir)
    install = wine.msiexec(
        "/i", wine.windows_path(first), "/qn", "SERVER=https://old.example.gov.cn", "AUTOSTART=1",
        log=work_dir / "install.log",
    )  # fmt: skip
    assert install.returncode == 0
    try:
        upgrade = wine.msiexec("/i", wine.windows_path(second), "/qn", log=work_dir / "upgrade.log")
        assert upgrade.returncode == 0, (work_dir / "upgrade.log").read_text(errors="replace")[-3000:]
        entries = wine.uninstall_entries(AGENT.display_name)
        assert [e["DisplayVersion"] for e in entries] == [agent_msi_next.name.split("-")[2]]
        assert entries[0]["DisplayVersion"] != version
        preset = wine.reg_query(SETTINGS_KEY)
        assert preset[HKLM_SETTINGS + r"\server"] == {"url": "https://old.example.gov.cn"}
        assert any("-m agent_app" in v for vals in wine.reg_query(RUN_KEY).values() for v in vals.values())
    finally:
        uninstall = wine.msiexec("/x", wine.windows_path(second), "/qn", log=work_dir / "uninstall.log")
    assert uninstall.returncode == 0
    assert_nothing_left(wine)
