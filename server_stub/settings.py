"""Server settings: where the data lives, how to reach the database, and the few tunables tests lower."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .db.engine import sqlite_url_for


@dataclass(frozen=True)
class PasswordCost:
    """Argon2id cost. Production uses argon2-cffi's RFC 9106 "low memory" profile; tests use a tiny one."""

    time_cost: int = 3
    memory_cost_kib: int = 65536
    parallelism: int = 4


#: Cheap enough that a test suite hashing hundreds of passwords stays fast; never use in production.
TEST_PASSWORD_COST = PasswordCost(time_cost=1, memory_cost_kib=8, parallelism=1)


@dataclass(frozen=True)
class Settings:
    """Everything :func:`server_stub.app.create_app` needs; immutable once the app is built."""

    data_dir: Path
    database_url: str | None = None
    host: str = "127.0.0.1"
    http_port: int = 8080
    demo_data: bool = False
    #: A bearer token lives for one long shift; agents sign in again the next day.
    token_ttl_seconds: int = 12 * 3600
    password_cost: PasswordCost = field(default_factory=PasswordCost)
    #: How many recent events the hub keeps so a reconnecting client can replay instead of resyncing.
    event_buffer_size: int = 2048
    #: Where event numbering starts; ``None`` = the clock in milliseconds, so numbers keep growing across
    #: restarts (tests use 0 for readable numbers).
    event_seq_start: int | None = None
    #: An agent whose last event socket closed and did not come back within this is logged out.
    presence_grace_seconds: float = 60.0
    #: Run Alembic to head on start (tests hand in an already-migrated database and skip it).
    migrate_on_start: bool = True
    #: Sign-in lockout: this many failed attempts for one work number within the window lock it …
    login_max_failures: int = 5
    #: … and this many from one client address (guessing across work numbers) lock that address
    login_max_client_failures: int = 30
    login_failure_window_seconds: float = 900.0
    login_lockout_seconds: float = 900.0

    @property
    def effective_database_url(self) -> str:
        return self.database_url or sqlite_url_for(self.data_dir)

    @property
    def recordings_dir(self) -> Path:
        return self.data_dir / "recordings"

    @property
    def voicemail_dir(self) -> Path:
        return self.data_dir / "voicemail"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"
