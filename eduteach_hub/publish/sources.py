"""Read and validate a folder of lesson sources (one folder per lesson, each with lesson.toml).

Source folders are prepared by many hands and copied from many places, so nothing in one
is trusted: every file is opened through `eduteach_protocol.safefs` (regular files only,
never through a link, never outside the source folder, never one with other hard links),
each with a size cap for its role, and every field of lesson.toml has a length and
character limit. Anything refused becomes a SourceError naming the file and the reason;
the publisher then publishes nothing. The limits are listed in docs/hub.md.
"""

from __future__ import annotations

import logging
import math
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from eduteach_protocol import limits as catalog_limits
from eduteach_protocol import safefs
from eduteach_protocol.catalog import FILE_NAME_RE, LESSON_ID_RE, TRACK_ROLES
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.notes import LessonNotes, NoteRange, NotesError
from eduteach_protocol.subjects import GRADES, KINDS, SUBJECTS, VOLUMES, subject_code
from eduteach_protocol.text_rules import MAX_TITLE_CHARS, text_problem
from eduteach_protocol.toml_text import toml_problem

from . import pdf_pages

MEDIA_EXTENSIONS = {
    "video": {"mp4", "m4v", "webm", "mkv"},
    "audio": {"mp3", "ogg", "oga", "m4a", "wav", "opus", "flac"},
    "slides": {"png", "jpg", "jpeg", "webp"},
    "pdf": {"pdf"},
}
LYRICS_EXTENSIONS = {"lrc"}
SUBTITLE_EXTENSIONS = {"srt", "vtt"}
COVER_EXTENSIONS = {"png", "jpg", "jpeg", "webp"}
KNOWN_KEYS = {
    "id", "title", "grade", "subject", "edition", "volume", "unit", "unit_title", "order",
    "kind", "duration", "summary", "media", "lyrics", "subtitles", "cover", "captions",
    "tracks", "notes", "notes_file", "notes_markup", "slide_notes", "range_notes",
}
NOTES_EXTENSIONS = {"md": "markdown", "markdown": "markdown", "txt": "plain"}
# The name the compiled notes file has in the catalog (the role says what it is).
NOTES_FILE_NAME = "notes.json"
TIMED_KINDS = ("video", "audio")

log = logging.getLogger("eduteach_hub.publish")

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB
MAX_TOML_BYTES = 64 * KiB
# lesson.toml is flat; one level of lists (media, captions) is all it needs. Deeper
# nesting is refused before it can reach tomllib's recursion (a RecursionError).
MAX_TOML_DEPTH = 4
MAX_SHORT_TEXT = 64        # edition (as the catalog's limit)
MAX_UNIT_TITLE = MAX_TITLE_CHARS
MAX_SUMMARY = 2000
MAX_CAPTION = 500
MAX_MEDIA_FILES = 300      # images of a slides lesson
MAX_UNIT = 999
MAX_ORDER = 9999
MAX_DURATION = 24 * 3600.0


@dataclass(frozen=True)
class SourceLimits:
    """Size caps per file role (bytes). Media caps are per kind of lesson; a county with
    longer videos raises `video` (`eduteach-hub publish --max-video-mib`)."""

    lesson_toml: int = MAX_TOML_BYTES
    notes: int = catalog_limits.MAX_TEXT_FILE_BYTES["notes"]
    lyrics: int = 1 * MiB
    subtitles: int = 1 * MiB
    cover: int = 10 * MiB
    media: dict[str, int] = field(default_factory=lambda: {
        "video": 1 * GiB, "audio": 256 * MiB, "slides": 20 * MiB, "pdf": 256 * MiB,
    })

    def for_role(self, role: str, kind: str) -> int:
        if role == "media":
            return self.media[kind]
        return int(getattr(self, role))


DEFAULT_LIMITS = SourceLimits()


class SourceError(ValueError):
    """A lesson source is invalid; the message names the file and the field."""

    def __init__(self, path: Path, field: str, message: str | Exception):
        # Text (cli_i18n): English in logs and str(); the CLI says it in the user's language.
        super().__init__(L_("{path}: {field}: {message}", path=path, field=field, message=message))
        self.path = path
        self.field = field


