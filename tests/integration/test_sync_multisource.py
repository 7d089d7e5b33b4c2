"""One blob's missing chunks from several sources at once (sync/multisource.py), on
127.0.0.1 with the fault server: two PCs nearby split the work, a bad, stalled or vanishing
one loses its chunks to the others and is named, the hub stays the fallback, and verified
chunks survive kill -9 (the chunk journal beside the partial file)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from eduteach_desktop.services import Services
from eduteach_desktop.sync.engine import PEER, SyncEngine, SyncReport
from eduteach_desktop.sync.policy import Backoff, RateLimiter
from eduteach_desktop.sync.sources import HttpSource
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.chunks import parse_index
from eduteach_protocol.repo_layout import blob_relpath
from tests.helpers.faultserver import Faults, FaultServer
from tests.helpers.lessons import TestRepo, pseudo_random, write_lesson
from tests.helpers.pcs import open_trusting, trusting_pc
from tests.helpers.waiting import wait_until

MiB = 1024 * 1024
SIZE = 6 * MiB + 777


@pytest.fixture
def hub(tmp_path: Path) -> TestRepo:
    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "film", kind="video", media_bytes=pseudo_random(b"film", SIZE))
    repo.publish()
    return repo


@pytest.fixture
def point(tmp_path: Path, hub: TestRepo):
    services = open_trusting(tmp_path / "point", hub)
    yield services
    services.close()


def media(hub: TestRepo):
    return Catalog.from_bytes(hub.writer.current_catalog_bytes()).by_id()["film"].first_file("media")


def chunks_of(hub: TestRepo):
    m = media(hub)
    return parse_index((hub.repo / blob_relpath(m.index)).read_bytes(), m.size)


def blob_served(srv: FaultServer, hub: TestRepo) -> int:
    return srv._server.per_path.get("/" + blob_relpath(media(hub).sha256), 0)  # noqa: SLF001


def blob_requests(srv: FaultServer, hub: TestRepo) -> int:
    return srv.requests_for("/" + blob_relpath(media(hub).sha256))


def peer(srv: FaultServer, timeout: float = 5.0) -> HttpSource:
    return HttpSource(srv.url + "/", timeout=timeout, kind="lan")


def run(pc: Services, wan: FaultServer, *peers: HttpSource, stall_after: float = 10.0) -> SyncReport:
    return SyncEngine([HttpSource(wan.url + "/", timeout=5), *peers], pc.library, pc.blobs, pc.trust, pc.clock,
                      backoff=Backoff(base=0.001, cap=0.01), sleep=lambda s: None, reserve_bytes=0,
                      stall_after=stall_after).run()


def assert_installed(pc: Services, hub: TestRepo) -> None:
    m = media(hub)
    assert pc.blobs.path(m.sha256).read_bytes() == (hub.repo / blob_relpath(m.sha256)).read_bytes()
    assert {ls.id for ls in pc.library.installed_lessons()} == {"film"}
    assert not pc.blobs.chunk_journal_path(m.sha256).exists()  # the journal goes with the partial


def corrupted_copy(hub: TestRepo, dest: Path) -> Path:
    """The hub's repository with every chunk of the film wrong (a byte flipped in each)."""
    import shutil

    shutil.copytree(hub.repo, dest)
    blob = dest / blob_relpath(media(hub).sha256)
    data = bytearray(blob.read_bytes())
    for c in chunks_of(hub):
        data[c.offset + c.size // 2] ^= 0xFF
    blob.write_bytes(bytes(data))
    return dest


def test_two_good_peers_split_the_blob_and_the_hub_sends_none_of_it(point, hub):
    assert len(chunks_of(hub)) >= 4
    slow = Faults(rate=8 * MiB)  # neither can finish before the other has started
    with FaultServer(hub.repo, slow) as a, FaultServer(hub.repo, slow) as b, FaultServer(hub.repo) as wan:
        report = run(point, wan, peer(a), peer(b))
        from_a, from_b, from_hub = blob_served(a, hub), blob_served(b, hub), blob_served(wan, hub)
    assert report.ok, report.problems
    assert from_hub == 0
    assert from_a > 0 and from_b > 0, (from_a, from_b)
    assert from_a + from_b <= SIZE + 2 * MiB  # a run given away mid-request costs at most its tail
    assert report.bytes_by_source[a.url + "/"] > 0 and report.bytes_by_source[b.url + "/"] > 0
    assert_installed(point, hub)


def test_a_slow_peer_keeps_only_the_chunk_it_is_sending_the_fast_one_takes_the_rest(point, hub):
    chunks = chunks_of(hub)
    with FaultServer(hub.repo) as fast, FaultServer(hub.repo, Faults(rate=512 * 1024)) as slow, \
            FaultServer(hub.repo) as wan:
        report = run(point, wan, peer(fast), peer(slow))
        from_fast, from_slow = blob_served(fast, hub), blob_served(slow, hub)
    assert report.ok, report.problems
    assert not any(p.code == "slow_source" for p in report.problems)  # slow, not stalled: kept working
    # The fast peer finished its half and took the back of the slow one's run, twice over.
    assert from_fast > SIZE / 2
    assert from_slow <= max(c.size for c in chunks) * 2 + 256 * 1024
    assert_installed(point, hub)


def test_peer_bytes_go_through_the_lan_cap_and_hub_bytes_through_the_wan_cap(point, hub, tmp_path):
    class Counting(RateLimiter):
        def __init__(self) -> None:
            super().__init__(None, point.clock)
            self.counted = 0
            self.guard = threading.Lock()

        def consume(self, nbytes: int) -> float:
            with self.guard:  # the two peers' workers share the LAN cap
                self.counted += nbytes
            return 0.0

    wan_cap, lan_cap = Counting(), Counting()
    bad_repo = corrupted_copy(hub, tmp_path / "bad")
    with FaultServer(hub.repo) as good, FaultServer(bad_repo) as bad, FaultServer(hub.repo) as wan:
        report = SyncEngine([HttpSource(wan.url + "/", timeout=5), peer(good), peer(bad)], point.library,
                            point.blobs, point.trust, point.clock, backoff=Backoff(base=0.001, cap=0.01),
                            sleep=lambda s: None, reserve_bytes=0, limiter=wan_cap, lan_limiter=lan_cap).run()
        lan_sent = blob_served(good, hub) + blob_served(bad, hub)
    assert report.ok, report.problems
    assert wan_cap.counted == 0
    assert lan_cap.counted >= SIZE and lan_cap.counted <= lan_sent  # every byte read was counted


def test_a_peer_serving_wrong_bytes_is_dropped_named_and_its_chunks_come_from_the_other(point, hub, tmp_path):
    bad_repo = corrupted_copy(hub, tmp_path / "bad")
    with FaultServer(hub.repo) as good, FaultServer(bad_repo) as bad, FaultServer(hub.repo) as wan:
        report = run(point, wan, peer(good), peer(bad))
        bad_asked, from_hub = blob_requests(bad, hub), blob_served(wan, hub)
    assert report.ok, report.problems  # a bad neighbour does not spoil the sync
    named = [p for p in report.problems if p.code == "bad_source"]
    assert [p.source for p in named] == [bad.url + "/"] and named[0].kind == PEER
    assert bad_asked == 1  # dropped for the rest of the run
    assert from_hub == 0
    assert_installed(point, hub)


def test_a_stalled_peer_loses_its_chunks_to_the_other(point, hub):
    stall = Faults(stall_after=64 * 1024, stall_seconds=3.0, only_prefix="/blobs/")
    with FaultServer(hub.repo) as good, FaultServer(hub.repo, stall) as stuck, FaultServer(hub.repo) as wan:
        report = run(point, wan, peer(good), peer(stuck, timeout=30), stall_after=0.5)
        from_hub = blob_served(wan, hub)
    assert report.ok, report.problems
    slow = [p for p in report.problems if p.code == "slow_source"]
    assert [p.source for p in slow] == [stuck.url + "/"] and slow[0].kind == PEER
    assert from_hub == 0
    assert_installed(point, hub)


def test_a_peer_vanishing_mid_transfer_is_named_and_the_other_finishes(point, hub):
    gone = Faults(cut_after=300 * 1024, only_prefix="/blobs/")  # switched off mid-response
    with FaultServer(hub.repo) as good, FaultServer(hub.repo, gone) as vanished, FaultServer(hub.repo) as wan:
        report = run(point, wan, peer(good), peer(vanished))
        from_hub, vanished_asked = blob_served(wan, hub), blob_requests(vanished, hub)
    assert report.ok, report.problems
    assert any(p.code == "peer_gone" and p.source == vanished.url + "/" for p in report.problems)
    assert vanished_asked == 1
    assert from_hub == 0
    assert_installed(point, hub)


def test_every_peer_bad_the_hub_finishes_from_the_chunks_they_left(point, hub, tmp_path):
    bad_repo = corrupted_copy(hub, tmp_path / "bad")
    gone = Faults(cut_after=MiB + MiB // 2, only_prefix="/blobs/")
    with FaultServer(bad_repo) as bad, FaultServer(hub.repo, gone) as vanished, FaultServer(hub.repo) as wan:
        report = run(point, wan, peer(bad), peer(vanished))
        from_hub, from_vanished = blob_served(wan, hub), blob_served(vanished, hub)
    assert report.complete, report.problems
    assert {p.source for p in report.problems} == {bad.url + "/", vanished.url + "/"}
    assert from_hub + from_vanished <= SIZE + 4 * MiB  # the hub took over, nothing fetched twice over
    # What the vanished peer verified was kept. (Its cut is a closed connection, seen at
    # once: no short read timeout, which a loaded machine could hit before its first chunk.)
    assert from_hub < SIZE, (from_vanished, report.problems)
    assert_installed(point, hub)


def test_a_download_by_prefix_from_an_older_version_resumes_by_chunks(point, hub):
    """A partial left by the one-source path (verified bytes from 0, recorded in the
    database) keeps its chunks when two peers take it over."""
    m = media(hub)
    chunks = chunks_of(hub)
    whole = (hub.repo / blob_relpath(m.sha256)).read_bytes()
    from eduteach_desktop.store.blobs import PartialState

    kept = chunks[1].end
    point.blobs.write_partial(m.sha256, 0, whole[: kept + 1000])  # + part of the chunk in flight
    point.blobs.commit_partial(m.sha256, m.size, PartialState(kept, kept + 1000, None))
    point.blobs.install_bytes(m.index, (hub.repo / blob_relpath(m.index)).read_bytes())
    with FaultServer(hub.repo) as a, FaultServer(hub.repo) as b, FaultServer(hub.repo) as wan:
        report = run(point, wan, peer(a), peer(b))
        fetched = blob_served(a, hub) + blob_served(b, hub) + blob_served(wan, hub)
    assert report.ok, report.problems
    assert fetched <= SIZE - kept + 2 * MiB
    assert fetched >= SIZE - kept  # the chunk in flight is fetched again, not trusted
    assert_installed(point, hub)


def test_the_journal_never_vouches_for_bytes_that_are_not_there(point, hub):
    m = media(hub)
    chunks = chunks_of(hub)
    whole = (hub.repo / blob_relpath(m.sha256)).read_bytes()
    blobs = point.blobs
    blobs.begin_chunk_partial(m.sha256, m.size)
    c0, c2 = chunks[0], chunks[2]
    blobs.save_chunk(m.sha256, 0, c0, whole[c0.offset:c0.end])
    blobs.save_chunk(m.sha256, 2, c2, whole[c2.offset:c2.end])
    journal = blobs.chunk_journal_path(m.sha256)
    # A record whose bytes a power cut never wrote, one naming another index's digest, a torn one.
    with journal.open("ab") as fh:
        fh.write((3).to_bytes(4, "big") + chunks[3].digest)
        fh.write((1).to_bytes(4, "big") + b"\x00" * 32)
        fh.write((1).to_bytes(4, "big") + chunks[1].digest[:10])
    assert blobs.verified_chunks(m.sha256, chunks) == {0, 2}
    # A cleaned partials folder: nothing counts.
    blobs.partial_path(m.sha256).unlink()
    assert blobs.verified_chunks(m.sha256, chunks) == set()


def test_kill_9_mid_blob_keeps_the_verified_chunks(tmp_path, hub):
    data = tmp_path / "killed"
    m = media(hub)
    chunks = chunks_of(hub)
    with trusting_pc(data, hub) as services_pc:
        journal = services_pc.blobs.chunk_journal_path(m.sha256)
        partial = services_pc.blobs.partial_path(m.sha256)
    slow = Faults(rate=MiB)  # about 3 s for the film from two peers
    with FaultServer(hub.repo, slow) as a, FaultServer(hub.repo, slow) as b, FaultServer(hub.repo) as wan:
        proc = subprocess.Popen(
            [sys.executable, "-m", "eduteach_desktop", "--data-dir", str(data), "sync", "--from", wan.url + "/",
             "--peer", a.url + "/", "--peer", b.url + "/", "--quiet"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until(lambda: journal.exists() and journal.stat().st_size >= 2 * 36, timeout=60)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        first = blob_served(a, hub) + blob_served(b, hub)
    assert partial.exists()
    pc = Services.open(data)
    try:
        kept = pc.blobs.verified_chunks(m.sha256, chunks)
        assert len(kept) >= 2
        kept_bytes = sum(chunks[n].size for n in kept)
        with FaultServer(hub.repo) as a2, FaultServer(hub.repo) as b2, FaultServer(hub.repo) as wan2:
            report = run(pc, wan2, peer(a2), peer(b2))
            again = blob_served(a2, hub) + blob_served(b2, hub) + blob_served(wan2, hub)
        assert report.ok, report.problems
        assert again <= SIZE - kept_bytes + 2 * MiB, (again, kept_bytes, first)
        assert_installed(pc, hub)
        assert pc.verify().bad == []
    finally:
        pc.close()


def test_power_cuts_during_a_download_by_chunks_keep_only_what_the_journal_proves(tmp_path, hub):
    """Writes reach the page cache but only fsync makes them durable (test_sync_crash's
    PowerLossIO): after each cut, every chunk the journal names is on disk and correct."""
    from tests.integration.test_sync_crash import PowerCut, PowerLossIO

    class DeadAfterTheCut(PowerLossIO):
        """The power goes at the n-th write, or at the n-th fsync (after a chunk's bytes
        reached the page cache, before they were durable and journaled); from then on no
        thread writes anything more (the other workers too)."""

        def __init__(self, cut_at: int, at_fsync: bool):
            super().__init__(cut_at if not at_fsync else 10**9)
            self.fsync_cut, self.fsyncs, self.dead = cut_at if at_fsync else None, 0, False

        def _check(self) -> None:
            if self.dead or (self.writes >= self.cut_at_write):
                self.dead = True
                raise PowerCut()

        def write_at(self, path: Path, offset: int, data: bytes) -> None:
            self._check()
            super().write_at(path, offset, data)

        def fsync(self, path: Path) -> None:
            self._check()
            self.fsyncs += 1
            if self.fsyncs == self.fsync_cut:
                self.dead = True
                raise PowerCut()
            super().fsync(path)

        def append(self, path: Path, data: bytes) -> None:
            self._check()
            super().append(path, data)

    data = tmp_path / "pc"
    with trusting_pc(data, hub):
        pass
    m = media(hub)
    chunks = chunks_of(hub)
    truth = (hub.repo / blob_relpath(m.sha256)).read_bytes()
    cuts = 0
    with FaultServer(hub.repo) as a, FaultServer(hub.repo) as b, FaultServer(hub.repo) as wan:
        for cut_at, at_fsync in ((2, False), (3, True), (4, False), (2, True), (5, True), (3, False)):
            io = DeadAfterTheCut(cut_at, at_fsync)
            pc = Services.open(data, fileio=io)
            try:
                pc.sync([wan.url + "/"], peers=[a.url + "/", b.url + "/"])
            except PowerCut:
                cuts += 1
                io.cut()
            finally:
                pc.close()
            pc = Services.open(data)  # after the "reboot"
            try:
                if pc.blobs.has(m.sha256):
                    break
                journal = pc.blobs.chunk_journal_path(m.sha256)
                records = journal.read_bytes() if journal.exists() else b""
                named = {int.from_bytes(records[i:i + 4], "big") for i in range(0, len(records) - 35, 36)}
                part = pc.blobs.partial_path(m.sha256).read_bytes() if named else b""
                for n in named:  # journaled only after its bytes were durable
                    assert part[chunks[n].offset:chunks[n].end] == truth[chunks[n].offset:chunks[n].end], n
                assert pc.blobs.verified_chunks(m.sha256, chunks) == named
            finally:
                pc.close()
        assert cuts >= 3
        pc = Services.open(data)
        try:
            assert pc.sync([wan.url + "/"], peers=[a.url + "/", b.url + "/"]).ok
            assert_installed(pc, hub)
        finally:
            pc.close()
