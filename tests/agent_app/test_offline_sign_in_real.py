"""Offline sign-in for real: the API server is down (nothing listens on its port), Kamailio is up.

The seat signed in online yesterday (its offline record is on the PC); today the real app — real client,
real SIP engine, in a process of its own (``python -m tests.agent_app.test_offline_sign_in_real``) —
cannot reach the server, offers "Work offline", registers with the kept SIP account at Kamailio, and a
pjsua2 peer's call to the seat rings there and is answered.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agent_app.offline.sign_in_cache import OfflineSignInCache
from shared.client.models import AgentOut, SipCredentials
from shared.protocol.enums import AgentState, Role
from shared.telephony.peer_client import PeerProcess

from .test_end_to_end import ROOT, ProbeOutput

pytestmark = [pytest.mark.sip, pytest.mark.e2e]

PASSWORD = "seat-pass-1001"
SIP_USERS = {"1001": "sip-secret-1001", "1002": "sip-secret-1002"}


def _closed_port() -> int:
    """A loopback TCP port nobody listens on: the API server is down."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def kamailio() -> Iterator[object]:
    from tests.shared.telephony.sip_servers import KamailioServer

    server = KamailioServer(SIP_USERS).start()
    try:
        yield server
    finally:
        server.stop()


def _yesterdays_sign_in(data_dir: Path) -> None:
    """What yesterday's online sign-in left on the PC (the online path is tested with the fake server)."""
    agent = AgentOut(
        id=1,
        work_number="1001",
        name="王芳",
        role=Role.AGENT,
        active=True,
        state=AgentState.NOT_READY,
        state_reason="login",
        state_since=datetime.now(UTC),
    )
    OfflineSignInCache(data_dir / "offline-sign-in").remember(
        "1001", PASSWORD, agent, SipCredentials(username="1001", password=SIP_USERS["1001"])
    )


def test_given_api_server_down_and_registrar_up_when_seat_works_offline_then_it_registers_and_calls_ring(
    kamailio: object, tmp_path: Path
) -> None:
    domain = str(getattr(kamailio, "domain"))  # noqa: B009 - the fixture's type stays in the tests package
    data_dir = tmp_path / "seat"
    _yesterdays_sign_in(data_dir)
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.agent_app.test_offline_sign_in_real",
            f"http://127.0.0.1:{_closed_port()}",
            domain,
            str(data_dir),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=(tmp_path / "app.log").open("w"),
        text=True,
        env={
            "QT_QPA_PLATFORM": "offscreen",
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "PYTHONPATH": str(ROOT),
        },
    )
    caller: PeerProcess | None = None
    try:
        assert app.stdout is not None
        out = ProbeOutput(app.stdout)
        offered = out.wait("offline_offered", timeout=60)
        assert "work offline" in offered["text"]
        signed_in = out.wait("signed_in", timeout=30)
        assert signed_in["offline"] and signed_in["banner"]
        out.wait("registration", timeout=30, registered=True)
        caller = PeerProcess("caller-1002", tone_hz=440.0).start()
        account = caller.request(
            "add_account",
            config={
                "sip_uri": f"sip:1002@{domain}",
                "registrar_uri": f"sip:{domain}",
                "username": "1002",
                "password": SIP_USERS["1002"],
                "register_expires_s": 60,
            },
        )
        caller.wait_event("RegistrationChanged", account_id=account, state="registered", timeout=20)
        call_id = caller.request("dial", uri="1001", account_id=account)
        ringing = out.wait("incoming", timeout=30)
        assert ringing["number"] == "1002" and ringing["ringing"] and ringing["banner_shown"]
        caller.wait_event("CallStateChanged", call_id=call_id, state="connected", timeout=30)
        out.wait("answered", timeout=30)
        caller.request("hangup", call_id=call_id)
        out.wait("ended", timeout=30)
        assert app.wait(timeout=30) == 0
    finally:
        if caller is not None:
            caller.stop()
        if app.poll() is None:
            app.terminate()
            try:
                app.wait(timeout=15)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait(timeout=15)


def _seat_main(server_url: str, sip_domain: str, data_dir: Path) -> int:
    """The real app (client, engine) signing in as 1001 while the server is down; JSON lines on stdout."""
    import logging

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from agent_app.app import AgentApplication
    from agent_app.softphone.engine_adapter import EngineSoftphone
    from agent_app.softphone.model import CallLine
    from agent_app.softphone.port import IncomingCall
    from shared.client import HotlineClient
    from shared.client.qt import QtEventStream
    from shared.config import AppSettings
    from shared.telephony.config import EngineConfig

    logging.basicConfig(level=os.environ.get("HOTLINE_LOG", "INFO"), stream=sys.stderr)
    qt_app = QApplication(sys.argv[:1])
    settings = AppSettings(
        "AgentApp",
        preset_layers=[],
        user=QSettings(str(Path(tempfile.mkdtemp()) / "user.ini"), QSettings.Format.IniFormat),
        overrides={"server/url": server_url, "sip/registrar": f"sip:{sip_domain}", "sip/domain": sip_domain},
    )
    client = HotlineClient(settings.server_url)
    phone = EngineSoftphone(EngineConfig(bind_address="127.0.0.1", sip_port=0))
    agent = AgentApplication(
        api=client,
        phone=phone,
        settings=settings,
        data_dir=data_dir,
        events=QtEventStream(client.base_url, lambda: client.token),
    )
    agent.window.show()

    def emit(event: str, **fields: object) -> None:
        sys.stdout.write(json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    form = agent.window.login
    offer_offline = form.offer_offline

    def offered(text: str) -> None:  # the call-taker reads the message and clicks "Work offline"
        offer_offline(text)
        emit("offline_offered", text=text.lower())
        QTimer.singleShot(0, form.work_offline.click)

    form.offer_offline = offered  # type: ignore[method-assign]

    def signed_in() -> None:
        emit(
            "signed_in",
            offline=agent.login.offline_session,
            banner=agent.window.offline_banner.isVisibleTo(agent.window),
        )

    def incoming(call: IncomingCall) -> None:
        def shown() -> None:  # once the softphone pane has painted the ringing banner
            emit(
                "incoming",
                number=call.caller_number,
                ringing=agent.softphone.ringing_line() is not None,
                banner_shown=agent.window.softphone.incoming.isVisibleTo(agent.window),
            )
            QTimer.singleShot(200, agent.softphone.answer)

        QTimer.singleShot(0, shown)

    def answered(_line: CallLine) -> None:
        emit("answered")

    def ended(_line: CallLine, was_connected: bool) -> None:
        emit("ended", was_connected=was_connected)
        QTimer.singleShot(300, lambda: qt_app.exit(0))

    agent.signed_in.connect(signed_in)
    agent.softphone.registration_changed.connect(lambda ok: emit("registration", registered=ok))
    agent.softphone.incoming_call.connect(incoming)
    agent.softphone.call_answered.connect(answered)
    agent.softphone.call_ended.connect(ended)
    form.work_number.setText("1001")
    form.password.setText(PASSWORD)
    form.sign_in.click()

    def timed_out() -> None:
        emit("timeout")
        qt_app.exit(2)

    QTimer.singleShot(120_000, timed_out)
    code = qt_app.exec()
    agent.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(_seat_main(sys.argv[1], sys.argv[2], Path(sys.argv[3])))
