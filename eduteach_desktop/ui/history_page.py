"""Class history: every session with its grades, subject, lessons played, attendance and
the pictures of pages the teacher drew on (kept on this PC only). Select one to see or
correct its attendance, or to look at its drawings."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.store.timetable import SessionSummary

from .labels import grades_label, period_label, subject_label
from .widgets import label

if TYPE_CHECKING:
    from .context import AppContext
    from .drawings_dialog import DrawingsDialog


def local_time(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return iso
    return when.strftime("%Y-%m-%d %H:%M")


class HistoryPage(QWidget):
    attendance_requested = Signal(str)  # session id
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Page")
        self.ctx = ctx
        self.sessions: list[SessionSummary] = []
        self.drawings: dict[str, int] = {}  # session id → saved pictures
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 14, 20, 10)
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Classes taught"), "WindowTitle"), 1)
        self.attendance_button = QPushButton(self.tr("Attendance of this class"))
        self.attendance_button.setEnabled(False)
        self.attendance_button.clicked.connect(self._open_attendance)
        self.drawings_button = QPushButton(self.tr("Drawings of this class"))
        self.drawings_button.setEnabled(False)
        self.drawings_button.clicked.connect(self.open_drawings)
        column.addLayout(top)
        column.addWidget(label(
            self.tr("Every class started in EduTeach, newest first, with the lessons played "
                    "in it. These are the records the county receives."),
            "Muted", wrap=True))
        actions = QHBoxLayout()  # a row of its own: the title and both fit at 150 % text
        actions.addStretch(1)
        actions.addWidget(self.drawings_button)
        actions.addWidget(self.attendance_button)
        column.addLayout(actions)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Started"), self.tr("Class"), self.tr("Lessons played"),
            self.tr("Attendance"), self.tr("Drawings"), self.tr("Ended")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._selected(row))
        self.table.cellDoubleClicked.connect(lambda *_: self._open_attendance())
        column.addWidget(self.table, 1)
        self.empty = label(self.tr("No classes yet. Start one on the Today screen."), "EmptyText",
                           wrap=True)
        column.addWidget(self.empty)

    def refresh(self) -> None:
        timetable, annotations = self.ctx.timetable, self.ctx.services.annotations

        def read() -> tuple[list[SessionSummary], dict[str, int]]:
            sessions = timetable.history()
            return sessions, annotations.counts([s.id for s in sessions])

        self.ctx.tasks.run_latest(self, "history", read, lambda found: self._show(*found))

    def _show(self, sessions: list[SessionSummary], drawings: dict[str, int]) -> None:
        self.sessions, self.drawings = sessions, drawings
        self.table.setRowCount(len(sessions))
        for r, s in enumerate(sessions):
            what = f"{grades_label(s.grades)} · {subject_label(s.subject)}"
            if s.period:
                what += f" · {period_label(s.period)}"
            attendance = self.tr("%1 present, %2 absent, %3 late, %4 on leave") \
                .replace("%1", str(s.present)).replace("%2", str(s.absent)) \
                .replace("%3", str(s.late)).replace("%4", str(s.leave))
            ended = local_time(s.ended_at)[-5:] if s.ended_at else self.tr("in progress")
            lessons = "、".join(s.lessons) if s.lessons else self.tr("none")
            drawn = self.tr("%1 pictures").replace("%1", str(drawings[s.id])) if s.id in drawings else ""
            for c, text in enumerate((local_time(s.started_at), what, lessons, attendance, drawn, ended)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.empty.setVisible(not sessions)
        self._selected(self.table.currentRow())
        self.refreshed.emit()

    def _selected(self, row: int) -> None:
        self.attendance_button.setEnabled(row >= 0)
        self.drawings_button.setEnabled(
            0 <= row < len(self.sessions) and self.sessions[row].id in self.drawings)

    def open_drawings(self) -> DrawingsDialog | None:
        """The saved drawings of the selected class, on a worker's listing."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.sessions):
            return None
        from .drawings_dialog import DrawingsDialog

        dialog = DrawingsDialog(self.ctx, self.sessions[row].id, self)
        dialog.deleted.connect(self.refresh)  # the count of pictures
        dialog.show()
        return dialog

    def _open_attendance(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.sessions):
            self.attendance_requested.emit(self.sessions[row].id)
