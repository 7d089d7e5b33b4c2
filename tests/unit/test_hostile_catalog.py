"""A signed but hostile catalog (a stolen or buggy publisher key): every shape is refused by
the PC with a clear problem, and nothing from it is installed.

The repositories are signed with test-only keys (tests/helpers/lessons.TestRepo); the
hostile catalogs are signed directly with RepositoryWriter, past the publisher's checks.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from tuf.api.metadata import TargetFile

from eduteach_desktop.services import Services
from eduteach_hub.publish.publisher import PublishError, publish
from eduteach_hub.publish.tuf_repo import RepositoryWriter
from eduteach_protocol.chunks import ENTRY_SIZE
from eduteach_protocol.repo_layout import CATALOG_TARGET, blob_relpath, catalog_relpath
from tests.helpers.lessons import TestRepo, pseudo_random, write_lesson
from tests.helpers.pcs import trusting_pc

MiB = 1024 * 1024


@pytest.fixture
def hub(tmp_path: Path) -> TestRepo:
    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "song-a", order=1)
    write_lesson(repo.src, "video-b", kind="video", order=2, media_bytes=pseudo_random(b"b", 3 * MiB))
    repo.publish()
    return repo


@pytest.fixture
def pc(tmp_path: Path, hub: TestRepo):
    with trusting_pc(tmp_path / "pc", hub) as services:
        assert services.sync([str(hub.repo)]).ok
        yield services


def current(hub: TestRepo) -> dict[str, Any]:
    raw = json.loads(hub.writer.current_catalog_bytes() or b"")
    raw["version"] += 1
    return raw


def sign_bytes(hub: TestRepo, body: bytes) -> None:
    hub.writer.publish_catalog(body)


def sign_target(writer: RepositoryWriter, info: TargetFile) -> None:
    """Sign targets metadata naming `info` as the catalog, whatever its hash or length."""
    targets = writer._load("targets")  # noqa: SLF001 - a test-only forger
    snapshot = writer._load("snapshot")  # noqa: SLF001
    targets.signed.targets[CATALOG_TARGET] = info
    targets.signed.version += 1
    writer._sign_and_write(targets, "targets", versioned=True, plain=False)  # noqa: SLF001
    writer._write_snapshot_and_timestamp(targets.signed.version, snapshot)  # noqa: SLF001


def assert_refused_and_nothing_installed(pc: Services, hub: TestRepo, code: str, words: str) -> None:
    blobs_before = pc.blobs.total_bytes()
    report = pc.sync([str(hub.repo)])
    assert not report.ok
    assert [p.code for p in report.problems] == [code], report.problems
    assert report.problems[0].kind == "refused"
    assert words in report.problems[0].message, report.problems[0].message
    assert report.problems[0].source == str(hub.repo)
    assert pc.library.active_version() == 1
    assert pc.library.pending_catalog() is None
    assert pc.blobs.total_bytes() == blobs_before
    assert {ls.id for ls in pc.library.installed_lessons()} == {"song-a", "video-b"}


def test_a_catalog_nested_100000_deep(hub: TestRepo, pc: Services):
    raw = current(hub)
    body = json.dumps(raw, ensure_ascii=False).encode()
    sign_bytes(hub, body[:-1] + b',"extra":' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    assert_refused_and_nothing_installed(pc, hub, "catalog_refused", "levels deep")


def test_a_file_hash_that_is_a_path(hub: TestRepo, pc: Services):
    raw = current(hub)
    raw["lessons"][0]["files"][0]["sha256"] = "../../../../../../tmp/" + "0" * 42
    sign_bytes(hub, json.dumps(raw).encode())
    assert_refused_and_nothing_installed(pc, hub, "catalog_refused", "sha256 must be 64 lowercase hex digits")


def test_a_catalog_target_hash_that_is_a_path(hub: TestRepo, pc: Services, tmp_path: Path):
    body = json.dumps(current(hub)).encode()
    evil = "../../../../" + str(tmp_path / "planted")
    sign_target(hub.writer, TargetFile(len(body), {"sha256": evil}, CATALOG_TARGET))
    assert_refused_and_nothing_installed(pc, hub, "catalog_refused", "hash is not a SHA-256")


def test_a_catalog_target_declared_at_a_terabyte(hub: TestRepo, pc: Services):
    body = json.dumps(current(hub)).encode()
    sha = hashlib.sha256(body).hexdigest()
    (hub.repo / catalog_relpath(sha)).write_bytes(body)
    sign_target(hub.writer, TargetFile(10**12, {"sha256": sha}, CATALOG_TARGET))
    assert_refused_and_nothing_installed(pc, hub, "catalog_refused", "1000000000000 bytes")


def test_a_file_declared_at_a_terabyte(hub: TestRepo, pc: Services):
    raw = current(hub)
    raw["lessons"][1]["files"][0]["size"] = 10**12
    sign_bytes(hub, json.dumps(raw).encode())
    assert_refused_and_nothing_installed(pc, hub, "catalog_refused", "size is 1000000000000")


@pytest.mark.parametrize(
    "title, words",
    [("\x1b]0;pwned\x07\x1b[2J", "U+001B"), ("课程\u202egpj.exe", "U+202E"), ("A" * 10_000_000, "at most 200")],
    ids=["terminal-escapes", "rtl-override", "ten-megabytes"],
)
def test_hostile_titles(hub: TestRepo, pc: Services, title: str, words: str):
    raw = current(hub)
    raw["lessons"][0]["title"] = title
    sign_bytes(hub, json.dumps(raw).encode())
    assert_refused_and_nothing_installed(pc, hub, "catalog_refused", words)


def test_an_index_of_a_hundred_thousand_entries_is_refused_before_it_is_installed(hub: TestRepo, pc: Services):
    raw = current(hub)
    video = raw["lessons"][1]["files"][0]
    hostile = bytes(range(ENTRY_SIZE)) * 100_000  # 3.6 MB: the 3 MiB file has at most 13 chunks
    index_sha = hashlib.sha256(hostile).hexdigest()
    (hub.repo / blob_relpath(index_sha)).parent.mkdir(parents=True, exist_ok=True)
    (hub.repo / blob_relpath(index_sha)).write_bytes(hostile)
    new_media = pseudo_random(b"new", video["size"])
    video["sha256"] = hashlib.sha256(new_media).hexdigest()
    video["index"] = index_sha
    sign_bytes(hub, json.dumps(raw).encode())

    report = pc.sync([str(hub.repo)])

    assert not report.ok
    assert [p.code for p in report.problems] == ["too_large"], report.problems
    assert not pc.blobs.has(index_sha) and not pc.blobs.has(video["sha256"])
    assert pc.library.active_version() == 1  # the new catalog waits, the old one plays
    assert {ls.id for ls in pc.library.installed_lessons()} == {"song-a", "video-b"}


def test_publish_refuses_an_over_limit_lesson_with_a_clear_message(tmp_path: Path):
    repo = TestRepo(tmp_path / "hub2")
    write_lesson(repo.src, "song-a", title="长" * 201)
    write_lesson(repo.src, "song-b", order=2, title="abc\\u202egpj")  # a TOML escape
    write_lesson(repo.src, "song-c", order=3, unit=1000)
    write_lesson(repo.src, "song-d", order=4)  # a good one: still nothing is published
    with pytest.raises(PublishError) as info:
        publish(repo.src, repo.writer)
    messages = sorted(str(e) for e in info.value.errors)
    assert len(messages) == 3, messages
    # Each line names the lesson file, the field and the limit it breaks.
    assert "song-a/lesson.toml" in messages[0] and "title" in messages[0] and "201" in messages[0]
    assert "200" in messages[0]
    assert "song-b/lesson.toml" in messages[1] and "U+202E" in messages[1]
    assert "song-c/lesson.toml" in messages[2] and "unit" in messages[2] and "999" in messages[2]
    assert repo.writer.current_catalog_bytes() is None  # nothing was signed


def test_declared_sizes_beyond_free_space_stop_before_any_byte_moves(hub: TestRepo, pc: Services):
    from eduteach_desktop.store.blobs import free_bytes
    from eduteach_desktop.sync.engine import SyncEngine
    from eduteach_desktop.sync.sources import FolderSource

    raw = current(hub)
    for i, lesson in enumerate(raw["lessons"]):  # each at the largest size a file may declare
        lesson["files"][0].update(size=4 * 1024**3 - 1, sha256=f"{i:064x}", index=f"{i + 9:064x}")
    sign_bytes(hub, json.dumps(raw).encode())
    engine = SyncEngine([FolderSource(hub.repo)], pc.library, pc.blobs, pc.trust, pc.clock,
                        reserve_bytes=max(0, free_bytes(pc.blobs.root) - 4 * 1024**3))

    report = engine.run()

    assert [p.code for p in report.problems] == ["disk_full"], report.problems
    message = report.problems[0].message
    assert "the lessons to fetch need 8.0 GB but only" in message and "free some space" in message
    assert report.blobs_fetched == 0 and pc.library.active_version() == 1


def test_a_catalog_published_before_the_limits_is_replaced_by_a_full_publish(hub: TestRepo):
    raw = current(hub)
    raw["lessons"][0]["title"] = "长" * 250  # what an older publisher let through
    sign_bytes(hub, json.dumps(raw, ensure_ascii=False).encode())

    with pytest.raises(PublishError) as info:
        publish(hub.src, hub.writer, replace_all=False)
    assert "breaks the current limits" in str(info.value) and "without --keep-missing" in str(info.value)

    result = publish(hub.src, hub.writer)
    assert result.changed and result.catalog_version == raw["version"] + 1
    assert all(len(ls["title"]) <= 200 for ls in json.loads(hub.writer.current_catalog_bytes() or b"")["lessons"])
