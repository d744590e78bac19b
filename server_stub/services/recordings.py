"""Recording metadata search, who may listen, and safe resolution of the WAV file on disk."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.protocol.enums import Role

from ..api.errors import ApiError, Forbidden, NotFound, require_utc_offset
from ..db.models import Agent, Call, Recording, ticket_calls
from .blacklist import normalise

logger = logging.getLogger(__name__)


class RangeNotSatisfiable(ApiError):
    status_code = 416
    error_id = "range_not_satisfiable"


def search(
    session: Session,
    *,
    viewer: Agent,
    since: datetime | None = None,
    until: datetime | None = None,
    agent_id: int | None = None,
    number: str | None = None,
    ticket_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Recording]:
    """Agents only ever see recordings of calls they took; leaders and admins see all."""
    require_utc_offset(since=since, until=until)
    if viewer.role == Role.AGENT:
        if agent_id is not None and agent_id != viewer.id:
            raise Forbidden("Agents can list only their own recordings.", error_id="not_your_recording")
        agent_id = viewer.id
    stmt = select(Recording)
    if since is not None:
        stmt = stmt.where(Recording.started_at >= since)
    if until is not None:
        stmt = stmt.where(Recording.started_at < until)
    if agent_id is not None:
        stmt = stmt.where(Recording.agent_id == agent_id)
    if number:
        digits = normalise(number)
        stmt = stmt.join(Call, Call.id == Recording.call_id).where(
            (Call.caller_number == digits) | (Call.callee_number == digits)
        )
    if ticket_id is not None:
        stmt = stmt.where(
            Recording.call_id.in_(select(ticket_calls.c.call_id).where(ticket_calls.c.ticket_id == ticket_id))
        )
    stmt = stmt.order_by(Recording.started_at.desc(), Recording.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(stmt))


def may_listen(session: Session, *, viewer: Agent, recording: Recording) -> bool:
    if viewer.role in (Role.LEADER, Role.ADMIN):
        return True
    if recording.agent_id == viewer.id:
        return True
    call = session.get(Call, recording.call_id)
    return call is not None and call.agent_id == viewer.id


def resolve_file(base_dir: Path, relative: str) -> Path:
    """The file under ``base_dir``; a stored path that escapes it or is missing is a clear 404."""
    base = base_dir.resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base):
        logger.error("stored media path %r escapes %s", relative, base)
        raise NotFound("This audio file is not available.", error_id="audio_missing")
    if not path.is_file():
        raise NotFound(
            "The audio file for this entry is missing on the server; tell IT.", error_id="audio_missing"
        )
    return path


def check_range(header: str | None, size: int) -> None:
    """Refuse a Range header we can't serve with a JSON 416 (Starlette serves the valid ones)."""
    if not header:
        return
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or not spec.strip():
        raise RangeNotSatisfiable(
            "Range must look like 'bytes=START-END'.", details={"size": size, "range": header}
        )
    for part in spec.split(","):
        start_s, dash, end_s = part.strip().partition("-")
        try:
            if not dash:
                raise ValueError
            if start_s == "":
                if int(end_s) <= 0:
                    raise ValueError
                continue
            start = int(start_s)
            end = int(end_s) if end_s else size - 1
        except ValueError:
            raise RangeNotSatisfiable(
                "Range must look like 'bytes=START-END'.", details={"size": size, "range": header}
            ) from None
        if start >= size or start > end or start < 0:
            raise RangeNotSatisfiable(
                f"The requested range lies outside the file ({size} bytes).",
                details={"size": size, "range": header},
            )
