"""The knowledge pane: search as you type over the local index, filters, article view, insert answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_server import PASSWORD, FakeHotlineServer
from shared.protocol.events import EventType
from shared.protocol.knowledge import KnowledgeArticle

pytestmark = pytest.mark.gui


def test_given_synced_index_when_typing_pinyin_initials_then_article_found_and_highlighted(
    qtbot: QtBot, signed_in: AgentApplication
) -> None:
    pane = signed_in.window.knowledge
    assert "12" in pane.status.text()
    pane.search.setText("gjjtq")
    qtbot.waitUntil(lambda: "公积金提取需要哪些材料" in pane.results.toPlainText(), timeout=5000)
    assert "background:#ffe8a3" in pane.results.toHtml().replace(" ", "") or "ffe8a3" in pane.results.toHtml()


def test_given_short_code_when_searching_then_that_article_first(
    qtbot: QtBot, signed_in: AgentApplication
) -> None:
    pane = signed_in.window.knowledge
    pane.search.setText("HZ-SFZ-01")
    qtbot.waitUntil(lambda: pane.results.toPlainText().startswith("居民身份证补领办理"), timeout=5000)


def test_given_department_filter_when_browsing_then_only_that_department(
    qtbot: QtBot, signed_in: AgentApplication
) -> None:
    pane = signed_in.window.knowledge
    pane.department.setCurrentIndex(pane.department.findData("市医疗保障局"))
    pane.search.setText("医保")
    qtbot.waitUntil(lambda: "异地就医" in pane.results.toPlainText(), timeout=5000)
    assert "公积金" not in pane.results.toPlainText()


def test_given_article_open_when_inserting_answer_then_ticket_content_has_it(
    qtbot: QtBot, signed_in: AgentApplication
) -> None:
    pane = signed_in.window.knowledge
    form = signed_in.window.ticket_form
    form.content.setPlainText("来电人咨询租房提取。")
    pane.search.setText("租房提取")
    qtbot.waitUntil(lambda: "租房提取公积金的条件" in pane.results.toPlainText(), timeout=5000)
    pane.search.returnPressed.emit()
    qtbot.waitUntil(lambda: pane.insert.isEnabled(), timeout=5000)
    assert "连续足额缴存满3个月" in pane.article.toPlainText()
    pane.insert.click()
    text = form.content.toPlainText()
    assert text.startswith("来电人咨询租房提取。") and "连续足额缴存满3个月" in text


def test_given_server_changes_article_when_feed_event_arrives_then_search_finds_new_text(
    qtbot: QtBot, signed_in: AgentApplication, server: FakeHotlineServer
) -> None:
    old = server.articles[9]
    server.articles[9] = KnowledgeArticle(
        **{**old.model_dump(), "title": "计划停水通知查询渠道", "version": 100}
    )
    server.publish(EventType.KNOWLEDGE_DID_CHANGE, {"latest_version": 100})
    qtbot.waitUntil(
        lambda: signed_in.knowledge.index is not None and signed_in.knowledge.index.applied_version == 100,
        timeout=10_000,
    )
    signed_in.window.knowledge.search.setText("计划停水")
    qtbot.waitUntil(
        lambda: "计划停水通知查询渠道" in signed_in.window.knowledge.results.toPlainText(), timeout=5000
    )


def test_given_server_snapshot_when_new_seat_signs_in_then_installed_and_only_newer_feed_applied(
    qtbot: QtBot, agent: AgentApplication, server: FakeHotlineServer, tmp_path: Path
) -> None:
    from shared.knowledge.index import KnowledgeIndex

    built = tmp_path / "server-index"
    with KnowledgeIndex(built) as index:
        index.apply(server.articles[:10], latest_version=10)
        published = index.write_snapshot(tmp_path / "snapshot.zip")
    server.snapshot = (published.path, 10)
    agent.login.submit("1001", PASSWORD)
    qtbot.waitUntil(
        lambda: agent.knowledge.index is not None and agent.knowledge.index.applied_version == 12,
        timeout=30_000,
    )
    assert agent.knowledge.index is not None and agent.knowledge.index.article_count == 12
    feeds = [args for name, args in server.calls if name == "knowledge_feed"]
    assert feeds[0][0] == 10  # the feed continued from the snapshot's version
    agent.window.knowledge.search.setText("HZ-SFZ-01")
    qtbot.waitUntil(
        lambda: "居民身份证补领办理" in agent.window.knowledge.results.toPlainText(), timeout=5000
    )


def test_given_search_when_opening_hit_then_matched_words_highlighted_in_article(
    qtbot: QtBot, signed_in: AgentApplication
) -> None:
    from agent_app.knowledge.widgets import _marked

    assert _marked("a<b>租房提取租房", ["租房"]).count("ffe8a3") == 2 and "&lt;b&gt;" in _marked("a<b>", [])
    pane = signed_in.window.knowledge
    pane.search.setText("租房提取")
    qtbot.waitUntil(lambda: "租房提取公积金的条件" in pane.results.toPlainText(), timeout=5000)
    pane.search.returnPressed.emit()
    qtbot.waitUntil(lambda: pane.insert.isEnabled(), timeout=5000)
    assert "ffe8a3" in pane.article.toHtml()
