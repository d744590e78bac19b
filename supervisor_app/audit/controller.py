"""Audit pane controller: the newest 200 entries, loaded when the pane is opened or refreshed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from shared.client.errors import ApiClientError
from shared.protocol.schemas.audit import AuditEntryOut

from ..common import ConsoleContext
from ..seats.widgets import fill_table
from .widgets import AuditPane

logger = logging.getLogger(__name__)

PAGE = 200


def action_label(action: str) -> str:
    labels = {
        "agent_state_forced": QCoreApplication.translate("AuditActions", "State forced"),
        "supervision_started": QCoreApplication.translate("AuditActions", "Supervision"),
        "supervision_ended": QCoreApplication.translate("AuditActions", "Supervision ended"),
        "blacklist_added": QCoreApplication.translate("AuditActions", "Number blocked"),
        "blacklist_changed": QCoreApplication.translate("AuditActions", "Block changed"),
        "blacklist_lifted": QCoreApplication.translate("AuditActions", "Block lifted"),
        "notice_published": QCoreApplication.translate("AuditActions", "Notice published"),
        "notice_withdrawn": QCoreApplication.translate("AuditActions", "Notice withdrawn"),
    }
    return labels.get(action, action)


class AuditController(QObject):
    """Threading contract: GUI thread; the fetch runs on the bridge."""

    notify = Signal(str, bool)

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.pane = AuditPane(parent)
        self.entries: list[AuditEntryOut] = []
        self.agent_name: Callable[[int | None], str] = lambda a: str(a or "")
        self.pane.refresh_requested.connect(self.refresh)

    def refresh(self) -> None:
        self._ctx.bridge.run(
            lambda: self._ctx.api.audit(limit=PAGE), success=self._show, failure=self._failed
        )

    def _show(self, entries: list[AuditEntryOut]) -> None:
        self.entries = entries
        fill_table(
            self.pane.table,
            [
                [
                    (e.at + timedelta(hours=8)).strftime("%m-%d %H:%M:%S"),
                    self.agent_name(e.actor_id),
                    action_label(e.action),
                    self._target(e),
                    ", ".join(f"{k}={v}" for k, v in e.details.items() if v is not None),
                ]
                for e in entries
            ],
        )

    def _target(self, entry: AuditEntryOut) -> str:
        if entry.target_type == "agent" and entry.target_id and entry.target_id.isdigit():
            return self.agent_name(int(entry.target_id))
        return f"{entry.target_type or ''} {entry.target_id or ''}".strip()

    def _failed(self, error: ApiClientError) -> None:
        self.notify.emit(error.message, True)
