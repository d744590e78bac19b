"""Text analysis for the knowledge index: jieba word segmentation and pinyin keys.

Everything here is pure Python with no Qt and no I/O beyond jieba's dictionary cache, so the same
functions run in the server's build pool, in the seat's change-feed writer and at query time. Index
and query side must segment identically, which is why both go through :func:`segment`.

jieba costs about a second to load its dictionary; :func:`ensure_segmenter` does that once per process
(call it from a worker thread at start-up so the first keystroke doesn't pay for it).
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jieba
from pypinyin import Style, lazy_pinyin

logger = logging.getLogger(__name__)

# Particles and question words that say nothing about *which* article is wanted; call-takers type
# what the caller said ("怎么提取公积金"), so these would otherwise AND away good hits.
_STOP_WORD_TEXT = """的 了 吗 呢 吧 啊 呀 哦 嘛 么 是 在 和 与 及 或 也 都 就 还 又 把 被 给 对 从 向
    我 我们 你 您 他 她 它 这 那 这个 那个 哪 哪个 哪些 什么 怎么 怎样 怎么样 如何 为什么 是否 能否
    可以 能 要 想 请问 请 一下 有 没有 多少 几 个 之 其 等"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_WORD_TEXT.split())

# ASCII words and numbers stay whole ("gjj", "12345", "a1"); Han runs go to jieba.
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD_RE = re.compile(r"\w", re.UNICODE)

PINYIN_GRAM_MIN = 2
PINYIN_GRAM_MAX = 4
INITIALS_PIECE_MAX = 8  # a word's initials longer than this (住房公积金管理中心) are typed whole anyway

_segmenter_lock = threading.Lock()
_segmenter: jieba.Tokenizer | None = None


