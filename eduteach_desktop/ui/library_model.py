"""The library tree, 年级 → 学科 → 教材版本 → 册 → 单元 → 课, as a lazy item model.

Built from the packed lesson table (no JSON, nothing per lesson or per unit): only the
grade, subject, edition and volume nodes are objects (a few hundred at 100,000 lessons);
units and lessons are addressed by their numbers in the table, so nothing is created for
them until a volume or unit is opened and its rows are painted.
"""

from __future__ import annotations

from array import array
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

from eduteach_desktop.store.lesson_table import LessonRow, LessonTable, Unit, empty_table

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


@dataclass(slots=True)
class _Group:
    """A grade, subject, edition or volume node (a few hundred). Units and lessons are
    not objects: they are addressed by their numbers in the lesson table."""

    level: int  # 0..3
    unit: int  # the first of the table's units under it: its text is made from that one
    parent: int  # group id, -1 for top
    row: int
    children: list[int] = field(default_factory=list)  # child group ids (levels 0..2)
    last_unit: int = 0  # volumes hold the table's units [unit, last_unit)


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


def _header(section: int, orientation: Qt.Orientation, role: int, second: str) -> str | None:
    """Column titles of both lesson lists; the second column differs (type, or where)."""
    if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
        return None
    return (translate("LibraryModel", "Lesson"), second, translate("LibraryModel", "Length"),
            translate("LibraryModel", "On this PC"))[section]


class LibraryTreeModel(QAbstractItemModel):
    """internalId: groups are 0..G-1, the table's unit k is G + k, lesson row i is G + U + i."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: LessonTable = empty_table()
        self._groups: list[_Group] = []
        self._top: list[int] = []
        self._unit_parent = array("I")  # the volume group of each of the table's units
        self._units = 0
        self._state: StateFn = lambda row: (INSTALLED if row.installed else QUEUED, None)
        self._bold = QFont()
        self._bold.setBold(True)

    # --- filling ---------------------------------------------------------------------------
    def set_rows(self, rows: LessonTable) -> None:
        self.beginResetModel()
        self._rows = rows
        self._groups, self._top, self._unit_parent = [], [], array("I")
        self._units = rows.unit_count
        groups, top = self._groups, self._top
        current = [-1] * 4
        prev: Unit | None = None
        for k in range(rows.unit_count):
            u = rows.unit(k)
            # The first level whose key changed (units arrive in order); 4: same volume.
            if prev is None or u.grade != prev.grade:
                level = 0
            elif u.subject != prev.subject:
                level = 1
            elif u.edition != prev.edition:
                level = 2
            elif u.volume != prev.volume:
                level = 3
            else:
                level = 4
            for lv in range(level, 4):
                parent = current[lv - 1] if lv else -1
                siblings = groups[parent].children if parent >= 0 else top
                gid = len(groups)
                groups.append(_Group(lv, k, parent, len(siblings)))
                siblings.append(gid)
                current[lv] = gid
            groups[current[3]].last_unit = k + 1
            self._unit_parent.append(current[3])
            prev = u
        self.endResetModel()

    @staticmethod
    def _group_text(level: int, u: Unit) -> str:
        if level == 0:
            return grade_label(u.grade)
        if level == 1:
            return subject_label(u.subject)
        if level == 2:
            return u.edition
        if level == 3:
            return volume_label(u.volume)
        return unit_label(u.unit, u.unit_title)

    def set_state_fn(self, fn: StateFn) -> None:
        self._state = fn
        self.refresh_states()

    def refresh_states(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_STATE), self.index(self.rowCount() - 1, COL_STATE))
            # lessons are deeper: a layout ping repaints visible ones
            self.layoutChanged.emit()

    def rows(self) -> LessonTable:
        return self._rows

    # --- structure -------------------------------------------------------------------------
    def _unit_id(self, k: int) -> int:
        return len(self._groups) + k

    def _lesson_id(self, i: int) -> int:
        return len(self._groups) + self._units + i

    def _is_lesson(self, internal: int) -> bool:
        return internal >= len(self._groups) + self._units

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if row < 0 or column < 0 or column > COL_STATE:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._top):
                return QModelIndex()
            return self.createIndex(row, column, self._top[row])
        pid = parent.internalId()
        g = len(self._groups)
        if pid < g:
            group = self._groups[pid]
            if group.level < 3:
                if row >= len(group.children):
                    return QModelIndex()
                return self.createIndex(row, column, group.children[row])
            if row >= group.last_unit - group.unit:
                return QModelIndex()
            return self.createIndex(row, column, self._unit_id(group.unit + row))
        if self._is_lesson(pid):
            return QModelIndex()
        k = pid - g
        if row >= self._rows.unit_size(k):
            return QModelIndex()
        return self.createIndex(row, column, self._lesson_id(self._rows.unit_first(k) + row))

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        cid = child.internalId()
        g = len(self._groups)
        if cid < g:
            gid = self._groups[cid].parent
            return QModelIndex() if gid < 0 else self.createIndex(self._groups[gid].row, 0, gid)
        if not self._is_lesson(cid):
            gid = self._unit_parent[cid - g]
            return self.createIndex(self._groups[gid].row, 0, gid)
        k = self._rows.unit_of(cid - g - self._units)
        volume = self._groups[self._unit_parent[k]]
        return self.createIndex(k - volume.unit, 0, self._unit_id(k))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self._top)
        if parent.column() > 0:
            return 0
        pid = parent.internalId()
        g = len(self._groups)
        if pid < g:
            group = self._groups[pid]
            return len(group.children) if group.level < 3 else group.last_unit - group.unit
        if self._is_lesson(pid):
            return 0
        return self._rows.unit_size(pid - g)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 4

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        return _header(section, orientation, role, translate("LibraryModel", "Type"))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def lesson_row(self, index: Index) -> LessonRow | None:
        if not index.isValid() or not self._is_lesson(index.internalId()):
            return None
        return self._rows[index.internalId() - len(self._groups) - self._units]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        internal = index.internalId()
        col = index.column()
        g = len(self._groups)
        if internal < g:
            group = self._groups[internal]
            if role == Qt.ItemDataRole.DisplayRole and col == COL_TITLE:
                return self._group_text(group.level, self._rows.unit(group.unit))
            if role == LEVEL_ROLE:
                return LEVELS[group.level]
            if role == Qt.ItemDataRole.FontRole and group.level <= 1:
                return self._bold
            return None
        if not self._is_lesson(internal):
            if role == Qt.ItemDataRole.DisplayRole and col == COL_TITLE:
                return self._group_text(4, self._rows.unit(internal - g))
            if role == LEVEL_ROLE:
                return LEVELS[4]
            return None
        row = self._rows[internal - g - self._units]
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
        i = self._rows.find(lesson_id)
        if i is None:
            return QModelIndex()
        k = self._rows.unit_of(i)
        return self.createIndex(i - self._rows.unit_first(k), 0, self._lesson_id(i))


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
        return _header(section, orientation, role, translate("LibraryModel", "Where"))

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
