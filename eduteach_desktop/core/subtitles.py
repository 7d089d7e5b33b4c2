"""SRT and WebVTT subtitles: parse into timed cues, and find the cue showing now.

One forgiving parser reads both formats: it looks for timing lines (`start --> end`) and
takes the text lines that follow, up to a blank line. Bad blocks are skipped, never
raised, so one broken cue does not cost the class the whole video's subtitles.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Sequence
from typing import NamedTuple

from .lyrics import MAX_LINE_CHARS, MAX_LINES, bounded, cap_line, decode_text

# [hh:]mm:ss(,|.)mmm ; hours may be missing in WebVTT and in sloppy SRT files.
_TS = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_TS}\s*-->\s*{_TS}(?:\s+.*)?$")
# <i>, </b>, <font color=…>, <c.yellow>, <v Teacher>, <00:00:01.000>, <ruby>…
_TAG = re.compile(r"</?[A-Za-z0-9][^<>\n]*>")
_ASS_OVERRIDE = re.compile(r"\{\\[^}]*\}")  # {\an8} and friends, seen in SRT from ASS tools
_VTT_BLOCKS = ("NOTE", "STYLE", "REGION")
MAX_CUE_LINES = 4  # more would cover the picture; the rest of a runaway cue is dropped
_RAW_LINE_CHARS = 4 * MAX_LINE_CHARS  # before tags are removed


class Cue(NamedTuple):
    start: float
    end: float
    text: str


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> float | None:
    m, s = int(minutes), int(seconds)
    if m >= 60 or s >= 60:
        return None
    value = int(hours or 0) * 3600 + m * 60 + s
    if fraction:
        value += int(fraction) / (10 ** len(fraction))
    return float(value)


def _clean(text: str) -> str:
    text = _ASS_OVERRIDE.sub("", _TAG.sub("", text))
    return html.unescape(text).replace("\u00a0", " ").strip()


def parse_subtitles(text: str) -> list[Cue]:
    """Parse SRT or WebVTT text into cues sorted by start time.

    Cues whose end is not after their start, or whose text is empty, are dropped. Cue
    numbers (SRT) and identifiers (WebVTT) are ignored; NOTE/STYLE/REGION blocks skipped.
    Each line is capped at MAX_LINE_CHARS, a cue at MAX_CUE_LINES lines, a file at
    MAX_LINES cues.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cues: list[tuple[float, int, float, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.split(" ", 1)[0] in _VTT_BLOCKS or stripped.startswith("WEBVTT"):
            # Skip the whole block (up to a blank line).
            while i < len(lines) and lines[i].strip():
                i += 1
            continue
        match = _TIMING.match(line)
        if not match:
            i += 1
            continue
        g = match.groups()
        start, end = _seconds(*g[0:4]), _seconds(*g[4:8])
        i += 1
        body: list[str] = []
        while i < len(lines) and lines[i].strip():
            if _TIMING.match(lines[i]):
                break  # a missing blank line: the next cue starts here
            body.append(lines[i])
            i += 1
        if start is None or end is None or end <= start:
            continue
        cleaned = [t for t in (_clean(cap_line(b, _RAW_LINE_CHARS)) for b in body) if t]
        cue_text = "\n".join(cap_line(t) for t in cleaned[:MAX_CUE_LINES])
        if cue_text:
            cues.append((start, len(cues), end, cue_text))
            if len(cues) >= MAX_LINES:
                break
    return [Cue(start, end, cue_text) for start, _, end, cue_text in sorted(cues)]


def parse_subtitles_bytes(data: bytes) -> list[Cue]:
    return parse_subtitles(decode_text(bounded(data)))


def cue_at(cues: Sequence[Cue], seconds: float) -> int:
    """Index of the cue showing at `seconds` (start <= t < end), or -1 when none is.

    When cues overlap, the one that started last wins.
    """
    i = bisect.bisect_right(cues, seconds, key=lambda cue: cue.start) - 1
    # Walk back over overlapping cues; subtitles rarely overlap more than a few deep.
    for j in range(i, max(-1, i - 8), -1):
        if cues[j].end > seconds:
            return j
    return -1
