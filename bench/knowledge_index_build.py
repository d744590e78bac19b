"""Server-side knowledge index build: docs/s and MB, pooled jieba pre-segmentation vs ChineseAnalyzer.

    .venv/bin/python -m bench.knowledge_index_build [--count 20000] [--baseline-count 400]

Baseline (same run): Whoosh + jieba's ``ChineseAnalyzer`` in one process, ``limitmb=256`` — the path
that measured ≈ 50 docs/s (20,000 articles in 400–515 s), run on a subset because the full corpus
would take minutes. Ours: :func:`shared.knowledge.build.build_index` with one process and with a
pool. The 20,000-article index is cached under ``bench/.cache/`` for ``bench.knowledge_search``.
Writes ``bench/results/knowledge_index_build.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shared.knowledge.build import build_index, default_processes
from shared.knowledge.index import KnowledgeIndex
from shared.knowledge.schema import INDEX_FORMAT_VERSION
from shared.protocol.knowledge import KnowledgeArticle

logger = logging.getLogger(__name__)

BENCH_DIR = Path(__file__).resolve().parent
CACHE_DIR = BENCH_DIR / ".cache"
RESULTS_DIR = BENCH_DIR / "results"
REPO = BENCH_DIR.parent


def write_results(name: str, rows: list[dict[str, Any]]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"{name}.json"
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def row(name: str, value: float, unit: str, *, baseline: bool = False) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": name, "value": round(value, 3), "unit": unit}
    if baseline:
        entry["baseline"] = True
    return entry


def load_articles(count: int, seed: int = 0) -> list[KnowledgeArticle]:
    """The benchmark corpus: the demo-data generator's realistic policy Q&A (deterministic)."""
    try:
        from server_stub.demo_data.knowledge import generate_articles
    except ImportError:
        logger.warning("server_stub.demo_data.knowledge missing; repeating the test corpus instead")
        return _repeated_test_corpus(count)
    return generate_articles(count, seed=seed)


def _repeated_test_corpus(count: int) -> list[KnowledgeArticle]:
    from tests.shared.knowledge.corpus import corpus

    base = corpus()
    out: list[KnowledgeArticle] = []
    for n in range(count):
        article = base[n % len(base)]
        out.append(
            article.model_copy(
                update={
                    "id": n + 1,
                    "version": n + 1,
                    "title": f"{article.title}（{n // len(base)}）",
                    "short_code": f"{article.short_code}-{n}",
                }
            )
        )
    return out


def _code_fingerprint() -> str:
    """Identifies what the cached index was built with: the index format version, which is bumped
    whenever analysis or schema change what gets indexed (seats rely on it for snapshots too)."""
    return f"f{INDEX_FORMAT_VERSION}"


def cached_index_dir(count: int, seed: int = 0) -> Path:
    return CACHE_DIR / f"knowledge-{count}-s{seed}-{_code_fingerprint()}"


