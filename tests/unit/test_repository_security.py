"""Tamper, rollback, wrong-key, freeze and mix-and-match: nothing unverified is installed,
and what was already installed stays playable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eduteach_desktop.services import Services
from eduteach_hub.publish.tuf_repo import Expiry, RepositoryWriter
from eduteach_protocol.repo_layout import blob_relpath
from tests.helpers.lessons import TestRepo, write_lesson
from tests.helpers.pcs import trusting_pc


@pytest.fixture
def hub(tmp_path: Path) -> TestRepo:
    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "song-a", order=1)
    write_lesson(repo.src, "song-b", order=2)
    repo.publish()
    return repo


@pytest.fixture
def pc(tmp_path: Path, hub: TestRepo):
    with trusting_pc(tmp_path / "pc", hub) as services:
        report = services.sync([str(hub.repo)])
        assert report.ok and report.activated
        yield services


def installed_ids(services: Services) -> set[str]:
    return {ls.id for ls in services.library.installed_lessons()}


def test_flipped_byte_in_blob_is_refused_and_old_lessons_stay(hub: TestRepo, pc: Services):
    old_b = pc.library.lesson("song-b")
    write_lesson(hub.src, "song-b", order=2)  # new media bytes: a revised lesson
    assert hub.publish().catalog_version == 2
    new_b = next(f for f in json.loads(hub.writer.current_catalog_bytes())["lessons"] if f["id"] == "song-b")
    sha = new_b["files"][0]["sha256"]
    blob = hub.repo / blob_relpath(sha)
    data = bytearray(blob.read_bytes())
    data[100] ^= 0x01
    blob.write_bytes(bytes(data))

    report = pc.sync([str(hub.repo)])

    assert not report.ok
    assert any("corrupt" in p or "verification" in p or "chunk" in p for p in report.problems), report.problems
    assert not pc.blobs.has(sha)
    assert not pc.blobs.partial_path(sha).exists() or pc.blobs.partial_state(sha).verified == 0
    # v2 is pending, v1 stays active and every v1 lesson still plays from verified blobs
    assert pc.library.active_version() == 1
    assert pc.library.pending_catalog().version == 2
    assert installed_ids(pc) == {"song-a", "song-b"}
    assert pc.library.lesson("song-b") == old_b


def test_catalog_signed_with_another_key_is_refused(tmp_path: Path, hub: TestRepo, pc: Services):
    evil = TestRepo(tmp_path / "evil")
    write_lesson(evil.src, "song-a")
    write_lesson(evil.src, "malware")
    evil.publish()
    evil.publish()
    # make its versions higher than ours, so only the signature can save us
    write_lesson(evil.src, "more")
    evil.publish()

    report = pc.sync([str(evil.repo)])

    # another repository entirely: its root keys are not ours
    assert [p.code for p in report.problems] == ["other_repository"], report.problems
    assert not report.ok
    assert pc.library.active_version() == 1
    assert pc.library.pending_catalog() is None
    assert installed_ids(pc) == {"song-a", "song-b"}


def test_tampered_catalog_file_is_refused(hub: TestRepo, pc: Services):
    write_lesson(hub.src, "song-c", order=3)
    hub.publish()
    catalogs = sorted((hub.repo / "targets").glob("*.catalog.json"), key=lambda p: p.stat().st_mtime)
    newest = catalogs[-1]
    body = json.loads(newest.read_bytes())
    body["lessons"][0]["title"] = "被篡改"
    newest.write_bytes(json.dumps(body, ensure_ascii=False).encode())

    report = pc.sync([str(hub.repo)])

    assert any("does not match" in p for p in report.problems), report.problems
    assert pc.library.active_version() == 1
    assert all(ls.title != "被篡改" for ls in pc.library.lessons())


def test_older_repository_copy_is_a_rollback(tmp_path: Path, hub: TestRepo, pc: Services):
    old_copy = tmp_path / "usb-stick-from-last-term"
    shutil.copytree(hub.repo, old_copy)
    write_lesson(hub.src, "song-c", order=3)
    hub.publish()
    assert pc.sync([str(hub.repo)]).ok
    assert pc.library.active_version() == 2

    report = pc.sync([str(old_copy)])

    assert [p.code for p in report.problems] == ["rollback"], report.problems
    assert "older metadata" in report.problems[0].message
    assert not report.ok  # the stick was refused, even though every lesson is here
    assert pc.library.active_version() == 2
    assert installed_ids(pc) == {"song-a", "song-b", "song-c"}


def test_expired_timestamp_is_refused_as_a_freeze(tmp_path: Path, hub: TestRepo, pc: Services):
    frozen = RepositoryWriter(hub.repo, hub.keys, Expiry(timestamp_days=-1))
    write_lesson(hub.src, "song-c", order=3)
    from eduteach_hub.publish.publisher import publish

    publish(hub.src, frozen)

    report = pc.sync([str(hub.repo)])

    assert [p.code for p in report.problems] == ["expired"], report.problems
    assert "expired on" in report.problems[0].message
    assert pc.library.active_version() == 1
    assert "song-c" not in installed_ids(pc)


def test_mix_and_match_targets_from_another_snapshot_is_refused(tmp_path: Path, hub: TestRepo, pc: Services):
    # Publish v2, then serve v2's timestamp/snapshot with an attacker-chosen older targets
    # file renamed into place: the snapshot pins the targets version, so it must fail.
    write_lesson(hub.src, "song-c", order=3)
    hub.publish()
    meta = hub.repo / "metadata"
    versions = sorted(int(p.name.split(".")[0]) for p in meta.glob("*.targets.json"))
    newest, older = versions[-1], versions[-2]
    (meta / f"{newest}.targets.json").write_bytes((meta / f"{older}.targets.json").read_bytes())

    report = pc.sync([str(hub.repo)])

    # the snapshot pins targets v3; a v2 file in its place is a mix-and-match, not "older"
    assert [p.code for p in report.problems] == ["mix_and_match"], report.problems
    assert "older" not in report.problems[0].message
    assert pc.library.active_version() == 1
    assert pc.library.pending_catalog() is None


def test_sync_without_trust_root_installs_nothing(tmp_path: Path, hub: TestRepo):
    services = Services.open(tmp_path / "fresh")
    try:
        report = services.sync([str(hub.repo)])
        assert not report.ok
        assert services.library.lessons() == []
        assert services.blobs.total_bytes() == 0
    finally:
        services.close()
