"""Every record that counts (voided ones left out) as CSV or as a JSON array, for
`eduteach-hub records export`."""

from __future__ import annotations

import csv
import io
import json
from typing import IO, Any

from eduteach_hub.db import Database
from eduteach_hub.spreadsheet import csv_cell

CSV_COLUMNS = [
    "id",
    "stored",
    "timestamp",
    "school_code",
    "county_code",
    "device_id",
    "verb",
    "lesson_id",
    "subject",
    "grade",
    "duration_s",
    "completed",
    # How a play was taught (docs/records.md): values joined by ";" ("" for a plain play).
    # Last, so a sheet built on the columns before keeps reading them where they were.
    "modes",
    "tracks",
]


def _joined(value: Any) -> str:
    return ";".join(v for v in value if isinstance(v, str)) if isinstance(value, list) else ""


def csv_row(row: Any, counties: dict[str, str]) -> list[str]:
    """One stored statement as the CSV_COLUMNS cells."""
    from eduteach_hub.db.facts import duration_seconds  # the seconds the dashboard counts
    from eduteach_protocol.records import (
        EXT_COUNTY,
        EXT_GRADE,
        EXT_LESSON,
        EXT_MODES,
        EXT_SUBJECT,
        EXT_TRACKS,
        LESSON_BASE,
    )

    stmt = json.loads(row.body)
    ext = (stmt.get("context") or {}).get("extensions") or {}
    result = stmt.get("result") or {}
    obj_id = (stmt.get("object") or {}).get("id", "")
    lesson = ext.get(EXT_LESSON) or (
        obj_id[len(LESSON_BASE) :] if obj_id.startswith(LESSON_BASE) else ""
    )
    verb_id = stmt["verb"]["id"]
    return [
        csv_cell(v)
        for v in (
            row.id,
            row.stored,
            row.timestamp,
            row.school_code,
            ext.get(EXT_COUNTY) or counties.get(row.school_code, ""),
            row.device_id,
            verb_id.rstrip("/").rsplit("/", 1)[-1],
            lesson,
            ext.get(EXT_SUBJECT),
            ext.get(EXT_GRADE),
            duration_seconds(result.get("duration")),
            result.get("completion"),
            _joined(ext.get(EXT_MODES)),
            _joined(ext.get(EXT_TRACKS)),
        )
    ]


def export_records(db: Database, fmt: str, out: IO[bytes]) -> int:
    """Write every record that counts as "csv" or "json" to `out`; returns how many."""
    from eduteach_hub.db import schools, statements

    n = 0
    with db.read() as conn:
        counties = {s.school.code: s.school.county_code for s in schools.list_all(conn, "")}
        rows = statements.iter_export(conn)
        if fmt == "csv":
            text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
            writer = csv.writer(text)
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                writer.writerow(csv_row(row, counties))
                n += 1
            text.flush()
            text.detach()
        else:
            out.write(b"[")
            for row in rows:
                out.write((b",\n" if n else b"\n") + row.body.encode("utf-8"))
                n += 1
            out.write(b"\n]\n" if n else b"]\n")
    return n
