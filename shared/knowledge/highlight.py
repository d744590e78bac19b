"""Match highlighting for titles and body snippets.

Whoosh's own highlighter re-analyses every hit's stored text, which with jieba costs milliseconds per
hit. Here the query terms are already known, so matches are found by plain substring search on the
original text — exact for Chinese, where a segmented word is a substring — in microseconds.

The result is a list of (text, is_match) segments; :meth:`HighlightedText.to_html` escapes every
segment, so article text can never inject markup into a Qt rich-text label.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from shared.knowledge.analysis import has_han, syllables

ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class HighlightedText:
    """Plain text split into runs, each flagged as matching the query or not."""

    segments: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(part for part, _ in self.segments)

    @property
    def matched(self) -> list[str]:
        return [part for part, is_match in self.segments if is_match]

    def to_html(self, open_tag: str = "<b>", close_tag: str = "</b>") -> str:
        """Rich text for a Qt label: every run HTML-escaped, matches wrapped in the given tags."""
        return "".join(
            f"{open_tag}{html.escape(part)}{close_tag}" if is_match else html.escape(part)
            for part, is_match in self.segments
        )

    @classmethod
    def plain(cls, text: str) -> HighlightedText:
        return cls(((text, False),) if text else ())


def match_mask(text: str, terms: Iterable[str]) -> list[bool]:
    """Per character of ``text``: does it lie inside an occurrence of any term (case-insensitive)?"""
    folded = text.lower()
    mask = [False] * len(text)
    # NFKC/lower can change the length of exotic characters; then offsets would drift, so fall back
    # to no highlighting rather than marking the wrong characters.
    if len(folded) != len(text):
        return mask
    for term in terms:
        if not term:
            continue
        start = folded.find(term)
        while start >= 0:
            for i in range(start, start + len(term)):
                mask[i] = True
            start = folded.find(term, start + 1)
    return mask


def segments_from_mask(text: str, mask: list[bool]) -> HighlightedText:
    segments: list[tuple[str, bool]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or mask[i] != mask[start]:
            segments.append((text[start:i], mask[start]))
            start = i
    return HighlightedText(tuple(segments))


def highlight(text: str, terms: Iterable[str], extra_mask: list[bool] | None = None) -> HighlightedText:
    """All of ``text`` with every occurrence of ``terms`` marked (plus ``extra_mask``'s characters)."""
    mask = match_mask(text, terms)
    if extra_mask is not None:
        mask = [a or b for a, b in zip(mask, extra_mask, strict=False)] + mask[len(extra_mask) :]
    return segments_from_mask(text, mask)


def snippet(text: str, terms: Iterable[str], width: int = 90) -> HighlightedText:
    """The ``width``-character window of ``text`` with the most matched characters, highlighted.

    Newlines become spaces because the snippet is shown on one or two lines under the title.
    """
    text = " ".join(text.split())
    mask = match_mask(text, terms)
    if len(text) <= width:
        return segments_from_mask(text, mask)
    starts = [i for i, hit in enumerate(mask) if hit and (i == 0 or not mask[i - 1])]
    best_start, best_score = 0, -1
    # Prefix sums make each candidate window O(1); a few dozen candidates per body at most.
    prefix = [0]
    for hit in mask:
        prefix.append(prefix[-1] + hit)
    for match_start in starts or [0]:
        window_start = max(0, min(match_start - width // 5, len(text) - width))
        score = prefix[window_start + width] - prefix[window_start]
        if score > best_score:
            best_start, best_score = window_start, score
    end = best_start + width
    result = segments_from_mask(text[best_start:end], mask[best_start:end])
    segments = list(result.segments)
    if best_start > 0:
        segments.insert(0, (ELLIPSIS, False))
    if end < len(text):
        segments.append((ELLIPSIS, False))
    return HighlightedText(tuple(segments))


def initials_mask(title_initials: str, initials: str | None, title: str) -> list[bool] | None:
    """Title characters whose pinyin initials spell ``initials`` ("gjj" marks 公积金)."""
    if not initials or len(title_initials) != len(title):
        return None
    mask = [False] * len(title)
    start = title_initials.find(initials)
    while start >= 0:
        for i in range(start, start + len(initials)):
            mask[i] = True
        start = title_initials.find(initials, start + 1)
    return mask


def sound_mask(title: str, query_bigrams: set[str]) -> list[bool]:
    """Title characters that sound like the query: the characters of each matching syllable pair."""
    han_positions = [i for i, ch in enumerate(title) if has_han(ch)]
    sy = syllables(title)
    mask = [False] * len(title)
    if len(sy) != len(han_positions):
        return mask
    for n in range(len(sy) - 1):
        if f"{sy[n]}_{sy[n + 1]}" in query_bigrams:
            mask[han_positions[n]] = mask[han_positions[n + 1]] = True
    return mask