@dataclass(frozen=True)
class SourceFile:
    """A file a lesson names: opened again (through safefs, with the same checks) each
    time the publisher reads it, so a file swapped for a link after validation is still
    refused."""

    role: str
    name: str
    path: Path
    root: Path = Path(".")
    relpath: str = ""
    max_size: int = 0
    toml_path: Path = Path(".")
    # For media files: which recording this is (catalog.TRACK_ROLES), or None.
    track: str | None = None

    def open(self) -> BinaryIO:
        return _open_source(self.toml_path, self.role, self.root, self.relpath, self.max_size)


@dataclass(frozen=True)
class LessonSource:
    """A validated lesson.toml and the files it names."""

    folder: Path
    fields: dict[str, Any]
    files: tuple[SourceFile, ...]
    # The teacher's notes, compiled (eduteach_protocol.notes); published as a file with the
    # role "notes". None when the lesson has none.
    notes: LessonNotes | None = None

    @property
    def toml_path(self) -> Path:
        return self.folder / "lesson.toml"

    def tracks(self) -> list[SourceFile]:
        return [f for f in self.files if f.track is not None]

    @property
    def id(self) -> str:
        return str(self.fields["id"])


def _lesson_relpaths(source_dir: Path, errors: list[SourceError]) -> list[str]:
    """lesson.toml paths relative to source_dir: its own, then one per lesson folder. A
    lesson folder that is a link is refused (it could lead anywhere on the hub)."""
    found: list[str] = []
    with os.scandir(source_dir) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name == "lesson.toml":
            found.insert(0, "lesson.toml")
            continue
        if entry.name.startswith("."):
            continue  # hidden folders (.git, a trash folder) were never lessons
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if safefs.is_link(st):
            if os.path.isfile(os.path.join(entry.path, "lesson.toml")):
                errors.append(SourceError(source_dir / entry.name, "-", L_(
                    "lesson folder is a link; only real folders are published")))
            continue
        if stat.S_ISDIR(st.st_mode) and os.path.lexists(os.path.join(entry.path, "lesson.toml")):
            found.append(f"{entry.name}/lesson.toml")
    return found


def read_sources(source_dir: Path, limits: SourceLimits = DEFAULT_LIMITS,
                 ) -> tuple[list[LessonSource], list[SourceError]]:
    """Read every lesson under source_dir. Returns the good ones and every error found."""
    if not source_dir.is_dir():
        raise SourceError(source_dir, "-", L_("is not a folder"))
    sources: list[LessonSource] = []
    errors: list[SourceError] = []
    try:
        tomls = _lesson_relpaths(source_dir, errors)
    except OSError as exc:
        raise SourceError(source_dir, "-", L_("cannot be read ({problem})", problem=exc.strerror or exc)) from None
    if not tomls and not errors:
        errors.append(SourceError(source_dir, "-", L_("no lesson folders with a lesson.toml found")))
    seen: dict[str, Path] = {}
    for relpath in tomls:
        toml_path = source_dir / relpath
        try:
            src = read_lesson(toml_path, limits, source_dir=source_dir)
        except SourceError as exc:
            errors.append(exc)
            continue
        if src.id in seen:
            errors.append(SourceError(toml_path, "id", L_("{id!r} is also used by {other}", id=src.id, other=seen[src.id])))
            continue
        seen[src.id] = toml_path
        sources.append(src)
    return sources, errors


def _open_source(toml_path: Path, role: str, root: Path, relpath: str, max_size: int) -> BinaryIO:
    try:
        return safefs.open_regular(root, relpath, max_size, label=repr(relpath.rpartition("/")[2]),
                                   refuse_hardlinks=True)
    except safefs.UnsafeFileError as exc:
        if exc.code == safefs.MISSING:
            raise SourceError(toml_path, role, L_("file {label} does not exist", label=exc.label)) from None
        if exc.code == safefs.TOO_LARGE:
            raise SourceError(toml_path, role, L_(
                "{label} {reason} for {role} (see 'Source folder limits' in docs/hub.md)",
                label=exc.label, reason=exc.reason, role=role)) from None
        if exc.code in (safefs.LINK, safefs.LOOP):
            raise SourceError(toml_path, role, L_(
                "{label} is a link; only plain files are published", label=exc.label)) from None
        raise SourceError(toml_path, role, exc) from None


