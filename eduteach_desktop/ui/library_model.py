"""The library tree, 年级 → 学科 → 教材版本 → 册 → 单元 → 课, as a lazy item model.

Built from compact rows (no JSON), grouped once: group nodes are few (a few thousand at
100,000 lessons); lessons are leaves addressed by their row number, so nothing per
lesson is created until a unit is opened and its rows are painted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from eduteach_desktop.store.timetable import LessonRow

from . import theme
from .icons import kind_icon
from .labels import (
    duration_label,
    grade_label,
    kind_label,
    size_label,
    subject_label,
    unit_label,
    volume_label,
)

LESSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2  # grade, subject, edition, volume, unit, lesson
STATE_ROLE = Qt.ItemDataRole.UserRole + 3

COL_TITLE, COL_KIND, COL_LENGTH, COL_STATE = range(4)
LEVELS = ("grade", "subject", "edition", "volume", "unit")

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex


@dataclass
class _Group:
    level: int  # 0..4
    text: str
    parent: int  # group id, -1 for top
    row: int
    children: list[int] = field(default_factory=list)  # child group ids (levels 0..3)
    first: int = 0  # lesson rows [first, last) for units
    last: int = 0


# A lesson's state in the library, for the State column and the card.
INSTALLED, DOWNLOADING, QUEUED, NOT_SUBSCRIBED = "installed", "downloading", "queued", "not_subscribed"


def state_text(state: str, percent: int | None = None) -> str:
    if state == INSTALLED:
        return translate("LibraryModel", "Ready")
    if state == DOWNLOADING:
        text = translate("LibraryModel", "Downloading")
        return f"{text} {percent}%" if percent is not None else text
    if state == QUEUED:
        return translate("LibraryModel", "Waiting to download")
    return translate("LibraryModel", "Not subscribed")


def state_color(state: str) -> QColor:
    return QColor({INSTALLED: theme.OK, DOWNLOADING: theme.PRIMARY, QUEUED: theme.WARN}.get(
        state, theme.MUTED))


StateFn = Callable[[LessonRow], tuple[str, int | None]]


class LibraryTreeModel(QAbstractItemModel):
    """internalId: group ids are 0..G-1; a lesson is G + its row number."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[LessonRow] = []
        self._groups: list[_Group] = []
        self._top: list[int] = []
        self._unit_of: list[int] = []
        self._state: StateFn = lambda row: (INSTALLED if row.installed else QUEUED, None)
        self._bold = QFont()
        self._bold.setBold(True)

    # --- filling ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[LessonRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._groups, self._top, self._unit_of = [], [], []
        groups, top, unit_of = self._groups, self._top, self._unit_of
        current = [-1] * 5
        prev: LessonRow | None = None
        for i, r in enumerate(self._rows):
            # The first level whose key changed (rows arrive sorted): most rows only add a
            # lesson to the current unit.
            if prev is None or r.grade != prev.grade:
                level = 0
            elif r.subject != prev.subject:
                level = 1
            elif r.edition != prev.edition:
                level = 2
            elif r.volume != prev.volume:
                level = 3
            elif r.unit != prev.unit:
                level = 4
            else:
                level = 5
            for lv in range(level, 5):
                parent = current[lv - 1] if lv else -1
                siblings = groups[parent].children if parent >= 0 else top
                gid = len(groups)
                groups.append(_Group(lv, self._group_text(lv, r), parent, len(siblings), first=i, last=i))
                siblings.append(gid)
                current[lv] = gid
            groups[current[4]].last = i + 1
            unit_of.append(current[4])
            prev = r
        self.endResetModel()

    @staticmethod
    def _group_text(level: int, r: LessonRow) -> str:
        if level == 0:
            return grade_label(r.grade)
        if level == 1:
            return subject_label(r.subject)
        if level == 2:
            return r.edition
        if level == 3:
            return volume_label(r.volume)
        return unit_label(r.unit, r.unit_title)

    def set_state_fn(self, fn: StateFn) -> None:
        self._state = fn
        self.refresh_states()

    def refresh_states(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_STATE), self.index(self.rowCount() - 1, COL_STATE))
            # lessons are deeper: a layout ping repaints visible ones
            self.layoutChanged.emit()

    def rows(self) -> list[LessonRow]:
        return self._rows

    # --- structure -------------------------------------------------------------------------
    def _is_lesson(self, internal: int) -> bool:
        return internal >= len(self._groups)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if row < 0 or column < 0 or column > COL_STATE:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._top):
                return QModelIndex()
            return self.createIndex(row, column, self._top[row])
        pid = parent.internalId()
        if self._is_lesson(pid):
            return QModelIndex()
        group = self._groups[pid]
        if group.level < 4:
            if row >= len(group.children):
                return QModelIndex()
            return self.createIndex(row, column, group.children[row])
        if row >= group.last - group.first:
            return QModelIndex()
        return self.createIndex(row, column, len(self._groups) + group.first + row)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        cid = child.internalId()
        if self._is_lesson(cid):
            gid = self._unit_of[cid - len(self._groups)]
        else:
            gid = self._groups[cid].parent
        if gid < 0:
            return QModelIndex()
        return self.createIndex(self._groups[gid].row, 0, gid)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self._top)
        if parent.column() > 0:
            return 0
        pid = parent.internalId()
        if self._is_lesson(pid):
            return 0
        group = self._groups[pid]
        return len(group.children) if group.level < 4 else group.last - group.first

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 4

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                translate("LibraryModel", "Lesson"),
                translate("LibraryModel", "Type"),
                translate("LibraryModel", "Length"),
                translate("LibraryModel", "On this PC"),
            )[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def lesson_row(self, index: Index) -> LessonRow | None:
        if not index.isValid() or not self._is_lesson(index.internalId()):
            return None
        return self._rows[index.internalId() - len(self._groups)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        internal = index.internalId()
        col = index.column()
        if not self._is_lesson(internal):
            group = self._groups[internal]
            if role == Qt.ItemDataRole.DisplayRole and col == COL_TITLE:
                return group.text
            if role == LEVEL_ROLE:
                return LEVELS[group.level]
            if role == Qt.ItemDataRole.FontRole and group.level <= 1:
                return self._bold
            return None
        row = self._rows[internal - len(self._groups)]
        if role == LESSON_ID_ROLE:
            return row.id
        if role == LEVEL_ROLE:
            return "lesson"
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TITLE:
                return row.title
            if col == COL_KIND:
                return kind_label(row.kind)
            if col == COL_LENGTH:
                return duration_label(row.duration)
            state, percent = self._state(row)
            return state_text(state, percent)
        if role == STATE_ROLE:
            return self._state(row)[0]
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATE:
            return state_color(self._state(row)[0])
        if role == Qt.ItemDataRole.DecorationRole and col == COL_TITLE:
            return kind_icon(row.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_LENGTH:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title} · {size_label(row.size)}"
        return None

    # --- finding -------------------------------------------------------------------------
    def index_of(self, lesson_id: str) -> QModelIndex:
        for i, row in enumerate(self._rows):
            if row.id == lesson_id:
                unit = self._unit_of[i]
                return self.createIndex(i - self._groups[unit].first, 0, len(self._groups) + i)
        return QModelIndex()


class ResultsModel(QAbstractItemModel):
    """Search results: a flat list of lessons with where each belongs."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[LessonRow] = []
        self._state: StateFn = lambda row: (INSTALLED if row.installed else QUEUED, None)

    def set_rows(self, rows: Sequence[LessonRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_state_fn(self, fn: StateFn) -> None:
        self._state = fn
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_STATE), self.index(len(self._rows) - 1, COL_STATE))

    def rows(self) -> list[LessonRow]:
        return self._rows

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._rows)) or not 0 <= column <= COL_STATE:
            return QModelIndex()
        return self.createIndex(row, column, row)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                translate("LibraryModel", "Lesson"),
                translate("LibraryModel", "Where"),
                translate("LibraryModel", "Length"),
                translate("LibraryModel", "On this PC"),
            )[section]
        return None

    def lesson_row(self, index: Index) -> LessonRow | None:
        return self._rows[index.row()] if index.isValid() else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        if role == LESSON_ID_ROLE:
            return row.id
        if role == LEVEL_ROLE:
            return "lesson"
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TITLE:
                return row.title
            if col == 1:
                return (f"{grade_label(row.grade)} · {subject_label(row.subject)} · {row.edition}"
                        f" {volume_label(row.volume)} · {unit_label(row.unit, '')}")
            if col == COL_LENGTH:
                return duration_label(row.duration)
            state, percent = self._state(row)
            return state_text(state, percent)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATE:
            return state_color(self._state(row)[0])
        if role == Qt.ItemDataRole.DecorationRole and col == COL_TITLE:
            return kind_icon(row.kind)
        return None
