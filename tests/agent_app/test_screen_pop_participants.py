"""The screen pop's recent calls say who was in each earlier call: the agent who took it, then whoever
joined its conference (the server's ``CallSummary.participants``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from agent_app.demo.fake_server import PASSWORD, FakeHotlineServer
from agent_app.screen_pop.widgets import ScreenPopWidget
from agent_app.softphone.port import CALLER_HEADER
from shared.i18n.translators import TranslationInstaller
from shared.protocol.enums import AgentState
from shared.protocol.schemas.calls import CallParticipant, CallParticipantRole

pytestmark = pytest.mark.gui

CALLER = "13800138000"  # the fake server's demo caller: three earlier calls, the newest a conference


def _column(pop: ScreenPopWidget, title: str) -> int:
    titles = []
    for column in range(pop.calls.columnCount()):
        header = pop.calls.horizontalHeaderItem(column)
        titles.append(header.text() if header else "")
    assert title in titles, titles
    return titles.index(title)


def cell(pop: ScreenPopWidget, row: int, title: str = "Agent") -> QTableWidgetItem:
    """The recent-calls cell under the column titled ``title``."""
    item = pop.calls.item(row, _column(pop, title))
    assert item is not None, (row, title)
    return item


def _cells(pop: ScreenPopWidget, title: str) -> list[str]:
    return [cell(pop, row, title).text() for row in range(pop.calls.rowCount())]


@pytest.fixture
def zh_cn(qapp: object) -> Iterator[None]:
    installer = TranslationInstaller("agent_app")
    assert installer.install("zh_CN")
    try:
        yield
    finally:
        installer.install("en")


def test_given_a_caller_with_an_earlier_conference_when_they_ring_then_recent_calls_name_who_was_in_it(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    signed_in.state_bar.go_ready()
    qtbot.waitUntil(lambda: server.states[1][0] is AgentState.READY, timeout=30_000)
    phone.ring(CALLER, {CALLER_HEADER: CALLER})
    qtbot.waitUntil(lambda: signed_in.screen_pop.pop is not None, timeout=30_000)
    pop = signed_in.window.screen_pop
    assert _cells(pop, "Agent") == ["李强 + 陈静, 公积金中心", "李强", "李强"]
    tip = cell(pop, 0).toolTip().splitlines()
    assert tip == [
        "李强 1002 (took the call)",
        "陈静 1004 (joined the conference)",
        "公积金中心 12329001 (joined the conference)",
    ]
    assert cell(pop, 1).toolTip() == "李强 1002 (took the call)"


def test_given_chinese_ui_when_the_pop_shows_a_conference_then_the_column_reads_as_a_chinese_list(
    qtbot: QtBot, zh_cn: None
) -> None:
    widget = ScreenPopWidget()
    qtbot.addWidget(widget)
    server = FakeHotlineServer()
    server.login("1001", PASSWORD)
    widget.show_pop(server.screen_pop(CALLER), "")
    assert _cells(widget, "坐席")[0] == "李强 + 陈静、公积金中心"
    assert "李强 1002（接听）" in cell(widget, 0, "坐席").toolTip()


def test_given_a_crowded_conference_when_shown_then_the_cell_names_two_who_joined_and_counts_the_rest(
    qtbot: QtBot,
) -> None:
    widget = ScreenPopWidget()
    qtbot.addWidget(widget)
    joined = CallParticipantRole.CONFERENCE
    people = [
        CallParticipant(role=CallParticipantRole.OWNER, agent_id=1, number="1001", name="王芳"),
        CallParticipant(role=joined, agent_id=2, number="1002", name="李强"),
        CallParticipant(role=joined, agent_id=4, number="1004", name="陈静"),
        CallParticipant(role=joined, number="13900001111", name="13900001111"),
    ]
    cell, tip = widget.participants_text(people)
    assert cell == "王芳 + 李强, 陈静 and 1 more"
    # an outside number is its own name: not written twice
    assert tip.splitlines()[-1] == "13900001111 (joined the conference)"
    assert widget.participants_text([]) == ("", "")  # nobody answered
