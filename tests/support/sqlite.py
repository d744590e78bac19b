"""A migrated SQLite file to copy per test: migrating once per session and copying the file costs
milliseconds, running the migrations per test costs seconds."""

from __future__ import annotations

from pathlib import Path

from server_stub.db.engine import create_db_engine
from server_stub.db.migrations import upgrade_to_head


def write_migrated_sqlite(path: Path) -> Path:
    """Create ``path`` as a database migrated to head, its WAL folded in so a plain file copy is whole."""
    engine = create_db_engine(f"sqlite:///{path}")
    try:
        upgrade_to_head(engine)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return path
