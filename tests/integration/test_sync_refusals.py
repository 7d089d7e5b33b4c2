"""Each kind of refused source: `eduteach sync` (a real subprocess over real HTTP) exits
non-zero with one line naming the source and the reason, and --json says the same.
Permanent HTTP errors are asked once; transient ones back off within the run's budget."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Metadata

from eduteach_desktop.cli.main import EXIT_REFUSED, EXIT_UNREACHABLE
from eduteach_desktop.services import Services
from eduteach_desktop.sync.engine import SyncEngine, SyncReport
from eduteach_desktop.sync.policy import Backoff
from eduteach_desktop.sync.sources import HttpSource
from eduteach_hub.publish.publisher import publish
from eduteach_hub.publish.tuf_repo import Expiry, RepositoryWriter
from tests.helpers.faultserver import Faults, FaultServer
from tests.helpers.lessons import TestRepo, write_lesson
from tests.helpers.pcs import synced_data_dir

TIMESTAMP = "metadata/timestamp.json"


@pytest.fixture
def hub(tmp_path: Path) -> TestRepo:
    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "song-a", order=1)
    write_lesson(repo.src, "song-b", order=2)
    repo.publish()
    return repo


@pytest.fixture
def data(tmp_path: Path, hub: TestRepo) -> Path:
    """A PC's data dir that trusts the hub's root and holds catalog v1, complete."""
    return synced_data_dir(tmp_path / "pc", hub)


def eduteach_sync(data: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, EDUTEACH_LANG="en", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "eduteach_desktop", "--data-dir", str(data), "sync", "--from", url, *extra],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=env,
    )


def refused_line(proc: subprocess.CompletedProcess[str], url: str, code: str) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr  # one line per refused source, no traceback
    line = lines[0]
    assert line.startswith(f"eduteach sync: {url}/ refused: "), line  # the source as the PC names it
    assert line.endswith(f"[{code}]"), line
    return line


def test_a_good_source_exits_0(data: Path, hub: TestRepo):
    with FaultServer(hub.repo) as srv:
        proc = eduteach_sync(data, srv.url)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_expired_metadata(data: Path, hub: TestRepo):
    write_lesson(hub.src, "song-c", order=3)
    publish(hub.src, RepositoryWriter(hub.repo, hub.keys, Expiry(timestamp_days=-1)))
    with FaultServer(hub.repo) as srv:
        proc = eduteach_sync(data, srv.url)
        line = refused_line(proc, srv.url, "expired")
    assert proc.returncode == EXIT_REFUSED
    assert "timestamp metadata expired on" in line and "repo refresh" in line and "date and time" in line


def test_metadata_signed_by_an_unknown_key(data: Path, hub: TestRepo):
    # Same repository, same root; the timestamp re-signed by a key the root does not name.
    path = hub.repo / TIMESTAMP
    md = Metadata.from_file(str(path))
    md.signed.version += 1
    md.signatures.clear()
    md.sign(CryptoSigner(Ed25519PrivateKey.generate()))
    path.write_bytes(md.to_bytes())
    with FaultServer(hub.repo) as srv:
        proc = eduteach_sync(data, srv.url)
        line = refused_line(proc, srv.url, "unknown_key")
    assert proc.returncode == EXIT_REFUSED
    assert "timestamp metadata is signed by a key this PC does not trust" in line


def test_another_countys_repository(data: Path, tmp_path: Path):
    other = TestRepo(tmp_path / "other-county")
    write_lesson(other.src, "song-a")
    other.publish()
    with FaultServer(other.repo) as srv:
        proc = eduteach_sync(data, srv.url)
        line = refused_line(proc, srv.url, "other_repository")
    assert proc.returncode == EXIT_REFUSED
    assert "another county's repository" in line and "root keys" in line


def test_another_countys_repository_whose_root_chain_moved_on(data: Path, tmp_path: Path):
    # Its next root (2.root.json) exists but is not signed by this PC's root.
    other = TestRepo(tmp_path / "other-county")
    write_lesson(other.src, "song-a")
    other.publish()
    shutil.copyfile(other.repo / "metadata/1.root.json", other.repo / "metadata/2.root.json")
    with FaultServer(other.repo) as srv:
        proc = eduteach_sync(data, srv.url)
        line = refused_line(proc, srv.url, "other_repository")
    assert proc.returncode == EXIT_REFUSED
    assert "another county's repository" in line


def test_a_captive_portal_is_not_a_repository(data: Path, hub: TestRepo):
    page = b"<!DOCTYPE html><html><body>Welcome to village Wi-Fi. Log in to continue.</body></html>"
    with FaultServer(hub.repo, Faults(portal=page)) as srv:
        proc = eduteach_sync(data, srv.url)
        line = refused_line(proc, srv.url, "not_a_repository")
        asked = srv.requests
    assert proc.returncode == EXIT_REFUSED
    assert "web page" in line and "captive portal" in line
    assert asked == 1  # the first metadata file already says enough: not asked again


def test_a_folder_without_metadata_is_not_a_repository(data: Path, tmp_path: Path):
    empty = tmp_path / "www"
    empty.mkdir()
    with FaultServer(empty) as srv:
        proc = eduteach_sync(data, srv.url)
        line = refused_line(proc, srv.url, "not_a_repository")
        asked = srv.requests_for("/" + TIMESTAMP)
    assert proc.returncode == EXIT_REFUSED
    assert f"{TIMESTAMP} is missing" in line
    assert asked == 1


def test_an_old_copy_is_a_rollback(data: Path, hub: TestRepo, tmp_path: Path):
    old = tmp_path / "last-term"
    shutil.copytree(hub.repo, old)
    write_lesson(hub.src, "song-c", order=3)
    hub.publish()
    with FaultServer(hub.repo) as srv:
        assert eduteach_sync(data, srv.url).returncode == 0
    with FaultServer(old) as srv:
        proc = eduteach_sync(data, srv.url)
        line = refused_line(proc, srv.url, "rollback")
    assert proc.returncode == EXIT_REFUSED
    assert "older metadata than this PC already has (timestamp v" in line


def test_mix_and_match_is_not_called_older(data: Path, hub: TestRepo):
    write_lesson(hub.src, "song-c", order=3)
    hub.publish()
    meta = hub.repo / "metadata"
    versions = sorted(int(p.name.split(".")[0]) for p in meta.glob("*.targets.json"))
    (meta / f"{versions[-1]}.targets.json").write_bytes((meta / f"{versions[-2]}.targets.json").read_bytes())
    with FaultServer(hub.repo) as srv:
        proc = eduteach_sync(data, srv.url, "--json")
    report = json.loads(proc.stdout)
    assert proc.returncode == EXIT_REFUSED == report["exit_code"]
    assert report["ok"] is False
    (problem,) = report["problems"]
    assert problem["code"] == "mix_and_match" and problem["kind"] == "refused"
    assert problem["source"].startswith("http://127.0.0.1:")
    assert "mix-and-match" in problem["message"] and "older" not in problem["message"]
    assert proc.stderr == ""


def test_an_unreachable_source_exits_4_within_its_retry_budget(data: Path, hub: TestRepo):
    with FaultServer(hub.repo) as srv:
        url = srv.url  # then the server is gone: connection refused
    proc = eduteach_sync(data, url, "--retry-budget", "0", "--json")
    report = json.loads(proc.stdout)
    assert proc.returncode == EXIT_UNREACHABLE == report["exit_code"]
    (problem,) = report["problems"]
    assert problem["code"] == "retry_budget" and problem["kind"] == "unreachable"
    assert "connection refused" in problem["message"]
    assert report["complete"] is True  # the lessons already here are fine; nothing could be checked


# --- permanent errors are asked once; transient ones are retried -------------------------
@pytest.fixture
def pc(data: Path):
    services = Services.open(data)
    yield services
    services.close()


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def engine(pc: Services, url: str, sleeps: Sleeps, budget: float = 600.0) -> SyncEngine:
    return SyncEngine([HttpSource(url + "/", timeout=5)], pc.library, pc.blobs, pc.trust, pc.clock,
                      backoff=Backoff(), sleep=sleeps, reserve_bytes=0, retry_budget=budget)


@pytest.mark.parametrize(
    "faults, code, words, gets",
    [
        (Faults(encoded_paths={TIMESTAMP}), "source_refused", "Content-Encoding: gzip", 1),
        (Faults(redirect_paths={TIMESTAMP: "file:///etc/passwd"}), "source_refused", "redirected to a file: address", 1),
        (Faults(redirect_paths={TIMESTAMP: "/" + TIMESTAMP}), "source_refused", "more than 5 redirects", 6),
        (Faults(status_paths={TIMESTAMP: 401}), "source_refused", "HTTP 401", 1),
        (Faults(status_paths={TIMESTAMP: 400}), "source_refused", "HTTP 400", 1),
        (Faults(endless_paths={TIMESTAMP}), "not_a_repository", "far too large", 1),
    ],
    ids=["content-encoding", "file-redirect", "redirect-loop", "401", "400", "endless"],
)
def test_permanent_metadata_errors_are_not_retried(pc: Services, hub: TestRepo, faults: Faults, code: str, words: str,
                                                   gets: int):
    sleeps = Sleeps()
    with FaultServer(hub.repo, faults) as srv:
        report = engine(pc, srv.url, sleeps).run()
        asked = srv.requests_for("/" + TIMESTAMP)
    assert [p.code for p in report.problems] == [code], report.problems
    assert words in report.problems[0].message
    assert report.problems[0].kind == "refused" and not report.ok
    assert asked == gets  # one GET, or one per hop of a loop the client stopped following
    assert sleeps == []


@pytest.mark.parametrize("status", [408, 429, 503])
def test_transient_statuses_are_retried(pc: Services, hub: TestRepo, status: int):
    sleeps = Sleeps()
    with FaultServer(hub.repo, Faults(status_paths={TIMESTAMP: status})) as srv:
        report = SyncEngine([HttpSource(srv.url + "/", timeout=5)], pc.library, pc.blobs, pc.trust, pc.clock,
                            backoff=Backoff(), sleep=sleeps, reserve_bytes=0, max_retries=3).run()
        asked = srv.requests_for("/" + TIMESTAMP)
    assert asked == 4 and len(sleeps) == 3
    assert [p.code for p in report.problems] == ["server_failing"]
    assert report.problems[0].kind == "unreachable"


def test_a_blob_larger_than_declared_is_refused_once(pc: Services, hub: TestRepo):
    write_lesson(hub.src, "song-c", order=3)
    hub.publish()
    from eduteach_protocol.catalog import Catalog
    from eduteach_protocol.repo_layout import blob_relpath

    media = Catalog.from_bytes(hub.writer.current_catalog_bytes() or b"").by_id()["song-c"].first_file("media")
    assert media is not None
    rel = blob_relpath(media.sha256)
    sleeps = Sleeps()
    with FaultServer(hub.repo, Faults(body_paths={rel: b"x" * (media.size + 1000)})) as srv:
        report = engine(pc, srv.url, sleeps).run()
        asked = srv.requests_for("/" + rel)
    assert [p.code for p in report.problems] == ["source_refused"], report.problems
    assert f"the catalog says {media.size}" in report.problems[0].message
    assert asked == 1 and sleeps == []
    assert not pc.blobs.has(media.sha256)


def test_transient_failures_wait_no_longer_than_the_retry_budget_in_total(pc: Services, hub: TestRepo):
    for i in range(6):
        write_lesson(hub.src, f"extra-{i}", order=10 + i)
    hub.publish()
    with FaultServer(hub.repo) as good:  # the new catalog arrives; its files will not
        SyncEngine([HttpSource(good.url + "/")], pc.library, pc.blobs, pc.trust, pc.clock,
                   reserve_bytes=0).refresh_catalog(SyncReport())
    sleeps = Sleeps()
    with FaultServer(hub.repo, Faults(error_rate=1.0, error_status=503, retry_after="30")) as srv:
        report = engine(pc, srv.url, sleeps, budget=100.0).run()
        asked = srv.requests
    # Retry-After 30 s is honoured each time, and the waits stop before 100 s in total,
    # across the metadata and all six missing lessons (8 tries each would be 56 waits).
    assert sum(sleeps) <= 100.0
    assert all(s >= 30 for s in sleeps) and len(sleeps) == 3
    assert asked == len(sleeps) + 1
    assert [p.code for p in report.problems] == ["retry_budget"], report.problems
    assert "budget" in report.problems[0].message
    assert not report.ok and report.lessons_complete == 2


def test_a_server_that_drips_is_dropped_and_the_run_still_ends(pc: Services, hub: TestRepo):
    # One 16 KiB piece every second never trips a 30 s read timeout; the minimum average
    # rate does (here 64 KB/s after 0.3 s), and the retry budget ends the run.
    from tests.helpers.lessons import pseudo_random

    write_lesson(hub.src, "video-c", kind="video", order=3, media_bytes=pseudo_random(b"c", 2 * 1024 * 1024))
    hub.publish()
    with FaultServer(hub.repo) as good:
        SyncEngine([HttpSource(good.url + "/")], pc.library, pc.blobs, pc.trust, pc.clock,
                   reserve_bytes=0).refresh_catalog(SyncReport())
    sleeps = Sleeps()
    with FaultServer(hub.repo, Faults(rate=16 * 1024)) as srv:
        source = HttpSource(srv.url + "/", timeout=30, min_rate=64_000, grace=0.3)
        report = SyncEngine([source], pc.library, pc.blobs, pc.trust, pc.clock, backoff=Backoff(),
                            sleep=sleeps, reserve_bytes=0, retry_budget=5.0).run()
    assert not report.ok and report.lessons_complete == 2
    assert sum(sleeps) <= 5.0
    assert [p.code for p in report.problems] == ["retry_budget"], report.problems
    assert "a link this slow is tried again later" in report.problems[0].message
