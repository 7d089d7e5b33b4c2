"""Every dashboard table as CSV (UTF-8 with BOM, opens in Excel) or as an Excel workbook."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.responses import Response

from eduteach_hub.spreadsheet import formula_safe, xlsx_text

from .reports import Table


def _plain(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == "pct" and isinstance(value, float):
        return round(value * 100, 1)
    if kind == "bool":
        return "是" if value else "否"
    return value


def _header(table: Table) -> list[str]:
    return [c.label + ("(%)" if c.kind == "pct" else "") + f" [{c.key}]" for c in table.columns]


def to_csv(table: Table) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(_header(table))
    for row in table.rows:
        w.writerow([formula_safe(_plain(row.get(c.key), c.kind)) for c in table.columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=False)
    ws = wb.active
    assert ws is not None
    ws.title = table.name[:31]
    ws.append(_header(table))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        values = []
        for c in table.columns:
            v = _plain(row.get(c.key), c.kind)
            # Codes stay text (学校标识码 has 10 digits; Excel would show 4.2E+09). Any text,
            # whatever its column, is guarded: openpyxl stores "=…" as a formula.
            if (c.kind == "text" and v != "") or isinstance(v, str):
                v = xlsx_text(str(v))
            values.append(v)
        ws.append(values)
    for i, c in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(c.label) * 2 + 4))
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def download(table: Table, filename: str, fmt: str) -> Response:
    """The table as an attachment (fmt "csv", else xlsx) that no cache keeps."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"}
    if fmt == "csv":
        return Response(to_csv(table), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(
        to_xlsx(table),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers=headers,
    )
