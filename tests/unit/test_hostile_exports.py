"""Dashboard exports of text that came from record files and PCs (device names, lesson
titles): formulas are never live in CSV or XLSX, and control characters do not turn an
XLSX export into an error."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from eduteach_hub.dashboard import exports
from eduteach_hub.dashboard.reports import Column, Table

HOSTILE = ['=HYPERLINK("http://x","点我")', "+1+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "课\x01程\x1b[2J"]


def _table() -> Table:
    cols = [Column("name", "名称"), Column("plays", "播放", "int")]
    return Table("t", "表", cols, [{"name": h, "plays": h} for h in HOSTILE] + [{"name": "小学", "plays": 3}])


def test_xlsx_export_has_no_formula_and_no_crash() -> None:
    wb = load_workbook(io.BytesIO(exports.to_xlsx(_table())))
    ws = wb.active
    assert ws is not None
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    values = [c.value for c in cells]
    assert "'" + HOSTILE[0] in values and "'" + HOSTILE[1] in values and 3 in values
    assert "课\ufffd程\ufffd[2J" in values


def test_csv_export_has_no_formula() -> None:
    rows = list(csv.reader(io.StringIO(exports.to_csv(_table()).decode("utf-8-sig"))))[1:]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
