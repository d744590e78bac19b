"""Drives the ladder: every step is ``POST /supervision`` (the server audits it and tells its media
worker to re-wire the conversation); the worker then calls the leader's own softphone, which answers by
itself (auto-answer), so the leader hears the call on the headset. Should a server answer with a
``sip_uri`` instead, the leader's softphone dials it and changes rung with DTMF.

Without the call path the server answers 404 (router not mounted) or 503 (``call_path_off``): the leader
is told so plainly and nothing is started — no fake audio.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.supervisor_api import SupervisionAck
from shared.protocol.enums import SupervisionMode

from ..common import ConsoleContext
from .ladder import MODE_DIGITS, MODE_OF_STAGE, InvalidLadderStep, LadderStage, next_state, step_for

if TYPE_CHECKING:  # the engine (pjsua2) is imported only when the launcher starts it
    from shared.telephony.qt_adapter import QtTelephony

logger = logging.getLogger(__name__)


class SupervisionPhone(Protocol):
    """The engine calls supervision needs (``shared.telephony`` behind an adapter)."""

    def register(self, username: str, password: str, domain: str, registrar: str) -> None: ...
    def dial(self, uri: str, headers: dict[str, str]) -> str: ...
    def send_dtmf(self, call_id: str, digits: str) -> None: ...
    def hangup(self, call_id: str) -> None: ...


class EngineSupervisionPhone:
    """Adapter over ``shared.telephony.qt_adapter.QtTelephony`` (GUI thread, like the engine)."""

    def __init__(self, telephony: object) -> None:
        self._telephony = telephony
        self._account: object | None = None

    @property
    def telephony(self) -> QtTelephony:
        """The ``QtTelephony`` behind this adapter (its signals say when the worker's call arrives)."""
        return self._telephony  # type: ignore[return-value]

    def register(self, username: str, password: str, domain: str, registrar: str) -> None:
        """Register with the server's registrar so its media worker can call this softphone."""
        from shared.telephony.config import AccountConfig

        engine = self._telephony.engine  # type: ignore[attr-defined]
        if self._account is not None:
            engine.remove_account(self._account)
        self._account = engine.add_account(
            AccountConfig(
                sip_uri=f"sip:{username}@{domain}",
                registrar_uri=registrar,
                username=username,
                password=password,
            )
        )

    def dial(self, uri: str, headers: dict[str, str]) -> str:
        return str(self._telephony.engine.dial(uri, headers=headers))  # type: ignore[attr-defined]

    def send_dtmf(self, call_id: str, digits: str) -> None:
        self._telephony.engine.send_dtmf(call_id, digits)  # type: ignore[attr-defined]

    def hangup(self, call_id: str) -> None:
        self._telephony.engine.hangup(call_id)  # type: ignore[attr-defined]


class SupervisionController(QObject):
    """One supervision session at a time. Threading contract: GUI thread; REST via the bridge, the
    phone on the GUI thread (the engine's owner thread)."""

    changed = Signal(int, object)  # agent_id, SupervisionMode | None
    message = Signal(str, bool)  # text for the leader, is_error

    def __init__(
        self, ctx: ConsoleContext, phone: SupervisionPhone | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._phone = phone
        self.stage = LadderStage.IDLE
        self.agent_id: int | None = None
        self.call_id: str | None = None

    def request(self, agent_id: int, mode: SupervisionMode | None) -> None:
        if self.agent_id is not None and agent_id != self.agent_id and self.stage is not LadderStage.IDLE:
            if mode is None:
                return
            self.message.emit(self.tr("Stop supervising the other seat first."), True)
            return
        try:
            target = next_state(self.stage, step_for(mode))
        except InvalidLadderStep:
            self.message.emit(self.tr("That step is not possible now (after take-over only stop is)."), True)
            return
        self._ctx.bridge.run(
            lambda: self._ctx.api.supervise(agent_id, mode),
            success=lambda ack: self._granted(agent_id, target, ack),
            failure=self._refused,
        )

    def _granted(self, agent_id: int, target: LadderStage, ack: SupervisionAck) -> None:
        mode = MODE_OF_STAGE[target]
        try:
            self._drive_phone(agent_id, mode, ack)
        except Exception as exc:  # the engine raises TelephonyError; the leader needs words, not a trace
            logger.exception("supervision call failed")
            self.message.emit(
                self.tr("Your softphone could not join the call: %1").replace("%1", str(exc)), True
            )
            return
        self.stage = target
        self.agent_id = agent_id if target is not LadderStage.IDLE else None
        self.changed.emit(agent_id, mode)

    def _drive_phone(self, agent_id: int, mode: SupervisionMode | None, ack: SupervisionAck) -> None:
        if self._phone is None:
            return
        if mode is None:
            if self.call_id is not None:
                self._phone.hangup(self.call_id)
            self.call_id = None
            return
        if self.call_id is None:
            if not ack.sip_uri:
                return  # the server's worker calls this softphone; it answers by itself
            headers = {"X-Hotline-Supervise": f"{agent_id};mode={mode.value}"}
            self.call_id = self._phone.dial(ack.sip_uri, headers)
        else:
            self._phone.send_dtmf(self.call_id, MODE_DIGITS[mode])

    def _refused(self, error: ApiClientError) -> None:
        if error.error_id is ClientErrorId.NOT_FOUND and error.server_error_id != "no_conversation":
            self.message.emit(
                self.tr(
                    "Supervision audio is not available on this server yet (its call path is still being "
                    "built). Nothing was started."
                ),
                True,
            )
        else:
            self.message.emit(error.message, True)
