"""Voicemails: left by the call path (IVR or queue overflow), listened to and closed by agents."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shared.protocol.enums import Role, VoicemailStatus
from shared.protocol.events import VoicemailWasLeft

from ..api.errors import Conflict, Forbidden
from ..db.models import Agent, Voicemail
from .blacklist import normalise

logger = logging.getLogger(__name__)


def leave_voicemail(
    session: Session,
    *,
    caller_number: str,
    path: str,
    duration_seconds: float,
    call_id: int | None = None,
    queue_id: int | None = None,
    assigned_agent_id: int | None = None,
) -> tuple[Voicemail, VoicemailWasLeft]:
    """What the call path calls once the WAV is written (``path`` relative to the voicemail folder)."""
    vm = Voicemail(
        caller_number=normalise(caller_number),
        path=path,
        duration_seconds=duration_seconds,
        call_id=call_id,
        queue_id=queue_id,
        assigned_agent_id=assigned_agent_id,
    )
    session.add(vm)
    session.flush()
    return vm, VoicemailWasLeft(
        voicemail_id=vm.id,
        caller_number=vm.caller_number,
        queue_id=queue_id,
        assigned_agent_id=assigned_agent_id,
    )


def visible_to(session: Session, *, viewer: Agent, status: VoicemailStatus | None = None) -> list[Voicemail]:
    """Agents see voicemails assigned to them and unassigned ones; leaders see all."""
    stmt = select(Voicemail)
    if viewer.role == Role.AGENT:
        stmt = stmt.where(
            or_(Voicemail.assigned_agent_id.is_(None), Voicemail.assigned_agent_id == viewer.id)
        )
    if status is not None:
        stmt = stmt.where(Voicemail.status == status)
    return list(session.scalars(stmt.order_by(Voicemail.created_at.desc(), Voicemail.id.desc()).limit(500)))


def may_handle(viewer: Agent, vm: Voicemail) -> bool:
    return viewer.role != Role.AGENT or vm.assigned_agent_id in (None, viewer.id)


def change_status(session: Session, *, viewer: Agent, vm: Voicemail, status: VoicemailStatus) -> Voicemail:
    if not may_handle(viewer, vm):
        raise Forbidden("This voicemail is assigned to someone else.", error_id="not_your_voicemail")
    if vm.status == VoicemailStatus.DONE:
        raise Conflict("This voicemail is done already.", error_id="voicemail_done")
    if status == VoicemailStatus.HEARD and vm.status == VoicemailStatus.HEARD:
        return vm
    vm.status = status
    if vm.assigned_agent_id is None and viewer.role == Role.AGENT:
        vm.assigned_agent_id = viewer.id  # whoever picks it up owns it
    if status == VoicemailStatus.DONE:
        vm.handled_at = datetime.now(UTC)
    session.flush()
    return vm
