"""Registrar logins from the database: every active agent/leader with a SIP password, kept in step with
Kamailio by a small poller (an admin's change takes effect within ``interval_s``, without a restart)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Agent
from .kamailio import KamailioError, KamailioService

logger = logging.getLogger(__name__)


def load_sip_users(session: Session) -> dict[str, str]:
    """work number → SIP digest password for every active account that has one."""
    rows = session.execute(
        select(Agent.work_number, Agent.sip_password).where(
            Agent.active.is_(True), Agent.sip_password.is_not(None)
        )
    )
    return {str(work): str(pw) for work, pw in rows if pw}


class RegistrarSync:
    """Polls the agents table and pushes changed logins into Kamailio.

    Threading: owns one daemon thread; ``start``/``stop``/``sync_now`` from the owner thread."""

    def __init__(
        self, kamailio: KamailioService, session_factory: Callable[[], Session], interval_s: float = 2.0
    ) -> None:
        self._kamailio = kamailio
        self._session_factory = session_factory
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def sync_now(self) -> int:
        with self._session_factory() as session:
            users = load_sip_users(session)
        with self._lock:
            changed = self._kamailio.sync_users(users)
        if changed:
            logger.info("registrar: %d login(s) changed", changed)
        return changed

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="registrar-sync", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self.sync_now()
            except (KamailioError, OSError) as exc:
                logger.warning("registrar sync failed (retrying): %s", exc)
            except Exception:  # the poller must outlive a bad row or a database hiccup
                logger.exception("registrar sync failed (retrying)")
