"""Hostile resource lists for `eduteach-hub import --catalog`: a zip bomb, a sheet with a
cell at XFD1048576, a million rows, a damaged zip, a CSV cell past csv's limit and formula
cells. Each is one ListError naming the file, quickly, with bounded memory."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from eduteach_hub.importer import spreadsheet
from eduteach_hub.importer.spreadsheet import ListError, read_rows


def _book(path: Path, cells: dict[str, object]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(path)
    return path


def _with_part(src: Path, dest: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == name else zin.read(item.filename))
        if name not in zin.namelist():
            zout.writestr(name, data)
    return dest


def test_a_corner_cell_does_not_make_17_billion_cells(tmp_path: Path) -> None:
    path = _book(tmp_path / "corner.xlsx", {"A1": "标题", "XFD1048576": "x"})
    with pytest.raises(ListError, match="1,048,576.*16,384"):
        read_rows(path)


def test_too_many_rows_are_refused_before_openpyxl_builds_them(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 1000)
    base = _book(tmp_path / "base.xlsx", {"A1": "标题"})
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (i, i)
                    for i in range(1, 1002))
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>")
    path = _with_part(base, tmp_path / "rows.xlsx", "xl/worksheets/sheet1.xml", sheet)
    with pytest.raises(ListError, match="more than 1,000 rows"):
        read_rows(path)
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text("标题\n" + "x\n" * 1001, encoding="utf-8")
    with pytest.raises(ListError, match="more than 1,000 rows"):
        read_rows(csv_path)


def test_a_zip_bomb_is_refused_by_its_declared_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheet, "MAX_XLSX_INFLATED", 4 * 1024 * 1024)
    base = _book(tmp_path / "base.xlsx", {"A1": "标题"})
    path = _with_part(base, tmp_path / "bomb.xlsx", "xl/media/image1.png", bytes(5 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    with pytest.raises(ListError, match="unpacks to"):
        read_rows(path)


def test_damaged_files_are_one_line(tmp_path: Path) -> None:
    bad_zip = tmp_path / "bad.xlsx"
    bad_zip.write_bytes(b"PK\x03\x04" + bytes(100))
    base = _book(tmp_path / "base.xlsx", {"A1": "标题"})
    bad_xml = _with_part(base, tmp_path / "badxml.xlsx", "xl/worksheets/sheet1.xml", b"<worksheet><row>")
    big_cell = tmp_path / "big.csv"
    big_cell.write_text('标题,文件\n"' + "x" * 200_000 + '",a.mp3\n', encoding="utf-8")
    for path in (bad_zip, bad_xml, big_cell):
        with pytest.raises(ListError) as info:
            read_rows(path)
        assert path.name in str(info.value) and "\n" not in str(info.value)


def test_formula_cells_give_their_value_never_their_formula(tmp_path: Path) -> None:
    path = _book(tmp_path / "formula.xlsx", {"A1": "标题", "A2": '=HYPERLINK("http://x","点我")',
                                             "A3": "小星星"})
    rows, _ = read_rows(path)
    cells = [c for _, row in rows for c in row]
    assert "小星星" in cells and not any(c.startswith("=") for c in cells)


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="FIFOs are POSIX")
def test_the_schools_sheet_is_read_as_someone_elses_file(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """`eduteach-hub school import`: a FIFO, a zip bomb and a corner cell that makes the
    declared sheet 16,384 columns wide are refused or read in no time."""
    import os

    from eduteach_hub.schools_import import SheetError, read_school_sheet

    os.mkfifo(tmp_path / "fifo.xlsx")
    with pytest.raises(SheetError, match="FIFO"):
        read_school_sheet(tmp_path / "fifo.xlsx")  # a hang here is the bug
    monkeypatch.setattr(spreadsheet, "MAX_XLSX_INFLATED", 4 * 1024 * 1024)
    base = _book(tmp_path / "base.xlsx", {"A1": "学校标识码", "B1": "学校名称", "A2": "4201000001",
                                          "B2": "杨树湾教学点"})
    bomb = _with_part(base, tmp_path / "bomb.xlsx", "xl/media/image1.png", bytes(5 * 1024 * 1024))
    with pytest.raises(SheetError, match="unpacks to"):
        read_school_sheet(bomb)
    corner = _book(tmp_path / "corner.xlsx", {"A1": "学校标识码", "B1": "学校名称", "A2": "4201000001",
                                              "B2": "杨树湾教学点", "XFD3000": "x"})
    report = read_school_sheet(corner)  # 3,000 rows x 16,384 padded cells before: minutes
    assert [r.code for r in report.rows] == ["4201000001"]
