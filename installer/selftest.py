"""Self-test the installed Python runs: ``python -m installer.selftest [--json]``.

Checks what an installed seat needs that does not involve drawing a window: pjsua2 starts an endpoint on
the null sound device, and sounddevice, jieba, pypinyin, whoosh and SQLAlchemy import and work. Then it
imports every module of ``agent_app``, ``supervisor_app`` and ``shared`` with PySide6 blocked: modules that
need Qt are listed as such (Qt does not load under wine 8, so they are checked on real Windows and by the
Linux bundle's offscreen start), any other import failure is an error.

Exit status 0 when everything passed; the report goes to stdout (one line per check, or JSON).
Standard library only at import time: it must run in a bare embeddable Python.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.abc
import json
import logging
import pkgutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from types import ModuleType

logger = logging.getLogger(__name__)

APP_PACKAGES = ("shared", "agent_app", "supervisor_app")
QT_BLOCKED = "blocked by the installer self-test"
# test harnesses that are POSIX-only on purpose (agent_app.demo.probe measures RSS with ``resource``)
NOT_FOR_WINDOWS = frozenset({"agent_app.demo.probe"})
QT_PACKAGES = ("PySide6", "shiboken6", "pyqtgraph", "qasync")
# Under wine 8 two binary wheels cannot load, although real Windows 10/11 has what they need: numpy >= 2
# calls ucrtbase's crealf, which wine 8 does not implement (the process aborts, not an ImportError), and
# pydantic_core imports ProcessPrng from bcryptprimitives.dll, which wine 8 lacks. So under wine they are
# blocked like Qt and the modules needing them are listed with the Qt ones.
WINE_BLOCKED = ("numpy", "pydantic_core", "pydantic")


def wine_version() -> str:
    """Wine's version when running under wine, else ''."""
    if sys.platform != "win32":
        return ""
    import ctypes

    try:
        get = ctypes.WinDLL("ntdll").wine_get_version  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return ""
    get.restype = ctypes.c_char_p
    return str(get().decode())


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""
    seconds: float = 0.0


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    qt_modules: list[str] = field(default_factory=list)
    plain_modules: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def _check(report: Report, name: str, fn: Callable[[], str]) -> None:
    started = time.perf_counter()
    try:
        detail = fn()
        ok = True
    except BaseException as exc:  # a failing check is reported, never aborts the run
        if isinstance(exc, KeyboardInterrupt):
            raise
        detail = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=4)}"
        ok = False
    report.checks.append(Check(name, ok, detail, round(time.perf_counter() - started, 3)))


def check_pjsua2() -> str:
    import pjsua2 as pj

    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.logConfig.level = 0
    cfg.logConfig.consoleLevel = 0
    ep.libInit(cfg)
    tcfg = pj.TransportConfig()
    tcfg.port = 0
    tcfg.boundAddress = "127.0.0.1"
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
    ep.audDevManager().setNullDev()
    ep.libStart()
    ep.libHandleEvents(10)
    version = ep.libVersion().full
    ep.libDestroy()
    return f"pjsua2 {version}: endpoint started on the null device"


def check_sounddevice() -> str:
    try:
        import sounddevice as sd
    except OSError as exc:  # PortAudio DLL present but no audio subsystem: only on headless hosts
        raise RuntimeError(f"PortAudio library did not load: {exc}") from exc
    return f"sounddevice {sd.__version__}, PortAudio {sd.get_portaudio_version()[1]}"


def check_jieba() -> str:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    words = jieba.lcut("住房公积金提取")
    if "公积金" not in words:
        raise RuntimeError(f"unexpected segmentation {words}")
    return "/".join(words)


def check_pypinyin() -> str:
    from pypinyin import Style, lazy_pinyin

    initials = "".join(lazy_pinyin("公积金", style=Style.FIRST_LETTER))
    if initials != "gjj":
        raise RuntimeError(f"unexpected initials {initials!r}")
    return initials


def check_whoosh() -> str:
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in
    from whoosh.qparser import QueryParser

    # whoosh's segment files stay mapped until collection; Windows refuses to delete mapped files
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        ix = create_in(tmp, Schema(id=ID(stored=True), body=TEXT(analyzer=ChineseAnalyzer())))
        writer = ix.writer()
        writer.add_document(id="1", body="住房公积金提取需要哪些材料")
        writer.commit()
        with ix.searcher() as searcher:
            hits = [h["id"] for h in searcher.search(QueryParser("body", ix.schema).parse("公积金"))]
        ix.close()
    if hits != ["1"]:
        raise RuntimeError(f"search found {hits}")
    return "Chinese index + query ok"


def check_sqlalchemy() -> str:
    import sqlalchemy as sa

    engine = sa.create_engine("sqlite://")
    with engine.connect() as conn:
        value = conn.execute(sa.text("select 12345")).scalar_one()
    engine.dispose()
    if value != 12345:
        raise RuntimeError(f"sqlite returned {value}")
    return f"SQLAlchemy {sa.__version__} on sqlite"


class _Blocker(importlib.abc.MetaPathFinder):
    """Makes ``import PySide6`` (and the other blocked packages) fail at once, so a module's need for
    them shows without loading them."""

    def __init__(self, packages: Sequence[str]) -> None:
        self.packages = tuple(packages)

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> None:
        if fullname.split(".")[0] in self.packages:
            raise ImportError(f"{fullname} {QT_BLOCKED}", name=fullname)


