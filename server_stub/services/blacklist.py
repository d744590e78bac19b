"""Blocked numbers with optional expiry; lifting one keeps the row (who lifted it, when) for the audit."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..api.errors import Conflict, InvalidInput
from ..db.models import Agent, BlacklistEntry

logger = logging.getLogger(__name__)


def normalise(number: str) -> str:
    """Callers' numbers arrive with spaces, dashes or a ``+86``; compare digits (keeping a leading +)."""
    cleaned = "".join(ch for ch in number.strip() if ch.isdigit() or ch == "+")
    return cleaned[:1] + cleaned[1:].replace("+", "")


def _check_expiry(expires_at: datetime | None, now: datetime) -> None:
    if expires_at is None:
        return
    if expires_at.tzinfo is None:
        raise InvalidInput("Give expires_at with a UTC offset, e.g. 2026-05-01T18:00:00+08:00.")
    if expires_at <= now:
        raise InvalidInput(
            "expires_at is in the past; pick a later time or leave it empty.", error_id="expired"
        )


def active_entry(session: Session, *, number: str, now: datetime | None = None) -> BlacklistEntry | None:
    now = now or datetime.now(UTC)
    stmt = select(BlacklistEntry).where(
        BlacklistEntry.number == normalise(number),
        BlacklistEntry.removed_at.is_(None),
        or_(BlacklistEntry.expires_at.is_(None), BlacklistEntry.expires_at > now),
    )
    return session.scalars(stmt.order_by(BlacklistEntry.id.desc())).first()


def is_blocked(session: Session, *, number: str) -> bool:
    """What a media worker asks before answering a trunk call."""
    return active_entry(session, number=number) is not None


def add(
    session: Session, *, leader: Agent, number: str, reason: str, expires_at: datetime | None
) -> BlacklistEntry:
    now = datetime.now(UTC)
    _check_expiry(expires_at, now)
    number = normalise(number)
    existing = active_entry(session, number=number, now=now)
    if existing is not None:
        raise Conflict(
            f"{number} is blocked already (entry {existing.id}); change that entry instead.",
            error_id="already_blocked",
            details={"entry_id": existing.id},
        )
    entry = BlacklistEntry(number=number, reason=reason, expires_at=expires_at, created_by_id=leader.id)
    session.add(entry)
    session.flush()
    return entry


def update(
    session: Session,
    *,
    entry: BlacklistEntry,
    reason: str | None,
    expires_at: datetime | None,
    fields: set[str],
) -> None:
    if entry.removed_at is not None:
        raise Conflict(
            "This entry was lifted already; add the number again instead.", error_id="already_lifted"
        )
    if "expires_at" in fields:
        _check_expiry(expires_at, datetime.now(UTC))
        entry.expires_at = expires_at
    if "reason" in fields and reason is not None:
        entry.reason = reason
    session.flush()


def lift(session: Session, *, entry: BlacklistEntry, leader: Agent) -> None:
    if entry.removed_at is not None:
        raise Conflict("This entry was lifted already.", error_id="already_lifted")
    entry.removed_at = datetime.now(UTC)
    entry.removed_by_id = leader.id
    session.flush()


def list_entries(
    session: Session, *, include_inactive: bool = False, number: str | None = None
) -> list[BlacklistEntry]:
    now = datetime.now(UTC)
    stmt = select(BlacklistEntry)
    if not include_inactive:
        stmt = stmt.where(
            BlacklistEntry.removed_at.is_(None),
            or_(BlacklistEntry.expires_at.is_(None), BlacklistEntry.expires_at > now),
        )
    if number:
        stmt = stmt.where(BlacklistEntry.number == normalise(number))
    return list(session.scalars(stmt.order_by(BlacklistEntry.created_at.desc(), BlacklistEntry.id.desc())))
