"""Screenshots of every pane for ``docs/screenshots/supervisor_*.png``, on the fake server's 200 busy seats.

Run under a real X server with a Chinese font so text renders as the leader sees it::

    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python -m supervisor_app.demo.screenshots [zh_CN|en]

Names after the language (``seats_conference`` …) write only those shots.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from shared.config import AppSettings
from shared.i18n import TranslationInstaller
from shared.protocol.enums import AgentState
from shared.protocol.schemas.conference import ConferencePartyState

from ..app import SupervisorApplication
from ..launcher import load_style
from .fake_events import FakeEventFeed
from .fake_server import LEADER_WORK_NUMBER, PASSWORD, FakeSupervisorServer

logger = logging.getLogger(__name__)

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
#: the shots to write; empty: all of them
ONLY: set[str] = set()


def wait_until(condition: Callable[[], bool], timeout_s: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return False


def settle(seconds: float = 0.4) -> None:
    wait_until(lambda: False, seconds)


def build_console(tmp: Path, *, seats: int = 200) -> tuple[SupervisorApplication, FakeSupervisorServer]:
    server = FakeSupervisorServer(seats=seats)
    settings = AppSettings(
        "SupervisorApp", preset_layers=[], user=QSettings(str(tmp / "user.ini"), QSettings.Format.IniFormat)
    )
    console = SupervisorApplication(api=server, settings=settings, events=FakeEventFeed(server), data_dir=tmp)
    return console, server


def sign_in(console: SupervisorApplication, *, seats: int) -> bool:
    console.login.submit(LEADER_WORK_NUMBER, PASSWORD)
    return wait_until(
        lambda: console.seats.model.visible_seat_count() == seats and console.bridge.pending == 0
    )


def grab(widget: QWidget, name: str, suffix: str) -> Path:
    path = OUT / f"supervisor_{name}{suffix}.png"
    if ONLY and name not in ONLY:
        return path
    widget.grab().save(str(path))
    logger.info("wrote %s", path)
    return path


CONFERENCE_CALL_ID = 90001
CONFERENCE_CALLER = "13800138000"


def stage_conference(server: FakeSupervisorServer) -> None:
    """The first seat holds a room with two colleagues (one still ringing) and a department."""
    server.set_seat_state(1, AgentState.TALKING, caller=CONFERENCE_CALLER, queue_code="citizen")
    server.set_seat_state(2, AgentState.TALKING)  # the real server names no caller for invited seats
    server.set_seat_state(3, AgentState.RESERVED)
    server.publish_conference(
        CONFERENCE_CALL_ID,
        owner=1,
        caller=CONFERENCE_CALLER,
        invited=[
            (2, ConferencePartyState.JOINED),
            ("市住房公积金管理中心", ConferencePartyState.JOINED),
            (3, ConferencePartyState.RINGING),
        ],
    )


def main(language: str = "zh_CN") -> int:
    logging.basicConfig(level=logging.INFO)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    TranslationInstaller("supervisor_app").install(language)
    load_style(app)
    OUT.mkdir(parents=True, exist_ok=True)
    suffix = "" if language == "zh_CN" else "_en"
    with tempfile.TemporaryDirectory() as tmp:
        console, _server = build_console(Path(tmp))
        window = console.window
        window.resize(1920, 1040)
        window.show()
        grab(window, "login", suffix)
        if not sign_in(console, seats=200):
            logger.error("the fake console did not load")
            return 1
        settle(0.6)
        grab(window, "seats", suffix)
        stage_conference(_server)
        settle(0.6)
        grab(window, "seats_conference", suffix)
        _server.publish_conference(
            CONFERENCE_CALL_ID,
            owner=1,
            caller=CONFERENCE_CALLER,
            invited=[(2, ConferencePartyState.LEFT), (3, ConferencePartyState.LEFT)],
            ended=True,
        )
        console.seats.pane.group.setCurrentIndex(1)
        settle()
        grab(window, "seats_by_team", suffix)
        console.seats.pane.group.setCurrentIndex(0)
        talking = next(t for t in console.seats.model.tiles() if t.state.value == "talking")
        console.seats.open_day(talking.agent_id)
        wait_until(lambda: console.bridge.pending == 0)
        settle()
        if console.seats.day_dialog is not None:
            grab(console.seats.day_dialog, "agent_day", suffix)
            console.seats.day_dialog.close()
        console.seats.force_state(talking.agent_id, AgentState.NOT_READY, "meeting")  # something to audit
        wait_until(lambda: console.bridge.pending == 0)
        tabs = window.tabs
        for index, name in (
            (1, "wallboard"),
            (2, "reports"),
            (3, "tickets"),
            (4, "recordings"),
            (5, "notices"),
            (6, "audit"),
        ):
            tabs.setCurrentIndex(index)
            window.banner.setVisible(
                name == "audit"
            )  # the forced state's confirmation, only beside its record
            if name == "reports":
                console.reports.run()
            if name == "tickets":
                console.tickets.pane.table.selectRow(0)
            if name == "recordings":
                console.recordings.pane.results.selectRow(0)
            wait_until(lambda: console.bridge.pending == 0)
            settle(0.6)
            grab(window, name, suffix)
        console.reports.pane.kind.setCurrentIndex(4)  # tickets by type: the pie
        wait_until(lambda: console.bridge.pending == 0)
        tabs.setCurrentIndex(2)
        window.banner.hide()
        settle(0.6)
        grab(window, "reports_tickets", suffix)
        console.shutdown()
    return 0


if __name__ == "__main__":
    ONLY.update(sys.argv[2:])
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "zh_CN"))
