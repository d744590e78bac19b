"""A private wine prefix for exercising the Windows installers on Linux (tests and the figures benchmark).

Wine 8 runs msiexec, NSIS installers, reg.exe and the embeddable Python (without Qt, which needs Windows'
icuuc.dll). Output of Windows programs is read through pipes: wine gives a Windows process an invalid
handle for a redirected regular file, and CPython then refuses to start.

Threading contract: one thread per prefix; every call blocks until the prefix's processes have ended
(``wineserver -w``), bounded by a timeout.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

logger = logging.getLogger(__name__)


class WineError(RuntimeError):
    """A wine command failed or timed out; the message carries its output."""


@dataclass(frozen=True)
class WineResult:
    returncode: int
    output: str
    seconds: float


def wine_available() -> str:
    """'' when wine and wineserver are on PATH, else what is missing (for a clear failure)."""
    missing = [tool for tool in ("wine", "wineserver", "wineboot") if shutil.which(tool) is None]
    return f"missing {', '.join(missing)}: install Debian's wine (tools/setup-system.sh)" if missing else ""


class WinePrefix:
    """One private ``WINEPREFIX`` (64-bit), created by :meth:`boot`, removed by :meth:`destroy`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.env = {
            **os.environ,
            "WINEPREFIX": str(path),
            "WINEDEBUG": "-all",
            "WINEARCH": "win64",
            # no Mono/Gecko download prompts (there is no internet for them anyway)
            "WINEDLLOVERRIDES": "mscoree,mshtml=",
            "DISPLAY": "",
        }

    @property
    def drive_c(self) -> Path:
        return self.path / "drive_c"

    def boot(self, timeout: float = 300) -> float:
        problem = wine_available()
        if problem:
            raise WineError(problem)
        started = time.perf_counter()
        self.path.mkdir(parents=True, exist_ok=True)
        self._run_raw(["wineboot", "-i"], timeout)
        self.wait(timeout)
        if not (self.drive_c / "windows" / "system32" / "msiexec.exe").exists():
            raise WineError(f"wineboot did not create a usable prefix in {self.path}")
        return time.perf_counter() - started

    def wait(self, timeout: float = 300) -> None:
        """Until every process in the prefix has ended (installers re-spawn themselves)."""
        try:
            subprocess.run(["wineserver", "-w"], env=self.env, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise WineError(f"wine processes still running after {timeout} s") from exc

    def destroy(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, timeout=60, check=False)
        shutil.rmtree(self.path, ignore_errors=True)

    def _run_raw(self, cmd: list[str], timeout: float) -> WineResult:
        started = time.perf_counter()
        try:
            proc = subprocess.run(
                cmd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise WineError(f"{cmd} timed out after {timeout} s") from exc
        output = proc.stdout.decode("utf-8", errors="replace")
        return WineResult(proc.returncode, output, time.perf_counter() - started)

    def run(self, args: list[str], timeout: float = 300, wait: bool = True) -> WineResult:
        """``wine <args>``; with ``wait`` also until the spawned processes end."""
        started = time.perf_counter()
        result = self._run_raw(["wine", *args], timeout)
        if wait:
            self.wait(timeout)
        return WineResult(result.returncode, result.output, time.perf_counter() - started)

    def windows_path(self, path: Path) -> str:
        """A Linux path as wine's Z: drive sees it."""
        return "Z:" + str(PurePosixPath(path.resolve())).replace("/", "\\")

    def msiexec(self, *args: str, log: Path | None = None, timeout: float = 600) -> WineResult:
        cmd = ["msiexec", *args]
        if log is not None:
            cmd += ["/l*v", self.windows_path(log)]
        return self.run(cmd, timeout)

    def reg_query(self, key: str) -> dict[str, dict[str, str]]:
        """``reg query KEY /s`` parsed to ``{subkey: {value name: data}}``; {} when the key is absent."""
        result = self.run(["reg", "query", key, "/s"], timeout=120)
        if result.returncode != 0:
            return {}
        tree: dict[str, dict[str, str]] = {}
        current = ""
        for line in result.output.splitlines():
            if line.startswith("HKEY_"):
                current = line.strip()
                tree.setdefault(current, {})
                continue
            match = re.match(r"^\s{4}(.*?)\s{4}(REG_\w+)\s{4}?(.*)$", line)
            if match and current:
                tree[current][match.group(1)] = match.group(3).strip()
        return tree

    def uninstall_entries(self, display_name: str, *, hive: str = "HKLM") -> list[dict[str, str]]:
        """Add/Remove Programs entries whose DisplayName is ``display_name``."""
        tree = self.reg_query(rf"{hive}\Software\Microsoft\Windows\CurrentVersion\Uninstall")
        return [values for values in tree.values() if values.get("DisplayName") == display_name]
