"""Requests ahead follow the link's bandwidth-delay product (sync/depth.py), and the app
update's check runs beside the lessons while its download waits for them (sync/overlap.py).
Real HTTP through the fault server; nothing here asserts on speed."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from eduteach_desktop.sync.depth import MAX_CONNECTIONS
from eduteach_desktop.sync.engine import SyncEngine, SyncReport
from eduteach_desktop.sync.policy import Backoff, RateLimiter
from eduteach_desktop.sync.sources import HttpSource, RangeResponse
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.repo_layout import blob_relpath
from tests.helpers.faultserver import Faults, FaultServer
from tests.helpers.lessons import TestRepo, pseudo_random, write_lesson
from tests.helpers.pcs import open_trusting
from tests.helpers.waiting import wait_until

LINK = 200_000  # bytes/s, shared by every response: a county link in miniature
FILES = 10


@pytest.fixture
def hub(tmp_path: Path) -> TestRepo:
    repo = TestRepo(tmp_path / "hub")
    for i in range(FILES):
        write_lesson(repo.src, f"song-{i}", order=1 + i, media_bytes=pseudo_random(f"s{i}".encode(), 24_000 + 97 * i))
    repo.publish()
    return repo


@pytest.fixture
def point(tmp_path: Path, hub: TestRepo):
    services = open_trusting(tmp_path / "point", hub)
    yield services
    services.close()


def run(point, url: str, **kw) -> SyncReport:  # noqa: ANN001, ANN003
    source = HttpSource(url + "/", timeout=20)
    return SyncEngine([source], point.library, point.blobs, point.trust, point.clock,
                      backoff=Backoff(base=0.001, cap=0.01), sleep=lambda s: None, reserve_bytes=0, **kw).run()


def test_a_long_round_trip_keeps_several_requests_in_flight(point, hub):
    with FaultServer(hub.repo, Faults(latency=0.6, link_rate=LINK)) as wan:
        report = run(point, wan.url)
        peak = wan.responses_in_flight_peak
    assert report.ok, report.problems
    assert report.lessons_complete == FILES
    # 200 kB/s x 0.6 s is ~5 files of 24 kB: several ahead, never more than the cap.
    assert 3 <= report.requests_ahead <= MAX_CONNECTIONS - 1
    assert 3 <= peak <= MAX_CONNECTIONS


def test_a_short_round_trip_keeps_one_request_ahead(point, hub):
    with FaultServer(hub.repo, Faults(link_rate=LINK)) as lan:
        report = run(point, lan.url)
    assert report.ok, report.problems
    # Loopback answers in a few milliseconds (tens on a busy machine): 200 kB/s x that
    # is less than a file of 24 kB, so one ahead; two at most, when the machine is slow.
    assert 1 <= report.requests_ahead <= 2


def test_a_wan_cap_keeps_one_request_at_a_time_on_a_long_round_trip(point, hub):
    class Counting(RateLimiter):
        counted = 0

        def consume(self, nbytes: int) -> float:
            Counting.counted += nbytes
            return super().consume(nbytes)

    limiter = Counting(50_000_000, point.clock)
    with FaultServer(hub.repo, Faults(latency=0.6, link_rate=LINK)) as wan:
        report = run(point, wan.url, limiter=limiter)
        peak = wan.responses_in_flight_peak
    assert report.ok, report.problems
    # Nothing asked for ahead: every byte on the wire went through the token bucket first.
    assert report.requests_ahead == 0
    assert peak == 1
    blobs = {(f.sha256, f.size) for ls in point.library.installed_lessons() for f in ls.files}
    assert Counting.counted >= sum(size for _, size in blobs)  # identical lyrics are one blob


def test_the_update_check_overlaps_the_lessons_and_its_download_waits_for_them(point, hub):
    checked = threading.Event()
    seen: dict[str, object] = {}

    class WaitForCheck(RateLimiter):
        def consume(self, nbytes: int) -> float:
            # The lessons' bytes go only once the hook's metadata read is done: if the hook
            # ran after the lessons (the old order), this would time out.
            seen.setdefault("overlapped", checked.wait(30))
            return 0.0

    def after_lessons(engine: SyncEngine, report: SyncReport) -> None:
        source = engine.sources[0]
        source.read_small("metadata/timestamp.json", 16_000)
        checked.set()
        blob = catalog.lessons[0].files[0]
        resp = source.open_range(blob_relpath(blob.sha256), 0, blob.size, None)
        # Files on disk, not the store's rows: those belong to the sync's own thread.
        seen["lessons_done_first"] = all(point.blobs.path(h).exists() for ls in catalog.lessons
                                         for h in ls.blob_hashes())
        b"".join(resp.chunks)
        report.add("update_note", "the hook's own problem", source.label)

    catalog = Catalog.from_bytes(hub.writer.current_catalog_bytes())
    with FaultServer(hub.repo, Faults(link_rate=LINK)) as wan:
        source = HttpSource(wan.url + "/", timeout=20)
        report = SyncEngine([source], point.library, point.blobs, point.trust, point.clock,
                            backoff=Backoff(base=0.001, cap=0.01), sleep=lambda s: None, reserve_bytes=0,
                            limiter=WaitForCheck(None, point.clock), after_lessons=after_lessons).run()
    assert report.lessons_complete == FILES
    assert seen["overlapped"] is True
    assert seen["lessons_done_first"] is True
    assert any(p.code == "update_note" for p in report.problems)


def test_chunk_indexes_are_asked_for_together_and_each_is_checked(point, hub):
    for i in range(4):
        write_lesson(hub.src, f"video-{i}", kind="video", order=50 + i,
                     media_bytes=pseudo_random(f"v{i}".encode(), 2 * 1024 * 1024 + 1000 * i))
    hub.publish()
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}

    class Counting(HttpSource):
        def read_small(self, relpath: str, max_length: int) -> bytes:
            if not relpath.startswith("blobs/"):
                return super().read_small(relpath, max_length)
            with lock:
                state["now"] += 1
                state["peak"] = max(state["peak"], state["now"])
            try:
                return super().read_small(relpath, max_length)
            finally:
                with lock:
                    state["now"] -= 1

    with FaultServer(hub.repo, Faults(latency=0.6)) as wan:
        report = SyncEngine([Counting(wan.url + "/", timeout=20)], point.library, point.blobs, point.trust,
                            point.clock, backoff=Backoff(base=0.001, cap=0.01), sleep=lambda s: None,
                            reserve_bytes=0).run()
    assert report.ok, report.problems
    assert report.lessons_complete == FILES + 4
    assert 2 <= state["peak"] <= MAX_CONNECTIONS  # several at once, never more than the cap


def test_the_next_request_goes_out_when_a_body_arrives_not_when_it_is_read(point, hub):
    # The sync is held on the first blob (as if a slow disk or a long finish held it):
    # bodies asked for ahead still arrive, and each arrival sends the next request, so the
    # hub sees more blob requests than the connection cap allows ahead of one unread blob.
    catalog = Catalog.from_bytes(hub.writer.current_catalog_bytes())
    paths = sorted({"/" + blob_relpath(h) for ls in catalog.lessons for h in ls.blob_hashes()})
    release = threading.Event()
    held: dict[str, str] = {}

    class HeldOnFirst(HttpSource):
        def open_range(self, relpath: str, offset: int, length: int, validator: str | None) -> RangeResponse:
            resp = super().open_range(relpath, offset, length, validator)
            if held.setdefault("first", relpath) != relpath:
                return resp
            inner = resp.chunks

            def chunks() -> Iterator[bytes]:
                assert release.wait(30)
                yield from inner

            resp.chunks = chunks()
            return resp

    result: dict[str, SyncReport] = {}
    with FaultServer(hub.repo, Faults(latency=0.3, link_rate=LINK)) as wan:
        source = HeldOnFirst(wan.url + "/", timeout=20)
        engine = SyncEngine([source], point.library, point.blobs, point.trust, point.clock,
                            backoff=Backoff(base=0.001, cap=0.01), sleep=lambda s: None, reserve_bytes=0)
        thread = threading.Thread(target=lambda: result.setdefault("report", engine.run()))
        thread.start()
        try:
            def blob_requests() -> int:
                return sum(wan.requests_for(p) for p in paths)

            wait_until(lambda: blob_requests() >= MAX_CONNECTIONS + 3, what="requests sent as bodies arrived")
            assert "first" in held and not point.blobs.path(held["first"].rsplit("/", 1)[-1]).exists()
        finally:
            release.set()
            thread.join(60)
        peak = wan.responses_in_flight_peak
    report = result["report"]
    assert report.ok, report.problems
    assert report.lessons_complete == FILES
    assert peak <= MAX_CONNECTIONS  # arrived bodies free their connection; never more at once
    assert 1 <= report.requests_ahead <= MAX_CONNECTIONS - 1
    for ls in point.library.installed_lessons():
        for f in ls.files:
            assert hashlib.sha256(point.blobs.path(f.sha256).read_bytes()).hexdigest() == f.sha256
