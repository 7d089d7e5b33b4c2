"""Saved pen annotations: pictures of annotated pages, kept with their class session (PNG
for drawn pages such as PDF pages and PNG slides, JPEG for photographs and video stills).

They stay on this PC: pupils' work stays in the school. They live in their own folder
(`DATA/annotations/session-<id>/`), outside the database, the blobs and the logs, which are
all that records upload, `eduteach export`, the LAN share and the doctor's support bundle
ever read. No table: the folder per session is the index (the file name says the lesson,
the page and the play), so there is no migration and nothing to keep in step.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from eduteach_desktop.store.db import translate
from eduteach_desktop.store.fileio import FileIO
from eduteach_protocol import durable

PNG, JPEG = ".png", ".jpg"
SUFFIXES = (PNG, JPEG)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_MAX_PART = 48  # keeps DATA/annotations/<session>/<name> well inside Windows' MAX_PATH


def safe_part(text: str) -> str:
    """A name part Windows accepts whatever `text` holds: ASCII letters, digits, - and _
    only; a hash keeps two different texts apart once characters were replaced or cut.
    Callers add a prefix or suffix, so no part alone is a reserved name (CON, NUL …)."""
    clean = _UNSAFE.sub("_", text).strip("_")
    if clean == text and len(clean) <= _MAX_PART:
        return clean
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"{clean[:_MAX_PART - 11]}_{digest}" if clean else digest


def file_name(lesson_id: str, page: str, play: str, suffix: str = PNG) -> str:
    """'<lesson>--<page>--<play>.png' (or .jpg): one file per page per play of a lesson, so
    saving again during the same play replaces the page's older picture, never another
    play's."""
    if suffix not in SUFFIXES:
        raise ValueError(f"not a picture suffix: {suffix!r}")
    return f"{safe_part(lesson_id)}--{safe_part(page)}--{safe_part(play)}{suffix}"


@dataclass(frozen=True)
class SavedAnnotation:
    session_id: str
    path: Path
    lesson_id: str  # as written in the name (made safe)
    page: str


class AnnotationStore:
    def __init__(self, root: Path, fileio: FileIO):
        self.root = root
        self._fileio = fileio

    def folder(self, session_id: str) -> Path:
        return self.root / f"session-{safe_part(session_id)}"

    def save(self, session_id: str, lesson_id: str, page: str, play: str, picture: bytes,
             suffix: str = PNG) -> Path:
        """Write one picture durably (temp file, fsync, replace, fsync the folder). A full
        or read-only disk raises the typed error and leaves no partial file behind. A copy
        of the same page and play in the other format (its slide was replaced by one of
        another kind) goes once the new one is safely written."""
        folder = self.folder(session_id)
        target = folder / file_name(lesson_id, page, play, suffix)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._fileio.write_file(target, picture)
            self._fileio.fsync_dir(folder)
        except OSError as exc:
            tmp = target.with_name(target.name + durable.TEMP_SUFFIX)
            with contextlib.suppress(OSError):  # the next save of this page deletes it first
                self._fileio.delete(tmp)
            raise translate(exc) from exc
        for other in SUFFIXES:
            # The new picture is safe: an old copy that a picture viewer holds open just
            # stays until the next save of the page.
            if other != suffix:
                with contextlib.suppress(OSError):
                    self._fileio.delete(target.with_suffix(other))
        return target

    def delete(self, saved: SavedAnnotation) -> None:
        """Delete one saved picture: the teacher's choice, in class history. One that
        another program (a picture viewer) holds open raises FileBusyError and stays."""
        path = saved.path
        if path.parent != self.folder(saved.session_id) or not path.name.endswith(SUFFIXES):
            raise ValueError(f"not a saved drawing of class {saved.session_id!r}: {path}")
        try:
            self._fileio.delete(path)
        except durable.FileBusyError:
            raise
        except OSError as exc:
            raise translate(exc) from exc
        with contextlib.suppress(OSError):  # only when it was the class's last picture
            path.parent.rmdir()

    def for_session(self, session_id: str) -> list[SavedAnnotation]:
        folder = self.folder(session_id)
        try:
            paths = sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIXES) and p.is_file())
        except OSError:
            return []
        found = []
        for path in paths:
            parts = path.name[: -len(path.suffix)].split("--")
            lesson, page = (parts[0], parts[1]) if len(parts) == 3 else (path.stem, "")
            found.append(SavedAnnotation(session_id, path, lesson, page))
        return found

    def counts(self, session_ids: list[str]) -> dict[str, int]:
        return {sid: n for sid in session_ids if (n := len(self.for_session(sid)))}
