"""What can go wrong talking to the server, as exceptions a UI can show without a stack trace."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ClientErrorId(StrEnum):
    UNREACHABLE = "unreachable"  # no TCP connection, DNS, timeout: the app goes offline
    NOT_AUTHENTICATED = "not_authenticated"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    INVALID_INPUT = "invalid_input"
    SERVER_ERROR = "server_error"
    BAD_RESPONSE = "bad_response"  # the server answered something this client cannot read


class ApiClientError(Exception):
    """A refused or failed request. ``message`` is meant for a person; ``error_id`` is stable.

    ``server_error_id`` is the server's own ``error_id`` (e.g. ``invalid_transition``) when it sent one.
    """

    def __init__(
        self,
        message: str,
        *,
        error_id: ClientErrorId,
        status: int | None = None,
        server_error_id: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.error_id = error_id
        self.status = status
        self.server_error_id = server_error_id
        self.details = details or {}

    @property
    def is_unreachable(self) -> bool:
        return self.error_id is ClientErrorId.UNREACHABLE

    @property
    def is_retryable(self) -> bool:
        """Worth sending again later unchanged (offline outbox): the server never judged it."""
        return self.error_id in (ClientErrorId.UNREACHABLE, ClientErrorId.SERVER_ERROR)

    def __str__(self) -> str:
        return self.message


_BY_STATUS = {
    401: ClientErrorId.NOT_AUTHENTICATED,
    403: ClientErrorId.FORBIDDEN,
    404: ClientErrorId.NOT_FOUND,
    409: ClientErrorId.CONFLICT,
    422: ClientErrorId.INVALID_INPUT,
    400: ClientErrorId.INVALID_INPUT,
}


def error_for_status(status: int, body: Any) -> ApiClientError:
    """Turn an error response (``{"error_id", "message", "details"}`` or anything else) into an error."""
    server_id: str | None = None
    message = ""
    details: dict[str, Any] = {}
    if isinstance(body, dict):
        server_id = body.get("error_id") if isinstance(body.get("error_id"), str) else None
        message = str(body.get("message") or body.get("detail") or "")
        raw_details = body.get("details")
        details = raw_details if isinstance(raw_details, dict) else {}
    fallback = ClientErrorId.SERVER_ERROR if status >= 500 else ClientErrorId.BAD_RESPONSE
    error_id = _BY_STATUS.get(status, fallback)
    if not message:
        message = f"The server refused the request (HTTP {status})."
    return ApiClientError(
        message, error_id=error_id, status=status, server_error_id=server_id, details=details
    )
