"""The seat's index follows the server's change feed: upserts, deletes, stale and repeated pages."""

from __future__ import annotations

import threading
from pathlib import Path

from shared.knowledge.index import KnowledgeIndex
from shared.protocol.knowledge import KnowledgeArticle, KnowledgeFeed
from tests.shared.knowledge.corpus import corpus


def _edited(article: KnowledgeArticle, version: int, **changes: object) -> KnowledgeArticle:
    return article.model_copy(update={"version": version, **changes})


def test_given_an_edited_article_in_the_feed_when_applied_then_search_finds_the_new_text(
    fresh_index: KnowledgeIndex,
) -> None:
    original = corpus()[5]  # 医保报销比例和起付线
    result = fresh_index.apply_feed(
        KnowledgeFeed(
            since=18,
            latest_version=25,
            articles=[_edited(original, 25, title="医保报销比例调整（2027年起）", body="起付线降为二百元。")],
        )
    )
    assert (result.upserted, result.deleted, result.ignored) == (1, 0, 0)
    assert fresh_index.applied_version == 25
    hits = fresh_index.search("医保报销")
    assert [h.title.text for h in hits if h.article_id == original.id] == ["医保报销比例调整（2027年起）"]
    assert fresh_index.article_count == 18


def test_given_a_deleted_article_in_the_feed_when_applied_then_it_no_longer_appears(
    fresh_index: KnowledgeIndex,
) -> None:
    noise = corpus()[13]  # 噪音扰民投诉处理, the only 城市管理 noise article
    fresh_index.apply([_edited(noise, 30, deleted=True)])
    assert "噪音扰民投诉处理" not in [h.title.text for h in fresh_index.search("噪音")]
    assert fresh_index.get(noise.id) is None
    assert ("城市管理", "噪音") not in fresh_index.categories()
    assert fresh_index.article_count == 17


def test_given_an_older_version_than_indexed_when_applied_then_it_is_ignored(
    fresh_index: KnowledgeIndex,
) -> None:
    current = corpus()[0]
    fresh_index.apply([_edited(current, 40, title="公积金提取新规")])
    result = fresh_index.apply([_edited(current, 39, title="过时的标题")])
    assert result.ignored == 1
    assert fresh_index.get(current.id).title == "公积金提取新规"  # type: ignore[union-attr]
    assert fresh_index.applied_version == 40


def test_given_the_same_feed_page_twice_when_applied_then_the_second_time_changes_nothing(
    fresh_index: KnowledgeIndex,
) -> None:
    edited = _edited(corpus()[2], 20, title="贷款额度计算")
    page = KnowledgeFeed(since=18, latest_version=20, articles=[edited])
    fresh_index.apply_feed(page)
    again = fresh_index.apply_feed(page)
    assert (again.upserted, again.ignored) == (0, 1)
    assert [h.article_id for h in fresh_index.search("贷款额度计算")].count(3) == 1


def test_given_a_deleted_article_when_an_older_upsert_arrives_late_then_it_stays_deleted(
    fresh_index: KnowledgeIndex,
) -> None:
    article = corpus()[7]
    fresh_index.apply([_edited(article, 50, deleted=True)])
    fresh_index.apply([_edited(article, 49, title="网购退货旧版")])
    assert fresh_index.get(article.id) is None


def test_given_a_reopened_index_then_articles_and_feed_position_survive(tmp_path: Path) -> None:
    with KnowledgeIndex(tmp_path / "ix") as index:
        index.apply_feed(KnowledgeFeed(since=0, latest_version=77, articles=corpus()))
    with KnowledgeIndex(tmp_path / "ix") as reopened:
        assert reopened.applied_version == 77
        assert reopened.search("户口迁移")[0].title.text == "户口迁移办理流程"


def test_given_searches_on_other_threads_when_the_feed_is_applied_then_every_search_succeeds(
    fresh_index: KnowledgeIndex,
) -> None:
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            for _ in range(500):  # bounded: stops early once the writer is done
                if stop.is_set():
                    break
                assert fresh_index.search("公积金")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for n in range(5):
            fresh_index.apply([_edited(corpus()[0], 100 + n, title=f"公积金提取第{n}版")])
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert not errors
    assert fresh_index.search("公积金提取")[0].title.text == "公积金提取第4版"


def test_given_a_feed_page_with_more_to_come_then_the_position_stops_at_its_newest_article(
    fresh_index: KnowledgeIndex,
) -> None:
    first = _edited(corpus()[0], 20, title="公积金提取（第一页）")
    fresh_index.apply_feed(KnowledgeFeed(since=18, latest_version=90, articles=[first], has_more=True))
    assert fresh_index.applied_version == 20
    last = _edited(corpus()[1], 90, title="租房提取（最后一页）")
    fresh_index.apply_feed(KnowledgeFeed(since=20, latest_version=90, articles=[last], has_more=False))
    assert fresh_index.applied_version == 90
