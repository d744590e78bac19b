"""Per-machine x64 MSI of one seat app, built on Linux with ``wixl`` (msitools) and patched with ``msibuild``.

wixl 0.101 has no UI dialogs, no ``IniFile``, no ``Secure=``, no component/feature ``<Condition>`` and no
directory-based exe custom actions, and it mis-sequences ``After=``. So the ``.wxs`` holds what wixl does
handle (files, registry, shortcuts, MajorUpgrade, AppSearch), and :func:`patch_tables` adds the rest with
SQL through ``msibuild -q``: component and feature conditions, the property-restoring and firewall custom
actions with explicit sequence numbers, and ``SecureCustomProperties`` listing every public property (so
they reach the elevated server side of managed installs: GPO, SCCM, Intune).

``python -m installer.msi --app AgentApp [--version 0.1.1]``
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from xml.sax.saxutils import quoteattr

from .apps import APPS, MANUFACTURER, ORGANISATION, OUT_DIR, AppSpec, SeatApp, project_version
from .payload import PAYLOAD_DIR

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PublicProperty:
    """An msiexec command-line property and the ``shared.config`` key it presets (``section/name``)."""

    name: str
    key: str
    help: str


# Written to HKLM\Software\HotlineDesk\<App>\<section> only when given (an absent property keeps the app
# default), and remembered: an upgrade or repair without them keeps the installed values.
SETTING_PROPERTIES: tuple[PublicProperty, ...] = (
    PublicProperty("SERVER", "server/url", "central server URL, e.g. https://hotline.example.gov.cn:8443"),
    PublicProperty("SIPDOMAIN", "sip/domain", "SIP domain of the seat accounts (default: the server's host)"),
    PublicProperty("SIPREGISTRAR", "sip/registrar", "registrar URI, e.g. sip:sip.example.gov.cn:5060"),
    PublicProperty("SIPPORT", "sip/port", "registrar port when SIPREGISTRAR is not given (default 5060)"),
    PublicProperty("LANGUAGE", "ui/language", "zh_CN or en (default: the Windows display language)"),
    PublicProperty("FONTSIZE", "ui/font_size", "base font size in points, 8–32 (default 11)"),
    PublicProperty("GLOBALHOTKEYS", "hotkeys/global", "true: F5–F9 call keys work system-wide"),
)
# not settings: they steer the installation itself
AUTOSTART = "AUTOSTART"  # 1: start the app at every sign-in (the Autostart feature)
FIREWALL = "FIREWALL"  # 0: do not add the inbound UDP rule (default 1)
INSTALL_PROPERTIES = ("INSTALLDIR", AUTOSTART, FIREWALL)


def msi_path(app: SeatApp, version: str, out_dir: Path = OUT_DIR) -> Path:
    return out_dir / f"{APPS[app].short_name}-{version}-x64.msi"


def firewall_rule_name(spec: AppSpec) -> str:
    return f"{MANUFACTURER} {spec.app.value} (SIP and RTP)"


def _id(prefix: str, text: str) -> str:
    return f"{prefix}{hashlib.sha1(text.encode()).hexdigest()[:24]}"


def _walk(root: Path, rel: Path, indent: str) -> Iterator[str]:
    """Directory/Component/File elements for ``root/rel``: one component per directory. Sources are
    relative: wixl runs in the payload folder and does not take absolute paths."""
    here = root / rel
    files = sorted(p for p in here.iterdir() if p.is_file())
    dirs = sorted(p for p in here.iterdir() if p.is_dir())
    key = rel.as_posix()
    if files:
        yield f'{indent}<Component Id="{_id("c", key)}" Guid="*" Win64="yes">'
        for i, f in enumerate(files):
            keypath = ' KeyPath="yes"' if i == 0 else ""
            fid = _id("f", (rel / f.name).as_posix())
            source = quoteattr((rel / f.name).as_posix())
            yield f"{indent}  <File Id={quoteattr(fid)} Name={quoteattr(f.name)} Source={source}{keypath}/>"
        yield f"{indent}</Component>"
    for d in dirs:
        sub = rel / d.name
        yield f"{indent}<Directory Id={quoteattr(_id('d', sub.as_posix()))} Name={quoteattr(d.name)}>"
        yield from _walk(root, sub, indent + "  ")
        yield f"{indent}</Directory>"


def _component_ids(root: Path) -> list[str]:
    return sorted(
        _id("c", p.relative_to(root).as_posix() if p != root else ".")
        for p in [root, *root.rglob("*")]
        if p.is_dir() and any(c.is_file() for c in p.iterdir())
    )


def settings_root(spec: AppSpec) -> str:
    """The preset key ``shared.config.RegistryLayer`` reads (under HKLM, 64-bit view)."""
    return f"Software\\{ORGANISATION}\\{spec.app.value}"


def render_wxs(spec: AppSpec, version: str, payload: Path) -> str:
    root_key = settings_root(spec)
    run_value = f"{ORGANISATION} {spec.app.value}"
    pythonw = "[INSTALLDIR]python\\pythonw.exe"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
        f'  <Product Id="*" Name="{spec.display_name}" Language="1033" Version="{version}"'
        f' Manufacturer="{MANUFACTURER}" UpgradeCode="{spec.upgrade_code}">',
        '    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"'
        f' Description="{spec.display_name} {version}" Manufacturer="{MANUFACTURER}"/>',
        '    <MajorUpgrade DowngradeErrorMessage="A newer version of [ProductName] is already installed."/>',
        '    <Media Id="1" Cabinet="payload.cab" EmbedCab="yes"/>',
        # wixl finds Icon sources only relative to its working directory (the payload)
        '    <Icon Id="AppIcon" SourceFile="app/resources/icons/app.ico"/>',
        '    <Property Id="ARPPRODUCTICON" Value="AppIcon"/>',
        '    <Property Id="ARPNOMODIFY" Value="1"/>',
        f'    <Property Id="{FIREWALL}" Value="1"/>',
    ]
    for prop in SETTING_PROPERTIES:
        section, name = prop.key.split("/")
        lines += [
            f'    <Property Id="SAVED_{prop.name}">',
            f'      <RegistrySearch Id="Saved{prop.name}" Root="HKLM" Key="{root_key}\\{section}"'
            f' Name="{name}" Type="raw" Win64="yes"/>',
            "    </Property>",
            f'    <CustomAction Id="Restore{prop.name}" Property="{prop.name}" Value="[SAVED_{prop.name}]"/>',
        ]
    lines += [
        f'    <Property Id="SAVED_{AUTOSTART}">',
        f'      <RegistrySearch Id="Saved{AUTOSTART}" Root="HKLM"'
        ' Key="Software\\Microsoft\\Windows\\CurrentVersion\\Run"'
        f' Name="{run_value}" Type="raw" Win64="yes"/>',
        "    </Property>",
        f'    <CustomAction Id="Restore{AUTOSTART}" Property="{AUTOSTART}" Value="1"/>',
        '    <CustomAction Id="SetNetsh" Property="NETSH" Value="[System64Folder]netsh.exe"/>',
        # type 50 (exe named by a property), deferred, not impersonated (elevated), result ignored
        '    <CustomAction Id="FirewallAdd" Property="NETSH" Execute="deferred" Impersonate="no"'
        f' Return="ignore" ExeCommand={quoteattr(_netsh_add(spec, pythonw))}/>',
        f'    <CustomAction Id="FirewallRemove" Property="NETSH" Execute="deferred" Impersonate="no"'
        f' Return="ignore" ExeCommand={quoteattr(_netsh_delete(spec))}/>',
        '    <Directory Id="TARGETDIR" Name="SourceDir">',
        '      <Directory Id="ProgramFiles64Folder">',
        f'        <Directory Id="ManufacturerDir" Name="{MANUFACTURER}">',
        # the vendor folder goes when it is empty (wine keeps it unless a component in it says so)
        '          <Component Id="cVendorDir" Guid="*" Win64="yes">',
        '            <RemoveFolder Id="RemoveManufacturerDir" On="uninstall"/>',
        f'            <RegistryValue Root="HKLM" Key="{root_key}" Name="VendorDir" Type="integer" Value="1"'
        ' KeyPath="yes"/>',
        "          </Component>",
        f'          <Directory Id="INSTALLDIR" Name="{spec.app.value}">',
        '            <Component Id="cPreset" Guid="*" Win64="yes">',
        f'              <RegistryValue Root="HKLM" Key="{root_key}" Name="InstallDir" Type="string"'
        ' Value="[INSTALLDIR]" KeyPath="yes"/>',
        "            </Component>",
    ]
    for prop in SETTING_PROPERTIES:
        section, name = prop.key.split("/")
        lines += [
            f'            <Component Id="cSet{prop.name}" Guid="*" Win64="yes">',
            f'              <RegistryValue Root="HKLM" Key="{root_key}\\{section}" Name="{name}"'
            f' Type="string" Value="[{prop.name}]" KeyPath="yes"/>',
            "            </Component>",
        ]
    lines += [
        '            <Component Id="cAutostart" Guid="*" Win64="yes">',
        '              <RegistryValue Root="HKLM" Key="Software\\Microsoft\\Windows\\CurrentVersion\\Run"'
        f' Name="{run_value}" Type="string" Value="&quot;{pythonw}&quot; -m {spec.module}" KeyPath="yes"/>',
        "            </Component>",
    ]
    lines += list(_walk(payload, Path("."), "            "))
    lines += [
        "          </Directory>",
        "        </Directory>",
        "      </Directory>",
        '      <Directory Id="ProgramMenuFolder">',
        f'        <Directory Id="MenuDir" Name="{MANUFACTURER}">',
        '          <Component Id="cShortcut" Guid="*" Win64="yes">',
        f'            <Shortcut Id="AppShortcut" Name="{spec.display_name}" Target="{pythonw}"'
        f' Arguments="-m {spec.module}" WorkingDirectory="INSTALLDIR" Icon="AppIcon"/>',
        '            <RemoveFolder Id="RemoveMenuDir" On="uninstall"/>',
        f'            <RegistryValue Root="HKLM" Key="{root_key}" Name="Shortcut" Type="integer" Value="1"'
        ' KeyPath="yes"/>',
        "          </Component>",
        "        </Directory>",
        "      </Directory>",
        "    </Directory>",
        f'    <Feature Id="Main" Title="{spec.display_name}" Level="1" Absent="disallow">',
        '      <ComponentRef Id="cPreset"/>',
        '      <ComponentRef Id="cVendorDir"/>',
        '      <ComponentRef Id="cShortcut"/>',
        *(f'      <ComponentRef Id="cSet{p.name}"/>' for p in SETTING_PROPERTIES),
        *(f'      <ComponentRef Id="{cid}"/>' for cid in _component_ids(payload)),
        "    </Feature>",
        '    <Feature Id="Autostart" Title="Start at sign-in" Level="1000">',
        '      <ComponentRef Id="cAutostart"/>',
        "    </Feature>",
        "  </Product>",
        "</Wix>",
    ]
    return "\n".join(lines) + "\n"


def _netsh_add(spec: AppSpec, pythonw: str) -> str:
    # the engine binds SIP to a free port (EngineConfig(sip_port=0)) and RTP to 20000-31999, so the rule
    # is scoped to the seat's Python and UDP rather than to fixed ports
    return (
        f'advfirewall firewall add rule name="{firewall_rule_name(spec)}" dir=in action=allow protocol=UDP'
        f' program="{pythonw}" enable=yes profile=domain,private'
    )


def _netsh_delete(spec: AppSpec) -> str:
    return f'advfirewall firewall delete rule name="{firewall_rule_name(spec)}"'


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def patch_queries(spec: AppSpec) -> list[str]:
    """The SQL that adds what wixl cannot express (see the module docstring)."""
    public = [p.name for p in SETTING_PROPERTIES] + list(INSTALL_PROPERTIES)
    secure = ";".join(["WIX_DOWNGRADE_DETECTED", "WIX_UPGRADE_DETECTED", *public])
    queries = [
        f"UPDATE `Property` SET `Value` = {_sql_str(secure)} WHERE `Property` = 'SecureCustomProperties'",
        "CREATE TABLE `Condition` (`Feature_` CHAR(38) NOT NULL, `Level` SHORT NOT NULL,"
        " `Condition` CHAR(255) PRIMARY KEY `Feature_`, `Level`)",
        "INSERT INTO `Condition` (`Feature_`, `Level`, `Condition`)"
        f" VALUES ('Autostart', 1, '{AUTOSTART}=\"1\"')",
        "UPDATE `Component` SET `Condition` = 'AUTOSTART=\"1\"' WHERE `Component` = 'cAutostart'",
        # Name '-' with no value: the whole settings key, subkeys included, goes when cPreset is removed
        "INSERT INTO `Registry` (`Registry`, `Root`, `Key`, `Name`, `Component_`) VALUES"
        f" ('RemoveSettingsTree', 2, {_sql_str(settings_root(spec))}, '-', 'cPreset')",
    ]
    for prop in SETTING_PROPERTIES:
        queries.append(
            f"UPDATE `Component` SET `Condition` = '{prop.name}' WHERE `Component` = 'cSet{prop.name}'"
        )
    # sequence numbers: AppSearch is 50, CostFinalize 1000, InstallFinalize 6600 (wixl's standard table)
    rows: list[tuple[str, str, int]] = []
    for i, prop in enumerate(SETTING_PROPERTIES):
        rows.append((f"Restore{prop.name}", f"NOT {prop.name} AND SAVED_{prop.name}", 51 + i))
    rows.append(
        (f"Restore{AUTOSTART}", f"NOT {AUTOSTART} AND SAVED_{AUTOSTART}", 51 + len(SETTING_PROPERTIES))
    )
    rows.append(("SetNetsh", "", 1001))
    rows.append(("FirewallRemove", 'REMOVE~="ALL"', 6590))
    rows.append(("FirewallAdd", f'NOT REMOVE~="ALL" AND {FIREWALL}="1"', 6591))
    for table in ("InstallExecuteSequence", "InstallUISequence"):
        for action, condition, seq in rows:
            if table == "InstallUISequence" and action.startswith("Firewall"):
                continue
            queries.append(f"DELETE FROM `{table}` WHERE `Action` = '{action}'")
            queries.append(
                f"INSERT INTO `{table}` (`Action`, `Condition`, `Sequence`)"
                f" VALUES ('{action}', {_sql_str(condition)}, {seq})"
            )
    return queries


def patch_tables(msi: Path, spec: AppSpec) -> None:
    for query in patch_queries(spec):
        result = subprocess.run(["msibuild", str(msi), "-q", query], capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"msibuild failed on {query!r}: {result.stderr.strip()}")


def build_msi(
    app: SeatApp, *, version: str | None = None, payload: Path = PAYLOAD_DIR, out_dir: Path = OUT_DIR
) -> Path:
    spec = APPS[app]
    version = version or project_version()
    if not (payload / "python" / "python.exe").is_file():
        raise FileNotFoundError(f"no payload at {payload}: run python -m installer.payload first")
    out_dir.mkdir(parents=True, exist_ok=True)
    wxs = out_dir / f"{spec.short_name}-{version}.wxs"
    wxs.write_text(render_wxs(spec, version, payload), encoding="utf-8")
    out = msi_path(app, version, out_dir)
    cmd = ["wixl", "-a", "x64", "-I", str(payload), "-o", str(out), str(wxs)]
    logger.info("$ %s", " ".join(cmd))
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=payload)
    if result.returncode != 0 or not out.is_file():
        raise RuntimeError(f"wixl failed ({result.returncode}):\n{result.stderr[-4000:]}")
    patch_tables(out, spec)
    return out


def windows_path(*parts: str) -> str:
    return str(PureWindowsPath(*parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m installer.msi", description=__doc__)
    parser.add_argument("--app", choices=[a.value for a in SeatApp], action="append")
    parser.add_argument("--version")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for app in args.app or [a.value for a in SeatApp]:
        path = build_msi(SeatApp(app), version=args.version)
        logger.info("built %s (%.1f MB)", path, path.stat().st_size / 1e6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
