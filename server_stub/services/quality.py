"""QA forms (criteria with weights) and evaluations; the weighted total is computed here, never trusted
from the client."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from shared.protocol.schemas.quality import AgentScoreStats, EvaluationIn, QaFormIn

from ..api.errors import Conflict, InvalidInput, require_utc_offset
from ..db.models import Agent, QaCriterion, QaEvaluation, QaForm, Recording

logger = logging.getLogger(__name__)


def list_forms(session: Session, *, include_inactive: bool = True) -> list[QaForm]:
    stmt = select(QaForm).options(selectinload(QaForm.criteria))
    if not include_inactive:
        stmt = stmt.where(QaForm.active.is_(True))
    return list(session.scalars(stmt.order_by(QaForm.name)))


def _criteria(body: QaFormIn) -> list[QaCriterion]:
    names = [c.name for c in body.criteria]
    if len(set(names)) != len(names):
        raise InvalidInput("Each criterion needs its own name.", error_id="duplicate_criterion")
    return [
        QaCriterion(name=c.name, weight=c.weight, max_score=c.max_score, sort_order=i)
        for i, c in enumerate(body.criteria)
    ]


def create_form(session: Session, *, body: QaFormIn) -> QaForm:
    if session.scalar(select(QaForm).where(QaForm.name == body.name)) is not None:
        raise Conflict(f"A form named {body.name!r} exists already.", error_id="duplicate_form")
    form = QaForm(name=body.name, active=body.active, criteria=_criteria(body))
    session.add(form)
    session.flush()
    return form


def replace_form(session: Session, *, form: QaForm, body: QaFormIn) -> QaForm:
    """Change a form. Once evaluations use it, its criteria are frozen (old scores must keep meaning)."""
    used = session.scalar(
        select(func.count()).select_from(QaEvaluation).where(QaEvaluation.form_id == form.id)
    )
    old = [(c.name, c.weight, c.max_score) for c in form.criteria]
    new = [(c.name, c.weight, c.max_score) for c in body.criteria]
    if used and old != new:
        raise Conflict(
            "Recordings were already scored with this form, so its criteria can't change; "
            "create a new form (and deactivate this one).",
            error_id="form_in_use",
        )
    clash = session.scalar(select(QaForm).where(QaForm.name == body.name, QaForm.id != form.id))
    if clash is not None:
        raise Conflict(f"A form named {body.name!r} exists already.", error_id="duplicate_form")
    form.name = body.name
    form.active = body.active
    if old != new:
        form.criteria = _criteria(body)
    session.flush()
    return form


def weighted_total(form: QaForm, scores: dict[int, int]) -> float:
    """0–100: each criterion's score as a fraction of its maximum, weighted."""
    by_id = {c.id: c for c in form.criteria}
    unknown = sorted(set(scores) - set(by_id))
    if unknown:
        raise InvalidInput(
            f"Criteria {unknown} are not on form {form.name!r}.",
            error_id="unknown_criterion",
            details={"ids": unknown},
        )
    missing = sorted(set(by_id) - set(scores))
    if missing:
        names = [by_id[i].name for i in missing]
        raise InvalidInput(f"Score every criterion; missing: {', '.join(names)}.", error_id="missing_score")
    for cid, score in scores.items():
        if not 0 <= score <= by_id[cid].max_score:
            raise InvalidInput(
                f"{by_id[cid].name}: score {score} is outside 0–{by_id[cid].max_score}.",
                error_id="score_out_of_range",
            )
    weight_sum = sum(c.weight for c in form.criteria)
    total = sum(by_id[cid].weight * score / by_id[cid].max_score for cid, score in scores.items())
    return round(100.0 * total / weight_sum, 2)


def evaluate(session: Session, *, evaluator: Agent, body: EvaluationIn) -> QaEvaluation:
    recording = session.get(Recording, body.recording_id)
    if recording is None:
        raise InvalidInput(f"No recording with id {body.recording_id}.", error_id="unknown_recording")
    form = session.get(QaForm, body.form_id)
    if form is None or not form.active:
        raise InvalidInput(f"No active QA form with id {body.form_id}.", error_id="unknown_form")
    total = weighted_total(form, body.scores)
    evaluation = QaEvaluation(
        recording_id=recording.id,
        form_id=form.id,
        agent_id=recording.agent_id,
        evaluator_id=evaluator.id,
        scores={str(k): v for k, v in body.scores.items()},
        total=total,
        comment=body.comment,
    )
    session.add(evaluation)
    session.flush()
    return evaluation


def evaluations(
    session: Session, *, agent_id: int | None = None, recording_id: int | None = None, limit: int = 200
) -> list[QaEvaluation]:
    stmt = select(QaEvaluation)
    if agent_id is not None:
        stmt = stmt.where(QaEvaluation.agent_id == agent_id)
    if recording_id is not None:
        stmt = stmt.where(QaEvaluation.recording_id == recording_id)
    return list(
        session.scalars(stmt.order_by(QaEvaluation.created_at.desc(), QaEvaluation.id.desc()).limit(limit))
    )


def stats_per_agent(
    session: Session, *, since: datetime | None = None, until: datetime | None = None
) -> list[AgentScoreStats]:
    require_utc_offset(since=since, until=until)
    stmt = select(
        QaEvaluation.agent_id,
        func.count(QaEvaluation.id),
        func.avg(QaEvaluation.total),
        func.min(QaEvaluation.total),
        func.max(QaEvaluation.total),
    ).where(QaEvaluation.agent_id.is_not(None))
    if since is not None:
        stmt = stmt.where(QaEvaluation.created_at >= since)
    if until is not None:
        stmt = stmt.where(QaEvaluation.created_at < until)
    rows = session.execute(stmt.group_by(QaEvaluation.agent_id).order_by(QaEvaluation.agent_id)).all()
    return [
        AgentScoreStats(
            agent_id=agent_id,
            evaluations=count,
            average=round(float(avg), 2) if avg is not None else None,
            minimum=float(low) if low is not None else None,
            maximum=float(high) if high is not None else None,
        )
        for agent_id, count, avg, low, high in rows
    ]
