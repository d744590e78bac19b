"""The Whoosh schema of the knowledge index and how an article becomes a Whoosh document.

Text is segmented *before* it reaches Whoosh (:func:`prepare_document`), and the fields only split
on spaces. That lets the server segment in a process pool (jieba is the slow part of indexing) and
keeps index and query segmentation the same code path (:mod:`shared.knowledge.analysis`).
"""

from __future__ import annotations

import json
from typing import Any

from whoosh.analysis import RegexTokenizer
from whoosh.fields import ID, STORED, TEXT, Schema

from shared.knowledge.analysis import (
    initials_aligned,
    initials_grams,
    normalise,
    segment,
    syllable_bigrams,
    word_pinyin,
)
from shared.protocol.knowledge import KnowledgeArticle

# Bump when the schema or the analysis changes: a seat refuses snapshots of another format and the
# server rebuilds its index.
INDEX_FORMAT_VERSION = 3

# Category paths are indexed as every prefix ("公积金", "公积金\x1f提取") so a filter on a parent
# category also finds its children; \x1f cannot appear in a typed category name.
CATEGORY_SEPARATOR = "\x1f"

_SPACE = RegexTokenizer(r"[^ ]+")
_LINES = RegexTokenizer(r"[^\n]+")


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        # Title and keywords share one field: a two-word query is then an intersection of two posting
        # lists instead of unions over two fields, which halves the work of search-as-you-type.
        head=TEXT(analyzer=_SPACE, phrase=False, field_boost=3.0),
        body=TEXT(analyzer=_SPACE, phrase=False),
        short_code=ID(),
        initials=TEXT(analyzer=_SPACE, phrase=False, field_boost=2.0),
        pinyin=TEXT(analyzer=_SPACE, phrase=False, field_boost=1.5),
        sybigram=TEXT(analyzer=_SPACE, phrase=False),
        category=TEXT(analyzer=_LINES, phrase=False),
        department=ID(),
        version=STORED(),
        title_initials=STORED(),
        article=STORED(),
    )


def category_key(path: list[str] | tuple[str, ...]) -> str:
    # Kept verbatim (not lower-cased): the filter combo shows these names and passes them back.
    return CATEGORY_SEPARATOR.join(part.strip() for part in path)


def normalise_short_code(code: str) -> str:
    return normalise(code).strip()


def prepare_document(article: KnowledgeArticle) -> dict[str, Any]:
    """Whoosh field values for ``article`` (all plain strings/ints, cheap to send between processes)."""
    title_tokens = segment(article.title)
    keyword_tokens = [tok for kw in article.keywords for tok in segment(kw)]
    # Keywords are whole phrases too ("提取公积金"): index each as given so a typed keyword hits whole.
    whole_keywords = [normalise(kw).strip() for kw in article.keywords]
    keyword_tokens += [kw for kw in whole_keywords if kw and " " not in kw]
    pinyin_source = [article.title, *article.keywords]
    # Title terms go in twice: the doubled term frequency ranks a match in the title above one only
    # in the keywords, at no cost in postings.
    title_grams = initials_grams(article.title)
    initials = title_grams + title_grams + sorted({g for kw in article.keywords for g in initials_grams(kw)})
    prefixes = [
        category_key(article.category_path[: depth + 1]) for depth in range(len(article.category_path))
    ]
    document: dict[str, Any] = {
        "id": str(article.id),
        "head": " ".join([*title_tokens, *title_tokens, *keyword_tokens]),
        "body": " ".join(segment(article.body)),
        "short_code": normalise_short_code(article.short_code) if article.short_code else "",
        "initials": " ".join(initials),
        "pinyin": " ".join(word_pinyin([*title_tokens, *keyword_tokens])),
        "sybigram": " ".join(dict.fromkeys(b for text in pinyin_source for b in syllable_bigrams(text))),
        "category": "\n".join(prefixes),
        "department": article.department.strip() if article.department else "",
        "version": article.version,
        "title_initials": initials_aligned(article.title),
        "article": article.model_dump_json(),
    }
    # An empty string would index an empty term; Whoosh simply skips absent fields.
    return {name: value for name, value in document.items() if value != ""}


def article_from_stored(stored: dict[str, Any]) -> KnowledgeArticle:
    return KnowledgeArticle.model_validate(json.loads(stored["article"]))
