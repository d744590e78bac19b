"""Keeps Kamailio running: if the process dies while the server runs, it is started again with the
current logins and media workers (softphones must register again; their next refresh does it)."""

from __future__ import annotations

import logging
import threading

from .kamailio import KamailioError, KamailioService

logger = logging.getLogger(__name__)


class KamailioWatchdog:
    """Restarts a dead Kamailio. Threading: one daemon thread; ``start``/``stop`` from the owner thread."""

    def __init__(self, kamailio: KamailioService, interval_s: float = 1.0) -> None:
        self._kamailio = kamailio
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.restarts = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="kamailio-watchdog", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(30)

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            if self._kamailio.running or self._stop.is_set():
                continue
            logger.error("Kamailio exited unexpectedly; starting it again (softphones will re-register)")
            try:
                self._kamailio.start()
                self.restarts += 1
            except KamailioError as exc:
                logger.error("Kamailio could not be restarted (retrying): %s", exc)
