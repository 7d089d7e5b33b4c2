"""The timetable editor: a week grid (weekday × period). Click a cell, choose the subject
and the grades taught together (复式: tick two or three), optionally a start time and a
fixed lesson, then Save."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.core.timetable import MAX_PERIODS, Slot, candidates
from eduteach_protocol.subjects import SUBJECTS

from .labels import grades_label, period_label, subject_label, weekday_label
from .widgets import label, scrolling

if TYPE_CHECKING:
    from .context import AppContext

DAYS = (1, 2, 3, 4, 5, 6)
PERIODS = 8


class TimetablePage(QWidget):
    saved = Signal()
    done = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Page")
        self.ctx = ctx
        self._slots: dict[tuple[int, int], Slot] = {}
        self._cell: tuple[int, int] | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 14, 20, 10)
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Timetable"), "WindowTitle"))
        top.addStretch(1)
        self.back = QPushButton(self.tr("Back to today"))
        self.back.clicked.connect(self.done)
        top.addWidget(self.back)
        column.addLayout(top)
        column.addWidget(label(
            self.tr("Click a period, choose the subject and the grades taught together, then Save."),
            "Muted", wrap=True))
        row = QHBoxLayout()
        column.addLayout(row, 1)
        self.grid = QTableWidget(PERIODS, len(DAYS))
        self.grid.setHorizontalHeaderLabels([weekday_label(d) for d in DAYS])
        self.grid.setVerticalHeaderLabels([period_label(p) for p in range(1, PERIODS + 1)])
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setWordWrap(True)
        self.grid.currentCellChanged.connect(lambda r, c, *_: self._select(r, c))
        row.addWidget(self.grid, 3)

        form_box = QFrame()
        form_box.setObjectName("Card")
        form = QGridLayout(form_box)
        form.setContentsMargins(14, 12, 14, 12)
        self.cell_title = label("", "SectionTitle", wrap=True)
        form.addWidget(self.cell_title, 0, 0, 1, 3)
        form.addWidget(label(self.tr("Subject"), "Muted"), 1, 0, 1, 3)
        self.subject = QComboBox()
        for code in SUBJECTS:
            self.subject.addItem(subject_label(code), code)
        form.addWidget(self.subject, 2, 0, 1, 3)
        form.addWidget(label(self.tr("Grades (tick several for a combined class)"), "Muted", wrap=True),
                       3, 0, 1, 3)
        self.grade_boxes = [QCheckBox(str(g)) for g in (1, 2, 3)]
        grades_row = QVBoxLayout()
        for i, box in enumerate(self.grade_boxes):
            box.setText(grades_label((i + 1,)))
            grades_row.addWidget(box)
        form.addLayout(grades_row, 4, 0, 1, 3)
        form.addWidget(label(self.tr("Starts at (optional)"), "Muted"), 5, 0, 1, 3)
        self.starts = QLineEdit()
        self.starts.setPlaceholderText("08:00")
        self.starts.setInputMask("")
        form.addWidget(self.starts, 6, 0, 1, 3)
        form.addWidget(label(self.tr("Lesson"), "Muted"), 7, 0, 1, 3)
        self.lesson = QComboBox()
        self.lesson.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lesson.setMinimumContentsLength(8)
        form.addWidget(self.lesson, 8, 0, 1, 3)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("Primary")
        self.clear_button = QPushButton(self.tr("Clear"))
        form.addWidget(self.save_button, 9, 0, 1, 3)
        form.addWidget(self.clear_button, 10, 0, 1, 3)
        form.setRowStretch(11, 1)
        side = scrolling(form_box)
        side.setMinimumWidth(230)
        side.setMaximumWidth(360)
        row.addWidget(side, 2)
        self.form_box = form_box
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.clear)
        self.subject.currentIndexChanged.connect(self._fill_lessons)
        for box in self.grade_boxes:
            box.toggled.connect(self._fill_lessons)
        self._set_form_enabled(False)

    def refresh(self) -> None:
        store = self.ctx.timetable
        self.ctx.tasks.run_latest(self, "slots", store.slots, self._show)

    def _show(self, slots: list[Slot]) -> None:
        self._slots = {(s.weekday, s.period): s for s in slots}
        for r in range(PERIODS):
            for c, day in enumerate(DAYS):
                slot = self._slots.get((day, r + 1))
                text = f"{subject_label(slot.subject)}\n{grades_label(slot.grades)}" if slot else ""
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.grid.setItem(r, c, item)
        if self._cell:
            self._select(self._cell[1] - 1, DAYS.index(self._cell[0]))

    def select(self, weekday: int, period: int) -> None:
        self.grid.setCurrentCell(period - 1, DAYS.index(weekday))
        self._select(period - 1, DAYS.index(weekday))

    def _set_form_enabled(self, on: bool) -> None:
        for w in (self.subject, self.starts, self.lesson, self.save_button, self.clear_button,
                  *self.grade_boxes):
            w.setEnabled(on)
        if not on:
            self.cell_title.setText(self.tr("Click a period in the grid."))

    def _select(self, row: int, col: int) -> None:
        if row < 0 or col < 0:
            return
        weekday, period = DAYS[col], row + 1
        self._cell = (weekday, period)
        self._set_form_enabled(True)
        self.cell_title.setText(f"{weekday_label(weekday)} · {period_label(period)}")
        slot = self._slots.get(self._cell)
        self.subject.blockSignals(True)
        self.subject.setCurrentIndex(max(0, self.subject.findData(slot.subject if slot else "music")))
        self.subject.blockSignals(False)
        for g, box in enumerate(self.grade_boxes, start=1):
            box.blockSignals(True)
            box.setChecked(g in slot.grades if slot else g == 1)
            box.blockSignals(False)
        self.starts.setText(slot.starts if slot else "")
        self._fill_lessons(keep=slot.lesson_id if slot else None)

    def _grades(self) -> tuple[int, ...]:
        return tuple(g for g, box in enumerate(self.grade_boxes, start=1) if box.isChecked())

    def _fill_lessons(self, *_: object, keep: str | None = None) -> None:
        self.lesson.clear()
        self.lesson.addItem(self.tr("Automatic: the next lesson not taught yet"), None)
        grades = self._grades()
        today = self.ctx.services.clock.now().astimezone().date()
        if grades:
            for row in candidates(self.ctx.library.rows.rows_for(self.subject.currentData(), grades),
                                  self.subject.currentData(), grades, today)[:300]:
                self.lesson.addItem(f"{grades_label((row.grade,))} {row.title}", row.id)
        if keep:
            i = self.lesson.findData(keep)
            if i >= 0:
                self.lesson.setCurrentIndex(i)

    def save(self) -> None:
        if self._cell is None:
            return
        grades = self._grades()
        if not grades:
            self.ctx.dialogs.info(self, self.tr("Choose a grade"),
                                  self.tr("Tick at least one grade for this period."))
            return
        starts = self.starts.text().strip()
        if starts and not _valid_time(starts):
            self.ctx.dialogs.info(self, self.tr("Time not understood"),
                                  self.tr("Write the time like 08:00, or leave it empty."))
            return
        slot = Slot(self._cell[0], self._cell[1], self.subject.currentData(), grades,
                    self.lesson.currentData(), starts)
        store = self.ctx.timetable
        self.ctx.tasks.run_write(lambda: store.put(slot), lambda _: self._after_save())

    def clear(self) -> None:
        if self._cell is None:
            return
        weekday, period = self._cell
        store = self.ctx.timetable
        self.ctx.tasks.run_write(lambda: store.remove(weekday, period), lambda _: self._after_save())

    def _after_save(self) -> None:
        self.refresh()
        self.saved.emit()


def _valid_time(text: str) -> bool:
    try:
        h, m = (int(x) for x in text.split(":"))
    except ValueError:
        return False
    return 0 <= h < 24 and 0 <= m < 60


__all__ = ["MAX_PERIODS", "TimetablePage"]
