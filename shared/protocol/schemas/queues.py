"""Call queues: the ACD configuration admins edit and the live figures leaders watch."""

from __future__ import annotations

from pydantic import Field

from ..enums import QueueStrategy
from ._base import RequestBody, ResponseBody

OpeningHours = dict[str, list[list[str]]]


class QueueConfigFields(RequestBody):
    name: str = Field(min_length=1, max_length=64)
    hotline_number: str = Field(pattern=r"^[0-9]{3,16}$", examples=["12345"])
    strategy: QueueStrategy = QueueStrategy.LONGEST_IDLE
    required_skills: dict[str, int] = Field(
        default_factory=dict, description='{"gjj": 2}: skill at level ≥ 2'
    )
    priority_rules: dict[str, int] = Field(default_factory=dict, description='{"vip": 100, "elderly": 50}')
    wrap_up_seconds: int = Field(default=30, ge=0, le=3600)
    service_level_seconds: int = Field(default=20, ge=1, le=3600)
    max_wait_seconds: int = Field(default=180, ge=1, le=24 * 3600)
    overflow_queue_code: str | None = None
    overflow_to_voicemail: bool = False
    announce_every_seconds: int = Field(default=30, ge=0, le=3600)
    offer_timeout_seconds: int = Field(default=15, ge=3, le=300)
    opening_hours: OpeningHours = Field(default_factory=dict, description='{"mon": [["08:00", "20:00"]]}')
    active: bool = True


class QueueCreate(QueueConfigFields):
    code: str = Field(pattern=r"^[A-Za-z0-9_]{1,32}$")


class QueueUpdate(RequestBody):
    """Only the fields given change."""

    name: str | None = Field(default=None, min_length=1, max_length=64)
    hotline_number: str | None = Field(default=None, pattern=r"^[0-9]{3,16}$")
    strategy: QueueStrategy | None = None
    required_skills: dict[str, int] | None = None
    priority_rules: dict[str, int] | None = None
    wrap_up_seconds: int | None = Field(default=None, ge=0, le=3600)
    service_level_seconds: int | None = Field(default=None, ge=1, le=3600)
    max_wait_seconds: int | None = Field(default=None, ge=1, le=24 * 3600)
    overflow_queue_code: str | None = None
    overflow_to_voicemail: bool | None = None
    announce_every_seconds: int | None = Field(default=None, ge=0, le=3600)
    offer_timeout_seconds: int | None = Field(default=None, ge=3, le=300)
    opening_hours: OpeningHours | None = None
    active: bool | None = None


class QueueStats(ResponseBody):
    """What the database knows today. ``waiting`` and ``longest_wait_seconds`` come from the ACD once it
    runs in the server; until then they are ``None`` (unknown), never a made-up number."""

    waiting: int | None = None
    longest_wait_seconds: int | None = None
    agents_ready: int = 0
    agents_signed_in: int = 0
    offered_today: int = 0
    answered_today: int = 0
    abandoned_today: int = 0
    service_level_percent: float | None = Field(
        default=None, description="answered within service_level_seconds / offered today; None before any"
    )


class QueueOut(ResponseBody):
    id: int
    code: str
    name: str
    hotline_number: str
    strategy: QueueStrategy
    required_skills: dict[str, int]
    priority_rules: dict[str, int]
    wrap_up_seconds: int
    service_level_seconds: int
    max_wait_seconds: int
    overflow_queue_code: str | None = None
    overflow_to_voicemail: bool
    announce_every_seconds: int
    offer_timeout_seconds: int
    opening_hours: OpeningHours
    active: bool
    stats: QueueStats = Field(default_factory=QueueStats)
