"""What a call-taker meets only after hours in the app: the centre's midnight on a night shift, a
ticket saved in the last second of wrap-up, due reminders minute after minute, the knowledge feed across
reconnects, and the next caller's pop while the previous caller's data is still on screen.

Time is stepped with fake clocks (the state bar's monotonic ``clock``, the app's wall clock
``ctx.now`` and the fake server's ``now``) instead of waiting for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from agent_app.demo.fake_server import PASSWORD as FAKE_PASSWORD
from agent_app.demo.fake_server import FakeHotlineServer
from agent_app.softphone.port import CALLER_HEADER, IVR_PATH_HEADER
from agent_app.tickets.widgets import TicketFormWidget
from shared.client import HotlineClient
from shared.client.models import AgentToday, TicketCreate
from shared.protocol.enums import AgentState, TicketType
from shared.protocol.events import EventType
from shared.protocol.knowledge import KnowledgeArticle
from tests.shared.client.conftest import PASSWORD, LiveServer

from .conftest import RecordingNotifier

pytestmark = pytest.mark.gui

CENTRE = timezone(timedelta(hours=8), "Asia/Shanghai")


@dataclass
class Clocks:
    """The wall clock (aware) the app and the fake server read, and the state bar's monotonic one."""

    wall: datetime
    mono: float = 1000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds


class CentreDayServer(FakeHotlineServer):
    """The fake server, counting today's answered calls from the centre's midnight as the real one does
    (``server_stub.services.agents.today``)."""

    def __init__(self, clocks: Clocks) -> None:
        super().__init__(now=clocks.now)
        self.clocks = clocks
        self.answered_at: list[datetime] = []

    def today_counters(self) -> AgentToday:
        self._enter("today_counters")
        local = self.clocks.wall.astimezone(CENTRE)
        day_start = local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
        today = [at for at in self.answered_at if at >= day_start]
        return AgentToday(
            agent_id=1,
            day_start=day_start,
            calls_answered=len(today),
            talk_seconds=120 * len(today),
            average_talk_seconds=120 if today else 0,
            ready_seconds=0,
            not_ready_seconds=0,
            wrap_up_seconds=0,
        )


@pytest.fixture
def clocks() -> Clocks:
    # 23:58 in the centre (15:58 UTC): a night shift about to cross midnight
    return Clocks(wall=datetime(2026, 11, 21, 23, 58, tzinfo=CENTRE).astimezone(UTC))


@pytest.fixture
def server(clocks: Clocks) -> FakeHotlineServer:
    return CentreDayServer(clocks)


@pytest.fixture
def shift(qtbot: QtBot, agent: AgentApplication, clocks: Clocks) -> Iterator[AgentApplication]:
    """Signed in as 1001 with the app's clocks under the test's hand and the 1 s ticker stopped (the
    test ticks), the knowledge index synced."""
    agent.ctx.now = clocks.now
    agent.state_bar.clock = clocks.monotonic
    agent.state_bar._ticker.timeout.disconnect()
    agent.login.submit("1001", FAKE_PASSWORD)
    qtbot.waitUntil(
        lambda: agent.knowledge.index is not None and agent.knowledge.index.article_count > 0, timeout=30_000
    )
    qtbot.waitUntil(lambda: agent.ctx.bridge.pending == 0, timeout=10_000)
    yield agent


def counters_text(agent: AgentApplication, calls: int, talk: str) -> str:
    bar = agent.window.state_bar
    return bar.tr("Today: %1 calls · talk %2").replace("%1", str(calls)).replace("%2", talk)


