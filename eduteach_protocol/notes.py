"""Teaching notes (教学建议): what the teacher should do next, shown only on the teacher's screen.

A lesson's notes travel as one small JSON file with the role "notes", listed in the signed
catalog like any other file (so its hash is signed), rather than inline in the catalog:
thousands of lessons' notes would make every catalog update larger over a 256 kbit/s link,
and the app would hold them all in memory for nothing. The publisher builds the file from
`lesson.toml`; the PC reads it only when the lesson is opened.

    {"format": "eduteach-notes", "format_version": 1, "markup": "markdown" | "plain",
     "lesson": "…notes for the whole lesson…",
     "slides": {"1": "…", "3": "…"},                  # slide or PDF page numbers, from 1
     "ranges": [{"start": 0, "end": 30.5, "text": "…"}]}   # seconds of audio or video

Markdown is shown as rich text where it parses and as plain text where it does not; it
never links out or loads images (the view decides that, not this module).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import limits
from .cli_i18n import L_

FORMAT = "eduteach-notes"
FORMAT_VERSION = 1
MARKUPS = ("markdown", "plain")


class NotesError(ValueError):
    """A notes file does not follow the format."""


@dataclass(frozen=True)
class NoteRange:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class LessonNotes:
    lesson: str = ""
    markup: str = "markdown"
    slides: Mapping[int, str] = field(default_factory=dict)
    ranges: tuple[NoteRange, ...] = ()

    def is_empty(self) -> bool:
        return not (self.lesson or self.slides or self.ranges)

    def for_slide(self, number: int) -> str:
        """The note for slide or page `number` (from 1), or ""."""
        return self.slides.get(number, "")

    def at(self, seconds: float) -> str:
        """The note of the time range that holds `seconds`; the earliest-starting one when
        ranges overlap; "" outside every range."""
        for r in sorted(self.ranges, key=lambda r: r.start):
            if r.start <= seconds < r.end:
                return r.text
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "markup": self.markup,
            "lesson": self.lesson,
            "slides": {str(k): v for k, v in sorted(self.slides.items())},
            "ranges": [{"start": r.start, "end": r.end, "text": r.text} for r in self.ranges],
        }

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True,
                          separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> LessonNotes:
        """Parse and check a notes file; NotesError names what is wrong."""
        if len(data) > limits.MAX_TEXT_FILE_BYTES["notes"]:
            raise NotesError(L_("notes file is {size} bytes (at most {limit})", size=len(data), limit=limits.MAX_TEXT_FILE_BYTES['notes']))
        if limits.json_depth(data) > 4:
            raise NotesError(L_("notes file nests too deep"))
        try:
            raw = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
        except UnicodeDecodeError as exc:
            raise NotesError(L_("notes file is not UTF-8 text: {exc}", exc=exc)) from exc
        except ValueError as exc:
            raise NotesError(L_("notes file is not valid JSON: {exc}", exc=exc)) from exc
        return cls.from_dict(raw)

    @classmethod
    def from_dict(cls, raw: Any) -> LessonNotes:
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise NotesError(L_("not an EduTeach notes file"))
        if raw.get("format_version") != FORMAT_VERSION:
            raise NotesError(L_("unsupported notes format_version {version!r}", version=str(raw.get('format_version'))[:20]))
        markup = raw.get("markup", "markdown")
        if markup not in MARKUPS:
            raise NotesError(L_("notes.markup must be one of {markups}", markups=', '.join(MARKUPS)))
        lesson = _text(raw.get("lesson", ""), "notes.lesson")
        slides_raw = raw.get("slides", {})
        ranges_raw = raw.get("ranges", [])
        if not isinstance(slides_raw, dict) or not isinstance(ranges_raw, list):
            raise NotesError(L_("notes.slides must be an object and notes.ranges a list"))
        if len(slides_raw) + len(ranges_raw) > limits.MAX_NOTE_ENTRIES:
            raise NotesError(L_("notes hold more than {limit} entries", limit=limits.MAX_NOTE_ENTRIES))
        slides: dict[int, str] = {}
        for key, value in slides_raw.items():
            if not (isinstance(key, str) and key.isascii() and key.isdigit() and 1 <= int(key) <= limits.MAX_FILES_PER_LESSON):
                raise NotesError(L_("notes.slides key {key!r} is not a slide number", key=key[:20]))
            slides[int(key)] = _text(value, f"notes.slides.{key}")
        ranges = []
        for i, item in enumerate(ranges_raw):
            where = f"notes.ranges[{i}]"
            if not isinstance(item, dict):
                raise NotesError(L_("{where} must be an object", where=where))
            start, end = _seconds(item.get("start"), f"{where}.start"), _seconds(item.get("end"), f"{where}.end")
            if end <= start:
                raise NotesError(L_("{where} ends before it starts", where=where))
            ranges.append(NoteRange(start, end, _text(item.get("text"), f"{where}.text")))
        return cls(lesson=lesson, markup=markup, slides=slides, ranges=tuple(ranges))


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise NotesError(L_("{where} must be a string", where=where))
    problem = limits.text_problem(value, limits.MAX_NOTE_CHARS, multiline=True)
    if problem is not None:
        raise NotesError(L_("{where} {problem}", where=where, problem=problem))
    return value


def _seconds(value: Any, where: str) -> float:
    if (not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value)
            or not 0 <= value <= limits.MAX_DURATION_SECONDS):
        raise NotesError(L_("{where} must be a number of seconds from 0 to {limit:.0f}", where=where, limit=limits.MAX_DURATION_SECONDS))
    return float(value)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")
