"""Recording metadata search, who may listen, and safe resolution of the WAV file on disk."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from shared.protocol.enums import Role

from ..api.errors import ApiError, Forbidden, NotFound, require_utc_offset
from ..db.models import Agent, Call, CallAgentLeg, Recording, ticket_calls
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
    """Agents only ever see recordings of conversations they took part in (took the call, or answered
    an invitation into its conference); leaders and admins see all (``agent_id`` there: the recording's
    agent, whom QA scores)."""
    require_utc_offset(since=since, until=until)
    stmt = select(Recording)
    if viewer.role == Role.AGENT:
        if agent_id is not None and agent_id != viewer.id:
            raise Forbidden("Agents can list only their own recordings.", error_id="not_your_recording")
        agent_id = None
        stmt = stmt.where(_took_part(viewer.id))
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


def _took_part(agent_id: int) -> ColumnElement[bool]:
    """The recording's conversation had ``agent_id`` in it: its recorded agent, the call's agent, or an
    answered leg (a conference party who joined, a transfer target who took over)."""
    answered_leg = select(CallAgentLeg.call_id).where(
        CallAgentLeg.agent_id == agent_id, CallAgentLeg.answered_at.is_not(None)
    )
    calls_taken = select(Call.id).where(Call.agent_id == agent_id)
    return or_(
        Recording.agent_id == agent_id,
        Recording.call_id.in_(calls_taken),
        Recording.call_id.in_(answered_leg),
    )


def may_listen(session: Session, *, viewer: Agent, recording: Recording) -> bool:
    """Leaders and admins hear every recording; an agent those of conversations they took part in."""
    if viewer.role in (Role.LEADER, Role.ADMIN):
        return True
    if recording.agent_id == viewer.id:
        return True
    found = session.scalar(
        select(Recording.id).where(Recording.id == recording.id, _took_part(viewer.id)).limit(1)
    )
    return found is not None


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
