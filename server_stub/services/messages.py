"""Leaders' short messages to one agent or to every seat; kept so a seat that was away still sees them."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shared.protocol.events import MessageWasSent

from ..api.errors import InvalidInput
from ..db.models import Agent
from ..db.models.notices import Message

logger = logging.getLogger(__name__)


def send(session: Session, *, sender: Agent, to_agent_id: int | None, text: str) -> Message:
    if to_agent_id is not None:
        target = session.get(Agent, to_agent_id)
        if target is None or not target.active:
            raise InvalidInput(
                f"No active agent with id {to_agent_id} to send to.",
                error_id="unknown_recipient",
                details={"to_agent_id": to_agent_id},
            )
    message = Message(from_id=sender.id, to_agent_id=to_agent_id, text=text)
    session.add(message)
    session.flush()
    return message


def for_agent(
    session: Session, *, agent: Agent, since: datetime | None = None, now: datetime | None = None
) -> list[Message]:
    """Messages to this agent and broadcasts, newest first (default: the last 24 hours)."""
    since = since or (now or datetime.now(UTC)) - timedelta(days=1)
    stmt = select(Message).where(
        or_(Message.to_agent_id.is_(None), Message.to_agent_id == agent.id), Message.sent_at >= since
    )
    return list(session.scalars(stmt.order_by(Message.sent_at.desc(), Message.id.desc()).limit(200)))


def event_payload(message: Message, *, sender: Agent) -> MessageWasSent:
    return MessageWasSent(from_name=sender.name, to_agent_id=message.to_agent_id, text=message.text)
