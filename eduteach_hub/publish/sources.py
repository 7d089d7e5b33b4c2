"""Read and validate a folder of lesson sources (one folder per lesson, each with lesson.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eduteach_protocol.catalog import FILE_NAME_RE, LESSON_ID_RE
from eduteach_protocol.subjects import GRADES, KINDS, SUBJECTS, VOLUMES, subject_code

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
}


class SourceError(ValueError):
    """A lesson source is invalid; the message names the file and the field."""

    def __init__(self, path: Path, field: str, message: str):
        super().__init__(f"{path}: {field}: {message}")
        self.path = path
        self.field = field


@dataclass(frozen=True)
class SourceFile:
    role: str
    name: str
    path: Path


@dataclass(frozen=True)
class LessonSource:
    """A validated lesson.toml and the files it names."""

    folder: Path
    fields: dict[str, Any]
    files: tuple[SourceFile, ...]

    @property
    def id(self) -> str:
        return str(self.fields["id"])


def read_sources(source_dir: Path) -> tuple[list[LessonSource], list[SourceError]]:
    """Read every lesson under source_dir. Returns the good ones and every error found."""
    if not source_dir.is_dir():
        raise SourceError(source_dir, "-", "is not a folder")
    sources: list[LessonSource] = []
    errors: list[SourceError] = []
    tomls = sorted(source_dir.glob("*/lesson.toml"))
    if (source_dir / "lesson.toml").is_file():
        tomls.insert(0, source_dir / "lesson.toml")
    if not tomls:
        errors.append(SourceError(source_dir, "-", "no lesson folders with a lesson.toml found"))
    seen: dict[str, Path] = {}
    for toml_path in tomls:
        try:
            src = read_lesson(toml_path)
        except SourceError as exc:
            errors.append(exc)
            continue
        if src.id in seen:
            errors.append(SourceError(toml_path, "id", f"{src.id!r} is also used by {seen[src.id]}"))
            continue
        seen[src.id] = toml_path
        sources.append(src)
    return sources, errors


def read_lesson(toml_path: Path) -> LessonSource:
    try:
        raw = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise SourceError(toml_path, "-", "is not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(toml_path, "-", f"is not valid TOML ({exc})") from exc
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        raise SourceError(toml_path, unknown[0], "unknown field (a typo?)")

    def need_str(key: str) -> str:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise SourceError(toml_path, key, "is required and must be non-empty text")
        return value.strip()

    def need_int(key: str, lo: int, hi: int | None = None) -> int:
        value = raw.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise SourceError(toml_path, key, "is required and must be a whole number")
        if value < lo or (hi is not None and value > hi):
            raise SourceError(toml_path, key, f"must be between {lo} and {hi if hi else '∞'}")
        return value

    lesson_id = need_str("id")
    if not LESSON_ID_RE.match(lesson_id):
        raise SourceError(toml_path, "id", "use lowercase letters, digits and '-' only (max 80)")
    title = need_str("title")
    grade = need_int("grade", min(GRADES), max(GRADES))
    subject_raw = need_str("subject")
    try:
        subject = subject_code(subject_raw)
    except KeyError:
        raise SourceError(
            toml_path, "subject", f"{subject_raw!r} is not one of {', '.join(SUBJECTS)}"
        ) from None
    edition = need_str("edition")
    volume = need_str("volume")
    if volume not in VOLUMES:
        raise SourceError(toml_path, "volume", "must be 上册 or 下册")
    unit = need_int("unit", 1)
    order = need_int("order", 1)
    kind = need_str("kind")
    if kind not in KINDS:
        raise SourceError(toml_path, "kind", f"must be one of {', '.join(KINDS)}")
    duration = raw.get("duration", 0 if kind in ("slides", "pdf") else None)
    if not isinstance(duration, (int, float)) or isinstance(duration, bool) or duration < 0:
        raise SourceError(toml_path, "duration", "is required (seconds) and must be a number ≥ 0")
    if kind in ("video", "audio") and duration <= 0:
        raise SourceError(toml_path, "duration", "must be more than 0 for video and audio")

    folder = toml_path.parent
    media = raw.get("media")
    if isinstance(media, str):
        media = [media]
    if not isinstance(media, list) or not media or not all(isinstance(m, str) for m in media):
        raise SourceError(toml_path, "media", "must name at least one file")
    if kind != "slides" and len(media) != 1:
        raise SourceError(toml_path, "media", f"a {kind} lesson has exactly one media file")
    files: list[SourceFile] = []
    for name in media:
        files.append(_source_file(toml_path, folder, "media", name, MEDIA_EXTENSIONS[kind]))
    for role, key, exts in (
        ("lyrics", "lyrics", LYRICS_EXTENSIONS),
        ("subtitles", "subtitles", SUBTITLE_EXTENSIONS),
        ("cover", "cover", COVER_EXTENSIONS),
    ):
        if key in raw:
            value = raw[key]
            if not isinstance(value, str):
                raise SourceError(toml_path, key, "must be a file name")
            files.append(_source_file(toml_path, folder, role, value, exts))
    captions = raw.get("captions", [])
    if not isinstance(captions, list) or not all(isinstance(c, str) for c in captions):
        raise SourceError(toml_path, "captions", "must be a list of text lines")
    if captions and len(captions) != len(media):
        raise SourceError(toml_path, "captions", "needs one caption per media image")
    for key in ("unit_title", "summary"):
        if key in raw and not isinstance(raw[key], str):
            raise SourceError(toml_path, key, "must be text")
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
    return LessonSource(folder=folder, fields=fields, files=tuple(files))


def _source_file(toml_path: Path, folder: Path, role: str, name: str, exts: set[str]) -> SourceFile:
    if not FILE_NAME_RE.match(name) or name in (".", ".."):
        raise SourceError(toml_path, role, f"{name!r} must be a plain file name in the lesson folder")
    ext = name.rpartition(".")[2].lower()
    if ext not in exts:
        raise SourceError(toml_path, role, f"{name!r}: expected one of .{', .'.join(sorted(exts))}")
    path = folder / name
    if not path.is_file():
        raise SourceError(toml_path, role, f"file {name!r} does not exist")
    if role in ("lyrics", "subtitles"):
        try:
            path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SourceError(toml_path, role, f"{name!r} must be UTF-8 text") from None
    return SourceFile(role=role, name=name, path=path)
