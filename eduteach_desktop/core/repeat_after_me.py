"""Repeat-after-me (跟读): after each lyric line or subtitle cue, playback waits while the class
says the line again, then goes on by itself.

The rules live here, free of Qt, so they are tested with a fake clock: the player feeds
positions (`observe`) and asks the scheduler whether to pause, how long is left (`remaining`),
and when to go on (`due`). The pause grows with the line's length, counted in spoken units
(one per Chinese character, 1.5 per word of English: a child needs about as long for a
short English word as for two characters), scaled by the teacher's factor and held
between a floor and a ceiling so a 500-character line never stops the lesson for minutes.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .lyrics import LyricLine
from .subtitles import Cue

MIN_PAUSE_S = 1.5
MAX_PAUSE_S = 15.0
BASE_PAUSE_S = 1.0  # reacting to the end of a line, before saying anything
SECONDS_PER_UNIT = 0.45
WORD_UNITS = 1.5
FACTORS = (0.5, 0.75, 1.0, 1.5, 2.0, 3.0)  # the teacher's "shorter / longer pause" steps
# The player learns the position every few tens of milliseconds: pause this much before
# the line's end rather than a tick into the next line.
END_LEAD_S = 0.05
# A position this far past a line's end is a jump, not the line ending. Seeks and skips say
# so themselves (seeked); this only guards against a jump nobody announced. A busy PC can
# report the position late, so it is generous: the player goes back to the end after.
JUMP_S = 1.5
MIN_LINE_S = 0.2  # shorter "lines" are timing marks, not something to repeat

_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f']+")


@dataclass(frozen=True)
class Line:
    """One thing to repeat: [start, end) in seconds of the media; end None: to the media's end."""

    start: float
    end: float | None
    text: str


def lines_from_lyrics(lyrics: Sequence[LyricLine]) -> list[Line]:
    """Each non-empty lyric line ends where the next line (even an empty marker) begins."""
    # The next later start after each line, from the back in one pass (10,000 lines at most).
    ends: list[float | None] = [None] * len(lyrics)
    upcoming: float | None = None
    for i in range(len(lyrics) - 1, -1, -1):
        ends[i] = upcoming if upcoming is not None and upcoming > lyrics[i].seconds else None
        if ends[i] is None and i + 1 < len(lyrics):
            ends[i] = ends[i + 1]  # lines sharing a start end where the next time begins
        upcoming = lyrics[i].seconds
    out: list[Line] = []
    for line, end in zip(lyrics, ends, strict=True):
        if not line.text.strip():
            continue
        if end is not None and end - line.seconds < MIN_LINE_S:
            continue
        out.append(Line(line.seconds, end, line.text))
    return out


def lines_from_cues(cues: Sequence[Cue]) -> list[Line]:
    return [Line(c.start, c.end, c.text) for c in cues
            if c.text.strip() and c.end - c.start >= MIN_LINE_S]


def spoken_units(text: str) -> float:
    """About how much there is to say: Chinese (and Japanese, Korean) characters one each,
    words in Latin letters 1.5 each; punctuation and spaces nothing."""
    units = 0.0
    rest = _LATIN_WORD.sub(" ", text)
    units += WORD_UNITS * len(_LATIN_WORD.findall(text))
    for ch in rest:
        if ch.isspace():
            continue
        if unicodedata.category(ch).startswith("L") or unicodedata.category(ch) == "Nd":
            units += 1.0
    return units


def pause_seconds(text: str, factor: float = 1.0) -> float:
    raw = (BASE_PAUSE_S + SECONDS_PER_UNIT * spoken_units(text)) * factor
    return max(MIN_PAUSE_S, min(MAX_PAUSE_S, raw))


def next_factor(current: float, step: int) -> float:
    """The next pause factor up (step=1: longer) or down (-1), within FACTORS."""
    nearest = min(range(len(FACTORS)), key=lambda i: abs(FACTORS[i] - current))
    return FACTORS[max(0, min(len(FACTORS) - 1, nearest + step))]


