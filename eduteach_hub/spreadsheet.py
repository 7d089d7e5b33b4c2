"""Cells for files a county officer opens in Excel or WPS: the one guard against formula
injection, used by every CSV and workbook the hub writes (records export, dashboard tables).

A school name or device name comes from a teaching point; text starting with one of these
characters would run as a formula when the file is opened (OWASP "CSV injection"), so it is
kept as text by a leading apostrophe.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """`value` unchanged, unless it is text a spreadsheet would run: then prefixed with '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_cell(value: Any) -> str:
    """Text for a CSV cell: None empty, booleans as true/false, numbers plain, text guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    return str(formula_safe(str(value)))


def xlsx_text(value: str) -> str:
    """Text for an Excel cell: guarded as above, and the control characters XML cannot hold
    shown as U+FFFD (a device name or a lesson title holding one must not turn the export
    into an error: openpyxl refuses them)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(formula_safe(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)))

