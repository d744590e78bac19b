"""Start-up: settings, translations, style, then the real client, event stream, softphone and speaker (or
the demo fakes with ``--demo``)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from shared.config import AppSettings, SettingKey
from shared.i18n import TranslationInstaller, resolve_language

from .app import SupervisorApplication
from .common import resources_dir

logger = logging.getLogger(__name__)

APP_NAME = "SupervisorApp"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m supervisor_app", description="Hotline Desk shift-leader console"
    )
    parser.add_argument("--server", help="server URL, overrides the installed setting for this run")
    parser.add_argument(
        "--demo-autologin",
        metavar="WORKNO",
        help="sign in at once (password from $HOTLINE_DEMO_PASSWORD, else the demo's)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="run against the built-in fake server (200 seats)"
    )
    parser.add_argument("--data-dir", type=Path, help="where downloaded recordings are cached")
    parser.add_argument("--quit-after-ms", type=int, default=0, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def load_style(app: QApplication) -> None:
    parts = []
    for name in ("agent.qss", "supervisor.qss"):
        try:
            parts.append((resources_dir() / "styles" / name).read_text(encoding="utf-8"))
        except OSError as exc:
            logger.warning("style sheet %s not loaded: %s", name, exc)
    app.setStyleSheet("\n".join(parts))


def _phone(settings: AppSettings) -> object | None:
    """The leader's softphone for supervision, or None (the console still runs; supervision says why).

    The engine starts on pjsua2's null sound device; without a headset on its bridge the media worker's
    call is answered but the leader hears nothing, so the configured headset is attached here."""
    try:
        from shared.telephony import EngineConfig
        from shared.telephony.qt_adapter import QtTelephony

        from .supervision.controller import EngineSupervisionPhone

        telephony = QtTelephony(pump_ms=15)
        telephony.start(EngineConfig(bind_address="", sip_port=0))
    except Exception:  # pjsua2 missing or no free port: log it, supervision reports it when used
        logger.exception("softphone engine not started; supervision audio unavailable")
        return None
    try:
        from shared.telephony.audio import HeadsetBridge

        headset = HeadsetBridge(
            microphone=settings.text(SettingKey.MICROPHONE_DEVICE) or None,
            speaker=settings.text(SettingKey.SPEAKER_DEVICE) or None,
        )
        telephony.engine.set_headset(headset)
        headset.start()
    except Exception:  # no PortAudio: supervision calls connect but stay silent
        logger.exception("headset audio unavailable; supervision calls will be silent")
    return EngineSupervisionPhone(telephony)


def build(args: argparse.Namespace, app: QApplication) -> SupervisorApplication:
    overrides = {"server/url": args.server} if args.server else None
    settings = AppSettings(APP_NAME, overrides=overrides)
    TranslationInstaller("supervisor_app").install(resolve_language(settings.language))
    load_style(app)
    data_dir = args.data_dir or Path(
        os.environ.get("HOTLINE_DATA_DIR")
        or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    from .recordings.playback import SoundDevicePlayer

    audio = SoundDevicePlayer(settings.text(SettingKey.SPEAKER_DEVICE) or None)
    if args.demo:
        from .demo.fake_events import FakeEventFeed
        from .demo.fake_server import FakeSupervisorServer

        server = FakeSupervisorServer(seats=200)
        return SupervisorApplication(
            api=server,
            settings=settings,
            events=FakeEventFeed(server, animate_ms=700),
            data_dir=data_dir,
            audio=audio,
        )
    from shared.client.qt import QtEventStream
    from shared.client.supervisor_api import SupervisorClient

    client = SupervisorClient(settings.server_url)
    events = QtEventStream(client.base_url, lambda: client.token)
    return SupervisorApplication(
        api=client,
        settings=settings,
        events=events,
        data_dir=data_dir,
        phone=_phone(settings),  # type: ignore[arg-type]
        audio=audio,
    )


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=os.environ.get("HOTLINE_LOG", "INFO"), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("HotlineDesk")
    app.setApplicationName(APP_NAME)
    console = build(args, app)
    console.window.resize(1600, 960)
    console.window.show()
    if args.demo_autologin:
        default = "demo-pass" if args.demo else "demo1234"
        console.login.submit(args.demo_autologin, os.environ.get("HOTLINE_DEMO_PASSWORD", default))
    if args.quit_after_ms:
        QTimer.singleShot(args.quit_after_ms, app.quit)
    app.aboutToQuit.connect(console.shutdown)
    return app.exec()
