"""Wallboard (series → charts, wall display), reports (tables, charts, CSV/XLSX export), recordings and
QA (waveform, playback position, seek, scoring)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from shared.protocol.schemas.reports import WallboardPoint, WallboardSeries
from supervisor_app.app import SupervisorApplication
from supervisor_app.demo.fake_server import FakeSupervisorServer
from supervisor_app.reports.export import ExportError, export_table
from supervisor_app.reports.model import ReportKind
from supervisor_app.wallboard.controller import series_to_data

from .conftest import RecordingSpeaker, wait_idle


def test_given_series_when_converted_then_rates_and_kpis_are_right_and_empty_intervals_are_gaps() -> None:
    t0 = datetime(2026, 3, 2, 2, tzinfo=UTC)
    series = WallboardSeries(
        since=t0,
        until=t0 + timedelta(minutes=30),
        interval_minutes=15,
        service_level_seconds=20,
        points=[
            WallboardPoint(
                bucket_start=t0,
                offered=10,
                answered=9,
                abandoned=1,
                answered_within_sl=8,
                average_answer_seconds=12,
                average_handle_seconds=200,
                offered_last_week=7,
                agents_by_state={"talking": 5},
            ),
            WallboardPoint(bucket_start=t0 + timedelta(minutes=15)),
        ],
    )
    data = series_to_data(series)
    assert data.service_level[0] == pytest.approx(80) and np.isnan(data.service_level[1])
    assert data.abandon_rate[0] == pytest.approx(10)
    assert list(data.offered_last_week) == [7, 0]
    assert (
        data.kpis["service_level"] == "80%" and data.kpis["offered"] == "10" and data.kpis["aht"] == "03:20"
    )


def test_given_signed_in_when_wallboard_loads_then_every_curve_has_the_series(
    signed_in: SupervisorApplication,
) -> None:
    view = signed_in.wallboard.pane
    points = len(signed_in.wallboard.data.x)
    assert points == 32
    x, y = view.offered_curve.getOriginalDataset()  # getData() is the downsampled, clipped view
    assert len(x) == points and y is not None and y.max() > 0
    assert view.kpis["offered"].text() != "—"
    assert view.kpis["waiting"].text() == "20"  # live: the queue panel's 7 + 2 + 11


def test_given_wall_display_when_opened_then_full_screen_and_escape_closes(
    qtbot: QtBot, signed_in: SupervisorApplication
) -> None:
    signed_in.window.wall_button.click()
    wall = signed_in.wallboard.wall
    assert wall is not None
    qtbot.waitUntil(wall.isVisible, timeout=10_000)
    assert wall.windowState() & Qt.WindowState.WindowFullScreen
    assert wall.kpis["offered"].text() == signed_in.wallboard.pane.kpis["offered"].text()
    qtbot.keyClick(wall, Qt.Key.Key_Escape)
    assert signed_in.wallboard.wall is None


@pytest.mark.parametrize(
    ("kind", "first_header", "chart"),
    [
        (ReportKind.VOLUME_DAY, "Period", "bars"),
        (ReportKind.AGENTS, "Work number", "bars"),
        (ReportKind.FREQUENT, "Number", "bars"),
        (ReportKind.TICKETS_TYPE, "Group", "pie"),
        (ReportKind.TICKETS_DEPARTMENT, "Group", "bars"),
    ],
)
def test_given_report_when_shown_then_table_and_chart_are_filled(
    qtbot: QtBot, signed_in: SupervisorApplication, kind: ReportKind, first_header: str, chart: str
) -> None:
    pane = signed_in.reports.pane
    pane.kind.setCurrentIndex(pane.kind.findData(kind.value))
    wait_idle(qtbot, signed_in)
    assert pane.table.rowCount() > 0
    header = pane.table.horizontalHeaderItem(0)
    assert header is not None and header.text() == first_header  # tests run untranslated (English)
    if chart == "pie":
        assert pane.charts.currentWidget() is pane.pie and pane.pie.slices
    else:
        assert pane.charts.currentWidget() is pane.bar_plot
    if kind is ReportKind.TICKETS_DEPARTMENT:  # period over period: both bar sets drawn
        assert len(pane.bars_previous.opts["height"]) == pane.table.rowCount()


def test_given_report_when_exported_then_csv_and_xlsx_hold_the_table(
    qtbot: QtBot, signed_in: SupervisorApplication, tmp_path: Path
) -> None:
    reports = signed_in.reports
    reports.pane.kind.setCurrentIndex(reports.pane.kind.findData(ReportKind.AGENTS.value))
    wait_idle(qtbot, signed_in)
    reports.export(tmp_path / "agents.csv")
    reports.export(tmp_path / "agents.xlsx")
    wait_idle(qtbot, signed_in)
    with (tmp_path / "agents.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == reports.headers and len(rows) == len(reports.rows) + 1
    sheet = load_workbook(tmp_path / "agents.xlsx").active
    assert sheet is not None
    assert sheet.cell(2, 2).value == reports.rows[0][1]  # the first agent's name, Chinese intact
    assert not list(tmp_path.glob("*.part"))


def test_given_unknown_extension_when_exporting_then_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"csv or \.xlsx"):
        export_table(tmp_path / "r.pdf", "r", ["a"], [["1"]])


def test_given_recording_when_selected_then_waveform_plays_from_the_cursor_and_seeks(
    qtbot: QtBot, signed_in: SupervisorApplication, speaker: RecordingSpeaker
) -> None:
    rec = signed_in.recordings
    with qtbot.waitSignal(rec.decoded, timeout=10_000):
        rec.pane.results.selectRow(0)
    x, y = rec.pane.waveform.curve.getOriginalDataset()
    assert x is not None and len(x) > 100 and float(np.max(y)) > 0.2
    assert rec.current_audio is not None and rec.current_audio.duration_s == pytest.approx(6.0)
    rec.seek(2.5)
    rec.pane.play.click()
    assert speaker.start_s == pytest.approx(2.5)
    rec.seek(4.0)
    assert speaker.position == pytest.approx(4.0)
    qtbot.waitUntil(lambda: rec.pane.position.text().startswith("00:04"), timeout=10_000)
    rec.pane.pause.click()
    assert not speaker.active


def test_given_scoring_sheet_when_saved_then_weighted_total_reaches_server_and_stats(
    qtbot: QtBot, signed_in: SupervisorApplication, server: FakeSupervisorServer
) -> None:
    rec = signed_in.recordings
    with qtbot.waitSignal(rec.decoded, timeout=10_000):
        rec.pane.results.selectRow(1)
    spins = rec.pane.spins
    spins[3].setValue(5)  # "答复准确" weight 40: loses 20 points
    assert "80.0" in rec.pane.total.text()
    rec.pane.comment.setPlainText("答复不够完整")
    rec.pane.save.click()
    wait_idle(qtbot, signed_in)
    saved = server.evaluations_list[-1]
    assert saved.total == pytest.approx(80.0) and saved.recording_id == rec.current
    assert saved.comment == "答复不够完整"
    assert "80.0" in rec.pane.history.text()
    assert rec.pane.stats.rowCount() == 1
