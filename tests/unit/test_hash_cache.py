"""Incremental publishing: the hash cache reuses a file's hashes only while its stat proves
it unchanged, never inside the racy window, and a broken cache is rebuilt."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

import pytest

from eduteach_hub.publish.chunking import hash_file
from eduteach_hub.publish.hash_cache import CACHE_NAME, RACY_WINDOW_NS, HashCache
from eduteach_hub.publish.publisher import publish
from eduteach_protocol.catalog import Catalog
from tests.helpers.lessons import TestRepo, pseudo_random, write_lesson

HOUR_NS = 3600 * 10**9


class CountingHasher:
    """The publisher's hasher, counting every byte it reads from a media file."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.bytes_read = 0
        self._lock = threading.Lock()  # the cache hashes on a few threads

    def __call__(self, path: Path) -> tuple[str, int, bytes | None]:
        with self._lock:
            self.paths.append(path)
            self.bytes_read += path.stat().st_size
        return hash_file(path)


def _age(folder: Path, seconds: int = 3600) -> None:
    """Move every file's mtime into the past, out of the racy window (as a library that was
    copied in yesterday)."""
    for p in folder.rglob("*"):
        if p.is_file():
            st = p.stat()
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


def _publish(r: TestRepo, hasher: CountingHasher, clock_ns=None):  # noqa: ANN001, ANN202
    cache = HashCache(r.base / CACHE_NAME, hasher, **({"clock_ns": clock_ns} if clock_ns else {}))
    return publish(r.src, r.writer, cache=cache), cache


@pytest.fixture
def lib(tmp_path: Path) -> TestRepo:
    r = TestRepo(tmp_path / "hub")
    for i in range(4):
        write_lesson(r.src, f"song-{i}", order=i + 1)
    write_lesson(r.src, "big-video", kind="video", subject="英语", grade=3,
                 media_bytes=pseudo_random(b"v", 3 * 1024 * 1024))
    _age(r.src)
    return r


def test_republishing_reads_no_media_bytes(lib: TestRepo) -> None:
    first = CountingHasher()
    result, cache = _publish(lib, first)
    assert result.changed and first.bytes_read > 3 * 1024 * 1024
    assert cache.stats.files_hashed == len(first.paths) == 9  # 5 media + 4 lyrics

    again = CountingHasher()
    result2, cache2 = _publish(lib, again)
    assert not result2.changed
    assert again.paths == [] and again.bytes_read == 0
    assert cache2.stats.hits == 9 and result2.bytes_hashed == 0

    # The catalog made from cached hashes is the one made from the bytes.
    fresh = TestRepo(lib.base.parent / "fresh")
    fresh.src.rmdir()
    fresh.src.symlink_to(lib.src)
    publish(fresh.src, fresh.writer)
    ours = Catalog.from_bytes(lib.writer.current_catalog_bytes() or b"")
    theirs = Catalog.from_bytes(fresh.writer.current_catalog_bytes() or b"")
    assert ours.lessons == theirs.lessons


def test_only_the_new_file_is_hashed(lib: TestRepo) -> None:
    _publish(lib, CountingHasher())
    write_lesson(lib.src, "song-new", order=9)
    hasher = CountingHasher()
    result, _ = _publish(lib, hasher)
    assert result.added == ["song-new"]
    assert sorted(p.parent.name for p in hasher.paths) == ["song-new", "song-new"]


def test_same_size_and_restored_mtime_inside_racy_window_is_rehashed(lib: TestRepo) -> None:
    """The file is hashed, then rewritten within the same timestamp tick with the same size,
    and its mtime put back (touch -d): nothing in size or mtime tells. The entry was made
    inside the racy window, so it is not trusted."""
    media = lib.src / "song-0" / "main.ogg"
    st = media.stat()
    # The cache's clock says the file was hashed 1 ms after its mtime: racy.
    hashed, _ = _publish(lib, CountingHasher(), clock_ns=lambda: st.st_mtime_ns + 1_000_000)
    old_sha = next(ls for ls in Catalog.from_bytes(lib.writer.current_catalog_bytes() or b"").lessons
                   if ls.id == "song-0").files[0].sha256
    changed = bytearray(media.read_bytes())
    changed[0] ^= 0xFF
    media.write_bytes(bytes(changed))
    os.utime(media, ns=(st.st_atime_ns, st.st_mtime_ns))  # touch -d: mtime restored
    assert media.stat().st_size == st.st_size and media.stat().st_mtime_ns == st.st_mtime_ns

    hasher = CountingHasher()
    result, cache = _publish(lib, hasher)
    assert media in hasher.paths
    assert result.updated == ["song-0"]
    new_sha = next(ls for ls in Catalog.from_bytes(lib.writer.current_catalog_bytes() or b"").lessons
                   if ls.id == "song-0").files[0].sha256
    assert new_sha == hashlib.sha256(bytes(changed)).hexdigest() != old_sha
    assert hashed.changed


