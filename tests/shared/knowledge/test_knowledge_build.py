"""The server's parallel full build gives the same search results as applying the feed article by article."""

from __future__ import annotations

from pathlib import Path

from shared.knowledge.analysis import initials_aligned, initials_grams, segment
from shared.knowledge.build import build_index
from shared.knowledge.index import KnowledgeIndex
from tests.shared.knowledge.corpus import corpus


def test_given_the_corpus_when_built_with_a_process_pool_then_search_matches_the_incremental_index(
    tmp_path: Path, search_index: KnowledgeIndex
) -> None:
    done: list[int] = []
    stats = build_index(corpus(), tmp_path / "built", processes=2, progress_cb=done.append)
    assert (stats.article_count, stats.applied_version) == (18, 18)
    assert done[-1] == 18
    with KnowledgeIndex(tmp_path / "built") as built:
        for query in ["公积金提取", "gjjtq", "XF-TS-01", "医保报消", "投诉"]:
            assert [h.article_id for h in built.search(query)] == [
                h.article_id for h in search_index.search(query)
            ], query
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left
    with KnowledgeIndex(tmp_path / "built") as built:  # …and the feed keeps it current afterwards
        edited = corpus()[10].model_copy(update={"version": 30, "title": "户口迁移新规"})
        built.apply([edited])
        assert built.search("户口迁移")[0].title.text == "户口迁移新规"
        assert built.article_count == 18


def test_given_deleted_articles_when_building_then_they_are_left_out(tmp_path: Path) -> None:
    articles = corpus()
    articles[0] = articles[0].model_copy(update={"deleted": True})
    stats = build_index(articles, tmp_path / "built", processes=1)
    assert stats.article_count == 17
    with KnowledgeIndex(tmp_path / "built") as built:
        assert built.get(1) is None


def test_given_chinese_titles_then_initials_and_words_come_out_as_a_call_taker_types_them() -> None:
    assert initials_aligned("公积金提取") == "gjjtq"
    assert initials_aligned("重庆社保卡") == "cqsbk"  # polyphone read in context
    assert {"gj", "gjj", "gjjt", "jjtq"} <= set(initials_grams("公积金提取"))
    assert segment("怎么提取住房公积金？") == ["提取", "住房", "公积", "积金", "公积金"]
