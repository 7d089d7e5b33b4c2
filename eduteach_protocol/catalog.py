"""The lesson catalog: every lesson a repository offers, and the files that make it up.

The catalog is one JSON document, published as a TUF target, so its hash is signed. Each
file entry carries the SHA-256 of the file and of its chunk index, which makes every
byte of every lesson verifiable from the signed metadata alone.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from . import limits
from .chunks import MAX_CHUNK, SINGLE_CHUNK_MAX, is_sha256_hex
from .cli_i18n import L_
from .subjects import GRADES, KINDS, SUBJECTS, VOLUMES

FORMAT = "eduteach-catalog"
FORMAT_VERSION = 1
LESSON_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}\Z")
FILE_ROLES = ("media", "lyrics", "subtitles", "cover", "notes")
# An audio lesson may carry several recordings of the same music, kept aligned by the
# publisher: the model singing (范唱), the accompaniment only (伴奏), or speech. A media
# file without a track is the lesson's one recording, as before.
TRACK_ROLES = ("demo", "accompaniment", "speech")
# The first app version whose parser takes a catalog with tracks and notes files and skips
# what it does not know; older PCs refuse such a catalog whole (docs/hub.md, "Old PCs and
# new catalogs"), so `eduteach-hub publish` counts them.
CLASSROOM_FILES_SINCE = "0.2.0"
FILE_NAME_RE = re.compile(r"^[^/\\\x00-\x1f]{1,120}\Z")


class CatalogError(ValueError):
    """A catalog document does not follow the format."""


@dataclass(frozen=True)
class LessonFile:
    role: str
    name: str
    sha256: str
    size: int
    # SHA-256 of the chunk index blob; None when the file is a single chunk
    # (at most SINGLE_CHUNK_MAX bytes).
    index: str | None = None
    # For media files only: which recording this is (one of TRACK_ROLES), or None.
    track: str | None = None


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    grade: int
    subject: str
    edition: str
    volume: str
    unit: int
    order: int
    kind: str
    duration: float
    files: tuple[LessonFile, ...]
    unit_title: str = ""
    summary: str = ""
    captions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    def files_with_role(self, role: str) -> list[LessonFile]:
        return [f for f in self.files if f.role == role]

    def first_file(self, role: str) -> LessonFile | None:
        found = self.files_with_role(role)
        return found[0] if found else None

    def tracks(self) -> list[LessonFile]:
        """The media files that are tracks of one recording (范唱, 伴奏, speech), in order;
        empty for a lesson with a single recording."""
        return [f for f in self.files if f.role == "media" and f.track is not None]

    def blob_hashes(self) -> set[str]:
        """Every blob this lesson needs: its files and their chunk indexes."""
        out = {f.sha256 for f in self.files}
        out.update(f.index for f in self.files if f.index)
        return out

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["files"] = [_file_dict(f) for f in self.files]
        d["captions"] = list(self.captions)
        return d


@dataclass(frozen=True)
class Catalog:
    version: int
    published: str
    lessons: tuple[Lesson, ...]
    max_chunk_size: int = MAX_CHUNK

    def by_id(self) -> dict[str, Lesson]:
        return {lesson.id: lesson for lesson in self.lessons}

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "version": self.version,
            "published": self.published,
            "max_chunk_size": self.max_chunk_size,
            "lessons": [lesson.to_dict() for lesson in self.lessons],
        }

    def to_bytes(self) -> bytes:
        # Sorted keys and fixed separators: publishing the same lessons twice gives the
        # same bytes, so the same hash and no new version.
        return json.dumps(
            self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Catalog:
        """Parse and check a catalog; every limit in eduteach_protocol.limits holds after."""
        if len(data) > limits.MAX_CATALOG_BYTES:
            raise CatalogError(L_("catalog is {size} bytes (at most {limit})", size=len(data), limit=limits.MAX_CATALOG_BYTES))
        depth = limits.json_depth(data)
        if depth > limits.MAX_JSON_DEPTH:
            raise CatalogError(L_("catalog nests {depth} levels deep (at most {limit})", depth=depth, limit=limits.MAX_JSON_DEPTH))
        try:
            raw = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
        except UnicodeDecodeError as exc:
            raise CatalogError(L_("catalog is not UTF-8 text: {exc}", exc=exc)) from exc
        except ValueError as exc:  # JSONDecodeError, NaN/Infinity, an integer of 5,000 digits
            raise CatalogError(L_("catalog is not valid JSON: {exc}", exc=exc)) from exc
        return cls.from_dict(raw)

    @classmethod
    def from_dict(cls, raw: Any) -> Catalog:
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise CatalogError(L_("not an EduTeach catalog"))
        if raw.get("format_version") != FORMAT_VERSION:
            raise CatalogError(L_("unsupported catalog format_version {version!r}", version=str(raw.get('format_version'))[:20]))
        version = _int(raw, "version", "catalog", minimum=1, maximum=limits.MAX_VERSION)
        max_chunk_size = _int(raw, "max_chunk_size", "catalog", minimum=SINGLE_CHUNK_MAX,
                              maximum=64 * 1024 * 1024)
        published = _text(raw, "published", "catalog", limits.MAX_PUBLISHED_CHARS)
        lessons_raw = raw.get("lessons")
        if not isinstance(lessons_raw, list):
            raise CatalogError(L_("catalog.lessons must be a list"))
        if len(lessons_raw) > limits.MAX_LESSONS:
            raise CatalogError(L_("catalog has {n} lessons (at most {limit})", n=len(lessons_raw), limit=limits.MAX_LESSONS))
        lessons = tuple(lesson for lesson in (_known_lesson(item, f"lessons[{i}]") for i, item in enumerate(lessons_raw))
                        if lesson is not None)
        ids = [lesson.id for lesson in lessons]
        if len(set(ids)) != len(ids):
            raise CatalogError(L_("catalog has duplicate lesson ids"))
        return cls(version=version, published=published, lessons=lessons, max_chunk_size=max_chunk_size)

    @classmethod
    def from_stored(cls, data: bytes) -> Catalog:
        """A catalog this PC verified when it arrived and stored: built without checking the
        limits again, so one stored by an older version (before a limit existed) still
        opens. Never for bytes from a source."""
        raw = json.loads(data.decode("utf-8"))
        return cls(version=raw["version"], published=raw["published"],
                   lessons=tuple(ls for ls in map(lesson_from_stored, raw["lessons"])
                                 if ls.first_file("media") is not None),
                   max_chunk_size=raw.get("max_chunk_size", MAX_CHUNK))

    def check_limits(self) -> None:
        """Raise CatalogError if a PC would refuse this catalog (the publisher, before signing)."""
        Catalog.from_bytes(self.to_bytes())


class UnusableLesson(CatalogError):
    """Every media file of the lesson is of a kind added after this version."""


def _known_lesson(raw: Any, where: str) -> Lesson | None:
    try:
        return lesson_from_dict(raw, where)
    except UnusableLesson:
        return None  # a later version's lesson: left out here, the rest of the catalog still arrives


def lesson_from_dict(raw: Any, where: str) -> Lesson:
    if not isinstance(raw, dict):
        raise CatalogError(L_("{where} must be an object", where=where))
    lesson_id = _str(raw, "id", where)
    if not LESSON_ID_RE.match(lesson_id):
        raise CatalogError(L_("{where}.id {lesson_id!r} is not a valid lesson id", where=where, lesson_id=lesson_id[:100]))
    where = f"{where} ({lesson_id})"
    subject = _str(raw, "subject", where)
    if subject not in SUBJECTS:
        raise CatalogError(L_("{where}.subject {subject!r} is not a known subject code", where=where, subject=subject[:40]))
    grade = _int(raw, "grade", where)
    if grade not in GRADES:
        raise CatalogError(L_("{where}.grade must be 1, 2 or 3", where=where))
    volume = _str(raw, "volume", where)
    if volume not in VOLUMES:
        raise CatalogError(L_("{where}.volume must be 上册 or 下册", where=where))
    kind = _str(raw, "kind", where)
    if kind not in KINDS:
        raise CatalogError(L_("{where}.kind must be one of {kinds}", where=where, kinds=', '.join(KINDS)))
    duration = raw.get("duration")
    if (not isinstance(duration, (int, float)) or isinstance(duration, bool) or not math.isfinite(duration)
            or not 0 <= duration <= limits.MAX_DURATION_SECONDS):
        raise CatalogError(L_("{where}.duration must be a number of seconds from 0 to {limit:.0f}", where=where, limit=limits.MAX_DURATION_SECONDS))
    files_raw = raw.get("files")
    if not isinstance(files_raw, list) or not files_raw:
        raise CatalogError(L_("{where}.files must be a non-empty list", where=where))
    if len(files_raw) > limits.MAX_FILES_PER_LESSON:
        raise CatalogError(L_("{where} has {n} files (at most {limit})", where=where, n=len(files_raw), limit=limits.MAX_FILES_PER_LESSON))
    # A file this version does not know how to use (a role or track role added later) is
    # left out rather than refusing the whole catalog: see "Old PCs and new catalogs" in
    # docs/hub.md. Its blob is then never downloaded here.
    parsed = [_file_from_dict(f, f"{where}.files[{i}]") for i, f in enumerate(files_raw)]
    files = tuple(f for f in parsed if f is not None)
    if not any(f.role == "media" for f in files) and len(files) < len(parsed):
        raise UnusableLesson(f"{where} has no media file this version can play")
    if not any(f.role == "media" for f in files):
        raise CatalogError(L_("{where} has no media file", where=where))
    total = sum(f.size for f in files)
    if total > limits.MAX_LESSON_BYTES:
        raise CatalogError(L_("{where} declares {total} bytes (a lesson has at most {limit})", where=where, total=total, limit=limits.MAX_LESSON_BYTES))
    captions = raw.get("captions", [])
    if not isinstance(captions, list) or not all(isinstance(c, str) for c in captions):
        raise CatalogError(L_("{where}.captions must be a list of strings", where=where))
    if len(captions) > limits.MAX_FILES_PER_LESSON:
        raise CatalogError(L_("{where} has {n} captions (at most {limit})", where=where, n=len(captions), limit=limits.MAX_FILES_PER_LESSON))
    for i, caption in enumerate(captions):
        _check_text(caption, f"{where}.captions[{i}]", limits.MAX_CAPTION_CHARS)
    return Lesson(
        id=lesson_id,
        title=_text(raw, "title", where, limits.MAX_TITLE_CHARS),
        grade=grade,
        subject=subject,
        edition=_text(raw, "edition", where, limits.MAX_EDITION_CHARS),
        volume=volume,
        unit=_int(raw, "unit", where, minimum=1, maximum=limits.MAX_UNIT),
        order=_int(raw, "order", where, minimum=1, maximum=limits.MAX_ORDER),
        kind=kind,
        duration=float(duration),
        files=files,
        unit_title=_optional_text(raw, "unit_title", where, limits.MAX_UNIT_TITLE_CHARS),
        summary=_optional_text(raw, "summary", where, limits.MAX_SUMMARY_CHARS, multiline=True),
        captions=tuple(captions),
    )


def _file_dict(f: LessonFile) -> dict[str, Any]:
    d = asdict(f)
    if d["track"] is None:
        # Absent rather than null: a catalog without tracks keeps the bytes (and hash) it had.
        del d["track"]
    return d


def lesson_from_stored(raw: dict[str, Any]) -> Lesson:
    """A lesson of a stored, already verified catalog (see Catalog.from_stored)."""
    return Lesson(
        id=raw["id"], title=raw["title"], grade=raw["grade"], subject=raw["subject"],
        edition=raw["edition"], volume=raw["volume"], unit=raw["unit"], order=raw["order"],
        kind=raw["kind"], duration=float(raw["duration"]),
        files=tuple(LessonFile(role=f["role"], name=f["name"], sha256=f["sha256"], size=f["size"],
                               index=f.get("index"), track=f.get("track")) for f in raw["files"]
                    if _usable_here(f)),
        unit_title=raw.get("unit_title", ""), summary=raw.get("summary", ""),
        captions=tuple(raw.get("captions", ())),
    )


def _usable_here(raw: dict[str, Any]) -> bool:
    """Whether this version knows the file's role (and track role): a stored catalog body is
    the signed bytes, which may name files the parser left out when it arrived."""
    track = raw.get("track")
    return raw.get("role") in FILE_ROLES and (track is None or (raw.get("role") == "media" and track in TRACK_ROLES))


def _file_from_dict(raw: Any, where: str) -> LessonFile | None:
    """A checked file entry, or None for one of a role or track role this version does not
    know (added by a later version; skipped, never an error). Unknown keys are ignored."""
    if not isinstance(raw, dict):
        raise CatalogError(L_("{where} must be an object", where=where))
    role = _str(raw, "role", where)
    if role not in FILE_ROLES:
        return None
    name = _text(raw, "name", where, limits.MAX_FILE_NAME_CHARS)
    if not FILE_NAME_RE.match(name) or name in (".", ".."):
        raise CatalogError(L_("{where}.name {name!r} is not a plain file name", where=where, name=name))
    sha = raw.get("sha256")
    if not is_sha256_hex(sha):
        raise CatalogError(L_("{where}.sha256 must be 64 lowercase hex digits", where=where))
    index = raw.get("index")
    if index is not None and not is_sha256_hex(index):
        raise CatalogError(L_("{where}.index must be 64 lowercase hex digits or null", where=where))
    cap = limits.MAX_TEXT_FILE_BYTES.get(role, limits.MAX_COVER_BYTES if role == "cover" else limits.MAX_FILE_BYTES)
    size = _int(raw, "size", where, minimum=0, maximum=cap)
    if index is None and size > SINGLE_CHUNK_MAX:
        raise CatalogError(L_("{where} ({name}): a file over {single_chunk_max} bytes needs a chunk index", where=where, name=name, single_chunk_max=SINGLE_CHUNK_MAX))
    track = raw.get("track")
    if track is not None:
        if not isinstance(track, str):
            raise CatalogError(L_("{where}.track must be a string", where=where))
        if role != "media" or track not in TRACK_ROLES:
            # A kind of recording, or a per-track lyrics file, added later: this version
            # would not know when to offer it.
            return None
    return LessonFile(role=role, name=name, sha256=str(sha), size=size,
                      index=str(index) if index is not None else None, track=track)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a catalog may hold")


def _str(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(L_("{where}.{key} must be a non-empty string", where=where, key=key))
    return value


def _text(raw: dict[str, Any], key: str, where: str, max_chars: int) -> str:
    value = _str(raw, key, where)
    _check_text(value, f"{where}.{key}", max_chars)
    return value


def _optional_text(raw: dict[str, Any], key: str, where: str, max_chars: int, multiline: bool = False) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise CatalogError(L_("{where}.{key} must be a string", where=where, key=key))
    _check_text(value, f"{where}.{key}", max_chars, multiline)
    return value


def _check_text(value: str, where: str, max_chars: int, multiline: bool = False) -> None:
    problem = limits.text_problem(value, max_chars, multiline)
    if problem is not None:
        raise CatalogError(L_("{where} {problem}", where=where, problem=problem))


def _int(raw: dict[str, Any], key: str, where: str, minimum: int | None = None,
         maximum: int | None = None) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise CatalogError(L_("{where}.{key} must be an integer", where=where, key=key))
    if minimum is not None and value < minimum:
        raise CatalogError(L_("{where}.{key} must be at least {minimum}", where=where, key=key, minimum=minimum))
    if maximum is not None and value > maximum:
        raise CatalogError(L_("{where}.{key} is {value} (at most {maximum})", where=where, key=key, value=str(value)[:30], maximum=maximum))
    return value
