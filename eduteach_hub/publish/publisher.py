"""Publish a folder of lesson sources into the signed repository, idempotently."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from eduteach_protocol import limits as catalog_limits
from eduteach_protocol import safefs
from eduteach_protocol.catalog import Catalog, CatalogError, LessonFile, lesson_from_dict
from eduteach_protocol.chunks import MAX_CHUNK, SINGLE_CHUNK_MAX, sha256_hex
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.repo_layout import blob_relpath

from .alignment import Prober, alignment_errors
from .chunking import hash_file
from .hash_cache import HashCache
from .sources import (
    DEFAULT_LIMITS,
    NOTES_FILE_NAME,
    LessonSource,
    SourceError,
    SourceFile,
    SourceLimits,
    read_sources,
)
from .tuf_repo import RepositoryWriter

log = logging.getLogger("eduteach_hub.publish")


class PublishError(Exception):
    def __init__(self, errors: list[SourceError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class PublishResult:
    changed: bool
    catalog_version: int
    lessons: int
    blobs_written: int = 0
    bytes_written: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    files_hashed: int = 0
    bytes_hashed: int = 0


def _store_blob(repo_dir: Path, sha: str, src: SourceFile | None, data: bytes | None) -> int:
    dest = repo_dir / blob_relpath(sha)
    # The hub's own repository is trusted as laid out (blobs/ may be a link to a bigger
    # disk); safefs only makes the write itself atomic, durable and link-proof.
    dest.parent.mkdir(parents=True, exist_ok=True)
    if data is not None:
        if dest.is_file() and dest.stat().st_size == len(data):
            return 0
        return safefs.write_file(dest.parent, dest.name, data)
    assert src is not None
    # Read again through safefs (the same checks as validation), and only keep the copy
    # if it is still the file that was hashed.
    with src.open() as fh:
        size = os.fstat(fh.fileno()).st_size
        if dest.is_file() and dest.stat().st_size == size:
            return 0
        hasher = hashlib.sha256()

        def blocks() -> Iterator[bytes]:
            remaining = size
            while remaining > 0:
                block = fh.read(min(1024 * 1024, remaining))
                if not block:
                    break
                remaining -= len(block)
                hasher.update(block)
                yield block

        def same_as_hashed() -> None:
            if hasher.hexdigest() != sha:
                raise PublishError([SourceError(
                    src.toml_path, src.role,
                    L_("{name!r} changed while it was being published; run publish again", name=src.name))])

        return safefs.write_file(dest.parent, dest.name, blocks(), before_rename=same_as_hashed)


def _limit_errors(source_dir: Path, sources: list[LessonSource]) -> list[SourceError]:
    """The catalog limits a school PC applies (eduteach_protocol.limits), checked before
    any file is hashed: sizes from the file system, hashes not needed yet."""
    if len(sources) > catalog_limits.MAX_LESSONS:
        return [SourceError(source_dir, "lessons",
                            L_("{n} lessons (a catalog holds at most {limit})", n=len(sources),
                               limit=catalog_limits.MAX_LESSONS))]
    errors = []
    placeholder = "0" * 64
    for src in sources:
        raw = dict(src.fields)
        sizes = [sf.path.lstat().st_size for sf in src.files]
        raw["files"] = [
            _file_entry(sf.role, sf.name, placeholder, size, placeholder if size > SINGLE_CHUNK_MAX else None, sf.track)
            for sf, size in zip(src.files, sizes, strict=True)
        ]
        if src.notes is not None:
            raw["files"].append(_file_entry("notes", NOTES_FILE_NAME, placeholder, len(src.notes.to_bytes()), None, None))
        try:
            lesson_from_dict(raw, "lesson")
        except CatalogError as exc:
            errors.append(_limit_error(src.folder, exc))
    return errors


def _file_entry(role: str, name: str, sha: str, size: int, index: str | None, track: str | None) -> dict[str, object]:
    entry: dict[str, object] = {"role": role, "name": name, "sha256": sha, "size": size, "index": index}
    if track is not None:
        entry["track"] = track
    return entry


def _previous_catalog(source_dir: Path, data: bytes | None, replace_all: bool) -> Catalog | None:
    """The catalog published last. One published before today's limits may break them:
    a full publish replaces it (its lessons count as new); adding to it cannot."""
    if not data:
        return None
    try:
        return Catalog.from_bytes(data)
    except CatalogError as exc:
        if not replace_all:
            raise PublishError([SourceError(source_dir, "catalog", L_(
                "the published catalog breaks the current limits ({problem}); publish the whole folder "
                "(without --keep-missing) to replace it", problem=exc))]) from None
        version = json.loads(data).get("version")
        return Catalog(version=version if isinstance(version, int) else 0, published="", lessons=())


def _limit_error(folder: Path, exc: CatalogError) -> SourceError:
    return SourceError(folder / "lesson.toml", "limits", L_("{problem}; a school PC would refuse it", problem=exc))


def publish(
    source_dir: Path, writer: RepositoryWriter, replace_all: bool = True, cache: HashCache | None = None,
    limits: SourceLimits = DEFAULT_LIMITS, prober: Prober | None = None,
) -> PublishResult:
    """Validate every lesson first; only when all are valid touch the repository.

    replace_all: the source folder is the whole offer (lessons missing from it are
    withdrawn). With False, lessons are added or updated and the rest kept.
    cache: reuse the hashes of files whose stat is unchanged (publish/hash_cache.py).
    limits: size caps per source file role (sources.SourceLimits, docs/hub.md).
    prober: seconds of a media file, to check that a lesson's tracks line up (default ffprobe).
    """
    cache = cache or HashCache(None, hash_file)
    sources, errors = read_sources(source_dir, limits)
    errors += _limit_errors(source_dir, sources)
    if errors:
        raise PublishError(errors)
    previous = _previous_catalog(source_dir, writer.current_catalog_bytes(), replace_all)
    prev_lessons = previous.by_id() if previous else {}

    # Hash everything before writing anything: a read error leaves the repo untouched.
    # (file, its source, bytes): bytes is the chunk index of a source file, or the whole
    # content of a file built here (the notes), which has no source.
    hashed: list[tuple[LessonSource, list[tuple[LessonFile, SourceFile | None, bytes | None]]]] = []
    found = iter(cache.hash_many([sf.path for src in sources for sf in src.files]))
    for src in sources:
        entries: list[tuple[LessonFile, SourceFile | None, bytes | None]] = []
        for sf in src.files:
            hashes = next(found)
            sha, size, index_blob = hashes.sha256, hashes.size, hashes.index
            lf = LessonFile(
                role=sf.role,
                name=sf.name,
                sha256=sha,
                size=size,
                index=sha256_hex(index_blob) if index_blob is not None else None,
                track=sf.track,
            )
            entries.append((lf, sf, index_blob))
        if src.notes is not None:
            # Built here, not read from the folder: stored from its bytes like a chunk index.
            data = src.notes.to_bytes()
            entries.append((LessonFile(role="notes", name=NOTES_FILE_NAME, sha256=sha256_hex(data), size=len(data)),
                            None, data))
        hashed.append((src, entries))
    sha_of = {source.path: lf.sha256 for _, entries in hashed for lf, source, _ in entries if source is not None}
    misaligned = alignment_errors(sources, prober, known=lambda path: cache.duration(sha_of[path]),
                                  remember=lambda path, seconds: cache.remember_duration(sha_of[path], seconds))
    try:
        cache.save()
    except OSError as exc:  # only an optimisation: the next publish hashes again
        log.warning("could not save the publish hash cache: %s", exc)
    if misaligned:
        raise PublishError(misaligned)

    lessons = {}
    for src, entries in hashed:
        raw = dict(src.fields)
        raw["files"] = [_file_entry(lf.role, lf.name, lf.sha256, lf.size, lf.index, lf.track) for lf, _, _ in entries]
        try:
            lessons[src.id] = lesson_from_dict(raw, "lesson")
        except CatalogError as exc:  # a file changed since the check above
            raise PublishError([_limit_error(src.folder, exc)]) from None
    if not replace_all:
        for lid, lesson in prev_lessons.items():
            lessons.setdefault(lid, lesson)

    ordered = tuple(
        sorted(lessons.values(), key=lambda x: (x.grade, x.subject, x.edition, x.volume, x.unit, x.order, x.id))
    )
    result = PublishResult(
        changed=False,
        catalog_version=previous.version if previous else 0,
        lessons=len(ordered),
        added=sorted(set(lessons) - set(prev_lessons)),
        removed=sorted(set(prev_lessons) - set(lessons)),
        updated=sorted(lid for lid in set(lessons) & set(prev_lessons) if lessons[lid] != prev_lessons[lid]),
    )
    result.files_hashed, result.bytes_hashed = cache.stats.files_hashed, cache.stats.bytes_hashed
    if previous and tuple(previous.lessons) == ordered:
        return result

    for _, entries in hashed:
        for lf, source, index_blob in entries:
            if source is None:  # built here: index_blob is the file itself
                written = _store_blob(writer.repo_dir, lf.sha256, None, index_blob)
                if written:
                    result.blobs_written += 1
                    result.bytes_written += written
                continue
            written = _store_blob(writer.repo_dir, lf.sha256, source, None)
            if index_blob is not None and lf.index:
                written += _store_blob(writer.repo_dir, lf.index, None, index_blob)
            if written:
                result.blobs_written += 1
                result.bytes_written += written

    catalog = Catalog(
        version=(previous.version + 1) if previous else 1,
        published=datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        lessons=ordered,
        max_chunk_size=MAX_CHUNK,
    )
    try:
        catalog.check_limits()  # the PCs' own check: nothing signed here is refused there
    except CatalogError as exc:
        raise PublishError([SourceError(source_dir, "catalog", L_("{problem}; a school PC would refuse it", problem=exc))]) from None
    writer.publish_catalog(catalog.to_bytes())
    result.changed = True
    result.catalog_version = catalog.version
    return result
