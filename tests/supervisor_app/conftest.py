"""Fixtures for the shift-leader console's widget tests.

* ``server``: :class:`FakeSupervisorServer`, the *other side* (no HTTP mocks), 40 seats by default so
  tests stay quick; tests inspect ``server.calls`` for what it received.
* ``phone``: :class:`RecordingPhone`, the softphone engine's side of supervision (dial/DTMF/hang-up).
* ``speaker``: :class:`RecordingSpeaker`, the sound device's side of playback.
* ``console``: the whole app from its composition root, private settings file and data folder.
* ``signed_in``: ``console`` after signing in as the leader with every pane loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from shared.config import AppSettings
from supervisor_app.app import SupervisorApplication
from supervisor_app.demo.fake_events import FakeEventFeed
from supervisor_app.demo.fake_server import LEADER_WORK_NUMBER, PASSWORD, FakeSupervisorServer
from supervisor_app.recordings.playback import DecodedAudio

SEATS = 40


class RecordingPhone:
    """Stands in for the engine: remembers what the ladder asked of it."""

    def __init__(self) -> None:
        self.registered: list[tuple[str, str, str]] = []
        self.dialled: list[tuple[str, dict[str, str]]] = []
        self.dtmf: list[str] = []
        self.hung_up: list[str] = []

    def register(self, username: str, password: str, domain: str, registrar: str) -> None:
        self.registered.append((username, domain, registrar))

    def dial(self, uri: str, headers: dict[str, str]) -> str:
        self.dialled.append((uri, headers))
        return f"call-{len(self.dialled)}"

    def send_dtmf(self, call_id: str, digits: str) -> None:
        self.dtmf.append(digits)

    def hangup(self, call_id: str) -> None:
        self.hung_up.append(call_id)


class RecordingSpeaker:
    """Stands in for the sound device: keeps the position it was asked to play from."""

    def __init__(self) -> None:
        self.audio: DecodedAudio | None = None
        self.start_s: float | None = None
        self.position = 0.0
        self.active = False

    def play(self, audio: DecodedAudio, start_s: float = 0.0) -> None:
        self.audio, self.start_s, self.position, self.active = audio, start_s, start_s, True

    def pause(self) -> None:
        self.active = False

    def seek(self, seconds: float) -> None:
        self.position = seconds

    def position_s(self) -> float:
        return self.position

    def playing(self) -> bool:
        return self.active

    def close(self) -> None:
        self.active = False


@pytest.fixture
def server() -> FakeSupervisorServer:
    return FakeSupervisorServer(seats=SEATS)


@pytest.fixture
def phone() -> RecordingPhone:
    return RecordingPhone()


@pytest.fixture
def speaker() -> RecordingSpeaker:
    return RecordingSpeaker()


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    user = QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat)
    return AppSettings("SupervisorApp", preset_layers=[], user=user)


@pytest.fixture
def console(
    qtbot: QtBot,
    server: FakeSupervisorServer,
    phone: RecordingPhone,
    speaker: RecordingSpeaker,
    settings: AppSettings,
    tmp_path: Path,
) -> Iterator[SupervisorApplication]:
    app = SupervisorApplication(
        api=server,
        settings=settings,
        events=FakeEventFeed(server),
        data_dir=tmp_path,
        phone=phone,
        audio=speaker,
    )
    qtbot.addWidget(app.window)
    app.window.resize(1600, 960)
    app.window.show()
    yield app
    app.shutdown()


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None, f"no cell at {row},{column}"
    return item


def wait_idle(qtbot: QtBot, console: SupervisorApplication) -> None:
    qtbot.waitUntil(lambda: console.bridge.pending == 0, timeout=10_000)


@pytest.fixture
def signed_in(qtbot: QtBot, console: SupervisorApplication) -> SupervisorApplication:
    console.login.submit(LEADER_WORK_NUMBER, PASSWORD)
    qtbot.waitUntil(lambda: console.seats.model.visible_seat_count() == SEATS, timeout=10_000)
    wait_idle(qtbot, console)
    return console
