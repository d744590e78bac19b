"""Screenshots of every pane for ``docs/screenshots/agent_*.png``, driven through the demo fakes.

Run under a real X server with a Chinese font so text renders as the call-taker sees it::

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python -m agent_app.demo.screenshots [zh_CN|en] [name …]

Names (e.g. ``conference``) limit which files are written; the whole tour runs either way.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication

from agent_app.app import AgentApplication
from agent_app.launcher import load_style
from agent_app.softphone.port import (
    CALL_HEADER,
    CALL_ID_HEADER,
    CALLER_HEADER,
    IVR_DIGITS_HEADER,
    IVR_PATH_HEADER,
    QUEUE_HEADER,
)
from shared.client.models import ConferencePartyKind, ConferencePartyState
from shared.config import AppSettings
from shared.i18n import TranslationInstaller

from .fake_events import FakeEventFeed
from .fake_phone import FakePhone
from .fake_server import PASSWORD, FakeHotlineServer

logger = logging.getLogger(__name__)

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def wait_until(condition: Callable[[], bool], timeout_s: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return False


def settle(seconds: float = 0.3) -> None:
    wait_until(lambda: False, seconds)


def main(language: str = "zh_CN", only: set[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO)
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Chinese if language == "zh_CN" else QLocale.Language.English,
            QLocale.Country.China,
        )
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    TranslationInstaller("agent_app").install(language)
    load_style(app)
    font = app.font()
    font.setFamily("WenQuanYi Micro Hei")
    font.setPointSize(10)
    app.setFont(font)
    tmp = Path(tempfile.mkdtemp(prefix="agent-shots-"))
    user = QSettings(str(tmp / "user.ini"), QSettings.Format.IniFormat)
    user.setValue("login/last_work_number", "1001")
    settings = AppSettings(
        "AgentApp", preset_layers=[], user=user, overrides={"server/url": "http://10.10.1.20:8080"}
    )
    server = FakeHotlineServer()
    phone = FakePhone()
    agent = AgentApplication(
        api=server, phone=phone, settings=settings, data_dir=tmp, events=FakeEventFeed(server)
    )
    win = agent.window
    win.resize(1600, 960)
    win.show()
    OUT.mkdir(parents=True, exist_ok=True)
    suffix = "" if language == "zh_CN" else "_en"

    def shot(name: str) -> None:
        settle()
        if only and name not in only:
            return
        path = OUT / f"agent_{name}{suffix}.png"
        win.grab().save(str(path))
        logger.info("wrote %s", path)

    shot("login")
    agent.login.submit("1001", PASSWORD)
    assert wait_until(lambda: agent.knowledge.index is not None and agent.knowledge.index.article_count > 0)
    agent.state_bar.go_ready()
    settle(0.5)
    # incoming call with the pop
    phone.ring(
        "13800138000",
        {
            CALL_HEADER: "call-7781",
            CALL_ID_HEADER: "4711",
            CALLER_HEADER: "13800138000",
            QUEUE_HEADER: "12345综合",
            IVR_PATH_HEADER: "1>2>公积金",
            IVR_DIGITS_HEADER: "12",
        },
    )
    assert wait_until(lambda: agent.screen_pop.pop is not None)
    shot("incoming_pop")
    call_id = next(iter(phone.lines))
    agent.softphone.answer()
    win.ticket_form.content.setPlainText("来电人咨询租房提取公积金的条件和办理渠道。")
    win.ticket_form.select_category(2)
    win.ticket_form.department.setCurrentIndex(1)
    win.knowledge.search.setText("gjjtq")
    assert wait_until(lambda: "公积金" in win.knowledge.results.toPlainText())
    agent.knowledge.open_article(2)
    assert wait_until(lambda: win.knowledge.insert.isEnabled())
    win.knowledge.insert.click()
    phone.report_quality(call_id, 4.3)
    settle(1.2)
    shot("talking_ticket_knowledge")
    # transfer picker
    win.softphone.transfer.click()
    assert wait_until(lambda: win.softphone.transfer_picker.list.count() > 0)
    shot("transfer_picker")
    win.softphone.transfer_picker.hide()
    conference_room(agent, server)
    shot("conference")
    server.end_conference()
    assert wait_until(lambda: win.softphone.room.isHidden())
    agent.tickets.save()
    assert wait_until(lambda: bool(win.ticket_form.serial.text()))
    phone.far_end_hangs_up(call_id)
    settle(1.2)
    shot("wrap_up_saved")
    # first-time caller
    agent.state_bar.go_ready()
    phone.ring(
        "13911112222", {CALLER_HEADER: "13911112222", QUEUE_HEADER: "12329公积金", IVR_PATH_HEADER: "2>1"}
    )
    assert wait_until(
        lambda: agent.screen_pop.pop is not None and agent.screen_pop.pop.number == "13911112222"
    )
    agent.softphone.answer()
    win.ticket_form.customer_name.setText("周丽")
    win.ticket_form.customer_address.setText("临江区滨江路66号")
    win.ticket_form.content.setPlainText("来电人反映小区附近夜间施工噪音扰民，要求核查。")
    win.ticket_form.type.setCurrentIndex(1)
    shot("first_time_caller")
    # offline
    server.online = False
    agent.tickets.save()
    assert wait_until(lambda: not agent.offline.online)
    settle(0.5)
    shot("offline_outbox")
    server.online = True
    agent.offline.set_online(True)
    assert wait_until(lambda: agent.offline.waiting == 0)
    second = next(c for c, line in phone.lines.items() if line.state.value != "ended")
    phone.far_end_hangs_up(second)
    # work lists and settings
    win.center.setCurrentWidget(win.worklists)
    agent.worklists.refresh()
    settle(0.8)
    shot("worklists")
    win.worklists.tabs.setCurrentIndex(2)
    shot("my_tickets")
    win.center.setCurrentWidget(win.settings_page)
    shot("settings")
    # a 1366x768 seat screen (minus the task bar): everything reachable, nothing clipped
    win.center.setCurrentWidget(win.call_page)
    win.resize(1366, 720)
    shot("small_screen")
    agent.shutdown()
    return 0


def conference_room(agent: AgentApplication, server: FakeHotlineServer) -> None:
    """A five-party room on the server-carried call: two joined, one ringing, one that failed."""
    server.call_path = True
    invites = [
        (ConferencePartyKind.AGENT, "1002", ConferencePartyState.JOINED, None),
        (ConferencePartyKind.NUMBER, "GJJ", ConferencePartyState.JOINED, None),
        (ConferencePartyKind.AGENT, "1004", ConferencePartyState.RINGING, None),
        (ConferencePartyKind.NUMBER, "13912345678", ConferencePartyState.FAILED, "no answer (SIP 408)"),
    ]
    for kind, value, _state, _reason in invites:
        agent.softphone.invite(f"{kind.value}:{value}")
        assert wait_until(lambda: agent.ctx.bridge.pending == 0)
    room = server.conference_room
    assert room is not None
    for party, (_kind, _value, state, reason) in zip(room.parties[2:], invites, strict=True):
        if state is not ConferencePartyState.RINGING:
            server.set_party_state(party.party_id, state, reason)
    assert wait_until(lambda: len(agent.window.softphone.room.rows) == 6)
    agent.window.softphone.keypad_toggle.setChecked(False)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "zh_CN", set(sys.argv[2:]) or None))
