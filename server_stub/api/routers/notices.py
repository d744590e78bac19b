"""Emergency notices: leaders publish and withdraw, everyone signed in reads the active ones."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Query, status

from shared.protocol.events import EventType
from shared.protocol.schemas.notices import NoticeCreate, NoticeOut

from ...db.models import Notice
from ...services import audit
from ...services import notices as service
from ..deps import CurrentAgent, EventsDep, LeaderOrAdmin, SessionDep
from ..errors import NotFound

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/notices", tags=["notices"])


@router.get("", response_model=list[NoticeOut])
def active_notices(
    _me: CurrentAgent,
    session: SessionDep,
    hotline_number: str | None = Query(default=None, description="only those for this line (or every line)"),
) -> list[NoticeOut]:
    return [NoticeOut.model_validate(n) for n in service.active(session, hotline_number=hotline_number)]


@router.post("", response_model=NoticeOut, status_code=status.HTTP_201_CREATED)
def publish_notice(
    body: NoticeCreate, leader: LeaderOrAdmin, session: SessionDep, events: EventsDep
) -> NoticeOut:
    notice = service.publish(session, leader=leader, body=body)
    audit.record(
        session,
        actor=leader,
        action="notice_published",
        target_type="notice",
        target_id=notice.id,
        details={"title": notice.title, "hotline_number": notice.hotline_number},
    )
    session.commit()
    events.publish(EventType.NOTICE_WAS_PUBLISHED, service.event_payload(notice))
    return NoticeOut.model_validate(notice)


@router.post("/{notice_id}/withdraw", response_model=NoticeOut)
def withdraw_notice(
    notice_id: int, leader: LeaderOrAdmin, session: SessionDep, events: EventsDep
) -> NoticeOut:
    notice = session.get(Notice, notice_id)
    if notice is None:
        raise NotFound(f"No notice with id {notice_id}.")
    service.withdraw(session, notice=notice)
    audit.record(session, actor=leader, action="notice_withdrawn", target_type="notice", target_id=notice.id)
    session.commit()
    events.publish(EventType.NOTICE_WAS_WITHDRAWN, {"notice_id": notice.id})
    return NoticeOut.model_validate(notice)
