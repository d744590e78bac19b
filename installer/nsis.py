"""NSIS per-user ``setup.exe`` of one seat app, compiled on Linux with Debian's ``makensis``.

``python -m installer.nsis --app AgentApp [--fast]``; ``--fast`` stores the payload uncompressed instead
of solid LZMA (tests: the compile is what is checked, and LZMA over 230 MB costs minutes on a shared
machine).
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
from pathlib import Path

from .apps import APPS, OUT_DIR, REPO_ROOT, SeatApp, project_version
from .payload import PAYLOAD_DIR

logger = logging.getLogger(__name__)

NSI_TEMPLATE = REPO_ROOT / "installer" / "templates" / "seat.nsi"


def setup_exe_path(app: SeatApp, version: str, out_dir: Path = OUT_DIR) -> Path:
    return out_dir / f"{APPS[app].short_name}-{version}-setup.exe"


def build_setup_exe(
    app: SeatApp,
    *,
    version: str | None = None,
    payload: Path = PAYLOAD_DIR,
    out_dir: Path = OUT_DIR,
    fast: bool = False,
) -> Path:
    """Compiles the setup.exe with warnings as errors (``-WX``); returns its path."""
    spec = APPS[app]
    version = version or project_version()
    if not (payload / "python" / "python.exe").is_file():
        raise FileNotFoundError(f"no payload at {payload}: run python -m installer.payload first")
    out_dir.mkdir(parents=True, exist_ok=True)
    out = setup_exe_path(app, version, out_dir)
    defines = {
        "APP": spec.app.value,
        "MODULE": spec.module,
        "DISPLAY_NAME": spec.display_name,
        "VERSION": version,
        "PAYLOAD": str(payload),
        "OUTFILE": str(out),
        "UNINST_KEY": spec.nsis_guid,
        "COMPRESSOR": "none" if fast else "/SOLID lzma",
    }
    cmd = ["makensis", "-V2", "-WX", *(f"-D{k}={v}" for k, v in defines.items()), str(NSI_TEMPLATE)]
    logger.info("$ %s", " ".join(cmd))
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"makensis failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m installer.nsis", description=__doc__)
    parser.add_argument("--app", choices=[a.value for a in SeatApp], action="append")
    parser.add_argument("--version")
    parser.add_argument("--fast", action="store_true", help="no compression instead of solid LZMA")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for app in args.app or [a.value for a in SeatApp]:
        path = build_setup_exe(SeatApp(app), version=args.version, fast=args.fast)
        logger.info("built %s (%.1f MB)", path, path.stat().st_size / 1e6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
