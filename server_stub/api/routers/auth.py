"""Sign-in: ``POST /auth/login`` → bearer token; logout, who am I, admin password reset."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.protocol.schemas.agents import AgentOut
from shared.protocol.schemas.auth import LoginRequest, LoginResponse, PasswordChange, PasswordReset

from ...events.deps import HubDep
from ...security.deps import HasherDep, SettingsDep
from ...security.tokens import hash_token
from ...services import agents as agents_service
from ...services import audit
from ...services import auth as auth_service
from ..deps import AdminOnly, CurrentAgent, SessionDep
from ..errors import InvalidInput, NotFound
from .agents import agent_out

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])

_bearer = HTTPBearer(auto_error=False)


@router.post("/login", response_model=LoginResponse)
def login(body: LoginRequest, session: SessionDep, hasher: HasherDep, settings: SettingsDep) -> LoginResponse:
    token, row, agent = auth_service.login(
        session,
        hasher=hasher,
        work_number=body.work_number,
        password=body.password,
        ttl_seconds=settings.token_ttl_seconds,
    )
    session.commit()
    return LoginResponse(token=token, expires_at=row.expires_at, agent=agent_out(agent))


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(
    _agent: CurrentAgent,
    session: SessionDep,
    hub: HubDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    assert credentials is not None  # CurrentAgent already refused requests without one
    auth_service.logout(session, token=credentials.credentials)
    session.commit()
    hub.close_sessions(token_hash=hash_token(credentials.credentials))


@router.get("/me", response_model=AgentOut)
def me(agent: CurrentAgent) -> AgentOut:
    return agent_out(agent)


@router.post("/agents/{agent_id}/password", status_code=status.HTTP_204_NO_CONTENT)
def reset_password(
    agent_id: int, body: PasswordReset, admin: AdminOnly, session: SessionDep, hasher: HasherDep, hub: HubDep
) -> None:
    """An admin sets a new password; the agent is signed out everywhere."""
    agent = agents_service.get(session, agent_id=agent_id)
    if agent is None:
        raise NotFound(f"No agent with id {agent_id}.")
    auth_service.reset_password(session, hasher=hasher, agent=agent, new_password=body.new_password)
    audit.record(session, actor=admin, action="password_reset", target_type="agent", target_id=agent.id)
    session.commit()
    hub.close_sessions(agent_id=agent.id)


@router.post("/password", status_code=status.HTTP_204_NO_CONTENT)
def change_own_password(
    body: PasswordChange, me: CurrentAgent, session: SessionDep, hasher: HasherDep, hub: HubDep
) -> None:
    """Change your own password (the current one is asked again); signs you out everywhere."""
    if not hasher.verify(me.password_hash, body.current_password):
        raise InvalidInput("The current password is not correct.", error_id="wrong_current_password")
    auth_service.reset_password(session, hasher=hasher, agent=me, new_password=body.new_password)
    session.commit()
    hub.close_sessions(agent_id=me.id)
