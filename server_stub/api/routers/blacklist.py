"""Blacklist: leaders block and lift numbers (audited); anyone signed in may check a number."""

from __future__ import annotations

import logging

from fastapi import APIRouter, status

from shared.protocol.schemas.blacklist import BlacklistCheck, BlacklistCreate, BlacklistOut, BlacklistUpdate

from ...db.models import BlacklistEntry
from ...services import audit
from ...services import blacklist as service
from ..deps import CurrentAgent, LeaderOrAdmin, SessionDep
from ..errors import NotFound

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/blacklist", tags=["blacklist"])


def _entry(session: SessionDep, entry_id: int) -> BlacklistEntry:
    entry = session.get(BlacklistEntry, entry_id)
    if entry is None:
        raise NotFound(f"No blacklist entry with id {entry_id}.")
    return entry


@router.get("", response_model=list[BlacklistOut])
def list_entries(
    _leader: LeaderOrAdmin, session: SessionDep, include_inactive: bool = False, number: str | None = None
) -> list[BlacklistOut]:
    rows = service.list_entries(session, include_inactive=include_inactive, number=number)
    return [BlacklistOut.model_validate(r) for r in rows]


@router.get("/check/{number}", response_model=BlacklistCheck)
def check(number: str, _me: CurrentAgent, session: SessionDep) -> BlacklistCheck:
    entry = service.active_entry(session, number=number)
    if entry is None:
        return BlacklistCheck(number=service.normalise(number), blocked=False)
    return BlacklistCheck(
        number=entry.number, blocked=True, entry_id=entry.id, reason=entry.reason, expires_at=entry.expires_at
    )


@router.post("", response_model=BlacklistOut, status_code=status.HTTP_201_CREATED)
def block(body: BlacklistCreate, leader: LeaderOrAdmin, session: SessionDep) -> BlacklistOut:
    entry = service.add(
        session, leader=leader, number=body.number, reason=body.reason, expires_at=body.expires_at
    )
    audit.record(
        session,
        actor=leader,
        action="blacklist_added",
        target_type="number",
        target_id=entry.number,
        details=body.model_dump(mode="json"),
    )
    session.commit()
    return BlacklistOut.model_validate(entry)


@router.patch("/{entry_id}", response_model=BlacklistOut)
def change(entry_id: int, body: BlacklistUpdate, leader: LeaderOrAdmin, session: SessionDep) -> BlacklistOut:
    entry = _entry(session, entry_id)
    service.update(
        session,
        entry=entry,
        reason=body.reason,
        expires_at=body.expires_at,
        fields=set(body.model_fields_set),
    )
    audit.record(
        session,
        actor=leader,
        action="blacklist_changed",
        target_type="number",
        target_id=entry.number,
        details=body.model_dump(mode="json", exclude_unset=True),
    )
    session.commit()
    return BlacklistOut.model_validate(entry)


@router.delete("/{entry_id}", response_model=BlacklistOut)
def lift(entry_id: int, leader: LeaderOrAdmin, session: SessionDep) -> BlacklistOut:
    entry = _entry(session, entry_id)
    service.lift(session, entry=entry, leader=leader)
    audit.record(
        session, actor=leader, action="blacklist_lifted", target_type="number", target_id=entry.number
    )
    session.commit()
    return BlacklistOut.model_validate(entry)
