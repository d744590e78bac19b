"""Reports controller: fetches the chosen report for the chosen period, fills table and chart, exports."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from shared.client.errors import ApiClientError, ClientErrorId
from shared.protocol.enums import TicketType
from shared.protocol.schemas.reports import (
    AgentReport,
    Bucket,
    CallVolumeReport,
    FrequentCallersReport,
    TicketGrouping,
    TicketReport,
)

from ..common import ConsoleContext
from .export import ExportError, export_table
from .model import (
    Period,
    ReportKind,
    agent_rows,
    frequent_rows,
    local_label,
    period_window,
    ticket_rows,
    volume_rows,
)
from .widgets import ReportsPane

logger = logging.getLogger(__name__)

_GROUPING = {
    ReportKind.TICKETS_TYPE: TicketGrouping.TYPE,
    ReportKind.TICKETS_CATEGORY: TicketGrouping.CATEGORY,
    ReportKind.TICKETS_DEPARTMENT: TicketGrouping.DEPARTMENT,
}


def ticket_type_labels() -> dict[str, str]:
    return {
        TicketType.CONSULTATION.value: QCoreApplication.translate("TicketTypes", "Consultation"),
        TicketType.COMPLAINT.value: QCoreApplication.translate("TicketTypes", "Complaint"),
        TicketType.SUGGESTION.value: QCoreApplication.translate("TicketTypes", "Suggestion"),
        TicketType.REPORT.value: QCoreApplication.translate("TicketTypes", "Report"),
        TicketType.PRAISE.value: QCoreApplication.translate("TicketTypes", "Praise"),
        TicketType.HELP_REQUEST.value: QCoreApplication.translate("TicketTypes", "Help request"),
    }


class ReportsController(QObject):
    """Threading contract: GUI thread; fetches on the bridge; export writes on the bridge too."""

    notify = Signal(str, bool)
    shown = Signal(str)  # the report kind just displayed

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.pane = ReportsPane(parent)
        self.title = ""
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.pane.run_requested.connect(self.run)
        self.pane.export_requested.connect(self._ask_export)
        self._generation = 0

    def start(self) -> None:
        self.run()  # the default report is ready when the leader opens the tab

    def run(self) -> None:
        kind = ReportKind(self.pane.kind.currentData())
        period = Period(self.pane.period.currentData())
        since, until = period_window(period, self._ctx.now())
        if kind is ReportKind.VOLUME_HOUR and period is Period.LAST_30_DAYS:
            since = (
                until - (until - since) / 30 * 7
            )  # an hourly chart of 720 bars says nothing; cap at a week
        api = self._ctx.api
        by_queue = self.pane.by_queue.isChecked()
        self.pane.by_queue.setEnabled(kind in (ReportKind.VOLUME_DAY, ReportKind.VOLUME_HOUR))
        self._generation += 1
        generation = self._generation
        fetch: Any
        if kind in (ReportKind.VOLUME_DAY, ReportKind.VOLUME_HOUR):
            bucket = Bucket.DAY if kind is ReportKind.VOLUME_DAY else Bucket.HOUR

            def fetch() -> Any:
                return api.call_volume(since, until, bucket, by_queue)
        elif kind is ReportKind.AGENTS:

            def fetch() -> Any:
                return api.agent_report(since, until)
        elif kind is ReportKind.FREQUENT:

            def fetch() -> Any:
                return api.frequent_callers(since, until, 3)
        else:
            grouping = _GROUPING[kind]

            def fetch() -> Any:
                return api.ticket_report(since, until, grouping)

        self.pane.caption.setText(
            f"{local_label(since, hourly=False)} — {local_label(until, hourly=False)} "
            + self.tr("(until the start of that day, centre time)")
        )
        self._ctx.bridge.run(
            fetch, success=lambda body: self._show(kind, body, generation), failure=self._failed
        )

    def _show(self, kind: ReportKind, body: Any, generation: int) -> None:
        if generation != self._generation:
            return  # a newer request is on its way; do not flash an older answer
        pane = self.pane
        self.title = pane.kind.currentText()
        if isinstance(body, CallVolumeReport):
            self.headers = [
                self.tr("Period"),
                self.tr("Queue"),
                self.tr("Offered"),
                self.tr("Answered"),
                self.tr("Abandoned"),
                self.tr("Abandon rate"),
                self.tr("Service level"),
            ]
            self.rows = volume_rows(body)
            labels: dict[str, float] = {}
            hourly = body.bucket is Bucket.HOUR
            for r in body.rows:
                key = local_label(r.bucket_start, hourly=hourly)
                labels[key] = labels.get(key, 0) + r.offered
            pane.show_table(self.headers, self.rows)
            pane.show_bars(list(labels), list(labels.values()))
        elif isinstance(body, AgentReport):
            self.headers = [
                self.tr("Work number"),
                self.tr("Name"),
                self.tr("Team"),
                self.tr("Calls"),
                self.tr("Talk"),
                self.tr("Hold"),
                self.tr("Wrap-up"),
                self.tr("Not ready"),
                self.tr("Not ready by reason"),
                self.tr("Transfers"),
                self.tr("Conferences joined"),
                self.tr("Time in conferences"),
            ]
            self.rows = agent_rows(body, self._ctx.reason_labels)
            pane.show_table(self.headers, self.rows)
            pane.show_bars(
                [r.name for r in body.rows], [float(r.calls_answered) for r in body.rows], trend=False
            )
        elif isinstance(body, FrequentCallersReport):
            self.headers = [self.tr("Number"), self.tr("Calls"), self.tr("Tickets"), self.tr("Last call")]
            self.rows = frequent_rows(body)
            pane.show_table(self.headers, self.rows)
            pane.show_bars(
                [r.caller_number[-4:] for r in body.rows], [float(r.calls) for r in body.rows], trend=False
            )
        elif isinstance(body, TicketReport):
            names = ticket_type_labels() if body.grouping is TicketGrouping.TYPE else {}
            self.headers = [
                self.tr("Group"),
                self.tr("This period"),
                self.tr("Previous period"),
                self.tr("Change"),
            ]
            self.rows = ticket_rows(body, names)
            pane.show_table(self.headers, self.rows)
            if body.grouping is TicketGrouping.TYPE:
                pane.show_pie([(row[0], float(r.count)) for row, r in zip(self.rows, body.rows, strict=True)])
            else:
                pane.show_bars(
                    [row[0] for row in self.rows],
                    [float(r.count) for r in body.rows],
                    [float(r.previous_count) for r in body.rows],
                    trend=False,
                )
        self.shown.emit(kind.value)

    def export(self, path: Path) -> None:
        headers, rows, title = list(self.headers), [list(r) for r in self.rows], self.title
        if not rows:
            self.notify.emit(self.tr("Show a report first; there is nothing to export."), True)
            return

        def write() -> Path:
            try:
                return export_table(path, title, headers, rows)
            except ExportError as exc:
                raise ApiClientError(str(exc), error_id=ClientErrorId.INVALID_INPUT) from exc

        self._ctx.bridge.run(
            write,
            success=lambda p: self.notify.emit(self.tr("Saved %1.").replace("%1", str(p)), False),
            failure=self._failed,
        )

    def _ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self.pane,
            self.tr("Export report"),
            str(Path.home() / "report.xlsx"),
            "Excel (*.xlsx);;CSV (*.csv)",
        )
        if path:
            self.export(Path(path))

    def _failed(self, error: ApiClientError) -> None:
        self.notify.emit(error.message, True)
