"""Attendance and rosters.

Taking attendance: everyone is present by default; a click (or Space) on a pupil cycles
absent → late → on leave → present. With the keyboard, arrows move and one key sets a
status: A absent, L late, Q on leave (请假), P present (or digits 1–4). A class of 30
with three absences is four or five key presses. Editable until the session ends; after
that each change is a correction (the records layer voids the old record).

A combined class (复式教学, several grades in one session) shows each grade's pupils
under a heading with the grade's name, lowest grade first; Up and Down move between
the rows on screen, across the headings.

Rosters: per grade, imported from CSV or Excel; bad rows are listed by line and nothing
is imported until the file is right.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.records.recorder import Session
from eduteach_desktop.store.roster import Pupil
from eduteach_desktop.store.rosterimport import RosterImport, RowError, read_roster, save_roster

from .errors import describe_error
from .labels import grade_label, grades_label, status_label, subject_label
from .widgets import label, repolish, scrolling

if TYPE_CHECKING:
    from .context import AppContext

CYCLE = ("present", "absent", "late", "leave")
KEY_STATUS = {
    Qt.Key.Key_A: "absent", Qt.Key.Key_L: "late", Qt.Key.Key_Q: "leave", Qt.Key.Key_P: "present",
    Qt.Key.Key_1: "present", Qt.Key.Key_2: "absent", Qt.Key.Key_3: "late", Qt.Key.Key_4: "leave",
}
COLUMNS = 5


class AttendancePage(QWidget):
    """Pupils of the session's grades as big tiles."""

    status_saved = Signal(str, str)  # pupil id, status (durable)
    loaded = Signal()
    done = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Page")
        self.ctx = ctx
        self.session: Session | None = None
        self.pupils: list[Pupil] = []
        self.statuses: dict[str, str] = {}
        self.tiles: list[QPushButton] = []
        self.headings: list[QLabel] = []  # one per grade in a combined class, else none
        self._rows: list[list[int]] = []  # tile indices per row of tiles on screen
        self._row_of: list[int] = []  # tile index -> its row in _rows
        self._row_heading: dict[int, QLabel] = {}  # first row of a grade -> its heading
        self.cursor = 0  # the tile the keyboard is on
        self._pending = 0
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 14, 20, 10)
        top = QHBoxLayout()
        self.title = label(self.tr("Attendance"), "WindowTitle")
        self.back_button = QPushButton(self.tr("Done"))
        self.back_button.setObjectName("Primary")
        self.back_button.clicked.connect(self.done)
        top.addWidget(self.title, 1)
        top.addWidget(self.back_button)
        column.addLayout(top)
        self.subtitle = label("", "WindowSubtitle", wrap=True)
        column.addWidget(self.subtitle)
        self.help = label(
            self.tr("Everyone is present. Click a pupil to mark absent → late → on leave. "
                    "Keys: arrows to move, A absent, L late, Q on leave, P present."),
            "Muted", wrap=True)
        column.addWidget(self.help)
        self.counts = label("", "Big", wrap=True)
        column.addWidget(self.counts)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(8)
        self.grid.setContentsMargins(4, 4, 4, 4)
        for col in range(COLUMNS):
            # Equal columns: one long name must not squeeze its neighbours' columns below
            # their names' width when the page is narrow.
            self.grid.setColumnStretch(col, 1)
        self.scroll = scrolling(self.grid_host)
        column.addWidget(self.scroll, 1)
        self.empty = label("", "EmptyText", wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.empty)

    # --- loading ---------------------------------------------------------------------------
    def show_session(self, session: Session | None) -> None:
        self.session = session
        if session is None:
            self._clear_tiles()
            self.pupils, self.statuses = [], {}
            self.subtitle.setText("")
            self.counts.setText("")
            self.empty.setText(self.tr("Start a class on the Today screen first, then take attendance."))
            self.empty.show()
            self.loaded.emit()
            return
        services = self.ctx.services

        def read() -> tuple[list[Pupil], dict[str, str], Session]:
            fresh = services.sessions.get(session.id)
            return services.roster.pupils(fresh.grades), services.sessions.attendance(session.id), fresh

        self.ctx.tasks.run_latest(self, "session", read, self._show)

    def _show(self, result: tuple[list[Pupil], dict[str, str], Session]) -> None:
        pupils, statuses, session = result
        self.session = session
        # Pupils added to the roster after the session started are not in it. Lowest grade
        # first; within a grade, the roster's order (sorted() is stable).
        self.pupils = sorted((p for p in pupils if p.id in statuses), key=lambda p: p.grade)
        self.statuses = dict(statuses)
        ended = session.ended_at is not None
        from .history_page import local_time

        when = local_time(session.started_at)
        text = f"{grades_label(session.grades)} · {subject_label(session.subject)} · {when}"
        if ended:
            text += "\n" + self.tr("This class has ended: changes are sent as corrections.")
        self.subtitle.setText(text)
        self._clear_tiles()
        self._lay_out_tiles(combined=len(set(session.grades)) > 1)
        self.empty.setVisible(not self.pupils)
        if not self.pupils:
            self.empty.setText(self.tr("No pupils in these grades yet. Import the class list under “Pupils”."))
        self._update_counts()
        self.cursor = 0
        if self.tiles:
            self.tiles[0].setFocus()
        self.loaded.emit()

    def _lay_out_tiles(self, combined: bool) -> None:
        """COLUMNS tiles a row; in a combined class a heading row before each grade, whose
        tiles start on a new row."""
        row = 0  # grid row
        grade: int | None = None
        for i, pupil in enumerate(self.pupils):
            new_grade = combined and pupil.grade != grade
            if new_grade or not self._rows or len(self._rows[-1]) == COLUMNS:
                if self._rows:
                    row += 1
                if new_grade:
                    heading = label(grade_label(pupil.grade), "GradeHeading")
                    self.grid.addWidget(heading, row, 0, 1, COLUMNS)
                    self.headings.append(heading)
                    self._row_heading[len(self._rows)] = heading
                    row += 1
                self._rows.append([])
            grade = pupil.grade
            tile = QPushButton()
            tile.setObjectName("Pupil")
            tile.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tile.setMinimumWidth(90)
            tile.setProperty("grade_text", grade_label(pupil.grade) if combined else "")
            tile.setToolTip(tile.property("grade_text"))
            tile.clicked.connect(lambda _=False, i=i: self.cycle(i))
            tile.installEventFilter(self)
            self.grid.addWidget(tile, row, len(self._rows[-1]))
            self._rows[-1].append(i)
            self._row_of.append(len(self._rows) - 1)
            self.tiles.append(tile)
            self._paint(i)
        self.grid.setRowStretch(row + 1, 1)

    def _clear_tiles(self) -> None:
        for widget in [*self.tiles, *self.headings]:
            widget.deleteLater()
        self.tiles, self.headings = [], []
        self._rows, self._row_of, self._row_heading = [], [], {}
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)

    def grade_text(self, i: int) -> str:
        """Tile i's grade name in a combined class (its tooltip and accessible name say it;
        the heading above its row shows it), else ""."""
        return str(self.tiles[i].property("grade_text") or "")

    def _paint(self, i: int) -> None:
        pupil, tile = self.pupils[i], self.tiles[i]
        status = self.statuses.get(pupil.id, "present")
        tile.setText(f"{pupil.name}\n{status_label(status)}")
        tile.setProperty("status", status)
        grade = self.grade_text(i)
        tile.setAccessibleName(" ".join(t for t in (pupil.name, grade, status_label(status)) if t))
        repolish(tile)

    def _update_counts(self) -> None:
        total = len(self.pupils)
        n = {s: sum(1 for p in self.pupils if self.statuses.get(p.id) == s) for s in CYCLE}
        self.counts.setText(
            self.tr("%1 pupils: %2 present, %3 absent, %4 late, %5 on leave")
            .replace("%1", str(total)).replace("%2", str(n["present"])).replace("%3", str(n["absent"]))
            .replace("%4", str(n["late"])).replace("%5", str(n["leave"]))
        )

    # --- marking ---------------------------------------------------------------------------
    def cycle(self, i: int) -> None:
        current = self.statuses.get(self.pupils[i].id, "present")
        self.set_status(i, CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)])

    def set_status(self, i: int, status: str) -> None:
        if self.session is None or not 0 <= i < len(self.pupils):
            return
        pupil = self.pupils[i]
        if self.statuses.get(pupil.id) == status:
            return
        self.statuses[pupil.id] = status
        self._paint(i)
        self._update_counts()
        sessions, sid = self.ctx.services.sessions, self.session.id
        self._pending += 1

        def done(_: object) -> None:
            self._pending -= 1
            self.status_saved.emit(pupil.id, status)

        def failed(exc: BaseException) -> None:
            self._pending -= 1
            self.ctx.dialogs.error(self, self.tr("Attendance not saved"), describe_error(exc))
            self.show_session(self.session)

        self.ctx.tasks.run_write(lambda: sessions.set_status(sid, pupil.id, status), done, failed)

    def pending(self) -> int:
        return self._pending

    def neighbour(self, i: int, key: Qt.Key) -> int | None:
        """The tile an arrow key moves to from tile i: Left/Right in reading order, Up/Down
        to the same column of the row above/below on screen (or that row's last tile, as
        the last row of a grade may be short)."""
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            j = i + (1 if key == Qt.Key.Key_Right else -1)
            return j if 0 <= j < len(self.tiles) else None
        if key not in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            return None
        row = self._row_of[i]
        target = row + (1 if key == Qt.Key.Key_Down else -1)
        if not 0 <= target < len(self._rows):
            return None
        col = self._rows[row].index(i)
        cells = self._rows[target]
        return cells[min(col, len(cells) - 1)]

    def _reveal(self, i: int) -> None:
        """Scroll tile i into view, with its grade's heading if it is in the first row."""
        heading = self._row_heading.get(self._row_of[i])
        if heading is not None:
            self.scroll.ensureWidgetVisible(heading, 0, 0)
        self.scroll.ensureWidgetVisible(self.tiles[i], 0, 8)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn and watched in self.tiles:
            self.cursor = self.tiles.index(watched)  # type: ignore[arg-type]
            self._reveal(self.cursor)
        if event.type() == QEvent.Type.KeyPress and watched in self.tiles:
            assert isinstance(event, QKeyEvent)
            i = self.tiles.index(watched)  # type: ignore[arg-type]
            key = event.key()
            if key in (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Up):
                j = self.neighbour(i, Qt.Key(key))
                if j is not None:
                    self.cursor = j
                    self.tiles[j].setFocus()
                return True
            if key in KEY_STATUS:
                self.set_status(i, KEY_STATUS[key])
                return True
            if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.cycle(i)
                return True
        return super().eventFilter(watched, event)


