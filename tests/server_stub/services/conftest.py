"""Helpers shared by the service tests: real rows in a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from server_stub.db.models import Agent, Category, Department
from shared.protocol.enums import Role

NOW = datetime(2025, 3, 14, 2, 0, tzinfo=UTC)  # 10:00 in the centre (UTC+8)


@pytest.fixture
def make_agent(db_session: Session) -> Callable[..., Agent]:
    counter = iter(range(1000, 9999))

    def make(role: Role = Role.AGENT, name: str | None = None) -> Agent:
        number = str(next(counter))
        agent = Agent(work_number=number, name=name or f"agent {number}", password_hash="x", role=role)
        db_session.add(agent)
        db_session.flush()
        return agent

    return make


@pytest.fixture
def department(db_session: Session) -> Department:
    dep = Department(code="GJJ", name="市住房公积金管理中心", transfer_number="02612329", active=True)
    db_session.add(dep)
    db_session.flush()
    return dep


@pytest.fixture
def category_tree(db_session: Session) -> dict[str, Category]:
    root = Category(name="公积金", code="GJJ", deadline_days=None)
    db_session.add(root)
    db_session.flush()
    leaf = Category(name="提取", code="GJJ-TQ", parent_id=root.id, deadline_days=None)
    urgent = Category(name="停水", code="SW-TS", parent_id=root.id, deadline_days=2)
    db_session.add_all([leaf, urgent])
    db_session.flush()
    deep = Category(name="紧急停水", code="SW-TS-JJ", parent_id=urgent.id)
    db_session.add(deep)
    db_session.flush()
    return {"root": root, "leaf": leaf, "urgent": urgent, "deep": deep}
