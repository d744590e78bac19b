"""Sign-in, sign-out and password resets."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shared.protocol.enums import AgentState, Role

from ..api.errors import NotAuthenticated
from ..db.models import Agent, ApiToken
from ..security.passwords import PasswordHasher
from ..security.tokens import hash_token, new_token

logger = logging.getLogger(__name__)

WRONG_CREDENTIALS = "Work number or password is not correct. Check both and try again."


def login(
    session: Session, *, hasher: PasswordHasher, work_number: str, password: str, ttl_seconds: int
) -> tuple[str, ApiToken, Agent]:
    """Issue a bearer token; any wrong part gives the same message so work numbers can't be probed."""
    agent = session.scalar(select(Agent).where(Agent.work_number == work_number))
    ok = hasher.verify(agent.password_hash if agent is not None else None, password)
    if agent is None or not ok:
        logger.info("failed sign-in for work number %r", work_number)
        raise NotAuthenticated(WRONG_CREDENTIALS, error_id="wrong_credentials")
    if not agent.active:
        raise NotAuthenticated("This account is disabled; ask an administrator.", error_id="account_disabled")
    token = new_token()
    row = ApiToken(
        token_hash=hash_token(token),
        agent_id=agent.id,
        expires_at=datetime.now(UTC) + timedelta(seconds=ttl_seconds),
    )
    session.add(row)
    session.flush()
    logger.info("agent %s signed in", agent.work_number)
    return token, row, agent


def logout(session: Session, *, token: str) -> bool:
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is None or row.revoked:
        return False
    row.revoked = True
    session.flush()
    return True


def revoke_all_tokens(session: Session, *, agent_id: int) -> None:
    session.execute(
        update(ApiToken)
        .where(ApiToken.agent_id == agent_id, ApiToken.revoked.is_(False))
        .values(revoked=True)
    )


def reset_password(session: Session, *, hasher: PasswordHasher, agent: Agent, new_password: str) -> None:
    """Set a new password and sign the agent out everywhere."""
    agent.password_hash = hasher.hash(new_password)
    revoke_all_tokens(session, agent_id=agent.id)
    session.flush()


def agent_for_token(session: Session, *, token: str) -> Agent | None:
    """The active agent a valid, unexpired, unrevoked token belongs to (used by the WebSocket)."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is None or row.revoked or row.expires_at <= datetime.now(UTC):
        return None
    agent = session.get(Agent, row.agent_id)
    if agent is None or not agent.active:
        return None
    return agent


DEMO_PASSWORD = "demo1234"
DEMO_LOGINS: tuple[tuple[str, str, Role], ...] = (
    ("0001", "管理员", Role.ADMIN),
    ("9001", "值班长", Role.LEADER),
    *((str(n), f"坐席{n}", Role.AGENT) for n in range(1001, 1021)),
)


def ensure_demo_logins(session: Session, *, hasher: PasswordHasher) -> int:
    """Create the documented demo logins the demo data didn't (admin 0001, leader 9001, agents 1001–1020,
    password ``demo1234``); returns how many were added."""
    existing = set(session.scalars(select(Agent.work_number)))
    password_hash = hasher.hash(DEMO_PASSWORD)
    added = 0
    for work_number, name, role in DEMO_LOGINS:
        if work_number in existing:
            continue
        session.add(
            Agent(
                work_number=work_number,
                name=name,
                role=role,
                password_hash=password_hash,
                sip_password=f"sip-{work_number}-demo",
                state=AgentState.LOGGED_OUT,
                state_since=datetime.now(UTC),
            )
        )
        added += 1
    session.flush()
    return added
