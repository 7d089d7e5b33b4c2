"""What the library window shows: a snapshot read off the GUI thread, and the tree built
from it (年级 → 学科 → 单元 → 课)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel

from eduteach_protocol.catalog import Lesson
from eduteach_protocol.subjects import SUBJECTS

from . import theme
from .icons import kind_icon
from .labels import book_label, duration_label, grade_label, kind_label, subject_label, unit_label

if TYPE_CHECKING:
    from eduteach_desktop.services import Services

LESSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2  # "grade", "subject", "unit", "lesson"

COL_TITLE, COL_KIND, COL_LENGTH, COL_STATE = range(4)
SUBJECT_ORDER = tuple(SUBJECTS)  # chinese, math, english, music, art, morality, science, pe


@dataclass(frozen=True)
class LibrarySnapshot:
    lessons: list[Lesson] = field(default_factory=list)
    installed: frozenset[str] = frozenset()
    records_waiting: int = 0

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((ls for ls in self.lessons if ls.id == lesson_id), None)

    def is_installed(self, lesson_id: str) -> bool:
        return lesson_id in self.installed


def load_snapshot(services: Services) -> LibrarySnapshot:
    """Runs on a worker: stats every blob, which is slow on an old disk with many lessons."""
    lessons = services.library.lessons()
    installed = frozenset(ls.id for ls in services.library.installed_lessons())
    return LibrarySnapshot(lessons, installed, services.outbox.counts().pending)


translate = QCoreApplication.translate


def _group_item(text: str, level: str, point_size: int, bold: bool = True) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(level, LEVEL_ROLE)
    font = QFont()
    font.setPointSize(point_size)
    font.setBold(bold)
    item.setFont(font)
    return item


def _cell(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item


def build_model(model: QStandardItemModel, snapshot: LibrarySnapshot) -> None:
    """Fill `model` from the snapshot. Lessons arrive sorted by grade, subject, book, unit."""
    model.clear()
    model.setHorizontalHeaderLabels(
        [
            translate("LibraryModel", "Lesson"),
            translate("LibraryModel", "Type"),
            translate("LibraryModel", "Length"),
            translate("LibraryModel", "On this PC"),
        ]
    )
    root = model.invisibleRootItem()

    def book_key(ls: Lesson) -> tuple[str, str, str]:
        return (ls.subject, ls.edition, ls.volume)

    for grade, in_grade in groupby(
        sorted(snapshot.lessons, key=_curriculum_order), key=lambda ls: ls.grade
    ):
        grade_item = _group_item(grade_label(grade), "grade", theme.BASE_POINT_SIZE + 2)
        root.appendRow(grade_item)
        for _, in_book in groupby(in_grade, key=book_key):
            book = list(in_book)
            first = book[0]
            subject_item = _group_item(
                f"{subject_label(first.subject)}    {book_label(first)}",
                "subject",
                theme.BASE_POINT_SIZE,
            )
            grade_item.appendRow(subject_item)
            for unit, in_unit in groupby(book, key=lambda ls: ls.unit):
                unit_lessons = list(in_unit)
                unit_item = _group_item(
                    unit_label(unit, unit_lessons[0].unit_title),
                    "unit",
                    theme.BASE_POINT_SIZE,
                    bold=False,
                )
                subject_item.appendRow(unit_item)
                for lesson in unit_lessons:
                    unit_item.appendRow(_lesson_row(lesson, snapshot.is_installed(lesson.id)))


def _curriculum_order(ls: Lesson) -> tuple[int, int, str, str, int, int, str]:
    """Subjects in the order of the national timetable (语文, 数学, 英语, 音乐, 美术 …),
    not alphabetically by code as the store returns them."""
    rank = SUBJECT_ORDER.index(ls.subject) if ls.subject in SUBJECT_ORDER else len(SUBJECT_ORDER)
    return (ls.grade, rank, ls.edition, ls.volume, ls.unit, ls.order, ls.id)


def _lesson_row(lesson: Lesson, installed: bool) -> list[QStandardItem]:
    title = _cell(lesson.title)
    title.setData(lesson.id, LESSON_ID_ROLE)
    title.setData("lesson", LEVEL_ROLE)
    title.setIcon(kind_icon(lesson.kind))
    if lesson.summary:
        title.setToolTip(lesson.summary)
    state = _cell(
        translate("LibraryModel", "Ready")
        if installed
        else translate("LibraryModel", "Not downloaded")
    )
    state.setForeground(QColor(theme.OK if installed else theme.WARN))
    length = _cell(duration_label(lesson.duration))
    length.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return [title, _cell(kind_label(lesson.kind)), length, state]
