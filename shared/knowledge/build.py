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
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from shared.knowledge.analysis import ensure_segmenter
from shared.knowledge.dirswap import replace_dir
from shared.knowledge.schema import build_schema, prepare_document
from shared.knowledge.state import INDEX_NAME, STATE_FILE, write_state
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


def _build_segment(
    index_dir: str, articles: list[KnowledgeArticle], limitmb: int, jieba_cache_dir: str | None
) -> Any:
    """Worker: segment and index one slice of the articles into a segment of its own; return it.

    Runs in a spawned process. Like Whoosh's own ``MpWriter(multisegment=True)`` sub-writers, it
    writes without the index lock (the parent holds it) and hands back the finished segment object.
    """
    ensure_segmenter(Path(jieba_cache_dir) if jieba_cache_dir else None)
    ix = FileStorage(index_dir).open_index(INDEX_NAME)
    writer = SegmentWriter(ix, _lk=False, limitmb=limitmb)
    try:
        for article in articles:
            writer.add_document(**prepare_document(article))
    except BaseException:
        writer.cancel()
        raise
    return writer._finalize_segment()


def _slices(items: list[KnowledgeArticle], count: int) -> list[list[KnowledgeArticle]]:
    size = -(-len(items) // count)
    return [items[start : start + size] for start in range(0, len(items), size)]


def build_index(
    articles: Iterable[KnowledgeArticle],
    index_dir: Path,
    *,
    processes: int | None = None,
    limitmb: int = 256,
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
    if index_dir.exists() and any(index_dir.iterdir()) and not (index_dir / STATE_FILE).exists():
        # The finished build replaces the folder; never do that to one that is not a knowledge index.
        raise ValueError(f"{index_dir} is not empty and holds no knowledge index; choose another folder.")
    live = [article for article in articles if not article.deleted]
    version = applied_version if applied_version is not None else max((a.version for a in live), default=0)
    processes = default_processes() if processes is None else processes
    staging = index_dir.parent / f".{index_dir.name}.build-{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    started = time.perf_counter()
    try:
        ix = whoosh_index.create_in(str(staging), build_schema(), indexname=INDEX_NAME)
        if processes <= 1 or len(live) < 2 * processes:
            _build_serial(ix, live, limitmb, jieba_cache_dir, progress_cb)
        else:
            _build_parallel(ix, staging, live, processes, limitmb, jieba_cache_dir, progress_cb)
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



def _build_serial(
    ix: Any,
    articles: list[KnowledgeArticle],
    limitmb: int,
    jieba_cache_dir: Path | None,
    progress_cb: ProgressCallback | None,
) -> None:
    ensure_segmenter(jieba_cache_dir)
    writer = ix.writer(limitmb=limitmb)
    try:
        for done, article in enumerate(articles, 1):
            writer.add_document(**prepare_document(article))
            if progress_cb is not None and done % 500 == 0:
                progress_cb(done)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _build_parallel(
    ix: Any,
    staging: Path,
    articles: list[KnowledgeArticle],
    processes: int,
    limitmb: int,
    jieba_cache_dir: Path | None,
    progress_cb: ProgressCallback | None,
) -> None:
    """One slice per process, each written as its own segment; the parent only writes the TOC.

    Everything per document — jieba, pypinyin, Whoosh's posting work and flush — runs in parallel;
    the index ends up with ``processes`` segments, which costs searches little (a handful of
    segment readers) and saves a single-threaded merge.
    """
    writer = ix.writer()  # holds the index lock while the workers write segments
    segments: list[Any] = []
    done = 0
    # "spawn" everywhere: forking a parent that may hold threads and Whoosh file handles is unsafe,
    # and it is what Windows does anyway.
    context = multiprocessing.get_context("spawn")
    cache = str(jieba_cache_dir) if jieba_cache_dir else None
    try:
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            futures = {
                pool.submit(_build_segment, str(staging), chunk, limitmb // processes, cache): len(chunk)
                for chunk in _slices(articles, processes)
            }
            for future in as_completed(futures):
                segments.append(future.result())
                done += futures[future]
                if progress_cb is not None:
                    progress_cb(done)
    except BaseException:
        writer.cancel()
        raise
    writer._close_segment()  # the parent's own segment is empty
    writer._commit_toc(segments)
    writer._finish()
