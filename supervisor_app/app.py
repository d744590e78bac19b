"""Composition root of the shift-leader console: builds the window and the controllers and wires them.

Plain constructor injection: tests hand in the fake server, its event feed and a fake phone; the
launcher hands in :class:`~shared.client.supervisor_api.SupervisorClient`, the real event stream and
the softphone engine adapter.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse

from PySide6.QtCore import QObject, Signal, SignalInstance

from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import LoginResponse, SipCredentials
from shared.client.qt import ApiBridge
from shared.client.supervisor_api import SupervisorApi
from shared.config import AppSettings
from shared.protocol.enums import SupervisionMode
from shared.protocol.events import EventEnvelope

from .audit.controller import AuditController
from .broadcast.controller import BroadcastController
from .common import BannerKind, ConsoleContext
from .login.controller import LoginController
from .main_window import MainWindow
from .queues.controller import QueuesController
from .recordings.controller import AudioOutput, RecordingsController
from .reports.controller import ReportsController
from .seats.controller import SeatsController
from .supervision.controller import SupervisionController, SupervisionPhone
from .tickets.controller import TicketsController
from .wallboard.controller import WallboardController

logger = logging.getLogger(__name__)


class EventSource(Protocol):
    @property
    def event_received(self) -> SignalInstance: ...
    @property
    def state_changed(self) -> SignalInstance: ...
    def start(self) -> None: ...
    def stop(self) -> None: ...


class SupervisorApplication(QObject):
    """Threading contract: GUI thread. Owns every controller; ``shutdown`` stops them in order."""

    signed_in = Signal()
    signed_out = Signal()

    def __init__(
        self,
        *,
        api: SupervisorApi,
        settings: AppSettings,
        events: EventSource,
        data_dir: Path,
        phone: SupervisionPhone | None = None,
        audio: AudioOutput | None = None,
    ) -> None:
        super().__init__()
        self.bridge = ApiBridge(self)
        self.ctx = ConsoleContext(api=api, bridge=self.bridge, settings=settings, data_dir=data_dir)
        self.window = MainWindow()
        self.events = events
        self.login = LoginController(self.ctx, self.window.login)
        self.phone = phone
        self.supervision = SupervisionController(self.ctx, phone, self)
        work = self.window.work
        self.seats = SeatsController(self.ctx, self.supervision, work)
        self.queues = QueuesController(self.ctx, work)
        self.window.seats_split.addWidget(self.seats.pane)
        self.window.seats_split.addWidget(self.queues.panel)
        self.window.seats_split.setSizes([760, 200])
        self.wallboard = WallboardController(self.ctx, work)
        self.reports = ReportsController(self.ctx, work)
        self.tickets = TicketsController(self.ctx, work)
        self.recordings = RecordingsController(self.ctx, audio, work)
        self.broadcast = BroadcastController(self.ctx, work)
        self.audit = AuditController(self.ctx, work)
        self.window.add_tab(self.wallboard.pane, self.tr("Wallboard"))
        self.window.add_tab(self.reports.pane, self.tr("Reports"))
        self.window.add_tab(self.tickets.pane, self.tr("Tickets"))
        self.window.add_tab(self.recordings.pane, self.tr("Recordings and QA"))
        self.window.add_tab(self.broadcast.pane, self.tr("Notices and blacklist"))
        self.window.add_tab(self.audit.pane, self.tr("Audit log"))
        self.window.tabs.currentChanged.connect(self._tab_shown)
        self._controllers = (
            self.seats,
            self.queues,
            self.wallboard,
            self.reports,
            self.tickets,
            self.recordings,
            self.broadcast,
            self.audit,
            self.supervision,
        )
        for controller in self._controllers[:-1]:
            controller.notify.connect(self._notify)  # type: ignore[attr-defined]
        self.supervision.message.connect(self._notify)
        self.supervision.changed.connect(self._supervision_changed)
        self.login.signed_in.connect(self._on_signed_in)
        self.login.signed_out.connect(self._on_signed_out)
        self.window.sign_out_requested.connect(self.login.logout)
        self.window.ladder.requested.connect(self.seats.supervise_selected)
        self.window.wall_requested.connect(self.wallboard.show_wall)
        self.queues.updated.connect(self.wallboard.set_queues)
        self.queues.updated.connect(lambda qs: self.seats.model.set_queue_names({q.code: q.name for q in qs}))
        self.wallboard.handle_seconds.connect(self.queues.set_handle_seconds)
        self.bridge.failed.connect(self._request_failed)
        self.events.event_received.connect(self._on_event)
        self.events.state_changed.connect(self._stream_state)
        self.recordings.resolve_agent = self._agent_by_work_number
        self.recordings.agent_name = self._agent_name
        self.audit.agent_name = self._agent_name
        self.session: LoginResponse | None = None

    def _on_signed_in(self, session: LoginResponse) -> None:
        self.session = session
        self.window.show_work(f"{session.agent.name} ({session.agent.work_number})")
        self.seats.start()
        self.queues.start()
        self.wallboard.start()
        self.tickets.start()
        self.reports.start()
        self.broadcast.start()
        self.recordings.start()
        self.events.start()
        if self.phone is not None:
            self.bridge.run(
                self.ctx.api.sip_credentials, success=self._register_phone, failure=self._no_phone
            )
        self.signed_in.emit()

    def _register_phone(self, creds: SipCredentials) -> None:
        """The leader's softphone registers so the server's media worker can bring supervision audio."""
        s = self.ctx.settings
        domain = s.sip_domain or (urlparse(self.ctx.api.base_url).hostname or "127.0.0.1")
        registrar = s.sip_registrar or f"sip:{domain}:{s.sip_port}"
        assert self.phone is not None
        try:
            self.phone.register(creds.username, creds.password, domain, registrar)
        except Exception as exc:  # TelephonyError: the console works on, supervision audio will not
            logger.warning("softphone registration failed: %s", exc)
            self._notify(
                self.tr("Your softphone could not register (%1); supervision has no audio.").replace(
                    "%1", str(exc)
                ),
                True,
            )

    def _no_phone(self, error: ApiClientError) -> None:
        logger.info("no softphone credentials: %s", error.message)

    def _request_failed(self, error: ApiClientError) -> None:
        if error.error_id is ClientErrorId.NOT_AUTHENTICATED and self.session is not None:
            self._session_ended()

    def _session_ended(self) -> None:
        """The token expired or was revoked (e.g. the account disabled): back to sign-in, said plainly."""
        logger.info("session ended by the server")
        self._on_signed_out()
        self.window.login.show_error(self.tr("Your session has ended; sign in again."))

    def _on_signed_out(self) -> None:
        self.events.stop()
        self.queues.stop()
        self.wallboard.stop()
        self.recordings.stop()
        self.session = None
        self.login.session = None
        self.window.show_login()
        self.signed_out.emit()

    def _on_event(self, envelope: EventEnvelope) -> None:
        self.seats.on_event(envelope)
        self.queues.on_event(envelope)
        self.wallboard.on_event(envelope)
        self.tickets.on_event(envelope)
        self.broadcast.on_event(envelope)

    def _stream_state(self, state: str) -> None:
        texts = {
            "connected": self.tr("Live"),
            "connecting": self.tr("Connecting…"),
            "disconnected": self.tr("Live updates lost; reconnecting…"),
            "rejected": self.tr("Live updates refused; sign in again."),
        }
        self.window.stream_state.setText(texts.get(state, ""))
        if state == "rejected" and self.session is not None:
            self._session_ended()

    def _notify(self, text: str, is_error: bool) -> None:
        self.window.banner.show_message(text, BannerKind.ERROR if is_error else BannerKind.SUCCESS)

    def _supervision_changed(self, agent_id: int, mode: SupervisionMode | None) -> None:
        tile = self.seats.model.tile(agent_id)
        self.window.ladder.show_mode(tile.name if tile else str(agent_id), mode)

    def _tab_shown(self, index: int) -> None:
        if self.session is not None and self.window.tabs.widget(index) is self.audit.pane:
            self.audit.refresh()  # the log is read when looked at, not polled

    def _agent_by_work_number(self, work_number: str) -> int | None:
        return next((t.agent_id for t in self.seats.model.tiles() if t.work_number == work_number), None)

    def _agent_name(self, agent_id: int | None) -> str:
        if self.session is not None and agent_id == self.session.agent.id:
            return f"{self.session.agent.name} ({self.session.agent.work_number})"
        tile = self.seats.model.tile(agent_id) if agent_id is not None else None
        return f"{tile.name} ({tile.work_number})" if tile else (str(agent_id) if agent_id else "—")

    def shutdown(self) -> None:
        self.events.stop()
        self.queues.stop()
        self.wallboard.stop()
        self.recordings.stop()
        self.bridge.shutdown()
