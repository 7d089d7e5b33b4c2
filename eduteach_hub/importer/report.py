"""The import report: an Excel sheet a county officer can fix rows from, and a printed summary."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from eduteach_hub.spreadsheet import xlsx_text
from eduteach_protocol.cli_i18n import N_, _, render

from . import durable
from .model import ERROR, OK, WARNING, Finding

HEADERS = ("状态 Status", "位置 Where (file / row)", "课程编号 Lesson id", "课题 Title", "说明 Reason / what was done")
STATUS_TEXT = {OK: "正常 ok", WARNING: "注意 warning", ERROR: "错误 error"}
FILLS = {OK: "E2F0D9", WARNING: "FFF2CC", ERROR: "F8CBAD"}
STATUS_WORDS = {OK: N_("ok"), WARNING: N_("warning"), ERROR: N_("error")}


def sort_key(f: Finding) -> tuple[int, str, str]:
    rank = {ERROR: 0, WARNING: 1, OK: 2}[f.status]
    return rank, _natural(f.where), f.reason


def _natural(text: str) -> str:
    # "list.xlsx row 9" before "row 10": pad numbers
    return re.sub(r"\d+", lambda m: m.group(0).zfill(8), text)


def write_xlsx(path: Path, findings: list[Finding], title: str) -> None:
    import io

    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "导入报告"
    counts = Counter(f.status for f in findings)
    sheet.append([xlsx_text(title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"错误 errors: {counts[ERROR]}    注意 warnings: {counts[WARNING]}    正常 ok: {counts[OK]}"])
    sheet.append(list(HEADERS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for f in sorted(findings, key=sort_key):
        # A title or file name from the county's list stays text (never a formula) and never
        # breaks the workbook (control characters).
        # The reasons are Text (cli_i18n): in the language of the CLI that writes the report.
        sheet.append([STATUS_TEXT[f.status], *(xlsx_text(v) for v in (f.where, f.lesson_id, f.title, render(f.reason)))])
        sheet.cell(row=sheet.max_row, column=1).fill = PatternFill("solid", fgColor=FILLS[f.status])
    for col, width in zip("ABCDE", (14, 48, 30, 22, 80), strict=True):
        sheet.column_dimensions[col].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row[:4]:
            cell.alignment = Alignment(vertical="top")
        row[4].alignment = Alignment(wrap_text=True, vertical="top")
        # Spreadsheet programs do not all grow a wrapped row by themselves (LibreOffice keeps
        # the default height of an .xlsx row): give it the lines its reason needs.
        chars = sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(row[4].value or ""))
        lines = max(1, -(-chars // 100))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = 15 * lines
    sheet.freeze_panes = "A4"
    # Printed, it fits the page width in landscape: officers mark fixes on paper.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "3:3"
    sheet.auto_filter.ref = f"A3:E{max(sheet.max_row, 3)}"
    buf = io.BytesIO()
    book.save(buf)
    durable.write_bytes(path, buf.getvalue())


def summary_lines(findings: list[Finding], lessons_ok: int, limit: int = 20) -> list[str]:
    counts = Counter(f.status for f in findings)
    lines = [_("{ready} lessons ready; {errors} errors, {warnings} warnings").format(
        ready=lessons_ok, errors=counts[ERROR], warnings=counts[WARNING])]
    shown = [f for f in sorted(findings, key=sort_key) if f.status != OK]
    for f in shown[:limit]:
        lines.append(f"  {_(STATUS_WORDS[f.status]):7} {f.where}: {render(f.reason)}")
    if len(shown) > limit:
        lines.append("  " + _("… and {n} more in the report").format(n=len(shown) - limit))
    return lines
