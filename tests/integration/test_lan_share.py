"""`eduteach share` and PCs nearby as sources, on 127.0.0.1: the share serves only verified
lessons, read-only, with Range/ETag, a client limit; a sync takes its bytes from peers first
and the hub as the fallback; a bad, stalled, lying or vanishing peer is named and the sync
finishes from the other sources with nothing unverified installed."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
import requests

from eduteach_desktop.services import Services
from eduteach_desktop.sync.engine import PEER, SyncEngine
from eduteach_desktop.sync.policy import Backoff, RateLimiter
from eduteach_desktop.sync.progress import ProgressBoard, SyncProgress
from eduteach_desktop.sync.share import LessonShare
from eduteach_desktop.sync.sources import HttpSource
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.repo_layout import blob_relpath
from tests.helpers.faultserver import Faults, FaultServer
from tests.helpers.lessons import TestRepo, pseudo_random, write_lesson
from tests.helpers.pcs import open_trusting

MiB = 1024 * 1024
SIZE = 3 * MiB + 4321


@pytest.fixture
def hub(tmp_path: Path) -> TestRepo:
    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "video-a", kind="video", media_bytes=pseudo_random(b"a", SIZE))
    write_lesson(repo.src, "song-b", order=2)
    repo.publish()
    return repo


@pytest.fixture
def school(tmp_path: Path, hub: TestRepo):
    """The central school PC: synced from the hub, sharing on 127.0.0.1 (no announcement)."""
    services = open_trusting(tmp_path / "school", hub)
    with FaultServer(hub.repo) as srv:
        assert services.sync([srv.url + "/"]).ok
    share = services.lesson_share(port=0, host="127.0.0.1", announce=False, max_clients=2)
    share.start()
    yield services, share
    share.stop()
    services.close()


@pytest.fixture
def point(tmp_path: Path, hub: TestRepo):
    services = open_trusting(tmp_path / "point", hub)
    yield services
    services.close()


def media(hub: TestRepo):
    return Catalog.from_bytes(hub.writer.current_catalog_bytes()).by_id()["video-a"].first_file("media")


def engine(pc: Services, hub_url: str, *peers: HttpSource, limiter: RateLimiter | None = None) -> SyncEngine:
    return SyncEngine(
        [HttpSource(hub_url + "/", timeout=5), *peers], pc.library, pc.blobs, pc.trust, pc.clock,
        backoff=Backoff(base=0.001, cap=0.01), sleep=lambda s: None, reserve_bytes=0, limiter=limiter,
    )


def peer(url: str, timeout: float = 5.0) -> HttpSource:
    return HttpSource(url, timeout=timeout, kind="lan")


def blob_bytes_served(srv: FaultServer) -> int:
    return sum(n for path, n in srv._server.per_path.items() if path.startswith("/blobs/"))  # noqa: SLF001


def assert_all_installed(pc: Services, hub: TestRepo) -> None:
    m = media(hub)
    assert pc.blobs.path(m.sha256).read_bytes() == (hub.repo / blob_relpath(m.sha256)).read_bytes()
    assert {ls.id for ls in pc.library.installed_lessons()} == {"video-a", "song-b"}


def share_url(share: LessonShare) -> str:
    return f"http://127.0.0.1:{share.port}/"


# --- the share server ----------------------------------------------------------------------
def test_share_serves_the_signed_layout_with_range_and_etag_and_nothing_else(school, hub):
    services, share = school
    url = share_url(share)
    m = media(hub)
    path = blob_relpath(m.sha256)
    whole = requests.get(url + path, timeout=5)
    assert whole.status_code == 200 and whole.content == (hub.repo / path).read_bytes()
    etag = whole.headers["ETag"]
    assert etag == f'"{m.sha256}"'
    part = requests.get(url + path, headers={"Range": "bytes=100-199", "If-Range": etag}, timeout=5)
    assert part.status_code == 206 and part.headers["Content-Range"] == f"bytes 100-199/{m.size}"
    assert part.content == whole.content[100:200]
    stale = requests.get(url + path, headers={"Range": "bytes=100-199", "If-Range": '"other"'}, timeout=5)
    assert stale.status_code == 200 and len(stale.content) == m.size
    head = requests.head(url + path, timeout=5)
    assert head.status_code == 200 and head.headers["Content-Length"] == str(m.size) and not head.content
    assert requests.get(url + path, headers={"Range": f"bytes={m.size}-"}, timeout=5).status_code == 416
    for meta in ("metadata/root.json", "metadata/timestamp.json", "metadata/1.root.json"):
        assert requests.get(url + meta, timeout=5).status_code == 200, meta
    # No records, keys, credentials, partial files, database, or anything by a crafted name.
    for bad in ("eduteach.sqlite3", "../eduteach.sqlite3", "keys/device.key", "trust/root.json",
                "partials/x.part", "blobs/../eduteach.sqlite3", f"blobs/00/{m.sha256}",
                "blobs/" + "ab/" + "ab" * 32, "metadata/../../eduteach.sqlite3"):
        assert requests.get(url + bad, timeout=5).status_code == 404, bad
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        resp = requests.request(method, url + path, data=b"x", timeout=5)
        assert resp.status_code == 405 and resp.headers["Allow"] == "GET, HEAD"
    assert services.blobs.has(m.sha256)  # nothing changed


def test_share_never_serves_a_blob_that_is_not_verified(school, hub):
    services, share = school
    m = media(hub)
    services.blobs.forget(m.sha256)  # as `eduteach verify --repair` does with a bad file
    assert requests.get(share_url(share) + blob_relpath(m.sha256), timeout=5).status_code == 404


def test_share_limits_concurrent_clients(school, hub):
    _, share = school
    held = [socket.create_connection(("127.0.0.1", share.port)) for _ in range(4 * 2)]
    try:
        # Every connection slot is taken (idle PCs): the next PC is told to come back.
        resp = requests.get(share_url(share) + "metadata/timestamp.json", timeout=5)
        assert resp.status_code == 503 and resp.headers["Retry-After"] == "5"
    finally:
        for s in held:
            s.close()


# --- peers as sources -----------------------------------------------------------------------
def test_lessons_come_from_the_peer_and_the_hub_sends_only_metadata(school, point, hub):
    _, share = school
    with FaultServer(hub.repo) as wan:
        report = engine(point, wan.url, peer(share_url(share))).run()
        assert blob_bytes_served(wan) == 0
    assert report.ok, report.problems
    assert report.bytes_by_source[share_url(share)] >= SIZE
    assert share_url(share) not in {p.source for p in report.problems}
    assert_all_installed(point, hub)


def test_a_peer_that_serves_wrong_bytes_is_dropped_named_and_the_hub_finishes(tmp_path, point, hub):
    bad = tmp_path / "bad-peer"
    shutil.copytree(hub.repo, bad)
    m = media(hub)
    blob = bad / blob_relpath(m.sha256)
    data = bytearray(blob.read_bytes())
    data[MiB + 10] ^= 0xFF  # the second chunk is wrong
    blob.write_bytes(bytes(data))
    with FaultServer(bad) as liar, FaultServer(hub.repo) as wan:
        report = engine(point, wan.url, peer(liar.url + "/")).run()
        liar_requests = liar._server.path_requests.get("/" + blob_relpath(m.sha256), 0)  # noqa: SLF001
    assert report.complete, report.problems
    named = [p for p in report.problems if p.code == "bad_source"]
    assert [p.source for p in named] == [liar.url + "/"] and named[0].kind == PEER
    assert liar_requests == 1  # dropped for the rest of the run
    assert report.ok  # a bad neighbour does not spoil a sync the hub completed
    assert_all_installed(point, hub)


def test_a_peer_that_stalls_or_vanishes_mid_transfer_hands_over_to_the_hub(tmp_path, point, hub):
    m = media(hub)
    # Cut after 1.5 MiB, then nothing more: the school PC was switched off.
    with FaultServer(hub.repo, Faults(cut_after=MiB + MiB // 2, only_prefix="/blobs/")) as gone, \
            FaultServer(hub.repo) as wan:
        report = engine(point, wan.url, peer(gone.url + "/", timeout=1)).run()
        from_hub = wan._server.per_path.get("/" + blob_relpath(m.sha256), 0)  # noqa: SLF001
    assert report.ok, report.problems
    assert any(p.code == "peer_gone" and p.source == gone.url + "/" for p in report.problems)
    assert from_hub <= m.size - MiB  # resumed from the peer's last good chunk
    assert_all_installed(point, hub)


def test_an_endless_body_from_a_peer_is_cut_at_the_declared_length(point, hub):
    m = media(hub)
    with FaultServer(hub.repo, Faults(endless_paths={blob_relpath(m.sha256)})) as endless, \
            FaultServer(hub.repo) as wan:
        report = engine(point, wan.url, peer(endless.url + "/")).run()
    assert report.complete, report.problems
    assert_all_installed(point, hub)


def test_peers_with_older_and_newer_catalogs(tmp_path, point, hub):
    old_copy = tmp_path / "old"
    shutil.copytree(hub.repo, old_copy)
    write_lesson(hub.src, "song-c", order=3)
    hub.publish()  # v2: the older peer still offers v1 (it lies by being out of date)
    newer = tmp_path / "newer"
    shutil.copytree(hub.repo, newer)
    with FaultServer(old_copy) as old, FaultServer(newer) as new, \
            FaultServer(hub.repo, Faults(error_rate=1.0, error_status=503)) as wan:
        report = SyncEngine(
            [HttpSource(wan.url + "/", timeout=2), peer(old.url + "/"), peer(new.url + "/")],
            point.library, point.blobs, point.trust, point.clock,
            backoff=Backoff(base=0.001, cap=0.01), sleep=lambda s: None, reserve_bytes=0, max_retries=1,
        ).run()
    # The newest signed catalog wins wherever it came from; the older peer still gives blobs.
    assert report.catalog_version == 2 and report.complete, report.problems
    assert {ls.id for ls in point.library.installed_lessons()} == {"video-a", "song-b", "song-c"}
    assert sum(report.bytes_by_source.values()) >= SIZE


def test_the_wan_throttle_counts_only_wan_bytes(school, point, hub):
    _, share = school

    class Counting(RateLimiter):
        counted = 0

        def consume(self, nbytes: int) -> float:
            Counting.counted += nbytes
            return 0.0

    with FaultServer(hub.repo) as wan:
        report = engine(point, wan.url, peer(share_url(share)), limiter=Counting(None, point.clock)).run()
        wan_blob_bytes = blob_bytes_served(wan)
    assert report.ok, report.problems
    assert Counting.counted == wan_blob_bytes == 0


def test_two_requests_in_flight_on_a_long_round_trip(point, hub, tmp_path):
    for i in range(4):
        write_lesson(hub.src, f"small-{i}", order=10 + i)
    hub.publish()
    with FaultServer(hub.repo, Faults(latency=0.6)) as wan:
        source = HttpSource(wan.url + "/", timeout=10)
        report = SyncEngine([source], point.library, point.blobs, point.trust, point.clock,
                            backoff=Backoff(base=0.001, cap=0.01), sleep=lambda s: None, reserve_bytes=0).run()
    assert report.ok, report.problems
    assert source.rtt is not None and source.rtt >= 0.6
    assert source.preopen_hits >= 1  # the next blob's request was sent before this one ended


def test_no_request_is_asked_for_ahead_under_a_wan_cap(point, hub):
    # A response asked for early would fill the socket buffer at the link's full speed
    # before the token bucket sees it: with a cap, one request at a time.
    for i in range(3):
        write_lesson(hub.src, f"small-{i}", order=10 + i)
    hub.publish()
    with FaultServer(hub.repo, Faults(latency=0.6)) as wan:
        source = HttpSource(wan.url + "/", timeout=10)
        limiter = RateLimiter(50 * MiB, point.clock)
        report = SyncEngine([source], point.library, point.blobs, point.trust, point.clock, limiter=limiter,
                            backoff=Backoff(base=0.001, cap=0.01), sleep=lambda s: None, reserve_bytes=0).run()
    assert report.ok, report.problems
    assert source.rtt is not None and source.rtt >= 0.6
    assert source.preopen_hits == 0


def test_cli_sync_with_a_peer_says_where_the_bytes_came_from(school, hub, tmp_path):
    import subprocess
    import sys

    _, share = school
    data = tmp_path / "cli-point"
    open_trusting(data, hub).close()
    with FaultServer(hub.repo) as wan:
        out = subprocess.run(
            [sys.executable, "-m", "eduteach_desktop", "--data-dir", str(data), "sync", "--from", wan.url + "/",
             "--peer", share_url(share), "--quiet"],
            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert out.returncode == 0, out.stderr
    assert "lessons ready" in out.stdout and f"from {share_url(share)}" in out.stdout, out.stdout


# --- the metered rule: the county link only ---------------------------------------------------
def test_a_metered_pc_still_gets_its_lessons_from_a_peer_and_never_touches_the_hub(school, point, hub):
    _, share = school
    with FaultServer(hub.repo) as wan:
        report = SyncEngine(
            [HttpSource(wan.url + "/", timeout=5), peer(share_url(share))], point.library, point.blobs,
            point.trust, point.clock, backoff=Backoff(base=0.001, cap=0.01), sleep=lambda s: None,
            reserve_bytes=0, wan_paused=lambda: True,
        ).run()
        wan_requests = sum(wan._server.path_requests.values())  # noqa: SLF001
    assert wan_requests == 0  # not even the timestamp: a metered link is paid by the byte
    assert report.complete, report.problems
    assert [p.code for p in report.problems] == ["metered"] and report.problems[0].source == wan.url + "/"
    assert not report.ok  # the hub was not asked whether there is something newer
    assert report.bytes_by_source == {share_url(share): report.bytes_by_source[share_url(share)]}
    assert_all_installed(point, hub)


def test_the_link_turning_metered_mid_run_stops_the_hub_and_keeps_what_arrived(point, hub):
    m = media(hub)
    metered, turned = False, False
    with FaultServer(hub.repo, Faults(rate=2 * MiB)) as wan:
        def turn_metered(snap: SyncProgress) -> None:
            nonlocal metered, turned
            if snap.bytes_done > 2 * MiB + 64 * 1024 and not turned:
                metered = turned = True  # the network monitor said so, from another thread

        source = HttpSource(wan.url + "/", timeout=5)
        eng = SyncEngine([source], point.library, point.blobs, point.trust, point.clock,
                         progress=ProgressBoard(point.clock.monotonic, turn_metered),
                         backoff=Backoff(base=0.001, cap=0.01), sleep=lambda s: None, reserve_bytes=0,
                         wan_paused=lambda: metered)
        report = eng.run()
        sent_then = wan.bytes_sent
        assert "metered" in [p.code for p in report.problems] and not report.complete
        kept = point.blobs.partial_state(m.sha256).verified
        assert kept > 0  # the verified chunks stay for the next run
        metered = False
        again = eng.run()
        assert again.ok, again.problems
        assert wan.bytes_sent - sent_then <= m.size - kept + 256 * 1024  # resumed, not restarted
    assert_all_installed(point, hub)
