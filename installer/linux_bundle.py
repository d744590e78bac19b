"""PyInstaller onedir bundle for Linux seats: ``installer/build/linux/dist/hotline-desk/`` with the
executables ``hotline-agent`` and ``hotline-supervisor`` (one shared copy of Python, Qt and pjsua2).

``python -m installer.linux_bundle``; see ``installer/linux/hotline-desk.spec``.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
from pathlib import Path

from .apps import BUILD_DIR, REPO_ROOT, SeatApp

logger = logging.getLogger(__name__)

SPEC = REPO_ROOT / "installer" / "linux" / "hotline-desk.spec"
DIST_DIR = BUILD_DIR / "linux" / "dist"
WORK_DIR = BUILD_DIR / "linux" / "work"
BUNDLE_DIR = DIST_DIR / "hotline-desk"
EXECUTABLES = {SeatApp.AGENT: "hotline-agent", SeatApp.SUPERVISOR: "hotline-supervisor"}


def executable(app: SeatApp, bundle: Path = BUNDLE_DIR) -> Path:
    return bundle / EXECUTABLES[app]


def build_bundle() -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError as exc:
        raise RuntimeError("PyInstaller is missing: pip install -e '.[installer]'") from exc
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST_DIR), "--workpath", str(WORK_DIR), str(SPEC),
    ]  # fmt: skip
    logger.info("$ %s", " ".join(cmd))
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"PyInstaller failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return BUNDLE_DIR


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="python -m installer.linux_bundle", description=__doc__).parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    bundle = build_bundle()
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    logger.info("built %s (%.0f MB)", bundle, size / 1e6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
