"""Ticket templates: the list the seats offer (active, in sort order) and admin CRUD."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.protocol.schemas.ticket_templates import (
    TicketTemplateCreate,
    TicketTemplateOut,
    TicketTemplateUpdate,
)

from ..api.errors import Conflict, InvalidInput
from ..db.models import TicketTemplate
from . import categories, departments

logger = logging.getLogger(__name__)


def list_templates(session: Session, *, include_inactive: bool = False) -> Sequence[TicketTemplate]:
    stmt = select(TicketTemplate).order_by(TicketTemplate.sort_order, TicketTemplate.id)
    if not include_inactive:
        stmt = stmt.where(TicketTemplate.active.is_(True))
    return session.scalars(stmt).all()


def get_template(session: Session, *, template_id: int) -> TicketTemplate | None:
    return session.get(TicketTemplate, template_id)


def templates_out(session: Session, templates: Sequence[TicketTemplate]) -> list[TicketTemplateOut]:
    """Wire bodies with category paths and department names (a few queries, however many rows)."""
    by_id = categories.load_with_ancestors(session, (t.category_id for t in templates))
    names = departments.names_by_id(session, (t.department_id for t in templates))
    return [
        TicketTemplateOut(
            id=t.id,
            name=t.name,
            type=t.type,
            category_id=t.category_id,
            category_path=categories.path_of(t.category_id, by_id),
            department_id=t.department_id,
            department_name=names.get(t.department_id) if t.department_id is not None else None,
            content=t.content,
            sort_order=t.sort_order,
            active=t.active,
        )
        for t in templates
    ]


def _check_name(session: Session, *, name: str, own_id: int | None) -> None:
    clash = session.scalar(select(TicketTemplate).where(TicketTemplate.name == name))
    if clash is not None and clash.id != own_id:
        raise Conflict(
            f"Another template is already called {name!r}; choose a different name.",
            error_id="duplicate",
            details={"name": name, "template_id": clash.id},
        )


def _check_refs(session: Session, *, category_id: int | None, department_id: int | None) -> None:
    if category_id is not None:
        categories.require_category(session, category_id)
    if department_id is not None:
        departments.require_active_department(session, department_id)


def create_template(session: Session, *, data: TicketTemplateCreate) -> TicketTemplate:
    name, content = data.name, data.content  # stripped and non-blank: the schema saw to both
    _check_name(session, name=name, own_id=None)
    _check_refs(session, category_id=data.category_id, department_id=data.department_id)
    template = TicketTemplate(
        name=name,
        type=data.type,
        category_id=data.category_id,
        department_id=data.department_id,
        content=content,
        sort_order=data.sort_order,
        active=data.active,
    )
    session.add(template)
    session.flush()
    logger.info("ticket template %d %r created", template.id, name)
    return template


def update_template(
    session: Session, *, template: TicketTemplate, data: TicketTemplateUpdate
) -> TicketTemplate:
    fields = data.model_fields_set
    for field in ("name", "content", "type", "sort_order", "active"):
        if field in fields and getattr(data, field) is None:
            raise InvalidInput(
                f"A template always has a {field}; leave it out to keep the current one.",
                error_id="missing_field",
                details={"field": field},
            )
    # an existing link to a since-deactivated department may stay; a new one must be active
    new_department = "department_id" in fields and data.department_id != template.department_id
    _check_refs(
        session,
        category_id=data.category_id if "category_id" in fields else None,
        department_id=data.department_id if new_department else None,
    )
    if data.name is not None:
        _check_name(session, name=data.name, own_id=template.id)
    # everything is checked: only now does the row change (nothing half-applied on a refusal)
    if data.name is not None:
        template.name = data.name
    if data.content is not None:
        template.content = data.content
    if data.type is not None:
        template.type = data.type
    if data.sort_order is not None:
        template.sort_order = data.sort_order
    if data.active is not None:
        template.active = data.active
    if "category_id" in fields:
        template.category_id = data.category_id
    if new_department:
        template.department_id = data.department_id
    session.flush()
    return template


def delete_template(session: Session, *, template: TicketTemplate) -> None:
    """Templates are only text: nothing refers to them, so they are really deleted."""
    session.delete(template)
    session.flush()
    logger.info("ticket template %d %r deleted", template.id, template.name)
