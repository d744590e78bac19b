"""The audit log, read-only, for leaders and admins."""

from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, Query

from shared.protocol.schemas.audit import AuditEntryOut

from ...services import audit as service
from ..deps import LeaderOrAdmin, SessionDep
from ..errors import require_utc_offset

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", response_model=list[AuditEntryOut])
def search_audit(
    _leader: LeaderOrAdmin,
    session: SessionDep,
    actor_id: int | None = None,
    action: str | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = Query(default=100, ge=1, le=1000),
    offset: int = Query(default=0, ge=0),
) -> list[AuditEntryOut]:
    require_utc_offset(since=since, until=until)
    rows = service.search(
        session,
        actor_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    return [AuditEntryOut.model_validate(r) for r in rows]
