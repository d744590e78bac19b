"""The synchronous questions the IVR asks while a caller waits (blacklist, menu, notice, ticket status).

Threading: called on the media plane's dispatcher thread; each answer opens its own short session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from shared.protocol.enums import TicketStatus

from ..services import blacklist, ivr, notices, tickets

logger = logging.getLogger(__name__)

STATUS_ZH: dict[TicketStatus, str] = {
    TicketStatus.REGISTERED: "已登记，正在等待派发",
    TicketStatus.DISPATCHED: "已派发到承办部门",
    TicketStatus.ACCEPTED: "承办部门已受理",
    TicketStatus.PROCESSING: "正在办理中",
    TicketStatus.DONE: "已办结",
    TicketStatus.VISITED: "已办结并完成回访",
    TicketStatus.CLOSED: "已办结归档",
}


class DatabaseLookups:
    """Answers from the database; any error answers the safe way (not blocked, no menu, no notice)."""

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self._session_factory = session_factory

    def is_blacklisted(self, number: str) -> bool:
        try:
            with self._session_factory() as session:
                return blacklist.is_blocked(session, number=number)
        except Exception:
            logger.exception("blacklist lookup for %s failed; letting the call in", number)
            return False

    def ivr_menu(self, hotline_number: str) -> dict[str, Any] | None:
        try:
            with self._session_factory() as session:
                menu = ivr.get(session, hotline_number=hotline_number)
                return dict(menu.tree) if menu is not None else None
        except Exception:
            logger.exception("IVR menu lookup for %s failed", hotline_number)
            return None

    def active_notice_text(self, hotline_number: str) -> str | None:
        try:
            with self._session_factory() as session:
                for notice in notices.active(session, hotline_number=hotline_number):
                    if notice.play_in_ivr:
                        return notice.body
        except Exception:
            logger.exception("notice lookup for %s failed", hotline_number)
        return None

    def ticket_status(self, serial: str) -> str | None:
        try:
            with self._session_factory() as session:
                ticket = tickets.get_ticket(session, serial=serial)
                if ticket is None:
                    return None
                status = TicketStatus(ticket.status)
                return f"您查询的工单{' '.join(ticket.serial)}，{STATUS_ZH.get(status, status.value)}。"
        except Exception:
            logger.exception("ticket status lookup for %s failed", serial)
            return None
