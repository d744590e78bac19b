"""The resync snapshot: agents (state, team, skills), queues with today's figures, active notices, knowledge
version."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.protocol.events import Snapshot, SnapshotAgent
from shared.protocol.schemas.notices import NoticeOut

from ..db.models import KnowledgeVersion
from ..services import agents as agents_service
from ..services import notices as notices_service
from ..services import queues as queues_service
from .presence import PresenceTracker

logger = logging.getLogger(__name__)


def build_snapshot(session: Session, *, seq: int, presence: PresenceTracker | None = None) -> Snapshot:
    """Read the current picture. Take ``seq`` *before* reading, so events after it are never missed
    (an event both in the snapshot and replayed after it is harmless: events carry full state)."""
    agents = agents_service.list_agents(session, include_inactive=False)
    version = session.scalar(select(KnowledgeVersion.current).order_by(KnowledgeVersion.id).limit(1)) or 0
    return Snapshot(
        seq=seq,
        agents=[
            SnapshotAgent(
                agent_id=a.id,
                work_number=a.work_number,
                name=a.name,
                role=a.role.value,
                team=a.team.name if a.team is not None else None,
                skills=agents_service.skill_levels(a),
                state=a.state,
                reason=a.state_reason,
                since=a.state_since,
                connected=presence.is_online(a.id) if presence is not None else False,
            )
            for a in agents
        ],
        queues=[q.model_dump(mode="json") for q in queues_service.overview(session, include_inactive=False)],
        notices=[
            NoticeOut.model_validate(n).model_dump(mode="json") for n in notices_service.active(session)
        ],
        knowledge_version=version,
    )
