"""Lesson search by Chinese title, full pinyin and pinyin initials (`xxx` finds 小星星).

Plain Python: the pinyin function is passed in (the app gives pypinyin's), so this module
stays stdlib-only and testable with a table. Building the index is the slow part and runs
off the GUI thread; a query is a few str.find calls over one long string, so it stays
well under 50 ms at 100,000 lessons.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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
        if low.isascii():
            # Non-Chinese runs come back whole ("Hello! "): one initial per word.
            words = _WORD.findall(low)
            full.extend(words)
            initials.extend(w[0] for w in words)
        else:
            full.append(low)
    return Keys("".join(full), "".join(initials))


def syllable_initials(title: str, pinyin: PinyinFn) -> str:
    return pinyin_keys(title, pinyin).initials


class SearchIndex:
    """Entries are (lesson id, title); found ids come back in the order they were given."""

    def __init__(self, entries: Sequence[tuple[str, str]], keys: Sequence[Keys]):
        if len(entries) != len(keys):
            raise ValueError("one Keys per entry")
        self._ids = [lesson_id for lesson_id, _ in entries]
        starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for (_, title), k in zip(entries, keys, strict=True):
            line = f"{normalize(title)}{_SEP}{k.full}{_SEP}{k.initials}{_END}"
            starts.append(offset)
            parts.append(line)
            offset += len(line)
        self._starts = starts
        self._hay = "".join(parts)

    @classmethod
    def from_columns(cls, ids: Sequence[str], titles: Sequence[str], fulls: Sequence[str],
                     initials: Sequence[str]) -> SearchIndex:
        """Build from parallel columns (no per-lesson Keys objects: 100,000 lessons)."""
        index = cls.__new__(cls)
        index._ids = list(ids)
        starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for title, full, ini in zip(titles, fulls, initials, strict=True):
            line = f"{normalize(title)}{_SEP}{full}{_SEP}{ini}{_END}"
            starts.append(offset)
            parts.append(line)
            offset += len(line)
        index._starts = starts
        index._hay = "".join(parts)
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

    def search(self, query: str, limit: int = 300) -> list[str]:
        q = normalize(query)
        if not q or _SEP in q or _END in q:
            return []
        hay, starts = self._hay, self._starts
        found: list[int] = []
        seen: set[int] = set()
        pos = hay.find(q)
        while pos != -1 and len(found) < limit:
            row = bisect_right(starts, pos) - 1
            if row not in seen:
                seen.add(row)
                found.append(row)
            # jump to the next entry: one hit per lesson is enough
            nxt = starts[row + 1] if row + 1 < len(starts) else len(hay)
            pos = hay.find(q, nxt)
        return [self._ids[r] for r in found]


def titles_needing_keys(titles: Iterable[str], cache: dict[str, Keys]) -> list[str]:
    return sorted({t for t in titles if t not in cache})
