"""Pinyin initials typed in another word order than the title's are the words meant, not a near miss:
"gjjtq" (公积金提取) finds 租房提取公积金需要什么材料 labelled pinyin, with those words marked."""

from __future__ import annotations

from shared.knowledge.analysis import initials_segmentations, word_initials
from shared.knowledge.index import KnowledgeIndex, MatchKind


def test_given_title_words_when_listing_their_initials_then_each_word_and_adjacent_runs() -> None:
    units = word_initials("租房提取公积金需要什么材料")
    assert {"zf", "tq", "gjj", "cl", "tqgjj"} <= set(units)


def test_given_typed_letters_when_segmenting_against_known_initials_then_fewest_pieces_first() -> None:
    known = {"gjj", "tq", "gj", "jt", "jtq"}.__contains__
    readings = initials_segmentations("gjjtq", known)
    assert readings[0] == ["gjj", "tq"]
    assert ["gj", "jtq"] in readings
    assert initials_segmentations("gjjtqx", known) == []  # a single letter left over is no word


def test_given_initials_in_other_word_order_when_searching_then_labelled_pinyin_not_fuzzy(
    search_index: KnowledgeIndex,
) -> None:
    hits = search_index.search("gjjtq")
    by_title = {hit.title.text: hit for hit in hits}
    assert hits[0].title.text == "公积金提取条件及办理流程"  # the title in the typed order stays first
    reordered = by_title["租房提取公积金需要什么材料"]
    assert reordered.match is MatchKind.PINYIN
    assert reordered.title.matched == ["提取公积金"]  # those words marked


def test_given_initials_of_words_in_no_title_when_searching_then_no_pinyin_hit(
    search_index: KnowledgeIndex,
) -> None:
    # 社保卡 + 提取 exist as words, but no article has both: nothing may claim to be a pinyin match
    hits = search_index.search("sbktq")
    assert all(hit.match is not MatchKind.PINYIN for hit in hits)