class RepeatSchedule:
    """Where the class is in repeat-after-me: listening to a line, or pausing after one.

    `observe(seconds)` is called with every position the player reports while playing; it
    returns the line to pause after (the caller pauses the media) or None. While pausing,
    `remaining()` counts down on the injected monotonic clock and `due()` says it is time to
    go on. `skip()` ends the pause early; `seeked()` forgets the last position, so a jump
    over a line's end is not taken for the line ending."""

    def __init__(self, lines: Sequence[Line], monotonic: Callable[[], float], factor: float = 1.0):
        self.lines = sorted(lines, key=lambda line: line.start)
        self._starts = [line.start for line in self.lines]
        self._mono = monotonic
        self.factor = factor
        self._last: float | None = None
        self._pausing: int | None = None
        self._done: int | None = None  # paused after already: not again until played again
        self._until = 0.0
        self._length = 0.0

    # --- listening ---------------------------------------------------------------------
    def line_at(self, seconds: float) -> int:
        """The line being played at `seconds`, or -1 (before the first, or in a gap)."""
        # Binary search: called on every position report, and a file may hold 10,000 lines.
        i = bisect.bisect_right(self._starts, seconds) - 1
        if i < 0:
            return -1
        end = self.lines[i].end
        return i if end is None or seconds < end else -1

    def observe(self, seconds: float) -> int | None:
        """A position report while playing: the index of the line just finished, if it
        should pause now; otherwise None."""
        if self._pausing is not None:
            return None
        last, self._last = self._last, seconds
        if last is None or seconds < last:
            return None  # just started, or went back: listen from here
        index = self.line_at(last)
        if index < 0:
            index = self.line_at(last + END_LEAD_S)
        if index < 0 or index == self._done:
            return None
        end = self.lines[index].end
        if end is None:
            return None  # the last lyric line runs to the media's end, which stops by itself
        if seconds >= end - END_LEAD_S and seconds - end < JUMP_S:
            self._begin_pause(index)
            return index
        return None

    def seeked(self) -> None:
        """The player jumped (a seek, a skip, the A-B loop): no pause for what was jumped over."""
        self._last = None
        self._pausing = None
        self._done = None

    # --- pausing -----------------------------------------------------------------------
    @property
    def pausing(self) -> int | None:
        """The line the class is repeating now, or None while listening."""
        return self._pausing

    def _begin_pause(self, index: int) -> None:
        self._pausing = self._done = index
        self._length = pause_seconds(self.lines[index].text, self.factor)
        self._until = self._mono() + self._length

    def pause_length(self) -> float:
        return self._length

    def remaining(self) -> float:
        return max(0.0, self._until - self._mono()) if self._pausing is not None else 0.0

    def due(self) -> bool:
        return self._pausing is not None and self._mono() >= self._until

    def skip(self) -> None:
        """Go on now (the clicker's "next", or the countdown ran out)."""
        # The end lead left the media just before the line's end: `_done` keeps that last
        # moment of the line from pausing a second time.
        self._pausing = None

    def set_factor(self, factor: float) -> None:
        """A longer or shorter pause; a countdown running now is stretched or shrunk too."""
        self.factor = factor
        if self._pausing is not None:
            elapsed = self._length - self.remaining()
            self._length = pause_seconds(self.lines[self._pausing].text, factor)
            self._until = self._mono() + max(0.0, self._length - elapsed)

    def restart_line(self, seconds: float) -> float | None:
        """Previous on the clicker: the start of the line to say again (the one paused
        after, or the one playing at `seconds`, else the last one before), None if none."""
        index = self._pausing if self._pausing is not None else self.line_at(seconds)
        if index < 0:
            before = [i for i, line in enumerate(self.lines) if line.start <= seconds]
            index = before[-1] if before else -1
        self.seeked()
        return self.lines[index].start if index >= 0 else None

    def next_line(self, seconds: float) -> float | None:
        """The start of the line after `seconds` (clicker "next" while a line plays)."""
        later = [line.start for line in self.lines if line.start > seconds + END_LEAD_S]
        return later[0] if later else None
