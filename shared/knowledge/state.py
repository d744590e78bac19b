"""Where an index folder stands in the change feed: ``knowledge_state.json`` beside the Whoosh files."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from shared.knowledge.schema import INDEX_FORMAT_VERSION

STATE_FILE = "knowledge_state.json"
INDEX_NAME = "knowledge"


@dataclass(slots=True)
class IndexState:
    """The feed position and tombstones of one index folder."""

    format_version: int = INDEX_FORMAT_VERSION
    applied_version: int = 0
    # Versions of deleted articles, so a late, older upsert cannot bring an article back.
    tombstones: dict[int, int] | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "format_version": self.format_version,
                "applied_version": self.applied_version,
                "tombstones": {str(k): v for k, v in (self.tombstones or {}).items()},
            }
        )

    @classmethod
    def load(cls, path: Path) -> IndexState:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            format_version=int(raw["format_version"]),
            applied_version=int(raw["applied_version"]),
            tombstones={int(k): int(v) for k, v in raw.get("tombstones", {}).items()},
        )


def write_state(index_dir: Path, applied_version: int, tombstones: dict[int, int] | None = None) -> None:
    """Record the feed position next to the Whoosh files (atomically: temp file then rename)."""
    state = IndexState(applied_version=applied_version, tombstones=tombstones or {})
    tmp = index_dir / (STATE_FILE + ".tmp")
    tmp.write_text(state.to_json(), encoding="utf-8")
    os.replace(tmp, index_dir / STATE_FILE)


def read_state(index_dir: Path) -> tuple[int, int]:
    """(format_version, applied_version) of an index folder, for snapshots and checks."""
    state = IndexState.load(index_dir / STATE_FILE)
    return state.format_version, state.applied_version
