"""Publish a folder of lesson sources into the signed repository, idempotently."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from eduteach_protocol import durable
from eduteach_protocol.catalog import Catalog, LessonFile, lesson_from_dict
from eduteach_protocol.chunks import MAX_CHUNK, sha256_hex
from eduteach_protocol.repo_layout import blob_relpath

from .chunking import hash_file
from .hash_cache import HashCache
from .sources import LessonSource, SourceError, read_sources
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


def _store_blob(repo_dir: Path, sha: str, src: Path | None, data: bytes | None) -> int:
    dest = repo_dir / blob_relpath(sha)
    if dest.is_file() and dest.stat().st_size == (len(data) if data is not None else src.stat().st_size):  # type: ignore[union-attr]
        return 0
    if data is not None:
        durable.write_atomic(dest, data)
    else:
        assert src is not None
        durable.copy_atomic(src, dest)
    return dest.stat().st_size


def publish(
    source_dir: Path, writer: RepositoryWriter, replace_all: bool = True, cache: HashCache | None = None
) -> PublishResult:
    """Validate every lesson first; only when all are valid touch the repository.

    replace_all: the source folder is the whole offer (lessons missing from it are
    withdrawn). With False, lessons are added or updated and the rest kept.
    cache: reuse the hashes of files whose stat is unchanged (publish/hash_cache.py).
    """
    cache = cache or HashCache(None, hash_file)
    sources, errors = read_sources(source_dir)
    if errors:
        raise PublishError(errors)
    previous_bytes = writer.current_catalog_bytes()
    previous = Catalog.from_bytes(previous_bytes) if previous_bytes else None
    prev_lessons = previous.by_id() if previous else {}

    # Hash everything before writing anything: a read error leaves the repo untouched.
    hashed: list[tuple[LessonSource, list[tuple[LessonFile, Path, bytes | None]]]] = []
    found = iter(cache.hash_many([sf.path for src in sources for sf in src.files]))
    for src in sources:
        entries = []
        for sf in src.files:
            hashes = next(found)
            sha, size, index_blob = hashes.sha256, hashes.size, hashes.index
            lf = LessonFile(
                role=sf.role,
                name=sf.name,
                sha256=sha,
                size=size,
                index=sha256_hex(index_blob) if index_blob is not None else None,
            )
            entries.append((lf, sf.path, index_blob))
        hashed.append((src, entries))
    try:
        cache.save()
    except OSError as exc:  # only an optimisation: the next publish hashes again
        log.warning("could not save the publish hash cache: %s", exc)

    lessons = {}
    for src, entries in hashed:
        raw = dict(src.fields)
        raw["files"] = [
            {"role": lf.role, "name": lf.name, "sha256": lf.sha256, "size": lf.size, "index": lf.index}
            for lf, _, _ in entries
        ]
        lessons[src.id] = lesson_from_dict(raw, str(src.folder / "lesson.toml"))
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
        for lf, path, index_blob in entries:
            written = _store_blob(writer.repo_dir, lf.sha256, path, None)
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
    writer.publish_catalog(catalog.to_bytes())
    result.changed = True
    result.catalog_version = catalog.version
    return result
