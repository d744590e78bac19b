"""Composition root of the call-taker desktop: builds the window and the controllers and wires them.

Plain constructor injection: tests hand in the fake server and the fake phone; ``main`` hands in the
real client (``shared.client``) and the real engine (``shared.telephony``) through the softphone port.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget

from shared.client.api import HotlineApi
from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.events import StreamState
from shared.client.models import LoginResponse, NoticeOut, QueueOut, ScreenPop, SipCredentials, TicketOut
from shared.client.qt import ApiBridge
from shared.config import AppSettings, SettingKey
from shared.protocol.enums import AgentState
from shared.protocol.events import (
    EventEnvelope,
    EventType,
    MessageWasSent,
    NoticeWasPublished,
    NoticeWasWithdrawn,
)

from .context import AppContext
from .knowledge.controller import KnowledgeController
from .login.controller import LoginController
from .main_window import MainWindow
from .offline.controller import OfflineController
from .offline.outbox import Outbox
from .offline.sign_in_cache import DEFAULT_LIFETIME, OfflineSignInCache
from .screen_pop.controller import ScreenPopController
from .settings.controller import AudioTools, SettingsController
from .softphone.controller import Ringer, SoftphoneController
from .softphone.global_hotkeys import GlobalHotkeys
from .softphone.model import CallLine
from .softphone.port import QUEUE_HEADER, IncomingCall, SipAccount, SoftphonePort
from .state_bar.controller import StateBarController
from .state_bar.model import SeatEvent
from .tickets.controller import TicketController
from .widgets_common import BannerKind
from .worklists.controller import AudioPlayer, Notifier, WorkListsController

logger = logging.getLogger(__name__)


def served_hotlines(queues: list[QueueOut], skills: dict[str, int]) -> set[str]:
    """The hotline numbers of the queues this seat takes calls from: the ACD's rule (every required
    skill at its level or better; a queue without required skills is everyone's)."""
    return {
        q.hotline_number
        for q in queues
        if q.active and all(skills.get(skill, 0) >= level for skill, level in q.required_skills.items())
    }


def notice_is_for_seat(hotline_number: str | None, hotlines: set[str] | None) -> bool:
    """Notices for every line reach every seat; a line's notice only seats serving that line. Before
    the queues are known (``None``) every notice shows: missing an emergency notice is worse."""
    return hotline_number is None or hotlines is None or hotline_number in hotlines


class EventSource(Protocol):
    @property
    def event_received(self) -> SignalInstance: ...
    def start(self) -> None: ...
    def stop(self) -> None: ...
    def kick(self) -> None: ...