def test_racy_rule_alone(tmp_path: Path) -> None:
    """Same stat in every field (ctime too): an entry hashed inside the window is re-hashed
    once, an entry hashed well after the file's mtime is used."""
    f = tmp_path / "a.bin"
    f.write_bytes(b"x" * 100)
    mtime = f.stat().st_mtime_ns
    cache_path = tmp_path / CACHE_NAME
    for hashed_at, expect_read in ((mtime + RACY_WINDOW_NS // 2, True), (mtime + HOUR_NS, False)):
        first = HashCache(cache_path, CountingHasher(), clock_ns=lambda t=hashed_at: t)
        first.hash(f)
        first.save()
        hasher = CountingHasher()
        second = HashCache(cache_path, hasher, clock_ns=lambda: mtime + 2 * HOUR_NS)
        second.hash(f)
        assert (hasher.paths == [f]) is expect_read
        assert second.stats.racy == (1 if expect_read else 0)


def test_replaced_file_with_same_size_and_mtime_is_rehashed(lib: TestRepo) -> None:
    _publish(lib, CountingHasher())
    media = lib.src / "song-1" / "main.ogg"
    st = media.stat()
    replacement = media.with_name("incoming.tmp")
    replacement.write_bytes(os.urandom(st.st_size))
    os.utime(replacement, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(replacement, media)  # a new inode under the old name, same size and mtime
    assert media.stat().st_ino != st.st_ino
    hasher = CountingHasher()
    result, _ = _publish(lib, hasher)
    assert hasher.paths == [media]
    assert result.updated == ["song-1"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"\x00garbage{"),
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        lambda p: p.write_text(json.dumps({"format": "something-else", "version": 1, "entries": {}}), encoding="utf-8"),
        # Entries that lie: a wrong hash shape, a chunk index that does not fit the size.
        lambda p: p.write_text(json.dumps(_edit_entries(p, sha256="zz")), encoding="utf-8"),
        lambda p: p.write_text(json.dumps(_edit_entries(p, index="AAAA", size=5)), encoding="utf-8"),
    ],
)
def test_corrupt_cache_is_ignored_and_rebuilt(lib: TestRepo, damage) -> None:  # noqa: ANN001
    _publish(lib, CountingHasher())
    before = lib.writer.current_catalog_bytes()
    damage(lib.base / CACHE_NAME)
    hasher = CountingHasher()
    result, cache = _publish(lib, hasher)
    assert not result.changed and lib.writer.current_catalog_bytes() == before
    assert hasher.bytes_read > 0  # hashed again rather than trusted
    # ... and the cache is whole again: the next run reads nothing.
    third = CountingHasher()
    _publish(lib, third)
    assert third.bytes_read == 0


def _edit_entries(p: Path, **changes: object) -> dict:
    doc = json.loads(p.read_text(encoding="utf-8"))
    for entry in doc["entries"].values():
        entry.update(changes)
    return doc


def test_a_cache_that_cannot_be_saved_does_not_fail_the_publish(lib: TestRepo) -> None:
    (lib.base / CACHE_NAME).mkdir()  # a folder where the file should be: the rename fails
    result, cache = _publish(lib, CountingHasher())
    assert result.changed and result.catalog_version == 1


def test_a_read_error_fails_the_publish_and_leaves_the_repo(lib: TestRepo) -> None:
    """One unreadable file among many hashed in parallel: the publish fails (nothing is
    signed), and the files hashed meanwhile are not half-remembered."""
    _publish(lib, CountingHasher())
    before = lib.writer.current_catalog_bytes()
    for i in range(4):
        (lib.src / f"song-{i}" / "main.ogg").write_bytes(os.urandom(3000))

    class Failing(CountingHasher):
        def __call__(self, path: Path) -> tuple[str, int, bytes | None]:
            if path.parent.name == "song-2":
                raise PermissionError(13, "Permission denied", str(path))
            return super().__call__(path)

    with pytest.raises(PermissionError):
        _publish(lib, Failing())
    assert lib.writer.current_catalog_bytes() == before
    result, _ = _publish(lib, CountingHasher())
    assert sorted(result.updated) == ["song-0", "song-1", "song-2", "song-3"]


@pytest.mark.windows_semantics
def test_the_cache_is_saved_and_used_under_windows_file_rules(lib: TestRepo) -> None:
    """Publishing on a Windows hub: the cache is replaced through the filesystem layer
    (a scanner holding the new file is waited for), and the second publish reads nothing."""
    _publish(lib, CountingHasher())
    again = CountingHasher()
    result, cache = _publish(lib, again)
    assert not result.changed and again.bytes_read == 0 and cache.stats.hits == 9
