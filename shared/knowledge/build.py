"""Full index builds on the server: jieba segmentation in a process pool, one Whoosh writer.

Whoosh with jieba's ``ChineseAnalyzer`` indexes about 50 articles/s in one process (20,000 take
400–515 s), mostly segmentation and per-token filters inside the writer. Here worker processes run
:func:`~shared.knowledge.schema.prepare_document` (jieba + pypinyin) while the parent only feeds
space-separated tokens to Whoosh, so the two overlap and the slow part spreads over the cores.
``bench/knowledge_index_build.py`` measures it against the plain ``ChineseAnalyzer`` path.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from shared.knowledge.analysis import ensure_segmenter
from shared.knowledge.dirswap import replace_dir
from shared.knowledge.index import INDEX_NAME, write_state
from shared.knowledge.schema import build_schema, prepare_document
from shared.protocol.knowledge import KnowledgeArticle

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class BuildStats:
    article_count: int
    applied_version: int
    seconds: float
    size_bytes: int

    @property
    def docs_per_second(self) -> float:
        return self.article_count / self.seconds if self.seconds > 0 else 0.0


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _init_worker(jieba_cache_dir: str | None) -> None:
    ensure_segmenter(Path(jieba_cache_dir) if jieba_cache_dir else None)


def _prepared(
    articles: Iterable[KnowledgeArticle], processes: int, chunksize: int, jieba_cache_dir: Path | None
) -> Iterator[dict[str, Any]]:
    if processes <= 1:
        ensure_segmenter(jieba_cache_dir)
        yield from (prepare_document(article) for article in articles)
        return
    # "spawn" everywhere: forking a parent that may hold threads and Whoosh file handles is unsafe,
    # and it is what Windows does anyway.
    context = multiprocessing.get_context("spawn")
    with context.Pool(
        processes, initializer=_init_worker, initargs=(str(jieba_cache_dir) if jieba_cache_dir else None,)
    ) as pool:
        yield from pool.imap(prepare_document, articles, chunksize=chunksize)


def build_index(
    articles: Iterable[KnowledgeArticle],
    index_dir: Path,
    *,
    processes: int | None = None,
    limitmb: int = 256,
    chunksize: int = 32,
    applied_version: int | None = None,
    jieba_cache_dir: Path | None = None,
    progress_cb: ProgressCallback | None = None,
) -> BuildStats:
    """Build a fresh index of ``articles`` (deleted ones skipped) into ``index_dir``, replacing it.

    The index is built in a sibling folder and renamed into place at the end, so a failed build never
    leaves a half-written index behind. ``applied_version`` defaults to the highest article version.
    ``progress_cb(done)`` is called every few hundred articles from the calling thread.
    """
    index_dir = Path(index_dir)
    live = [article for article in articles if not article.deleted]
    version = applied_version if applied_version is not None else max((a.version for a in live), default=0)
    processes = default_processes() if processes is None else processes
    staging = index_dir.parent / f".{index_dir.name}.build-{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    started = time.perf_counter()
    try:
        ix = whoosh_index.create_in(str(staging), build_schema(), indexname=INDEX_NAME)
        writer = ix.writer(limitmb=limitmb)
        done = 0
        try:
            for document in _prepared(live, processes, chunksize, jieba_cache_dir):
                writer.add_document(**document)
                done += 1
                if progress_cb is not None and done % 500 == 0:
                    progress_cb(done)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        ix.close()
        write_state(staging, version)
        replace_dir(staging, index_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    seconds = time.perf_counter() - started
    if progress_cb is not None:
        progress_cb(len(live))
    size = sum(p.stat().st_size for p in index_dir.iterdir() if p.is_file())
    stats = BuildStats(len(live), version, seconds, size)
    logger.info(
        "built knowledge index of %d articles in %.1f s (%.0f/s, %d processes, %.1f MB)",
        stats.article_count, seconds, stats.docs_per_second, processes, size / 1e6,
    )
    return stats

