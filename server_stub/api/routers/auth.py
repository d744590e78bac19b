"""Sign-in: ``POST /auth/login`` → bearer token; logout, who am I, admin password reset."""

from __future__ import annotations

import logging
import math
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.protocol.schemas.agents import AgentOut
from shared.protocol.schemas.auth import LoginRequest, LoginResponse, PasswordChange, PasswordReset

from ...events.deps import HubDep
from ...security.deps import HasherDep, SettingsDep
from ...security.tokens import hash_token
from ...services import agents as agents_service
from ...services import audit
from ...services import auth as auth_service
from ...services.login_throttle import Lockout, LockScope, LoginThrottle
from ..deps import AdminOnly, CurrentAgent, SessionDep
from ..errors import InvalidInput, NotAuthenticated, NotFound, error_response
from .agents import agent_out

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])

_bearer = HTTPBearer(auto_error=False)


def _client_address(request: Request) -> str:
    # Behind a reverse proxy every seat would share the proxy's address; the server is reached directly.
    return request.client.host if request.client is not None else "unknown"


def _too_many_attempts(lock: Lockout) -> JSONResponse:
    minutes = max(1, math.ceil(lock.retry_after_seconds / 60))
    retry_at = datetime.now(UTC) + timedelta(seconds=lock.retry_after_seconds)
    who = "this work number" if lock.scope is LockScope.WORK_NUMBER else "this computer"
    if lock.busy:  # other attempts for it are still being checked (LoginThrottle.begin)
        message = f"Too many sign-ins at once for {who}. Try again in a moment."
    else:
        message = (
            f"Too many failed sign-ins for {who}. Try again in {minutes} minute(s), "
            "or ask an administrator to reset the password."
        )
    return error_response(
        status.HTTP_429_TOO_MANY_REQUESTS,
        "too_many_attempts",
        # relative time: the seat's clock and time zone need not match the server's (retry_at is exact)
        message,
        {
            "scope": lock.scope.value,
            "retry_after_seconds": lock.retry_after_seconds,
            "retry_at": retry_at.isoformat(),
        },
        headers={"Retry-After": str(lock.retry_after_seconds)},
    )


@router.post(
    "/login",
    response_model=LoginResponse,
    responses={429: {"description": "too_many_attempts: locked after repeated failures (Retry-After)"}},
)
def login(
    body: LoginRequest, request: Request, session: SessionDep, hasher: HasherDep, settings: SettingsDep
) -> LoginResponse | JSONResponse:
    throttle: LoginThrottle = request.app.state.login_throttle
    client = _client_address(request)
    lock = throttle.begin(work_number=body.work_number, client=client)
    if lock is not None:
        logger.info("sign-in for %r from %s refused: locked (%s)", body.work_number, client, lock.scope.value)
        return _too_many_attempts(lock)
    try:
        token, row, agent = auth_service.login(
            session,
            hasher=hasher,
            work_number=body.work_number,
            password=body.password,
            ttl_seconds=settings.token_ttl_seconds,
        )
    except NotAuthenticated as exc:
        if exc.error_id != "wrong_credentials":
            throttle.released(work_number=body.work_number, client=client)
        else:
            for started in throttle.failed(work_number=body.work_number, client=client):
                audit.record(
                    session,
                    actor=None,
                    action="login_locked",
                    target_type=started.scope.value,
                    target_id=started.key,
                    details={
                        "client": client,
                        "work_number": body.work_number,
                        "lockout_seconds": started.retry_after_seconds,
                    },
                )
            session.commit()
        raise
    except Exception:
        throttle.released(work_number=body.work_number, client=client)
        raise
    throttle.succeeded(work_number=body.work_number, client=client)
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
