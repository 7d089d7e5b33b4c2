"""Rosters from the files schools have: CSV or Excel (.xlsx) exported from the student
registry system, with Chinese headers (姓名, 性别, 学籍号, 年级, 班级, 出生日期 …).

All or nothing: every bad row is reported by its line number in the file, and if there is
any, nothing is imported. Birth dates are recognised (so the column is not an error) but
never stored: the app has no use for them and they are personal data of a minor.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .db import Database
from .roster import Pupil

MAX_ROWS = 2000
HEADER_SEARCH_ROWS = 10

# Column -> the header spellings we accept (compared without spaces, case-insensitive).
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "学生姓名", "名字", "学生", "name", "studentname", "pupil"),
    "gender": ("性别", "gender", "sex"),
    "registry_no": ("学籍号", "全国学籍号", "学籍编号", "学生学籍号", "学籍号码", "个人标识码",
                    "registryno", "registry", "studentid"),
    "grade": ("年级", "就读年级", "grade"),
    "class_name": ("班级", "班级名称", "班", "班名", "class", "classname"),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日", "birthdate", "birthday", "dob"),
}

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_GENDERS = {"男": "男", "女": "女", "m": "男", "male": "男", "f": "女", "female": "女",
            "1": "男", "2": "女"}
_REGISTRY_RE = re.compile(r"^[0-9A-Za-z]{6,32}\Z")


@dataclass(frozen=True)
class RowError:
    line: int  # 1-based line (CSV) or row (Excel) in the file, as the teacher sees it
    code: str  # missing_name, bad_grade, no_grade, bad_gender, bad_registry, duplicate_registry
    value: str = ""


@dataclass
class RosterImport:
    pupils: dict[int, list[Pupil]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    problem: str = ""  # file-level: unreadable, no_header, no_rows, too_many_rows, unsupported
    columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors and not self.problem and bool(self.pupils)

    def count(self) -> int:
        return sum(len(v) for v in self.pupils.values())


def _norm_header(text: Any) -> str:
    return re.sub(r"[\s_\-:：*（）()]", "", str(text or "")).lower()


_HEADER_LOOKUP = {_norm_header(v): key for key, vals in HEADERS.items() for v in vals}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel keeps long digit strings as numbers
    return str(value).strip().replace("\u3000", " ").strip()


def parse_grade(text: str) -> int | None:
    t = text.strip().lower().replace("grade", "").replace("年级", "").replace("年", "").strip()
    if not t:
        return None
    if t in _CN_DIGITS:
        return _CN_DIGITS[t]
    try:
        return int(t)
    except ValueError:
        return None


# A class list is a few KB; these bound what a wrong or damaged file can cost (a FIFO, a
# 4 GB file, a zip bomb, a stray cell at XFD1048576 that pads every row).
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_XLSX_INFLATED = 64 * 1024 * 1024
MAX_COLUMNS = 64


def _read_rows(path: Path) -> list[list[str]]:
    import itertools

    from eduteach_protocol import safefs

    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ValueError("unsupported")
    try:
        raw = safefs.read_regular(path.parent, path.name, MAX_FILE_BYTES, label=str(path))
    except safefs.UnsafeFileError:
        raise ValueError("unreadable") from None
    limit = HEADER_SEARCH_ROWS + MAX_ROWS + 1  # one more than allowed, so "too many" is seen
    if suffix in (".xlsx", ".xlsm"):
        import zipfile

        from openpyxl import load_workbook

        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            if sum(p.file_size for p in zf.infolist()) > MAX_XLSX_INFLATED:
                raise ValueError("unreadable")
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()
            rows = itertools.islice(sheet.iter_rows(values_only=True), limit)
            return [[_cell(v) for v in row[:MAX_COLUMNS]] for row in rows]
        finally:
            book.close()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("unreadable")
    sample = text[:4096]
    delimiter = max((",", "\t", ";", "，"), key=sample.count)
    rows = itertools.islice(csv.reader(io.StringIO(text), delimiter=delimiter), limit)
    return [[_cell(v) for v in row[:MAX_COLUMNS]] for row in rows]


def read_roster(path: Path, default_grade: int | None = None,
                grades: Sequence[int] = (1, 2, 3)) -> RosterImport:
    """Parse a roster file. Pupils are grouped by grade (from the 年级 column, or
    default_grade when the file has none)."""
    result = RosterImport()
    try:
        rows = _read_rows(path)
    except ValueError as exc:
        result.problem = str(exc) if str(exc) in ("unsupported", "unreadable") else "unreadable"
        return result
    except Exception:  # a damaged xlsx raises many kinds of errors  # noqa: BLE001
        result.problem = "unreadable"
        return result
    header_at = -1
    columns: dict[str, int] = {}
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {}
        for j, cell in enumerate(row):
            key = _HEADER_LOOKUP.get(_norm_header(cell))
            if key and key not in found:
                found[key] = j
        if "name" in found:
            header_at, columns = i, found
            break
    if header_at < 0:
        result.problem = "no_header"
        return result
    result.columns = tuple(sorted(columns))
    if "grade" not in columns and default_grade is None:
        result.problem = "no_grade_column"
        return result
    body = rows[header_at + 1:]
    if len(body) > MAX_ROWS:
        result.problem = "too_many_rows"
        return result

    def get(row: list[str], key: str) -> str:
        j = columns.get(key)
        return row[j] if j is not None and j < len(row) else ""

    seen_registry: dict[str, int] = {}
    for offset, row in enumerate(body):
        line = header_at + 2 + offset
        if not any(row):
            continue  # blank lines between classes are common
        name = get(row, "name")
        if not name:
            result.errors.append(RowError(line, "missing_name"))
            continue
        grade_text = get(row, "grade")
        grade = parse_grade(grade_text) if grade_text else default_grade
        if grade is None:
            result.errors.append(RowError(line, "no_grade" if not grade_text else "bad_grade",
                                          grade_text))
            continue
        if grade not in grades:
            result.errors.append(RowError(line, "bad_grade", grade_text or str(grade)))
            continue
        gender_text = get(row, "gender")
        gender = _GENDERS.get(gender_text.lower()) if gender_text else ""
        if gender is None:
            result.errors.append(RowError(line, "bad_gender", gender_text))
            continue
        registry = get(row, "registry_no").replace(" ", "") or None
        if registry is not None:
            if not _REGISTRY_RE.match(registry):
                result.errors.append(RowError(line, "bad_registry", registry))
                continue
            if registry.upper() in seen_registry:
                result.errors.append(RowError(line, "duplicate_registry", registry))
                continue
            seen_registry[registry.upper()] = line
        result.pupils.setdefault(grade, []).append(
            Pupil("", grade, name, gender, registry, get(row, "class_name")))
    if not result.pupils and not result.errors:
        result.problem = "no_rows"
    return result


def save_roster(db: Database, result: RosterImport) -> dict[int, list[Pupil]]:
    """Replace the roster of every grade in the file, all in one transaction. Pupils known
    by registry number keep their id (their attendance history stays theirs)."""
    if not result.ok:
        raise ValueError("refusing to import a roster with problems")
    saved: dict[int, list[Pupil]] = {}
    with db.transaction() as conn:
        known = {r["registry_no"]: r["id"] for r in conn.execute(
            "SELECT id, registry_no FROM pupils WHERE registry_no IS NOT NULL")}
        for grade, pupils in sorted(result.pupils.items()):
            conn.execute("UPDATE pupils SET active = 0 WHERE grade = ?", (grade,))
            out = []
            for position, p in enumerate(pupils):
                pid = (known.get(p.registry_no) if p.registry_no else None) or str(uuid.uuid4())
                conn.execute(
                    "INSERT INTO pupils (id, grade, name, gender, registry_no, class_name, active, position)"
                    " VALUES (?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT(id) DO UPDATE SET grade = excluded.grade,"
                    " name = excluded.name, gender = excluded.gender, registry_no = excluded.registry_no,"
                    " class_name = excluded.class_name, active = 1, position = excluded.position",
                    (pid, grade, p.name, p.gender, p.registry_no, p.class_name, position))
                out.append(Pupil(pid, grade, p.name, p.gender, p.registry_no, p.class_name))
            saved[grade] = out
    return saved
