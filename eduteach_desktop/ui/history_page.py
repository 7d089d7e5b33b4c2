"""Class history: every session with its grades, subject, lessons played and attendance.
Select one to see or correct its attendance."""

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
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 14, 20, 10)
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Classes taught"), "WindowTitle"), 1)
        self.attendance_button = QPushButton(self.tr("Attendance of this class"))
        self.attendance_button.setEnabled(False)
        self.attendance_button.clicked.connect(self._open_attendance)
        top.addWidget(self.attendance_button)
        column.addLayout(top)
        column.addWidget(label(
            self.tr("Every class started in EduTeach, newest first, with the lessons played "
                    "in it. These are the records the county receives."),
            "Muted", wrap=True))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([
            self.tr("Started"), self.tr("Class"), self.tr("Lessons played"),
            self.tr("Attendance"), self.tr("Ended")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(
            lambda row, *_: self.attendance_button.setEnabled(row >= 0))
        self.table.cellDoubleClicked.connect(lambda *_: self._open_attendance())
        column.addWidget(self.table, 1)
        self.empty = label(self.tr("No classes yet. Start one on the Today screen."), "EmptyText",
                           wrap=True)
        column.addWidget(self.empty)

    def refresh(self) -> None:
        self.ctx.tasks.run_read(self.ctx.timetable.history, self._show)

    def _show(self, sessions: list[SessionSummary]) -> None:
        self.sessions = sessions
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
            for c, text in enumerate((local_time(s.started_at), what, lessons, attendance, ended)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.empty.setVisible(not sessions)
        self.refreshed.emit()

    def _open_attendance(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.sessions):
            self.attendance_requested.emit(self.sessions[row].id)
