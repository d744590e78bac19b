"""What a seat keeps so it can sign in while the server is down: per work number, an argon2id verifier
of the password, the SIP credentials and the agent's profile, for a limited time.

Written after every successful online sign-in, dropped when the server later refuses that password or
when it expires (7 days by default). The password itself is never stored: only the verifier, against
which the same work number and password are checked offline, as strictly as the server would.

The SIP credentials, unlike the password, must be readable again (the phone registers with them), so they
cannot be hashed. How they are protected:

* Windows: the whole record is sealed with DPAPI (``CryptProtectData``, current user), so copying the
  file to another PC or reading it as another Windows user yields nothing usable.
* elsewhere: a file readable only by its owner (mode 0600) in the user's own data folder, the way ssh
  and gpg keep private keys. Linux seats have no key store one can count on (a Secret Service daemon is
  often absent on kiosk-style seats), and the threat is another local account, which 0600 stops.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from shared.client.models import AgentOut, SipCredentials

from . import dpapi

logger = logging.getLogger(__name__)

DEFAULT_LIFETIME = timedelta(days=7)
_WORK_NUMBER = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")  # also keeps file names inside the folder
_FORMAT = 1


class OfflineSignInError(Exception):
    """Offline sign-in is not possible; ``reason`` is stable, the message is for the call-taker's log."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class OfflineSeat:
    """What an offline sign-in yields: who signed in, the SIP account, until when this PC may do so."""

    agent: AgentOut
    sip: SipCredentials
    saved_at: datetime
    expires_at: datetime


def _utcnow() -> datetime:
    return datetime.now(UTC)


class _Seal:
    """Protects the record's bytes at rest: DPAPI on Windows, nothing beyond the 0600 file elsewhere."""

    def seal(self, data: bytes) -> bytes:
        return dpapi.protect(data, "Hotline Desk offline sign-in") if dpapi.available() else data

    def open(self, data: bytes) -> bytes:
        return dpapi.unprotect(data) if dpapi.available() else data


class OfflineSignInCache:
    """One protected file per work number under ``directory``.

    Threading contract: any thread (one lock; argon2 work takes ~0.1 s, so call it off the GUI thread,
    i.e. through the bridge). Writes go to a temporary 0600 file that replaces the old one, so a crash
    never leaves half a record.
    """

    def __init__(
        self,
        directory: Path,
        *,
        lifetime: timedelta = DEFAULT_LIFETIME,
        now: Callable[[], datetime] = _utcnow,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.directory = directory
        self.lifetime = lifetime
        self._now = now
        self._hasher = hasher or PasswordHasher()  # argon2id with the library's current defaults
        self._seal = _Seal()
        self._lock = threading.Lock()

    def _path(self, work_number: str) -> Path | None:
        if not _WORK_NUMBER.match(work_number):
            return None
        return self.directory / f"{work_number}.seat"

    def remember(self, work_number: str, password: str, agent: AgentOut, sip: SipCredentials) -> None:
        """After a successful online sign-in: (re)write the record, valid for :attr:`lifetime` from now."""
        path = self._path(work_number)
        if path is None or not self.lifetime > timedelta(0):
            return
        saved = self._now()
        record = {
            "format": _FORMAT,
            "work_number": work_number,
            "verifier": self._hasher.hash(password),
            "agent": agent.model_dump(mode="json"),
            "sip": sip.model_dump(mode="json"),
            "saved_at": saved.isoformat(),
            "expires_at": (saved + self.lifetime).isoformat(),
        }
        data = self._seal.seal(json.dumps(record, ensure_ascii=False).encode("utf-8"))
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            if sys.platform != "win32":
                os.chmod(self.directory, 0o700)
            temp = path.with_suffix(".tmp")
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, path)
        logger.info("offline sign-in for %s kept until %s", work_number, record["expires_at"])

    def _read(self, work_number: str) -> dict[str, object] | None:
        path = self._path(work_number)
        if path is None:
            return None
        with self._lock:
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                return None
            except OSError as exc:  # e.g. made unreadable by hand: offline sign-in is just not offered
                logger.warning("offline sign-in record for %s cannot be read: %s", work_number, exc)
                return None
        try:
            record = json.loads(self._seal.open(data).decode("utf-8"))
        except (OSError, ValueError) as exc:
            logger.warning("offline sign-in record for %s is unreadable (%s); dropping it", work_number, exc)
            self.forget(work_number)
            return None
        if not isinstance(record, dict) or record.get("format") != _FORMAT or self._expiry(record) is None:
            self.forget(work_number)
            return None
        return record

    @staticmethod
    def _expiry(record: dict[str, object]) -> datetime | None:
        """The record's end of validity; ``None`` when it is missing or garbled (the record is unusable)."""
        try:
            expires_at = datetime.fromisoformat(str(record["expires_at"]))
        except (KeyError, ValueError):
            return None
        return expires_at if expires_at.tzinfo is not None else None

    def available(self, work_number: str) -> bool:
        """Whether an unexpired record exists (no password check; for offering 'work offline')."""
        if not self.lifetime > timedelta(0):
            return False  # offline sign-in turned off (login/offline_sign_in_days = 0)
        record = self._read(work_number)
        if record is None:
            return False
        expires_at = self._expiry(record)
        return expires_at is not None and self._now() < expires_at

    def verify(self, work_number: str, password: str) -> OfflineSeat:
        """The seat for this work number and password, or :class:`OfflineSignInError`."""
        if not self.lifetime > timedelta(0):
            self.forget(work_number)
            raise OfflineSignInError("unknown", "offline sign-in is turned off on this seat")
        record = self._read(work_number)
        if record is None:
            raise OfflineSignInError("unknown", f"no offline sign-in kept for {work_number}")
        expires_at = self._expiry(record)
        assert expires_at is not None  # _read drops a record without one
        if self._now() >= expires_at:
            self.forget(work_number)
            raise OfflineSignInError("expired", f"offline sign-in for {work_number} expired at {expires_at}")
        try:
            self._hasher.verify(str(record["verifier"]), password)
        except (VerificationError, InvalidHashError) as exc:
            raise OfflineSignInError("wrong_password", f"wrong password for {work_number}") from exc
        try:
            return OfflineSeat(
                agent=AgentOut.model_validate(record["agent"]),
                sip=SipCredentials.model_validate(record["sip"]),
                saved_at=datetime.fromisoformat(str(record["saved_at"])),
                expires_at=expires_at,
            )
        except (KeyError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
            logger.warning("offline sign-in record for %s is damaged (%s); dropping it", work_number, exc)
            self.forget(work_number)
            raise OfflineSignInError(
                "unknown", f"the offline sign-in kept for {work_number} is damaged"
            ) from exc

    def forget(self, work_number: str) -> None:
        path = self._path(work_number)
        if path is None:
            return
        with self._lock:
            try:
                path.unlink()
                logger.info("offline sign-in for %s dropped", work_number)
            except FileNotFoundError:
                pass
