"""The one results writer benchmarks share: ``write_results(name, rows)``.

Each row is ``{"name": str, "value": float, "unit": str}`` plus ``"baseline": True`` on figures measured
as a baseline in the same run. Writes ``bench/results/<name>.json`` and prints an aligned table.
"""

from __future__ import annotations

import json
import logging
import math
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def row(name: str, value: float, unit: str, *, baseline: bool = False) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": name, "value": round(float(value), 3), "unit": unit}
    if baseline:
        entry["baseline"] = True
    return entry


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (``fraction`` 0.5 → median, 0.95 → p95)."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def p50_p95(samples: Sequence[float]) -> tuple[float, float]:
    return statistics.median(samples) if samples else math.nan, percentile(samples, 0.95)


def write_results(name: str, rows: Sequence[dict[str, Any]], *, results_dir: Path = RESULTS_DIR) -> Path:
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"{name}.json"
    path.write_text(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    width = max((len(r["name"]) for r in rows), default=10)
    lines = [f"== {name} =="]
    for r in rows:
        mark = "  (baseline)" if r.get("baseline") else ""
        lines.append(f"  {r['name']:<{width}}  {r['value']:>12,.3f} {r['unit']}{mark}")
    lines.append(f"  → {path}")
    # benchmarks are command-line programs: their figures are their output
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    return path
