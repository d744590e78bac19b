"""Notices, broadcast messages and the blacklist: input checked here (clear words), the server audits."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from shared.client.errors import ApiClientError
from shared.protocol.events import EventEnvelope, EventType
from shared.protocol.schemas.blacklist import BlacklistCreate, BlacklistOut
from shared.protocol.schemas.notices import NoticeCreate, NoticeOut

from ..common import ConsoleContext
from ..seats.widgets import fill_table
from .widgets import BroadcastPane

logger = logging.getLogger(__name__)

PHONE = re.compile(r"^\+?[0-9]{3,20}$")


def _local(moment: object) -> str:
    from datetime import datetime

    if not isinstance(moment, datetime):
        return ""
    return (moment + timedelta(hours=8)).strftime("%m-%d %H:%M")


class BroadcastController(QObject):
    """Threading contract: GUI thread; requests on the bridge."""

    notify = Signal(str, bool)

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.pane = BroadcastPane(parent)
        self.pane.publish_requested.connect(self.publish_notice)
        self.pane.withdraw_requested.connect(self.withdraw_notice)
        self.pane.broadcast_requested.connect(self.broadcast)
        self.pane.block_requested.connect(self.block)
        self.pane.lift_requested.connect(self.lift)

    def start(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        bridge, api = self._ctx.bridge, self._ctx.api
        bridge.run(api.notices, success=self._show_notices, failure=self._failed)
        bridge.run(api.blacklist, success=self._show_blacklist, failure=self._failed)

    def on_event(self, envelope: EventEnvelope) -> None:
        if envelope.type in (EventType.NOTICE_WAS_PUBLISHED, EventType.NOTICE_WAS_WITHDRAWN):
            self._ctx.bridge.run(self._ctx.api.notices, success=self._show_notices, failure=self._failed)

    def _show_notices(self, notices: list[NoticeOut]) -> None:
        active = [n for n in notices if n.withdrawn_at is None]
        self.pane.notice_ids = [n.id for n in active]
        fill_table(
            self.pane.notices,
            [
                [
                    n.title,
                    n.hotline_number or self.tr("all"),
                    "✓" if n.play_in_ivr else "",
                    _local(n.published_at),
                ]
                for n in active
            ],
        )

    def _show_blacklist(self, entries: list[BlacklistOut]) -> None:
        active = [e for e in entries if e.removed_at is None]
        self.pane.block_ids = [e.id for e in active]
        fill_table(
            self.pane.blacklist,
            [
                [e.number, e.reason, _local(e.created_at), _local(e.expires_at) or self.tr("until lifted")]
                for e in active
            ],
        )

    def publish_notice(self, title: str, body: str, hotline: str, play_in_ivr: bool) -> None:
        if not title or not body:
            self.notify.emit(self.tr("Give the notice a title and a text."), True)
            return
        notice = NoticeCreate(title=title, body=body, hotline_number=hotline or None, play_in_ivr=play_in_ivr)

        def done(_n: NoticeOut) -> None:
            self.pane.notice_title.clear()
            self.pane.notice_body.clear()
            self.notify.emit(self.tr("Notice published."), False)
            self.refresh()

        self._ctx.bridge.run(lambda: self._ctx.api.publish_notice(notice), success=done, failure=self._failed)

    def withdraw_notice(self, notice_id: int) -> None:
        def done(_n: NoticeOut) -> None:
            self.notify.emit(self.tr("Notice withdrawn."), False)
            self.refresh()

        self._ctx.bridge.run(
            lambda: self._ctx.api.withdraw_notice(notice_id), success=done, failure=self._failed
        )

    def broadcast(self, text: str) -> None:
        if not text:
            self.notify.emit(self.tr("Write the message first."), True)
            return

        def done(_m: object) -> None:
            self.pane.message.clear()
            self.notify.emit(self.tr("Message sent to every seat."), False)

        self._ctx.bridge.run(
            lambda: self._ctx.api.send_message(None, text), success=done, failure=self._failed
        )

    def block(self, number: str, reason: str, days: int) -> None:
        if not PHONE.match(number):
            self.notify.emit(self.tr("Enter a phone number of digits only (3–20), e.g. 13800138000."), True)
            return
        if not reason:
            self.notify.emit(self.tr("Say why the number is blocked."), True)
            return
        expires = self._ctx.now() + timedelta(days=days) if days else None
        entry = BlacklistCreate(number=number, reason=reason, expires_at=expires)

        def done(_e: BlacklistOut) -> None:
            self.pane.block_number.clear()
            self.pane.block_reason.clear()
            self.notify.emit(self.tr("%1 is blocked.").replace("%1", number), False)
            self.refresh()

        self._ctx.bridge.run(lambda: self._ctx.api.block_number(entry), success=done, failure=self._failed)

    def lift(self, entry_id: int) -> None:
        def done(_e: BlacklistOut) -> None:
            self.notify.emit(self.tr("Block lifted."), False)
            self.refresh()

        self._ctx.bridge.run(lambda: self._ctx.api.lift_block(entry_id), success=done, failure=self._failed)

    def _failed(self, error: ApiClientError) -> None:
        self.notify.emit(error.message, True)
