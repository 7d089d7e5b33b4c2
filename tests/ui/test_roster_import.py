"""Importing a class list in the app: a good Excel file, and a bad CSV (rows by line,
nothing imported)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt

from .helpers import wait_idle


def test_import_good_xlsx_then_bad_csv(qtbot, edu, services, tasks, dialogs, tmp_path: Path):
    window = edu.main_window
    window.show_page("pupils")
    page = window.pupils
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "性别", "学籍号", "年级", "班级", "出生日期"])
    for i in range(30):
        sheet.append([f"学生{i:02d}", "女" if i % 2 else "男", f"G{2000000000 + i}", "二年级", "二班",
                      "2018-05-01"])
    good = tmp_path / "二年级名单.xlsx"
    book.save(good)
    dialogs.files.append(good)
    with qtbot.waitSignal(page.imported, timeout=10_000) as imported:
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert imported.args == [30]
    assert any(kind == "confirm" and "30" in text for kind, _, text in dialogs.shown)
    qtbot.waitUntil(lambda: page.table.rowCount() == 30, timeout=5000)
    assert page.current_grade() == 2
    assert page.table.item(0, 0).text() == "学生00"
    assert len(services.roster.pupils([2])) == 30

    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,性别,学籍号,年级\n张三,男,G1234567,2\n,女,,2\n李四,未知,,2\n", encoding="utf-8")
    dialogs.files.append(bad)
    with qtbot.waitSignal(page.import_refused, timeout=10_000):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    text = page.problems.text()
    assert "没有导入" in text and "第 3 行" in text and "第 4 行" in text
    wait_idle(qtbot, tasks)
    assert [p.name for p in services.roster.pupils([2])][:1] == ["学生00"]  # unchanged
    assert len(services.roster.pupils([2])) == 30
