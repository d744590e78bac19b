"""``python -m bench``: run every benchmark module (``bench/<name>.py`` with a ``main()``), one after another.

Each runs in its own process (``python -m bench.<name>``) so one crash or leaked thread cannot spoil the
next; failures are reported and the run continues. Modules starting with ``_`` are helpers, not
benchmarks. ``python -m bench name1 name2`` runs only those.
"""

from __future__ import annotations

import ast
import logging
import subprocess
import sys
import time
from pathlib import Path

logger = logging.getLogger(__name__)

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
#: A benchmark that hangs must not hold up the rest forever.
PER_MODULE_TIMEOUT = 30 * 60


def has_main(path: Path) -> bool:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return True  # let it run and fail visibly rather than skip it silently
    return any(isinstance(node, ast.FunctionDef) and node.name == "main" for node in tree.body)


def discover() -> list[str]:
    return sorted(p.stem for p in BENCH_DIR.glob("*.py") if not p.stem.startswith("_") and has_main(p))


def run(names: list[str]) -> int:
    summary: list[tuple[str, str, float]] = []
    for name in names:
        sys.stdout.write(f"\n### bench.{name}\n")
        sys.stdout.flush()
        started = time.monotonic()
        try:
            completed = subprocess.run(
                [sys.executable, "-m", f"bench.{name}"], cwd=REPO, timeout=PER_MODULE_TIMEOUT, check=False
            )
            outcome = "ok" if completed.returncode == 0 else f"FAILED (exit {completed.returncode})"
        except subprocess.TimeoutExpired:
            outcome = f"FAILED (timed out after {PER_MODULE_TIMEOUT} s)"
        summary.append((name, outcome, time.monotonic() - started))
    width = max((len(n) for n, _, _ in summary), default=10)
    lines = ["", "== benchmark summary =="]
    lines += [f"  {name:<{width}}  {secs:7.1f} s  {outcome}" for name, outcome, secs in summary]
    sys.stdout.write("\n".join(lines) + "\n")
    failed = [n for n, outcome, _ in summary if outcome != "ok"]
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    available = discover()
    unknown = [a for a in args if a not in available]
    if unknown:
        sys.stderr.write(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}\n")
        return 2
    return run(args or available)


if __name__ == "__main__":
    raise SystemExit(main())
