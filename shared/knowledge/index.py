"""The seat's local knowledge index: change-feed upserts and search-as-you-type.

A search runs several small Whoosh queries in rank order — exact short code, short-code prefix, the
jieba words in titles/keywords and then also bodies (all must match), pinyin initials (in the
title's order, then — when that finds little — the same words' initials in any order) / full pinyin
— and, only when those find fewer than :data:`FALLBACK_BELOW` articles, a typo-tolerant fallback
(same-sound syllables, any rare word, fuzzy terms). Later queries are skipped once the page is
full. On 20,000 articles a search costs about 4 ms CPU at the median and 12 ms at p95, highlighting
included; see ``bench/knowledge_search.py``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index
from whoosh.query import And, Query, Term
from whoosh.searching import Searcher

from shared.knowledge.analysis import (
    PINYIN_GRAM_MAX,
    PINYIN_GRAM_MIN,
    ensure_segmenter,
    full_pinyin_mask,
    has_han,
    is_letters_query,
    normalise,
    query_terms,
    syllable_bigrams,
    without_stop_words,
)
from shared.knowledge.dirswap import recover_interrupted_swap
from shared.knowledge.highlight import HighlightedText, highlight, initials_mask, snippet, sound_mask
from shared.knowledge.queries import (
    HEAD_FIELDS,
    PREFIX_EXPANSIONS,
    TEXT_FIELDS,
    any_term,
    fallback_query,
    filter_query_for,
    initials_any_order,
    initials_in_order,
    pinyin_queries,
    prefix_terms,
    reordered_initials_query,
    run,
    scan,
    words_query,
)
from shared.knowledge.schema import (
    CATEGORY_SEPARATOR,
    INDEX_FORMAT_VERSION,
    article_from_stored,
    build_schema,
    normalise_short_code,
    prepare_document,
)
from shared.knowledge.state import INDEX_NAME, STATE_FILE, IndexState, read_state, write_state
from shared.protocol.knowledge import KnowledgeArticle, KnowledgeFeed

if TYPE_CHECKING:
    from shared.knowledge.snapshot import PublishedSnapshot

logger = logging.getLogger(__name__)

__all__ = [
    "INDEX_NAME",
    "STATE_FILE",
    "ApplyResult",
    "KnowledgeIndex",
    "KnowledgeIndexError",
    "MatchKind",
    "SearchHit",
    "read_state",
    "write_state",
]

FALLBACK_BELOW = 3
#: initials in another word order are looked for only when those in order found fewer than this: the
#: case where the typo fallback would otherwise label the words the call-taker meant "fuzzy"; past it
#: the page is already full of in-order hits and the scan over common initials grams costs most
REORDERED_BELOW = FALLBACK_BELOW
MAX_QUERY_CHARS = 100
WRITER_LOCK_TIMEOUT_S = 10.0


class KnowledgeIndexError(Exception):
    """The index folder cannot be used; the message says what to do about it."""


class MatchKind(StrEnum):
    """Why an article is in the results (the pane may show a badge for short-code or typo hits)."""

    SHORT_CODE = "short_code"
    TEXT = "text"
    PINYIN = "pinyin"
    FUZZY = "fuzzy"
    BROWSE = "browse"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result row. ``title`` and ``snippet`` carry the match marks; render them with
    :meth:`HighlightedText.to_html` (escaped) in a rich-text label, or use ``.text`` for plain text.
    ``match`` says which kind of query found it (a badge for short-code or "did you mean" hits)."""

    article_id: int
    title: HighlightedText
    snippet: HighlightedText
    category_path: tuple[str, ...]
    department: str | None
    short_code: str | None
    version: int
    score: float
    match: MatchKind


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """What one feed page changed; ``applied_version`` is where to ask the feed next (``since``)."""

    upserted: int
    deleted: int
    ignored: int
    applied_version: int


