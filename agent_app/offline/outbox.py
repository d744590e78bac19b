"""The offline outbox: ticket creations waiting for the server, in a small SQLite file.

Each entry carries a client-generated ``client_ref`` that the server treats as an idempotency key, so a
resend after a crash or a lost answer creates the ticket once. Entries are sent strictly in the order
they were saved; an entry leaves the outbox only after the server confirmed it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    client_ref TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    ticket_json TEXT NOT NULL,
    customer_json TEXT,
    customer_id INTEGER,
    link_serial TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
"""


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    client_ref: str
    created_at: datetime
    ticket: dict[str, Any]  # TicketCreate as JSON, client_ref included
    new_customer: dict[str, Any] | None  # CustomerCreate for a first-time caller
    customer_id: int | None  # set once the customer was created, so a resend does not create it again
    link_serial: str | None
    attempts: int
    last_error: str | None


def new_client_ref() -> str:
    return uuid.uuid4().hex


class Outbox:
    """Threading contract: every method may be called from any thread (one lock, short transactions).

    Writes are committed before the method returns (``synchronous=FULL``), so nothing acknowledged to
    the call-taker is lost if the PC loses power.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            db = sqlite3.connect(self.path, timeout=5.0)
            try:
                db.execute("PRAGMA synchronous=FULL")
                with db:
                    yield db
            finally:
                db.close()

    def add(
        self,
        ticket: dict[str, Any],
        *,
        new_customer: dict[str, Any] | None = None,
        link_serial: str | None = None,
    ) -> str:
        client_ref = str(ticket.get("client_ref") or new_client_ref())
        ticket = {**ticket, "client_ref": client_ref}
        with self._connect() as db:
            db.execute(
                "INSERT INTO outbox (client_ref, created_at, ticket_json, customer_json, link_serial)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    client_ref,
                    datetime.now(UTC).isoformat(),
                    json.dumps(ticket, ensure_ascii=False),
                    json.dumps(new_customer, ensure_ascii=False) if new_customer else None,
                    link_serial,
                ),
            )
        return client_ref

    def pending(self) -> list[OutboxEntry]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT seq, client_ref, created_at, ticket_json, customer_json, customer_id, link_serial,"
                " attempts, last_error FROM outbox ORDER BY seq"
            ).fetchall()
        return [
            OutboxEntry(
                seq,
                ref,
                datetime.fromisoformat(created),
                json.loads(ticket),
                json.loads(customer) if customer else None,
                customer_id,
                link,
                attempts,
                error,
            )
            for seq, ref, created, ticket, customer, customer_id, link, attempts, error in rows
        ]

    def count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])

    def set_customer(self, client_ref: str, customer_id: int) -> None:
        with self._connect() as db:
            db.execute("UPDATE outbox SET customer_id = ? WHERE client_ref = ?", (customer_id, client_ref))

    def record_failure(self, client_ref: str, error: str) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE client_ref = ?",
                (error, client_ref),
            )

    def remove(self, client_ref: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM outbox WHERE client_ref = ?", (client_ref,))
