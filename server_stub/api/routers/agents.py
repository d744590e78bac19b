"""Agents: admin CRUD, the directory every signed-in user reads, state changes and today's counters."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Query, Request, status

from shared.protocol.enums import AgentState
from shared.protocol.events import EventType
from shared.protocol.schemas.agents import (
    AgentAdminOut,
    AgentCreate,
    AgentOut,
    AgentToday,
    AgentUpdate,
    DirectoryEntry,
    SipCredentials,
    SkillLevel,
    StateChangeRequest,
    StateLogEntry,
)

from ...db.models import Agent
from ...events.deps import HubDep
from ...security.deps import HasherDep
from ...services import agent_states, audit, callbacks
from ...services import agents as service
from ...services import auth as auth_service
from ..deps import AdminOnly, CurrentAgent, EventsDep, LeaderOrAdmin, SessionDep
from ..errors import InvalidInput, NotFound, require_utc_offset

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/agents", tags=["agents"])


def agent_out(agent: Agent) -> AgentOut:
    return AgentOut(
        id=agent.id,
        work_number=agent.work_number,
        name=agent.name,
        role=agent.role,
        team=agent.team.name if agent.team is not None else None,
        skills=[SkillLevel(skill=s.skill, level=s.level) for s in agent.skills],
        active=agent.active,
        state=agent.state,
        state_reason=agent.state_reason,
        state_since=agent.state_since,
    )


def admin_out(agent: Agent) -> AgentAdminOut:
    return AgentAdminOut(**agent_out(agent).model_dump(), has_sip_password=bool(agent.sip_password))


def _agent_or_404(session: SessionDep, agent_id: int) -> Agent:
    agent = service.get(session, agent_id=agent_id)
    if agent is None:
        raise NotFound(f"No agent with id {agent_id}.")
    return agent


@router.get("/directory", response_model=list[DirectoryEntry])
def directory(_me: CurrentAgent, session: SessionDep, request: Request) -> list[DirectoryEntry]:
    """Every active agent with their state, team and skills: the transfer picker and the seat wall
    (a leader groups seats by skill from here; ``GET /agents`` is admin-only)."""
    presence = request.app.state.presence
    return [
        DirectoryEntry(
            id=a.id,
            work_number=a.work_number,
            name=a.name,
            role=a.role,
            team=a.team.name if a.team is not None else None,
            skills=service.skill_levels(a),
            state=a.state,
            state_reason=a.state_reason,
            state_since=a.state_since,
            connected=presence.is_online(a.id),
        )
        for a in service.list_agents(session, include_inactive=False)
    ]


@router.post("/me/state", response_model=AgentOut)
def change_my_state(body: StateChangeRequest, me: CurrentAgent, session: SessionDep, hub: HubDep) -> AgentOut:
    was_online = me.state != AgentState.LOGGED_OUT
    event = agent_states.own_request_event(me.state, body.state)
    payload = agent_states.apply_event(session, agent=me, event=event, reason=body.reason)
    handed_out = [] if was_online or me.state == AgentState.LOGGED_OUT else callbacks.assign_waiting(session)
    session.commit()
    hub.publish(EventType.AGENT_STATE_DID_CHANGE, payload)
    for assigned in handed_out:
        hub.publish(EventType.CALLBACK_WAS_ASSIGNED, assigned, to_agent_ids=[assigned.agent_id])
    return agent_out(me)


@router.get("/me/today", response_model=AgentToday)
def my_today(me: CurrentAgent, session: SessionDep) -> AgentToday:
    return service.today(session, agent=me)


@router.get("/me/sip-credentials", response_model=SipCredentials)
def my_sip_credentials(me: CurrentAgent) -> SipCredentials:
    """The softphone's digest credentials (the registrar reads the same secret)."""
    if not me.sip_password:
        raise NotFound(
            "No softphone password is set for your work number; ask an administrator.",
            error_id="no_sip_password",
        )
    return SipCredentials(username=me.work_number, password=me.sip_password)


@router.get("", response_model=list[AgentAdminOut])
def list_agents(_admin: AdminOnly, session: SessionDep) -> list[AgentAdminOut]:
    return [admin_out(a) for a in service.list_agents(session)]


