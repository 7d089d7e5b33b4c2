"""The main window: navigation on the left, one screen at a time, and a bar across the top
while a class is in progress (its grades and subject, attendance, end of class)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .icons import icon
from .labels import grades_label, subject_label
from .library_page import LibraryPage
from .today_page import TodayPage
from .update_notice import UpdateNotice
from .widgets import label

if TYPE_CHECKING:
    from eduteach_desktop.store.lesson_table import LessonTable

    from .attendance_page import AttendancePage, RosterPage
    from .context import AppContext
    from .history_page import HistoryPage
    from .settings_page import SettingsPage
    from .sync_page import SyncPage
    from .timetable_page import TimetablePage


class SessionBar(QWidget):
    attendance_clicked = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SessionBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.ctx = ctx
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 12, 6)
        self.text = label("", "SessionText", wrap=True)
        self.attendance = QPushButton(self.tr("Attendance"))
        self.end_button = QPushButton(self.tr("End class"))
        self.end_button.setObjectName("Danger")
        row.addWidget(self.text, 1)
        row.addWidget(self.attendance)
        row.addWidget(self.end_button)
        self.attendance.clicked.connect(self.attendance_clicked)
        self.end_button.clicked.connect(self.end_class)
        ctx.classroom.session_changed.connect(self.update_view)
        self.update_view()

    def update_view(self) -> None:
        c = self.ctx.classroom
        self.setVisible(c.session is not None)
        if c.session is None:
            return
        played = len(c.lessons_played)
        self.text.setText(
            self.tr("In class: %1 · %2 · lessons played: %3")
            .replace("%1", grades_label(c.session.grades))
            .replace("%2", subject_label(c.session.subject))
            .replace("%3", str(played))
        )

    def end_class(self) -> None:
        self.end_button.setEnabled(False)
        self.ctx.classroom.end(on_ended=lambda: self.end_button.setEnabled(True))


class LibrarySnapshot:
    """What scripts (the frozen self-test) ask of the library: lessons and their state."""

    def __init__(self, rows: LessonTable) -> None:
        self.lessons = rows

    def lesson(self, lesson_id: str) -> object | None:
        return self.lessons.get(lesson_id)

    def is_installed(self, lesson_id: str) -> bool:
        row = self.lessons.get(lesson_id)
        return bool(row and row.installed)


class MainWindow(QMainWindow):
    refreshed = Signal()  # the library was (re)read
    NAV = ("today", "library", "attendance", "pupils", "history", "sync", "settings")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("EduTeach — Lessons"))
        self.setWindowIcon(icon("app", theme.PRIMARY))
        self.resize(1024, 720)
        self.setMinimumSize(800, 560)
        ctx.classroom.parent_widget = self

        central = QWidget()
        self.setCentralWidget(central)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        nav = QWidget()
        nav.setObjectName("Nav")
        nav.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        nav.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        nav_col = QVBoxLayout(nav)
        nav_col.setContentsMargins(8, 12, 8, 12)
        nav_col.setSpacing(4)
        nav_col.addWidget(label("EduTeach", "NavTitle"))
        nav_col.addSpacing(8)
        names = {
            "today": self.tr("Today"),
            "library": self.tr("Lessons"),
            "attendance": self.tr("Attendance"),
            "pupils": self.tr("Pupils"),
            "history": self.tr("Class history"),
            "sync": self.tr("Downloads"),
            "settings": self.tr("Settings"),
        }
        self.nav_buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        for key in self.NAV:
            button = QPushButton(names[key])
            button.setObjectName("NavButton")
            button.setCheckable(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, k=key: self.show_page(k))
            self._group.addButton(button)
            nav_col.addWidget(button)
            self.nav_buttons[key] = button
        nav_col.addStretch(1)
        row.addWidget(nav)

        content = QWidget()
        col = QVBoxLayout(content)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        self.session_bar = SessionBar(ctx)
        col.addWidget(self.session_bar)
        self.update_notice = UpdateNotice(ctx)
        col.addWidget(self.update_notice)
        self.stack = QStackedWidget()
        col.addWidget(self.stack, 1)
        row.addWidget(content, 1)

        self.today = TodayPage(ctx)
        self.library = LibraryPage(ctx)
        self.pages: dict[str, QWidget] = {"today": self.today, "library": self.library}
        for widget in self.pages.values():
            self.stack.addWidget(widget)
        # The other screens are built the first time they are shown (start-up time).
        self._factories = {
            "attendance": ("attendance_page", "AttendancePage"), "pupils": ("attendance_page", "RosterPage"),
            "history": ("history_page", "HistoryPage"), "sync": ("sync_page", "SyncPage"),
            "settings": ("settings_page", "SettingsPage"), "timetable": ("timetable_page", "TimetablePage"),
        }
        self.today.edit_timetable_requested.connect(lambda: self.show_page("timetable"))
        self.session_bar.attendance_clicked.connect(lambda: self.show_page("attendance"))
        ctx.classroom.session_changed.connect(self._on_session_changed)

        status = self.statusBar()
        status.setSizeGripEnabled(False)
        self.busy_label = QLabel()
        self.busy_label.setTextFormat(Qt.TextFormat.PlainText)  # shows lesson titles
        self.records_label = QLabel()
        status.addWidget(self.busy_label, 1)
        status.addPermanentWidget(self.records_label)
        ctx.sync.status_changed.connect(
            lambda st: self.records_label.setText(
                self.tr("Records waiting to upload: %1").replace("%1", str(st.waiting))))
        self._busy: dict[str, str] = {}
        ctx.library.rows_changed.connect(self.refreshed)
        self.stack.setCurrentWidget(self.today)
        self.nav_buttons["today"].setChecked(True)

    # --- screens, built on first use ----------------------------------------------------------
    def page(self, key: str) -> QWidget:
        widget = self.pages.get(key)
        if widget is None:
            module, cls = self._factories[key]
            widget = getattr(importlib.import_module(f"{__package__}.{module}"), cls)(self.ctx)
            self.pages[key] = widget
            self.stack.addWidget(widget)
            self._wire(key, widget)
        return widget

    def _wire(self, key: str, widget: QWidget) -> None:
        if key == "timetable":
            widget.done.connect(lambda: self.show_page("today"))  # type: ignore[attr-defined]
            widget.saved.connect(self.today.refresh)  # type: ignore[attr-defined]
        elif key == "attendance":
            widget.done.connect(lambda: self.show_page("today"))  # type: ignore[attr-defined]
        elif key == "history":
            widget.attendance_requested.connect(self.show_attendance_of)  # type: ignore[attr-defined]

    @property
    def attendance(self) -> AttendancePage:
        return self.page("attendance")  # type: ignore[return-value]

    @property
    def pupils(self) -> RosterPage:
        return self.page("pupils")  # type: ignore[return-value]

    @property
    def history(self) -> HistoryPage:
        return self.page("history")  # type: ignore[return-value]

    @property
    def sync(self) -> SyncPage:
        return self.page("sync")  # type: ignore[return-value]

    @property
    def settings(self) -> SettingsPage:
        return self.page("settings")  # type: ignore[return-value]

    @property
    def timetable(self) -> TimetablePage:
        return self.page("timetable")  # type: ignore[return-value]

    # --- navigation --------------------------------------------------------------------------
    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return next(k for k, w in self.pages.items() if w is widget)

    def show_page(self, key: str) -> None:
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        button = self.nav_buttons.get(key if key != "timetable" else "today")
        if button is not None:
            button.setChecked(True)
        if key in ("today", "timetable", "pupils", "history", "settings"):
            widget.refresh()  # type: ignore[attr-defined]
        elif key == "sync":
            self.ctx.sync.refresh_status()
        elif key == "attendance" and self.attendance.session is not self.ctx.classroom.session:
            self.attendance.show_session(self.ctx.classroom.session)

    def show_attendance_of(self, session_id: str) -> None:
        sessions = self.ctx.services.sessions
        self.ctx.tasks.run_read(lambda: sessions.get(session_id), self._open_attendance)

    def _open_attendance(self, session: object) -> None:
        self.stack.setCurrentWidget(self.attendance)
        self.nav_buttons["attendance"].setChecked(True)
        self.attendance.show_session(session)  # type: ignore[arg-type]

    def _on_session_changed(self) -> None:
        session = self.ctx.classroom.session
        on_attendance = self.stack.currentWidget() is self.pages.get("attendance")
        if on_attendance and session is not None:
            self.attendance.show_session(session)
        if session is None and on_attendance:
            self.show_page("today")
        QTimer.singleShot(0, self.ctx.sync.refresh_status)

    # --- for scripts: the library and opening a lesson at once ------------------------------
    def snapshot(self) -> LibrarySnapshot:
        return LibrarySnapshot(self.ctx.library.rows)

    def open_lesson(self, lesson_id: str) -> object | None:
        return self.ctx.classroom.open_now(lesson_id)

    # --- background activity -------------------------------------------------------------------
    def set_busy(self, key: str, text: str | None) -> None:
        if text is None:
            self._busy.pop(key, None)
        else:
            self._busy[key] = text
        self.busy_label.setText("  ".join(self._busy.values()))

    def busy_text(self) -> str:
        return self.busy_label.text()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.ctx.classroom.close_players()
        super().closeEvent(event)
