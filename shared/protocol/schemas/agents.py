"""Agents (every login), their skills, states, the directory and today's counters."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ..enums import AgentState, Role
from ._base import RequestBody, ResponseBody

WORK_NUMBER_PATTERN = r"^[0-9A-Za-z]{1,16}$"


class SkillLevel(RequestBody, ResponseBody):
    skill: str = Field(min_length=1, max_length=32, examples=["gjj"])
    level: int = Field(default=1, ge=1, le=5, description="1 (novice) … 5 (expert)")


class AgentOut(ResponseBody):
    id: int
    work_number: str
    name: str
    role: Role
    team: str | None = None
    skills: list[SkillLevel] = Field(default_factory=list)
    active: bool
    state: AgentState
    state_reason: str | None = None
    state_since: datetime


class AgentAdminOut(AgentOut):
    """What admins see: also whether a softphone secret is set (never the secret itself)."""

    has_sip_password: bool = False


class AgentCreate(RequestBody):
    work_number: str = Field(pattern=WORK_NUMBER_PATTERN)
    name: str = Field(min_length=1, max_length=64)
    role: Role = Role.AGENT
    password: str = Field(min_length=8, max_length=256)
    team: str | None = Field(default=None, max_length=64)
    skills: list[SkillLevel] = Field(default_factory=list)
    active: bool = True
    sip_password: str | None = Field(default=None, min_length=8, max_length=64)


class AgentUpdate(RequestBody):
    """Only the fields given change; ``team: null`` removes the agent from their team."""

    name: str | None = Field(default=None, min_length=1, max_length=64)
    role: Role | None = None
    team: str | None = Field(default=None, max_length=64)
    skills: list[SkillLevel] | None = None
    active: bool | None = None
    sip_password: str | None = Field(default=None, min_length=8, max_length=64)


class DirectoryEntry(ResponseBody):
    """One row of the transfer picker / seat wall."""

    id: int
    work_number: str
    name: str
    role: Role
    team: str | None = None
    skills: dict[str, int] = Field(
        default_factory=dict, description="skill code → level 1 (novice) … 5 (expert)", examples=[{"gjj": 4}]
    )
    state: AgentState
    state_reason: str | None = None
    state_since: datetime
    connected: bool = Field(default=False, description="has an event socket open to the server right now")


class StateChangeRequest(RequestBody):
    state: AgentState = Field(description="ready, not_ready (with reason) or logged_out")
    reason: str | None = Field(default=None, max_length=32, description="a code from GET /api/v1/reasons")


class AgentToday(ResponseBody):
    """The agent bar's counters since local midnight at the centre."""

    agent_id: int
    day_start: datetime
    calls_answered: int
    talk_seconds: int
    average_talk_seconds: int
    ready_seconds: int
    not_ready_seconds: int
    wrap_up_seconds: int


class ReasonOut(ResponseBody):
    code: str
    label_zh: str
    label_en: str
    max_minutes: int | None = None
    sort_order: int = 0


class ReasonIn(RequestBody):
    code: str = Field(pattern=r"^[a-z0-9_]{1,32}$")
    label_zh: str = Field(min_length=1, max_length=64)
    label_en: str = Field(min_length=1, max_length=64)
    max_minutes: int | None = Field(default=None, ge=1, le=24 * 60)
    sort_order: int = 0


class ReasonUpdate(RequestBody):
    label_zh: str | None = Field(default=None, min_length=1, max_length=64)
    label_en: str | None = Field(default=None, min_length=1, max_length=64)
    max_minutes: int | None = Field(default=None, ge=1, le=24 * 60)
    sort_order: int | None = None


class StateLogEntry(ResponseBody):
    id: int
    agent_id: int
    state: AgentState
    reason: str | None = None
    started_at: datetime
    ended_at: datetime | None = None
    changed_by_id: int | None = None
    call_id: int | None = None


class SipCredentials(ResponseBody):
    username: str
    password: str