class AgentApplication(QObject):
    """Threading contract: GUI thread. Owns every controller; ``shutdown`` releases them in order."""

    signed_in = Signal()
    signed_out = Signal()

    def __init__(
        self,
        *,
        api: HotlineApi,
        phone: SoftphonePort,
        settings: AppSettings,
        data_dir: Path,
        events: EventSource | None = None,
        ringer: Ringer | None = None,
        audio: AudioTools | None = None,
        notifier: Notifier | None = None,
        player: AudioPlayer | None = None,
        wrap_up_seconds: int = 30,
        offline_sign_in_lifetime: timedelta = DEFAULT_LIFETIME,
    ) -> None:
        super().__init__()
        self.bridge = ApiBridge(self)
        self.ctx = AppContext(api=api, bridge=self.bridge, settings=settings, phone=phone, data_dir=data_dir)
        self.window = MainWindow()
        w = self.window
        self.events = events
        offline_sign_in = OfflineSignInCache(data_dir / "offline-sign-in", lifetime=offline_sign_in_lifetime)
        self.login = LoginController(self.ctx, w.login, offline_sign_in)
        self.state_bar = StateBarController(self.ctx, w.state_bar, wrap_up_seconds=wrap_up_seconds)
        self.softphone = SoftphoneController(self.ctx, w.softphone, ringer=ringer)
        self.screen_pop = ScreenPopController(self.ctx, w.screen_pop)
        self.outbox = Outbox(data_dir / "outbox.sqlite")
        self.offline = OfflineController(self.ctx, w.offline_banner, self.outbox)
        self.tickets = TicketController(self.ctx, w.ticket_form, self.offline)
        self.knowledge = KnowledgeController(self.ctx, w.knowledge, data_dir / "knowledge-index")
        self.worklists = WorkListsController(self.ctx, w.worklists, notifier=notifier, player=player)
        self.settings = SettingsController(self.ctx, w.settings, audio)
        self.queues: dict[str, QueueOut] = {}
        self._skills: dict[str, int] = {}
        self._hotlines: set[str] | None = None  # the lines this seat serves, once the queues are known
        self._notice_id: int | None = None
        self._waiting_calls: dict[str, IncomingCall] = {}
        self.screen_pop.queue_name = self._queue_name
        self.screen_pop.server_reachable = lambda: self.offline.online
        self.softphone.queue_name = self._queue_name
        self._wire()
        self._install_hotkeys()
        w.set_close_guard(self._can_close)
        w.show_login()

    # ---- wiring -----------------------------------------------------------------------------

    def _wire(self) -> None:
        sp, sb, pop, tk = self.softphone, self.state_bar, self.screen_pop, self.tickets
        self.login.signed_in.connect(self._on_signed_in)
        self.login.went_online.connect(self._on_back_online)
        self.login.resume_refused.connect(self._session_expired)
        sb.logout_requested.connect(self.logout)
        sp.incoming_call.connect(self._on_incoming)
        sp.call_answered.connect(self._on_answered)
        sp.current_changed.connect(self._on_line_switched)
        sp.call_held.connect(lambda held: sb.apply(SeatEvent.CALL_HELD if held else SeatEvent.CALL_RESUMED))
        sp.call_ended.connect(self._on_call_ended)
        sp.registration_changed.connect(self.window.state_bar.show_registration)
        sb.seat_shown.connect(
            lambda state, label, seconds: self.window.softphone.show_seat_state(
                AgentState(state), label or None, seconds
            )
        )
        pop.popped.connect(self._on_popped)
        tk.saved_locally.connect(lambda _ref: sb.ticket_saved())
        tk.saved.connect(lambda _t: self.worklists.refresh())
        tk.saved.connect(self._on_ticket_saved)
        tk.saved.connect(pop.ticket_saved)  # the new ticket joins the caller's open tickets on screen
        self.window.knowledge.insert_requested.connect(tk.insert_answer)
        self.window.screen_pop.ticket_chosen.connect(self.window.ticket_form.link.setEditText)
        self.worklists.call_back.connect(sp.dial)
        self.offline.online_changed.connect(self._on_online_changed)
        if self.events is not None:
            self.events.event_received.connect(self._on_server_event)
            state_changed = getattr(self.events, "state_changed", None)
            if state_changed is not None:
                state_changed.connect(self._on_stream_state)
        self.bridge.failed.connect(self._on_api_failure)

    def _install_hotkeys(self) -> None:
        """Fixed keys (headset buttons, focus jumps) once; the configurable call keys from the settings."""
        self.shortcuts: list[QShortcut] = []
        self.call_shortcuts: list[QShortcut] = []
        self.global_hotkeys = GlobalHotkeys()
        # USB headsets' call buttons arrive as these keys where the system maps the HID telephony page
        # (Windows does for many Jabra/Poly models while the app has focus); the mute button likewise.
        headset_keys = {
            Qt.Key.Key_Call: self.softphone.answer,
            Qt.Key.Key_Hangup: self.softphone.hangup,
            Qt.Key.Key_ToggleCallHangup: self.softphone.toggle_call,
            Qt.Key.Key_MediaTogglePlayPause: self.softphone.toggle_call,
            Qt.Key.Key_MicMute: self.softphone.toggle_mute,
        }
        for qt_key, action in headset_keys.items():
            self.shortcuts.append(self._shortcut(QKeySequence(qt_key), action))
        # keyboard-first work: jump between the places a call-taker types into
        focus_keys = {
            "Ctrl+F": lambda: self._focus(self.window.knowledge.search, self.window.call_page),
            "Ctrl+S": self.tickets.save,
            "Ctrl+D": lambda: self._focus(self.window.softphone.number, None),
            "Ctrl+T": lambda: self._focus(self.window.ticket_form.content, self.window.call_page),
        }
        for text, action in focus_keys.items():
            self.shortcuts.append(self._shortcut(QKeySequence(text), action))
        self._install_call_hotkeys()
        self.settings.hotkeys_changed.connect(self._install_call_hotkeys)

    def _shortcut(self, sequence: QKeySequence, action: Callable[[], None]) -> QShortcut:
        shortcut = QShortcut(sequence, self.window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(action)
        return shortcut

    def _install_call_hotkeys(self) -> None:
        """F5 answer, F6 hang up, F7 hold, F8 mute, F9 ready by default; re-read when settings change."""
        for old in self.call_shortcuts:
            old.setEnabled(False)
            old.deleteLater()
        self.call_shortcuts = []
        self.global_hotkeys.unregister_all()
        s = self.ctx.settings
        actions = {
            SettingKey.HOTKEY_ANSWER: self.softphone.answer,
            SettingKey.HOTKEY_HANGUP: self.softphone.hangup,
            SettingKey.HOTKEY_HOLD: self.softphone.toggle_hold,
            SettingKey.HOTKEY_MUTE: self.softphone.toggle_mute,
            SettingKey.HOTKEY_READY: self.state_bar.go_ready,
        }
        use_global = s.flag(SettingKey.HOTKEYS_GLOBAL) and self.global_hotkeys.available
        for key, action in actions.items():
            sequence = QKeySequence(s.text(key))
            if sequence.isEmpty():
                continue
            if use_global and self.global_hotkeys.register(s.text(key), action):
                continue  # Windows / X11 deliver it even when another program has the focus
            self.call_shortcuts.append(self._shortcut(sequence, action))
        if use_global:
            # headsets' buttons arrive as media keys; global, they answer with the window behind others
            # (the app-wide shortcuts above still cover them when a grab fails)
            for qt_key, action in (
                (Qt.Key.Key_MediaTogglePlayPause, self.softphone.toggle_call),
                (Qt.Key.Key_MicMute, self.softphone.toggle_mute),
            ):
                self.global_hotkeys.register(
                    QKeySequence(qt_key).toString(QKeySequence.SequenceFormat.PortableText), action
                )
        self.settings.show_global_hotkeys(
            wanted=s.flag(SettingKey.HOTKEYS_GLOBAL),
            unavailable_reason=self.global_hotkeys.unavailable_reason,
            problems=self.global_hotkeys.problems,
        )

    def _focus(self, widget: QWidget, page: QWidget | None) -> None:
        if page is not None:
            self.window.center.setCurrentWidget(page)
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    # ---- session ----------------------------------------------------------------------------

    def _on_signed_in(self, result: LoginResponse) -> None:
        self.window.show_work()
        self._skills = {s.skill: s.level for s in result.agent.skills}
        self.state_bar.start(result.agent)
        self.softphone.own_work_number = result.agent.work_number
        self.tickets.load_reference_data()
        self.knowledge.sync()
        self.worklists.start()
        if self.login.sip is not None:
            self._register_phone(self.login.sip)
        elif self.login.sip_error:
            self.window.softphone.show_error(self.login.sip_error)
        if self.login.offline_session:
            # no token yet: the outbox waits and the banner shows until the background sign-in succeeds
            self.offline.session_ready = False
            self.offline.set_online(False)
        else:
            self.offline.session_ready = True
            self._fetch_session_data()
        self.signed_in.emit()

    def _fetch_session_data(self) -> None:
        # the queues first: they say which lines' notices are this seat's (GET /notices takes one line,
        # a seat may serve several)
        def fetch_notices(_result: object = None) -> None:
            self.ctx.bridge.run(self.ctx.api.notices, success=self._show_notices)

        def queues_known(queues: list[QueueOut]) -> None:
            self._set_queues(queues)
            fetch_notices()

        self.ctx.bridge.run(self.ctx.api.queues, success=queues_known, failure=fetch_notices)
        self.offline.flush()
        if self.events is not None:
            self.events.start()

    def _on_back_online(self, _session: LoginResponse) -> None:
        """Signed in online in the background after working offline: catch up with the server."""
        self.offline.session_ready = True
        self._fetch_session_data()
        self.state_bar.resync()  # what the call-taker chose while the server was away
        self.state_bar.refresh_counters()
        self.tickets.load_reference_data()
        self.worklists.refresh()
        self.knowledge.sync()

    def _register_phone(self, creds: SipCredentials) -> None:
        s = self.ctx.settings
        domain = s.sip_domain or (urlparse(self.ctx.api.base_url).hostname or "127.0.0.1")
        registrar = s.sip_registrar or f"sip:{domain}:{s.sip_port}"
        agent = self.login.session.agent if self.login.session else None
        self.ctx.phone.register(
            SipAccount(creds.username, creds.password, domain, registrar, agent.name if agent else "")
        )

    def logout(self) -> None:
        if self.softphone.live_lines():
            self.window.state_bar.show_state(self.state_bar.state, self.tr("Finish the call first"))
            return
        self.worklists.stop()
        self.state_bar.stop()
        if self.events is not None:
            self.events.stop()
        self.ctx.phone.unregister()
        self.login.logout()
        self.window.show_login()
        self.signed_out.emit()

    # ---- call flow ----------------------------------------------------------------------------

    def _set_queues(self, queues: list[QueueOut]) -> None:
        self.queues = {q.code: q for q in queues}
        self._hotlines = served_hotlines(queues, self._skills)

    def _queue_name(self, code: str) -> str:
        queue = self.queues.get(code)
        return queue.name if queue is not None else code

    def _on_incoming(self, call: IncomingCall) -> None:
        self.state_bar.apply(SeatEvent.CALL_OFFERED)
        if call.waiting:
            # the call-taker is still talking and writing about the first caller: keep that pop and
            # that ticket; the waiting caller pops when answered
            self._waiting_calls[call.call_id] = call
            return
        self._pop_for(call)

    def _pop_for(self, call: IncomingCall) -> None:
        self.softphone.ticket_serial = None
        queue = self.queues.get(call.header(QUEUE_HEADER))
        if queue is not None:
            self.state_bar.wrap_up_seconds = queue.wrap_up_seconds  # each line sets its own wrap-up time
        self.window.center.setCurrentWidget(self.window.call_page)
        self.screen_pop.from_invite(call)
        self.tickets.prefill_caller(call.header("X-Hotline-Caller") or call.caller_number)

    def _on_answered(self, line: CallLine) -> None:
        self.state_bar.apply(SeatEvent.CALL_ANSWERED)
        waiting = self._waiting_calls.pop(line.call_id, None)
        if waiting is not None:
            self._pop_for(waiting)

    def _on_line_switched(self, line: CallLine) -> None:
        if line.number and line.number != self.window.ticket_form.caller.text().strip():
            self.screen_pop.show_caller(line.number)
            self.tickets.prefill_caller(line.number)

    def _on_ticket_saved(self, ticket: TicketOut) -> None:
        # only the caller on screen's ticket follows their call: one saved in wrap-up (or sent from the
        # outbox) may be confirmed after the next caller rang
        on_screen = self.window.ticket_form.caller.text().strip()
        if self.softphone.live_lines() and ticket.caller_number == on_screen:
            self.softphone.ticket_serial = ticket.serial

    def _on_popped(self, pop: ScreenPop, _latency: float) -> None:
        self.tickets.start_for_caller(pop.number, pop)

    def _on_call_ended(self, line: CallLine, was_connected: bool) -> None:
        self._waiting_calls.pop(line.call_id, None)
        if was_connected:
            self.state_bar.apply(SeatEvent.CALL_ENDED)
        elif self.state_bar.state is AgentState.RESERVED and not self.softphone.live_lines():
            self.state_bar.apply(SeatEvent.CALL_MISSED)

    def _on_server_event(self, envelope: EventEnvelope) -> None:
        self.state_bar.on_server_event(envelope)
        self.screen_pop.on_server_event(envelope)
        self.knowledge.on_server_event(envelope)
        self.worklists.on_server_event(envelope)
        self.softphone.on_server_event(envelope)  # conference_did_change: the server-side room
        if envelope.type is EventType.NOTICE_WAS_PUBLISHED:
            notice = NoticeWasPublished.model_validate(envelope.payload)
            if notice_is_for_seat(notice.hotline_number, self._hotlines):
                self._notice_id = notice.notice_id
                self.window.notice_banner.show_message(f"{notice.title}：{notice.body}", BannerKind.INFO)
        if (
            envelope.type is EventType.NOTICE_WAS_WITHDRAWN
            and NoticeWasWithdrawn.model_validate(envelope.payload).notice_id == self._notice_id
        ):
            self.window.notice_banner.hide()
        if envelope.type is EventType.MESSAGE_WAS_SENT:
            message = MessageWasSent.model_validate(envelope.payload)
            text = self.tr("Message from %1: %2").replace("%1", message.from_name).replace("%2", message.text)
            self.window.message_banner.show_message(text, BannerKind.WARNING)
        if envelope.type is EventType.SNAPSHOT:
            self.worklists.refresh()

    def _show_notices(self, notices: list[NoticeOut]) -> None:
        mine = [n for n in notices if notice_is_for_seat(n.hotline_number, self._hotlines)]
        if mine:
            latest = max(mine, key=lambda n: (n.published_at, n.id))
            self._notice_id = latest.id
            self.window.notice_banner.show_message(f"{latest.title}：{latest.body}", BannerKind.INFO)

    def _on_online_changed(self, online: bool) -> None:
        if online and self.login.offline_session:
            self.login.resume_online()  # the rest follows in _on_back_online, once there is a token
            return
        if online and self.events is not None:
            self.events.kick()
        if online and self.login.session is not None:
            self.state_bar.resync()  # what the call-taker chose while the server was away
            self.worklists.refresh()
            self.knowledge.sync()

    def _on_api_failure(self, error: object) -> None:
        if isinstance(error, ApiClientError) and error.error_id is ClientErrorId.NOT_AUTHENTICATED:
            self._session_expired()

    def _on_stream_state(self, state: str) -> None:
        if state == StreamState.REJECTED.value:
            self._session_expired()

    def _session_expired(self, reason: str = "") -> None:
        """The server no longer accepts our token (expired, or signed out elsewhere), or, after working
        offline, our password."""
        if self.login.session is None or self.window.stack.currentWidget() is self.window.login:
            return
        if self.login.offline_session and not reason:
            return  # no token while offline: refusals are expected until the background sign-in
        if self.softphone.live_lines():
            self.window.notice_banner.show_message(
                self.tr("Your session has expired. Finish the call, then sign in again."), BannerKind.WARNING
            )
            return
        self.worklists.stop()
        self.state_bar.stop()
        if self.events is not None:
            self.events.stop()
        self.ctx.phone.unregister()
        self.login.session = None
        self.window.show_login()
        self.window.login.show_error(reason or self.tr("Your session has expired; please sign in again."))
        self.signed_out.emit()

    def _can_close(self) -> bool:
        if self.softphone.live_lines():
            self.window.message_banner.show_message(
                self.tr("A call is still up: hang up before closing Hotline Desk."), BannerKind.WARNING
            )
            return False
        return True

    def shutdown(self) -> None:
        self.global_hotkeys.close()
        if self.events is not None:
            self.events.stop()
        self.worklists.stop()
        self.bridge.shutdown()
        self.knowledge.close()
        self.ctx.phone.shutdown()
