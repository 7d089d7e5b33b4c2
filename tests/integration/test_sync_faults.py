"""DOWN sync over real HTTP through a fault-injecting server: every broken-link case ends
either byte-identical and verified, or with a clear problem and nothing unverified kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from eduteach_desktop.services import Services
from eduteach_desktop.sync.engine import SyncEngine, SyncReport
from eduteach_desktop.sync.policy import Backoff
from eduteach_desktop.sync.sources import HttpSource
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.repo_layout import blob_relpath
from tests.helpers.faultserver import Faults, FaultServer
from tests.helpers.lessons import TestRepo, chunks_of, pseudo_random, write_lesson
from tests.helpers.pcs import trusting_pc
from tests.helpers.waiting import wait_until

MiB = 1024 * 1024
SIZE = 6 * MiB + 12345


def content(seed: bytes, size: int) -> bytes:
    return pseudo_random(seed, size)


@pytest.fixture
def hub(tmp_path: Path) -> TestRepo:
    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "video-a", kind="video", media_bytes=content(b"a", SIZE))
    repo.publish()
    return repo


@pytest.fixture
def pc(tmp_path: Path, hub: TestRepo):
    with trusting_pc(tmp_path / "pc", hub) as services:
        yield services


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def engine(pc: Services, *urls: str, retries: int = 200, timeout: float = 5.0, sleeps: Sleeps | None = None) -> SyncEngine:
    return SyncEngine(
        [HttpSource(u + "/", timeout=timeout) for u in urls],
        pc.library, pc.blobs, pc.trust, pc.clock,
        backoff=Backoff(base=0.001, cap=0.01), max_retries=retries,
        sleep=sleeps if sleeps is not None else (lambda s: None), reserve_bytes=0,
    )


def media(hub: TestRepo):
    return Catalog.from_bytes(hub.writer.current_catalog_bytes()).by_id()["video-a"].first_file("media")


def assert_installed_identical(pc: Services, hub: TestRepo) -> None:
    m = media(hub)
    assert pc.blobs.has(m.sha256)
    assert pc.blobs.path(m.sha256).read_bytes() == (hub.repo / blob_relpath(m.sha256)).read_bytes()
    assert {ls.id for ls in pc.library.installed_lessons()} == {"video-a"}


def test_restart_after_every_ten_percent(hub, pc):
    with FaultServer(hub.repo, Faults(cut_after=SIZE // 10)) as srv:
        report = engine(pc, srv.url).run()
    assert report.ok, report.problems
    assert_installed_identical(pc, hub)
    # each cut loses at most the chunk in flight
    blob_bytes = srv._server.per_path  # noqa: SLF001
    sent = sum(v for k, v in blob_bytes.items() if media(hub).sha256 in k)
    assert sent <= SIZE + 11 * MiB


def test_link_flaps_at_random_points(hub, pc):
    with FaultServer(hub.repo, Faults(cut_random=(50_000, 900_000), seed=7)) as srv:
        report = engine(pc, srv.url).run()
    assert report.ok, report.problems
    assert_installed_identical(pc, hub)


def test_half_file_server_never_installs_a_short_file(hub, pc):
    # every response for the video declares the whole length but sends only half of it
    rel = "/" + blob_relpath(media(hub).sha256)
    with FaultServer(hub.repo, Faults(half_file=True, only_prefix=rel)) as srv:
        report = engine(pc, srv.url, retries=3).run()
    assert not report.ok
    assert any("server_failing" in p for p in report.problems), report.problems
    m = media(hub)
    assert not pc.blobs.has(m.sha256)
    done = pc.blobs.partial_state(m.sha256).verified
    assert done in {c.end for c in chunks_of(hub.repo, m)} and done < SIZE  # whole chunks kept
    with FaultServer(hub.repo) as good:
        assert engine(pc, good.url).run().ok
    assert_installed_identical(pc, hub)


def test_fifty_percent_server_errors_still_complete(hub, pc):
    with FaultServer(hub.repo, Faults(error_rate=0.5, cut_random=(200_000, 2 * MiB))) as srv:
        report = engine(pc, srv.url).run()
    assert report.ok, report.problems
    assert_installed_identical(pc, hub)


def test_ninety_nine_percent_errors_report_server_failing_without_busy_looping(hub, pc):
    sleeps = Sleeps()
    with FaultServer(hub.repo) as good:
        # get the catalog, but no content (schedule the content on the failing server)
        e = engine(pc, good.url)
        e.refresh_catalog(SyncReport())
    with FaultServer(hub.repo, Faults(error_rate=0.99, error_status=503, retry_after="7")) as srv:
        report = engine(pc, srv.url, retries=6, sleeps=sleeps).run()
        requests_made = srv.requests
    assert any("server_failing" in p for p in report.problems), report.problems
    # 7 metadata + 1 chunk index in the plan phase (not retried there) + 7 content attempts,
    # not thousands
    assert requests_made <= 15
    assert len(sleeps) == 12 and all(s >= 7 for s in sleeps)  # Retry-After honoured every time


def test_server_that_ignores_range_restarts_the_blob_and_verifies(hub, pc):
    with FaultServer(hub.repo, Faults(cut_after=2 * MiB + 100)) as srv:
        engine(pc, srv.url, retries=0).run()
    ends = [c.end for c in chunks_of(hub.repo, media(hub)) if c.end <= 2 * MiB + 100]
    assert pc.blobs.partial_state(media(hub).sha256).verified == (max(ends) if ends else 0)
    with FaultServer(hub.repo, Faults(ignore_range=True)) as srv:
        report = engine(pc, srv.url).run()
    assert report.ok, report.problems
    assert_installed_identical(pc, hub)


def test_wrong_content_range_is_refused_without_retrying(hub, pc):
    with FaultServer(hub.repo, Faults(cut_after=2 * MiB + 100)) as srv:
        engine(pc, srv.url, retries=0).run()
    rel = "/" + blob_relpath(media(hub).sha256)
    with FaultServer(hub.repo, Faults(wrong_content_range=2)) as srv:
        report = engine(pc, srv.url).run()
        asked = srv.requests_for(rel)
    assert not report.ok
    assert [p.code for p in report.problems] == ["source_refused"], report.problems
    assert "wrong Content-Range" in report.problems[0].message
    assert asked == 1  # a permanent error: not asked again
    with FaultServer(hub.repo) as srv:
        assert engine(pc, srv.url).run().ok
    assert_installed_identical(pc, hub)


def test_gzip_on_a_partial_response_is_refused(hub, pc):
    with FaultServer(hub.repo, Faults(cut_after=2 * MiB + 100)) as srv:
        engine(pc, srv.url, retries=0).run()
    rel = "/" + blob_relpath(media(hub).sha256)
    with FaultServer(hub.repo, Faults(gzip_partial=True)) as srv:
        report = engine(pc, srv.url, retries=2).run()
        asked = srv.requests_for(rel)
    assert not report.ok
    assert any("encoded" in p for p in report.problems), report.problems
    assert asked == 1  # never retried
    assert not pc.blobs.has(media(hub).sha256)


def test_endless_body_stops_at_the_declared_length(hub, pc):
    rel = blob_relpath(media(hub).sha256)
    with FaultServer(hub.repo, Faults(endless_paths={rel})) as srv:
        report = engine(pc, srv.url).run()
        # We hung up: the server's endless body ends only when the client closes its socket.
        wait_until(lambda: srv.responses_in_flight == 0, timeout=30, what="the endless body to end")
        sent = srv._server.per_path.get("/" + rel, 0)  # noqa: SLF001
    assert report.ok, report.problems
    assert_installed_identical(pc, hub)
    assert sent < 4 * SIZE  # only what sat in socket buffers when we stopped reading


def test_stall_is_detected_by_the_watchdog_and_resumed(hub, pc):
    import time

    started = time.monotonic()
    # the server goes silent for a minute after 3 MiB of every response
    with FaultServer(hub.repo, Faults(stall_after=3 * MiB + 10, stall_seconds=60, only_prefix="/blobs/")) as srv:
        report = engine(pc, srv.url, timeout=0.5).run()
        requests_made = srv.requests
    assert report.ok, report.problems
    assert time.monotonic() - started < 20  # the watchdog gave up on the silent socket
    assert requests_made >= 3  # metadata, then at least two content requests
    assert_installed_identical(pc, hub)


def test_blob_changed_behind_the_same_url_is_refused(hub, pc, tmp_path):
    with FaultServer(hub.repo, Faults(cut_after=2 * MiB + 100)) as srv:
        engine(pc, srv.url, retries=0).run()
    m = media(hub)
    (hub.repo / blob_relpath(m.sha256)).write_bytes(content(b"other", SIZE))  # origin changed
    with FaultServer(hub.repo) as srv:
        report = engine(pc, srv.url).run()
    assert not report.ok
    assert any("corrupt" in p for p in report.problems), report.problems
    assert not pc.blobs.has(m.sha256)


def test_tampered_chunk_on_a_mirror_is_taken_from_the_hub(hub, pc, tmp_path):
    import shutil

    mirror = tmp_path / "mirror"
    shutil.copytree(hub.repo, mirror)
    m = media(hub)
    blob = mirror / blob_relpath(m.sha256)
    data = bytearray(blob.read_bytes())
    data[4 * MiB + 1] ^= 0x40
    blob.write_bytes(bytes(data))
    with FaultServer(mirror) as bad, FaultServer(hub.repo) as good:
        report = engine(pc, bad.url, good.url).run()
        from_good = sum(v for k, v in good._server.per_path.items() if k.startswith("/blobs/"))  # noqa: SLF001
        bad = next(c for c in chunks_of(hub.repo, m) if c.offset <= 4 * MiB + 1 < c.end)
        assert from_good <= SIZE - bad.offset  # only from the bad chunk on
    assert report.ok, report.problems
    assert_installed_identical(pc, hub)
