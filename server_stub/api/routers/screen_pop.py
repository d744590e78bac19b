"""HTTP endpoint for the screen pop (paths relative to /api/v1); any signed-in user."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from shared.protocol.schemas.screen_pop import ScreenPop

from ...services import screen_pop as service
from ...services.customers import require_number
from ..deps import CurrentAgent, SessionDep

logger = logging.getLogger(__name__)

router = APIRouter(tags=["screen-pop"])


@router.get("/screen-pop/{number}", response_model=ScreenPop)
def screen_pop(
    number: str,
    session: SessionDep,
    _agent: CurrentAgent,
    calls: Annotated[int, Query(ge=0, le=100)] = service.DEFAULT_CALL_LIMIT,
    tickets: Annotated[int, Query(ge=0, le=100)] = service.DEFAULT_TICKET_LIMIT,
) -> ScreenPop:
    """Who is calling: customer and tags, last calls, unfinished tickets. A first-time caller is a 200 with
    ``customer: null`` and empty lists."""
    normalised = require_number(number[:64])
    return service.screen_pop(
        session, number=normalised, now=datetime.now(UTC), call_limit=calls, ticket_limit=tickets
    )
