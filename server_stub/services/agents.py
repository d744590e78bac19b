"""Agents (every login): admin CRUD, the directory, and each agent's counters for today."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from shared.protocol.enums import AgentState
from shared.protocol.schemas.agents import AgentCreate, AgentToday, AgentUpdate, SkillLevel

from ..api.errors import Conflict
from ..db.models import Agent, AgentSkill, AgentStateLog, Call, Team
from ..security.passwords import PasswordHasher

logger = logging.getLogger(__name__)

#: The centre works on China Standard Time; "today" starts at local midnight.
CENTRE_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")


def get(session: Session, *, agent_id: int) -> Agent | None:
    return session.get(Agent, agent_id)


def by_work_number(session: Session, *, work_number: str) -> Agent | None:
    return session.scalar(select(Agent).where(Agent.work_number == work_number))


def list_agents(session: Session, *, include_inactive: bool = True) -> list[Agent]:
    stmt = select(Agent).options(selectinload(Agent.skills), selectinload(Agent.team))
    if not include_inactive:
        stmt = stmt.where(Agent.active.is_(True))
    return list(session.scalars(stmt.order_by(Agent.work_number)))


def skill_levels(agent: Agent) -> dict[str, int]:
    """The agent's skills as code → level, best first (load ``Agent.skills`` eagerly for many agents)."""
    return {s.skill: s.level for s in sorted(agent.skills, key=lambda s: (-s.level, s.skill))}


def _team(session: Session, name: str | None) -> Team | None:
    if not name:
        return None
    team = session.scalar(select(Team).where(Team.name == name))
    if team is None:
        team = Team(name=name)
        session.add(team)
        session.flush()
    return team


def _set_skills(agent: Agent, skills: list[SkillLevel]) -> None:
    names = [s.skill for s in skills]
    if len(set(names)) != len(names):
        from ..api.errors import InvalidInput

        raise InvalidInput("Each skill may be listed once.", error_id="duplicate_skill")
    agent.skills = [AgentSkill(skill=s.skill, level=s.level) for s in skills]


def create(session: Session, *, hasher: PasswordHasher, body: AgentCreate) -> Agent:
    if by_work_number(session, work_number=body.work_number) is not None:
        raise Conflict(
            f"Work number {body.work_number} is taken; choose another.", error_id="duplicate_work_number"
        )
    agent = Agent(
        work_number=body.work_number,
        name=body.name,
        role=body.role,
        password_hash=hasher.hash(body.password),
        sip_password=body.sip_password,
        active=body.active,
        state=AgentState.LOGGED_OUT,
        state_since=datetime.now(UTC),
    )
    agent.team = _team(session, body.team)
    _set_skills(agent, body.skills)
    session.add(agent)
    session.flush()
    return agent


def update(session: Session, *, agent: Agent, body: AgentUpdate) -> dict[str, object]:
    """Apply the given fields; returns what changed (for the audit entry)."""
    given = body.model_fields_set
    changed: dict[str, object] = {}
    if "name" in given and body.name is not None:
        agent.name = body.name
        changed["name"] = body.name
    if "role" in given and body.role is not None:
        agent.role = body.role
        changed["role"] = body.role.value
    if "team" in given:
        agent.team = _team(session, body.team)
        changed["team"] = body.team
    if "skills" in given and body.skills is not None:
        _set_skills(agent, body.skills)
        changed["skills"] = {s.skill: s.level for s in body.skills}
    if "active" in given and body.active is not None:
        agent.active = body.active
        changed["active"] = body.active
    if "sip_password" in given:
        agent.sip_password = body.sip_password
        changed["sip_password"] = "(changed)"
    session.flush()
    return changed


def today(session: Session, *, agent: Agent, now: datetime | None = None) -> AgentToday:
    """Counters since the centre's local midnight, from ``calls`` and ``agent_state_log``."""
    now = now or datetime.now(UTC)
    day_start = now.astimezone(CENTRE_TZ).replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
    calls = session.scalars(
        select(Call).where(
            Call.agent_id == agent.id, Call.answered_at.is_not(None), Call.answered_at >= day_start
        )
    ).all()
    talk = 0.0
    for call in calls:
        assert call.answered_at is not None
        end = call.ended_at or now
        talk += max(0.0, (end - call.answered_at).total_seconds() - call.hold_seconds)
    per_state: dict[AgentState, float] = {}
    rows = session.scalars(
        select(AgentStateLog).where(
            AgentStateLog.agent_id == agent.id,
            (AgentStateLog.ended_at.is_(None)) | (AgentStateLog.ended_at > day_start),
        )
    ).all()
    for row in rows:
        start = max(row.started_at, day_start)
        end = row.ended_at or now
        per_state[row.state] = per_state.get(row.state, 0.0) + max(0.0, (end - start).total_seconds())
    answered = len(calls)
    return AgentToday(
        agent_id=agent.id,
        day_start=day_start,
        calls_answered=answered,
        talk_seconds=round(talk),
        average_talk_seconds=round(talk / answered) if answered else 0,
        ready_seconds=round(per_state.get(AgentState.READY, 0.0)),
        not_ready_seconds=round(per_state.get(AgentState.NOT_READY, 0.0)),
        wrap_up_seconds=round(per_state.get(AgentState.WRAP_UP, 0.0)),
    )


def online_agents(session: Session) -> list[Agent]:
    """Active call-takers who are signed in to the phone (any state but logged_out)."""
    return list(
        session.scalars(
            select(Agent)
            .where(Agent.active.is_(True), Agent.state != AgentState.LOGGED_OUT)
            .order_by(Agent.id)
        )
    )
