"""HTTP endpoints for departments (paths relative to /api/v1): read for everyone, write for admins."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Response, status

from shared.protocol.schemas.departments import DepartmentCreate, DepartmentOut, DepartmentUpdate

from ...db.models import Department
from ...services import departments as service
from ..deps import AdminOnly, CurrentAgent, SessionDep
from ..errors import NotFound

logger = logging.getLogger(__name__)

router = APIRouter(tags=["departments"])


def _load(session: SessionDep, department_id: int) -> Department:
    department = service.get_department(session, department_id=department_id)
    if department is None:
        raise NotFound(f"There is no department {department_id}.", details={"department_id": department_id})
    return department


@router.get("/departments", response_model=list[DepartmentOut])
def list_departments(
    session: SessionDep, _agent: CurrentAgent, include_inactive: bool = False
) -> list[DepartmentOut]:
    return [
        DepartmentOut.model_validate(d)
        for d in service.list_departments(session, include_inactive=include_inactive)
    ]


@router.get("/departments/{department_id}", response_model=DepartmentOut)
def get_department(department_id: int, session: SessionDep, _agent: CurrentAgent) -> DepartmentOut:
    return DepartmentOut.model_validate(_load(session, department_id))


@router.post("/departments", status_code=status.HTTP_201_CREATED, response_model=DepartmentOut)
def create_department(body: DepartmentCreate, session: SessionDep, _admin: AdminOnly) -> DepartmentOut:
    department = service.create_department(session, data=body)
    session.commit()
    return DepartmentOut.model_validate(department)


@router.patch("/departments/{department_id}", response_model=DepartmentOut)
def update_department(
    department_id: int, body: DepartmentUpdate, session: SessionDep, _admin: AdminOnly
) -> DepartmentOut:
    department = service.update_department(session, department=_load(session, department_id), data=body)
    session.commit()
    return DepartmentOut.model_validate(department)


@router.delete("/departments/{department_id}", response_model=DepartmentOut | None)
def delete_department(department_id: int, session: SessionDep, _admin: AdminOnly) -> Response | DepartmentOut:
    """Deletes an unused department (204); one with tickets or calls is deactivated instead (200)."""
    department = _load(session, department_id)
    deleted = service.delete_department(session, department=department)
    session.commit()
    if deleted:
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    return DepartmentOut.model_validate(department)