def test_given_night_shift_when_centre_midnight_passes_then_counters_restart_and_time_in_state_runs_on(
    qtbot: QtBot, shift: AgentApplication, server: CentreDayServer, clocks: Clocks
) -> None:
    bar = shift.window.state_bar
    server.answered_at += [clocks.wall - timedelta(hours=2), clocks.wall - timedelta(minutes=30)]
    shift.state_bar.go_ready()
    shift.state_bar.refresh_counters()
    qtbot.waitUntil(lambda: bar.counters.text() == counters_text(shift, 2, "04:00"), timeout=5000)
    asked_before = sum(1 for name, _ in server.calls if name == "today_counters")

    clocks.advance(90)  # 23:59:30
    shift.state_bar.tick()
    assert bar.counters.text() == counters_text(shift, 2, "04:00")  # still yesterday's shift
    clocks.advance(60)  # 00:00:30 in the centre; 16:00:30 UTC, so no UTC date change
    shift.state_bar.tick()

    assert bar.counters.text() == counters_text(shift, 0, "00:00")  # at once, not at the next call
    assert bar.time_in_state.text() == "02:30"  # ready since 23:58, through midnight
    assert shift.state_bar.state is AgentState.READY
    qtbot.waitUntil(lambda: shift.ctx.bridge.pending == 0, timeout=5000)
    assert sum(1 for name, _ in server.calls if name == "today_counters") == asked_before + 1
    # the first call of the new day counts; the server's answer names the new day
    server.answered_at.append(clocks.wall)
    shift.state_bar.refresh_counters()
    qtbot.waitUntil(lambda: bar.counters.text() == counters_text(shift, 1, "02:00"), timeout=5000)
    for _ in range(5):  # later ticks ask nothing more
        clocks.advance(1)
        shift.state_bar.tick()
    assert sum(1 for name, _ in server.calls if name == "today_counters") == asked_before + 2


def ring_answer_hang_up(qtbot: QtBot, agent: AgentApplication, phone: FakePhone, number: str) -> None:
    call_id = phone.ring(number, {CALLER_HEADER: number, IVR_PATH_HEADER: "main>1"})
    qtbot.waitUntil(lambda: agent.screen_pop.pop is not None and agent.screen_pop.pop.number == number)
    agent.softphone.answer()
    qtbot.waitUntil(lambda: agent.state_bar.state is AgentState.TALKING, timeout=5000)
    agent.window.ticket_form.content.setPlainText("来电人咨询公积金提取的材料。")
    phone.far_end_hangs_up(call_id)
    qtbot.waitUntil(lambda: agent.state_bar.state is AgentState.WRAP_UP, timeout=5000)


def ready_requests(server: FakeHotlineServer) -> int:
    return sum(1 for name, args in server.calls if name == "set_state" and args[0] is AgentState.READY)


def test_given_wrap_up_when_ticket_saved_in_its_last_second_then_ready_once_and_serial_shown(
    qtbot: QtBot, shift: AgentApplication, server: FakeHotlineServer, phone: FakePhone, clocks: Clocks
) -> None:
    shift.state_bar.go_ready()
    ring_answer_hang_up(qtbot, shift, phone, "13800138000")
    bar = shift.window.state_bar
    total = shift.state_bar.wrap_up_seconds
    assert bar.wrap_up_bar.text() == bar.tr("Wrap-up %1 s").replace("%1", str(total))
    clocks.advance(total - 0.4)
    shift.state_bar.tick()
    assert shift.state_bar.state is AgentState.WRAP_UP and bar.wrap_up_bar.isVisible()
    qtbot.waitUntil(lambda: shift.ctx.bridge.pending == 0, timeout=5000)
    readies = ready_requests(server)

    shift.window.ticket_form.save_button.click()
    clocks.advance(0.4)  # the countdown's end comes while the save is on its way
    shift.state_bar.tick()
    clocks.advance(1)
    shift.state_bar.tick()

    qtbot.waitUntil(lambda: bool(shift.window.ticket_form.serial.text()), timeout=5000)
    qtbot.waitUntil(lambda: shift.ctx.bridge.pending == 0, timeout=5000)
    assert shift.state_bar.state is AgentState.READY
    assert not bar.wrap_up_bar.isVisible()
    assert ready_requests(server) == readies + 1  # one "ready", not one from the save and one from the timer
    assert server.tickets[-1].serial in shift.window.ticket_form.serial.text()


