"""Fixtures for the knowledge-index tests: a real Whoosh index of the small corpus in ``corpus.py``.

The module-scoped index is shared by read-only tests because building it (and loading jieba's
dictionary) is the slow part; tests that write get their own ``fresh_index``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.knowledge.index import KnowledgeIndex
from tests.shared.knowledge.corpus import corpus


@pytest.fixture(scope="module")
def search_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeIndex]:
    index = KnowledgeIndex(tmp_path_factory.mktemp("knowledge") / "index")
    index.apply(corpus())
    yield index
    index.close()


@pytest.fixture
def fresh_index(tmp_path: Path) -> Iterator[KnowledgeIndex]:
    index = KnowledgeIndex(tmp_path / "index")
    index.apply(corpus())
    yield index
    index.close()
