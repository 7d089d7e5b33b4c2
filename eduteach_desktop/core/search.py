"""Lesson search by Chinese title, full pinyin and pinyin initials (`xxx` finds 小星星).

Plain Python: the pinyin function is passed in (the app gives pypinyin's), so this module
stays stdlib-only and testable with a table. Building the index is the slow part and runs
off the GUI thread; a query is a few str.find calls over one long string, so it stays
well under 50 ms at 100,000 lessons.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

PinyinFn = Callable[[str], Sequence[str]]  # title -> syllables ("小星星" -> xiao, xing, xing)
_SEP = "\x1f"
_END = "\n"
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Keys:
    full: str  # "xiaoxingxing"
    initials: str  # "xxx"


def normalize(text: str) -> str:
    return "".join(text.lower().split())


def pinyin_keys(title: str, pinyin: PinyinFn | None) -> Keys:
    if pinyin is None:
        return Keys("", "")
    full: list[str] = []
    initials: list[str] = []
    for part in pinyin(title):
        low = part.lower()
        # Non-Chinese runs come back whole ("Hello! "): one initial per word. Characters
        # without pinyin (kana, symbols) are left out: the title itself is searched for
        # them, and the keys stay ASCII (one byte a character in the index; no tab or line
        # break in them).
        if low.isascii():
            words = _WORD.findall(low)
            full.extend(words)
            initials.extend(w[0] for w in words)
    return Keys("".join(full), "".join(initials))


class SearchIndex:
    """Found entries come back in the order they were added, as their ids (`ids` may be
    a range: the app's ids are row numbers of its lesson table).

    Titles and pinyin are two long strings, not one: pinyin is ASCII, which Python keeps
    at one byte a character, while one Chinese character would make the whole string two
    bytes a character. Where each entry ends is an array of 4-byte ints, not a list of int
    objects. The app passes its lesson table's own title string, so titles are held once.
    100,000 lessons: about 3 MB.
    """

    def __init__(self, entries: Sequence[tuple[str, str]], keys: Sequence[Keys]):
        if len(entries) != len(keys):
            raise ValueError("one Keys per entry")
        builder = SearchIndexBuilder()
        for (_, title), k in zip(entries, keys, strict=True):
            builder.add(title, k.full, k.initials)
        self._take(builder, [lesson_id for lesson_id, _ in entries])

    def _take(self, builder: SearchIndexBuilder, ids: Sequence[Any]) -> None:
        self._ids = ids
        self._titles, self._title_ends = builder.titles()
        self._pinyin, self._pinyin_ends = builder.pinyin.finish()
        self._other, self._other_ends = builder.other.finish()
        self._other_rows = builder.other_rows

    @classmethod
    def from_builder(cls, builder: SearchIndexBuilder, ids: Sequence[Any]) -> SearchIndex:
        index = cls.__new__(cls)
        index._take(builder, ids)
        return index

    @classmethod
    def build(cls, entries: Sequence[tuple[str, str]], pinyin: PinyinFn | None,
              cache: dict[str, Keys] | None = None) -> SearchIndex:
        """cache maps titles to keys already computed (kept in the database between runs)."""
        memo = cache if cache is not None else {}
        keys = []
        for _, title in entries:
            k = memo.get(title)
            if k is None:
                k = pinyin_keys(title, pinyin)
                memo[title] = k
            keys.append(k)
        return cls(entries, keys)

    def __len__(self) -> int:
        return len(self._ids)

    def search(self, query: str, limit: int = 300) -> list[Any]:
        q = normalize(query)
        if not q or _SEP in q or _END in q:
            return []
        found = set(find_entries(self._titles, self._title_ends, q, limit))
        found.update(self._other_rows[r] for r in find_entries(self._other, self._other_ends, q, limit))
        if q.isascii():
            found.update(find_entries(self._pinyin, self._pinyin_ends, q, limit))
        return [self._ids[r] for r in sorted(found)[:limit]]


class _Hay:
    """Lines joined into one string, through one UTF-8 buffer decoded once (no 100,000
    temporary strings, no scattered blocks left on the heap)."""

    def __init__(self) -> None:
        self.ends = array("I")
        self._size = 0
        self._buf = bytearray()

    def add(self, line: str) -> None:
        self._size += len(line)
        self.ends.append(self._size)
        self._buf += line.encode()

    def finish(self) -> tuple[str, Sequence[int]]:
        text = self._buf.decode()
        self._buf = bytearray()
        return text, self.ends


class SearchIndexBuilder:
    """Add entries in order (on a worker), then SearchIndex.from_builder.

    titles: the entries' titles already joined, each ending in a line break, with where
    each ends (the lesson table's). Then add() takes only the pinyin, and a title that
    normalize() changes (capitals, spaces: few) goes to a small third string as well."""

    def __init__(self, titles: tuple[str, Sequence[int]] | None = None) -> None:
        self._given = titles
        self._titles = _Hay()
        self.pinyin = _Hay()
        self.other = _Hay()
        self.other_rows = array("I")
        self._count = 0

    def add(self, title: str, full: str, initials: str) -> None:
        norm = normalize(title)
        if self._given is None:
            self._titles.add(norm + _END)
        elif norm != title:
            self.other.add(norm + _END)
            self.other_rows.append(self._count)
        self.pinyin.add(f"{full}{_SEP}{initials}{_END}")
        self._count += 1

    def titles(self) -> tuple[str, Sequence[int]]:
        return self._given if self._given is not None else self._titles.finish()


def find_entries(hay: str, ends: Sequence[int], q: str, limit: int) -> list[int]:
    """Entry numbers whose line contains q, one hit per entry, in order."""
    found: list[int] = []
    pos = hay.find(q)
    while pos != -1 and len(found) < limit:
        row = bisect_right(ends, pos)
        found.append(row)
        # jump to the next entry: one hit per lesson is enough
        pos = hay.find(q, ends[row])
    return found
