"""QA: admins set forms; leaders score recordings and read statistics; agents read their own scores."""

from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, status

from shared.protocol.enums import Role
from shared.protocol.schemas.quality import AgentScoreStats, EvaluationIn, EvaluationOut, QaFormIn, QaFormOut

from ...db.models import QaForm
from ...services import audit
from ...services import quality as service
from ..deps import AdminOnly, CurrentAgent, LeaderOrAdmin, SessionDep
from ..errors import Forbidden, NotFound

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/qa", tags=["quality"])


@router.get("/forms", response_model=list[QaFormOut])
def list_forms(_leader: LeaderOrAdmin, session: SessionDep) -> list[QaFormOut]:
    return [QaFormOut.model_validate(f) for f in service.list_forms(session)]


@router.post("/forms", response_model=QaFormOut, status_code=status.HTTP_201_CREATED)
def create_form(body: QaFormIn, admin: AdminOnly, session: SessionDep) -> QaFormOut:
    form = service.create_form(session, body=body)
    audit.record(session, actor=admin, action="qa_form_created", target_type="qa_form", target_id=form.id)
    session.commit()
    return QaFormOut.model_validate(form)


@router.put("/forms/{form_id}", response_model=QaFormOut)
def replace_form(form_id: int, body: QaFormIn, admin: AdminOnly, session: SessionDep) -> QaFormOut:
    form = session.get(QaForm, form_id)
    if form is None:
        raise NotFound(f"No QA form with id {form_id}.")
    service.replace_form(session, form=form, body=body)
    audit.record(
        session,
        actor=admin,
        action="qa_form_changed",
        target_type="qa_form",
        target_id=form.id,
        details=body.model_dump(mode="json"),
    )
    session.commit()
    return QaFormOut.model_validate(form)


@router.post("/evaluations", response_model=EvaluationOut, status_code=status.HTTP_201_CREATED)
def evaluate(body: EvaluationIn, leader: LeaderOrAdmin, session: SessionDep) -> EvaluationOut:
    evaluation = service.evaluate(session, evaluator=leader, body=body)
    session.commit()
    return EvaluationOut.model_validate(evaluation)


@router.get("/evaluations", response_model=list[EvaluationOut])
def list_evaluations(
    me: CurrentAgent, session: SessionDep, agent_id: int | None = None, recording_id: int | None = None
) -> list[EvaluationOut]:
    """Agents see their own scores only."""
    if me.role == Role.AGENT:
        if agent_id not in (None, me.id):
            raise Forbidden("Agents can read only their own evaluations.")
        agent_id = me.id
    rows = service.evaluations(session, agent_id=agent_id, recording_id=recording_id)
    return [EvaluationOut.model_validate(e) for e in rows]


@router.get("/stats", response_model=list[AgentScoreStats])
def score_stats(
    _leader: LeaderOrAdmin, session: SessionDep, since: datetime | None = None, until: datetime | None = None
) -> list[AgentScoreStats]:
    return service.stats_per_agent(session, since=since, until=until)
