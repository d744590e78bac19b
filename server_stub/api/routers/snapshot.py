"""``GET /snapshot``: the same live picture the event socket sends on resync, for clients that poll."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request

from shared.protocol.events import Snapshot

from ...events.deps import HubDep
from ...events.snapshot import build_snapshot
from ..deps import CurrentAgent, SessionDep

logger = logging.getLogger(__name__)

router = APIRouter(tags=["events"])


@router.get("/snapshot", response_model=Snapshot)
def snapshot(_me: CurrentAgent, session: SessionDep, hub: HubDep, request: Request) -> Snapshot:
    return build_snapshot(session, seq=hub.last_seq, presence=request.app.state.presence)
