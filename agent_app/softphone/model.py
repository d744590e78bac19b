"""The calls the softphone panel shows, as plain data the controller updates from phone events."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .port import LineState


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class QualityLevel(StrEnum):
    UNKNOWN = "unknown"
    GOOD = "good"  # MOS ≥ 4.0
    FAIR = "fair"  # 3.6 – 4.0
    POOR = "poor"  # < 3.6: the caller will notice


def quality_level(mos: float | None) -> QualityLevel:
    if mos is None:
        return QualityLevel.UNKNOWN
    if mos >= 4.0:
        return QualityLevel.GOOD
    if mos >= 3.6:
        return QualityLevel.FAIR
    return QualityLevel.POOR


@dataclass
class CallLine:
    call_id: str
    number: str
    direction: Direction
    state: LineState
    started_at: float  # monotonic: ring or dial moment
    connected_at: float | None = None
    muted: bool = False
    conferenced: bool = False
    waiting: bool = False  # rang while another call was connected
    mos: float | None = None
    hotline_call_ref: str = ""  # X-Hotline-Call
    queue: str = ""  # X-Hotline-Queue: which line the caller dialled
    hotline_call_id: str = ""  # X-Hotline-Call-Id: the server's call record, as rooms name it
    conference_from: str = ""  # X-Hotline-Conference-From: a colleague invited this seat into a room
    conference_size: int = 0  # people talking in the server's conference room on this call

    @property
    def server_carried(self) -> bool:
        """A media worker carries it: transfers and conferences go through the server."""
        return bool(self.hotline_call_ref)

    @property
    def live(self) -> bool:
        return self.state is not LineState.ENDED

    def talk_seconds(self, now: float) -> float:
        return now - self.connected_at if self.connected_at is not None else 0.0
