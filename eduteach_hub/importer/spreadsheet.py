"""Read a resource list (资源目录) from .xlsx or .csv (UTF-8 or GB18030) into lesson candidates."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import IO

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
        raise ListError(f"{path.name} {exc}") from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = decode_text(path.read_bytes())
        if text is None:
            raise ListError(f"{path.name} is neither UTF-8 nor GB18030 text; save it again as CSV UTF-8")
        dialect = "excel-tab" if text.count("\t") > text.count(",") else "excel"
        rows: list[Row] = []
        try:
            for i, r in enumerate(csv.reader(io.StringIO(text), dialect), 1):
                if i > MAX_ROWS:
                    raise ListError(f"{path.name} has more than {MAX_ROWS:,} rows; split the list")
                rows.append((i, [c.strip() for c in r[:MAX_COLUMNS + 1]]))
        except csv.Error as exc:  # a cell over csv's limit (128 KiB), a stray quote …
            raise ListError(f"{path.name} is not a readable CSV list ({exc}); save it again from Excel") from None
        return rows, {}
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise ListError(f"{path.name}: save the list as .xlsx or .csv (Excel: File → Save As)")


def _read_xlsx(path: Path) -> tuple[list[Row], dict[int, str]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_xlsx_parts(path, path.name)
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ListError(f"{path.name} cannot be opened as an Excel workbook ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - a damaged or hostile workbook: zip, XML, openpyxl's own
        raise ListError(f"{path.name} cannot be opened as an Excel workbook ({type(exc).__name__}); "
                        "open it in Excel and save it again") from None
    sheet = book.worksheets[0]
    # Two cells, A1 and XFD1048576, would make 17 billion cells to walk: refuse the shape.
    if sheet.max_row > MAX_ROWS or sheet.max_column > MAX_COLUMNS:
        book.close()
        raise ListError(f"{path.name}: the first sheet reaches row {sheet.max_row:,}, column "
                        f"{sheet.max_column:,} (a list has at most {MAX_ROWS:,} rows and "
                        f"{MAX_COLUMNS} columns); delete what is beyond the list and save it again")
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
        raise ListError(f"{name}: not an Excel .xlsx file ({type(exc).__name__}); "
                        "save it again as .xlsx or .csv") from None
    inflated = sum(p.file_size for p in parts)
    if len(parts) > MAX_XLSX_PARTS or inflated > MAX_XLSX_INFLATED:
        raise ListError(f"{name} unpacks to {inflated:,} bytes in {len(parts):,} parts (a list "
                        f"may unpack to {MAX_XLSX_INFLATED:,} bytes); save only the list as .xlsx or .csv")
    # openpyxl builds every cell of every sheet before anything can be counted: count the
    # rows first, streaming, and stop at the limit (1,048,576 one-cell rows is 40 MB).
    for part in parts:
        if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
            rows = _count_rows(source, name, part.filename)
            if rows > MAX_ROWS:
                raise ListError(f"{name} has a sheet of more than {MAX_ROWS:,} rows; "
                                "keep only the list, or split it")


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
        raise ListError(f"{name} is not a readable Excel workbook ({type(exc).__name__}); "
                        "open it in Excel and save it again") from None
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
        raise ListError(f"{list_path.name}: no heading row found; the first rows need the headings {wanted}")
    findings: list[Finding] = []
    missing = [columns.HEADINGS[f][0] for f in columns.REQUIRED if f not in fields.values()]
    if missing:
        raise ListError(f"{list_path.name}: columns missing: {'、'.join(missing)}")
    entries: list[Entry] = []
    for number, cells in rows:
        if number <= header_at:
            continue
        where = f"{list_path.name} row {number}"
        if not any(cells):
            findings.append(Finding(WARNING, where, "blank row, skipped"))
            continue
        if number in merged:
            # A merged cell leaves every row but its first empty in that column: say so per
            # row rather than guess which value the officer meant. (A merged title above the
            # headings is fine.)
            findings.append(Finding(ERROR, where, f"merged cells {merged[number]}: unmerge them and fill the value in every row"))
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
            findings.append(Finding(ERROR, where, "file (文件) is empty: name the lesson's media file", title=values.get("title", "")))
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
