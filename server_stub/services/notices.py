"""Emergency notices: a leader publishes or withdraws; seats and the IVR read the active ones."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shared.protocol.events import NoticeWasPublished
from shared.protocol.schemas.notices import NoticeCreate

from ..api.errors import Conflict, InvalidInput
from ..db.models import Agent, Notice

logger = logging.getLogger(__name__)


def publish(session: Session, *, leader: Agent, body: NoticeCreate, now: datetime | None = None) -> Notice:
    now = now or datetime.now(UTC)
    if body.expires_at is not None:
        if body.expires_at.tzinfo is None:
            raise InvalidInput("Give expires_at with a UTC offset, e.g. 2026-05-01T18:00:00+08:00.")
        if body.expires_at <= now:
            raise InvalidInput(
                "expires_at is in the past; a notice must run for some time.", error_id="expired"
            )
    notice = Notice(
        title=body.title,
        body=body.body,
        hotline_number=body.hotline_number,
        play_in_ivr=body.play_in_ivr,
        expires_at=body.expires_at,
        published_by_id=leader.id,
        published_at=now,
    )
    session.add(notice)
    session.flush()
    return notice


def withdraw(session: Session, *, notice: Notice, now: datetime | None = None) -> Notice:
    if notice.withdrawn_at is not None:
        raise Conflict("This notice was withdrawn already.", error_id="already_withdrawn")
    notice.withdrawn_at = now or datetime.now(UTC)
    session.flush()
    return notice


def active(
    session: Session, *, hotline_number: str | None = None, now: datetime | None = None
) -> list[Notice]:
    """Notices in force now, newest first; with ``hotline_number``, those for that line or for every line."""
    now = now or datetime.now(UTC)
    stmt = select(Notice).where(
        Notice.withdrawn_at.is_(None), or_(Notice.expires_at.is_(None), Notice.expires_at > now)
    )
    if hotline_number is not None:
        stmt = stmt.where(or_(Notice.hotline_number.is_(None), Notice.hotline_number == hotline_number))
    return list(session.scalars(stmt.order_by(Notice.published_at.desc(), Notice.id.desc())))


def event_payload(notice: Notice) -> NoticeWasPublished:
    return NoticeWasPublished(
        notice_id=notice.id,
        title=notice.title,
        body=notice.body,
        hotline_number=notice.hotline_number,
        play_in_ivr=notice.play_in_ivr,
    )
