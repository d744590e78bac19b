"""The demo knowledge base reads as Chinese policy Q&A and the benchmark generator scales."""

from __future__ import annotations

import re
from datetime import date

import pytest

from server_stub.demo_data.categories import CATEGORIES
from server_stub.demo_data.departments import DEPARTMENTS
from server_stub.demo_data.knowledge import demo_articles, generate_articles

_CJK = re.compile(r"[\u4e00-\u9fff]")
_SECTIONS = ("【办理条件】", "【所需材料】", "【办理流程】", "【办理时限】", "【咨询电话】")
TODAY = date(2026, 11, 21)


def test_given_demo_seed_when_building_knowledge_then_at_least_300_structured_chinese_articles() -> None:
    articles = demo_articles(today=TODAY)

    assert len(articles) >= 300
    assert len({a.title for a in articles}) == len(articles), "curated titles must not repeat"
    paths = {c.path for c in CATEGORIES}
    dept_names = {d.name for d in DEPARTMENTS}
    for a in articles:
        assert 8 <= len(a.title) <= 22, a.title
        assert 180 <= len(a.body) <= 420, (a.title, len(a.body))
        assert all(s in a.body for s in _SECTIONS), a.title
        assert len(_CJK.findall(a.body)) > len(a.body) / 2, "body must be mostly Chinese"
        assert tuple(a.category_path) in paths
        assert a.department in dept_names
        assert a.keywords
        assert a.short_code and re.fullmatch(r"[A-Z]+(-[A-Z]+){1,2}-\d{3,}", a.short_code)


def test_given_well_known_questions_when_browsing_then_they_are_present() -> None:
    titles = {a.title for a in demo_articles(today=TODAY)}

    assert "离职后如何提取住房公积金" in titles
    assert "身份证丢了怎么补办" in titles
    assert "社保卡挂失补办需要哪些材料" in titles


def test_given_same_seed_when_generating_twice_then_identical_and_other_seed_differs() -> None:
    first = generate_articles(1000, seed=7, today=TODAY)
    again = generate_articles(1000, seed=7, today=TODAY)
    other = generate_articles(1000, seed=8, today=TODAY)

    assert [a.model_dump() for a in first] == [a.model_dump() for a in again]
    assert [a.model_dump() for a in first] != [a.model_dump() for a in other]


def test_given_20000_requested_when_generating_then_ids_and_short_codes_unique_and_versions_ordered() -> None:
    articles = generate_articles(20_000, seed=1, today=TODAY)

    assert len(articles) == 20_000
    assert [a.id for a in articles] == list(range(1, 20_001))
    assert [a.version for a in articles] == list(range(1, 20_001))
    assert len({a.short_code for a in articles}) == 20_000
    assert len({a.title for a in articles}) > 5_000, "benchmark titles must be varied"
    assert len({a.body for a in articles}) > 15_000
    times = [a.updated_at for a in articles]
    assert times == sorted(times), "later versions are later edits"
    assert all(t.date() <= TODAY for t in times)


def test_given_negative_count_when_generating_then_clear_error() -> None:
    with pytest.raises(ValueError, match="count"):
        generate_articles(-1)
