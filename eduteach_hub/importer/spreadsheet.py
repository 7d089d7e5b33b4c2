"""Read a resource list (资源目录) from .xlsx or .csv (UTF-8 or GB18030) into lesson candidates."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from . import columns
from .entries import entry_from_values
from .model import ERROR, WARNING, Entry, Finding
from .safety import MAX_LIST_BYTES, UnsafeFile, check_file, inside
from .text import decode_text

Row = tuple[int, list[str]]
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
        rows = [(i, [c.strip() for c in r]) for i, r in enumerate(csv.reader(io.StringIO(text), dialect), 1)]
        return rows, {}
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise ListError(f"{path.name}: save the list as .xlsx or .csv (Excel: File → Save As)")


def _read_xlsx(path: Path) -> tuple[list[Row], dict[int, str]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ListError(f"{path.name} cannot be opened as an Excel workbook ({type(exc).__name__})") from None
    sheet = book.worksheets[0]
    merged_rows: dict[int, str] = {}
    for rng in sheet.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            merged_rows.setdefault(r, str(rng.coord))
    rows: list[Row] = []
    for i, values in enumerate(sheet.iter_rows(values_only=True), 1):
        rows.append((i, [_cell(v) for v in values]))
    book.close()
    return rows, merged_rows


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
        extras = {k: _resolve(source_root, values[k]) for k in ("lyrics", "subtitles", "cover") if values.get(k)}
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
