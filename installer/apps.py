"""The two seat apps the installers ship, and the fixed identities (GUIDs, names) Windows keys them by."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
BUILD_DIR = REPO_ROOT / "installer" / "build"
CACHE_DIR = BUILD_DIR / "cache"
OUT_DIR = BUILD_DIR / "out"
MANUFACTURER = "Hotline Desk"
ORGANISATION = "HotlineDesk"  # registry / ProgramData folder name, as shared.config reads it

# RTP ports the engine draws from (shared.telephony.config.EngineConfig: 20000 + 12000)
RTP_PORTS = "20000-31999"


class SeatApp(StrEnum):
    """Names match ``shared.config`` (``AppSettings(APP_NAME)``): registry key and INI file name."""

    AGENT = "AgentApp"
    SUPERVISOR = "SupervisorApp"


@dataclass(frozen=True)
class AppSpec:
    app: SeatApp
    module: str  # python -m <module>
    display_name: str
    short_name: str  # file names: hotline-agent-<version>.msi
    upgrade_code: str  # never change: MajorUpgrade finds older versions by it
    nsis_guid: str  # per-user uninstall key name for the NSIS build


APPS: dict[SeatApp, AppSpec] = {
    SeatApp.AGENT: AppSpec(
        SeatApp.AGENT,
        "agent_app",
        "Hotline Desk Agent",
        "hotline-agent",
        "6F1C2B0E-5A43-4B8E-9C1D-3E7A2F40A101",
        "HotlineDeskAgentApp",
    ),
    SeatApp.SUPERVISOR: AppSpec(
        SeatApp.SUPERVISOR,
        "supervisor_app",
        "Hotline Desk Supervisor",
        "hotline-supervisor",
        "6F1C2B0E-5A43-4B8E-9C1D-3E7A2F40A102",
        "HotlineDeskSupervisorApp",
    ),
}


def project_version() -> str:
    """``version`` from pyproject.toml; MSI wants three numeric parts."""
    data = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = str(data["project"]["version"])
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise ValueError(f"pyproject version {version!r} is not N.N.N, which MSI ProductVersion needs")
    return version
