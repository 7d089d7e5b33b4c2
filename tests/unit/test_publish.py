"""Publishing lesson sources: validation names file and field, and leaves the repo as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from eduteach_hub.publish.publisher import PublishError
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.chunks import parse_index
from tests.helpers.lessons import TestRepo, write_lesson

# The hub's repository writes go through the same layer: Windows' rules apply here too.
pytestmark = pytest.mark.windows_semantics


def tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture
def repo(tmp_path: Path) -> TestRepo:
    r = TestRepo(tmp_path / "hub")
    write_lesson(r.src, "song-a")
    r.publish()
    return r


def test_publishing_twice_changes_nothing(repo: TestRepo):
    before = tree_digest(repo.repo)
    result = repo.publish()
    assert not result.changed
    assert tree_digest(repo.repo) == before


@pytest.mark.parametrize(
    ("mutation", "field"),
    [
        (lambda t: t.replace('grade = 1', 'grade = 7'), "grade"),
        (lambda t: t.replace('subject = "music"', 'subject = "dance"'), "subject"),
        (lambda t: t.replace('volume = "上册"', 'volume = "中册"'), "volume"),
        (lambda t: t.replace('kind = "audio"', 'kind = "hologram"'), "kind"),
        (lambda t: t.replace('duration = 4.0', 'duration = "long"'), "duration"),
        (lambda t: t.replace('title = ', 'titel = '), "titel"),
        (lambda t: "\n".join(ln for ln in t.splitlines() if not ln.startswith("edition")), "edition"),
        (lambda t: t.replace('media = ["main.ogg"]', 'media = ["missing.ogg"]'), "media"),
        (lambda t: t.replace('media = ["main.ogg"]', 'media = ["../../etc/passwd.ogg"]'), "media"),
        (lambda t: t + "\n[[broken", "-"),
    ],
)
def test_invalid_source_fails_with_file_and_field_and_repo_unchanged(repo: TestRepo, mutation, field):
    folder = write_lesson(repo.src, "song-b", order=2)
    toml = folder / "lesson.toml"
    toml.write_text(mutation(toml.read_text(encoding="utf-8")), encoding="utf-8")
    before = tree_digest(repo.repo)
    with pytest.raises(PublishError) as err:
        repo.publish()
    assert len(err.value.errors) == 1
    e = err.value.errors[0]
    assert e.path == toml
    assert e.field == field
    assert str(toml) in str(err.value)
    assert tree_digest(repo.repo) == before


def test_duplicate_lesson_ids_are_reported(repo: TestRepo):
    folder = write_lesson(repo.src, "song-b")
    toml = folder / "lesson.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('id = "song-b"', 'id = "song-a"'), encoding="utf-8")
    with pytest.raises(PublishError, match="also used by"):
        repo.publish()


def test_catalog_lists_every_field_and_chunk_index_for_big_files(repo: TestRepo):
    big = b"".join(hashlib.sha256(i.to_bytes(4, "big")).digest() for i in range(5 * 32768))  # 5 MiB
    write_lesson(repo.src, "big-video", kind="video", media_bytes=big, subject="英语", grade=3)
    result = repo.publish()
    assert result.changed and result.added == ["big-video"]
    catalog = Catalog.from_bytes(repo.writer.current_catalog_bytes())
    lesson = catalog.by_id()["big-video"]
    assert lesson.subject == "english" and lesson.grade == 3 and lesson.kind == "video"
    media = lesson.first_file("media")
    assert media.size == len(big)
    assert media.sha256 == hashlib.sha256(big).hexdigest()
    index = (repo.repo / "blobs" / media.index[:2] / media.index).read_bytes()
    chunks = parse_index(index, len(big))
    assert len(chunks) >= 2  # content-defined: sizes vary, between 256 KiB and 4 MiB
    assert all(256 * 1024 <= c.size <= 4 * 1024 * 1024 for c in chunks[:-1])
    for c in chunks:
        assert hashlib.sha256(big[c.offset : c.end]).digest() == c.digest
    song = catalog.by_id()["song-a"]
    assert {f.role for f in song.files} == {"media", "lyrics"}
    assert song.first_file("media").index is None  # one chunk: the file hash is the chunk hash


def test_content_defined_chunks_survive_a_trim_at_the_front(repo: TestRepo):
    data = b"".join(hashlib.sha256(i.to_bytes(4, "big")).digest() for i in range(8 * 32768))  # 8 MiB
    write_lesson(repo.src, "clip", kind="video", media_bytes=data)
    repo.publish()
    first = Catalog.from_bytes(repo.writer.current_catalog_bytes()).by_id()["clip"].first_file("media")
    write_lesson(repo.src, "clip", kind="video", media_bytes=data[300_000:])  # 3 s cut off the start
    repo.publish()
    second = Catalog.from_bytes(repo.writer.current_catalog_bytes()).by_id()["clip"].first_file("media")

    def digests(f):
        return {c.digest for c in parse_index((repo.repo / "blobs" / f.index[:2] / f.index).read_bytes(), f.size)}

    shared = digests(first) & digests(second)
    assert len(shared) >= len(digests(second)) - 2  # fixed chunks would share none
