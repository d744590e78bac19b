"""REST for the running call centre: live queues/agents/calls, outbound calls (callbacks, return visits),
transfers, conference rooms and supervision (listen, whisper, barge, take over; each act audited).

Mounted under ``/api/v1``: ``/callcenter/…`` and ``/supervision`` (the path the supervisor console
calls). When the server runs without the call path these answer 503 with
``error_id`` ``call_path_off``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, status
from pydantic import BaseModel, Field
from sqlalchemy import select

from shared.protocol.enums import Role, SupervisionMode
from shared.protocol.schemas.conference import ConferenceInvite, ConferenceOut

from ..api.deps import CurrentAgent, LeaderOrAdmin, SessionDep, require_roles
from ..api.errors import ApiError, Conflict, Forbidden, InvalidInput, NotFound
from ..db.models import Agent, CallbackTask
from ..media.control import TransferTarget, TransferTargetKind
from ..services import audit, callbacks
from .live_stats import LiveAgent, LiveCall, LiveQueue, LiveSnapshot
from .runtime import CallCenter, CallCenterError

logger = logging.getLogger(__name__)

router = APIRouter(tags=["callcenter"])

#: who takes calls and so may hold a conference (admins configure, they don't talk to callers)
CallTaker = Annotated[Agent, Depends(require_roles(Role.AGENT, Role.LEADER))]

_NOT_FOUND = frozenset(
    {
        "no_conversation",
        "no_consult_transfer",
        "no_conference",
        "unknown_agent",
        "unknown_number",
        "unknown_party",
    }
)


class CallPathOff(ApiError):
    status_code = 503
    error_id = "call_path_off"


class OutboundRequest(BaseModel):
    number: str = Field(min_length=3, max_length=32, pattern=r"^\+?[0-9]+$", examples=["13800138000"])
    callback_id: int | None = None


class OutboundOut(BaseModel):
    call_id: int


class SupervisionRequest(BaseModel):
    """Name the conversation by the talking agent (``agent_id``, or ``agent`` = work number) or by its
    ``call_id``. ``mode`` ``null`` ends the supervision."""

    agent_id: int | None = None
    agent: str | None = None
    call_id: int | None = None
    mode: SupervisionMode | None


class TransferRequest(BaseModel):
    """``kind`` queue (value: queue code), agent (work number) or number (department code/name or an
    outside number). ``ticket``: the serial registered during the call; the next agent sees it."""

    kind: TransferTargetKind
    value: str = Field(min_length=1, max_length=64)
    consult: bool = False
    ticket: str | None = Field(default=None, max_length=20)


class TransferOut(BaseModel):
    call_id: int | None
    target: str


class SupervisionOut(BaseModel):
    """``sip_uri`` is ``None``: the media worker calls the leader's softphone (auto-answer), the leader
    does not dial."""

    agent_id: int | None
    agent: str | None
    call_id: int | None
    mode: SupervisionMode | None
    sip_uri: str | None = None
    audit_id: int | None = None


def _callcenter(request: Request) -> CallCenter:
    cc: CallCenter | None = getattr(request.app.state, "callcenter", None)
    if cc is None:
        raise CallPathOff("The call centre is not running on this server (started without the call path).")
    return cc


class CallCenterBusy(ApiError):
    """The control thread did not answer in time (a burst of events); retrying shortly is the remedy."""

    status_code = 503
    error_id = "call_center_busy"


class ConferenceUnavailable(ApiError):
    status_code = 503
    error_id = "conference_unavailable"


@contextmanager
def _refusals() -> Iterator[None]:
    """The call centre's refusals as the API's errors (status and ``error_id`` by :func:`_api_error`)."""
    try:
        yield
    except CallCenterError as exc:
        raise _api_error(exc) from exc


def _api_error(exc: CallCenterError) -> ApiError:
    details = exc.details
    if exc.error_id in _NOT_FOUND:
        return NotFound(str(exc), error_id=exc.error_id, details=details)
    if exc.error_id in ("no_call_path",):
        return CallPathOff(str(exc), details=details)
    if exc.error_id == "conference_unavailable":
        return ConferenceUnavailable(str(exc), details=details)
    if exc.error_id == "call_center_busy":
        return CallCenterBusy(str(exc), details=details)
    if exc.error_id == "not_room_owner":
        return Forbidden(str(exc), error_id=exc.error_id, details=details)
    if exc.error_id == "invalid_party_kind":
        return InvalidInput(str(exc), error_id=exc.error_id, details=details)
    return Conflict(str(exc), error_id=exc.error_id, details=details)


@router.get("/callcenter/live", response_model=LiveSnapshot)
def live(request: Request, _me: LeaderOrAdmin) -> LiveSnapshot:
    """Queues, seats and conversations as the ACD sees them right now."""
    return _callcenter(request).live()


@router.get("/callcenter/queues", response_model=list[LiveQueue])
def live_queues(request: Request, _me: CurrentAgent) -> list[LiveQueue]:
    """Every queue's live figures: waiting callers, longest wait, estimated wait, ready agents."""
    return _callcenter(request).live().queues


@router.get("/callcenter/agents/me", response_model=LiveAgent | None)
def my_live_state(request: Request, me: CurrentAgent) -> LiveAgent | None:
    return _callcenter(request).live().agent(me.work_number)


@router.get("/callcenter/calls", response_model=list[LiveCall])
def live_calls(request: Request, _me: LeaderOrAdmin) -> list[LiveCall]:
    return _callcenter(request).live().calls


