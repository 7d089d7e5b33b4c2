"""The county's school list from Excel: 学校标识码, 学校名称 and one column per subject's
textbook edition (音乐 / 音乐版本 / 音乐教材版本; 三年级英语 for one grade only).

Every row is checked first; a row with a problem is reported with its number and reason.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduteach_protocol.cli_i18n import L_, worded
from eduteach_protocol.editions import EditionError, EditionRule, check_edition, parse_key

CODE_HEADINGS = ("学校标识码", "学校代码", "school_code", "code")
NAME_HEADINGS = ("学校名称", "学校", "school_name", "name")
COUNTY_HEADINGS = ("区县代码", "县代码", "行政区划代码", "county_code")
_EDITION_SUFFIXES = ("教材版本", "版本", "教材", " edition")
_GRADE_PREFIX = re.compile(r"^(?P<g>[1-9一二三四五六])年级(?P<rest>.+)$")
MAX_ROWS = 100_000
MAX_SHEET_BYTES = 64 * 1024 * 1024


@dataclass
class SchoolRow:
    row: int  # the spreadsheet's row number, as Excel shows it
    code: str
    name: str
    county: str | None
    rules: list[EditionRule]


@dataclass
class SheetReport:
    rows: list[SchoolRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row, reason)


class SheetError(Exception):
    """The file cannot be used at all (not a spreadsheet, no 学校标识码 column)."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed as a number
    return str(value).strip()


def _edition_column(heading: str) -> tuple[int, str] | None:
    """(grade or 0, subject code) if the heading names a subject's edition."""
    text = heading.strip()
    for suffix in _EDITION_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    m = _GRADE_PREFIX.match(text)
    key = f"{m['g']}:{m['rest']}" if m else text
    try:
        return parse_key(key)
    except EditionError:
        return None


def read_school_sheet(path: Path) -> SheetReport:
    import io

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from eduteach_hub.importer.spreadsheet import ListError, check_xlsx_parts
    from eduteach_protocol import safefs

    # Someone else's file: a plain file only (a FIFO must not hang the command), bounded,
    # and no zip bomb (sharedStrings.xml is read whole even in read-only mode).
    try:
        data = io.BytesIO(safefs.read_regular(path.parent, path.name, MAX_SHEET_BYTES, label=str(path)))
        check_xlsx_parts(data, str(path))
    except (safefs.UnsafeFileError, ListError) as exc:
        raise SheetError(*exc.args) from None
    try:
        wb = load_workbook(data, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise SheetError(L_("{path}: not an Excel .xlsx file ({error})", path=path, error=exc.__class__.__name__)) from None
    try:
        sheet = wb.worksheets[0]
        # A stray cell at XFD100000 makes the sheet's declared size 16,384 columns wide, and
        # read-only mode pads every row to it: trust the cells, not the declaration.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        header_row = 0
        headings: list[str] = []
        for header_row, values in enumerate(rows, start=1):
            headings = [_text(v) for v in values]
            if any(h in CODE_HEADINGS for h in headings):
                break
            if header_row >= 10:
                break
        if not any(h in CODE_HEADINGS for h in headings):
            raise SheetError(L_("{path}: no 学校标识码 column in the first 10 rows", path=path))
        code_col = next(i for i, h in enumerate(headings) if h in CODE_HEADINGS)
        name_col = next((i for i, h in enumerate(headings) if h in NAME_HEADINGS), None)
        county_col = next((i for i, h in enumerate(headings) if h in COUNTY_HEADINGS), None)
        edition_cols = {
            i: key for i, h in enumerate(headings)
            if i not in (code_col, name_col, county_col) and (key := _edition_column(h)) is not None
        }
        report = SheetReport()
        seen: dict[str, int] = {}
        for n, values in enumerate(rows, start=header_row + 1):
            if n > MAX_ROWS:
                report.errors.append((n, L_("more than {n} rows; split the file", n=MAX_ROWS)))
                break
            cells = [_text(v) for v in values]
            if not any(cells):
                continue  # blank rows between blocks are common
            cells += [""] * (len(headings) - len(cells))
            code = cells[code_col]
            if not re.fullmatch(r"\d{10}", code):
                report.errors.append((n, L_("学校标识码 {code!r} is not 10 digits", code=code)))
                continue
            if code in seen:
                report.errors.append((n, L_("school {code} is also on row {row}", code=code, row=seen[code])))
                continue
            seen[code] = n
            county = cells[county_col] if county_col is not None and cells[county_col] else None
            if county is not None and not re.fullmatch(r"\d{6}", county):
                report.errors.append((n, L_("区县代码 {county!r} is not 6 digits", county=county)))
                continue
            rules = []
            try:
                for i, (grade, subject) in edition_cols.items():
                    if cells[i]:
                        rules.append(EditionRule(subject, grade, check_edition(cells[i])))
            except EditionError as exc:
                report.errors.append((n, exc.args[0] if worded(exc) else str(exc)))
                continue
            name = cells[name_col] if name_col is not None else ""
            report.rows.append(SchoolRow(n, code, name, county, rules))
        return report
    finally:
        wb.close()
