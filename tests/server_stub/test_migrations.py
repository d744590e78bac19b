"""The schema the models describe is exactly the one the migrations build, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

import server_stub.db.models  # noqa: F401
from server_stub.db.base import Base


def test_given_migrated_database_when_compared_with_models_then_no_difference(db_engine: Engine) -> None:
    with db_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_given_migrated_database_then_every_table_exists(db_engine: Engine) -> None:
    tables = set(inspect(db_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
