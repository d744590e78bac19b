"""Report kinds, periods in centre time, and the report bodies turned into table rows (pure, no Qt)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from shared.protocol.schemas.reports import (
    AgentReport,
    CallVolumeReport,
    FrequentCallersReport,
    TicketReport,
)

CENTRE_OFFSET = timedelta(hours=8)


class ReportKind(StrEnum):
    VOLUME_DAY = "volume_day"
    VOLUME_HOUR = "volume_hour"
    AGENTS = "agents"
    FREQUENT = "frequent"
    TICKETS_TYPE = "tickets_type"
    TICKETS_CATEGORY = "tickets_category"
    TICKETS_DEPARTMENT = "tickets_department"


class Period(StrEnum):
    TODAY = "today"
    YESTERDAY = "yesterday"
    LAST_7_DAYS = "last_7_days"
    LAST_30_DAYS = "last_30_days"


def period_window(period: Period, now: datetime) -> tuple[datetime, datetime]:
    """[since, until) in UTC for a period of the centre's calendar days."""
    local_midnight = (now + CENTRE_OFFSET).replace(hour=0, minute=0, second=0, microsecond=0) - CENTRE_OFFSET
    tomorrow = local_midnight + timedelta(days=1)
    if period is Period.TODAY:
        return local_midnight, tomorrow
    if period is Period.YESTERDAY:
        return local_midnight - timedelta(days=1), local_midnight
    days = 7 if period is Period.LAST_7_DAYS else 30
    return tomorrow - timedelta(days=days), tomorrow


def hms(seconds: int) -> str:
    hours, rest = divmod(max(0, int(seconds)), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def local_label(moment: datetime, *, hourly: bool) -> str:
    local = moment + CENTRE_OFFSET
    return local.strftime("%m-%d %H:00") if hourly else local.strftime("%Y-%m-%d")


def volume_rows(report: CallVolumeReport) -> list[list[str]]:
    hourly = report.bucket.value == "hour"
    rows = []
    for r in report.rows:
        sl = f"{100 * r.answered_within_sl / r.offered:.1f}%" if r.offered else "—"
        abandon = f"{100 * r.abandoned / r.offered:.1f}%" if r.offered else "—"
        rows.append(
            [
                local_label(r.bucket_start, hourly=hourly),
                r.queue_code or "",
                str(r.offered),
                str(r.answered),
                str(r.abandoned),
                abandon,
                sl,
            ]
        )
    return rows


def agent_rows(report: AgentReport, reason_labels: dict[str, str]) -> list[list[str]]:
    rows = []
    for r in report.rows:
        reasons = ", ".join(
            f"{reason_labels.get(k, k or '—')} {hms(v)}" for k, v in sorted(r.not_ready_by_reason.items())
        )
        rows.append(
            [
                r.work_number,
                r.name,
                r.team or "",
                str(r.calls_answered),
                hms(r.talk_seconds),
                hms(r.hold_seconds),
                hms(r.wrap_up_seconds),
                hms(r.not_ready_seconds),
                reasons,
                str(r.transfers),
                # colleagues' calls joined in their conference room: apart from calls handled
                str(r.conferences_joined),
                hms(r.conference_talk_seconds),
            ]
        )
    return rows


def frequent_rows(report: FrequentCallersReport) -> list[list[str]]:
    return [
        [r.caller_number, str(r.calls), str(r.tickets), local_label(r.last_call, hourly=True)]
        for r in report.rows
    ]


def change_text(count: int, previous: int) -> str:
    if not previous:
        return "↑" if count else "—"  # nothing to compare with: up from zero
    return f"{100 * (count - previous) / previous:+.0f}%"


def ticket_rows(report: TicketReport, labels: dict[str, str]) -> list[list[str]]:
    return [
        [
            labels.get(r.label, r.label) or "—",
            str(r.count),
            str(r.previous_count),
            change_text(r.count, r.previous_count),
        ]
        for r in report.rows
    ]
