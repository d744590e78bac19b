"""Quality assurance: admins define scoring forms, leaders score recordings, stats per agent."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ._base import RequestBody, ResponseBody


class CriterionIn(RequestBody):
    name: str = Field(min_length=1, max_length=64)
    weight: float = Field(gt=0, le=100)
    max_score: int = Field(default=10, ge=1, le=100)


class QaFormIn(RequestBody):
    name: str = Field(min_length=1, max_length=64)
    active: bool = True
    criteria: list[CriterionIn] = Field(min_length=1, max_length=50)


class CriterionOut(ResponseBody):
    id: int
    name: str
    weight: float
    max_score: int
    sort_order: int


class QaFormOut(ResponseBody):
    id: int
    name: str
    active: bool
    created_at: datetime
    criteria: list[CriterionOut]


class EvaluationIn(RequestBody):
    recording_id: int
    form_id: int
    scores: dict[int, int] = Field(description="criterion id → score (0 … that criterion's max_score)")
    comment: str | None = Field(default=None, max_length=4000)


class EvaluationOut(ResponseBody):
    id: int
    recording_id: int
    form_id: int
    agent_id: int | None = None
    evaluator_id: int
    scores: dict[str, int]
    total: float = Field(description="weighted, 0–100")
    comment: str | None = None
    created_at: datetime


class AgentScoreStats(ResponseBody):
    agent_id: int
    evaluations: int
    average: float | None = None
    minimum: float | None = None
    maximum: float | None = None
