"""HTTP endpoints for ticket templates (paths relative to /api/v1): read for everyone, write for admins.

Mounted before the tickets router: otherwise ``GET /tickets/templates`` would be taken for a ticket
serial ("templates") and refused as an invalid serial.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Response, status

from shared.protocol.enums import Role
from shared.protocol.schemas.ticket_templates import (
    TicketTemplateCreate,
    TicketTemplateOut,
    TicketTemplateUpdate,
)

from ...db.models import TicketTemplate
from ...services import ticket_templates as service
from ..deps import AdminOnly, CurrentAgent, SessionDep
from ..errors import Forbidden, NotFound

logger = logging.getLogger(__name__)

router = APIRouter(tags=["ticket templates"])


def _load(session: SessionDep, template_id: int) -> TicketTemplate:
    template = service.get_template(session, template_id=template_id)
    if template is None:
        raise NotFound(
            f"There is no ticket template {template_id}; it may have been deleted — reload the list.",
            details={"template_id": template_id},
        )
    return template


def _out(session: SessionDep, template: TicketTemplate) -> TicketTemplateOut:
    return service.templates_out(session, [template])[0]


@router.get("/tickets/templates", response_model=list[TicketTemplateOut])
def list_templates(
    session: SessionDep, agent: CurrentAgent, include_inactive: bool = False
) -> list[TicketTemplateOut]:
    """The active templates in sort order (what the ticket form offers); admins may ask for all."""
    if include_inactive and agent.role is not Role.ADMIN:
        raise Forbidden("Only an administrator sees inactive templates.")
    return service.templates_out(session, service.list_templates(session, include_inactive=include_inactive))


@router.post("/tickets/templates", status_code=status.HTTP_201_CREATED, response_model=TicketTemplateOut)
def create_template(body: TicketTemplateCreate, session: SessionDep, _admin: AdminOnly) -> TicketTemplateOut:
    template = service.create_template(session, data=body)
    session.commit()
    return _out(session, template)


@router.patch("/tickets/templates/{template_id}", response_model=TicketTemplateOut)
def update_template(
    template_id: int, body: TicketTemplateUpdate, session: SessionDep, _admin: AdminOnly
) -> TicketTemplateOut:
    template = service.update_template(session, template=_load(session, template_id), data=body)
    session.commit()
    return _out(session, template)


@router.delete("/tickets/templates/{template_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_template(template_id: int, session: SessionDep, _admin: AdminOnly) -> Response:
    service.delete_template(session, template=_load(session, template_id))
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
