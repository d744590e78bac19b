"""FastAPI dependencies: the per-request database session, the signed-in agent, role checks, events.

Conventions every router follows:

* Services are keyword-only functions taking the session; they ``flush`` but never ``commit`` and return
  ``None`` for "not found". The router commits once the whole action succeeded (so a refused request
  leaves no half-written row), *then* publishes events through :data:`EventsDep`.
* Roles: agents do their own work, leaders supervise, admins configure; use ``require_roles``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Annotated, Any, Protocol

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from shared.protocol.enums import Role
from shared.protocol.events import EventType

from ..db.models import Agent, ApiToken
from .errors import Forbidden, NotAuthenticated


class EventPublisher(Protocol):
    """Publishes one typed event to every connected client (thread-safe; call after commit)."""

    def publish(self, event_type: EventType, payload: BaseModel | dict[str, Any]) -> int: ...


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get_session(request: Request) -> Iterator[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    with factory() as session:
        try:
            yield session
        except Exception:
            session.rollback()
            raise


SessionDep = Annotated[Session, Depends(get_session)]

_bearer = HTTPBearer(auto_error=False)


def get_current_agent(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Agent:
    if credentials is None or not credentials.credentials:
        raise NotAuthenticated(
            "Sign in first: send 'Authorization: Bearer <token>' from POST /api/v1/auth/login."
        )
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(credentials.credentials)))
    if token is None or token.revoked or token.expires_at <= datetime.now(UTC):
        raise NotAuthenticated("Your session has expired or was signed out; sign in again.")
    agent = session.get(Agent, token.agent_id)
    if agent is None or not agent.active:
        raise NotAuthenticated("This account is disabled; ask an administrator.")
    return agent


CurrentAgent = Annotated[Agent, Depends(get_current_agent)]


def require_roles(*roles: Role) -> Callable[[Agent], Agent]:
    """Dependency factory: ``Depends(require_roles(Role.LEADER, Role.ADMIN))``."""

    allowed = set(roles)

    def check(agent: CurrentAgent) -> Agent:
        if agent.role not in allowed:
            needed = " or ".join(sorted(r.value for r in allowed))
            raise Forbidden(f"This needs the {needed} role; you are signed in as {agent.role.value}.")
        return agent

    return check


LeaderOrAdmin = Annotated[Agent, Depends(require_roles(Role.LEADER, Role.ADMIN))]
AdminOnly = Annotated[Agent, Depends(require_roles(Role.ADMIN))]


def get_events(request: Request) -> EventPublisher:
    publisher: EventPublisher = request.app.state.events
    return publisher


EventsDep = Annotated[EventPublisher, Depends(get_events)]
