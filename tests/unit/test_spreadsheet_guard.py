"""The one formula-injection guard, and that every spreadsheet the hub writes goes through
it: the records export, the dashboard's table exports and the import report."""

from __future__ import annotations

import csv
import io
import json
from types import SimpleNamespace

import pytest

from eduteach_hub.dashboard.exports import to_csv, to_xlsx
from eduteach_hub.dashboard.reports import Column, Table
from eduteach_hub.records_export import csv_row
from eduteach_hub.spreadsheet import csv_cell, formula_safe, xlsx_text
from eduteach_protocol.records import EXT_LESSON

DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd", "\r=cmd"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_would_run_as_a_formula_is_kept_as_text(text: str) -> None:
    assert formula_safe(text) == "'" + text
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["中心小学", "a=b", "1-2", "", "'=already"])
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert formula_safe(text) == text
    assert csv_cell(text) == text


def test_numbers_and_booleans_are_not_text() -> None:
    assert formula_safe(-3) == -3  # a negative number is a number, not a formula
    assert csv_cell(-3) == "-3"
    assert csv_cell(-1.5) == "-1.5"
    assert csv_cell(True) == "true"
    assert csv_cell(None) == ""


def test_records_export_rows_are_guarded() -> None:
    body = {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": "x"},
        "context": {"extensions": {EXT_LESSON: "=HYPERLINK(\"x\")"}},
    }
    row = SimpleNamespace(id="1", stored="s", timestamp="t", school_code="1234567890",
                          device_id="@dev", body=json.dumps(body))
    cells = csv_row(row, {})
    assert "'@dev" in cells
    assert "'=HYPERLINK(\"x\")" in cells


def _table(value: str) -> Table:
    return Table(name="t", title="t", columns=[Column("name", "学校", "text")], rows=[{"name": value}])


def test_dashboard_csv_and_workbook_are_guarded() -> None:
    text = to_csv(_table("=cmd|' /C calc'!A0")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'=cmd|' /C calc'!A0"]

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(to_xlsx(_table("+1")))).active
    assert ws is not None
    assert ws["A2"].value == "'+1"


def test_import_report_keeps_titles_and_file_names_as_text(tmp_path) -> None:
    from openpyxl import load_workbook

    from eduteach_hub.importer.model import ERROR, Finding
    from eduteach_hub.importer.report import write_xlsx

    out = tmp_path / "report.xlsx"
    write_xlsx(out, [Finding(ERROR, "=cmd|' /C calc'!A0.mp4", "-2+3", lesson_id="@x", title="+1")], "导入")
    ws = load_workbook(out).active
    assert ws is not None
    assert [c.value for c in ws[4]][1:] == ["'=cmd|' /C calc'!A0.mp4", "'@x", "'+1", "'-2+3"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_xlsx_text_is_guarded_and_holds_no_character_xml_refuses() -> None:
    assert xlsx_text("=a\x01b") == "'=a\ufffdb"
    assert xlsx_text("\x07=x") == "\ufffd=x"  # no longer starts a formula
    assert xlsx_text("中心小学") == "中心小学"

