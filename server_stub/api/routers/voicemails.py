"""Voicemails: list, mark heard/done, and download the WAV (with Range)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from shared.protocol.enums import VoicemailStatus
from shared.protocol.schemas.callbacks import VoicemailOut, VoicemailStatusChange

from ...db.models import Voicemail
from ...security.deps import SettingsDep
from ...services import recordings as media
from ...services import voicemails as service
from ..deps import CurrentAgent, SessionDep
from ..errors import Forbidden, NotFound

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/voicemails", tags=["voicemails"])


def _vm(session: SessionDep, voicemail_id: int) -> Voicemail:
    vm = session.get(Voicemail, voicemail_id)
    if vm is None:
        raise NotFound(f"No voicemail with id {voicemail_id}.")
    return vm


@router.get("", response_model=list[VoicemailOut])
def list_voicemails(
    me: CurrentAgent, session: SessionDep, status: VoicemailStatus | None = None
) -> list[VoicemailOut]:
    return [VoicemailOut.model_validate(v) for v in service.visible_to(session, viewer=me, status=status)]


@router.post("/{voicemail_id}/status", response_model=VoicemailOut)
def change_status(
    voicemail_id: int, body: VoicemailStatusChange, me: CurrentAgent, session: SessionDep
) -> VoicemailOut:
    vm = service.change_status(
        session, viewer=me, vm=_vm(session, voicemail_id), status=VoicemailStatus(body.status)
    )
    session.commit()
    return VoicemailOut.model_validate(vm)


@router.get(
    "/{voicemail_id}/audio", response_class=FileResponse, responses={200: {"content": {"audio/wav": {}}}}
)
def voicemail_audio(
    voicemail_id: int, me: CurrentAgent, session: SessionDep, settings: SettingsDep, request: Request
) -> FileResponse:
    vm = _vm(session, voicemail_id)
    if not service.may_handle(me, vm):
        raise Forbidden("This voicemail is assigned to someone else.", error_id="not_your_voicemail")
    path = media.resolve_file(settings.voicemail_dir, vm.path)
    media.check_range(request.headers.get("range"), path.stat().st_size)
    return FileResponse(path, media_type="audio/wav", filename=f"voicemail-{vm.id}.wav")
