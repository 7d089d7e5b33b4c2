"""Crashes: kill -9 at random instants, a restart after every 10 %, power loss that drops
unsynced writes, a full disk, and a crash during catalog activation."""

from __future__ import annotations

import errno
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eduteach_desktop.services import Services
from eduteach_desktop.store.fileio import FileIO
from eduteach_desktop.store.library import LibraryStore
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.repo_layout import blob_relpath
from tests.helpers.faultserver import Faults, FaultServer
from tests.helpers.lessons import TestRepo, write_lesson
from tests.helpers.waiting import wait_until
from tests.integration.test_sync_faults import content

MiB = 1024 * 1024
FSYNC_WINDOW = 256 * 1024


def make_hub(base: Path, size: int) -> TestRepo:
    repo = TestRepo(base)
    write_lesson(repo.src, "big", kind="video", media_bytes=content(b"big", size))
    write_lesson(repo.src, "small", order=2)
    repo.publish()
    return repo


def media(hub: TestRepo):
    return Catalog.from_bytes(hub.writer.current_catalog_bytes()).by_id()["big"].first_file("media")


def sync_cmd(data: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "eduteach_desktop", "--data-dir", str(data), "sync", "--from", url + "/", "--quiet"]


def received_bytes(data: Path, sha: str) -> int:
    db = data / "eduteach.sqlite3"
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        row = conn.execute("SELECT received_bytes FROM partials WHERE sha256 = ?", (sha,)).fetchone()
        conn.close()
    except sqlite3.Error:
        return 0
    return int(row[0]) if row else 0


def prepare_pc(data: Path, hub: TestRepo) -> None:
    s = Services.open(data)
    s.trust.install_root(hub.root())
    s.close()


