"""Write a report table to CSV (stdlib) or XLSX (openpyxl), never leaving a half-written file."""

from __future__ import annotations

import csv
import logging
import os
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

logger = logging.getLogger(__name__)

Cell = str | int | float | None


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class ExportError(Exception):
    """The file could not be written; the message says where and why."""


def format_for(path: Path) -> ExportFormat:
    suffix = path.suffix.lower().lstrip(".")
    try:
        return ExportFormat(suffix)
    except ValueError:
        raise ExportError(f"Save as .csv or .xlsx (not '{path.suffix or 'no extension'}').") from None


def export_table(path: Path, title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> Path:
    """Write ``rows`` under ``headers`` to ``path`` (format from the extension); returns the path."""
    kind = format_for(path)
    partial = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind is ExportFormat.CSV:
            # utf-8-sig: Excel on Chinese Windows opens it without garbling the characters
            with partial.open("w", newline="", encoding="utf-8-sig") as out:
                writer = csv.writer(out)
                writer.writerow(headers)
                writer.writerows(rows)
        else:
            from openpyxl import Workbook
            from openpyxl.styles import Font

            book = Workbook()
            sheet = book.active
            assert sheet is not None
            sheet.title = title[:31] or "report"
            sheet.append(list(headers))
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in rows:
                sheet.append(list(row))
            for i, header in enumerate(headers, start=1):
                width = max([len(str(header))] + [len(str(r[i - 1])) for r in rows[:200] if i - 1 < len(r)])
                sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(40, width * 1.6 + 2)
            book.save(partial)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    logger.info("exported %d rows to %s", len(rows), path)
    return path