def test_given_wrap_up_ran_out_when_ticket_saved_a_second_later_then_still_ready_and_saved(
    qtbot: QtBot, shift: AgentApplication, server: FakeHotlineServer, phone: FakePhone, clocks: Clocks
) -> None:
    shift.state_bar.go_ready()
    ring_answer_hang_up(qtbot, shift, phone, "13900139000")
    clocks.advance(shift.state_bar.wrap_up_seconds)
    shift.state_bar.tick()
    assert shift.state_bar.state is AgentState.READY
    qtbot.waitUntil(lambda: shift.ctx.bridge.pending == 0, timeout=5000)
    readies = ready_requests(server)
    clocks.advance(1)
    shift.window.ticket_form.save_button.click()
    qtbot.waitUntil(lambda: bool(shift.window.ticket_form.serial.text()), timeout=5000)
    qtbot.waitUntil(lambda: shift.ctx.bridge.pending == 0, timeout=5000)
    assert shift.state_bar.state is AgentState.READY
    assert ready_requests(server) == readies
    assert "公积金提取" in server.tickets[-1].content


def test_given_due_tickets_when_hours_of_minute_checks_and_reloads_pass_then_each_reminded_once_per_stage(
    qtbot: QtBot,
    shift: AgentApplication,
    server: FakeHotlineServer,
    clocks: Clocks,
    notifier: RecordingNotifier,
) -> None:
    lists = shift.worklists
    qtbot.waitUntil(lambda: len(lists.tickets) == 3 and len(notifier.messages) >= 1, timeout=5000)
    template = lists.tickets[-1]
    for n, minutes in enumerate((10, 12, 14)):
        server.tickets.append(
            template.model_copy(
                update={"serial": f"20991231-000{n}", "deadline": clocks.wall + timedelta(minutes=minutes)}
            )
        )
    notifier.messages.clear()
    lists.refresh()
    qtbot.waitUntil(lambda: len(lists.tickets) == 6, timeout=5000)
    assert len(notifier.messages) == 1  # three falling due at once: one balloon, one chime
    title, text = notifier.messages[0]
    assert title == lists.tr("%1 tickets fall due soon").replace("%1", "3") and "20991231-0000" in text

    for minute in range(180):  # three hours of the minute timer, the lists reloading now and then
        clocks.advance(60)
        lists.check_due()
        if minute % 30 == 0:
            lists.refresh()
            qtbot.waitUntil(lambda: shift.ctx.bridge.pending == 0, timeout=5000)
    ours = [(title, text) for title, text in notifier.messages if "20991231" in text]
    assert ours[0][0] == lists.tr("%1 tickets fall due soon").replace("%1", "3")
    overdue = [text for title, text in ours[1:] if title == lists.tr("Ticket overdue")]
    assert len(ours) == 4 and len(overdue) == 3  # once more each when overdue (minutes apart), then never
    for n in range(3):
        assert sum(f"20991231-000{n}" in text for text in overdue) == 1
    # the demo's other tickets falling due meanwhile were reminded once each too, never repeated
    assert len(set(notifier.messages)) == len(notifier.messages)


