"""Installer fixtures: each artefact is built once per test session; wine runs in a private prefix.

``make test`` runs the reduced installer suite (payload, NSIS compile, MSI tables, one silent MSI install →
registry → self-test → uninstall under wine). ``make installer-test`` (``HOTLINE_INSTALLER_FULL=1``) adds
the MSI upgrade, the NSIS install/uninstall, the supervisor's installers and the Linux bundle; without
that variable those tests are reported as skipped with that reason, never silently left out.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from installer.apps import BUILD_DIR, SeatApp, project_version
from installer.msi import build_msi
from installer.nsis import build_setup_exe
from installer.payload import PAYLOAD_DIR, PayloadInfo, build_payload
from installer.wine import WinePrefix

FULL_ENV = "HOTLINE_INSTALLER_FULL"
TEST_OUT = BUILD_DIR / "test-out"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "installer: builds the seat installers (slow; wine, makensis, wixl)")
    config.addinivalue_line(
        "markers", f"installer_full: only with {FULL_ENV}=1 (make installer-test): upgrade, NSIS, bundles"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(FULL_ENV) == "1":
        return
    skip = pytest.mark.skip(reason=f"full installer run only: make installer-test ({FULL_ENV}=1)")
    for item in items:
        if "installer_full" in item.keywords:
            item.add_marker(skip)


def next_patch(version: str) -> str:
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


@pytest.fixture(scope="session")
def payload() -> PayloadInfo:
    return build_payload(PAYLOAD_DIR)


@pytest.fixture(scope="session")
def version() -> str:
    return project_version()


@pytest.fixture(scope="session")
def agent_msi(payload: PayloadInfo, version: str) -> Path:
    return build_msi(SeatApp.AGENT, version=version, payload=payload.root, out_dir=TEST_OUT)


@pytest.fixture(scope="session")
def agent_msi_next(payload: PayloadInfo, version: str) -> Path:
    return build_msi(SeatApp.AGENT, version=next_patch(version), payload=payload.root, out_dir=TEST_OUT)


@pytest.fixture(scope="session")
def agent_setup_exe(payload: PayloadInfo, version: str) -> Path:
    return build_setup_exe(SeatApp.AGENT, version=version, payload=payload.root, out_dir=TEST_OUT, fast=True)


@pytest.fixture(scope="session")
def wine_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WinePrefix]:
    """One booted prefix per session (wineboot takes ~10–30 s); tests leave it as they found it."""
    prefix = WinePrefix(tmp_path_factory.mktemp("wine") / "prefix")
    try:
        prefix.boot()
        yield prefix
    finally:
        prefix.destroy()


@pytest.fixture
def work_dir(tmp_path: Path) -> Path:
    """A folder wine sees as Z:\\…, for logs and setup.ini."""
    return tmp_path


def copy_beside(src: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dst = folder / src.name
    shutil.copy2(src, dst)
    return dst
