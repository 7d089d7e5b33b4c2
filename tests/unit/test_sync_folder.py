"""DOWN sync from folders (USB stick, satellite receive folder): partial files, resume,
bad chunks taken from another source, deduplication."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eduteach_desktop.services import Services
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.repo_layout import blob_relpath
from tests.helpers.lessons import TestRepo, chunks_of, pseudo_random, write_lesson
from tests.helpers.pcs import trusting_pc

# Windows' file rules apply here too (tests/helpers/winsem.py): most school PCs run Windows.
pytestmark = pytest.mark.windows_semantics


MiB = 1024 * 1024


@pytest.fixture
def hub(tmp_path: Path) -> TestRepo:
    repo = TestRepo(tmp_path / "hub")
    big = pseudo_random(b"seed", 5 * MiB + 3200)
    write_lesson(repo.src, "video-a", kind="video", media_bytes=big)
    write_lesson(repo.src, "song-a")
    repo.publish()
    return repo


@pytest.fixture
def pc(tmp_path: Path, hub: TestRepo):
    with trusting_pc(tmp_path / "pc", hub) as services:
        yield services


def media_of(hub: TestRepo, lesson_id: str):
    return Catalog.from_bytes(hub.writer.current_catalog_bytes()).by_id()[lesson_id].first_file("media")


def test_satellite_folder_with_a_growing_file_resumes_from_verified_chunks(tmp_path, hub, pc):
    sat = tmp_path / "satellite"
    shutil.copytree(hub.repo, sat)
    media = media_of(hub, "video-a")
    blob = sat / blob_relpath(media.sha256)
    full = blob.read_bytes()
    blob.write_bytes(full[: int(2.5 * MiB)])  # still arriving

    first = pc.sync([str(sat)])
    assert not first.ok
    state = pc.blobs.partial_state(media.sha256)
    whole = max(c.end for c in chunks_of(hub.repo, media) if c.end <= int(2.5 * MiB))
    assert state.verified == whole  # the whole chunks that arrived passed their hashes
    assert state.received == int(2.5 * MiB)  # and the part of the next one is kept
    # The PC's first catalog is active at once (it replaces nothing), so the lesson that
    # arrived whole is playable now; the growing one is not, and its file is not installed.
    assert first.activated and pc.library.active_version() == 1
    assert {ls.id for ls in pc.library.installed_lessons()} == {"song-a"}
    assert not pc.blobs.has(media.sha256)

    blob.write_bytes(full)  # the rest arrived
    second = pc.sync([str(sat)])
    assert second.ok and not second.activated
    assert {ls.id for ls in pc.library.installed_lessons()} == {"song-a", "video-a"}
    assert second.bytes_fetched == len(full) - int(2.5 * MiB)
    assert pc.blobs.path(media.sha256).read_bytes() == full


def test_bad_chunk_in_one_source_is_taken_from_another(tmp_path, hub, pc):
    usb = tmp_path / "usb"
    shutil.copytree(hub.repo, usb)
    media = media_of(hub, "video-a")
    blob = usb / blob_relpath(media.sha256)
    data = bytearray(blob.read_bytes())
    data[3 * MiB + 5] ^= 0xFF
    blob.write_bytes(bytes(data))
    bad = next(i for i, c in enumerate(chunks_of(hub.repo, media)) if c.offset <= 3 * MiB + 5 < c.end)

    report = pc.sync([str(usb), str(hub.repo)])

    assert report.ok, report.problems
    assert any(f"chunk {bad} " in p for p in report.problems)
    assert pc.blobs.path(media.sha256).read_bytes() == (hub.repo / blob_relpath(media.sha256)).read_bytes()


def test_identical_files_are_stored_once(tmp_path, pc):
    repo = TestRepo(tmp_path / "dup")
    same = b"the same cover picture" * 100
    write_lesson(repo.src, "one", media_bytes=same)
    write_lesson(repo.src, "two", media_bytes=same, order=2)
    repo.publish()
    pc.trust.install_root(repo.root())
    report = pc.sync([str(repo.repo)])
    assert report.ok
    files = [p for p in pc.datadir.blobs.rglob("*") if p.is_file() and p.read_bytes() == same]
    assert len(files) == 1


def test_unsubscribed_lessons_are_not_downloaded(tmp_path, hub, pc):
    from eduteach_desktop.store.library import Subscription

    pc.library.set_subscriptions([Subscription(1, "music", "*")])
    report = pc.sync([str(hub.repo)])
    # both demo lessons are grade-1 music here, so both come; a grade-3 English one would not
    assert report.lessons_wanted == 2
    pc.library.set_subscriptions([Subscription(3, "english", "外研版")])
    report = pc.sync([str(hub.repo)])
    assert report.lessons_wanted == 0


def test_not_enough_disk_space_is_a_clear_error_before_any_download(tmp_path, hub, pc):
    engine = pc.sync_engine([str(hub.repo)])
    engine.reserve_bytes = 10**15  # more than any disk: the reserve is never filled
    report = engine.run()
    assert any(p.startswith("disk_full") for p in report.problems)
    assert pc.blobs.total_bytes() == 0


def test_a_revised_file_fetches_only_the_chunks_that_changed(tmp_path, hub, pc):
    from tests.helpers.faultserver import FaultServer

    assert pc.sync([str(hub.repo)]).ok
    old = media_of(hub, "video-a")
    data = bytearray(pc.blobs.path(old.sha256).read_bytes())
    data[3 * MiB + 10 : 3 * MiB + 20] = b"revised!!!"  # one chunk changes
    write_lesson(hub.src, "video-a", kind="video", media_bytes=bytes(data))
    hub.publish()
    new = media_of(hub, "video-a")
    old_digests = {c.digest for c in chunks_of(hub.repo, old)}
    changed = sum(c.size for c in chunks_of(hub.repo, new) if c.digest not in old_digests)
    assert 0 < changed <= 4 * MiB
    with FaultServer(hub.repo) as srv:
        report = pc.sync([srv.url + "/"])
        blob_bytes = sum(v for k, v in srv._server.per_path.items() if new.sha256 in k)  # noqa: SLF001
    assert report.ok and report.activated
    assert blob_bytes == changed  # exactly the changed chunk crossed the wire
    assert report.bytes_reused == len(data) - changed
    assert pc.blobs.path(new.sha256).read_bytes() == bytes(data)
    assert not pc.blobs.has(old.sha256)  # superseded, removed after activation


def test_export_is_a_valid_repository_for_the_next_school(tmp_path, hub, pc):
    assert pc.sync([str(hub.repo)]).ok
    stick = tmp_path / "stick"
    report = pc.export_repository(stick)
    assert report.lessons_complete == 2
    other = Services.open(tmp_path / "next-school")
    try:
        other.trust.install_root(hub.root())
        result = other.sync([str(stick)])
        assert result.ok and result.activated, result.problems
        assert {ls.id for ls in other.library.installed_lessons()} == {"video-a", "song-a"}
    finally:
        other.close()


def test_verify_finds_a_rotten_file_and_repair_makes_sync_fetch_it_again(tmp_path, hub, pc):
    assert pc.sync([str(hub.repo)]).ok
    m = media_of(hub, "video-a")
    path = pc.blobs.path(m.sha256)
    data = bytearray(path.read_bytes())
    data[12345] ^= 1
    path.write_bytes(bytes(data))
    assert pc.verify().bad == [m.sha256]
    assert pc.verify(repair=True).repaired == 1
    assert "video-a" not in {ls.id for ls in pc.library.installed_lessons()}  # never played
    assert pc.sync([str(hub.repo)]).ok
    assert pc.verify().bad == []


def test_a_rotten_file_the_player_holds_open_is_never_lost_track_of(tmp_path, hub, pc, winsem):
    """Windows cannot delete an open file: the repair lists it for the next start."""
    pc.fileio.retry = winsem.retry()  # the player's hold never ends: no real waiting
    assert pc.sync([str(hub.repo)]).ok
    m = media_of(hub, "video-a")
    path = pc.blobs.path(m.sha256)
    data = bytearray(path.read_bytes())
    data[12345] ^= 1
    path.write_bytes(bytes(data))
    with open(path, "rb"):  # the player has the damaged file open
        assert pc.verify(repair=True).repaired == 1
        assert any(r.startswith("delete open") for r in winsem.refused)
        assert path.exists()
        assert pc.blobs.pending_deletes_path.read_text(encoding="ascii").split() == [m.sha256]
        assert not pc.blobs.has(m.sha256)
    # the player let go (request_refetch clears its source); the next start deletes the file
    pc.close()
    again = Services.open(tmp_path / "pc")
    try:
        assert not path.exists()
        assert not again.blobs.pending_deletes_path.exists()
        assert again.sync([str(hub.repo)]).ok
        assert again.verify().bad == []
    finally:
        again.close()


def test_a_listed_blob_fetched_again_before_the_restart_is_kept(tmp_path, hub, pc, winsem):
    pc.fileio.retry = winsem.retry()
    assert pc.sync([str(hub.repo)]).ok
    m = media_of(hub, "video-a")
    path = pc.blobs.path(m.sha256)
    with open(path, "rb"):
        pc.blobs.forget(m.sha256)
    assert pc.sync([str(hub.repo)]).ok  # closed now: the fresh copy replaces the old file
    assert pc.blobs.delete_pending() == 0
    assert path.exists() and pc.blobs.has(m.sha256)


def test_antivirus_scanning_every_new_lesson_file_for_two_seconds_is_waited_out(tmp_path, hub, pc, winsem):
    pc.fileio.retry = winsem.retry()
    winsem.antivirus(2.0, under=pc.datadir.blobs)
    assert pc.sync([str(hub.repo)]).ok
    assert any(r.startswith("move held") for r in winsem.refused)  # the scanner did get in the way
    assert pc.verify().bad == []
    assert {ls.id for ls in pc.library.installed_lessons()} == {"video-a", "song-a"}


def test_a_partial_usb_stick_installs_what_it_has_and_says_what_is_missing(tmp_path, hub, pc):
    usb = tmp_path / "usb"
    shutil.copytree(hub.repo, usb)
    video = media_of(hub, "video-a")
    (usb / blob_relpath(video.sha256)).unlink()  # the copy to the stick was cut short
    report = pc.sync([str(usb)])
    assert not report.ok and report.lessons_complete == 1
    assert any("not_found" in p for p in report.problems)
    # the first catalog replaces nothing, so it is active; only the whole lesson is playable
    assert {ls.id for ls in pc.library.installed_lessons()} == {"song-a"}
    assert pc.sync([str(usb), str(hub.repo)]).ok  # the rest from another source


def test_a_new_catalog_is_not_activated_half_done_over_one_that_plays(tmp_path, hub, pc):
    assert pc.sync([str(hub.repo)]).ok
    write_lesson(hub.src, "video-a", kind="video", media_bytes=pseudo_random(b"new", 2 * MiB))
    hub.publish()
    usb = tmp_path / "usb"
    shutil.copytree(hub.repo, usb)
    (usb / blob_relpath(media_of(hub, "video-a").sha256)).unlink()
    report = pc.sync([str(usb)])
    assert not report.ok and not report.activated
    assert pc.library.active_version() == 1  # the old catalog stays, whole and playable


def test_the_satellite_watcher_fires_once_a_folder_changes_and_settles(tmp_path):
    from eduteach_desktop.sync.watch import FolderWatcher

    folder = tmp_path / "sat"
    folder.mkdir()
    w = FolderWatcher(folder)
    assert not w.changed()  # empty
    (folder / "a.part").write_bytes(b"x" * 10)
    assert not w.changed()  # still being written
    assert w.changed()  # settled
    assert not w.changed()  # nothing new
    (folder / "a.part").write_bytes(b"x" * 20)
    assert not w.changed()
    assert w.changed()