def ensure_cached_index(count: int, seed: int = 0, processes: int | None = None) -> tuple[Path, float | None]:
    """The cached index of ``count`` articles, building it if needed; (dir, build seconds or None)."""
    target = cached_index_dir(count, seed)
    if (target / "knowledge_state.json").exists():
        return target, None
    for stale in CACHE_DIR.glob(f"knowledge-{count}-s{seed}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    (CACHE_DIR / ".gitignore").write_text("*\n")
    stats = build_index(load_articles(count, seed), target, processes=processes)
    return target, stats.seconds


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def cpu_seconds() -> float:
    """CPU time of this process plus its finished children (the build pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def baseline_chinese_analyzer(articles: list[KnowledgeArticle], workdir: Path) -> tuple[float, float]:
    """Whoosh + ChineseAnalyzer, one process, limitmb=256: (docs/s, MB)."""
    from jieba.analyse import ChineseAnalyzer
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, KEYWORD, TEXT, Schema

    analyzer = ChineseAnalyzer()
    schema = Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(stored=True, analyzer=analyzer),
        body=TEXT(stored=True, analyzer=analyzer),
        keywords=KEYWORD(stored=True, commas=True),
        short_code=ID(stored=True),
    )
    target = workdir / "baseline"
    target.mkdir()
    ix = whoosh_index.create_in(str(target), schema)
    started = time.perf_counter()
    writer = ix.writer(limitmb=256)
    for article in articles:
        writer.add_document(
            id=str(article.id),
            title=article.title,
            body=article.body,
            keywords=",".join(article.keywords),
            short_code=article.short_code or "",
        )
    writer.commit()
    seconds = time.perf_counter() - started
    ix.close()
    return len(articles) / seconds, _dir_mb(target)


def _spread(articles: list[KnowledgeArticle], count: int) -> list[KnowledgeArticle]:
    step = max(1, len(articles) // max(1, count))
    return articles[::step][:count]


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=20_000, help="full corpus (cached for the search bench)")
    parser.add_argument("--baseline-count", type=int, default=1_000)
    parser.add_argument("--subset", type=int, default=4_000, help="articles for the 1-process vs pool runs")
    parser.add_argument("--processes", type=int, default=default_processes())
    parser.add_argument("--full", action="store_true", help="also time a full build even if cached")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from shared.knowledge.analysis import ensure_segmenter

    ensure_segmenter()  # both paths need jieba loaded; its ~1 s load is not build time
    articles = load_articles(args.count)
    # Subsets are spread over the whole corpus: the generator puts its curated articles first.
    subset = _spread(articles, args.subset)
    rows: list[dict[str, Any]] = [row("load_average_1min_at_start", os.getloadavg()[0], "load")]
    with tempfile.TemporaryDirectory(prefix="kb-build-") as tmp:
        work = Path(tmp)
        cpu0 = cpu_seconds()
        base_rate, base_mb = baseline_chinese_analyzer(_spread(articles, args.baseline_count), work)
        base_cpu_rate = args.baseline_count / (cpu_seconds() - cpu0)
        name = "whoosh_chineseanalyzer_1proc_docs_per_cpu_s"
        rows.append(row(name, base_cpu_rate, "docs/cpu-s", baseline=True))
        rows.append(row("whoosh_chineseanalyzer_1proc_docs_per_s", base_rate, "docs/s", baseline=True))
        estimate = args.count / base_rate
        rows.append(row(f"whoosh_chineseanalyzer_1proc_{args.count}_est_s", estimate, "s", baseline=True))
        base_mb_per_1000 = base_mb * 1000 / args.baseline_count
        rows.append(row("whoosh_chineseanalyzer_mb_per_1000", base_mb_per_1000, "MB", baseline=True))

        cpu0 = cpu_seconds()
        single = build_index(subset, work / "single", processes=1)
        rows.append(row("ours_1proc_docs_per_cpu_s", len(subset) / (cpu_seconds() - cpu0), "docs/cpu-s"))
        rows.append(row("ours_1proc_docs_per_s", single.docs_per_second, "docs/s"))
        rows.append(row(f"ours_1proc_{args.count}_est_s", args.count / single.docs_per_second, "s"))
        rows.append(row("ours_mb_per_1000", single.size_bytes / 1e6 * 1000 / len(subset), "MB"))
        if args.processes > 1:
            cpu0 = cpu_seconds()
            pooled = build_index(subset, work / "pooled", processes=args.processes)
            pool_cpu_rate = len(subset) / (cpu_seconds() - cpu0)
            rows.append(row(f"ours_{args.processes}proc_docs_per_cpu_s", pool_cpu_rate, "docs/cpu-s"))
            rows.append(row(f"ours_{args.processes}proc_docs_per_s", pooled.docs_per_second, "docs/s"))

    if args.full:
        target = cached_index_dir(args.count)
        shutil.rmtree(target, ignore_errors=True)
    index_dir, full_seconds = ensure_cached_index(args.count, processes=args.processes)
    if full_seconds is not None:
        rows.append(row(f"ours_{args.processes}proc_{args.count}_s", full_seconds, "s"))
    with tempfile.TemporaryDirectory(prefix="kb-snap-") as tmp, KnowledgeIndex(index_dir) as built:
        rows.append(row(f"index_{args.count}_mb", _dir_mb(index_dir), "MB"))
        started = time.perf_counter()
        snap = built.write_snapshot(Path(tmp) / "knowledge.snapshot")
        rows.append(row(f"snapshot_write_{args.count}_s", time.perf_counter() - started, "s"))
        rows.append(row(f"snapshot_{args.count}_mb", snap.size_bytes / 1e6, "MB"))

    rows.append(row("load_average_1min_at_end", os.getloadavg()[0], "load"))
    rows.append(row("cpu_count", float(os.cpu_count() or 0), "cores"))
    print(f"knowledge index build ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {args.count} articles)")
    for entry in rows:
        flag = "  (baseline)" if entry.get("baseline") else ""
        print(f"  {entry['name']:<48} {entry['value']:>12} {entry['unit']}{flag}")
    out = write_results("knowledge_index_build", rows)
    print(f"wrote {out}")
    return rows


if __name__ == "__main__":
    main()
