"""Knowledge search as you type on 20,000 articles: p50/p95 with and without highlighting.

    .venv/bin/python -m bench.knowledge_search [--count 20000] [--queries 150]

Query mix drawn from the corpus itself (deterministic): two-word Chinese queries, pinyin initials of
a title's start, exact short codes, and a two-word query with one character swapped for a homophone
(the commonest IME typo). Baseline in the same run: SQLite FTS5 over the same jieba-segmented text,
AND of the query words, ``bm25`` order, with ``snippet()``; FTS5 only answers the Chinese-word
queries, so it is compared on those. Also times a cold seat: install the 20,000-article snapshot,
open the index, load jieba, first search — in a fresh process, the "searchable within 10 s of first
login" budget. The built index is cached under ``bench/.cache/``.
Writes ``bench/results/knowledge_search.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from bench.knowledge_index_build import (
    CACHE_DIR,
    REPO,
    _code_fingerprint,
    ensure_cached_index,
    load_articles,
    row,
    write_results,
)
from shared.knowledge.analysis import ensure_segmenter, initials_aligned, segment, syllables
from shared.knowledge.index import KnowledgeIndex
from shared.knowledge.snapshot import write_snapshot
from shared.protocol.knowledge import KnowledgeArticle

logger = logging.getLogger(__name__)

LIMIT = 20


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


#: typo query -> the two words it was made from, to check the intended articles still come up
TYPO_ORIGINS: dict[str, list[str]] = {}


def quality(index: KnowledgeIndex, queries: dict[str, list[str]]) -> dict[str, float]:
    """Share of queries whose results show what was meant (a user would notice these failing)."""

    def share(kind: str, good: Callable[[str, list[Any]], bool]) -> float:
        qs = queries[kind]
        return sum(1 for q in qs if good(q, index.search(q, limit=LIMIT))) / max(1, len(qs))

    return {
        "chinese_two_words_first_hit_title_has_all": share(
            "chinese_two_words",
            lambda q, hits: bool(hits) and all(w in hits[0].title.text for w in q.split()),
        ),
        "pinyin_initials_first_hit_in_order": share(
            "pinyin_initials", lambda q, hits: bool(hits) and q in initials_aligned(hits[0].title.text)
        ),
        "short_code_first_hit_exact": share(
            "short_code", lambda q, hits: bool(hits) and (hits[0].short_code or "").lower() == q
        ),
        "typo_intended_words_in_top5_title": share(
            "typo", lambda q, hits: any(all(w in h.title.text for w in TYPO_ORIGINS[q]) for h in hits[:5])
        ),
    }


def build_queries(articles: list[KnowledgeArticle], per_kind: int, seed: int = 1) -> dict[str, list[str]]:
    rng = random.Random(seed)
    by_sound: dict[str, set[str]] = defaultdict(set)
    for article in articles[:3000]:
        for ch, sy in zip(article.title, _char_syllables(article.title), strict=False):
            if sy:
                by_sound[sy].add(ch)
    kinds = ("chinese_two_words", "pinyin_initials", "short_code", "typo")
    queries: dict[str, list[str]] = {kind: [] for kind in kinds}
    sample = rng.sample(articles, min(len(articles), per_kind * 4))
    for article in sample:
        words = [w for w in segment(article.title) if len(w) >= 2]
        words = list(dict.fromkeys(words))
        if len(words) >= 2 and len(queries["chinese_two_words"]) < per_kind:
            pair = rng.sample(words, 2)
            queries["chinese_two_words"].append(" ".join(pair))
            typo = _homophone_typo(" ".join(pair), by_sound, rng)
            if typo and len(queries["typo"]) < per_kind:
                queries["typo"].append(typo)
                TYPO_ORIGINS[typo] = pair
        initials = initials_aligned(article.title).split()
        if initials and len(initials[0]) >= 3 and len(queries["pinyin_initials"]) < per_kind:
            queries["pinyin_initials"].append(initials[0][: rng.randint(3, min(6, len(initials[0])))])
        if article.short_code and len(queries["short_code"]) < per_kind:
            queries["short_code"].append(article.short_code.lower())
    return queries


def _char_syllables(text: str) -> list[str]:
    return [syllables(ch)[0] if syllables(ch) else "" for ch in text]


def _homophone_typo(query: str, by_sound: dict[str, set[str]], rng: random.Random) -> str | None:
    positions = list(range(len(query)))
    rng.shuffle(positions)
    for i in positions:
        sy = syllables(query[i])
        if not sy:
            continue
        others = sorted(by_sound.get(sy[0], set()) - {query[i]})
        if others:
            return query[:i] + rng.choice(others) + query[i + 1 :]
    return None


def time_interleaved(
    runners: dict[str, Callable[[str], Any]], queries: list[str], rounds: int = 2
) -> dict[str, tuple[list[float], list[float]]]:
    """Wall and CPU ms per runner; runners take turns query by query so load bursts from other
    processes on the machine hit all of them alike."""
    for query in queries[:10]:
        for run in runners.values():
            run(query)  # warm caches
    wall: dict[str, list[float]] = {name: [] for name in runners}
    cpu: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(rounds):
        for query in queries:
            for name, run in runners.items():
                started, started_cpu = time.perf_counter(), time.thread_time()
                run(query)
                cpu[name].append((time.thread_time() - started_cpu) * 1000)
                wall[name].append((time.perf_counter() - started) * 1000)
    return {name: (wall[name], cpu[name]) for name in runners}


def fts5_database(articles: list[KnowledgeArticle], count: int) -> Path:
    """SQLite FTS5 over jieba-segmented title/body/keywords, cached beside the Whoosh index."""
    path = CACHE_DIR / f"fts5-{count}-{_code_fingerprint()}.sqlite"
    if path.exists():
        return path
    for stale in CACHE_DIR.glob(f"fts5-{count}-*.sqlite"):
        stale.unlink()
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, keywords, tokenize='unicode61')")
    db.executemany(
        "INSERT INTO docs(rowid, title, body, keywords) VALUES (?, ?, ?, ?)",
        (
            (a.id, " ".join(segment(a.title)), " ".join(segment(a.body)), " ".join(a.keywords))
            for a in articles
        ),
    )
    db.commit()
    db.close()
    tmp.replace(path)
    return path


def fts5_runner(path: Path, with_snippet: bool) -> Callable[[str], Any]:
    db = sqlite3.connect(path, check_same_thread=False)
    columns = (
        "rowid, highlight(docs, 0, '<b>', '</b>'), snippet(docs, 1, '<b>', '</b>', '…', 24)"
        if with_snippet
        else "rowid"
    )
    sql = f"SELECT {columns} FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 3.0, 1.0, 2.0) LIMIT {LIMIT}"

    def run(query: str) -> list[Any]:
        terms = list(dict.fromkeys(segment(query)))
        if not terms:
            return []
        match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return db.execute(sql, (match,)).fetchall()

    return run


_COLD_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from shared.knowledge.snapshot import install_snapshot
from shared.knowledge.index import KnowledgeIndex
t_import = time.perf_counter()
install_snapshot(Path(sys.argv[1]), Path(sys.argv[2]), lambda done, total: None)
t_install = time.perf_counter()
index = KnowledgeIndex(Path(sys.argv[2]), create=False)
index.warm_up()
t_open = time.perf_counter()
hits = index.search("公积金提取")
t_first = time.perf_counter()
print(json.dumps({"import": t_import - t0, "install": t_install - t_import,
                  "open_and_jieba": t_open - t_install, "first_search": t_first - t_open,
                  "total": t_first - t0, "hits": len(hits), "articles": index.article_count}))
"""


