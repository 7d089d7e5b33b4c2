"""Today: the start screen. Today's periods (grades, subject, planned lesson); one click
starts the class, one more plays the lesson. The planned lesson advances by itself
through the unit (the next one not played yet); "Change" picks another."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eduteach_desktop.core.timetable import Slot, candidates, day_plan
from eduteach_desktop.store.lesson_table import LessonRow
from eduteach_protocol.subjects import SUBJECTS

from .classroom import SlotRef
from .icons import icon
from .labels import grades_label, period_label, subject_label, unit_label, weekday_label
from .widgets import label, page, repolish, scrolling

if TYPE_CHECKING:
    from .context import AppContext

CLASS_MINUTES = 40


@dataclass(frozen=True)
class TodayData:
    day: date
    weekday: int
    slots: list[Slot]
    plan: list[tuple[Slot, LessonRow | None]]
    choices: dict[int, list[LessonRow]]  # period -> lessons the teacher may pick
    sessions: dict[int, tuple[str, bool]]  # period -> (session id, ended)
    units: dict[str, str]  # lesson id -> unit label


def local_today(ctx: AppContext) -> datetime:
    return ctx.services.clock.now().astimezone()


def load_today(ctx: AppContext, now: datetime) -> TodayData:
    """Runs on a worker: the timetable, what was played, and today's plan. Reads only
    the subjects and grades taught today, so the start screen does not wait for the
    whole library (100,000 lessons)."""
    store = ctx.timetable
    slots = store.slots()
    played = store.played_lesson_ids()
    day = now.date()
    weekday = day.isoweekday()
    keys: list[LessonRow] = []
    seen: set[str] = set()
    for subject, grades in sorted({(s.subject, s.grades) for s in slots if s.weekday == weekday}):
        for row in store.lesson_rows(subject, grades):
            if row.id not in seen:
                seen.add(row.id)
                keys.append(row)
    rows = keys
    plan = day_plan(slots, weekday, keys, played, day)
    choices = {s.period: candidates(keys, s.subject, s.grades, day)[:200]
               for s in slots if s.weekday == weekday}
    planned = {ls.id for _, ls in plan.entries if ls is not None}
    units = {r.id: unit_label(r.unit, r.unit_title) for r in rows if r.id in planned}
    return TodayData(day, weekday, slots, plan.entries, choices,  # type: ignore[arg-type]
                     store.sessions_on(day), units)


class PeriodCard(QFrame):
    """One period: when, who, what; Start class → Play."""

    def __init__(self, page_: TodayPage, slot: Slot, lesson: LessonRow | None,
                 choices: list[LessonRow], unit: str, session: tuple[str, bool] | None,
                 now: bool):
        super().__init__()
        self.setObjectName("PeriodCard")
        self.setProperty("now", now)
        self.setProperty("done", bool(session and session[1]))
        self.slot, self.lesson, self._page = slot, lesson, page_
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(14)
        when = period_label(slot.period) + (f"  {slot.starts}" if slot.starts else "")
        self.when = label(when, "PeriodNo")
        self.who = label(f"{grades_label(slot.grades)} · {subject_label(slot.subject)}", "CardTitle",
                         wrap=True)
        if lesson is None:
            what = self.tr("No lesson of this subject and grade on this computer yet.")
        else:
            what = f"《{lesson.title}》  {unit}"
            if not lesson.installed:
                what += "  " + self.tr("(not downloaded yet)")
        self.what = label(what, "Big", wrap=True)
        self.start_button = QPushButton()
        self.start_button.setObjectName("Primary")
        self.start_button.setMinimumHeight(48)
        self.start_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.change = QComboBox()
        self.change.setToolTip(self.tr("Teach another lesson in this period"))
        self.change.addItem(self.tr("Change lesson…"), None)
        for choice in choices:
            self.change.addItem(f"{choice.title}", choice.id)
        self.change.setMinimumContentsLength(8)
        self.change.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.change.activated.connect(self._on_change)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.when, 0, 0)
        grid.addWidget(self.who, 0, 1)
        grid.addWidget(self.what, 1, 0, 1, 2)
        # The two actions on the right: a period is two lines high, five fit on a screen.
        buttons = QVBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.change)
        grid.addLayout(buttons, 0, 2, 2, 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        self.session = session
        self.update_button()
        self.start_button.clicked.connect(self._on_click)

    def mine(self) -> bool:
        """A session is running, and it was started from this period."""
        c = self._page.ctx.classroom
        return c.session is not None and c.slot is not None and c.slot.period == self.slot.period \
            and c.slot.day == self._page.data_day()

    def update_button(self) -> None:
        c = self._page.ctx.classroom
        ended = bool(self.session and self.session[1])
        if self.mine():
            if self.lesson is not None and self.lesson.installed:
                self.start_button.setText(self.tr("Play 《%1》").replace("%1", self.lesson.title))
                self.start_button.setIcon(icon("play", "#ffffff"))
                self.start_button.setEnabled(True)
            else:
                self.start_button.setText(self.tr("Class in progress"))
                self.start_button.setEnabled(False)
        elif ended:
            self.start_button.setText(self.tr("Taught ✓  Start again"))
            self.start_button.setIcon(icon("replay", "#ffffff"))
            self.start_button.setEnabled(c.session is None)
        else:
            self.start_button.setText(self.tr("Start class"))
            self.start_button.setIcon(icon("next", "#ffffff"))
            self.start_button.setEnabled(c.session is None)

    def _on_click(self) -> None:
        if self.mine():
            if self.lesson is not None:
                self._page.ctx.classroom.play(self.lesson.id)
            return
        self._page.start(self.slot)

    def _on_change(self, index: int) -> None:
        lesson_id = self.change.itemData(index)
        if lesson_id:
            self._page.override(self.slot, lesson_id)


class TodayPage(QWidget):
    refreshed = Signal()
    edit_timetable_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._data: TodayData | None = None
        self.cards: list[PeriodCard] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner, column = page()
        outer.addWidget(scrolling(inner))
        top = QHBoxLayout()
        self.title = label(self.tr("Today"), "WindowTitle")
        self.date_label = label("", "WindowSubtitle")
        self.edit_button = QPushButton(self.tr("Edit timetable"))
        self.edit_button.clicked.connect(self.edit_timetable_requested)
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.date_label, 1)
        top.addWidget(self.edit_button)
        column.addLayout(top)
        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(10)
        column.addLayout(self.cards_box)
        self.empty = label(
            self.tr("No periods today in the timetable. Press “Edit timetable” to add this "
                    "week's periods, or start a class here."),
            "EmptyText",
            wrap=True,
        )
        column.addWidget(self.empty)

        # A class outside the timetable: grades and a subject, then Start.
        self.adhoc = QFrame()
        self.adhoc.setObjectName("Card")
        form = QGridLayout(self.adhoc)
        form.setContentsMargins(16, 12, 16, 12)
        form.addWidget(label(self.tr("Another class"), "SectionTitle"), 0, 0, 1, 4)
        self.grade_boxes = []
        for i, g in enumerate((1, 2, 3)):
            box = QCheckBox(grades_label((g,)))
            box.setChecked(g == 1)
            self.grade_boxes.append(box)
            form.addWidget(box, 1, i)
        self.subject_box = QComboBox()
        for code in SUBJECTS:
            self.subject_box.addItem(subject_label(code), code)
        form.addWidget(self.subject_box, 2, 0, 1, 2)
        self.adhoc_button = QPushButton(self.tr("Start this class"))
        self.adhoc_button.clicked.connect(self._start_adhoc)
        form.addWidget(self.adhoc_button, 2, 2, 1, 2)
        column.addWidget(self.adhoc)
        column.addStretch(1)
        ctx.classroom.session_changed.connect(self._on_session_changed)
        ctx.library.rows_changed.connect(self.refresh)

    def data_day(self) -> date | None:
        return self._data.day if self._data else None

    def refresh(self) -> None:
        if self.ctx.tasks.closed:
            return
        ctx, now = self.ctx, local_today(self.ctx)
        ctx.tasks.run_latest(self, "today", lambda: load_today(ctx, now), self._show)

    def _show(self, data: TodayData) -> None:
        self._data = data
        self.date_label.setText(f"{weekday_label(data.weekday)}  {data.day.isoformat()}")
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        now = local_today(self.ctx)
        for slot, lesson in data.plan:
            is_now = False
            if slot.starts:
                try:
                    h, m = (int(x) for x in slot.starts.split(":"))
                    begin = now.replace(hour=h, minute=m, second=0, microsecond=0)
                    is_now = begin <= now < begin + timedelta(minutes=CLASS_MINUTES)
                except ValueError:
                    pass
            card = PeriodCard(self, slot, lesson, data.choices.get(slot.period, []),
                              data.units.get(lesson.id, "") if lesson else "",
                              data.sessions.get(slot.period), is_now)
            self.cards_box.addWidget(card)
            self.cards.append(card)
        self.empty.setVisible(not data.plan)
        self._on_session_changed()
        self.refreshed.emit()

    def card_for(self, period: int) -> PeriodCard | None:
        return next((c for c in self.cards if c.slot.period == period), None)

    def _on_session_changed(self) -> None:
        for card in self.cards:
            card.update_button()
            repolish(card)
        self.adhoc_button.setEnabled(self.ctx.classroom.session is None)

    def start(self, slot: Slot) -> None:
        assert self._data is not None
        ref = SlotRef(self._data.day, slot.weekday, slot.period)
        self.ctx.classroom.start(slot.subject, slot.grades, ref, on_started=lambda _s: self.refresh())

    def _start_adhoc(self) -> None:
        grades = tuple(g for g, box in zip((1, 2, 3), self.grade_boxes, strict=True) if box.isChecked())
        if not grades:
            self.ctx.dialogs.info(self, self.tr("Choose a grade"),
                                  self.tr("Tick at least one grade for this class."))
            return
        self.ctx.classroom.start(self.subject_box.currentData(), grades)

    def override(self, slot: Slot, lesson_id: str) -> None:
        store = self.ctx.timetable
        self.ctx.tasks.run_write(lambda: store.set_override(slot.weekday, slot.period, lesson_id),
                                 lambda _: self.refresh())
