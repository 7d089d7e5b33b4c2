"""What the importer passes between its steps: lesson candidates and report findings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from eduteach_protocol.cli_i18n import L_

from .tracks import NOTES_EXTS, is_notes_file

OK, WARNING, ERROR = "ok", "warning", "error"

VIDEO_EXTS = {"mp4", "m4v", "mov", "mkv", "webm", "flv", "f4v", "wmv", "asf", "avi", "mpg", "mpeg",
              "vob", "ts", "m2ts", "rm", "rmvb", "3gp"}
AUDIO_EXTS = {"mp3", "ogg", "oga", "opus", "m4a", "aac", "wav", "flac", "wma", "amr", "ape"}
OFFICE_EXTS = {"ppt", "pptx", "pps", "ppsx", "doc", "docx", "wps", "dps", "odp", "odt"}
PDF_EXTS = {"pdf"}
IMAGE_EXTS = {"png", "jpg", "jpeg", "webp", "bmp"}
LYRICS_EXTS = {"lrc"}
SUBTITLE_EXTS = {"srt", "vtt"}
COVER_STEMS = {"cover", "封面", "poster", "thumb"}


def ext_of(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


@dataclass(frozen=True)
class Finding:
    """One line of the report: ok, warning or error for a row or a file, and why."""

    status: str
    where: str
    reason: str
    lesson_id: str = ""
    title: str = ""
    action: str = ""


@dataclass
class Entry:
    """A lesson as read from one list row or one place in the folder tree."""

    where: str
    grade: int
    subject: str
    edition: str
    volume: str
    unit: int
    order: int
    title: str
    unit_title: str = ""
    summary: str = ""
    kind: str = ""
    media: list[Path] = field(default_factory=list)
    lyrics: Path | None = None
    subtitles: Path | None = None
    cover: Path | None = None
    lesson_id: str = ""
    row: str = ""  # "list.xlsx row 12" when the lesson came from a resource list
    # Several recordings of one song: the track role of each media file (importer/tracks.py),
    # in media's order; empty for a lesson with one recording.
    track_roles: list[str] = field(default_factory=list)
    notes: Path | None = None  # a 教学建议 .txt/.md file
    notes_text: str = ""  # 教学建议 typed into the list

    def file_where(self, rel: str) -> str:
        """A file named by a list row is reported with both, so the officer finds the row."""
        return f"{self.row}: {rel}" if self.row else rel

    def all_files(self) -> list[Path]:
        extra = [p for p in (self.lyrics, self.subtitles, self.cover, self.notes) if p is not None]
        return [*self.media, *extra]


def classify(files: list[Path]) -> tuple[str, list[Path], dict[str, Path], list[str]]:
    """Decide a lesson's kind from its files: (kind, media, {lyrics|subtitles|cover: path},
    notes). kind is '' when nothing playable is there; notes name what is left unused."""
    by: dict[str, list[Path]] = {"video": [], "audio": [], "doc": [], "image": [], "lrc": [], "sub": []}
    notes: list[str] = []
    notes_files: list[Path] = []
    for f in files:
        e = ext_of(f)
        if is_notes_file(f) and e in NOTES_EXTS:
            notes_files.append(f)
        elif is_notes_file(f) and e in OFFICE_EXTS:
            notes.append(L_("{name}: teaching notes are read from .txt or .md files; save it as text to import it, left out", name=f.name))
        elif e in VIDEO_EXTS:
            by["video"].append(f)
        elif e in AUDIO_EXTS:
            by["audio"].append(f)
        elif e in OFFICE_EXTS or e in PDF_EXTS:
            by["doc"].append(f)
        elif e in IMAGE_EXTS:
            by["image"].append(f)
        elif e in LYRICS_EXTS:
            by["lrc"].append(f)
        elif e in SUBTITLE_EXTS:
            by["sub"].append(f)
        else:
            notes.append(L_("{name}: not a lesson file type, left out", name=f.name))
    extras: dict[str, Path] = {}
    covers = [f for f in by["image"] if f.stem.lower() in COVER_STEMS]
    pictures = [f for f in by["image"] if f not in covers]
    if by["video"]:
        kind, media = "video", by["video"]
        if not covers and len(pictures) == 1:
            covers, pictures = pictures, []
    elif by["audio"]:
        kind, media = "audio", by["audio"]
        if not covers and len(pictures) == 1:
            covers, pictures = pictures, []
    elif by["doc"]:
        kind, media = "pdf", by["doc"]
    elif pictures:
        kind, media, pictures = "slides", natural_sorted(pictures), []
    else:
        kind, media = "", []
    if covers:
        extras["cover"] = covers[0]
        notes += [f"{c.name}: a second cover, left out" for c in covers[1:]]
    notes += [f"{p.name}: a picture beside a {kind} lesson, left out" for p in pictures]
    # Everything but the chosen kind's media is left out of this lesson.
    for group in ("video", "audio", "doc"):
        if by[group] and media is not by[group]:
            notes += [f"{p.name}: a lesson has one kind of media, left out" for p in by[group]]
    if notes_files:
        extras["notes"] = notes_files[0]
        notes += [f"{n.name}: a second teaching notes file, left out" for n in notes_files[1:]]
    if by["lrc"]:
        extras["lyrics"] = by["lrc"][0]
    if by["sub"]:
        srt = [s for s in by["sub"] if ext_of(s) == "srt"]
        extras["subtitles"] = (srt or by["sub"])[0]
    return kind, media, extras, notes


def natural_sorted(paths: list[Path]) -> list[Path]:
    """1.png, 2.png … 10.png in slide order, not 1, 10, 2."""

    def key(p: Path) -> list[object]:
        return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.name.lower())]

    return sorted(paths, key=key)
