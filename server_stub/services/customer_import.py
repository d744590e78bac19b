"""CSV import of customers by an admin: every row validated first, then all saved — or nothing.

Columns (header row required, any order, extra columns refused): ``name, phones, address, notes, tags``.
Several phones or tags in one cell are separated by ``;`` (also ``；`` ``/`` ``|`` or commas inside a
quoted cell). Files exported by Chinese Excel are often GB18030 rather than UTF-8; both are accepted.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.protocol.enums import CustomerTag

from ..api.errors import InvalidInput
from ..db.models import Customer, CustomerPhone, CustomerTagLink
from .customers import normalize_number

logger = logging.getLogger(__name__)

COLUMNS = ("name", "phones", "address", "notes", "tags")
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
_LIMITS = {"name": 64, "address": 255, "notes": 5000}
_SPLIT = re.compile(r"[;；/|,，]")
_MAX_REPORTED = 200


@dataclass
class _Row:
    line: int
    name: str | None
    address: str | None
    notes: str | None
    phones: list[str] = field(default_factory=list)
    tags: list[CustomerTag] = field(default_factory=list)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput(
        "The file is neither UTF-8 nor GB18030 text; save it from Excel as 'CSV UTF-8'.",
        error_id="csv_invalid",
    )


def _fail(message: str, errors: list[dict[str, Any]] | None = None) -> InvalidInput:
    return InvalidInput(message, error_id="csv_invalid", details={"errors": errors or []})


def parse_customer_csv(data: bytes) -> list[_Row]:
    if not data.strip():
        raise _fail(
            "The file is empty; it needs a header row (name,phones,address,notes,tags) and data rows."
        )
    if len(data) > MAX_BYTES:
        raise _fail(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into smaller files.")
    text = _decode(data)
    if "\x00" in text:
        raise _fail("The file contains binary data; upload a CSV text file.")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise _fail(f"The header row cannot be read: {exc}.") from None
    unknown = [h for h in header if h not in COLUMNS]
    if unknown or "phones" not in header or len(set(header)) != len(header):
        raise _fail(
            f"Line 1 (the header) must name the columns {', '.join(COLUMNS)} (phones required, each once); "
            f"got {', '.join(header)}.",
            [{"line": 1, "field": "header", "problem": "unknown or missing columns"}],
        )
    rows: list[_Row] = []
    errors: list[dict[str, Any]] = []
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) >= MAX_ROWS:
                raise _fail(f"More than {MAX_ROWS} rows; split the file.")
            rows.append(_parse_row(line, header, record, errors))
    except csv.Error as exc:
        errors.append({"line": reader.line_num, "field": None, "problem": f"malformed CSV: {exc}"})
    if not rows and not errors:
        raise _fail("The file has a header but no customers.")
    _check_duplicates_in_file(rows, errors)
    if errors:
        raise _report(errors)
    return rows


def _parse_row(line: int, header: list[str], record: list[str], errors: list[dict[str, Any]]) -> _Row:
    if len(record) != len(header):
        errors.append(
            {"line": line, "field": None, "problem": f"{len(record)} cells, expected {len(header)}"}
        )
    values = {name: (record[i].strip() if i < len(record) else "") for i, name in enumerate(header)}
    for name, limit in _LIMITS.items():
        if len(values.get(name, "")) > limit:
            errors.append({"line": line, "field": name, "problem": f"longer than {limit} characters"})
    row = _Row(
        line=line,
        name=values.get("name") or None,
        address=values.get("address") or None,
        notes=values.get("notes") or None,
    )
    for raw in filter(None, (p.strip() for p in _SPLIT.split(values.get("phones", "")))):
        number = normalize_number(raw)
        if number is None:
            errors.append({"line": line, "field": "phones", "problem": f"{raw[:40]!r} is not a phone number"})
        elif number not in row.phones:
            row.phones.append(number)
    if not row.phones and not any(e["line"] == line and e["field"] == "phones" for e in errors):
        errors.append({"line": line, "field": "phones", "problem": "at least one phone number is needed"})
    for raw in filter(None, (t.strip().lower() for t in _SPLIT.split(values.get("tags", "")))):
        try:
            tag = CustomerTag(raw)
        except ValueError:
            allowed = ", ".join(t.value for t in CustomerTag)
            errors.append(
                {"line": line, "field": "tags", "problem": f"unknown tag {raw[:20]!r} (use {allowed})"}
            )
            continue
        if tag not in row.tags:
            row.tags.append(tag)
    return row


def _check_duplicates_in_file(rows: list[_Row], errors: list[dict[str, Any]]) -> None:
    first_line: dict[str, int] = {}
    for row in rows:
        for number in row.phones:
            if number in first_line:
                errors.append(
                    {
                        "line": row.line,
                        "field": "phones",
                        "problem": f"{number} is also on line {first_line[number]}",
                    }
                )
            else:
                first_line[number] = row.line


def _report(errors: list[dict[str, Any]]) -> InvalidInput:
    errors.sort(key=lambda e: e["line"])
    lines = sorted({e["line"] for e in errors})
    shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
    first = errors[0]
    return InvalidInput(
        f"Nothing was imported: {len(lines)} line(s) need fixing ({shown}). "
        f"Line {first['line']}: {first['field'] or 'row'} — {first['problem']}.",
        error_id="csv_invalid",
        details={"errors": errors[:_MAX_REPORTED], "error_count": len(errors)},
    )


def import_customers(session: Session, *, data: bytes, now: datetime) -> int:
    """Validate the whole file, then add every customer; raises (writing nothing) on any bad line."""
    rows = parse_customer_csv(data)
    all_numbers = [n for row in rows for n in row.phones]
    taken: dict[str, int] = {}
    for start in range(0, len(all_numbers), 500):
        chunk = all_numbers[start : start + 500]
        taken.update(
            session.execute(
                select(CustomerPhone.number, CustomerPhone.customer_id).where(CustomerPhone.number.in_(chunk))
            ).all()
        )
    if taken:
        errors = [
            {"line": row.line, "field": "phones", "problem": f"{n} already belongs to customer {taken[n]}"}
            for row in rows
            for n in row.phones
            if n in taken
        ]
        raise _report(errors)
    for row in rows:
        session.add(
            Customer(
                name=row.name,
                address=row.address,
                notes=row.notes,
                created_at=now,
                updated_at=now,
                phones=[CustomerPhone(number=n) for n in row.phones],
                tags=[CustomerTagLink(tag=t) for t in row.tags],
            )
        )
    session.flush()
    logger.info("imported %d customers", len(rows))
    return len(rows)
