"""The Whoosh queries behind one knowledge search, built from the analysed query text.

Pure functions of a searcher and the query; :meth:`KnowledgeIndex.search
<shared.knowledge.index.KnowledgeIndex.search>` decides their order and when to stop.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from whoosh.query import And, FuzzyTerm, Or, Query, Term
from whoosh.searching import Searcher

from shared.knowledge.analysis import (
    initials_aligned,
    initials_query_grams,
    initials_segmentations,
    is_letters_query,
    syllable_bigrams,
    without_stop_words,
    word_initials,
)
from shared.knowledge.schema import article_from_stored, category_key

TEXT_FIELDS = ("head", "body")
HEAD_FIELDS = ("head",)
PREFIX_EXPANSIONS = 12
PREFIX_SCAN = 400
SCORE_AT_MOST = 5000
FALLBACK_COMMON_SHARE = 0.03
FALLBACK_COMMON_MIN = 50


def filter_query_for(category: Sequence[str] | str | None, department: str | None) -> Query | None:
    """The category (with its sub-categories) and department filter, or None for no filter."""
    parts: list[Query] = []
    if category:
        path = [category] if isinstance(category, str) else list(category)
        parts.append(Term("category", category_key(path)))
    if department:
        parts.append(Term("department", department.strip()))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def pinyin_queries(searcher: Searcher, text: str) -> tuple[Query, Query, Query | None]:
    """(initials in order, whole-pinyin word, pinyin words starting with ``text``)."""
    initials = And([Term("initials", gram) for gram in initials_query_grams(text)])
    typing = None
    if len(text) >= 3:
        # Only the most common few completions ("sheb" → shebao, shebaoka …).
        expansions = [w for w in prefix_terms(searcher, "pinyin", text, PREFIX_EXPANSIONS) if w != text]
        typing = any_term("pinyin", expansions)
    return initials, Term("pinyin", text), typing


def reordered_initials_query(searcher: Searcher, text: str) -> tuple[Query | None, list[list[str]]]:
    """Initials of two or more words typed in another order than the title's ("gjjtq" for
    提取公积金): the query over the indexed initials grams, and the readings of ``text`` it stands for.

    The readings come from the index's own terms, so a piece no article has is never tried; the
    grams may still come from other words, which :func:`initials_any_order` checks on each hit.
    """
    reader = searcher.reader()
    if "initials" not in reader.indexed_field_names():
        return None, []

    def known(piece: str) -> bool:
        return all(reader.doc_frequency("initials", g) > 0 for g in initials_query_grams(piece))

    readings = initials_segmentations(text, known)
    if not readings:
        return None, []
    alternatives: list[Query] = []
    for pieces in readings:
        grams = list(dict.fromkeys(g for piece in pieces for g in initials_query_grams(piece)))
        alternatives.append(And([Term("initials", g) for g in grams]))
    return (alternatives[0] if len(alternatives) == 1 else Or(alternatives)), readings


def initials_any_order(readings: list[list[str]], result: Any) -> bool:
    """Every piece of one reading is the initials of a word (or adjacent words) of the title, or of
    one keyword: the call-taker typed the words, only in another order."""
    article = article_from_stored(result.fields())
    title_units = set(word_initials(article.title))
    keyword_units = [set(word_initials(keyword)) for keyword in article.keywords]
    for pieces in readings:
        if all(piece in title_units for piece in pieces):
            return True
        if any(all(piece in units for piece in pieces) for units in keyword_units):
            return True
    return False


def words_query(terms: list[str], fields: tuple[str, ...], completions: list[str]) -> Query | None:
    """Every term must occur, each in any of ``fields``; the last may also be completed from
    ``completions`` (words in titles/keywords that start with it)."""
    if not terms:
        return None
    clauses: list[Query] = []
    for n, term in enumerate(terms):
        alternatives: list[Query] = [Term(field, term) for field in fields]
        if n == len(terms) - 1:
            alternatives += [Term("head", word) for word in completions if word != term]
        clauses.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    return clauses[0] if len(clauses) == 1 else And(clauses)


def fallback_query(searcher: Searcher, text: str, terms: list[str]) -> Query | None:
    """Looser guesses for a query that found (almost) nothing: typos, reordered or extra words."""
    # Terms found in a large share of the articles (需要 → xu_yao, 办理) cannot tell articles
    # apart, yet their long posting lists are what makes a fallback slow; leave them out.
    common = max(FALLBACK_COMMON_MIN, int(searcher.doc_count() * FALLBACK_COMMON_SHARE))

    def rare(field: str, candidates: list[str]) -> list[str]:
        kept = [c for c in candidates if searcher.doc_frequency(field, c) <= common]
        if kept or not candidates:
            return kept
        return [min(candidates, key=lambda c: searcher.doc_frequency(field, c))]

    parts: list[Query] = []
    # A lone character (办, 不) is in thousands of titles and says little; the sound pairs below
    # cover a mistyped character instead.
    words = rare("head", [term for term in terms if len(term) > 1])
    if len(terms) > 1 and words:
        parts.append(Or([Term("head", term) for term in words]))
    bigrams = rare("sybigram", syllable_bigrams(without_stop_words(text)))
    if bigrams:
        # Half the sound pairs must match: one wrong character breaks at most two pairs.
        parts.append(Or([Term("sybigram", b) for b in bigrams], minmatch=max(1, (len(bigrams) + 1) // 2)))
    pairs = list(dict.fromkeys(text[i : i + 2] for i in range(len(text) - 1)))
    if is_letters_query(text) and len(pairs) >= 3:
        # Mistyped or reordered initials ("gjjtw", "gjjtq" for 提取公积金): all letter pairs
        # but one still occur in the title's initials.
        parts.append(Or([Term("initials", p) for p in pairs], minmatch=len(pairs) - 1))
    for term in terms:
        if len(term) >= 3:
            parts.append(FuzzyTerm("head", term, maxdist=1, prefixlength=1))
    return Or(parts) if parts else None


def prefix_terms(
    searcher: Searcher, field: str, prefix: str, count: int, *, by_frequency: bool = True
) -> list[str]:
    """Up to ``count`` indexed terms of ``field`` starting with ``prefix``.

    ``by_frequency`` keeps the terms in most articles (what the typist most likely means), looking
    at no more than :data:`PREFIX_SCAN` candidates so a one-letter prefix stays cheap; otherwise the
    first ``count`` in term order.
    """
    reader = searcher.reader()
    if field not in reader.indexed_field_names():
        return []
    scan = PREFIX_SCAN if by_frequency else count
    candidates = list(itertools.islice(reader.expand_prefix(field, prefix), scan))
    words = [c.decode("utf-8") if isinstance(c, bytes) else str(c) for c in candidates]
    if by_frequency and len(words) > count:
        words.sort(key=lambda word: -reader.doc_frequency(field, word))
    return words[:count]


def initials_in_order(typed: str, result: Any) -> bool:
    if typed in result.get("title_initials", ""):
        return True
    keywords = article_from_stored(result.fields()).keywords
    return any(typed in initials_aligned(keyword) for keyword in keywords)


class StoredHit:
    """A match read straight off the matcher (no score), shaped like the Whoosh hits the index uses."""

    __slots__ = ("_fields", "docnum", "score")

    def __init__(self, searcher: Searcher, docnum: int) -> None:
        self.docnum = docnum
        self.score = 0.0
        self._fields: dict[str, Any] = searcher.stored_fields(docnum)

    def fields(self) -> dict[str, Any]:
        return self._fields

    def get(self, name: str, default: Any = None) -> Any:
        return self._fields.get(name, default)


def scan(
    searcher: Searcher, query: Query, filter_docs: set[int] | None, *, look_at: int
) -> list[StoredHit]:
    """The first ``look_at`` matches in index order, unscored: for a query whose terms are common
    (initials grams) and whose hits are judged one by one anyway, it bounds the work that searching
    (which collects every match, scored or not) would spend on thousands of matches."""
    matcher = query.matcher(searcher)
    hits: list[StoredHit] = []
    while matcher.is_active() and len(hits) < look_at:
        docnum = matcher.id()
        if (filter_docs is None or docnum in filter_docs) and not searcher.reader().is_deleted(docnum):
            hits.append(StoredHit(searcher, docnum))
        matcher.next()
    return hits


def run(searcher: Searcher, query: Query, filter_docs: set[int] | None, limit: int) -> Any:
    """Top ``limit`` hits of ``query``; unscored (index order) when it would match very many.

    Whoosh scores every match in Python (~10 µs each), so a broad query such as the first letters
    of a word ("she" → 6,000 articles) would take a tenth of a second to rank a list the
    call-taker is about to narrow anyway.
    """
    scored = query.estimate_size(searcher.reader()) <= SCORE_AT_MOST
    return searcher.search(query, filter=filter_docs, limit=limit, scored=scored)


def any_term(field: str, words: list[str]) -> Query | None:
    if not words:
        return None
    return Term(field, words[0]) if len(words) == 1 else Or([Term(field, word) for word in words])