class KnowledgeIndex:
    """A Whoosh index of knowledge articles in one folder, plus the change-feed version it reflects.

    Threading contract: one writer, many readers. :meth:`apply` / :meth:`apply_feed` must be called
    from one thread at a time (they serialise on an internal lock; a second *process* writing the
    same folder gets :class:`KnowledgeIndexError` after a timeout). :meth:`search`, :meth:`get`,
    :meth:`categories` and :meth:`departments` may be called from any number of threads at once;
    each thread gets its own Whoosh searcher and sees the last committed state. Nothing here touches
    Qt; call it from a worker thread, never the GUI thread (the first call loads jieba, ~1 s).
    """

    def __init__(self, path: Path, *, jieba_cache_dir: Path | None = None, create: bool = True) -> None:
        """Open the index in ``path`` (created empty if missing and ``create``).

        Raises :class:`KnowledgeIndexError` if the folder holds a damaged index or one of another
        format; the remedy is to install a fresh snapshot.
        """
        self.path = Path(path)
        # jieba's parsed dictionary is kept beside the index so later starts load it in half the time.
        self._jieba_cache_dir = jieba_cache_dir or self.path.parent / "jieba-cache"
        self._write_lock = threading.Lock()
        self._searchers_lock = threading.Lock()
        self._all_searchers: list[Searcher] = []
        self._local = threading.local()
        self._generation = 0
        self._facets: tuple[int, list[tuple[str, ...]], list[str]] | None = None
        recover_interrupted_swap(self.path)
        self._ix = self._open(create)
        self._state = self._load_state()

    # ---- opening -------------------------------------------------------------------------------

    def _open(self, create: bool) -> Any:
        if whoosh_index.exists_in(str(self.path), indexname=INDEX_NAME):
            try:
                return whoosh_index.open_dir(str(self.path), indexname=INDEX_NAME)
            except Exception as exc:
                raise KnowledgeIndexError(
                    f"The knowledge index in {self.path} is damaged ({exc}); delete the folder and "
                    "download a fresh snapshot."
                ) from exc
        if not create:
            raise KnowledgeIndexError(f"No knowledge index in {self.path}; download a snapshot first.")
        self.path.mkdir(parents=True, exist_ok=True)
        ix = whoosh_index.create_in(str(self.path), build_schema(), indexname=INDEX_NAME)
        write_state(self.path, 0)
        logger.info("created empty knowledge index in %s", self.path)
        return ix

    def _load_state(self) -> IndexState:
        state_path = self.path / STATE_FILE
        if not state_path.exists():
            raise KnowledgeIndexError(
                f"{state_path} is missing, so the index's feed position is unknown; delete {self.path} "
                "and download a fresh snapshot."
            )
        try:
            state = IndexState.load(state_path)
        except (ValueError, KeyError) as exc:
            raise KnowledgeIndexError(
                f"{state_path} is unreadable ({exc}); download a fresh snapshot."
            ) from exc
        if state.format_version != INDEX_FORMAT_VERSION:
            raise KnowledgeIndexError(
                f"The index in {self.path} has format {state.format_version}, this app needs "
                f"{INDEX_FORMAT_VERSION}; download a fresh snapshot."
            )
        if state.tombstones is None:
            state.tombstones = {}
        return state

    def warm_up(self) -> None:
        """Load jieba and open a searcher now, so the first keystroke is fast."""
        ensure_segmenter(self._jieba_cache_dir)
        self._searcher()

    def close(self) -> None:
        with self._searchers_lock:
            for searcher in self._all_searchers:
                searcher.close()
            self._all_searchers.clear()
            self._generation += 1
        self._ix.close()

    def __enter__(self) -> KnowledgeIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- state ---------------------------------------------------------------------------------

    @property
    def applied_version(self) -> int:
        """The change-feed version everything up to which is in the index; ask the feed ``since`` it."""
        return self._state.applied_version

    @property
    def article_count(self) -> int:
        return int(self._searcher().doc_count())

    def _searcher(self) -> Searcher:
        local = self._local
        if getattr(local, "generation", None) != self._generation or local.searcher is None:
            old = getattr(local, "searcher", None)
            if old is not None:
                with self._searchers_lock:
                    if old in self._all_searchers:
                        self._all_searchers.remove(old)
                old.close()
            searcher = self._ix.searcher()
            with self._searchers_lock:
                self._all_searchers.append(searcher)
            local.searcher = searcher
            local.generation = self._generation
        searcher_: Searcher = local.searcher
        return searcher_

    # ---- writing -------------------------------------------------------------------------------

    def apply_feed(self, feed: KnowledgeFeed) -> ApplyResult:
        """Apply one page of the change feed; afterwards :attr:`applied_version` is its latest version.

        While ``has_more`` is set the page is not the end of the feed, so the position advances only
        to the newest article on it: ``latest_version`` could otherwise skip the pages still to come.
        """
        latest = None if feed.has_more else feed.latest_version
        return self.apply(feed.articles, latest_version=latest)

    def apply(
        self, articles: Iterable[KnowledgeArticle], *, latest_version: int | None = None
    ) -> ApplyResult:
        """Upsert articles by id, drop those marked ``deleted``; an older version than indexed is ignored.

        Idempotent: applying the same feed page twice changes nothing the second time. The Whoosh
        commit happens before the version is recorded, so a crash in between only means the seat
        re-applies a page it already has.
        """
        newest: dict[int, KnowledgeArticle] = {}
        for article in articles:
            seen = newest.get(article.id)
            if seen is None or article.version >= seen.version:
                newest[article.id] = article
        ensure_segmenter(self._jieba_cache_dir)
        with self._write_lock:
            tombstones = dict(self._state.tombstones or {})
            upserts: list[KnowledgeArticle] = []
            deletes: list[KnowledgeArticle] = []
            ignored = 0
            searcher = self._ix.searcher()
            try:
                for article in newest.values():
                    stored = searcher.document(id=str(article.id))
                    indexed_version = max(
                        int(stored["version"]) if stored else -1, tombstones.get(article.id, -1)
                    )
                    if article.version <= indexed_version:
                        ignored += 1
                    elif article.deleted:
                        deletes.append(article)
                    else:
                        upserts.append(article)
            finally:
                searcher.close()
            if upserts or deletes:
                documents = [prepare_document(article) for article in upserts]
                try:
                    writer = self._ix.writer(timeout=WRITER_LOCK_TIMEOUT_S)
                except Exception as exc:
                    raise KnowledgeIndexError(
                        f"Another program is writing the knowledge index in {self.path} ({exc})."
                    ) from exc
                try:
                    for article in deletes:
                        writer.delete_by_term("id", str(article.id))
                        tombstones[article.id] = article.version
                    for article, document in zip(upserts, documents, strict=True):
                        writer.update_document(**document)
                        tombstones.pop(article.id, None)
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit()
            versions = [a.version for a in newest.values()]
            applied = max([self._state.applied_version, *versions, latest_version or 0])
            write_state(self.path, applied, tombstones)
            self._state = IndexState(applied_version=applied, tombstones=tombstones)
            if upserts or deletes:
                self._refresh()
        result = ApplyResult(len(upserts), len(deletes), ignored, applied)
        logger.info(
            "knowledge index: %d upserted, %d deleted, %d ignored; now at version %d",
            result.upserted,
            result.deleted,
            result.ignored,
            result.applied_version,
        )
        return result

    def write_snapshot(self, out_path: Path) -> PublishedSnapshot:
        """Publish this index as a snapshot file (server side); holds the writer lock meanwhile."""
        from shared.knowledge.snapshot import write_snapshot

        with self._write_lock:
            return write_snapshot(self.path, out_path)

    def _refresh(self) -> None:
        with self._searchers_lock:
            self._generation += 1
            self._facets = None

    # ---- reading -------------------------------------------------------------------------------

    def get(self, article_id: int) -> KnowledgeArticle | None:
        stored = self._searcher().document(id=str(article_id))
        return article_from_stored(stored) if stored else None

    def categories(self) -> list[tuple[str, ...]]:
        """Every category path present (parents included), sorted, for the filter combo."""
        return self._facet_values()[1]

    def departments(self) -> list[str]:
        return self._facet_values()[2]

    def _facet_values(self) -> tuple[int, list[tuple[str, ...]], list[str]]:
        facets = self._facets
        generation = self._generation
        if facets is not None and facets[0] == generation:
            return facets
        reader = self._searcher().reader()

        def live_terms(field: str) -> list[str]:
            if field not in reader.indexed_field_names():
                return []
            live: list[str] = []
            for term in reader.field_terms(field):
                postings = reader.postings(field, term)
                if any(not reader.is_deleted(docnum) for docnum in postings.all_ids()):
                    live.append(term)
            return live

        categories = sorted(tuple(term.split(CATEGORY_SEPARATOR)) for term in live_terms("category"))
        departments = sorted(live_terms("department"))
        facets = (generation, categories, departments)
        self._facets = facets
        return facets

    def search(
        self,
        query: str,
        *,
        category: Sequence[str] | str | None = None,
        department: str | None = None,
        limit: int = 20,
        highlight_matches: bool = True,
    ) -> list[SearchHit]:
        """Articles for what the call-taker typed, best first, at most ``limit``.

        ``category`` is a path (``["公积金", "提取"]``) or a top-level name and includes sub-categories;
        ``department`` must equal the article's department. An empty query with a filter lists the
        filtered articles; an empty query without one returns nothing.
        """
        query = query[:MAX_QUERY_CHARS]
        text = normalise(query).strip()
        if limit <= 0:
            return []
        searcher = self._searcher()
        filter_query = filter_query_for(category, department)
        if not text:
            if filter_query is None:
                return []
            # Unscored results ignore ``limit``; slice so only one page is loaded.
            results = searcher.search(filter_query, limit=limit, scored=False)
            return [self._hit(r, MatchKind.BROWSE, [], None, False) for r in results[:limit]]
        filter_docs = self._filter_docs(searcher, filter_query)

        ensure_segmenter(self._jieba_cache_dir)
        terms = query_terms(text)
        ranked: list[tuple[Any, MatchKind]] = []
        seen: set[int] = set()
        readings: list[list[str]] = []

        def collect(
            q: Query | None,
            kind: MatchKind,
            accept: Callable[[Any], bool] | None = None,
            *,
            scored: bool = True,
        ) -> None:
            if q is None or len(ranked) >= limit:
                return
            found = (
                run(searcher, q, filter_docs, limit * 3 if accept else limit)
                if scored
                else scan(searcher, q, filter_docs, look_at=limit * 3)
            )
            for result in found:
                if len(ranked) >= limit:
                    break
                if result.docnum not in seen and (accept is None or accept(result)):
                    seen.add(result.docnum)
                    ranked.append((result, kind))

        if not has_han(text) and " " not in text:
            code = normalise_short_code(text)
            collect(Term("short_code", code), MatchKind.SHORT_CODE)
            if len(code) >= 2:
                # Codes starting with what is typed, in code order; expanding the whole prefix
                # ("gj" → thousands of GJJ-… codes) would cost a tenth of a second.
                codes = prefix_terms(searcher, "short_code", code, limit, by_frequency=False)
                collect(any_term("short_code", codes), MatchKind.SHORT_CODE)
        # The last word may be half typed ("公积金提" on the way to 公积金提取).
        completions: list[str] = []
        if terms and not query[-1:].isspace() and (len(terms[-1]) == 1 or not has_han(terms[-1])):
            # Completions come from titles and keywords only: in bodies a prefix such as "12"
            # (12345 is in every article's phone line) would match everything.
            completions = prefix_terms(searcher, "head", terms[-1], PREFIX_EXPANSIONS)
        words_head = words_query(terms, HEAD_FIELDS, completions)
        # A lone first keystroke ("1", "公") would score the body of nearly every article.
        words_all = words_query(terms, TEXT_FIELDS, completions) if len(text) > 1 else None
        if is_letters_query(text):
            # Most precise first: initials in order (gjjtq), a whole-pinyin word (shebao), the
            # letters as a word (app), then pinyin words being typed (sheb…), then bodies.
            initials, whole, typing = pinyin_queries(searcher, text)
            # Past four letters the index can only AND 4-grams, which may come from different
            # words; keep the articles where the letters really are consecutive.
            in_order = partial(initials_in_order, text) if len(text) > PINYIN_GRAM_MAX else None
            collect(initials, MatchKind.PINYIN, in_order)
            collect(whole, MatchKind.PINYIN)
            if len(text) >= 2 * PINYIN_GRAM_MIN and len(ranked) < REORDERED_BELOW:
                # the same words' initials in another order (gjjtq for 提取公积金) are still the
                # words the call-taker meant, not a near miss
                reordered, readings = reordered_initials_query(searcher, text)
                # unscored: the grams are common ones (every title has a "tq" somewhere), so scoring
                # all matches would cost more than the whole rest of the search; the word check on
                # each hit is what decides
                collect(reordered, MatchKind.PINYIN, partial(initials_any_order, readings), scored=False)
            collect(words_head, MatchKind.TEXT)
            collect(typing, MatchKind.PINYIN)
            collect(words_all, MatchKind.TEXT)
        else:
            # Titles and keywords first: their posting lists are short, and when they fill the page
            # the body's long lists (nearly every article says 办理, 材料) need not be scored at all.
            collect(words_head, MatchKind.TEXT)
            collect(words_all, MatchKind.TEXT)
        exact_code = any(kind is MatchKind.SHORT_CODE for _, kind in ranked[:1])
        if len(ranked) < FALLBACK_BELOW and not exact_code:
            # Same sound first (公积今 → 公积金: every syllable pair matches), then looser guesses.
            sound_pairs = syllable_bigrams(without_stop_words(text))
            if sound_pairs:
                collect(And([Term("sybigram", pair) for pair in sound_pairs]), MatchKind.FUZZY)
            if len(ranked) < FALLBACK_BELOW:
                collect(fallback_query(searcher, text, terms), MatchKind.FUZZY)

        query_bigrams = (
            set(syllable_bigrams(without_stop_words(text)))
            if any(kind is MatchKind.FUZZY for _, kind in ranked)
            else set()
        )
        initials = text if is_letters_query(text) else None
        return [
            self._hit(result, kind, terms, initials, highlight_matches, query_bigrams, readings)
            for result, kind in ranked[:limit]
        ]

    def _filter_docs(self, searcher: Searcher, filter_query: Query | None) -> set[int] | None:
        """The filter's documents, cached per thread until the next write.

        Whoosh would otherwise recompute the filter for each of the several queries of one search
        and again on every keystroke.
        """
        if filter_query is None:
            return None
        local = self._local
        cache: dict[tuple[int, str], set[int]] = getattr(local, "filter_cache", {})
        key = (self._generation, repr(filter_query))
        docs = cache.get(key)
        if docs is None:
            if len(cache) > 32 or any(generation != self._generation for generation, _ in cache):
                cache = {}
            docs = set(searcher.docs_for_query(filter_query))
            cache[key] = docs
            local.filter_cache = cache
        return docs

    def _hit(
        self,
        result: Any,
        kind: MatchKind,
        terms: list[str],
        initials: str | None,
        highlight_matches: bool,
        query_bigrams: set[str] | None = None,
        readings: list[list[str]] | None = None,
    ) -> SearchHit:
        article = article_from_stored(result.fields())
        if highlight_matches:
            title_initials = result.get("title_initials", "")
            extra = initials_mask(title_initials, initials, article.title)
            if kind is MatchKind.PINYIN and readings and not any(extra or []):
                extra = _reading_mask(title_initials, readings, article.title)
            if kind is MatchKind.PINYIN and initials and not any(extra or []):
                extra = full_pinyin_mask(article.title, initials)
            if kind is MatchKind.FUZZY and query_bigrams:
                sound = sound_mask(article.title, query_bigrams)
                extra = sound if extra is None else [a or b for a, b in zip(extra, sound, strict=True)]
            title = highlight(article.title, terms, extra)
            body = snippet(article.body, terms)
        else:
            title = HighlightedText.plain(article.title)
            body = snippet(article.body, [])
        return SearchHit(
            article_id=article.id,
            title=title,
            snippet=body,
            category_path=tuple(article.category_path),
            department=article.department,
            short_code=article.short_code,
            version=article.version,
            score=float(result.score or 0.0),
            match=kind,
        )


def _reading_mask(title_initials: str, readings: list[list[str]], title: str) -> list[bool] | None:
    """The title's words whose initials were typed out of order: the first reading found whole."""
    for pieces in readings:
        if all(piece in title_initials for piece in pieces):
            masks = [initials_mask(title_initials, piece, title) for piece in pieces]
            if all(mask is not None for mask in masks):
                return [any(marks) for marks in zip(*(m for m in masks if m is not None), strict=True)]
    return None
