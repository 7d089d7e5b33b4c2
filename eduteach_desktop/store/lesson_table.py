"""The active catalog's lessons, packed for a screen that lists all of them.

A catalog may hold 100,000 lessons and the app must stay under 120 MB. As Python tuples
the rows took about 36 MB (each id, title and number an object of its own); here they
are parallel arrays and two long strings, about 45 bytes a lesson, and a `LessonRow` is
made only for the rows a screen actually asks for. Lessons arrive in curriculum order, so
the tree's levels above the lesson (grade, subject, edition, volume, unit) are stored
once per unit, not per lesson.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator, Sequence
from typing import NamedTuple, overload

from eduteach_desktop.core.search import find_entries

TITLE_END = "\n"  # a line break in a title is shown as a space


class LessonRow(NamedTuple):
    """One lesson as the library lists it: the columns, never the JSON body."""

    id: str
    grade: int
    subject: str
    edition: str
    volume: str
    unit: int
    unit_title: str
    order: int
    title: str
    kind: str
    duration: float
    size: int
    installed: bool


class Unit(NamedTuple):
    """One unit of one book, and the lesson rows [first, last) that belong to it (made
    on request: the table keeps units packed too)."""

    grade: int
    subject: str
    edition: str
    volume: str
    unit: int
    unit_title: str
    first: int
    last: int


class _Strings:
    """Many short strings as one string, each followed by a separator, and where each
    ends. The separator keeps a substring search (the title search) inside one entry.

    Built in one UTF-8 buffer that is decoded once: joining blocks of str objects left
    megabytes of freed blocks scattered over the heap, which the process kept."""

    __slots__ = ("_buf", "_sep", "ends", "text")

    def __init__(self, sep: str = "") -> None:
        self.text = ""
        self._sep = sep.encode()
        self._buf = bytearray()
        self.ends = array("I")  # end of each entry (in characters), separator included

    def append(self, value: str) -> None:
        self._buf += value.encode()
        self._buf += self._sep
        self.ends.append((self.ends[-1] if self.ends else 0) + len(value) + len(self._sep))

    def finish(self) -> None:
        self.text = self._buf.decode()
        self._buf = bytearray()

    def start(self, i: int) -> int:
        return self.ends[i - 1] if i else 0

    def __getitem__(self, i: int) -> str:
        return self.text[self.start(i):self.ends[i] - len(self._sep)]

    def __len__(self) -> int:
        return len(self.ends)


class LessonTable(Sequence[LessonRow]):
    """Read-only once built; safe to hand from the worker that built it to the GUI thread."""

    def __init__(self, version: int | None = None) -> None:
        self.version = version
        self.installed_count = 0
        # books and units: a few thousand, also packed (a tuple each would be 1-2 MB)
        self._books: list[tuple[int, str, str, str]] = []  # grade, subject, edition, volume
        self._unit_book = array("I")
        self._unit_number = array("i")
        self._unit_titles = _Strings()
        self._unit_first = array("I")  # first lesson row of each unit, then len(self)
        # lessons
        self._ids = _Strings()
        self._titles = _Strings(TITLE_END)
        self._unit = array("I")  # the unit of each lesson
        self._order = array("i")
        self._kind = bytearray()  # index into _kinds
        self._kinds: list[str] = []
        self._duration = array("f")  # seconds; a float32 is exact to a millisecond here
        self._size = array("q")
        self._installed = bytearray()
        self._slots = array("I")  # open addressing: row number + 1 by hash(id), for find()
        self._last_key: tuple[int, str, str, str, int, str] | None = None

    # --- building (one worker, rows in curriculum order) -------------------------------------
    def add(self, lesson_id: str, grade: int, subject: str, edition: str, volume: str, unit: int,
            unit_title: str, order: int, title: str, kind: str, duration: float, size: int,
            installed: bool) -> None:
        key = (grade, subject, edition, volume, unit, unit_title)
        if key != self._last_key:
            book = (grade, subject, edition, volume)
            if not self._books or self._books[-1] != book:
                intern = sys.intern
                self._books.append((grade, intern(subject), intern(edition), intern(volume)))
            self._unit_book.append(len(self._books) - 1)
            self._unit_number.append(unit)
            self._unit_titles.append(unit_title)
            self._unit_first.append(len(self._unit))
            self._last_key = key
        self._unit.append(len(self._unit_first) - 1)
        self._ids.append(lesson_id)
        self._titles.append(title.replace(TITLE_END, " ") if TITLE_END in title else title)
        self._order.append(order)
        try:
            code = self._kinds.index(kind)
        except ValueError:
            code = len(self._kinds)
            self._kinds.append(sys.intern(kind))
        self._kind.append(code)
        self._duration.append(duration)
        self._size.append(size)
        self._installed.append(1 if installed else 0)
        self.installed_count += 1 if installed else 0

    def finish(self) -> LessonTable:
        self._ids.finish()
        self._titles.finish()
        self._unit_titles.finish()
        self._unit_first.append(len(self._unit))
        self._last_key = None
        # A hash table of row numbers, not a dict of id strings: 0.5 MB at 100,000 lessons
        # instead of about 10, and no burst of temporary strings while it is built.
        ids, n = self._ids, len(self._ids)
        size = 1 << max(4, (n + n // 4).bit_length())  # load factor 0.4-0.8
        mask = size - 1
        slots = array("I", [0]) * size
        for i in range(n):
            h = hash(ids[i]) & mask
            while slots[h]:
                h = (h + 1) & mask
            slots[h] = i + 1
        self._slots = slots
        return self

    # --- units ----------------------------------------------------------------------------
    @property
    def unit_count(self) -> int:
        return len(self._unit_book)

    def unit(self, k: int) -> Unit:
        grade, subject, edition, volume = self._books[self._unit_book[k]]
        return Unit(grade, subject, edition, volume, self._unit_number[k], self._unit_titles[k],
                    self._unit_first[k], self._unit_first[k + 1])

    def unit_first(self, k: int) -> int:
        return self._unit_first[k]

    def unit_size(self, k: int) -> int:
        return self._unit_first[k + 1] - self._unit_first[k]

    # --- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._unit)

    @overload
    def __getitem__(self, i: int) -> LessonRow: ...
    @overload
    def __getitem__(self, i: slice) -> list[LessonRow]: ...
    def __getitem__(self, i: int | slice) -> LessonRow | list[LessonRow]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        k = self._unit[i]
        grade, subject, edition, volume = self._books[self._unit_book[k]]
        return LessonRow(self._ids[i], grade, subject, edition, volume, self._unit_number[k],
                         self._unit_titles[k], self._order[i], self._titles[i],
                         self._kinds[self._kind[i]], self._duration[i], self._size[i],
                         bool(self._installed[i]))

    def __iter__(self) -> Iterator[LessonRow]:
        for i in range(len(self)):
            yield self[i]

    def id_at(self, i: int) -> str:
        return self._ids[i]

    def title_at(self, i: int) -> str:
        return self._titles[i]

    def titles_text(self) -> tuple[str, Sequence[int]]:
        """Every title, each followed by TITLE_END, and where each one ends (the search
        index finds Chinese titles in this very string: no second copy)."""
        return self._titles.text, self._titles.ends

    def unit_of(self, i: int) -> int:
        return self._unit[i]

    def find(self, lesson_id: str) -> int | None:
        """The row number of a lesson, or None."""
        slots = self._slots
        if not slots:
            return None
        mask = len(slots) - 1
        h = hash(lesson_id) & mask
        while found := slots[h]:
            if self._ids[found - 1] == lesson_id:
                return found - 1
            h = (h + 1) & mask
        return None

    def get(self, lesson_id: str) -> LessonRow | None:
        i = self.find(lesson_id)
        return None if i is None else self[i]

    def rows_for(self, subject: str, grades: Sequence[int]) -> list[LessonRow]:
        """The lessons of one subject in some grades: only their units are unpacked."""
        out: list[LessonRow] = []
        for k in range(self.unit_count):
            grade, subj, _, _ = self._books[self._unit_book[k]]
            if subj == subject and grade in grades:
                out.extend(self[i] for i in range(self._unit_first[k], self._unit_first[k + 1]))
        return out

    def with_title(self, text: str, limit: int) -> list[int]:
        """Row numbers whose title contains text (the search before its index is ready):
        a few str.find calls over the one title string, not a loop over every lesson."""
        if not text or TITLE_END in text:
            return []
        return find_entries(self._titles.text, self._titles.ends, text, limit)


def empty_table() -> LessonTable:
    return LessonTable().finish()
