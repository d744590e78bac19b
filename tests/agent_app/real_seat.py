"""A call-taker's app on the real REST client and event stream, with the fake phone: what the tests that
run the app against a real server (or a relay in front of one) all start from."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from shared.client import HotlineClient
from shared.client.qt import QtEventStream
from shared.config import AppSettings


def open_real_seat(
    qtbot: QtBot, server_url: str, folder: Path
) -> tuple[AgentApplication, FakePhone, HotlineClient]:
    """The app (not signed in) with its settings and data under ``folder``; shut it down with
    :func:`close_real_seat`."""
    settings = AppSettings(
        "AgentApp",
        preset_layers=[],
        user=QSettings(str(folder / "user.ini"), QSettings.Format.IniFormat),
        overrides={"server/url": server_url},
    )
    client = HotlineClient(server_url)
    phone = FakePhone()
    app = AgentApplication(
        api=client,
        phone=phone,
        settings=settings,
        data_dir=folder / "seat",
        events=QtEventStream(client.base_url, lambda: client.token),
    )
    qtbot.addWidget(app.window)
    return app, phone, client


def close_real_seat(app: AgentApplication, client: HotlineClient) -> None:
    app.shutdown()
    client.close()


@contextmanager
def real_seat(qtbot: QtBot, server_url: str, folder: Path) -> Iterator[tuple[AgentApplication, FakePhone]]:
    app, phone, client = open_real_seat(qtbot, server_url, folder)
    try:
        yield app, phone
    finally:
        close_real_seat(app, client)
