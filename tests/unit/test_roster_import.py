"""Roster import: CSV and Excel with Chinese headers; bad rows by line; all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from eduteach_desktop.store.db import Database
from eduteach_desktop.store.roster import RosterStore
from eduteach_desktop.store.rosterimport import read_roster, save_roster


def _csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_chinese_headers_and_title_row(tmp_path: Path):
    path = _csv(tmp_path / "r.csv",
                "某某教学点学生名单\n姓名,性别,学籍号,年级,班级,出生日期\n"
                "张小明,男,G110101201501010011,一年级,一班,2015-01-01\n"
                "\n李小红,女,G110101201502020022,2,二班,2015-02-02\n")
    result = read_roster(path)
    assert result.ok, result.errors
    assert [p.name for p in result.pupils[1]] == ["张小明"]
    assert result.pupils[2][0].registry_no == "G110101201502020022"
    assert result.pupils[2][0].gender == "女"
    assert "birth_date" in result.columns


def test_gbk_csv_and_header_variants_with_default_grade(tmp_path: Path):
    path = _csv(tmp_path / "r.csv", "学生姓名,性 别,全国学籍号\n王五,男,\n赵六,女,L123456\n",
                "gb18030")
    result = read_roster(path, default_grade=3)
    assert result.ok
    assert [(p.name, p.registry_no) for p in result.pupils[3]] == [("王五", None), ("赵六", "L123456")]


def test_bad_rows_reported_by_line_and_nothing_imported(tmp_path: Path):
    db = Database(tmp_path / "db.sqlite3")
    roster = RosterStore(db)
    path = _csv(tmp_path / "bad.csv",
                "姓名,性别,学籍号,年级\n张三,男,G1234567,1\n,女,G7654321,1\n李四,未知,,1\n"
                "王五,男,G1234567,1\n赵六,女,,九年级\n")
    result = read_roster(path)
    assert not result.ok
    assert [(e.line, e.code) for e in result.errors] == [
        (3, "missing_name"), (4, "bad_gender"), (5, "duplicate_registry"), (6, "bad_grade")]
    with pytest.raises(ValueError):
        save_roster(db, result)
    assert roster.pupils() == []
    db.close()


def test_xlsx_import_replaces_grades_and_keeps_ids(tmp_path: Path):
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "姓名", "性别", "学籍号", "年级", "出生日期"])
    for i in range(30):
        sheet.append([i + 1, f"学生{i:02d}", "男" if i % 2 else "女", f"G{1000000000 + i}", "一年级",
                      "2019-09-01"])
    path = tmp_path / "r.xlsx"
    book.save(path)
    db = Database(tmp_path / "db.sqlite3")
    result = read_roster(path)
    assert result.ok and result.count() == 30
    first = save_roster(db, result)
    again = save_roster(db, read_roster(path))
    assert [p.id for p in first[1]] == [p.id for p in again[1]]
    assert len(RosterStore(db).pupils([1])) == 30
    assert not db.query("SELECT * FROM pupils WHERE name LIKE '%' AND typeof(registry_no) = 'integer'")
    db.close()


def test_unreadable_and_headerless_files(tmp_path: Path):
    assert read_roster(_csv(tmp_path / "x.xlsx", "not a zip")).problem == "unreadable"
    assert read_roster(_csv(tmp_path / "h.csv", "a,b\n1,2\n")).problem == "no_header"
    assert read_roster(_csv(tmp_path / "g.csv", "姓名\n张三\n")).problem == "no_grade_column"
    assert read_roster(_csv(tmp_path / "e.csv", "姓名,年级\n")).problem == "no_rows"


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="FIFOs are POSIX")
def test_a_wrong_or_hostile_roster_file_is_unreadable_not_a_hang(tmp_path: Path) -> None:
    """A FIFO named like a class list, a sparse giant, a zip bomb and a stray cell at
    XFD1048576 (read-only openpyxl pads every row to the declared width) cost nothing."""
    import os
    import zipfile

    import openpyxl

    from eduteach_desktop.store import rosterimport

    os.mkfifo(tmp_path / "fifo.csv")
    with open(tmp_path / "huge.csv", "wb") as fh:
        fh.truncate(4 * 1024**3)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/big.bin", bytes(rosterimport.MAX_XLSX_INFLATED + 1))
    for name in ("fifo.csv", "huge.csv", "bomb.xlsx"):
        assert read_roster(tmp_path / name, default_grade=1).problem == "unreadable", name

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "性别"])
    ws.append(["王小明", "男"])
    ws["XFD30"] = "x"
    wb.save(tmp_path / "corner.xlsx")
    result = read_roster(tmp_path / "corner.xlsx", default_grade=1)
    assert not result.problem and [p.name for p in result.pupils[1]] == ["王小明"]
