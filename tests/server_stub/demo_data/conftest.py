"""One demo data set per test session: generating it takes a couple of seconds."""

from __future__ import annotations

from datetime import date

import pytest

from server_stub.demo_data.dataset import DemoData, build_demo_data

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="session")
def demo() -> DemoData:
    return build_demo_data(today=TODAY, seed=0)
