"""Write lesson folders into SOURCES_DIR so that each appears complete or not at all.

A lesson is built in CACHE/staging/new-ID, then renamed to SOURCES_DIR/ID (the old folder,
if any, is first moved aside to CACHE/staging/old-ID and removed after). Staging lives in the
cache, one level deeper than `publish` looks, so a half-built folder is never published. A
run that was killed is repaired by `recover()` at the start of the next one.

SOURCES_DIR/.eduteach-import.json remembers what the importer wrote (lesson.toml hash and
each file's size, mtime and hash), so an unchanged lesson is not rewritten: re-importing
an unchanged library touches nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import durable

MANIFEST = ".eduteach-import.json"


class SourceChanged(Exception):
    """A prepared file no longer has the bytes recorded when it was made (a damaged cache or
    a file changed mid-import): its lesson is not written."""

    def __init__(self, name: str, source: Path):
        super().__init__(name)
        self.name = name
        self.source = source


@dataclass(frozen=True)
class OutFile:
    name: str
    source: Path
    sha256: str


class LessonWriter:
    def __init__(self, out: Path, staging: Path):
        self.out = out
        self.staging = staging
        self.manifest_path = out / MANIFEST
        try:
            self.manifest: dict[str, Any] = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.manifest = {}
        self.written = 0
        self.unchanged = 0
        self.removed: list[str] = []

    def recover(self) -> None:
        for item in self.staging.iterdir():
            if item.name.startswith("old-"):
                lesson = self.out / item.name.removeprefix("old-")
                if not lesson.exists():
                    durable.move(item, lesson)  # killed between the two renames
                    continue
            shutil.rmtree(item, ignore_errors=True)

    def previous_ids(self) -> set[str]:
        return set(self.manifest)

    def is_foreign(self, lesson_id: str, mark: str) -> bool:
        """A folder with this id exists and was not written by the importer (by hand)."""
        toml = self.out / lesson_id / "lesson.toml"
        if lesson_id in self.manifest or not (self.out / lesson_id).exists():
            return False
        try:
            with open(toml, encoding="utf-8", errors="replace") as fh:
                return fh.read(len(mark)) != mark
        except OSError:
            return True

    def _unchanged(self, lesson_id: str, toml_sha: str, files: list[OutFile]) -> bool:
        rec = self.manifest.get(lesson_id)
        folder = self.out / lesson_id
        if not rec or rec.get("toml") != toml_sha or not (folder / "lesson.toml").is_file():
            return False
        want = {f.name: f.sha256 for f in files}
        have: dict[str, list[Any]] = rec.get("files", {})
        if set(have) != set(want):
            return False
        for name, (size, mtime_ns, sha) in have.items():
            try:
                st = (folder / name).stat()
            except OSError:
                return False
            if sha != want[name] or st.st_size != size or st.st_mtime_ns != mtime_ns:
                return False
        toml = (folder / "lesson.toml").read_bytes()
        return hashlib.sha256(toml).hexdigest() == toml_sha

    def write(self, lesson_id: str, toml_text: str, files: list[OutFile]) -> bool:
        """Install one lesson folder; False when it was already exactly so."""
        toml = toml_text.encode("utf-8")
        toml_sha = hashlib.sha256(toml).hexdigest()
        if self._unchanged(lesson_id, toml_sha, files):
            self.unchanged += 1
            return False
        new = self.staging / f"new-{lesson_id}"
        if new.exists():
            shutil.rmtree(new)
        new.mkdir()
        stamps: dict[str, list[Any]] = {}
        for f in files:
            if durable.copy_file(f.source, new / f.name) != f.sha256:
                shutil.rmtree(new)
                raise SourceChanged(f.name, f.source)
        (new / "lesson.toml").write_bytes(toml)
        durable.fsync_file(new / "lesson.toml")
        durable.fsync_dir(new)
        final = self.out / lesson_id
        if final.exists():
            old = self.staging / f"old-{lesson_id}"
            durable.move(final, old)
            durable.move(new, final)
            shutil.rmtree(old)
        else:
            durable.move(new, final)
        for f in files:
            st = (final / f.name).stat()
            stamps[f.name] = [st.st_size, st.st_mtime_ns, f.sha256]
        self.manifest[lesson_id] = {"toml": toml_sha, "files": stamps}
        self.written += 1
        return True

    def remove(self, lesson_id: str) -> None:
        """Withdraw a lesson this importer wrote before and no longer produces."""
        folder = self.out / lesson_id
        if folder.is_dir():
            old = self.staging / f"gone-{lesson_id}"
            durable.move(folder, old)
            shutil.rmtree(old)
        self.manifest.pop(lesson_id, None)
        self.removed.append(lesson_id)

    def save(self) -> None:
        data = json.dumps(self.manifest, ensure_ascii=False, sort_keys=True, indent=0).encode("utf-8")
        durable.write_bytes(self.manifest_path, data)
