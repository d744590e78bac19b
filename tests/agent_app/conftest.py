"""Fixtures for the call-taker desktop's widget tests.

* ``server``: :class:`FakeHotlineServer`, the *other side* of the app implementing the client library's
  interface (no HTTP mocks); tests switch it offline or inspect what it received.
* ``phone``: :class:`FakePhone`, the softphone port's fake: it rings on command.
* ``agent``: the whole app built by its composition root on those two, with a private settings file
  and data folder (outbox, knowledge index) under ``tmp_path`` so nothing touches the real profile.
* ``signed_in``: ``agent`` after signing in as 1001, with the knowledge index synced.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_events import FakeEventFeed
from agent_app.demo.fake_phone import FakePhone
from agent_app.demo.fake_server import PASSWORD, FakeHotlineServer
from agent_app.softphone.controller import SilentRinger
from shared.config import AppSettings


class RecordingNotifier:
    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> None:
        self.messages.append((title, text))


@pytest.fixture
def server() -> FakeHotlineServer:
    return FakeHotlineServer()


@pytest.fixture
def phone() -> FakePhone:
    return FakePhone()


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    user = QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat)
    return AppSettings("AgentApp", preset_layers=[], user=user)


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def ringer() -> SilentRinger:
    return SilentRinger()


def build_agent(
    server: FakeHotlineServer,
    phone: FakePhone,
    settings: AppSettings,
    data_dir: Path,
    notifier: RecordingNotifier | None = None,
    ringer: SilentRinger | None = None,
    wrap_up_seconds: int = 30,
) -> AgentApplication:
    return AgentApplication(
        api=server,
        phone=phone,
        settings=settings,
        data_dir=data_dir,
        events=FakeEventFeed(server),
        notifier=notifier,
        ringer=ringer,
        wrap_up_seconds=wrap_up_seconds,
    )


@pytest.fixture
def agent(
    qtbot: QtBot,
    server: FakeHotlineServer,
    phone: FakePhone,
    settings: AppSettings,
    tmp_path: Path,
    notifier: RecordingNotifier,
    ringer: SilentRinger,
) -> Iterator[AgentApplication]:
    app = build_agent(server, phone, settings, tmp_path / "data", notifier, ringer)
    qtbot.addWidget(app.window)
    app.window.resize(1400, 900)
    app.window.show()
    yield app
    app.shutdown()


@pytest.fixture
def signed_in(qtbot: QtBot, agent: AgentApplication) -> AgentApplication:
    agent.login.submit("1001", PASSWORD)
    qtbot.waitUntil(
        lambda: agent.knowledge.index is not None and agent.knowledge.index.article_count > 0, timeout=30_000
    )
    qtbot.waitUntil(lambda: agent.ctx.bridge.pending == 0, timeout=10_000)
    return agent


# The real server on a free port (shared with the client library's tests) for the end-to-end test.
from tests.shared.client.conftest import live_server, migrated_sqlite  # noqa: E402, F401