def test_given_knowledge_feed_for_hours_when_reconnecting_twice_then_no_article_twice_and_changes_found(
    qtbot: QtBot, shift: AgentApplication, server: FakeHotlineServer
) -> None:
    knowledge = shift.knowledge
    index = knowledge.index
    assert index is not None

    def feed_positions() -> list[int]:
        return [int(str(args[0])) for name, args in server.calls if name == "knowledge_feed"]

    feeds_asked = feed_positions()
    version = max(a.version for a in server.articles)
    changed = server.articles[3]
    for hour in range(1, 9):  # one edit an hour through a night shift, each announced by an event
        version += 1
        changed = KnowledgeArticle(
            **{**changed.model_dump(), "title": f"夜班停水公告第{hour}版", "version": version}
        )
        server.articles[3] = changed
        server.publish(EventType.KNOWLEDGE_DID_CHANGE, {"latest_version": version})
        qtbot.waitUntil(lambda v=version: index.applied_version == v, timeout=10_000)  # type: ignore[misc]
        if hour in (3, 6):
            # the network drops and returns: the stream resyncs (snapshot) and the outbox flushes,
            # both asking the knowledge base to catch up at the same moment
            shift.offline.set_online(False)
            shift.offline.set_online(True)
            server.publish(EventType.SNAPSHOT, {})
            qtbot.waitUntil(lambda: shift.ctx.bridge.pending == 0, timeout=10_000)

    qtbot.waitUntil(lambda: shift.ctx.bridge.pending == 0, timeout=10_000)
    assert index.article_count == len(server.articles)
    hits = index.search("夜班停水公告", limit=20)
    assert [h.article_id for h in hits].count(changed.id) == 1
    assert hits[0].title.text == "夜班停水公告第8版"
    # the feed was followed from where it stood, never downloaded again from the start
    feeds_after = feed_positions()[len(feeds_asked) :]
    assert feeds_after and min(feeds_after) >= max(feeds_asked)
    shift.window.knowledge.search.setText("夜班停水公告")
    qtbot.waitUntil(lambda: "第8版" in shift.window.knowledge.results.toPlainText(), timeout=5000)
    assert "第7版" not in shift.window.knowledge.results.toPlainText()


def test_given_previous_caller_on_screen_when_next_call_rings_then_their_tickets_and_warning_are_gone(
    qtbot: QtBot, shift: AgentApplication, server: FakeHotlineServer, phone: FakePhone
) -> None:
    pop = shift.window.screen_pop
    shift.state_bar.go_ready()
    ring_answer_hang_up(qtbot, shift, phone, "13800138000")  # a customer with open tickets
    assert pop.tickets.rowCount() > 0
    shift.state_bar.finish_wrap_up()
    server.online = False  # the next lookup cannot be answered
    phone.ring("13700000001", {CALLER_HEADER: "13700000001", IVR_PATH_HEADER: "main>1>2"})
    qtbot.waitUntil(lambda: pop.number.text() == "13700000001", timeout=5000)
    assert pop.tickets.rowCount() == 0 and pop.calls.rowCount() == 0  # not the previous caller's
    assert pop.tr("Main menu") in pop.ivr.text() and "main" not in pop.ivr.text()


def test_given_own_deadline_when_ticket_saved_on_real_server_then_accepted_with_its_time_zone(
    qtbot: QtBot, live_server: LiveServer
) -> None:
    form = TicketFormWidget()
    qtbot.addWidget(form)
    form.caller.setText("13800138000")
    form.content.setPlainText("来电人要求两天内答复。")
    form.has_deadline.setChecked(True)
    form.deadline.setDateTime(QDateTime.currentDateTime().addDays(2))
    values = form.values()
    assert values.deadline is not None and values.deadline.tzinfo is not None
    live_server.add_agent("3101", name="赵敏", sip_password="sip-3101-secret")
    client = HotlineClient(live_server.url)
    client.login("3101", PASSWORD)
    ticket = client.create_ticket(
        TicketCreate(
            caller_number=values.caller_number,
            type=TicketType.CONSULTATION,
            content=values.content,
            deadline=values.deadline,
        )
    )
    assert ticket.deadline is not None
    assert abs((ticket.deadline - values.deadline).total_seconds()) < 60


def test_given_ticket_saved_in_wrap_up_when_next_caller_rings_before_server_confirms_then_serial_not_theirs(
    qtbot: QtBot, shift: AgentApplication, server: FakeHotlineServer, phone: FakePhone
) -> None:
    shift.state_bar.go_ready()
    ring_answer_hang_up(qtbot, shift, phone, "13800138000")
    server.latency_s = 0.6  # a slow server: the save is confirmed after the next call rang
    shift.window.ticket_form.save_button.click()
    # saved on this PC: wrap-up is over before the server has answered
    qtbot.waitUntil(lambda: shift.state_bar.state is AgentState.READY, timeout=5000)
    assert not shift.window.ticket_form.serial.text()
    phone.ring("13911112222", {CALLER_HEADER: "13911112222"})
    qtbot.waitUntil(lambda: any(t.caller_number == "13800138000" for t in server.tickets[3:]), timeout=5000)
    qtbot.waitUntil(lambda: shift.ctx.bridge.pending == 0, timeout=10_000)
    # a transfer of the new caller must not carry the previous caller's ticket
    assert shift.softphone.ticket_serial is None


