"""HTTP endpoints for the category tree (paths relative to /api/v1): read for everyone, write for admins."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Response, status

from shared.protocol.schemas.categories import CategoryCreate, CategoryOut, CategoryUpdate

from ...db.models import Category
from ...services import categories as service
from ..deps import AdminOnly, CurrentAgent, SessionDep
from ..errors import NotFound

logger = logging.getLogger(__name__)

router = APIRouter(tags=["categories"])


def _load(session: SessionDep, category_id: int) -> Category:
    category = service.get_category(session, category_id=category_id)
    if category is None:
        raise NotFound(f"There is no category {category_id}.", details={"category_id": category_id})
    return category


def _out(session: SessionDep, category: Category) -> CategoryOut:
    return service.category_out(category, service.load_with_ancestors(session, [category.id]))


@router.get("/categories", response_model=list[CategoryOut])
def list_categories(session: SessionDep, _agent: CurrentAgent) -> list[CategoryOut]:
    """The whole tree as a flat list (parents before children), each with its path from the root."""
    rows = service.list_categories(session)
    by_id = {c.id: c for c in rows}
    return [service.category_out(c, by_id) for c in rows]


@router.get("/categories/{category_id}", response_model=CategoryOut)
def get_category(category_id: int, session: SessionDep, _agent: CurrentAgent) -> CategoryOut:
    return _out(session, _load(session, category_id))


@router.post("/categories", status_code=status.HTTP_201_CREATED, response_model=CategoryOut)
def create_category(body: CategoryCreate, session: SessionDep, _admin: AdminOnly) -> CategoryOut:
    category = service.create_category(session, data=body)
    session.commit()
    return _out(session, category)


@router.patch("/categories/{category_id}", response_model=CategoryOut)
def update_category(
    category_id: int, body: CategoryUpdate, session: SessionDep, _admin: AdminOnly
) -> CategoryOut:
    category = service.update_category(session, category=_load(session, category_id), data=body)
    session.commit()
    return _out(session, category)


@router.delete("/categories/{category_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_category(category_id: int, session: SessionDep, _admin: AdminOnly) -> Response:
    """Only an unused leaf can be deleted (409 ``category_in_use`` otherwise)."""
    service.delete_category(session, category=_load(session, category_id))
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
