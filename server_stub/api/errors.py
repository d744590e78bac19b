"""API errors: every refusal carries a stable ``error_id`` and a message a person can act on.

Services raise :class:`ApiError` subclasses (or return ``None`` for "not found", which routers turn into
:class:`NotFound`); the handlers installed by :func:`install_error_handlers` turn them, request-validation
failures and any unexpected exception into JSON bodies ``{"error_id", "message", "details"}`` — never a
bare 500 with a stack trace.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)


def error_body(error_id: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """The one shape every refusal has on the wire (REST and the event socket)."""
    return {"error_id": error_id, "message": message, "details": details or {}}


class ApiError(Exception):
    status_code: int = status.HTTP_400_BAD_REQUEST
    error_id: str = "bad_request"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None, error_id: str | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or {}
        if error_id is not None:
            self.error_id = error_id

    def body(self) -> dict[str, Any]:
        return error_body(self.error_id, self.message, self.details)


class InvalidInput(ApiError):
    status_code = status.HTTP_422_UNPROCESSABLE_CONTENT
    error_id = "invalid_input"


class NotAuthenticated(ApiError):
    status_code = status.HTTP_401_UNAUTHORIZED
    error_id = "not_authenticated"


class Forbidden(ApiError):
    status_code = status.HTTP_403_FORBIDDEN
    error_id = "forbidden"


class NotFound(ApiError):
    status_code = status.HTTP_404_NOT_FOUND
    error_id = "not_found"


class Conflict(ApiError):
    status_code = status.HTTP_409_CONFLICT
    error_id = "conflict"


class InvalidTransition(Conflict):
    error_id = "invalid_transition"


def require_utc_offset(**moments: datetime | None) -> None:
    """Refuse a time without a UTC offset (whose hour would be ambiguous); ``None`` means "not given"."""
    for name, moment in moments.items():
        if moment is not None and moment.tzinfo is None:
            raise InvalidInput(
                f"Give {name} with a UTC offset, e.g. 2026-05-01T08:00:00+08:00.", error_id="invalid_date"
            )


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    problems = []
    for err in exc.errors():
        location = ".".join(str(part) for part in err.get("loc", ()) if part not in ("body", "query", "path"))
        problems.append({"field": location, "problem": err.get("msg", "invalid")})
    summary = "; ".join(f"{p['field'] or 'request'}: {p['problem']}" for p in problems[:5])
    return f"Please correct the request — {summary}", problems


def error_response(
    status_code: int,
    error_id: str,
    message: str,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        status_code=status_code, content=error_body(error_id, message, details), headers=headers
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(status_code=exc.status_code, content=exc.body())

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        message, problems = _validation_message(exc)
        return error_response(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_input", message, {"problems": problems}
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        error_id = {404: "not_found", 405: "method_not_allowed", 401: "not_authenticated"}.get(
            exc.status_code, "http_error"
        )
        return error_response(
            exc.status_code, error_id, str(exc.detail), headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(StaleDataError)
    async def _stale(_request: Request, _exc: StaleDataError) -> JSONResponse:
        return error_response(
            status.HTTP_409_CONFLICT,
            "edit_conflict",
            "Someone else changed this record meanwhile; reload it and apply your change again.",
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(_request: Request, exc: IntegrityError) -> JSONResponse:
        logger.warning("integrity error: %s", exc.orig)
        return error_response(
            status.HTTP_409_CONFLICT,
            "conflict",
            "This would duplicate or orphan existing data; check the values and try again.",
        )

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unexpected error", exc_info=exc)
        return error_response(
            status.HTTP_500_INTERNAL_SERVER_ERROR,
            "internal_error",
            "The server could not complete this request; nothing was saved. Try again or tell IT.",
        )
