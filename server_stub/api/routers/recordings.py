"""Recordings: metadata search and the WAV with HTTP Range (seeking in a player).

Leaders and admins reach every recording; an agent only those of conversations they took part in (took
the call, or joined its conference as an invited colleague).
"""

from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse

from shared.protocol.schemas.recordings import RecordingOut

from ...db.models import Recording
from ...security.deps import SettingsDep
from ...services import recordings as service
from ..deps import CurrentAgent, SessionDep
from ..errors import Forbidden, NotFound

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/recordings", tags=["recordings"])


@router.get("", response_model=list[RecordingOut])
def search_recordings(
    me: CurrentAgent,
    session: SessionDep,
    since: datetime | None = None,
    until: datetime | None = None,
    agent_id: int | None = None,
    number: str | None = None,
    ticket_id: int | None = None,
    limit: int = Query(default=100, ge=1, le=1000),
    offset: int = Query(default=0, ge=0),
) -> list[RecordingOut]:
    rows = service.search(
        session,
        viewer=me,
        since=since,
        until=until,
        agent_id=agent_id,
        number=number,
        ticket_id=ticket_id,
        limit=limit,
        offset=offset,
    )
    return [RecordingOut.model_validate(r) for r in rows]


def _readable(session: SessionDep, me: CurrentAgent, recording_id: int) -> Recording:
    recording = session.get(Recording, recording_id)
    if recording is None:
        raise NotFound(f"No recording with id {recording_id}.")
    if not service.may_listen(session, viewer=me, recording=recording):
        raise Forbidden(
            "Only leaders, admins and the agents who were in this conversation may listen to its recording.",
            error_id="not_your_recording",
        )
    return recording


@router.get("/{recording_id}", response_model=RecordingOut)
def get_recording(recording_id: int, me: CurrentAgent, session: SessionDep) -> RecordingOut:
    return RecordingOut.model_validate(_readable(session, me, recording_id))


@router.get(
    "/{recording_id}/audio",
    response_class=FileResponse,
    responses={200: {"content": {"audio/wav": {}}}, 206: {"description": "the requested byte range"}},
)
def recording_audio(
    recording_id: int, me: CurrentAgent, session: SessionDep, settings: SettingsDep, request: Request
) -> FileResponse:
    recording = _readable(session, me, recording_id)
    path = service.resolve_file(settings.recordings_dir, recording.path)
    service.check_range(request.headers.get("range"), path.stat().st_size)
    return FileResponse(path, media_type="audio/wav", filename=f"recording-{recording.id}.wav")
