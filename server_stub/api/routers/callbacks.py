"""Callbacks: agents work their own; leaders see all, create and (re)assign."""

from __future__ import annotations

import logging

from fastapi import APIRouter, status

from shared.protocol.enums import CallbackStatus
from shared.protocol.events import EventType
from shared.protocol.schemas.callbacks import CallbackAssign, CallbackCreate, CallbackOut, CallbackResult

from ...db.models import CallbackTask
from ...events.deps import HubDep
from ...services import audit
from ...services import callbacks as service
from ...services import queues as queues_service
from ..deps import CurrentAgent, LeaderOrAdmin, SessionDep
from ..errors import InvalidInput, NotFound

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/callbacks", tags=["callbacks"])


def _task(session: SessionDep, task_id: int) -> CallbackTask:
    task = session.get(CallbackTask, task_id)
    if task is None:
        raise NotFound(f"No callback with id {task_id}.")
    return task


@router.get("/mine", response_model=list[CallbackOut])
def my_callbacks(me: CurrentAgent, session: SessionDep, include_closed: bool = False) -> list[CallbackOut]:
    return [
        CallbackOut.model_validate(t)
        for t in service.for_agent(session, agent=me, include_closed=include_closed)
    ]


@router.get("", response_model=list[CallbackOut])
def list_callbacks(
    _leader: LeaderOrAdmin,
    session: SessionDep,
    status: CallbackStatus | None = None,
    unassigned: bool = False,
) -> list[CallbackOut]:
    return [
        CallbackOut.model_validate(t)
        for t in service.list_tasks(session, status=status, unassigned=unassigned)
    ]


@router.post("", response_model=CallbackOut, status_code=status.HTTP_201_CREATED)
def create_callback(
    body: CallbackCreate, leader: LeaderOrAdmin, session: SessionDep, hub: HubDep
) -> CallbackOut:
    queue_id = None
    if body.queue_code is not None:
        queue = queues_service.get_by_code(session, code=body.queue_code)
        if queue is None:
            raise InvalidInput(f"No queue with code {body.queue_code!r}.", error_id="unknown_queue")
        queue_id = queue.id
    task, event = service.create_callback_task(
        session, number=body.number, queue_id=queue_id, reason=body.reason
    )
    audit.record(session, actor=leader, action="callback_created", target_type="callback", target_id=task.id)
    session.commit()
    if event is not None:
        hub.publish(EventType.CALLBACK_WAS_ASSIGNED, event, to_agent_ids=[event.agent_id])
    return CallbackOut.model_validate(task)


@router.post("/{task_id}/assign", response_model=CallbackOut)
def assign_callback(
    task_id: int, body: CallbackAssign, leader: LeaderOrAdmin, session: SessionDep, hub: HubDep
) -> CallbackOut:
    task = _task(session, task_id)
    event = service.assign(session, task=task, agent_id=body.agent_id)
    audit.record(
        session,
        actor=leader,
        action="callback_assigned",
        target_type="callback",
        target_id=task.id,
        details={"agent_id": body.agent_id},
    )
    session.commit()
    hub.publish(EventType.CALLBACK_WAS_ASSIGNED, event, to_agent_ids=[event.agent_id])
    return CallbackOut.model_validate(task)


@router.post("/{task_id}/result", response_model=CallbackOut)
def callback_result(task_id: int, body: CallbackResult, me: CurrentAgent, session: SessionDep) -> CallbackOut:
    task = service.record_result(
        session, task=_task(session, task_id), by=me, status=body.status, note=body.note
    )
    session.commit()
    return CallbackOut.model_validate(task)