def _toml_depth(value: object) -> int:
    """Nesting depth of a parsed TOML value, without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_TOML_DEPTH:
            break
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def _bracket_depth(text: str) -> int:
    """An upper bound of the nesting of arrays and inline tables ([ and { outside strings
    are not told apart from those inside: it only decides whether to parse at all)."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest


def read_lesson(toml_path: Path, limits: SourceLimits = DEFAULT_LIMITS, *,
                source_dir: Path | None = None) -> LessonSource:
    """Validate one lesson.toml and the files it names. source_dir: the folder the
    publisher was given (nothing is read outside it); by default the lesson's folder."""
    folder = toml_path.parent
    root = source_dir if source_dir is not None else folder
    prefix = folder.relative_to(root).as_posix() if folder != root else ""
    prefix = "" if prefix in ("", ".") else prefix + "/"
    try:
        with _open_source(toml_path, "-", root, prefix + toml_path.name, limits.lesson_toml) as fh:
            data = fh.read(limits.lesson_toml + 1)
        if len(data) > limits.lesson_toml:
            raise SourceError(toml_path, "-", L_("is larger than {limit:,} bytes", limit=limits.lesson_toml))
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(toml_path, "-", L_("is not UTF-8 text")) from exc
    # A deeply nested array would make tomllib recurse until RecursionError.
    if _bracket_depth(text) > 64:
        raise SourceError(toml_path, "-", L_("nests lists or tables more than {max_toml_depth} deep", max_toml_depth=MAX_TOML_DEPTH))
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(toml_path, "-", L_("is not valid TOML ({problem})", problem=toml_problem(exc))) from exc
    except RecursionError:
        raise SourceError(toml_path, "-", L_("nests lists or tables more than {max_toml_depth} deep", max_toml_depth=MAX_TOML_DEPTH)) from None
    if _toml_depth(raw) > MAX_TOML_DEPTH:
        raise SourceError(toml_path, "-", L_("nests lists or tables more than {max_toml_depth} deep", max_toml_depth=MAX_TOML_DEPTH))
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        raise SourceError(toml_path, unknown[0], L_("unknown field (a typo?)"))

    def need_str(key: str, max_chars: int = MAX_SHORT_TEXT) -> str:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise SourceError(toml_path, key, L_("is required and must be non-empty text"))
        problem = text_problem(value.strip(), max_chars)
        if problem:
            raise SourceError(toml_path, key, problem)
        return value.strip()

    def need_int(key: str, lo: int, hi: int) -> int:
        value = raw.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise SourceError(toml_path, key, L_("is required and must be a whole number"))
        if value < lo or (hi is not None and value > hi):
            raise SourceError(toml_path, key, L_("must be between {lo} and {hi}", lo=lo, hi=hi))
        return value

    lesson_id = need_str("id")
    if not LESSON_ID_RE.match(lesson_id):
        raise SourceError(toml_path, "id", L_("use lowercase letters, digits and '-' only (max 80)"))
    title = need_str("title", MAX_TITLE_CHARS)
    grade = need_int("grade", min(GRADES), max(GRADES))
    subject_raw = need_str("subject")
    try:
        subject = subject_code(subject_raw)
    except KeyError:
        raise SourceError(
            toml_path, "subject", L_("{text!r} is not one of {subjects}", text=subject_raw, subjects=", ".join(SUBJECTS))
        ) from None
    edition = need_str("edition")
    volume = need_str("volume")
    if volume not in VOLUMES:
        raise SourceError(toml_path, "volume", L_("must be 上册 or 下册"))
    unit = need_int("unit", 1, MAX_UNIT)
    order = need_int("order", 1, MAX_ORDER)
    kind = need_str("kind")
    if kind not in KINDS:
        raise SourceError(toml_path, "kind", L_("must be one of {kinds}", kinds=', '.join(KINDS)))
    duration = raw.get("duration", 0 if kind in ("slides", "pdf") else None)
    if (not isinstance(duration, (int, float)) or isinstance(duration, bool)
            or not math.isfinite(duration) or not 0 <= duration <= MAX_DURATION):
        raise SourceError(toml_path, "duration",
                          L_("is required (seconds) and must be a number from 0 to {max:.0f}", max=MAX_DURATION))
    if kind in ("video", "audio") and duration <= 0:
        raise SourceError(toml_path, "duration", L_("must be more than 0 for video and audio"))

    where = _Where(toml_path, root, prefix, limits, kind)
    media_files = _media_files(where, raw)
    files: list[SourceFile] = list(media_files)
    media = [f.name for f in media_files]
    for role, key, exts in (
        ("lyrics", "lyrics", LYRICS_EXTENSIONS),
        ("subtitles", "subtitles", SUBTITLE_EXTENSIONS),
        ("cover", "cover", COVER_EXTENSIONS),
    ):
        if key in raw:
            value = raw[key]
            if not isinstance(value, str):
                raise SourceError(toml_path, key, L_("must be a file name"))
            files.append(_source_file(where, role, value, exts))
    captions = raw.get("captions", [])
    if not isinstance(captions, list) or not all(isinstance(c, str) for c in captions):
        raise SourceError(toml_path, "captions", L_("must be a list of text lines"))
    if captions and len(captions) != len(media):
        raise SourceError(toml_path, "captions", L_("needs one caption per media image"))
    for i, caption in enumerate(captions):
        problem = text_problem(caption, MAX_CAPTION)
        if problem:
            raise SourceError(toml_path, "captions", L_("caption {n} {problem}", n=i + 1, problem=problem))
    for key, max_chars, newlines in (("unit_title", MAX_UNIT_TITLE, False),
                                     ("summary", MAX_SUMMARY, True)):
        if key in raw:
            if not isinstance(raw[key], str):
                raise SourceError(toml_path, key, L_("must be text"))
            problem = text_problem(raw[key].strip(), max_chars, allow_newlines=newlines)
            if problem:
                raise SourceError(toml_path, key, problem)
    fields = {
        "id": lesson_id,
        "title": title,
        "grade": grade,
        "subject": subject,
        "edition": edition,
        "volume": volume,
        "unit": unit,
        "unit_title": str(raw.get("unit_title", "")).strip(),
        "order": order,
        "kind": kind,
        "duration": round(float(duration), 2),
        "summary": str(raw.get("summary", "")).strip(),
        "captions": list(captions),
    }
    notes = _read_notes(where, raw, media_files, float(duration))
    return LessonSource(folder=folder, fields=fields, files=tuple(files), notes=notes)


@dataclass(frozen=True)
class _Where:
    toml_path: Path
    root: Path
    prefix: str
    limits: SourceLimits
    kind: str


def _source_file(where: _Where, role: str, name: str, exts: set[str]) -> SourceFile:
    toml_path = where.toml_path
    if not FILE_NAME_RE.match(name) or name in (".", ".."):
        raise SourceError(toml_path, role, L_("{name!r} must be a plain file name in the lesson folder", name=name))
    ext = name.rpartition(".")[2].lower()
    if ext not in exts:
        raise SourceError(toml_path, role, L_("{name!r}: expected one of .{exts}", name=name, exts=', .'.join(sorted(exts))))
    max_size = where.limits.for_role(role, where.kind)
    sf = SourceFile(role=role, name=name, path=toml_path.parent / name, root=where.root,
                    relpath=where.prefix + name, max_size=max_size, toml_path=toml_path)
    with sf.open() as fh:  # refuses links, FIFOs, hard links, files over the cap
        if role in ("lyrics", "subtitles"):
            data = fh.read(max_size + 1)
            try:
                data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise SourceError(toml_path, role, L_("{name!r} must be UTF-8 text", name=name)) from None
    return sf


def _media_files(where: _Where, raw: dict[str, Any]) -> list[SourceFile]:
    """`media = "song.mp3"` (one recording, or a slides lesson's pictures) or `tracks = [{file,
    role}, …]` (several recordings of one audio or video lesson), never both."""
    toml_path, kind = where.toml_path, where.kind
    if "tracks" in raw:
        if kind not in TIMED_KINDS:
            raise SourceError(toml_path, "tracks", L_("only audio and video lessons have tracks (this is a {kind} lesson)", kind=kind))
        if "media" in raw:
            raise SourceError(toml_path, "tracks", L_("name the recordings either in media or in tracks, not both"))
        tracks = raw["tracks"]
        if not isinstance(tracks, list) or not tracks or not all(isinstance(t, dict) for t in tracks):
            raise SourceError(toml_path, "tracks", L_('must be a list like [{file = "a.mp3", role = "demo"}]'))
        out: list[SourceFile] = []
        for i, t in enumerate(tracks, 1):
            name, role = t.get("file"), t.get("role")
            if set(t) - {"file", "role"}:
                raise SourceError(toml_path, "tracks", L_("track {i}: only file and role are known", i=i))
            if not isinstance(name, str):
                raise SourceError(toml_path, "tracks", L_("track {i}: file must name a file in the lesson folder", i=i))
            if role not in TRACK_ROLES:
                raise SourceError(toml_path, "tracks", L_("track {i} ({name}): role must be one of {roles}", i=i, name=name, roles=', '.join(TRACK_ROLES)))
            if any(f.track == role for f in out):
                raise SourceError(toml_path, "tracks", L_("two tracks have the role {role!r} ({name})", role=role, name=name))
            if any(f.name == name for f in out):
                raise SourceError(toml_path, "tracks", L_("{name!r} is named twice", name=name))
            sf = _source_file(where, "media", name, MEDIA_EXTENSIONS[kind])
            out.append(SourceFile(role=sf.role, name=sf.name, path=sf.path, root=sf.root, relpath=sf.relpath,
                                  max_size=sf.max_size, toml_path=sf.toml_path, track=role))
        return out
    media = raw.get("media")
    if isinstance(media, str):
        media = [media]
    if not isinstance(media, list) or not media or not all(isinstance(m, str) for m in media):
        raise SourceError(toml_path, "media", L_("must name at least one file"))
    if kind != "slides" and len(media) != 1:
        hint = L_(" (several recordings of one song: use tracks)") if kind in TIMED_KINDS else ""
        raise SourceError(toml_path, "media", L_("a {kind} lesson has exactly one media file{hint}", kind=kind, hint=hint))
    if len(media) > MAX_MEDIA_FILES:
        raise SourceError(toml_path, "media", L_("names {n} files; the limit is {max_media_files}", n=len(media), max_media_files=MAX_MEDIA_FILES))
    return [_source_file(where, "media", name, MEDIA_EXTENSIONS[kind]) for name in media]


def _pdf_pages(pdf: SourceFile) -> int | None:
    """The PDF's page count, or None (logged) when pypdf cannot tell: a PDF it cannot read
    is not refused for that here; a school PC's PDFium may read it."""
    with pdf.open() as fh:  # through safefs again, as every read of a source file
        try:
            return pdf_pages.count_pages(fh)
        except pdf_pages.PageCountUnknown as exc:
            log.warning("%s: slide_notes: page numbers not checked: the page count of %r is unknown: %s",
                        pdf.toml_path, pdf.name, exc)
            return None


def _read_notes(where: _Where, raw: dict[str, Any], media: list[SourceFile], duration: float,
                ) -> LessonNotes | None:
    """Compile notes, notes_file, slide_notes and range_notes into one LessonNotes, checked
    exactly as a school PC checks the file (LessonNotes.from_bytes). media: the lesson's
    media files (a slides lesson's pictures, a PDF lesson's one PDF)."""
    toml_path, kind = where.toml_path, where.kind
    keys = {"notes", "notes_file", "notes_markup", "slide_notes", "range_notes"} & set(raw)
    if not keys:
        return None
    if "notes" in raw and "notes_file" in raw:
        raise SourceError(toml_path, "notes", L_("give the lesson's notes inline (notes) or in a file (notes_file), not both"))
    markup = "markdown"
    lesson_text = ""
    if "notes_file" in raw:
        name = raw["notes_file"]
        if not isinstance(name, str):
            raise SourceError(toml_path, "notes_file", L_("must be a file name"))
        ext = name.rpartition(".")[2].lower()
        sf = _source_file(where, "notes", name, set(NOTES_EXTENSIONS))
        with sf.open() as fh:
            data = fh.read(sf.max_size + 1)
        try:
            lesson_text = data.decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError:
            raise SourceError(toml_path, "notes_file", L_("{name!r} must be UTF-8 text", name=name)) from None
        markup = NOTES_EXTENSIONS[ext]
    elif "notes" in raw:
        if not isinstance(raw["notes"], str):
            raise SourceError(toml_path, "notes", L_("must be text"))
        lesson_text = raw["notes"]
    if "notes_markup" in raw:
        markup = raw["notes_markup"]
        if markup not in ("markdown", "plain"):
            raise SourceError(toml_path, "notes_markup", L_('must be "markdown" or "plain"'))
    slides: dict[int, str] = {}
    slide_raw = raw.get("slide_notes", {})
    if slide_raw:
        if kind not in ("slides", "pdf"):
            raise SourceError(toml_path, "slide_notes", L_("only slides and PDF lessons have slides (this is a {kind} lesson)", kind=kind))
        if not isinstance(slide_raw, dict):
            raise SourceError(toml_path, "slide_notes", L_('must be a table like [slide_notes] 1 = "…"'))
        # A slides lesson's pictures are its slides; a PDF lesson's slides are its pages
        # (key 1 is the first page, as the player numbers them), counted by pypdf, or None
        # when pypdf cannot read the PDF (then the page numbers go unchecked; see pdf_pages).
        pages = len(media) if kind == "slides" else _pdf_pages(media[0])
        for key, text in slide_raw.items():
            if not (key.isascii() and key.isdigit()) or int(key) < 1:
                raise SourceError(toml_path, "slide_notes", L_("{key!r} is not a slide number (1, 2, …)", key=key[:20]))
            if pages is not None and int(key) > pages:
                if kind == "slides":
                    raise SourceError(toml_path, "slide_notes", L_("slide {slide} does not exist (the lesson has {pages})", slide=int(key), pages=pages))
                raise SourceError(toml_path, "slide_notes", L_("page {page} does not exist (the PDF has {pages})", page=int(key), pages=pages))
            if not isinstance(text, str):
                raise SourceError(toml_path, "slide_notes", L_("slide {key}: must be text", key=key))
            slides[int(key)] = text
    ranges: list[NoteRange] = []
    ranges_raw = raw.get("range_notes", [])
    if ranges_raw:
        if kind not in TIMED_KINDS:
            raise SourceError(toml_path, "range_notes", L_("only audio and video lessons have time ranges (this is a {kind} lesson)", kind=kind))
        if not isinstance(ranges_raw, list) or not all(isinstance(r, dict) for r in ranges_raw):
            raise SourceError(toml_path, "range_notes", L_("must be [[range_notes]] tables with start, end and text"))
        for i, r in enumerate(ranges_raw, 1):
            start, end, text = r.get("start"), r.get("end"), r.get("text")
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (start, end)):
                raise SourceError(toml_path, "range_notes", L_("range {i}: start and end must be seconds", i=i))
            assert isinstance(start, (int, float)) and isinstance(end, (int, float))
            if not 0 <= start < end:
                raise SourceError(toml_path, "range_notes", L_("range {i}: must start at 0 or later and end after it starts", i=i))
            if start >= duration:
                raise SourceError(toml_path, "range_notes", L_("range {i} starts at {start:g} s, after the lesson ends ({duration:g} s)", i=i, start=start, duration=duration))
            if not isinstance(text, str):
                raise SourceError(toml_path, "range_notes", L_("range {i}: text must be text", i=i))
            ranges.append(NoteRange(float(start), float(end), text))
    notes = LessonNotes(lesson=lesson_text.strip(), markup=markup, slides=slides, ranges=tuple(ranges))
    try:
        # The PC's own check, so nothing published is refused there.
        LessonNotes.from_bytes(notes.to_bytes())
    except NotesError as exc:
        raise SourceError(toml_path, sorted(keys)[0], exc) from None
    return None if notes.is_empty() else notes