def _needs_qt(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if QT_BLOCKED in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def import_app_modules(
    report: Report, packages: Sequence[str] = APP_PACKAGES, blocked: Sequence[str] = QT_PACKAGES
) -> None:
    """Imports every module of the app packages with Qt blocked; Qt-needing ones are only listed."""
    blocker = _Blocker(blocked)
    sys.meta_path.insert(0, blocker)
    errors: list[str] = []
    try:
        for package_name in packages:
            package = importlib.import_module(package_name)
            names = [package_name] + [
                info.name
                for info in pkgutil.walk_packages(
                    package.__path__, prefix=f"{package_name}.", onerror=lambda _n: None
                )
            ]
            for name in names:
                if name.endswith("__main__") or (sys.platform == "win32" and name in NOT_FOR_WINDOWS):
                    continue
                try:
                    importlib.import_module(name)
                except Exception as exc:
                    if _needs_qt(exc):
                        report.qt_modules.append(name)
                    else:
                        errors.append(f"{name}: {type(exc).__name__}: {exc}")
                else:
                    report.plain_modules.append(name)
    finally:
        sys.meta_path.remove(blocker)
    detail = (
        f"{len(report.plain_modules)} modules imported, {len(report.qt_modules)} need {'/'.join(blocked)}"
    )
    if not report.plain_modules:
        errors.append("no app module imports without Qt")
    report.checks.append(Check("app modules (Qt blocked)", not errors, "\n".join(errors) or detail))


def read_preset(app: str, *, stand_in_for_qt: bool) -> dict[str, str]:
    """The preset values ``shared.config`` reads for ``app`` (HKLM, then the ProgramData INI), through the
    app's own layer classes. With ``stand_in_for_qt`` (wine: Qt cannot load) ``PySide6.QtCore`` is
    replaced by a placeholder while the module loads: the layers themselves never touch Qt, only
    ``AppSettings`` (the user layer, not read here) does."""
    saved = {name: mod for name, mod in sys.modules.items() if name.startswith(("PySide6", "shared.config"))}
    for name in saved:
        del sys.modules[name]
    if stand_in_for_qt:
        qtcore = ModuleType("PySide6.QtCore")
        qtcore.QSettings = type("QSettings", (), {})  # type: ignore[attr-defined]
        pyside = ModuleType("PySide6")
        pyside.QtCore = qtcore  # type: ignore[attr-defined]
        sys.modules.update({"PySide6": pyside, "PySide6.QtCore": qtcore})
    try:
        settings = importlib.import_module("shared.config.settings")
        values: dict[str, str] = {}
        for layer in settings.default_preset_layers(app):
            values.update(layer.read())
        return values
    finally:
        for name in [n for n in sys.modules if n.startswith(("PySide6", "shared.config"))]:
            del sys.modules[name]
        sys.modules.update(saved)


def check_preset(app: str, expected: dict[str, str], *, stand_in_for_qt: bool) -> str:
    values = read_preset(app, stand_in_for_qt=stand_in_for_qt)
    wrong = {key: values.get(key) for key, value in expected.items() if values.get(key) != value}
    if wrong:
        raise RuntimeError(f"preset for {app} differs: expected {expected}, read {wrong} (all: {values})")
    return f"{app}: " + ", ".join(f"{k}={v}" for k, v in sorted(expected.items()))


def run(*, skip_audio: bool = False) -> Report:
    report = Report()
    # order matters on Windows: pjsua2 before anything that loads PySide6's MSVCP140 copy, to prove the one
    # beside python.exe is found
    _check(report, "pjsua2", check_pjsua2)
    if not skip_audio:
        _check(report, "sounddevice", check_sounddevice)
    _check(report, "jieba", check_jieba)
    _check(report, "pypinyin", check_pypinyin)
    _check(report, "whoosh", check_whoosh)
    _check(report, "sqlalchemy", check_sqlalchemy)
    wine = wine_version()
    blocked = (*QT_PACKAGES, *WINE_BLOCKED) if wine else QT_PACKAGES
    if wine:
        report.checks.append(Check("platform", True, f"wine {wine}: {', '.join(WINE_BLOCKED)} not loaded"))
    import_app_modules(report, blocked=blocked)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m installer.selftest", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--skip-audio", action="store_true", help="no PortAudio check (hosts without audio)")
    parser.add_argument(
        "--app", default="AgentApp", help="whose preset --expect checks (AgentApp, SupervisorApp)"
    )
    parser.add_argument(
        "--expect",
        action="append",
        default=[],
        metavar="SECTION/NAME=VALUE",
        help="a preset value the app must read from the registry/INI written by the installer",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    expected: dict[str, str] = {}
    for item in args.expect:
        key, sep, value = item.partition("=")
        if not sep or "/" not in key:
            parser.error(f"--expect wants section/name=value, got {item!r}")
        expected[key.lower()] = value
    report = run(skip_audio=args.skip_audio)
    if expected:
        stand_in = bool(wine_version())
        _check(report, "installed preset", lambda: check_preset(args.app, expected, stand_in_for_qt=stand_in))
    out = sys.stdout
    if hasattr(out, "reconfigure"):  # a Windows console/pipe defaults to the ANSI code page
        out.reconfigure(encoding="utf-8", errors="backslashreplace")
    if args.json:
        out.write(json.dumps({"ok": report.ok, **asdict(report)}, ensure_ascii=False) + "\n")
    else:
        for check in report.checks:
            out.write(
                f"{'PASS' if check.ok else 'FAIL'} {check.name} ({check.seconds:.2f} s): {check.detail}\n"
            )
        out.write(f"modules needing Qt (not loaded here): {len(report.qt_modules)}\n")
        out.write("SELFTEST " + ("OK" if report.ok else "FAILED") + "\n")
    out.flush()
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
