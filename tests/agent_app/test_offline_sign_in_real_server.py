"""Offline sign-in against the real server: the seat talks to it through a link this test can cut, like a
network cable pulled out of the seat PC.

Yesterday 3001 signed in (the real server's login and SIP account); today the link is down at start: the
seat works offline with the kept SIP account and keeps a ticket on the PC; the link comes back and the
app signs in online by itself (a real token), sends the ticket and the server stores it once.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from server_stub.db.models import Ticket
from tests.shared.client.conftest import PASSWORD, LiveServer

from .real_seat import real_seat

pytestmark = [pytest.mark.gui, pytest.mark.e2e]


class CuttableLink:
    """A TCP relay on 127.0.0.1 in front of the server. Down: new connections are reset and open ones
    cut, as when the seat's network goes. Threading contract: start/up/down/close from the test thread;
    relaying runs on threads of its own."""

    def __init__(self, target: tuple[str, int]) -> None:
        self._target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._up = True
        self._closed = False
        self._thread = threading.Thread(target=self._accept, name="cuttable-link", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ)
            while not self._closed:
                if not selector.select(timeout=0.2):
                    continue
                try:
                    client, _ = self._listener.accept()
                except OSError:
                    return
                with self._lock:
                    up = self._up
                if not up:
                    _reset(client)
                    continue
                try:
                    upstream = socket.create_connection(self._target, timeout=5)
                except OSError:
                    _reset(client)
                    continue
                with self._lock:
                    self._open += [client, upstream]
                for src, dst in ((client, upstream), (upstream, client)):
                    threading.Thread(target=_pump, args=(src, dst), daemon=True).start()

    def down(self) -> None:
        with self._lock:
            self._up = False
            cut, self._open = self._open, []
        for conn in cut:
            _reset(conn)

    def up(self) -> None:
        with self._lock:
            self._up = True

    def close(self) -> None:
        self.down()
        self._closed = True
        self._thread.join(timeout=5)
        self._listener.close()


def _reset(conn: socket.socket) -> None:
    with contextlib.suppress(OSError):
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST, not FIN
    conn.close()


def _pump(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for conn in (src, dst):
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def link(live_server: LiveServer) -> Iterator[CuttableLink]:
    host, port = live_server.url.removeprefix("http://").split(":")
    relay = CuttableLink((host, int(port)))
    try:
        yield relay
    finally:
        relay.close()


@pytest.fixture
def seat(qtbot: QtBot, link: CuttableLink, tmp_path: Path) -> Iterator[tuple[AgentApplication, FakePhone]]:
    with real_seat(qtbot, link.url, tmp_path) as (app, phone):
        app.window.show()
        yield app, phone


def _sign_in(app: AgentApplication) -> None:
    form = app.window.login
    form.work_number.setText("3001")
    form.password.setText(PASSWORD)
    form.sign_in.click()


def test_given_link_down_at_start_when_working_offline_then_ticket_reaches_the_real_server_once_back(
    qtbot: QtBot,
    seat: tuple[AgentApplication, FakePhone],
    link: CuttableLink,
    live_server: LiveServer,
    tmp_path: Path,
) -> None:
    live_server.add_agent("3001", name="离线测试", sip_password="sip-secret-3001")
    app, phone = seat
    # yesterday: online
    _sign_in(app)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.work, timeout=20_000)
    qtbot.waitUntil(lambda: (tmp_path / "seat" / "offline-sign-in" / "3001.seat").exists(), timeout=10_000)
    assert phone.account is not None and phone.account.password == "sip-secret-3001"
    qtbot.waitUntil(lambda: app.ctx.bridge.pending == 0, timeout=30_000)
    app.logout()
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.login, timeout=10_000)
    qtbot.waitUntil(lambda: app.ctx.bridge.pending == 0, timeout=10_000)
    assert phone.account is None
    # today: the cable is out
    link.down()
    _sign_in(app)
    qtbot.waitUntil(lambda: app.window.login.work_offline.isVisible(), timeout=20_000)
    app.window.login.work_offline.click()
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.work, timeout=10_000)
    assert app.login.offline_session and "离线测试" in app.window.state_bar.agent_label.text()
    assert phone.account is not None and phone.account.password == "sip-secret-3001"
    call_id = phone.ring("13900001111", {})
    app.softphone.answer()
    form = app.window.ticket_form
    form.content.setPlainText("网线断开时登记：咨询社保转移")
    form.save_button.click()
    qtbot.waitUntil(lambda: app.outbox.count() == 1, timeout=10_000)
    phone.far_end_hangs_up(call_id)
    # the cable is back: a real token, the ticket sent once
    link.up()
    app.offline._probe.setInterval(100)
    qtbot.waitUntil(lambda: not app.login.offline_session, timeout=30_000)
    assert app.login.session is not None and app.login.session.token
    qtbot.waitUntil(lambda: app.outbox.count() == 0, timeout=30_000)
    with live_server.app.state.session_factory() as db:
        stored = db.scalar(
            select(func.count()).select_from(Ticket).where(Ticket.content == "网线断开时登记：咨询社保转移")
        )
    assert stored == 1
    qtbot.waitUntil(lambda: not app.window.offline_banner.isVisible(), timeout=10_000)
    assert app.window.stack.currentWidget() is app.window.work
