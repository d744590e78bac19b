"""IVR menus: admins read and replace the JSON tree per hotline number (validated, audited)."""

from __future__ import annotations

import logging

from fastapi import APIRouter

from shared.protocol.schemas.ivr import IvrMenuIn, IvrMenuOut

from ...services import audit
from ...services import ivr as service
from ..deps import AdminOnly, SessionDep
from ..errors import NotFound

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/ivr", tags=["ivr"])


@router.get("", response_model=list[IvrMenuOut])
def list_menus(_admin: AdminOnly, session: SessionDep) -> list[IvrMenuOut]:
    return [IvrMenuOut.model_validate(m) for m in service.list_menus(session)]


@router.get("/{hotline_number}", response_model=IvrMenuOut)
def get_menu(hotline_number: str, _admin: AdminOnly, session: SessionDep) -> IvrMenuOut:
    menu = service.get(session, hotline_number=hotline_number)
    if menu is None:
        raise NotFound(f"No IVR menu for {hotline_number}; PUT one to create it.")
    return IvrMenuOut.model_validate(menu)


@router.put("/{hotline_number}", response_model=IvrMenuOut)
def put_menu(hotline_number: str, body: IvrMenuIn, admin: AdminOnly, session: SessionDep) -> IvrMenuOut:
    menu = service.put(session, admin=admin, hotline_number=hotline_number, name=body.name, tree=body.tree)
    audit.record(
        session, actor=admin, action="ivr_menu_changed", target_type="ivr_menu", target_id=hotline_number
    )
    session.commit()
    return IvrMenuOut.model_validate(menu)
