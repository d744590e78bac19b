"""Who was in each of some calls besides the caller: the agent who took it, then the parties who joined
its conference room (``call_agent_legs`` with outcome ``conference`` and an answer time). Two indexed
queries for any number of calls, so history lists stay cheap."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.protocol.schemas.calls import CallParticipant, CallParticipantRole

from ..db.models import Agent, Call, CallAgentLeg, Department

logger = logging.getLogger(__name__)

#: ``call_agent_legs.outcome`` of a party who was in the conference room (``callcenter/persistence.py``)
CONFERENCE_OUTCOME = "conference"


def participants_of(session: Session, *, calls: Iterable[Call]) -> dict[int, list[CallParticipant]]:
    """``call id → participants`` (owner first, then conference parties in the order they joined); a call
    nobody answered maps to an empty list."""
    by_id = {c.id: c for c in calls}
    out: dict[int, list[CallParticipant]] = {call_id: [] for call_id in by_id}
    if not by_id:
        return out
    legs = session.execute(
        select(
            CallAgentLeg.call_id,
            CallAgentLeg.agent_id,
            CallAgentLeg.target_number,
            Department.name.label("department"),
        )
        .outerjoin(Department, Department.id == CallAgentLeg.department_id)
        .where(
            CallAgentLeg.call_id.in_(list(by_id)),
            CallAgentLeg.outcome == CONFERENCE_OUTCOME,
            CallAgentLeg.answered_at.is_not(None),
        )
        .order_by(CallAgentLeg.answered_at, CallAgentLeg.id)
    ).all()
    agent_ids = {c.agent_id for c in by_id.values() if c.agent_id is not None}
    agent_ids |= {leg.agent_id for leg in legs if leg.agent_id is not None}
    agents = {
        row.id: (row.work_number, row.name)
        for row in session.execute(
            select(Agent.id, Agent.work_number, Agent.name).where(Agent.id.in_(agent_ids))
        )
    }

    def agent(agent_id: int, role: CallParticipantRole) -> CallParticipant:
        number, name = agents.get(agent_id, (None, str(agent_id)))
        return CallParticipant(role=role, agent_id=agent_id, number=number, name=name)

    for call_id, call in by_id.items():
        if call.agent_id is not None:
            out[call_id].append(agent(call.agent_id, CallParticipantRole.OWNER))
    seen = {(call_id, c.agent_id, None) for call_id, c in by_id.items() if c.agent_id is not None}
    for leg in legs:
        # someone who left and was invited again is one participant
        key = (leg.call_id, leg.agent_id, None if leg.agent_id is not None else leg.target_number)
        if key in seen:
            continue
        seen.add(key)
        if leg.agent_id is not None:
            out[leg.call_id].append(agent(leg.agent_id, CallParticipantRole.CONFERENCE))
        else:
            name = leg.department or leg.target_number or "?"
            out[leg.call_id].append(
                CallParticipant(role=CallParticipantRole.CONFERENCE, number=leg.target_number, name=name)
            )
    return out