def finish_and_check(data: Path, hub: TestRepo, srv: FaultServer) -> None:
    proc = subprocess.run(sync_cmd(data, srv.url), capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    s = Services.open(data)
    try:
        m = media(hub)
        assert s.blobs.path(m.sha256).read_bytes() == (hub.repo / blob_relpath(m.sha256)).read_bytes()
        assert {ls.id for ls in s.library.installed_lessons()} == {"big", "small"}
        assert s.verify().bad == []
    finally:
        s.close()


@pytest.mark.slow
def test_kill_9_twenty_times_during_one_large_download(tmp_path):
    size = 32 * MiB
    hub = make_hub(tmp_path / "hub", size)
    data = tmp_path / "pc"
    prepare_pc(data, hub)
    rng = random.Random(20)
    kills = 0
    m = media(hub)
    with FaultServer(hub.repo, Faults(rate=2 * MiB, only_prefix="/blobs/")) as srv:
        while kills < 20:
            proc = subprocess.Popen(sync_cmd(data, srv.url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.4, 1.1))  # the fault itself: power lost at a random moment
            if proc.poll() is not None:
                break  # finished before we could kill it
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            kills += 1
        assert kills == 20, "the download finished too early to test kills"
        finish_and_check(data, hub, srv)
        wire = srv._server.per_path.get("/" + blob_relpath(m.sha256), 0)  # noqa: SLF001
    print(f"kills={kills} size={size} wire={wire} overhead={wire - size} per kill={(wire - size) / kills:.0f}")
    # each kill loses at most the bytes since the last fsync+record, plus what was in flight
    assert wire <= size + kills * FSYNC_WINDOW  # at most one fsync window per kill, on average


@pytest.mark.slow
def test_restart_after_every_ten_percent(tmp_path):
    size = 12 * MiB
    hub = make_hub(tmp_path / "hub", size)
    data = tmp_path / "pc"
    prepare_pc(data, hub)
    m = media(hub)
    with FaultServer(hub.repo, Faults(rate=6 * MiB, only_prefix="/blobs/")) as srv:
        for tenth in range(1, 10):
            proc = subprocess.Popen(sync_cmd(data, srv.url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_until(lambda t=tenth, p=proc: received_bytes(data, m.sha256) >= size * t // 10
                       or p.poll() is not None, timeout=60, what=f"{tenth}0 % received")
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        finish_and_check(data, hub, srv)
        wire = srv._server.per_path.get("/" + blob_relpath(m.sha256), 0)  # noqa: SLF001
    assert wire <= size + 9 * (FSYNC_WINDOW + 128 * 1024)


class PowerCut(Exception):
    pass


class PowerLossIO(FileIO):
    """Writes reach the page cache at once (reads see them) but only fsync makes them
    durable; cut() drops every unsynced write, as a power failure would."""

    def __init__(self, cut_at_write: int):
        self.cut_at_write = cut_at_write
        self.writes = 0
        self.undo: dict[Path, list[tuple[int, bytes, int]]] = {}

    def write_at(self, path: Path, offset: int, data: bytes) -> None:
        self.writes += 1
        if self.writes == self.cut_at_write:
            raise PowerCut()
        old_size = path.stat().st_size if path.exists() else -1
        old = b""
        if old_size > offset:
            with open(path, "rb") as fh:
                fh.seek(offset)
                old = fh.read(len(data))
        self.undo.setdefault(path, []).append((offset, old, old_size))
        super().write_at(path, offset, data)

    def fsync(self, path: Path) -> None:
        super().fsync(path)
        self.undo.pop(path, None)

    def replace(self, src: Path, dst: Path) -> None:
        self.undo.pop(src, None)  # install_partial fsynced src before (see commit_partial)
        super().replace(src, dst)

    def cut(self) -> None:
        for path, entries in self.undo.items():
            for offset, old, old_size in reversed(entries):
                if old_size < 0:
                    path.unlink(missing_ok=True)
                    continue
                if not path.exists():
                    continue
                with open(path, "r+b") as fh:
                    fh.seek(offset)
                    fh.write(old)
                    fh.truncate(old_size)
        self.undo.clear()


def test_power_loss_drops_unsynced_writes_and_nothing_is_lost_or_corrupt(tmp_path):
    size = 5 * MiB + 777
    hub = make_hub(tmp_path / "hub", size)
    data = tmp_path / "pc"
    prepare_pc(data, hub)
    m = media(hub)
    truth = (hub.repo / blob_relpath(m.sha256)).read_bytes()
    cuts = 0
    for cut_at in (2, 3, 5, 2, 4, 3, 6, 2, 3):
        io = PowerLossIO(cut_at)
        s = Services.open(data, fileio=io)
        s.trust.install_root(hub.root()) if not s.trust.has_root() else None
        try:
            s.sync([str(hub.repo)])
        except PowerCut:
            cuts += 1
            io.cut()
        finally:
            s.close()
        # after the "reboot": what the database claims is really on disk, and correct
        s = Services.open(data)
        try:
            st = s.blobs.partial_state(m.sha256)
            part = s.blobs.partial_path(m.sha256)
            if st.received:
                on_disk = part.read_bytes()
                assert len(on_disk) == st.received
                assert on_disk[: st.verified] == truth[: st.verified]
        finally:
            s.close()
    assert cuts >= 5
    s = Services.open(data)
    try:
        assert s.sync([str(hub.repo)]).ok
        assert s.blobs.path(m.sha256).read_bytes() == truth
    finally:
        s.close()


class FullDiskIO(FileIO):
    def __init__(self, room: int):
        self.room = room

    def write_at(self, path: Path, offset: int, data: bytes) -> None:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        self.room -= len(data)
        super().write_at(path, offset, data)


def test_a_disk_that_fills_mid_transfer_says_so_and_resumes_after_space_is_freed(tmp_path):
    size = 6 * MiB
    hub = make_hub(tmp_path / "hub", size)
    data = tmp_path / "pc"
    prepare_pc(data, hub)
    s = Services.open(data, fileio=FullDiskIO(room=int(2.6 * MiB)))
    try:
        report = s.sync([str(hub.repo)])
        assert any(p.startswith("disk_full") for p in report.problems), report.problems
        done = s.blobs.partial_state(media(hub).sha256).received
        assert 2 * MiB <= done <= int(2.6 * MiB)
    finally:
        s.close()
    s = Services.open(data)  # space was freed
    try:
        report = s.sync([str(hub.repo)])
        assert report.ok
        assert report.bytes_fetched <= size - done + 64 * 1024
    finally:
        s.close()


def test_a_crash_during_catalog_activation_leaves_the_old_catalog_playable(tmp_path, monkeypatch):
    hub = make_hub(tmp_path / "hub", 2 * MiB)
    data = tmp_path / "pc"
    prepare_pc(data, hub)
    s = Services.open(data)
    try:
        assert s.sync([str(hub.repo)]).ok
        write_lesson(hub.src, "small", order=2)  # a revised lesson: catalog v2
        hub.publish()
        real = LibraryStore.activate

        def crash_halfway(self: LibraryStore, version: int) -> None:
            with self.db.transaction() as conn:
                conn.execute("UPDATE catalogs SET state = 'retired' WHERE state = 'active'")
                raise RuntimeError("power cut during activation")

        monkeypatch.setattr(LibraryStore, "activate", crash_halfway)
        with pytest.raises(RuntimeError):
            s.sync([str(hub.repo)])
        assert s.library.active_version() == 1
        assert {ls.id for ls in s.library.installed_lessons()} == {"big", "small"}
        monkeypatch.setattr(LibraryStore, "activate", real)
        report = s.sync([str(hub.repo)])
        assert report.activated and s.library.active_version() == 2
    finally:
        s.close()
