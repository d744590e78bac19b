"""The one exception type of the telephony package; it wraps ``pjsua2.Error`` and our own guards."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

logger = logging.getLogger(__name__)


class TelephonyErrorId(StrEnum):
    """Stable ids a caller can branch on (the message is for people)."""

    PJSIP = "pjsip"  # pjsua2 refused; ``status`` holds PJSIP's pj_status_t
    NOT_STARTED = "not_started"
    ALREADY_STARTED = "already_started"
    WRONG_THREAD = "wrong_thread"
    INVALID_URI = "invalid_uri"
    INVALID_ARGUMENT = "invalid_argument"
    UNKNOWN_CALL = "unknown_call"
    UNKNOWN_ACCOUNT = "unknown_account"
    UNKNOWN_MEDIA = "unknown_media"
    WRONG_CALL_STATE = "wrong_call_state"
    TOO_MANY_ACCOUNTS = "too_many_accounts"
    TOO_MANY_CALLS = "too_many_calls"


class TelephonyError(Exception):
    """A telephony operation failed.

    ``status`` is PJSIP's numeric status (0 when the refusal is ours), ``reason`` a sentence a person can act
    on, ``error_id`` a stable identifier.
    """

    def __init__(
        self,
        reason: str,
        *,
        status: int = 0,
        error_id: TelephonyErrorId = TelephonyErrorId.PJSIP,
        operation: str = "",
    ) -> None:
        self.status = status
        self.reason = reason
        self.error_id = error_id
        self.operation = operation
        prefix = f"{operation}: " if operation else ""
        suffix = f" (PJSIP status {status})" if status else ""
        super().__init__(f"{prefix}{reason}{suffix}")

    @classmethod
    def from_pj(cls, err: Any, operation: str = "") -> TelephonyError:
        """Build from a ``pjsua2.Error`` (typed ``Any`` so callers need not import pjsua2)."""
        status = int(getattr(err, "status", 0) or 0)
        reason = str(getattr(err, "reason", "") or getattr(err, "info", lambda: str(err))())
        # PJSIP's reason text ends with " (PJ_E...)" codes; keep it whole, it is what their docs search for
        return cls(
            reason.strip() or "PJSIP error",
            status=status,
            error_id=TelephonyErrorId.PJSIP,
            operation=operation or str(getattr(err, "title", "")),
        )


@contextmanager
def pj_errors(operation: str) -> Iterator[None]:
    """Turn any ``pjsua2.Error`` raised inside into a :class:`TelephonyError` naming ``operation``."""
    import pjsua2 as pj

    try:
        yield
    except pj.Error as err:
        raise TelephonyError.from_pj(err, operation) from None
