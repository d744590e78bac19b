"""Departments: read for everyone, admin CRUD. Departments with history are deactivated, not deleted."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shared.protocol.schemas.departments import DepartmentCreate, DepartmentUpdate

from ..api.errors import Conflict, InvalidInput
from ..db.models import CallAgentLeg, Department, KnowledgeArticle, Ticket

logger = logging.getLogger(__name__)


def list_departments(session: Session, *, include_inactive: bool = False) -> Sequence[Department]:
    stmt = select(Department).order_by(Department.code)
    if not include_inactive:
        stmt = stmt.where(Department.active.is_(True))
    return session.scalars(stmt).all()


def get_department(session: Session, *, department_id: int) -> Department | None:
    return session.get(Department, department_id)


def names_by_id(session: Session, department_ids: Iterable[int | None]) -> dict[int, str]:
    """Department names for rendering many rows at once (one query; ``None`` ids are skipped)."""
    wanted = {i for i in department_ids if i is not None}
    if not wanted:
        return {}
    return dict(
        session.execute(select(Department.id, Department.name).where(Department.id.in_(wanted))).all()
    )


def require_active_department(session: Session, department_id: int) -> Department:
    department = session.get(Department, department_id)
    if department is None or not department.active:
        raise InvalidInput(
            f"There is no active department {department_id}; pick one from GET /api/v1/departments.",
            error_id="unknown_department",
            details={"department_id": department_id},
        )
    return department


def _check_unique(session: Session, *, code: str, name: str, own_id: int | None) -> None:
    clash = session.scalar(select(Department).where(or_(Department.code == code, Department.name == name)))
    if clash is not None and clash.id != own_id:
        field = "code" if clash.code == code else "name"
        raise Conflict(
            f"Another department already has this {field} ({clash.code} {clash.name}).", error_id="duplicate"
        )


def create_department(session: Session, *, data: DepartmentCreate) -> Department:
    _check_unique(session, code=data.code, name=data.name, own_id=None)
    department = Department(
        code=data.code, name=data.name, transfer_number=data.transfer_number or None, active=data.active
    )
    session.add(department)
    session.flush()
    return department


def update_department(session: Session, *, department: Department, data: DepartmentUpdate) -> Department:
    fields = data.model_fields_set
    code = data.code if data.code is not None else department.code
    name = data.name if data.name is not None else department.name
    _check_unique(session, code=code, name=name, own_id=department.id)
    department.code = code
    department.name = name
    if "transfer_number" in fields:
        department.transfer_number = data.transfer_number or None
    if data.active is not None:
        department.active = data.active
    session.flush()
    return department


def delete_department(session: Session, *, department: Department) -> bool:
    """Deletes an unused department; one with tickets or calls is deactivated instead (returns False)."""
    used = False
    for column in (Ticket.department_id, CallAgentLeg.department_id, KnowledgeArticle.department_id):
        if session.scalar(select(column).where(column == department.id).limit(1)) is not None:
            used = True
            break
    if used:
        department.active = False
        session.flush()
        return False
    session.delete(department)
    session.flush()
    return True