def test_given_busy_centre_when_colleagues_tickets_change_then_my_list_is_not_fetched_again_for_each(
    qtbot: QtBot, shift: AgentApplication, server: FakeHotlineServer
) -> None:
    lists = shift.worklists
    qtbot.waitUntil(lambda: len(lists.tickets) == 3, timeout=5000)
    mine = lists.tickets[0]
    assert 5 not in {t.agent_id for t in lists.tickets}  # agent 5 is a colleague

    def fetches() -> int:
        return sum(1 for name, _ in server.calls if name == "my_tickets")

    before = fetches()
    for n in range(30):  # half an hour of a colleague's work, every seat hears each change
        server.publish(
            EventType.TICKET_DID_CHANGE,
            {"ticket_id": 900 + n, "serial": f"20261121-09{n:02d}", "status": "registered", "kind": "created",
             "agent_id": 5},
        )  # fmt: skip
    qtbot.waitUntil(lambda: shift.ctx.bridge.pending == 0, timeout=5000)
    assert fetches() == before
    server.publish(
        EventType.TICKET_DID_CHANGE,
        {"ticket_id": mine.id, "serial": mine.serial, "status": "done", "kind": "status", "agent_id": 7},
    )  # a department finished one of mine
    qtbot.waitUntil(lambda: fetches() == before + 1, timeout=5000)


def test_given_own_deadline_already_past_when_saving_then_told_at_once_and_wrap_up_not_ended(
    qtbot: QtBot, shift: AgentApplication, server: FakeHotlineServer, phone: FakePhone, clocks: Clocks
) -> None:
    shift.state_bar.go_ready()
    ring_answer_hang_up(qtbot, shift, phone, "13800138000")
    form = shift.window.ticket_form
    form.has_deadline.setChecked(True)
    # the picker still shows the time the form was opened; the clock went on (here: a day)
    form.deadline.setDateTime(QDateTime.fromSecsSinceEpoch(int(clocks.wall.timestamp()) - 86_400))
    tickets_before = len(server.tickets)
    form.save_button.click()
    assert form.banner.isVisible() and form.banner.label.text() == shift.tickets.tr(
        "The deadline has passed: pick a time in the future."
    )
    assert form.save_button.isEnabled()  # fix the date and save again
    assert shift.state_bar.state is AgentState.WRAP_UP  # the ticket is not saved, wrap-up goes on
    form.deadline.setDateTime(QDateTime.fromSecsSinceEpoch(int(clocks.wall.timestamp()) + 86_400))
    form.save_button.click()
    qtbot.waitUntil(lambda: len(server.tickets) == tickets_before + 1, timeout=5000)
    qtbot.waitUntil(lambda: shift.state_bar.state is AgentState.READY, timeout=5000)


def test_given_first_time_caller_when_tabbing_through_the_ticket_form_then_fields_in_page_order(
    qtbot: QtBot, shift: AgentApplication, phone: FakePhone
) -> None:
    shift.state_bar.go_ready()
    phone.ring("13911112222", {CALLER_HEADER: "13911112222"})
    form = shift.window.ticket_form
    qtbot.waitUntil(lambda: not form.customer_box.isHidden(), timeout=5000)
    shift.window.activateWindow()
    form.caller.setFocus()
    order: list[QWidget | None] = [form.caller]
    for _ in range(5):
        widget = shift.window.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        order.append(shift.window.focusWidget())
    assert order == [
        form.caller,
        form.type,
        form.customer_name,
        form.customer_address,
        form.content,
        form.category_filter,  # Tab leaves the text box instead of typing a tab into the ticket
    ]
    assert "\t" not in form.content.toPlainText()