def cold_seat(index_dir: Path, work: Path) -> dict[str, float]:
    snapshot = write_snapshot(index_dir, work / "knowledge.snapshot")
    out = subprocess.run(
        [sys.executable, "-c", _COLD_SCRIPT, str(snapshot.path), str(work / "seat" / "index")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["snapshot_mb"] = snapshot.size_bytes / 1e6
    return result


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=150, help="queries per kind")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    ensure_segmenter()
    articles = load_articles(args.count)
    index_dir, build_s = ensure_cached_index(args.count)
    queries = build_queries(articles, args.queries)
    rows: list[dict[str, Any]] = []
    if build_s is not None:
        rows.append(row(f"index_build_{args.count}_s", build_s, "s"))

    index = KnowledgeIndex(index_dir, create=False)
    index.warm_up()
    fts = fts5_database(articles, args.count)
    whoosh_runners: dict[str, Callable[[str], Any]] = {
        "whoosh_{kind}_plain": partial(index.search, limit=LIMIT, highlight_matches=False),
        "whoosh_{kind}_highlight": partial(index.search, limit=LIMIT, highlight_matches=True),
    }
    fts_runners: dict[str, Callable[[str], Any]] = {
        "fts5_{kind}_plain": fts5_runner(fts, with_snippet=False),
        "fts5_{kind}_snippet": fts5_runner(fts, with_snippet=True),
    }
    mix: dict[str, tuple[list[float], list[float]]] = {}
    for kind, kind_queries in queries.items():
        # FTS5 over segmented words can only answer the Chinese-word queries.
        runners = {**whoosh_runners, **(fts_runners if kind == "chinese_two_words" else {})}
        for template, (wall, cpu) in time_interleaved(runners, kind_queries).items():
            name = template.format(kind=kind)
            baseline = name.startswith("fts5")
            rows.append(row(f"{name}_p50", statistics.median(wall), "ms", baseline=baseline))
            rows.append(row(f"{name}_p95", percentile(wall, 95), "ms", baseline=baseline))
            rows.append(row(f"{name}_cpu_p50", statistics.median(cpu), "ms", baseline=baseline))
            rows.append(row(f"{name}_cpu_p95", percentile(cpu, 95), "ms", baseline=baseline))
            if not baseline:
                mix_wall, mix_cpu = mix.setdefault(template.format(kind="mix"), ([], []))
                mix_wall += wall
                mix_cpu += cpu
    for name, (wall, cpu) in mix.items():
        rows.append(row(f"{name}_p50", statistics.median(wall), "ms"))
        rows.append(row(f"{name}_p95", percentile(wall, 95), "ms"))
        rows.append(row(f"{name}_cpu_p50", statistics.median(cpu), "ms"))
        rows.append(row(f"{name}_cpu_p95", percentile(cpu, 95), "ms"))
    zero_hits = {kind: sum(1 for q in qs if not index.search(q, limit=LIMIT)) for kind, qs in queries.items()}
    for name, value in quality(index, queries).items():
        rows.append(row(f"quality_{name}", value * 100, "%"))
    index.close()
    rows.append(row("load_average_1min", os.getloadavg()[0], "load"))

    with tempfile.TemporaryDirectory(prefix="kb-seat-") as tmp:
        cold = cold_seat(index_dir, Path(tmp))
    rows.append(row(f"snapshot_{args.count}_mb", cold["snapshot_mb"], "MB"))
    rows.append(row(f"cold_seat_install_snapshot_{args.count}_s", cold["install"], "s"))
    rows.append(row("cold_seat_open_and_load_jieba_s", cold["open_and_jieba"], "s"))
    rows.append(row("cold_seat_first_search_s", cold["first_search"], "s"))
    rows.append(row(f"cold_seat_searchable_total_{args.count}_s", cold["total"], "s"))

    print(f"knowledge search ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {args.count} articles, limit {LIMIT})")
    for entry in rows:
        flag = "  (baseline)" if entry.get("baseline") else ""
        print(f"  {entry['name']:<48} {entry['value']:>10} {entry['unit']}{flag}")
    print("  queries per kind:", {k: len(v) for k, v in queries.items()}, "with no hit:", zero_hits)
    print("  examples:", {k: v[:3] for k, v in queries.items()})
    out = write_results("knowledge_search", rows)
    print(f"wrote {out}")
    return rows


if __name__ == "__main__":
    main()
