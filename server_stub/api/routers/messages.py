"""Leaders message one agent or every seat; agents read theirs."""

from __future__ import annotations

import logging

from fastapi import APIRouter, status

from shared.protocol.events import EventType
from shared.protocol.schemas.notices import MessageCreate, MessageOut

from ...events.deps import HubDep
from ...services import messages as service
from ..deps import CurrentAgent, LeaderOrAdmin, SessionDep

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/messages", tags=["messages"])


@router.post("", response_model=MessageOut, status_code=status.HTTP_201_CREATED)
def send_message(
    body: MessageCreate, leader: LeaderOrAdmin, session: SessionDep, events: HubDep
) -> MessageOut:
    message = service.send(session, sender=leader, to_agent_id=body.to_agent_id, text=body.text)
    session.commit()
    audience = None if message.to_agent_id is None else [message.to_agent_id]
    events.publish(
        EventType.MESSAGE_WAS_SENT, service.event_payload(message, sender=leader), to_agent_ids=audience
    )
    return MessageOut.model_validate(message)


@router.get("/mine", response_model=list[MessageOut])
def my_messages(me: CurrentAgent, session: SessionDep) -> list[MessageOut]:
    return [MessageOut.model_validate(m) for m in service.for_agent(session, agent=me)]