@router.post("/callcenter/outbound", response_model=OutboundOut, status_code=status.HTTP_201_CREATED)
def dial_outbound(
    body: OutboundRequest, request: Request, me: CurrentAgent, session: SessionDep
) -> OutboundOut:
    """The server rings the agent's softphone (auto-answer), then dials ``number`` on the trunk."""
    if body.callback_id is not None:
        task = session.get(CallbackTask, body.callback_id)
        if task is None:
            raise NotFound(f"No callback task {body.callback_id}.")
        if me.role == Role.AGENT and task.assigned_agent_id != me.id:
            raise Forbidden("This callback is assigned to someone else.", error_id="not_your_callback")
    with _refusals():
        call_id = _callcenter(request).dial_outbound(
            me.work_number, body.number, callback_id=body.callback_id
        )
    if body.callback_id is not None:
        task = session.get(CallbackTask, body.callback_id)
        if task is not None and task.status in callbacks.OPEN_STATES:
            # one more attempt on this callback; the agent closes it with the result afterwards
            callbacks.record_result(session, task=task, by=me, status="in_progress", note=None)
            session.commit()
    return OutboundOut(call_id=call_id)


@router.post("/callcenter/transfer", response_model=TransferOut)
def transfer(body: TransferRequest, request: Request, me: CurrentAgent) -> TransferOut:
    """Hand the caller you are talking to on (blind, or consult first); the call's data follow it."""
    target = TransferTarget(body.kind, body.value)
    with _refusals():
        conv = _callcenter(request).transfer(me.work_number, target, consult=body.consult, ticket=body.ticket)
    return TransferOut(call_id=conv.call_id, target=f"{body.kind.value}:{body.value}")


@router.post("/callcenter/transfer/complete", response_model=TransferOut)
def complete_transfer(request: Request, me: CurrentAgent) -> TransferOut:
    """Consult transfer: the colleague takes the caller over; this agent's leg ends."""
    with _refusals():
        conv = _callcenter(request).finish_transfer(me.work_number, complete=True)
    return TransferOut(call_id=conv.call_id, target=f"agent:{conv.offered_to or ''}")


@router.post("/callcenter/transfer/cancel", response_model=TransferOut)
def cancel_transfer(request: Request, me: CurrentAgent) -> TransferOut:
    """Consult transfer: drop the colleague and take the caller back from hold."""
    with _refusals():
        conv = _callcenter(request).finish_transfer(me.work_number, complete=False)
    return TransferOut(call_id=conv.call_id, target=f"agent:{me.work_number}")


@router.post("/callcenter/conference", response_model=ConferenceOut, status_code=status.HTTP_201_CREATED)
def conference_invite(body: ConferenceInvite, request: Request, me: CallTaker) -> ConferenceOut:
    """Dial one more party into the conversation you hold: ``kind`` agent (``value`` = work number) or
    number (a department's code or name, or a phone number). The caller is never put on hold; the new
    party is ``ringing`` in the answer, and every change reaches the room's seats (and leaders) as
    ``conference_did_change``. Refusals: 404 ``no_conversation`` / ``unknown_agent`` / ``unknown_number``;
    409 ``already_in_room``, ``room_full``, ``agent_unavailable``, ``transfer_in_progress``; 422
    ``invalid_party_kind``; 503 ``call_path_off`` / ``conference_unavailable``."""
    with _refusals():
        return _callcenter(request).conference_invite(me.work_number, body.kind, body.value)


@router.get("/callcenter/conference", response_model=ConferenceOut)
def my_conference(request: Request, me: CurrentAgent) -> ConferenceOut:
    """The room of the conversation you hold or were invited into (before any invite: the caller and
    you). 404 ``no_conference`` when you are in no conversation."""
    with _refusals():
        return _callcenter(request).conference_of(me.work_number)


@router.delete("/callcenter/conference/parties/{party_id}", response_model=ConferenceOut)
def remove_conference_party(
    request: Request,
    me: CallTaker,
    party_id: Annotated[str, Path(min_length=1, max_length=32)],
) -> ConferenceOut:
    """The room's owner hangs up one invited party (``p1``, ``p2``…). The answer shows the room as it
    is; the party shows ``left`` in the ``conference_did_change`` that follows. 404 ``unknown_party`` /
    ``no_conference``; 403 ``not_room_owner``; 409 ``cannot_remove_party`` (the caller or the owner),
    ``party_not_in_room``."""
    with _refusals():
        return _callcenter(request).conference_remove(me.work_number, party_id)


@router.post("/supervision", response_model=SupervisionOut)
def supervise(
    body: SupervisionRequest, request: Request, leader: LeaderOrAdmin, session: SessionDep
) -> SupervisionOut:
    """Listen, whisper, barge in or take over a conversation (the leader's softphone is called and
    answers by itself), change mode, or end it. Every act is audited."""
    work_number = body.agent
    if body.agent_id is not None:
        agent = session.get(Agent, body.agent_id)
        if agent is None:
            raise NotFound(f"No agent with id {body.agent_id}.")
        work_number = agent.work_number
    if body.call_id is None and not work_number:
        raise InvalidInput("Name the conversation: give agent_id, agent (work number) or call_id.")
    with _refusals():
        conv = _callcenter(request).supervise(
            leader.work_number, call_id=body.call_id, agent_work_number=work_number, mode=body.mode
        )
    details: dict[str, Any] = {"mode": body.mode.value if body.mode else None, "agent": conv.agent}
    entry = audit.record(
        session,
        actor=leader,
        action="supervision_started" if body.mode is not None else "supervision_ended",
        target_type="call",
        target_id=conv.call_id,
        details=details,
    )
    session.commit()
    agent_id = body.agent_id
    if agent_id is None and conv.agent:
        agent_id = session.scalar(select(Agent.id).where(Agent.work_number == conv.agent))
    return SupervisionOut(
        agent_id=agent_id, agent=conv.agent, call_id=conv.call_id, mode=body.mode, audit_id=entry.id
    )
