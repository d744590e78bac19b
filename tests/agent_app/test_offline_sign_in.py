"""Offline sign-in: a seat that starts while the server is down still takes calls.

Every online sign-in keeps a verifier and the SIP account on the PC; with the server unreachable the form
offers "Work offline", checks the same password, registers the phone with the kept account, keeps
tickets in the outbox and signs in online in the background when the server returns.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from agent_app.demo.fake_server import PASSWORD, FakeHotlineServer
from agent_app.offline.sign_in_cache import OfflineSignInCache, OfflineSignInError
from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import LoginResponse, SipCredentials
from shared.config import AppSettings

from .conftest import build_agent

pytestmark = pytest.mark.gui


class PasswordChangingServer(FakeHotlineServer):
    """The fake server whose password an administrator can change (the demo server's is fixed)."""

    def __init__(self) -> None:
        super().__init__()
        self.password = PASSWORD

    def login(self, work_number: str, password: str) -> LoginResponse:
        if password != self.password and self.online:
            self._enter("login", work_number, auth=False)
            raise ApiClientError("工号或密码不正确。", error_id=ClientErrorId.NOT_AUTHENTICATED, status=401)
        return super().login(work_number, PASSWORD if password == self.password else password)


@pytest.fixture
def server() -> PasswordChangingServer:
    return PasswordChangingServer()


def _sign_in_through_the_form(qtbot: QtBot, app: AgentApplication, password: str = PASSWORD) -> None:
    form = app.window.login
    form.work_number.setText("1001")
    form.password.setText(password)
    form.sign_in.click()


def _record_path(data_dir: Path) -> Path:
    return data_dir / "offline-sign-in" / "1001.seat"


@pytest.fixture
def seat_used_once(
    qtbot: QtBot, agent: AgentApplication, server: PasswordChangingServer, tmp_path: Path
) -> AgentApplication:
    """Yesterday's shift: 1001 signed in while the server was up, then signed out."""
    _sign_in_through_the_form(qtbot, agent)
    qtbot.waitUntil(lambda: agent.window.stack.currentWidget() is agent.window.work, timeout=10_000)
    qtbot.waitUntil(lambda: _record_path(tmp_path / "data").exists(), timeout=10_000)
    qtbot.waitUntil(lambda: agent.ctx.bridge.pending == 0, timeout=10_000)
    agent.logout()
    qtbot.waitUntil(lambda: agent.window.stack.currentWidget() is agent.window.login, timeout=10_000)
    qtbot.waitUntil(lambda: agent.ctx.bridge.pending == 0, timeout=10_000)
    return agent


@pytest.fixture
def restarted(
    qtbot: QtBot,
    seat_used_once: AgentApplication,
    server: PasswordChangingServer,
    settings: AppSettings,
    tmp_path: Path,
) -> Iterator[tuple[AgentApplication, FakePhone]]:
    """This morning: the app starts again on the same PC while the server is down."""
    server.online = False
    phone = FakePhone()
    app = build_agent(server, phone, settings, tmp_path / "data")
    qtbot.addWidget(app.window)
    app.window.show()
    yield app, phone
    app.shutdown()


def test_given_online_sign_in_when_done_then_record_kept_for_owner_only_without_the_password(
    seat_used_once: AgentApplication, tmp_path: Path
) -> None:
    path = _record_path(tmp_path / "data")
    data = path.read_bytes()
    assert PASSWORD.encode() not in data  # only an argon2id verifier
    record = json.loads(data)
    assert record["verifier"].startswith("$argon2id$")
    assert record["sip"] == {"username": "1001", "password": "sip-secret"}
    expires = datetime.fromisoformat(record["expires_at"]) - datetime.fromisoformat(record["saved_at"])
    assert expires == timedelta(days=7)
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_given_server_down_at_start_when_working_offline_then_phone_registers_tickets_wait_and_sync_later(
    qtbot: QtBot, restarted: tuple[AgentApplication, FakePhone], server: PasswordChangingServer
) -> None:
    app, phone = restarted
    form = app.window.login
    _sign_in_through_the_form(qtbot, app)
    qtbot.waitUntil(lambda: form.work_offline.isVisible(), timeout=10_000)
    assert "Cannot reach the server" in form.banner.label.text() or "服务器" in form.banner.label.text()
    form.work_offline.click()
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.work, timeout=10_000)
    assert app.login.offline_session
    assert phone.account is not None and (phone.account.user, phone.account.password) == (
        "1001",
        "sip-secret",
    )
    assert "王芳" in app.window.state_bar.agent_label.text()
    qtbot.waitUntil(lambda: app.window.offline_banner.isVisible(), timeout=5000)
    # a call rings through the registrar; the ticket waits on the PC
    call_id = phone.ring("13800138000", {})
    app.softphone.answer()
    ticket_form = app.window.ticket_form
    ticket_form.content.setPlainText("服务器停机时登记的工单")
    ticket_form.save_button.click()
    qtbot.waitUntil(lambda: app.outbox.count() == 1, timeout=10_000)
    phone.far_end_hangs_up(call_id)
    assert not any(name == "create_ticket" for name, _ in server.calls)
    # the server returns: signed in online in the background, the outbox drains, the banner goes
    server.online = True
    app.offline._probe.setInterval(50)
    qtbot.waitUntil(lambda: not app.login.offline_session and app.outbox.count() == 0, timeout=15_000)
    assert app.login.session is not None and app.login.session.token == "token-1001"
    assert [t.content for t in server.tickets].count("服务器停机时登记的工单") == 1
    qtbot.waitUntil(lambda: not app.window.offline_banner.isVisible(), timeout=5000)
    assert app.window.stack.currentWidget() is app.window.work