class RosterPage(QWidget):
    """Pupils per grade, and the import of class lists."""

    imported = Signal(int)  # pupils imported
    import_refused = Signal(object)  # RosterImport with problems

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Page")
        self.ctx = ctx
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 14, 20, 10)
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Pupils"), "WindowTitle"))
        top.addStretch(1)
        self.grade = QComboBox()
        for g in (1, 2, 3):
            self.grade.addItem(grade_label(g), g)
        self.grade.currentIndexChanged.connect(self.refresh)
        self.import_button = QPushButton(self.tr("Import class list…"))
        self.import_button.setObjectName("Primary")
        self.import_button.clicked.connect(self.choose_file)
        top.addWidget(self.grade)
        top.addWidget(self.import_button)
        column.addLayout(top)
        column.addWidget(label(
            self.tr("Import the class list exported from the student registry (Excel .xlsx or "
                    "CSV) with columns such as 姓名, 性别, 学籍号, 年级, 班级. It replaces the "
                    "list of each grade in the file. Names stay on this computer."),
            "Muted", wrap=True))
        self.problems = label("", "StateWarn", wrap=True)
        self.problems.hide()
        column.addWidget(self.problems)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Gender"), self.tr("Registry number"), self.tr("Class")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(True)
        column.addWidget(self.table, 1)
        self.count = label("", "Muted")
        column.addWidget(self.count)

    def current_grade(self) -> int:
        return int(self.grade.currentData())

    def refresh(self) -> None:
        roster, grade = self.ctx.services.roster, self.current_grade()
        self.ctx.tasks.run_latest(self, "roster", lambda: roster.pupils([grade]), self._show)

    def _show(self, pupils: list[Pupil]) -> None:
        self.table.setRowCount(len(pupils))
        for r, p in enumerate(pupils):
            for c, text in enumerate((p.name, p.gender, p.registry_no or "", p.class_name)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.count.setText(self.tr("%1 pupils in %2").replace("%1", str(len(pupils)))
                           .replace("%2", grade_label(self.current_grade())))

    def choose_file(self) -> None:
        path = self.ctx.dialogs.open_file(
            self, self.tr("Choose the class list"),
            self.tr("Class lists (*.xlsx *.csv);;All files (*)"))
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        grade = self.current_grade()
        self.ctx.tasks.run_read(lambda: read_roster(path, default_grade=grade),
                                lambda result: self._on_read(path, result))

    def _on_read(self, path: Path, result: RosterImport) -> None:
        if not result.ok:
            self.problems.setText(self.describe(path, result))
            self.problems.show()
            self.import_refused.emit(result)
            return
        self.problems.hide()
        grades = "、".join(grade_label(g) for g in sorted(result.pupils))
        question = self.tr("Import %1 pupils into %2? The current lists of these grades are replaced.") \
            .replace("%1", str(result.count())).replace("%2", grades)
        if not self.ctx.dialogs.confirm(self, self.tr("Import class list"), question):
            return
        db = self.ctx.services.db
        self.ctx.tasks.run_write(lambda: save_roster(db, result),
                                 lambda saved: self._on_saved(result, saved),
                                 lambda exc: self.ctx.dialogs.error(
                                     self, self.tr("The class list was not imported"), describe_error(exc)))

    def _on_saved(self, result: RosterImport, _saved: object) -> None:
        first = min(result.pupils)
        self.grade.setCurrentIndex(self.grade.findData(first))
        self.refresh()
        self.imported.emit(result.count())

    def describe(self, path: Path, result: RosterImport) -> str:
        files = {
            "unreadable": self.tr("This file could not be read. Save it from Excel as .xlsx or .csv and try again."),
            "unsupported": self.tr("Old Excel files (.xls) cannot be read. Save it as .xlsx and try again."),
            "no_header": self.tr("No column 姓名 (name) was found in the first rows of the file."),
            "no_grade_column": self.tr("The file has no 年级 (grade) column."),
            "no_rows": self.tr("The file has no pupils in it."),
            "too_many_rows": self.tr("The file has too many rows for one teaching point."),
        }
        if result.problem:
            return files.get(result.problem, result.problem)
        lines = [self.tr("Nothing was imported. Correct these rows in %1 and import again:")
                 .replace("%1", path.name)]
        for error in result.errors[:30]:
            lines.append(self.tr("Line %1: ").replace("%1", str(error.line)) + self.error_text(error))
        if len(result.errors) > 30:
            lines.append(self.tr("… and %1 more.").replace("%1", str(len(result.errors) - 30)))
        return "\n".join(lines)

    def error_text(self, error: RowError) -> str:
        texts = {
            "missing_name": self.tr("The name is empty."),
            "bad_grade": self.tr("The grade “%1” is not grade 1, 2 or 3."),
            "no_grade": self.tr("The grade is empty."),
            "bad_gender": self.tr("The gender “%1” is not 男 or 女."),
            "bad_registry": self.tr("The registry number “%1” has characters that do not belong there."),
            "duplicate_registry": self.tr("The registry number %1 appears twice in the file."),
        }
        return texts.get(error.code, error.code).replace("%1", error.value)