def ensure_segmenter(cache_dir: Path | None = None) -> jieba.Tokenizer:
    """Load jieba's dictionary once per process and return the shared tokenizer.

    ``cache_dir`` holds jieba's pre-parsed dictionary cache (``jieba.cache``) so later starts load it
    in a fraction of the time; it defaults to jieba's own choice (the temp folder). Thread-safe: the
    first caller loads, the others wait for it.
    """
    global _segmenter
    if _segmenter is not None:
        return _segmenter
    with _segmenter_lock:
        if _segmenter is None:
            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            if cache_dir is not None:
                cache_dir.mkdir(parents=True, exist_ok=True)
                tokenizer.tmp_dir = str(cache_dir)
            tokenizer.initialize()
            _segmenter = tokenizer
            logger.info("jieba dictionary loaded (cache dir %s)", cache_dir or "default")
    return _segmenter


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC) and lower case, so "ＧＪＪ" typed in a Chinese IME matches "gjj"."""
    return unicodedata.normalize("NFKC", text).lower()


def segment(text: str) -> list[str]:
    """Search-mode jieba tokens of ``text``: normalised, punctuation and stop words dropped.

    HMM new-word discovery is off on purpose: it depends on the surrounding text, so the same words
    could segment differently in an article and in a two-word query and then fail to match.
    """
    tokenizer = ensure_segmenter()
    tokens: list[str] = []
    for token in tokenizer.cut_for_search(normalise(text), HMM=False):
        token = token.strip()
        if not token or token in STOP_WORDS or not _WORD_RE.search(token):
            continue
        tokens.append(token)
    return tokens


def without_stop_words(text: str) -> str:
    """``text`` with stop words blanked out ("怎么补办社保卡" → " 补办社保卡"), for the sound fallback."""
    tokenizer = ensure_segmenter()
    tokens = tokenizer.cut(normalise(text), HMM=False)
    return "".join(" " if tok.strip() in STOP_WORDS else tok for tok in tokens)


def query_terms(text: str) -> list[str]:
    """Distinct words of a typed query, in order of appearance (jieba's precise mode).

    Articles are indexed in search mode (whole words *and* their sub-words: 公积金 → 公积, 积金,
    公积金), so the query needs only the whole words; the sub-words would match the same articles
    and only add posting lists to intersect.
    """
    tokenizer = ensure_segmenter()
    words: dict[str, None] = {}
    for token in tokenizer.cut(normalise(text), HMM=False):
        token = token.strip()
        if token and token not in STOP_WORDS and _WORD_RE.search(token):
            words[token] = None
    return list(words)


def has_han(text: str) -> bool:
    return _HAN_RE.search(text) is not None


@functools.lru_cache(maxsize=65536)
def _per_char_pinyin(text: str) -> tuple[str, ...]:
    """One toneless pinyin item per character of ``text`` (non-Han characters stand for themselves).

    pypinyin converts whole phrases so polyphones come out right (重庆 → chong qing); the ``errors``
    callable splits non-Han runs into single characters, which keeps the result aligned with ``text``.
    Cached because keywords and words repeat across thousands of articles and pypinyin is the
    costliest step of preparing a document.
    """
    items: list[str] = lazy_pinyin(text, style=Style.NORMAL, errors=_split_chars)
    if len(items) != len(text):  # never seen, but alignment is what highlighting relies on
        items = [lazy_pinyin(ch, style=Style.NORMAL, errors=_split_chars)[0] for ch in text]
    return tuple(items)


def _split_chars(run: str) -> Any:
    # pypinyin accepts a list here (one item per character) although its stubs say str.
    return list(run)


def initials_aligned(text: str) -> str:
    """Pinyin initials of ``text`` with one character per input character.

    Han characters become their first pinyin letter, ASCII letters and digits stay (lower-cased),
    everything else becomes a space: "公积金提取" → "gjjtq". Being aligned, a match at offset i in this
    string is a match on ``text[i:i+n]``, which is how initials hits get highlighted.
    """
    out: list[str] = []
    for ch, item in zip(text, _per_char_pinyin(text), strict=True):
        if _HAN_RE.match(ch):
            out.append(item[:1].lower() if item and item[0].isascii() and item[0].isalpha() else " ")
        elif ch.isascii() and ch.isalnum():
            out.append(ch.lower())
        else:
            out.append(" ")
    return "".join(out)


def full_pinyin_mask(text: str, typed: str) -> list[bool]:
    """Characters of ``text`` spelt by ``typed`` as full pinyin ("shebaoka" → 社保卡), for highlighting.

    ``typed`` may end inside a syllable (the call-taker is still typing: "shebaok").
    """
    items = _per_char_pinyin(text)
    mask = [False] * len(text)
    for start in range(len(text)):
        if not _HAN_RE.match(text[start]):
            continue
        spelt, end = "", start
        while end < len(text) and _HAN_RE.match(text[end]) and len(spelt) < len(typed):
            spelt += items[end]
            end += 1
        if spelt.startswith(typed):
            for i in range(start, end):
                mask[i] = True
    return mask


def initials_grams(text: str) -> list[str]:
    """Index terms for pinyin-initials search: every 2–4-letter substring of each initials run.

    A query longer than four letters is matched as the AND of its 4-grams (see :func:`initials_query_grams`).
    """
    grams: set[str] = set()
    for run in initials_aligned(text).split():
        for size in range(PINYIN_GRAM_MIN, PINYIN_GRAM_MAX + 1):
            for start in range(len(run) - size + 1):
                grams.add(run[start : start + size])
    return sorted(grams)


def initials_query_grams(query: str) -> list[str]:
    """The terms that must all be present for ``query`` (letters only) to be an initials hit."""
    if len(query) <= PINYIN_GRAM_MAX:
        return [query]
    size = PINYIN_GRAM_MAX
    return list(dict.fromkeys(query[i : i + size] for i in range(len(query) - size + 1)))


@functools.lru_cache(maxsize=65536)
def word_initials(text: str) -> tuple[str, ...]:
    """Initials of each word of ``text`` and of each run of two or three adjacent words, stop words
    dropped ("提取公积金需要什么材料" → tq, gjj, xy, cl, tqgjj, …): the units a call-taker may type in
    any order. Cached: the same titles are checked on every keystroke."""
    words = [initials_aligned(w).replace(" ", "") for w in query_terms(text) if has_han(w)]
    words = [w for w in words if w]
    units: dict[str, None] = {}
    for size in (1, 2, 3):
        for start in range(len(words) - size + 1):
            units["".join(words[start : start + size])] = None
    return tuple(units)


def initials_segmentations(
    typed: str, known: Callable[[str], bool], *, max_pieces: int = 4, limit: int = 6
) -> list[list[str]]:
    """Ways to read ``typed`` as two or more words' initials in some order ("gjjtq" → [gjj, tq]).

    Each piece has 2–:data:`INITIALS_PIECE_MAX` letters and is ``known`` (some article has those
    initials); fewer pieces first, since a long piece is a more telling match. At most ``limit``.
    """
    found: list[list[str]] = []

    def walk(start: int, pieces: list[str]) -> None:
        if start == len(typed):
            if len(pieces) >= 2:
                found.append(list(pieces))
            return
        if len(pieces) >= max_pieces:
            return
        for end in range(min(len(typed), start + INITIALS_PIECE_MAX), start + 1, -1):
            piece = typed[start:end]
            if len(typed) - end == 1:
                continue  # a single letter left over is no word
            if known(piece):
                pieces.append(piece)
                walk(end, pieces)
                pieces.pop()

    walk(0, [])
    found.sort(key=len)
    return found[:limit]


def syllables(text: str) -> list[str]:
    """Toneless pinyin syllables of the Han characters in ``text``, in order ("公积金" → gong ji jin)."""
    return [
        item.lower()
        for ch, item in zip(text, _per_char_pinyin(text), strict=True)
        if _HAN_RE.match(ch) and item.isascii()
    ]


def syllable_bigrams(text: str) -> list[str]:
    """Adjacent syllable pairs ("gong_ji", "ji_jin", …): the homophone-typo fallback.

    Call-takers type with a pinyin IME, so the commonest typo is the wrong character with the right
    sound (公积今 for 公积金); both spell the same syllables.
    """
    pairs: dict[str, None] = {}
    # Pairs never span a gap (space, punctuation, a removed stop word): two typed words are not
    # necessarily adjacent in the article.
    for run in _HAN_RUN_RE.findall(text):
        for a, b in itertools.pairwise(syllables(run)):
            pairs[f"{a}_{b}"] = None
    return list(pairs)


def word_pinyin(tokens: Iterable[str]) -> list[str]:
    """Full pinyin of each Han token ("公积金" → "gongjijin") so typing whole pinyin finds the word."""
    out: dict[str, None] = {}
    for token in tokens:
        if has_han(token):
            sy = syllables(token)
            if sy:
                out["".join(sy)] = None
    return list(out)


def is_letters_query(text: str) -> bool:
    """True for queries that may be pinyin initials or full pinyin: two or more ASCII letters/digits.

    Digits are allowed because titles keep theirs in the initials ("60岁以上老人" → "60syslr").
    """
    return len(text) >= 2 and text.isascii() and text.isalnum() and any(c.isalpha() for c in text)
