"""Seat installer figures: build times, sizes, silent install/uninstall times under wine.

``python -m bench.installer_figures`` (default, ~4–6 min on a shared 2-core machine: the builds are the
figures): payload assembly, the agent MSI (wixl), the agent setup.exe (uncompressed), then ``--rounds``
silent MSI and setup.exe installs and uninstalls in a fresh wine prefix (medians).
``--full`` adds the release setup.exe (solid LZMA) and the PyInstaller Linux bundle.
Baseline: the raw ``pip download`` size of the win_amd64 wheels (what the payload starts from).
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._report import row, write_results
from installer.apps import APPS, BUILD_DIR, SeatApp, project_version
from installer.linux_bundle import build_bundle
from installer.msi import build_msi
from installer.nsis import build_setup_exe
from installer.payload import WHEELS_DIR, build_payload
from installer.wine import WinePrefix

logger = logging.getLogger(__name__)

OUT = BUILD_DIR / "bench-out"


def _mb(path: Path) -> float:
    if path.is_dir():
        # PyInstaller links Qt's .so names to one file: count each file once
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    return path.stat().st_size / 1e6


def _timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.installer_figures", description=__doc__)
    parser.add_argument("--rounds", type=int, default=2, help="install/uninstall rounds under wine")
    parser.add_argument("--full", action="store_true", help="also LZMA setup.exe and the Linux bundle")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    version = project_version()
    rows: list[dict[str, Any]] = []

    wheels_mb = sum(p.stat().st_size for p in WHEELS_DIR.glob("*.whl")) / 1e6 if WHEELS_DIR.is_dir() else 0.0
    payload, seconds = _timed(build_payload)
    rows.append(row("payload build (embeddable Python + wheels + app, pruned)", seconds, "s"))
    rows.append(row("payload size on disk", payload.bytes / 1e6, "MB"))
    rows.append(row("payload files", payload.files, "files"))
    if wheels_mb:
        rows.append(row("win_amd64 wheels as downloaded", wheels_mb, "MB", baseline=True))

    msi, seconds = _timed(build_msi, SeatApp.AGENT, version=version, payload=payload.root, out_dir=OUT)
    rows.append(row("agent MSI build (wixl + msibuild)", seconds, "s"))
    rows.append(row("agent MSI size", _mb(msi), "MB"))
    exe, seconds = _timed(
        build_setup_exe, SeatApp.AGENT, version=version, payload=payload.root, out_dir=OUT, fast=True
    )
    rows.append(row("agent setup.exe build (makensis, uncompressed)", seconds, "s"))
    rows.append(row("agent setup.exe size (uncompressed)", _mb(exe), "MB"))
    if args.full:
        exe_lzma, seconds = _timed(
            build_setup_exe, SeatApp.AGENT, version=version, payload=payload.root, out_dir=OUT / "lzma"
        )
        rows.append(row("agent setup.exe build (makensis, solid LZMA)", seconds, "s"))
        rows.append(row("agent setup.exe size (solid LZMA)", _mb(exe_lzma), "MB"))
        bundle, seconds = _timed(build_bundle)
        rows.append(row("Linux bundle build (PyInstaller onedir, both apps)", seconds, "s"))
        rows.append(row("Linux bundle size", _mb(bundle), "MB"))

    with tempfile.TemporaryDirectory(prefix="installer-bench-") as tmp:
        wine = WinePrefix(Path(tmp) / "prefix")
        try:
            rows.append(row("wine prefix boot (wineboot -i)", wine.boot(), "s"))
            timings: dict[str, list[float]] = {k: [] for k in ("msi_i", "msi_x", "nsis_i", "nsis_x")}
            msi_path = wine.windows_path(msi)
            for _ in range(args.rounds):
                r = wine.msiexec("/i", msi_path, "/qn", "SERVER=https://hotline.example.gov.cn:8443")
                timings["msi_i"].append(r.seconds)
                timings["msi_x"].append(wine.msiexec("/x", msi_path, "/qn").seconds)
                target = "C:\\Seats\\Agent"
                timings["nsis_i"].append(wine.run([wine.windows_path(exe), "/S", f"/D={target}"]).seconds)
                timings["nsis_x"].append(wine.run([f"{target}\\uninstall.exe", "/S"]).seconds)
        finally:
            wine.destroy()
    labels = {
        "msi_i": "silent MSI install under wine (msiexec /i /qn), median",
        "msi_x": "silent MSI uninstall under wine (msiexec /x /qn), median",
        "nsis_i": "silent setup.exe install under wine (/S /D=), median",
        "nsis_x": "silent setup.exe uninstall under wine (/S), median",
    }
    for key, label in labels.items():
        rows.append(row(label, statistics.median(timings[key]), "s"))
    logger.info("apps: %s", ", ".join(spec.display_name for spec in APPS.values()))
    write_results("installer_figures", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