def test_given_server_down_when_wrong_password_offline_then_refused_like_online(
    qtbot: QtBot, restarted: tuple[AgentApplication, FakePhone]
) -> None:
    app, phone = restarted
    form = app.window.login
    _sign_in_through_the_form(qtbot, app, password="guessing")
    qtbot.waitUntil(lambda: form.work_offline.isVisible(), timeout=10_000)
    form.work_offline.click()
    qtbot.waitUntil(
        lambda: "password" in form.banner.label.text() or "密码" in form.banner.label.text(), timeout=10_000
    )
    assert app.window.stack.currentWidget() is app.window.login
    assert phone.account is None and not app.login.offline_session


def test_given_never_signed_in_on_this_pc_when_server_down_then_no_offline_offer(
    qtbot: QtBot, agent: AgentApplication, server: PasswordChangingServer, phone: FakePhone
) -> None:
    server.online = False
    form = agent.window.login
    _sign_in_through_the_form(qtbot, agent)
    qtbot.waitUntil(lambda: form.banner.isVisible() and agent.ctx.bridge.pending == 0, timeout=10_000)
    assert not form.work_offline.isVisible()
    assert "Cannot reach the server" in form.banner.label.text() or "服务器" in form.banner.label.text()
    assert phone.account is None


def test_given_password_changed_on_server_when_old_one_refused_online_then_offline_record_dropped(
    qtbot: QtBot, seat_used_once: AgentApplication, server: PasswordChangingServer, tmp_path: Path
) -> None:
    server.password = "new-password-1"
    form = seat_used_once.window.login
    _sign_in_through_the_form(qtbot, seat_used_once)
    qtbot.waitUntil(lambda: not _record_path(tmp_path / "data").exists(), timeout=10_000)
    assert form.banner.isVisible()
    server.online = False  # the old password must not open the seat offline either
    _sign_in_through_the_form(qtbot, seat_used_once)
    qtbot.waitUntil(
        lambda: seat_used_once.ctx.bridge.pending == 0 and form.banner.isVisible(), timeout=10_000
    )
    assert not form.work_offline.isVisible()


