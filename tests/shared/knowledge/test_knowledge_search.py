"""What a call-taker sees in the knowledge pane when typing: words, pinyin, short codes, typos, filters."""

from __future__ import annotations

from shared.knowledge.highlight import snippet
from shared.knowledge.index import KnowledgeIndex, MatchKind


def _titles(index: KnowledgeIndex, query: str, **filters: object) -> list[str]:
    return [hit.title.text for hit in index.search(query, **filters)]  # type: ignore[arg-type]


def test_given_two_chinese_words_when_searching_then_the_matching_article_comes_first(
    search_index: KnowledgeIndex,
) -> None:
    hits = search_index.search("公积金提取")
    assert hits[0].title.text == "公积金提取条件及办理流程"
    assert hits[0].match is MatchKind.TEXT
    assert "租房提取公积金需要什么材料" in [h.title.text for h in hits[:3]]


def test_given_a_question_with_particles_when_searching_then_particles_do_not_block_the_answer(
    search_index: KnowledgeIndex,
) -> None:
    assert _titles(search_index, "怎么补办社保卡？")[0] == "社保卡丢失如何补办"
    assert _titles(search_index, "退货")[0] == "网购商品退货消费者权益"


def test_given_pinyin_initials_when_searching_then_gjjtq_finds_the_housing_fund_withdrawal(
    search_index: KnowledgeIndex,
) -> None:
    hit = search_index.search("gjjtq")[0]
    assert hit.title.text == "公积金提取条件及办理流程"
    assert hit.match is MatchKind.PINYIN
    assert hit.title.matched == ["公积金提取"]


def test_given_initials_of_one_word_when_searching_then_every_article_with_that_word_is_found(
    search_index: KnowledgeIndex,
) -> None:
    titles = _titles(search_index, "sbk")
    assert titles[0] == "社保卡丢失如何补办"
    gjj = _titles(search_index, "gjj")
    assert {"公积金提取条件及办理流程", "租房提取公积金需要什么材料", "公积金贷款额度怎么计算"} <= set(gjj)


def test_given_full_pinyin_when_searching_then_the_word_is_found_and_marked(
    search_index: KnowledgeIndex,
) -> None:
    hit = search_index.search("shebaoka")[0]
    assert hit.title.text == "社保卡丢失如何补办"
    assert hit.title.matched == ["社保卡"]


def test_given_a_short_code_in_any_case_when_searching_then_that_article_ranks_first(
    search_index: KnowledgeIndex,
) -> None:
    hits = search_index.search("gjj-tq-02")
    assert hits[0].title.text == "租房提取公积金需要什么材料"
    assert hits[0].match is MatchKind.SHORT_CODE
    assert hits[0].short_code == "GJJ-TQ-02"
    assert len(hits) == 1  # an exact code needs no typo fallback noise
    assert _titles(search_index, "ＸＦ-ＴＨ-01")[0] == "网购商品退货消费者权益"  # full-width from the IME


def test_given_a_short_code_prefix_when_typing_then_codes_starting_with_it_are_offered(
    search_index: KnowledgeIndex,
) -> None:
    hits = search_index.search("YB-")
    assert {h.short_code for h in hits[:2]} == {"YB-BX-01", "YB-YD-01"}
    assert all(h.match is MatchKind.SHORT_CODE for h in hits[:2])


def test_given_a_homophone_typo_when_searching_then_the_intended_article_is_still_found(
    search_index: KnowledgeIndex,
) -> None:
    hits = search_index.search("公积今提取")
    assert hits[0].title.text == "公积金提取条件及办理流程"
    assert hits[0].match is MatchKind.FUZZY
    assert "公积金提取" in "".join(hits[0].title.matched)
    assert _titles(search_index, "医保报消")[0] == "医保报销比例和起付线"


def test_given_mistyped_initials_when_searching_then_the_near_match_is_offered(
    search_index: KnowledgeIndex,
) -> None:
    assert "公积金提取条件及办理流程" in _titles(search_index, "gjjtw")[:3]


