"""The leader's half of the client: seats, queues, forcing states, notices, blacklist, tickets board,
reports, recordings and QA, supervision — the :class:`SupervisorApi` the console programs against, and
:class:`SupervisorClient`, the real implementation on top of :class:`~shared.client.rest.HotlineClient`.

Every method blocks (network I/O): run it through :class:`~shared.client.qt.ApiBridge`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from shared.protocol.enums import AgentState, SupervisionMode
from shared.protocol.events import Snapshot
from shared.protocol.schemas.agents import AgentOut, ReasonOut, StateLogEntry
from shared.protocol.schemas.audit import AuditEntryOut
from shared.protocol.schemas.blacklist import BlacklistCreate, BlacklistOut
from shared.protocol.schemas.departments import DepartmentOut
from shared.protocol.schemas.live import LiveOverview
from shared.protocol.schemas.notices import MessageOut, NoticeCreate, NoticeOut
from shared.protocol.schemas.quality import AgentScoreStats, EvaluationIn, EvaluationOut, QaFormOut
from shared.protocol.schemas.queues import QueueOut
from shared.protocol.schemas.recordings import RecordingOut
from shared.protocol.schemas.reports import (
    AgentCallRow,
    AgentReport,
    Bucket,
    CallVolumeReport,
    FrequentCallersReport,
    LiveQueueFigures,
    TicketGrouping,
    TicketReport,
    WaitingCall,
    WallboardSeries,
)
from shared.protocol.schemas.tickets import (
    ExtensionDecisionRequest,
    OverdueSummary,
    TicketActionRequest,
    TicketDetail,
    TicketPage,
)

from .models import LoginResponse, SipCredentials
from .rest import HotlineClient

logger = logging.getLogger(__name__)


class SupervisionAck(BaseModel):
    """The server's answer to ``POST /supervision`` (``server_stub/callcenter/router.py``). With
    ``sip_uri`` ``None`` the media worker calls the leader's softphone, which answers by itself; a
    ``sip_uri`` would mean the leader dials it instead."""

    model_config = ConfigDict(extra="ignore")

    agent_id: int | None = None
    agent: str | None = None
    call_id: int | None = None
    mode: SupervisionMode | None = None
    sip_uri: str | None = None
    audit_id: int | None = None


@runtime_checkable
class SupervisorApi(Protocol):
    @property
    def base_url(self) -> str: ...

    @property
    def token(self) -> str | None: ...

    def login(self, work_number: str, password: str) -> LoginResponse: ...
    def logout(self) -> None: ...
    def not_ready_reasons(self) -> list[ReasonOut]: ...
    def departments(self) -> list[DepartmentOut]: ...
    def notices(self) -> list[NoticeOut]: ...

    def snapshot(self) -> Snapshot: ...
    def sip_credentials(self) -> SipCredentials: ...
    def queues(self) -> list[QueueOut]: ...
    def force_state(self, agent_id: int, state: AgentState, reason: str | None = None) -> AgentOut: ...
    def send_message(self, to_agent_id: int | None, text: str) -> MessageOut: ...
    def publish_notice(self, notice: NoticeCreate) -> NoticeOut: ...
    def withdraw_notice(self, notice_id: int) -> NoticeOut: ...
    def blacklist(self) -> list[BlacklistOut]: ...
    def block_number(self, entry: BlacklistCreate) -> BlacklistOut: ...
    def lift_block(self, entry_id: int) -> BlacklistOut: ...

    def tickets(self, **filters: Any) -> TicketPage: ...
    def overdue(self) -> OverdueSummary: ...
    def ticket(self, serial: str) -> TicketDetail: ...
    def ticket_action(self, serial: str, action: TicketActionRequest) -> TicketDetail: ...
    def decide_extension(
        self, serial: str, extension_id: int, decision: ExtensionDecisionRequest
    ) -> TicketDetail: ...

    def state_log(self, agent_id: int, since: datetime) -> list[StateLogEntry]: ...
    def agent_calls(self, agent_id: int, since: datetime, until: datetime) -> list[AgentCallRow]: ...
    def call_volume(
        self, since: datetime, until: datetime, bucket: Bucket, by_queue: bool = False
    ) -> CallVolumeReport: ...
    def agent_report(self, since: datetime, until: datetime) -> AgentReport: ...
    def frequent_callers(
        self, since: datetime, until: datetime, min_calls: int = 3
    ) -> FrequentCallersReport: ...
    def ticket_report(self, since: datetime, until: datetime, grouping: TicketGrouping) -> TicketReport: ...
    def wallboard(self, hours: int = 8, interval_minutes: int = 15) -> WallboardSeries: ...
    def waiting_calls(self) -> list[WaitingCall]: ...
    def live_queues(self) -> list[LiveQueueFigures]: ...
    def live(self) -> LiveOverview: ...

    def recordings(self, **filters: Any) -> list[RecordingOut]: ...
    def download_recording(self, recording_id: int, target: Path) -> Path: ...
    def qa_forms(self) -> list[QaFormOut]: ...
    def evaluate(self, evaluation: EvaluationIn) -> EvaluationOut: ...
    def evaluations(self, recording_id: int | None = None) -> list[EvaluationOut]: ...
    def qa_stats(self) -> list[AgentScoreStats]: ...
    def audit(self, **filters: Any) -> list[AuditEntryOut]: ...

    def supervise(self, agent_id: int, mode: SupervisionMode | None) -> SupervisionAck: ...


def _params(filters: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in filters.items():
        if value is None or value == "":
            continue
        out[key] = value.isoformat() if isinstance(value, datetime) else value
    return out


class SupervisorClient(HotlineClient):
    """:class:`HotlineClient` plus the leader's endpoints.

    Threading contract: as :class:`HotlineClient` — any worker thread, never the GUI thread.
    """

    def _post(self, path: str, model: type[Any], body: Any = None) -> Any:
        return self._parse(model, self._json(self._request("POST", path, json=body)))

    def _list(self, path: str, model: type[Any], params: dict[str, Any] | None = None) -> Any:
        data = self._json(self._request("GET", path, params=params))
        try:
            return TypeAdapter(list[model]).validate_python(data or [])  # type: ignore[valid-type]
        except ValidationError as exc:
            raise self._bad(model, exc) from exc

    def snapshot(self) -> Snapshot:
        return self._get("/snapshot", Snapshot)

    def queues(self) -> list[QueueOut]:
        return self._list("/queues", QueueOut)

    def force_state(self, agent_id: int, state: AgentState, reason: str | None = None) -> AgentOut:
        return self._post(f"/agents/{agent_id}/state", AgentOut, {"state": state.value, "reason": reason})

    def send_message(self, to_agent_id: int | None, text: str) -> MessageOut:
        return self._post("/messages", MessageOut, {"to_agent_id": to_agent_id, "text": text})

    def publish_notice(self, notice: NoticeCreate) -> NoticeOut:
        return self._post("/notices", NoticeOut, notice.model_dump(mode="json", exclude_none=True))

    def withdraw_notice(self, notice_id: int) -> NoticeOut:
        return self._post(f"/notices/{notice_id}/withdraw", NoticeOut)

    def blacklist(self) -> list[BlacklistOut]:
        return self._list("/blacklist", BlacklistOut)

    def block_number(self, entry: BlacklistCreate) -> BlacklistOut:
        return self._post("/blacklist", BlacklistOut, entry.model_dump(mode="json", exclude_none=True))

    def lift_block(self, entry_id: int) -> BlacklistOut:
        return self._parse(BlacklistOut, self._json(self._request("DELETE", f"/blacklist/{entry_id}")))

    def tickets(self, **filters: Any) -> TicketPage:
        return self._get("/tickets", TicketPage, params=_params(filters))

    def overdue(self) -> OverdueSummary:
        return self._get("/tickets/overdue", OverdueSummary)

    def ticket(self, serial: str) -> TicketDetail:
        return self._get(f"/tickets/{quote(serial, safe='')}", TicketDetail)

    def ticket_action(self, serial: str, action: TicketActionRequest) -> TicketDetail:
        body = action.model_dump(mode="json", exclude_none=True)
        return self._post(f"/tickets/{quote(serial, safe='')}/events", TicketDetail, body)

    def decide_extension(
        self, serial: str, extension_id: int, decision: ExtensionDecisionRequest
    ) -> TicketDetail:
        path = f"/tickets/{quote(serial, safe='')}/extensions/{extension_id}/decision"
        return self._post(path, TicketDetail, decision.model_dump(mode="json", exclude_none=True))

    def state_log(self, agent_id: int, since: datetime) -> list[StateLogEntry]:
        return self._list(f"/agents/{agent_id}/state-log", StateLogEntry, _params({"since": since}))

    def agent_calls(self, agent_id: int, since: datetime, until: datetime) -> list[AgentCallRow]:
        params = _params({"since": since, "until": until})
        return self._list(f"/reports/agents/{agent_id}/calls", AgentCallRow, params)

    def call_volume(
        self, since: datetime, until: datetime, bucket: Bucket, by_queue: bool = False
    ) -> CallVolumeReport:
        params = _params({"since": since, "until": until, "bucket": bucket.value, "by_queue": by_queue})
        return self._get("/reports/call-volume", CallVolumeReport, params=params)

    def agent_report(self, since: datetime, until: datetime) -> AgentReport:
        return self._get("/reports/agents", AgentReport, params=_params({"since": since, "until": until}))

    def frequent_callers(self, since: datetime, until: datetime, min_calls: int = 3) -> FrequentCallersReport:
        params = _params({"since": since, "until": until, "min_calls": min_calls})
        return self._get("/reports/frequent-callers", FrequentCallersReport, params=params)

    def ticket_report(self, since: datetime, until: datetime, grouping: TicketGrouping) -> TicketReport:
        params = _params({"since": since, "until": until, "group_by": grouping.value})
        return self._get("/reports/tickets", TicketReport, params=params)

    def wallboard(self, hours: int = 8, interval_minutes: int = 15) -> WallboardSeries:
        params = {"hours": hours, "interval_minutes": interval_minutes}
        return self._get("/reports/wallboard", WallboardSeries, params=params)

    def waiting_calls(self) -> list[WaitingCall]:
        return self._list("/reports/waiting-calls", WaitingCall)

    def live_queues(self) -> list[LiveQueueFigures]:
        """The ACD's live figures; 404/503 while the server runs without its call path."""
        return self._list("/callcenter/queues", LiveQueueFigures)

    def live(self) -> LiveOverview:
        """The conversations the call centre carries now, with their conference rooms (``GET
        /callcenter/live``). 503 ``call_path_off`` while the server runs without its call path (then there
        are no rooms); 404 from a server without the call centre's router."""
        return self._get("/callcenter/live", LiveOverview)

    def recordings(self, **filters: Any) -> list[RecordingOut]:
        return self._list("/recordings", RecordingOut, _params(filters))

    def download_recording(self, recording_id: int, target: Path) -> Path:
        return self._download(f"/recordings/{recording_id}/audio", target)

    def qa_forms(self) -> list[QaFormOut]:
        return self._list("/qa/forms", QaFormOut)

    def evaluate(self, evaluation: EvaluationIn) -> EvaluationOut:
        return self._post("/qa/evaluations", EvaluationOut, evaluation.model_dump(mode="json"))

    def evaluations(self, recording_id: int | None = None) -> list[EvaluationOut]:
        return self._list("/qa/evaluations", EvaluationOut, _params({"recording_id": recording_id}))

    def qa_stats(self) -> list[AgentScoreStats]:
        return self._list("/qa/stats", AgentScoreStats)

    def audit(self, **filters: Any) -> list[AuditEntryOut]:
        return self._list("/audit", AuditEntryOut, _params(filters))

    def supervise(self, agent_id: int, mode: SupervisionMode | None) -> SupervisionAck:
        """Ask the server to bridge this leader into the agent's conversation, change the mode, or end it
        (``mode=None``). Audited by the server. Without the call path the server answers 404 (router not
        mounted) or 503 ``call_path_off``; the console says so."""
        body = {"agent_id": agent_id, "mode": mode.value if mode is not None else None}
        return self._post("/supervision", SupervisionAck, body)
