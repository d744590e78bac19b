"""The app on the real server (fake phone only): a new seat's first sign-in gets the whole knowledge base
searchable (server snapshot, then the feed), and the real pop and ticket round-trip work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from server_stub.demo_data.loader import load_demo_data
from server_stub.demo_data.people import DEMO_PASSWORD
from shared.client import HotlineClient
from tests.shared.client.conftest import LiveServer

from .real_seat import real_seat

pytestmark = pytest.mark.gui


@pytest.fixture
def demo_server(live_server: LiveServer) -> LiveServer:
    load_demo_data(
        live_server.app.state.engine,
        customers=50,
        calls=200,
        tickets=50,
        hash_password=live_server.app.state.password_hasher.hash,
    )
    return live_server


@pytest.fixture
def seat(
    qtbot: QtBot, demo_server: LiveServer, tmp_path: Path
) -> Iterator[tuple[AgentApplication, FakePhone]]:
    with real_seat(qtbot, demo_server.url, tmp_path) as seat:
        yield seat


def test_given_new_seat_when_first_signing_in_then_whole_knowledge_base_searchable_by_initials(
    qtbot: QtBot, seat: tuple[AgentApplication, FakePhone], demo_server: LiveServer
) -> None:
    app, _phone = seat
    with demo_server.app.state.session_factory() as db:
        from sqlalchemy import func, select

        from server_stub.db.models import KnowledgeArticle

        articles = db.scalar(select(func.count()).select_from(KnowledgeArticle))
    app.login.submit("1001", DEMO_PASSWORD)
    qtbot.waitUntil(
        lambda: app.knowledge.index is not None and app.knowledge.index.article_count == articles,
        timeout=120_000,
    )
    pane = app.window.knowledge
    pane.search.setText("gjjtq")
    qtbot.waitUntil(lambda: "公积金" in pane.results.toPlainText(), timeout=10_000)


def test_given_real_server_when_demo_caller_rings_then_pop_and_ticket_round_trip(
    qtbot: QtBot, seat: tuple[AgentApplication, FakePhone], demo_server: LiveServer
) -> None:
    app, phone = seat
    app.login.submit("1001", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.work, timeout=10_000)
    with demo_server.app.state.session_factory() as db:
        from sqlalchemy import select

        from server_stub.db.models import CustomerPhone

        number = db.scalars(select(CustomerPhone.number).order_by(CustomerPhone.id)).first()
    assert number is not None
    phone.ring(number, {"X-Hotline-Caller": number})
    qtbot.waitUntil(lambda: app.screen_pop.pop is not None, timeout=10_000)
    assert app.screen_pop.pop is not None and app.screen_pop.pop.customer is not None
    app.softphone.answer()
    app.window.ticket_form.content.setPlainText("真实服务器上的工单")
    app.tickets.save()
    qtbot.waitUntil(lambda: bool(app.window.ticket_form.serial.text()), timeout=10_000)
    check = HotlineClient(demo_server.url)
    check.login("1001", DEMO_PASSWORD)
    assert any(t.content == "真实服务器上的工单" for t in check.my_tickets())


def test_given_real_server_when_seat_signs_in_then_form_offers_server_templates_and_one_fills_the_form(
    qtbot: QtBot, seat: tuple[AgentApplication, FakePhone]
) -> None:
    from server_stub.demo_data.categories import category_id
    from server_stub.demo_data.departments import department_id
    from server_stub.demo_data.ticket_templates import TICKET_TEMPLATES
    from shared.protocol.enums import TicketType

    app, _phone = seat
    app.login.submit("1001", DEMO_PASSWORD)
    form = app.window.ticket_form
    qtbot.waitUntil(
        lambda: form.template.count() == len(TICKET_TEMPLATES) + 1 and form.department.count() > 1,
        timeout=10_000,
    )
    names = [form.template.itemText(i) for i in range(1, form.template.count())]
    assert names == [t.name for t in TICKET_TEMPLATES]  # the server's list, not the bundled one

    form.template.activated.emit(names.index("消费投诉退货") + 1)

    assert form.type.currentData() == TicketType.COMPLAINT.value
    item = form.category.currentItem()
    assert item is not None and item.data(0, Qt.ItemDataRole.UserRole) == category_id("XF-SP")
    assert form.department.currentData() == department_id("SJJ")
    assert form.content.toPlainText().startswith("来电人反映于（日期）")
