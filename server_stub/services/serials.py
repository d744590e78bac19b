"""Ticket serial numbers callers can quote: ``YYYYMMDD-NNNN`` (centre-local date, daily sequence).

Allocation is one row per day in ``ticket_serial_counters``, bumped with ``UPDATE … RETURNING`` inside the
ticket's own transaction. On PostgreSQL the UPDATE holds the row lock until commit, so concurrent creates
queue on it; on SQLite the first write takes the database write lock. Either way a rolled-back create
also rolls back its number, so the day's sequence is unique and gap-free.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import insert, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..db.models import TicketSerialCounter

logger = logging.getLogger(__name__)

#: Serial dates are the hotline centre's calendar day (China Standard Time), not UTC: a call at 07:30
#: in the morning belongs to that morning's sequence.
CENTRE_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

SERIAL_PATTERN = re.compile(r"^(\d{8})-(\d{4,9})$")


def serial_day(moment: datetime) -> date:
    return moment.astimezone(CENTRE_TZ).date()


def format_serial(day: date, sequence: int) -> str:
    return f"{day:%Y%m%d}-{sequence:04d}"


def parse_serial(text: str) -> tuple[date, int] | None:
    """``(day, sequence)`` of a well-formed serial, ``None`` for anything else."""
    match = SERIAL_PATTERN.match(text.strip())
    if match is None:
        return None
    try:
        day = datetime.strptime(match.group(1), "%Y%m%d").replace(tzinfo=UTC).date()
    except ValueError:
        return None
    return day, int(match.group(2))


def allocate_serial(session: Session, *, now: datetime) -> str:
    """Reserve the next serial of ``now``'s day in the session's transaction (commit or roll back with it)."""
    day = serial_day(now)
    dialect = session.get_bind().dialect.name
    values = {"day": day, "last_sequence": 0}
    if dialect == "postgresql":
        session.execute(pg_insert(TicketSerialCounter).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        session.execute(sqlite_insert(TicketSerialCounter).values(values).on_conflict_do_nothing())
    else:  # pragma: no cover - only the two supported backends
        if session.get(TicketSerialCounter, day) is None:
            session.execute(insert(TicketSerialCounter).values(values))
    sequence = session.execute(
        update(TicketSerialCounter)
        .where(TicketSerialCounter.day == day)
        .values(last_sequence=TicketSerialCounter.last_sequence + 1)
        .returning(TicketSerialCounter.last_sequence)
    ).scalar_one()
    return format_serial(day, sequence)
