"""The weekly timetable and which lesson comes next. Plain Python, no clock of its own.

A slot is one period on one weekday: a subject taught to one or more grades at once
(复式教学: grade 1+2 music together). The planned lesson is the teacher's choice if set,
otherwise the next lesson of that subject and grade that has not been played yet, in
curriculum order (this term's volume first, then unit, then order within the unit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

WEEKDAYS = (1, 2, 3, 4, 5, 6, 7)  # ISO: Monday = 1
MAX_PERIODS = 10


@dataclass(frozen=True)
class Slot:
    weekday: int
    period: int
    subject: str
    grades: tuple[int, ...]
    lesson_id: str | None = None  # the teacher's override; None: advance automatically
    starts: str = ""  # "08:00", optional, only shown

    def __post_init__(self) -> None:
        if self.weekday not in WEEKDAYS:
            raise ValueError(f"weekday must be 1..7, not {self.weekday}")
        if not 1 <= self.period <= MAX_PERIODS:
            raise ValueError(f"period must be 1..{MAX_PERIODS}, not {self.period}")
        if not self.grades:
            raise ValueError("a slot needs at least one grade")
        object.__setattr__(self, "grades", tuple(sorted(set(self.grades))))


class LessonLike(Protocol):
    id: str
    grade: int
    subject: str
    edition: str
    volume: str
    unit: int
    order: int


@dataclass(frozen=True)
class LessonKey:
    """The few catalog fields the timetable needs (a row, not a whole Lesson)."""

    id: str
    grade: int
    subject: str
    edition: str
    volume: str
    unit: int
    order: int
    title: str = ""
    installed: bool = True


def term_volume(today: date) -> str:
    """上册 is the autumn term (September to February), 下册 the spring term."""
    return "下册" if 3 <= today.month <= 8 else "上册"


def candidates(lessons: Iterable[LessonLike], subject: str, grades: Sequence[int],
               today: date, editions: Sequence[str] = ()) -> list[LessonLike]:
    """Lessons a slot could play, in teaching order: this term's volume first, the
    lowest grade first (a combined class starts with the younger pupils' book)."""
    volume = term_volume(today)
    found = [ls for ls in lessons if ls.subject == subject and ls.grade in grades
             and (not editions or ls.edition in editions)]

    def key(ls: LessonLike) -> tuple[int, int, str, int, int, str]:
        return (0 if ls.volume == volume else 1, ls.grade, ls.edition, ls.unit, ls.order, ls.id)

    return sorted(found, key=key)


def next_lesson(ordered: Sequence[LessonLike], played: set[str]) -> LessonLike | None:
    """The first lesson not played yet; when all were played, start again at the first."""
    for lesson in ordered:
        if lesson.id not in played:
            return lesson
    return ordered[0] if ordered else None


def planned_lesson(slot: Slot, lessons: Sequence[LessonLike], played: set[str],
                   today: date) -> LessonLike | None:
    if slot.lesson_id:
        chosen = next((ls for ls in lessons if ls.id == slot.lesson_id), None)
        if chosen is not None and chosen.id not in played:
            return chosen
        # The override was played (or left the catalog): advance from there.
    return next_lesson(candidates(lessons, slot.subject, slot.grades, today), played)


@dataclass
class DayPlan:
    weekday: int
    entries: list[tuple[Slot, LessonLike | None]] = field(default_factory=list)


def day_plan(slots: Iterable[Slot], weekday: int, lessons: Sequence[LessonLike],
             played: set[str], today: date) -> DayPlan:
    plan = DayPlan(weekday)
    taken: set[str] = set(played)
    for slot in sorted((s for s in slots if s.weekday == weekday), key=lambda s: s.period):
        lesson = planned_lesson(slot, lessons, taken, today)
        if lesson is not None:
            taken.add(lesson.id)  # two music periods in a day plan two different lessons
        plan.entries.append((slot, lesson))
    return plan


def week_priority(slots: Iterable[Slot], planned_ids: Iterable[str]) -> Callable[[LessonLike], int]:
    """A sync priority (lower first): lessons planned this week, then the rest of the
    subjects and grades taught this week, then everything else."""
    planned = set(planned_ids)
    taught = {(s.subject, g) for s in slots for g in s.grades}

    def priority(lesson: LessonLike) -> int:
        if lesson.id in planned:
            return 0
        if (lesson.subject, lesson.grade) in taught:
            return 1
        return 2

    return priority
