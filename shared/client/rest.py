"""The REST half of the client: typed methods over ``requests`` with bearer-token handling.

Every path the apps use is in :class:`Paths`, so a server-side rename is a one-line change here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import requests
from pydantic import BaseModel, TypeAdapter, ValidationError

from shared.protocol.enums import AgentState
from shared.protocol.knowledge import KnowledgeFeed

from .errors import ApiClientError, ClientErrorId, error_for_status
from .models import (
    AgentOut,
    AgentToday,
    CallbackOut,
    CategoryOut,
    ConferenceInvite,
    ConferenceOut,
    ConferencePartyKind,
    CustomerCreate,
    CustomerOut,
    DepartmentOut,
    DirectoryEntry,
    KnowledgeSnapshotFile,
    LoginResponse,
    NoticeOut,
    OutboundResult,
    QueueOut,
    ReasonOut,
    ScreenPop,
    SipCredentials,
    TicketCreate,
    TicketOut,
    TicketTemplate,
    TransferKind,
    TransferResult,
    VoicemailOut,
)

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
API_PREFIX = "/api/v1"


class Paths:
    """Every REST path the apps use, relative to ``/api/v1`` (constants only)."""

    LOGIN = "/auth/login"
    LOGOUT = "/auth/logout"
    ME = "/auth/me"
    HEALTH = "/health"
    MY_STATE = "/agents/me/state"
    SIP_CREDENTIALS = "/agents/me/sip-credentials"
    REASONS = "/reasons"
    TODAY = "/agents/me/today"
    DIRECTORY = "/agents/directory"
    QUEUES = "/queues"
    TRANSFER = "/callcenter/transfer"
    OUTBOUND = "/callcenter/outbound"
    CONFERENCE = "/callcenter/conference"
    CONFERENCE_PARTY = "/callcenter/conference/parties/{party_id}"
    SCREEN_POP = "/screen-pop/{number}"
    CUSTOMERS = "/customers"
    TICKETS = "/tickets"
    DEPARTMENTS = "/departments"
    CATEGORIES = "/categories"
    TEMPLATES = "/tickets/templates"
    KNOWLEDGE_FEED = "/knowledge/feed"
    KNOWLEDGE_SNAPSHOT = "/knowledge/snapshot"
    CALLBACKS = "/callbacks/mine"
    CALLBACK_RESULT = "/callbacks/{id}/result"
    VOICEMAILS = "/voicemails"
    VOICEMAIL_STATUS = "/voicemails/{id}/status"
    VOICEMAIL_AUDIO = "/voicemails/{id}/audio"
    NOTICES = "/notices"


class HotlineClient:
    """Blocking REST client for ``/api/v1``.

    Threading contract: safe to call from several worker threads at once (one ``requests.Session``
    with a connection pool; the token is guarded by a lock). Never call it on the GUI thread: use
    :class:`shared.client.qt.ApiBridge`. Every failure is an :class:`ApiClientError`.
    """

    def __init__(self, base_url: str, *, timeout_s: float = 5.0, token: str | None = None) -> None:
        base = base_url.strip().rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise ApiClientError(
                f"The server address '{base_url}' must start with http:// or https://.",
                error_id=ClientErrorId.INVALID_INPUT,
            )
        self._base = base
        self._timeout = timeout_s
        self._lock = threading.Lock()
        self._token = token
        self._agent_id: int | None = None
        self._session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=8, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    # ---- plumbing ---------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return self._base

    @property
    def token(self) -> str | None:
        with self._lock:
            return self._token

    def set_token(self, token: str | None) -> None:
        with self._lock:
            self._token = token
        self._agent_id = None  # a new token may be someone else's

    def close(self) -> None:
        self._session.close()

    def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        stream: bool = False,
        timeout_s: float | None = None,
    ) -> requests.Response:
        all_headers = {"Accept": "application/json"}
        token = self.token
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        all_headers.update(headers or {})
        url = f"{self._base}{API_PREFIX}{path}"
        try:
            response = self._session.request(
                method,
                url,
                json=json,
                params=params,
                headers=all_headers,
                timeout=timeout_s or self._timeout,
                stream=stream,
            )
        except requests.RequestException as exc:
            logger.info("%s %s failed: %s", method, url, exc)
            raise ApiClientError(
                f"Cannot reach the server at {self._base}; check the network or tell IT.",
                error_id=ClientErrorId.UNREACHABLE,
            ) from exc
        if response.status_code >= 400:
            try:
                body: Any = response.json()
            except ValueError:
                body = None
            error = error_for_status(response.status_code, body)
            response.close()
            logger.info("%s %s → %s %s", method, path, response.status_code, error.server_error_id)
            raise error
        return response

    @staticmethod
    def _json(response: requests.Response) -> Any:
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise ApiClientError(
                "The server sent an answer this app cannot read; is the server address right?",
                error_id=ClientErrorId.BAD_RESPONSE,
                status=response.status_code,
            ) from exc

    def _get(self, path: str, model: type[M], **kw: Any) -> M:
        return self._parse(model, self._json(self._request("GET", path, **kw)))

    def _get_list(self, path: str, model: type[M], **kw: Any) -> list[M]:
        data = self._json(self._request("GET", path, **kw))
        if isinstance(data, dict) and "items" in data:  # paged bodies
            data = data["items"]
        try:
            return TypeAdapter(list[model]).validate_python(data or [])  # type: ignore[valid-type]
        except ValidationError as exc:
            raise self._bad(model, exc) from exc

    def _parse(self, model: type[M], data: Any) -> M:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise self._bad(model, exc) from exc

    @staticmethod
    def _bad(model: type[BaseModel], exc: ValidationError) -> ApiClientError:
        logger.warning("unreadable %s from server: %s", model.__name__, exc)
        return ApiClientError(
            f"The server sent {model.__name__} data this app version cannot read; update the app or tell IT.",
            error_id=ClientErrorId.BAD_RESPONSE,
        )

    def _download(self, path: str, target: Path, progress: Callable[[int, int], None] | None = None) -> Path:
        """Stream ``path`` into ``target`` (renamed into place only when complete); returns ``target``."""
        self._download_with_headers(path, target, progress)
        return target

    def _download_with_headers(
        self, path: str, target: Path, progress: Callable[[int, int], None] | None = None
    ) -> requests.structures.CaseInsensitiveDict[str]:
        """:meth:`_download`, returning the response headers (versions, checksums)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        response = self._request("GET", path, stream=True, timeout_s=max(self._timeout, 30.0))
        total = int(response.headers.get("Content-Length") or 0)
        done = 0
        try:
            with partial.open("wb") as out:
                for chunk in response.iter_content(chunk_size=256 * 1024):
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
        except (requests.RequestException, OSError) as exc:
            partial.unlink(missing_ok=True)
            raise ApiClientError(
                "The download was interrupted; it will be retried.", error_id=ClientErrorId.UNREACHABLE
            ) from exc
        finally:
            response.close()
        partial.replace(target)  # never leave a half-written file under the real name
        return response.headers

    # ---- session ----------------------------------------------------------------------------

    def login(self, work_number: str, password: str) -> LoginResponse:
        if not work_number.strip() or not password:
            raise ApiClientError("Enter your work number and password.", error_id=ClientErrorId.INVALID_INPUT)
        response = self._request(
            "POST", Paths.LOGIN, json={"work_number": work_number.strip(), "password": password}
        )
        result = self._parse(LoginResponse, self._json(response))
        self.set_token(result.token)
        self._agent_id = result.agent.id
        return result

    def logout(self) -> None:
        try:
            if self.token:
                self._request("POST", Paths.LOGOUT)
        finally:
            self.set_token(None)

    def me(self) -> AgentOut:
        return self._get(Paths.ME, AgentOut)

    def sip_credentials(self) -> SipCredentials:
        return self._get(Paths.SIP_CREDENTIALS, SipCredentials)

    def health(self) -> bool:
        try:
            self._request("GET", Paths.HEALTH, timeout_s=min(self._timeout, 2.0))
        except ApiClientError as exc:
            # it answered, even if it refused: that is "reachable"
            return not (exc.is_unreachable or exc.error_id is ClientErrorId.SERVER_ERROR)
        return True

    # ---- agent state ------------------------------------------------------------------------

    def set_state(self, state: AgentState, reason: str | None = None) -> AgentOut:
        body = {"state": state.value, "reason": reason}
        return self._parse(AgentOut, self._json(self._request("POST", Paths.MY_STATE, json=body)))

    def not_ready_reasons(self) -> list[ReasonOut]:
        return self._get_list(Paths.REASONS, ReasonOut)

    def today_counters(self) -> AgentToday:
        return self._get(Paths.TODAY, AgentToday)

    def directory(self) -> list[DirectoryEntry]:
        return self._get_list(Paths.DIRECTORY, DirectoryEntry)

    def transfer_call(
        self, kind: TransferKind, value: str, *, consult: bool = False, ticket: str | None = None
    ) -> TransferResult:
        """Hand the caller the agent is talking to on, through the server (the call's data and the
        ticket follow). 503 ``call_path_off`` when the server runs without the call path."""
        body = {"kind": kind.value, "value": value, "consult": consult, "ticket": ticket}
        return self._parse(TransferResult, self._json(self._request("POST", Paths.TRANSFER, json=body)))

    def dial_outbound(self, number: str, *, callback_id: int | None = None) -> OutboundResult:
        """The server rings this agent's softphone (auto-answer), then dials ``number`` on the trunk."""
        body = {"number": number, "callback_id": callback_id}
        return self._parse(OutboundResult, self._json(self._request("POST", Paths.OUTBOUND, json=body)))

    def invite_to_conference(self, kind: ConferencePartyKind, value: str) -> ConferenceOut:
        """Dial a colleague (``agent``, work number) or a department / outside number (``number``) into
        the conversation this agent is talking in; the answer is the whole room (the new party ringing).
        Refusals carry the server's ``error_id``: ``room_full``, ``already_in_room``,
        ``agent_unavailable`` (409), ``no_conversation`` (404), ``call_path_off`` (503)."""
        try:
            body = ConferenceInvite(kind=kind, value=value).model_dump(mode="json")
        except ValidationError as exc:
            raise ApiClientError(
                "Choose a colleague or department, or type a number of at most 64 characters.",
                error_id=ClientErrorId.INVALID_INPUT,
            ) from exc
        return self._parse(ConferenceOut, self._json(self._request("POST", Paths.CONFERENCE, json=body)))

    def conference(self) -> ConferenceOut | None:
        """The room of this agent's conversation, ``None`` when there is none (404 ``no_conference``)."""
        try:
            return self._get(Paths.CONFERENCE, ConferenceOut)
        except ApiClientError as exc:
            if exc.server_error_id == "no_conference":
                return None
            raise

    def remove_conference_party(self, party_id: str) -> ConferenceOut | None:
        """Hang up one party of the room this agent owns; the room as it is now, when the server sends it
        (the ``conference_did_change`` event follows either way)."""
        path = Paths.CONFERENCE_PARTY.format(party_id=quote(party_id, safe=""))
        data = self._json(self._request("DELETE", path))
        if isinstance(data, dict) and "parties" in data:
            return self._parse(ConferenceOut, data)
        return None

    def queues(self) -> list[QueueOut]:
        """Every queue (transfer targets; each queue's wrap-up time)."""
        return self._get_list(Paths.QUEUES, QueueOut)

    # ---- calls, customers, tickets ----------------------------------------------------------

    def screen_pop(self, caller_number: str) -> ScreenPop:
        return self._get(Paths.SCREEN_POP.format(number=quote(caller_number, safe="")), ScreenPop)

    def create_customer(self, draft: CustomerCreate) -> CustomerOut:
        body = draft.model_dump(mode="json", exclude_none=True)
        return self._parse(CustomerOut, self._json(self._request("POST", Paths.CUSTOMERS, json=body)))

    def create_ticket(self, draft: TicketCreate) -> TicketOut:
        """Register a ticket. With ``draft.client_ref`` set, sending it twice creates it once."""
        headers = {"Idempotency-Key": draft.client_ref} if draft.client_ref else None
        body = draft.model_dump(mode="json", exclude_none=True)
        response = self._request("POST", Paths.TICKETS, json=body, headers=headers)
        return self._parse(TicketOut, self._json(response))

    def link_tickets(self, serial: str, other_serial: str) -> None:
        """Mark two tickets as the same matter (``POST /tickets/{serial}/links``)."""
        path = f"{Paths.TICKETS}/{quote(serial, safe='')}/links"
        self._request("POST", path, json={"serial": other_serial})

    def my_tickets(self) -> list[TicketOut]:
        """The signed-in agent's tickets, newest first (one page of 100)."""
        agent_id = self._agent_id if self._agent_id is not None else self.me().id
        return self._get_list(Paths.TICKETS, TicketOut, params={"agent_id": agent_id, "limit": 100})

    def departments(self) -> list[DepartmentOut]:
        return self._get_list(Paths.DEPARTMENTS, DepartmentOut)

    def categories(self) -> list[CategoryOut]:
        return self._get_list(Paths.CATEGORIES, CategoryOut)

    def ticket_templates(self) -> list[TicketTemplate]:
        """Canned texts; a server without the endpoint simply has none."""
        try:
            return self._get_list(Paths.TEMPLATES, TicketTemplate)
        except ApiClientError as exc:
            if exc.error_id in (ClientErrorId.NOT_FOUND, ClientErrorId.INVALID_INPUT):
                return []
            raise

    # ---- knowledge --------------------------------------------------------------------------

    def knowledge_feed(self, since: int, limit: int = 500) -> KnowledgeFeed:
        return self._get(Paths.KNOWLEDGE_FEED, KnowledgeFeed, params={"since": since, "limit": limit})

    def download_knowledge_snapshot(
        self, target: Path, progress: Callable[[int, int], None] | None = None
    ) -> KnowledgeSnapshotFile | None:
        """The server's prebuilt index (ZIP) into ``target``; ``None`` if it has none ready (503/404)."""
        try:
            headers = self._download_with_headers(Paths.KNOWLEDGE_SNAPSHOT, target, progress)
        except ApiClientError as exc:
            if exc.status in (404, 503):
                logger.info("no knowledge snapshot: %s", exc.message)
                return None
            raise
        try:
            version = int(headers.get("X-Knowledge-Version", "0"))
        except ValueError:
            version = 0
        return KnowledgeSnapshotFile(target, version, headers.get("X-Snapshot-Sha256"))

    # ---- work lists -------------------------------------------------------------------------

    def my_callbacks(self) -> list[CallbackOut]:
        return self._get_list(Paths.CALLBACKS, CallbackOut)

    def update_callback(self, callback_id: int, status: str) -> CallbackOut:
        path = Paths.CALLBACK_RESULT.format(id=callback_id)
        return self._parse(CallbackOut, self._json(self._request("POST", path, json={"status": status})))

    def my_voicemails(self) -> list[VoicemailOut]:
        return self._get_list(Paths.VOICEMAILS, VoicemailOut)

    def voicemail_audio(self, voicemail_id: int, target: Path) -> Path:
        return self._download(Paths.VOICEMAIL_AUDIO.format(id=voicemail_id), target)

    def mark_voicemail_done(self, voicemail_id: int) -> VoicemailOut:
        path = Paths.VOICEMAIL_STATUS.format(id=voicemail_id)
        return self._parse(VoicemailOut, self._json(self._request("POST", path, json={"status": "done"})))

    def mark_voicemail_heard(self, voicemail_id: int) -> VoicemailOut:
        path = Paths.VOICEMAIL_STATUS.format(id=voicemail_id)
        return self._parse(VoicemailOut, self._json(self._request("POST", path, json={"status": "heard"})))

    def notices(self) -> list[NoticeOut]:
        return self._get_list(Paths.NOTICES, NoticeOut)
