"""Who works here: agents (all roles), their skills and teams, and the departments tickets go to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.protocol.enums import AgentState, Role

from ..base import Base, utcnow


def enum_column(enum_cls: type) -> Enum:
    """Store an enum by its value (not its name) as a portable VARCHAR with a CHECK constraint."""
    return Enum(
        enum_cls,
        values_callable=lambda e: [member.value for member in e],
        native_enum=False,
        length=32,
        validate_strings=True,
        name=enum_cls.__name__.lower(),
    )


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)


class Agent(Base):
    """Anyone who logs in: call-takers, shift leaders and admins. ``work_number`` is the login."""

    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_number: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.AGENT)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    sip_password: Mapped[str | None] = mapped_column(String(64), comment="digest secret for the softphone")
    active: Mapped[bool] = mapped_column(default=True)
    # Current state is denormalised here for fast snapshots; agent_state_log holds the history.
    state: Mapped[AgentState] = mapped_column(enum_column(AgentState), default=AgentState.LOGGED_OUT)
    state_reason: Mapped[str | None] = mapped_column(String(32))
    state_since: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team | None] = relationship()
    skills: Mapped[list[AgentSkill]] = relationship(
        back_populates="agent", cascade="all, delete-orphan", order_by="AgentSkill.skill"
    )


class AgentSkill(Base):
    __tablename__ = "agent_skills"
    __table_args__ = (UniqueConstraint("agent_id", "skill"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    skill: Mapped[str] = mapped_column(String(32))
    level: Mapped[int] = mapped_column(Integer, default=1, comment="1 (novice) … 5 (expert)")

    agent: Mapped[Agent] = relationship(back_populates="skills")


class Department(Base):
    """A government department tickets are dispatched to and calls can be transferred to."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    transfer_number: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(default=True)


class NotReadyReason(Base):
    """Reason codes an agent picks when going not ready (configured on the server)."""

    __tablename__ = "not_ready_reasons"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    label_zh: Mapped[str] = mapped_column(String(64))
    label_en: Mapped[str] = mapped_column(String(64))
    max_minutes: Mapped[int | None] = mapped_column(comment="leaders are alerted past this")
    sort_order: Mapped[int] = mapped_column(default=0)


class AgentStateLog(Base):
    """Every state an agent was in, with its reason, start and end; reports read this."""

    __tablename__ = "agent_state_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    state: Mapped[AgentState] = mapped_column(enum_column(AgentState))
    reason: Mapped[str | None] = mapped_column(String(32))
    started_at: Mapped[datetime] = mapped_column(index=True)
    ended_at: Mapped[datetime | None]
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id"), comment="a leader who forced the state"
    )
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))


class ApiToken(Base):
    """Bearer tokens issued at login; only a hash of the token is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(default=False)

    agent: Mapped[Agent] = relationship()