def test_given_working_offline_when_server_returns_refusing_the_password_then_back_to_sign_in_with_reason(
    qtbot: QtBot,
    restarted: tuple[AgentApplication, FakePhone],
    server: PasswordChangingServer,
    tmp_path: Path,
) -> None:
    app, phone = restarted
    _sign_in_through_the_form(qtbot, app)
    qtbot.waitUntil(lambda: app.window.login.work_offline.isVisible(), timeout=10_000)
    app.window.login.work_offline.click()
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.work, timeout=10_000)
    server.password = "reset-by-admin"
    server.online = True
    app.offline._probe.setInterval(50)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.login, timeout=15_000)
    assert (
        "password" in app.window.login.banner.label.text() or "密码" in app.window.login.banner.label.text()
    )
    qtbot.waitUntil(lambda: not _record_path(tmp_path / "data").exists(), timeout=10_000)
    assert phone.account is None  # unregistered


def test_given_kept_record_when_a_week_has_passed_then_offline_sign_in_expired_and_dropped(
    tmp_path: Path,
) -> None:
    clock = [datetime(2026, 3, 2, 8, 0, tzinfo=UTC)]
    cache = OfflineSignInCache(tmp_path / "kept", now=lambda: clock[0])
    agent = FakeHotlineServer().login("1001", PASSWORD).agent
    cache.remember("1001", PASSWORD, agent, SipCredentials(username="1001", password="sip-secret"))
    clock[0] += timedelta(days=6, hours=23)
    assert cache.verify("1001", PASSWORD).sip.password == "sip-secret"
    with pytest.raises(OfflineSignInError) as wrong:
        cache.verify("1001", "demo-pass ")
    assert wrong.value.reason == "wrong_password"
    clock[0] += timedelta(hours=2)
    assert not cache.available("1001")
    with pytest.raises(OfflineSignInError) as expired:
        cache.verify("1001", PASSWORD)
    assert expired.value.reason == "expired"
    assert not (tmp_path / "kept" / "1001.seat").exists()
    with pytest.raises(OfflineSignInError):
        cache.verify("../1001", PASSWORD)  # never a path outside the folder


def test_given_offline_days_zero_when_server_down_then_no_offline_sign_in_even_with_an_old_record(
    tmp_path: Path,
) -> None:
    agent = FakeHotlineServer().login("1001", PASSWORD).agent
    creds = SipCredentials(username="1001", password="sip-secret")
    OfflineSignInCache(tmp_path / "kept").remember("1001", PASSWORD, agent, creds)  # kept last week

    turned_off = OfflineSignInCache(tmp_path / "kept", lifetime=timedelta(0))  # IT set the days to 0

    assert not turned_off.available("1001")
    with pytest.raises(OfflineSignInError):
        turned_off.verify("1001", PASSWORD)
    assert not (tmp_path / "kept" / "1001.seat").exists()
    turned_off.remember("1001", PASSWORD, agent, creds)
    assert not (tmp_path / "kept" / "1001.seat").exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r.update(expires_at="next Tuesday"),
        lambda r: r.pop("expires_at"),
        lambda r: r.update(sip={"username": "1001"}),
        lambda r: r.pop("agent"),
    ],
    ids=["garbled expiry", "no expiry", "sip without password", "no profile"],
)
def test_given_a_damaged_record_when_working_offline_then_a_plain_refusal_and_the_record_is_dropped(
    tmp_path: Path, damage: Callable[[dict[str, object]], object]
) -> None:
    agent = FakeHotlineServer().login("1001", PASSWORD).agent
    cache = OfflineSignInCache(tmp_path / "kept")
    cache.remember("1001", PASSWORD, agent, SipCredentials(username="1001", password="sip-secret"))
    path = tmp_path / "kept" / "1001.seat"
    record = json.loads(path.read_bytes())
    damage(record)
    path.write_text(json.dumps(record), encoding="utf-8")

    with pytest.raises(OfflineSignInError) as refused:  # not a KeyError leaving the form busy for ever
        cache.verify("1001", PASSWORD)

    assert refused.value.reason == "unknown"
    assert not path.exists()
    assert not cache.available("1001")