def test_given_a_category_filter_when_searching_then_only_that_category_and_its_children_show(
    search_index: KnowledgeIndex,
) -> None:
    assert _titles(search_index, "投诉", category=["城市管理"]) == ["噪音扰民投诉处理"]
    consumer = search_index.search("投诉", category="消费")
    assert consumer and all(hit.category_path[0] == "消费" for hit in consumer)
    assert _titles(search_index, "提取", category=["公积金", "贷款"]) == []


def test_given_a_department_filter_when_searching_then_only_its_articles_show(
    search_index: KnowledgeIndex,
) -> None:
    hits = search_index.search("投诉", department="市场监督管理局")
    assert hits and {hit.department for hit in hits} == {"市场监督管理局"}
    assert "噪音扰民投诉处理" not in [hit.title.text for hit in hits]


def test_given_only_a_filter_when_the_query_is_empty_then_the_category_is_listed(
    search_index: KnowledgeIndex,
) -> None:
    titles = _titles(search_index, "", category=["公积金"])
    expected = ["公积金提取条件及办理流程", "租房提取公积金需要什么材料", "公积金贷款额度怎么计算"]
    assert sorted(titles) == sorted(expected)
    assert search_index.search("   ") == []


def test_given_markup_in_an_article_when_highlighting_then_the_html_is_escaped(
    search_index: KnowledgeIndex,
) -> None:
    hit = search_index.search("营业执照")[0]
    assert hit.title.text == "<b>营业执照</b>办理 & 变更"
    assert hit.title.to_html() == "&lt;b&gt;<b>营业执照</b>&lt;/b&gt;办理 &amp; 变更"
    assert "<script>" not in hit.snippet.to_html()
    assert "&lt;script&gt;" in hit.snippet.to_html()


def test_given_a_match_late_in_the_body_when_showing_the_snippet_then_it_shows_the_match(
    search_index: KnowledgeIndex,
) -> None:
    hit = search_index.search("12315", limit=5)
    consumer = next(h for h in hit if h.title.text == "网购商品退货消费者权益")
    assert "12315" in consumer.snippet.matched


def test_given_a_long_body_when_the_match_is_near_its_end_then_the_snippet_window_moves_there() -> None:
    body = "市民来电咨询相关政策，" * 20 + "可拨打12315进行消费投诉。" + "其他说明。" * 10
    shown = snippet(body, ["12315"], width=60)
    assert "12315" in shown.matched
    assert shown.text.startswith("…") and shown.text.endswith("…")
    assert len(shown.text) <= 62


def test_given_highlighting_off_when_searching_then_titles_come_back_plain(
    search_index: KnowledgeIndex,
) -> None:
    hit = search_index.search("公积金提取", highlight_matches=False)[0]
    assert hit.title.matched == []
    assert hit.title.text == "公积金提取条件及办理流程"


def test_given_the_index_when_filling_filter_combos_then_categories_and_departments_are_listed(
    search_index: KnowledgeIndex,
) -> None:
    categories = search_index.categories()
    assert ("公积金",) in categories
    assert ("公积金", "提取") in categories
    assert "市场监督管理局" in search_index.departments()
    assert len(search_index.departments()) == 6


def test_given_an_id_when_opening_the_article_then_the_full_text_is_returned(
    search_index: KnowledgeIndex,
) -> None:
    article = search_index.get(4)
    assert article is not None
    assert article.title == "社保卡丢失如何补办"
    assert "12333" in article.body
    assert search_index.get(9999) is None


def test_given_a_half_typed_last_word_when_searching_as_you_type_then_its_completions_are_found(
    search_index: KnowledgeIndex,
) -> None:
    assert _titles(search_index, "公积金提")[0] in {"公积金提取条件及办理流程", "租房提取公积金需要什么材料"}
    assert _titles(search_index, "社保卡补")[0] == "社保卡丢失如何补办"


def test_given_odd_input_when_searching_then_it_answers_without_error(search_index: KnowledgeIndex) -> None:
    for query in ['"<script>*?(', "公积金" * 500, "a" * 5000, "\x00\x1f", "OR AND NOT", "*"]:
        assert isinstance(search_index.search(query), list)
    assert search_index.search("公积金", limit=0) == []
