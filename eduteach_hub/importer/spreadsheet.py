"""Read a resource list (资源目录) from .xlsx or .csv (UTF-8 or GB18030) into lesson candidates."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import IO

from eduteach_protocol.cli_i18n import L_

from . import columns
from .entries import entry_from_values
from .model import ERROR, WARNING, Entry, Finding
from .safety import MAX_LIST_BYTES, UnsafeFile, check_file, inside
from .text import decode_text

Row = tuple[int, list[str]]
# A county's list has a row per lesson (MAX_LESSONS is the catalog's own bound) and a
# dozen columns; beyond these it is not a resource list, and reading it would cost minutes
# and gigabytes.
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_XLSX_INFLATED = 128 * 1024**2
MAX_XLSX_PARTS = 1000
_SPLIT_FILES = re.compile(r"[;；、|\n]+")


class ListError(ValueError):
    """The list as a whole cannot be read; one sentence for the officer."""


def read_rows(path: Path) -> tuple[list[Row], dict[int, str]]:
    """All rows with their 1-based sheet row numbers, and the merged range over each row
    that has one."""
    try:
        check_file(path.parent, path, MAX_LIST_BYTES)
    except UnsafeFile as exc:
        raise ListError(L_("{name} {exc}", name=path.name, exc=exc)) from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = decode_text(path.read_bytes())
        if text is None:
            raise ListError(L_("{name} is neither UTF-8 nor GB18030 text; save it again as CSV UTF-8", name=path.name))
        dialect = "excel-tab" if text.count("\t") > text.count(",") else "excel"
        rows: list[Row] = []
        try:
            for i, r in enumerate(csv.reader(io.StringIO(text), dialect), 1):
                if i > MAX_ROWS:
                    raise ListError(L_("{name} has more than {max_rows:,} rows; split the list", name=path.name, max_rows=MAX_ROWS))
                rows.append((i, [c.strip() for c in r[:MAX_COLUMNS + 1]]))
        except csv.Error as exc:  # a cell over csv's limit (128 KiB), a stray quote …
            raise ListError(L_("{name} is not a readable CSV list ({exc}); save it again from Excel", name=path.name, exc=exc)) from None
        return rows, {}
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise ListError(L_("{name}: save the list as .xlsx or .csv (Excel: File → Save As)", name=path.name))


def _read_xlsx(path: Path) -> tuple[list[Row], dict[int, str]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_xlsx_parts(path, path.name)
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ListError(L_("{name} cannot be opened as an Excel workbook ({error})", name=path.name, error=type(exc).__name__)) from None
    except Exception as exc:  # noqa: BLE001 - a damaged or hostile workbook: zip, XML, openpyxl's own
        raise ListError(L_("{name} cannot be opened as an Excel workbook ({error}); open it in Excel and save it again", name=path.name, error=type(exc).__name__)) from None
    sheet = book.worksheets[0]
    # Two cells, A1 and XFD1048576, would make 17 billion cells to walk: refuse the shape.
    if sheet.max_row > MAX_ROWS or sheet.max_column > MAX_COLUMNS:
        book.close()
        raise ListError(L_("{name}: the first sheet reaches row {rows:,}, column {max_column:,} (a list has at most {max_rows:,} rows and {max_columns} columns); delete what is beyond the list and save it again", name=path.name, rows=sheet.max_row, max_column=sheet.max_column, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS))
    merged_rows: dict[int, str] = {}
    for rng in sheet.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            merged_rows.setdefault(r, str(rng.coord))
    rows: list[Row] = []
    for i, values in enumerate(sheet.iter_rows(values_only=True), 1):
        rows.append((i, [_cell(v) for v in values]))
    book.close()
    return rows, merged_rows


def check_xlsx_parts(source: Path | IO[bytes], name: str) -> None:
    """Refuse a workbook whose parts inflate past MAX_XLSX_INFLATED before openpyxl
    inflates them (a zip bomb: 64 MB on disk, gigabytes in memory), or whose sheets hold
    more than MAX_ROWS rows. zipfile never reads a part past its declared size, so the
    declared sizes bound what is read. source: the file, or its bytes already read; name:
    how the message names it. Raises ListError."""
    import zipfile

    try:
        with zipfile.ZipFile(source) as zf:
            parts = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ListError(L_("{name}: not an Excel .xlsx file ({error}); save it again as .xlsx or .csv", name=name, error=type(exc).__name__)) from None
    inflated = sum(p.file_size for p in parts)
    if len(parts) > MAX_XLSX_PARTS or inflated > MAX_XLSX_INFLATED:
        raise ListError(L_("{name} unpacks to {inflated:,} bytes in {parts:,} parts (a list may unpack to {max_xlsx_inflated:,} bytes); save only the list as .xlsx or .csv", name=name, inflated=inflated, parts=len(parts), max_xlsx_inflated=MAX_XLSX_INFLATED))
    # openpyxl builds every cell of every sheet before anything can be counted: count the
    # rows first, streaming, and stop at the limit (1,048,576 one-cell rows is 40 MB).
    for part in parts:
        if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
            rows = _count_rows(source, name, part.filename)
            if rows > MAX_ROWS:
                raise ListError(L_("{name} has a sheet of more than {max_rows:,} rows; keep only the list, or split it", name=name, max_rows=MAX_ROWS))


def _count_rows(source: Path | IO[bytes], name: str, part: str) -> int:
    import zipfile
    from xml.etree.ElementTree import ParseError, iterparse

    rows = 0
    try:
        with zipfile.ZipFile(source) as zf, zf.open(part) as fh:
            for _event, elem in iterparse(fh, events=("end",)):
                if elem.tag == "row" or elem.tag.endswith("}row"):
                    rows += 1
                    if rows > MAX_ROWS:
                        break
                    elem.clear()
    except (zipfile.BadZipFile, OSError, ParseError, ValueError) as exc:
        raise ListError(L_("{name} is not a readable Excel workbook ({error}); open it in Excel and save it again", name=name, error=type(exc).__name__)) from None
    return rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_list(
    list_path: Path, source_root: Path, editions: columns.EditionTable = columns.DEFAULT_EDITIONS,
) -> tuple[list[Entry], list[Finding]]:
    rows, merged = read_rows(list_path)
    header_at, fields = _find_header(rows)
    if header_at is None:
        wanted = "、".join(columns.HEADINGS[f][0] for f in columns.REQUIRED)
        raise ListError(L_("{name}: no heading row found; the first rows need the headings {wanted}", name=list_path.name, wanted=wanted))
    findings: list[Finding] = []
    missing = [columns.HEADINGS[f][0] for f in columns.REQUIRED if f not in fields.values()]
    if missing:
        raise ListError(L_("{name}: columns missing: {columns}", name=list_path.name, columns='、'.join(missing)))
    entries: list[Entry] = []
    for number, cells in rows:
        if number <= header_at:
            continue
        where = f"{list_path.name} row {number}"
        if not any(cells):
            findings.append(Finding(WARNING, where, L_("blank row, skipped")))
            continue
        if number in merged:
            # A merged cell leaves every row but its first empty in that column: say so per
            # row rather than guess which value the officer meant. (A merged title above the
            # headings is fine.)
            findings.append(Finding(ERROR, where, L_("merged cells {cells}: unmerge them and fill the value in every row", cells=merged[number])))
            continue
        values: dict[str, str] = {}
        for col, field in fields.items():
            if col < len(cells) and cells[col]:
                values[field] = cells[col]
        files = [_resolve(source_root, name) for name in _SPLIT_FILES.split(values.get("media", "")) if name.strip()]
        expanded: list[Path] = []
        for f in files:
            if f.is_dir() and not f.is_symlink() and inside(source_root, f):
                expanded += sorted(p for p in f.iterdir() if not p.name.startswith("."))
            else:
                expanded.append(f)
        extras = {k: _resolve(source_root, values[k]) for k in ("lyrics", "subtitles", "cover", "accompaniment")
                  if values.get(k)}
        # 教学建议: a .txt/.md file's name, or the advice typed into the cell.
        typed_notes = values.get("notes", "").strip()
        if typed_notes.lower().endswith((".txt", ".md")) and "\n" not in typed_notes:
            extras["notes"] = _resolve(source_root, typed_notes)
            values.pop("notes")
        if not values.get("media"):
            findings.append(Finding(ERROR, where, L_("file (文件) is empty: name the lesson's media file"), title=values.get("title", "")))
            continue
        entry, found = entry_from_values(where, values, expanded, source_root, extras, row=where, editions=editions)
        findings += found
        if entry is not None:
            entries.append(entry)
    return entries, findings


def _resolve(root: Path, name: str) -> Path:
    return root / name.strip().replace("\\", "/").lstrip("/")


def _find_header(rows: list[Row]) -> tuple[int | None, dict[int, str]]:
    """The first row (within the first ten) that names at least three known columns; title
    rows above it (县电教馆资源目录 …) are skipped."""
    for number, cells in rows[:10]:
        fields: dict[int, str] = {}
        for col, cell in enumerate(cells):
            field = columns.field_for_heading(cell) if cell else None
            if field and field not in fields.values():
                fields[col] = field
        if len(fields) >= 3:
            return number, fields
    return None, {}