@router.post("", response_model=AgentAdminOut, status_code=status.HTTP_201_CREATED)
def create_agent(
    body: AgentCreate, admin: AdminOnly, session: SessionDep, hasher: HasherDep
) -> AgentAdminOut:
    agent = service.create(session, hasher=hasher, body=body)
    audit.record(
        session,
        actor=admin,
        action="agent_created",
        target_type="agent",
        target_id=agent.id,
        details={"work_number": agent.work_number, "role": agent.role.value},
    )
    session.commit()
    return admin_out(agent)


@router.get("/{agent_id}", response_model=AgentAdminOut)
def get_agent(agent_id: int, _admin: AdminOnly, session: SessionDep) -> AgentAdminOut:
    return admin_out(_agent_or_404(session, agent_id))


@router.patch("/{agent_id}", response_model=AgentAdminOut)
def update_agent(
    agent_id: int, body: AgentUpdate, admin: AdminOnly, session: SessionDep, hub: HubDep
) -> AgentAdminOut:
    agent = _agent_or_404(session, agent_id)
    if agent.id == admin.id and (body.active is False or (body.role is not None and body.role != admin.role)):
        raise InvalidInput(
            "You cannot disable yourself or change your own role; ask another administrator.",
            error_id="self_lockout",
        )
    changed = service.update(session, agent=agent, body=body)
    if body.active is False:
        auth_service.revoke_all_tokens(session, agent_id=agent.id)
    audit.record(
        session, actor=admin, action="agent_updated", target_type="agent", target_id=agent.id, details=changed
    )
    session.commit()
    if body.active is False:
        hub.close_sessions(agent_id=agent.id)
    return admin_out(agent)


@router.delete("/{agent_id}", status_code=status.HTTP_204_NO_CONTENT)
def deactivate_agent(agent_id: int, admin: AdminOnly, session: SessionDep, hub: HubDep) -> None:
    """Agents are never deleted (their calls and history refer to them): this disables the login."""
    agent = _agent_or_404(session, agent_id)
    if agent.id == admin.id:
        raise InvalidInput("You cannot disable yourself; ask another administrator.", error_id="self_lockout")
    agent.active = False
    auth_service.revoke_all_tokens(session, agent_id=agent.id)
    audit.record(session, actor=admin, action="agent_deactivated", target_type="agent", target_id=agent.id)
    session.commit()
    hub.close_sessions(agent_id=agent.id)


@router.post("/{agent_id}/state", response_model=AgentOut)
def force_state(
    agent_id: int, body: StateChangeRequest, leader: LeaderOrAdmin, session: SessionDep, events: EventsDep
) -> AgentOut:
    agent = _agent_or_404(session, agent_id)
    event = agent_states.forced_event(body.state)
    previous = agent.state
    payload = agent_states.apply_event(
        session, agent=agent, event=event, reason=body.reason, changed_by=leader
    )
    audit.record(
        session,
        actor=leader,
        action="agent_state_forced",
        target_type="agent",
        target_id=agent.id,
        details={"from": previous.value, "to": body.state.value, "reason": body.reason},
    )
    session.commit()
    events.publish(EventType.AGENT_STATE_DID_CHANGE, payload)
    return agent_out(agent)


@router.get("/{agent_id}/today", response_model=AgentToday)
def agent_today(agent_id: int, _leader: LeaderOrAdmin, session: SessionDep) -> AgentToday:
    return service.today(session, agent=_agent_or_404(session, agent_id))


@router.get("/{agent_id}/state-log", response_model=list[StateLogEntry])
def state_log(
    agent_id: int,
    _leader: LeaderOrAdmin,
    session: SessionDep,
    since: datetime | None = Query(default=None, description="default: the last 24 hours"),
    until: datetime | None = None,
) -> list[StateLogEntry]:
    _agent_or_404(session, agent_id)
    since = since or datetime.now(UTC) - timedelta(days=1)
    require_utc_offset(since=since, until=until)
    rows = agent_states.history(session, agent_id=agent_id, since=since, until=until)
    return [StateLogEntry.model_validate(r) for r in rows]


__all__ = ["AgentState", "agent_out", "router"]
