"""Queues: everyone signed in reads them with today's figures; admins configure them."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, status

from shared.protocol.events import EventType
from shared.protocol.schemas.queues import QueueCreate, QueueOut, QueueUpdate

from ...callcenter.live_stats import apply_live
from ...db.models import Queue
from ...services import audit
from ...services import queues as service
from ..deps import AdminOnly, CurrentAgent, EventsDep, SessionDep
from ..errors import NotFound

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/queues", tags=["queues"])


def _one(session: SessionDep, queue: Queue) -> QueueOut:
    codes = {q.id: q.code for q in service.list_queues(session)}
    return service.queue_out(queue, codes=codes, stats=service.stats_for(session, queues=[queue])[queue.id])


@router.get("", response_model=list[QueueOut])
def list_queues(_me: CurrentAgent, session: SessionDep, request: Request) -> list[QueueOut]:
    queues = service.overview(session)
    # With the call path running, the ACD knows who waits right now; without it those stay unknown.
    callcenter = getattr(request.app.state, "callcenter", None)
    if callcenter is not None:
        queues = apply_live(queues, callcenter.live())
    return queues


@router.post("", response_model=QueueOut, status_code=status.HTTP_201_CREATED)
def create_queue(body: QueueCreate, admin: AdminOnly, session: SessionDep, events: EventsDep) -> QueueOut:
    queue = service.create(session, body=body)
    audit.record(
        session,
        actor=admin,
        action="queue_created",
        target_type="queue",
        target_id=queue.code,
        details=body.model_dump(mode="json"),
    )
    session.commit()
    out = _one(session, queue)
    events.publish(EventType.QUEUE_DID_CHANGE, out)
    return out


@router.get("/{code}", response_model=QueueOut)
def get_queue(code: str, _me: CurrentAgent, session: SessionDep) -> QueueOut:
    queue = service.get_by_code(session, code=code)
    if queue is None:
        raise NotFound(f"No queue with code {code!r}.")
    return _one(session, queue)


@router.patch("/{code}", response_model=QueueOut)
def update_queue(
    code: str, body: QueueUpdate, admin: AdminOnly, session: SessionDep, events: EventsDep
) -> QueueOut:
    queue = service.get_by_code(session, code=code)
    if queue is None:
        raise NotFound(f"No queue with code {code!r}.")
    changes = service.update(session, queue=queue, body=body)
    audit.record(
        session, actor=admin, action="queue_updated", target_type="queue", target_id=code, details=changes
    )
    session.commit()
    out = _one(session, queue)
    events.publish(EventType.QUEUE_DID_CHANGE, out)
    return out


@router.delete("/{code}", response_model=QueueOut)
def deactivate_queue(code: str, admin: AdminOnly, session: SessionDep, events: EventsDep) -> QueueOut:
    """Queues are never deleted (calls refer to them): this stops routing into it."""
    queue = service.get_by_code(session, code=code)
    if queue is None:
        raise NotFound(f"No queue with code {code!r}.")
    queue.active = False
    audit.record(session, actor=admin, action="queue_deactivated", target_type="queue", target_id=code)
    session.commit()
    out = _one(session, queue)
    events.publish(EventType.QUEUE_DID_CHANGE, out)
    return out
