"""LRC lyrics: parse `[mm:ss.xx]text` files into timed lines, and find the line sung now.

Lyrics come from many tools and many hands, so the parser never raises on junk: a line
it cannot read is skipped, and the rest of the song still shows. Standard library (and
the shared character rules of eduteach_protocol.limits) only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from eduteach_protocol.limits import FORBIDDEN_CHARS_RE

# A time tag: [mm:ss], [mm:ss.x], [mm:ss.xx], [mm:ss.xxx], also [mm:ss:xx] (some editors).
# LRC has no hours: long recordings count minutes past 59 ([125:30.00]).
_TIME_TAG = re.compile(r"\[(\d{1,3}):(\d{1,2})(?:[.:](\d{1,3}))?\]")
_META_TAG = re.compile(r"^\[([A-Za-z#]+)\s*:(.*)\]\s*$")
# Enhanced LRC word timings inside the text: <mm:ss.xx>
_WORD_TAG = re.compile(r"<\d{1,3}:\d{1,2}(?:[.:]\d{1,3})?>")


# What one lesson file may cost the player. A lyrics or subtitle file is a few KB; the
# hub refuses sources over 1 MiB, and a file from elsewhere is cut there (at a line end).
# One line is at most a sentence or two: a 200,000-character line would make the
# lyric labels lay out (and hold) glyphs for all of it.
MAX_TEXT_FILE_BYTES = 1024 * 1024
MAX_LINE_CHARS = 500
MAX_LINES = 10_000


def _shown_char(match: re.Match[str]) -> str:
    return " " if match.group() in "\t\u2028\u2029\x85" else ""


def cap_line(text: str, max_chars: int = MAX_LINE_CHARS) -> str:
    """text cut to max_chars characters, ending with an ellipsis when it was cut, without
    the characters a title may not hold either (limits.FORBIDDEN_CHARS_RE): a NUL, an
    escape or a right-to-left override in a lyric line is dropped (tabs and line
    separators become spaces), not drawn over the picture."""
    text = FORBIDDEN_CHARS_RE.sub(_shown_char, text)
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


def bounded(data: bytes, limit: int = MAX_TEXT_FILE_BYTES) -> bytes:
    """At most limit bytes of a text file, cut after a whole line (never inside a
    character, which would turn UTF-8 into something GB18030 decodes as garbage)."""
    if len(data) <= limit:
        return data
    cut = data.rfind(b"\n", 0, limit)
    return data[: cut + 1] if cut >= 0 else b""


class LyricLine(NamedTuple):
    seconds: float
    text: str


def decode_text(data: bytes) -> str:
    """Decode a small text file from the field: UTF-8 (with or without BOM), else GB18030.

    Chinese lyric and subtitle files are still often saved in GBK by older editors.
    """
    # Notepad's "Unicode" is UTF-16 with a byte-order mark: without this it would decode
    # (as GB18030) into garbage.
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _tag_seconds(match: re.Match[str]) -> float | None:
    minutes, seconds, fraction = match.groups()
    sec = int(seconds)
    if sec >= 60:
        return None
    value = int(minutes) * 60 + sec
    if fraction:
        # ".5" is half a second, ".05" five hundredths, ".005" five thousandths.
        value += int(fraction) / (10 ** len(fraction))
    return float(value)


def parse_lrc(text: str) -> list[LyricLine]:
    """Parse LRC text. Lines are sorted by time; lines with the same time keep file order.

    Handles several time tags on one line, `[offset:+/-ms]` (positive shows lyrics sooner,
    as the LRC convention says), metadata tags, a BOM, CRLF line ends and enhanced-LRC
    word tags. Empty timed lines are kept: they mark where a phrase ends. Each line's
    text is capped at MAX_LINE_CHARS, and at most MAX_LINES lines are kept.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    offset_ms = 0
    timed: list[tuple[float, int, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line.startswith("["):
            continue
        times: list[float] = []
        pos = 0
        while True:
            match = _TIME_TAG.match(line, pos)
            if not match:
                break
            seconds = _tag_seconds(match)
            if seconds is not None:
                times.append(seconds)
            pos = match.end()
        if pos == 0:
            # [ti:], [ar:], [al:], [by:] … are metadata; only the offset changes timing.
            meta_match = _META_TAG.match(line)
            if meta_match and meta_match.group(1).lower() == "offset":
                offset_ms = _parse_offset(meta_match.group(2).strip(), offset_ms)
            continue
        words = cap_line(_WORD_TAG.sub("", line[pos:]).strip())
        for seconds in times[: MAX_LINES - len(timed)]:
            timed.append((seconds, len(timed), words))
        if len(timed) >= MAX_LINES:
            break
    shift = offset_ms / 1000.0
    return [LyricLine(max(0.0, seconds - shift), words) for seconds, _, words in sorted(timed)]


def parse_lrc_bytes(data: bytes) -> list[LyricLine]:
    return parse_lrc(decode_text(bounded(data)))


def _parse_offset(value: str, default: int) -> int:
    try:
        return int(value.replace(" ", ""))
    except ValueError:
        return default


def line_at(lines: Sequence[LyricLine], seconds: float) -> int:
    """Index of the line being sung at `seconds` (the last one that has started), or -1
    before the first line. Binary search: the player calls this on every position tick."""
    return bisect.bisect_right(lines, seconds, key=lambda line: line.seconds) - 1
