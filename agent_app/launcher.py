"""Start-up: settings, translations, style, then the real client and engine (or the demo fakes)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from shared.config import AppSettings, SettingKey
from shared.i18n import TranslationInstaller, resolve_language

from .app import AgentApplication
from .settings.controller import apply_application_font
from .softphone.port import SoftphonePort
from .widgets_common import resources_dir

if TYPE_CHECKING:
    from .settings.audio_tools import PortAudioTools, RingTone

logger = logging.getLogger(__name__)

APP_NAME = "AgentApp"
STARTED_AT = time.perf_counter()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m agent_app", description="Hotline Desk call-taker desktop"
    )
    parser.add_argument("--server", help="server URL, overrides the installed setting for this run")
    parser.add_argument(
        "--demo-autologin",
        metavar="WORKNO",
        help="sign in at once and go ready (password from $HOTLINE_DEMO_PASSWORD, or the demo server's)",
    )
    parser.add_argument("--demo", action="store_true", help="run against the built-in demo server and phone")
    parser.add_argument("--data-dir", type=Path, help="where the outbox and knowledge index live")
    parser.add_argument("--quit-after-ms", type=int, default=0, help=argparse.SUPPRESS)  # benchmarks
    return parser.parse_args(argv)


def default_data_dir() -> Path:
    env = os.environ.get("HOTLINE_DATA_DIR")
    if env:
        return Path(env)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))


def load_style(app: QApplication) -> None:
    path = resources_dir() / "styles" / "agent.qss"
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError as exc:
        logger.warning("style sheet not loaded: %s", exc)


def build(args: argparse.Namespace, app: QApplication) -> AgentApplication:
    overrides = {"server/url": args.server} if args.server else None
    settings = AppSettings(APP_NAME, overrides=overrides)
    translator = TranslationInstaller("agent_app")
    translator.install(resolve_language(settings.language))
    apply_application_font(settings.font_size)
    load_style(app)
    data_dir = args.data_dir or default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    tray = QSystemTrayIcon(QIcon(str(resources_dir() / "icons" / "app.svg")), app)
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray.show()

    chime: list[Callable[[], None]] = []  # set below once the audio tools exist

    def notify(title: str, text: str) -> None:
        if chime:
            chime[0]()
        else:
            QApplication.beep()
        if tray.isVisible():
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 10_000)

    if args.demo:
        from .demo.fake_events import FakeEventFeed
        from .demo.fake_phone import FakePhone
        from .demo.fake_server import FakeHotlineServer

        server = FakeHotlineServer()
        return AgentApplication(
            api=server,
            phone=FakePhone(),
            settings=settings,
            data_dir=data_dir,
            events=FakeEventFeed(server),
            notifier=notify,
        )

    from shared.client import HotlineClient
    from shared.client.qt import QtEventStream

    from .softphone.no_phone import NoPhone

    client = HotlineClient(settings.server_url)
    phone: SoftphonePort
    ringer: RingTone | None = None
    audio: PortAudioTools | None = None
    try:
        from shared.telephony.config import EngineConfig

        from .softphone.engine_adapter import EngineSoftphone

        engine_phone = EngineSoftphone(EngineConfig(bind_address="", sip_port=0, quality_interval_s=5.0))
        phone = engine_phone
        try:
            engine_phone.attach_headset(
                settings.text(SettingKey.MICROPHONE_DEVICE), settings.text(SettingKey.SPEAKER_DEVICE)
            )
        except Exception:  # no PortAudio: calls connect but stay silent; settings show no devices
            logger.exception("headset audio unavailable")
    except Exception as exc:  # pjsua2 missing or the port is taken: the app still runs, calls explain why
        logger.exception("softphone engine not started")
        phone = NoPhone(f"The telephone could not start ({exc}); tell IT.")
    try:
        from .settings.audio_tools import PortAudioTools, RingTone

        audio = PortAudioTools()
        ringer = RingTone(settings.ring_device)
    except Exception:  # no PortAudio: silent ring, empty device lists
        logger.exception("audio tools unavailable")
    events = QtEventStream(client.base_url, lambda: client.token)
    offline_days = settings.integer(SettingKey.OFFLINE_SIGN_IN_DAYS, minimum=0, maximum=90)
    agent = AgentApplication(
        api=client,
        phone=phone,
        settings=settings,
        data_dir=data_dir,
        events=events,
        ringer=ringer,
        audio=audio,
        notifier=notify,
        offline_sign_in_lifetime=timedelta(days=offline_days),
    )

    def devices_changed(microphone: str, speaker: str, ring: str) -> None:
        select = getattr(phone, "select_devices", None)  # the real engine only; NoPhone has no audio
        if select is not None:
            select(microphone, speaker)
        if ringer is not None:
            ringer.set_device(ring)

    agent.settings.devices_changed.connect(devices_changed)
    if audio is not None:
        tools = audio

        def play_chime() -> None:
            # on the ring device, where the call-taker hears rings even with the headset off
            threading.Thread(
                target=tools.play_test_tone, args=(settings.ring_device,), name="reminder-chime", daemon=True
            ).start()

        chime.append(play_chime)
    return agent


def _grab_periodically(agent: AgentApplication, directory: Path, every_ms: int = 4000) -> None:
    """Demo/support aid: save what the window shows every few seconds (``HOTLINE_SCREENSHOT_DIR``)."""
    directory.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1_000_000))
    timer = QTimer(agent)
    timer.timeout.connect(
        lambda: agent.window.grab().save(str(directory / f"agent_live_{next(counter):03d}.png"))
    )
    timer.start(every_ms)


def _report_shown() -> None:
    """First event-loop turn after show(): the login window is on screen."""
    logger.info("login window shown %.0f ms after start", (time.perf_counter() - STARTED_AT) * 1000)
    if os.environ.get("HOTLINE_STARTUP_MARK"):
        # for bench/agent_startup.py, which times the process from the outside
        sys.stdout.write(json.dumps({"event": "login_shown", "wall": time.time()}) + "\n")
        sys.stdout.flush()


def _log_uncaught(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """A bug in a slot must not end a call-taker's shift: log it (with traceback) and keep running."""
    logger.error("unexpected error", exc_info=(kind, value, tb))  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=os.environ.get("HOTLINE_LOG", "INFO"), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sys.excepthook = _log_uncaught
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("HotlineDesk")
    app.setApplicationName(APP_NAME)
    agent = build(args, app)
    agent.window.resize(1600, 960)
    agent.window.show()
    QTimer.singleShot(0, _report_shown)
    if args.demo_autologin:
        password = os.environ.get("HOTLINE_DEMO_PASSWORD", "demo-pass")
        agent.signed_in.connect(agent.state_bar.go_ready)  # a demo seat takes calls straight away
        agent.login.submit(args.demo_autologin, password)
    shots = os.environ.get("HOTLINE_SCREENSHOT_DIR")
    if shots:
        _grab_periodically(agent, Path(shots))
    if args.quit_after_ms:
        QTimer.singleShot(args.quit_after_ms, app.quit)
    app.aboutToQuit.connect(agent.shutdown)
    return app.exec()
