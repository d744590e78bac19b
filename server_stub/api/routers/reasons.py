"""Not-ready reason codes: everyone reads them, admins configure them."""

from __future__ import annotations

import logging

from fastapi import APIRouter, status

from shared.protocol.schemas.agents import ReasonIn, ReasonOut, ReasonUpdate

from ...db.models import NotReadyReason
from ...services import agent_states, audit
from ..deps import AdminOnly, CurrentAgent, SessionDep
from ..errors import NotFound

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/reasons", tags=["agents"])


@router.get("", response_model=list[ReasonOut])
def list_reasons(_me: CurrentAgent, session: SessionDep) -> list[ReasonOut]:
    return [ReasonOut.model_validate(r) for r in agent_states.list_reasons(session)]


@router.post("", response_model=ReasonOut, status_code=status.HTTP_201_CREATED)
def create_reason(body: ReasonIn, admin: AdminOnly, session: SessionDep) -> ReasonOut:
    row = agent_states.create_reason(session, **body.model_dump())
    audit.record(session, actor=admin, action="reason_created", target_type="reason", target_id=row.code)
    session.commit()
    return ReasonOut.model_validate(row)


@router.patch("/{code}", response_model=ReasonOut)
def update_reason(code: str, body: ReasonUpdate, admin: AdminOnly, session: SessionDep) -> ReasonOut:
    row = session.get(NotReadyReason, code)
    if row is None:
        raise NotFound(f"No reason code {code!r}.")
    changes = body.model_dump(exclude_unset=True)
    for key, value in changes.items():
        if value is not None or key == "max_minutes":
            setattr(row, key, value)
    audit.record(
        session, actor=admin, action="reason_updated", target_type="reason", target_id=code, details=changes
    )
    session.commit()
    return ReasonOut.model_validate(row)


@router.delete("/{code}", status_code=status.HTTP_204_NO_CONTENT)
def delete_reason(code: str, admin: AdminOnly, session: SessionDep) -> None:
    if not agent_states.delete_reason(session, code=code):
        raise NotFound(f"No reason code {code!r}.")
    audit.record(session, actor=admin, action="reason_deleted", target_type="reason", target_id=code)
    session.commit()
