"""The PC side of app updates against a real hub home (publish-app, apps role) and real
signed metadata: find, download, stage, refuse; A/B apply with a supervised trial and
rollback, with real child processes standing in for the new version's program.

The frozen bundle's end-to-end journey is in tests/packaging/test_app_update_frozen.py."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
import sys
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from tuf.api.metadata import Metadata

from eduteach_desktop.services import Services
from eduteach_desktop.store.fileio import FileIO
from eduteach_desktop.sync.sources import FolderSource, RangeResponse
from eduteach_desktop.update.apply import BundleSlots, inno_setup_command
from eduteach_desktop.update.identity import BUNDLE, AppIdentity
from eduteach_hub.config import HubHome
from eduteach_hub.publish.tuf_repo import load_signer
from eduteach_protocol.app_release import APPS_ROLE
from tests.helpers.lessons import write_lesson
from tests.integration.hubproc import cli, init_home

ROOT = Path(__file__).resolve().parents[2]

# A stand-in for a version's program: on trial it runs the real self-test and writes the
# real healthy mark (update/boot.py), as a frozen bundle's `eduteach update --confirm-health`.
HEALTHY_PROGRAM = """#!/bin/sh
HERE=$(cd "$(dirname "$0")" && pwd)
exec "{python}" - "$HERE" "$@" <<'PY'
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from eduteach_desktop.resources import resource_path
from eduteach_desktop.update.boot import confirm_health
from eduteach_desktop.update.identity import AppIdentity
here, args = Path(sys.argv[1]), sys.argv[2:]
data = Path(args[args.index("--data-dir") + 1])
ident = AppIdentity.for_bundle(here, here / "eduteach")
on_trial, problems = confirm_health(data / "updates", ident, resource_path)
sys.exit(0 if on_trial and not problems else 3)
PY
"""
CRASHING_PROGRAM = "#!/bin/sh\necho 'Segmentation fault' >&2\nexit 139\n"


def bundle_archive(folder: Path, name: str, program: str, payload: bytes = b"x" * 4096) -> Path:
    """A one-folder bundle as publish-app gets it: eduteach/ with its program inside."""
    path = folder / name
    with tarfile.open(path, "w:gz") as tar:
        for member, body in (("eduteach/eduteach", program.encode()), ("eduteach/_internal/base.bin", payload)):
            info = tarfile.TarInfo(member)
            info.size, info.mode = len(body), 0o755
            tar.addfile(info, io.BytesIO(body))
    return path


def healthy_program() -> str:
    return HEALTHY_PROGRAM.format(python=sys.executable, root=str(ROOT))


class County:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.home = init_home(tmp)
        self.repo = self.home / "repo"
        src = tmp / "src"
        write_lesson(src, "music-ry-0")
        assert cli("publish", str(src), home=self.home)[0] == 0

    def publish_app(self, version: str, program: str | None = None, platform: str = "linux-x64",
                    channel: str = "stable", payload: bytes = b"x" * 4096) -> Path:
        pkg = bundle_archive(self.tmp, f"eduteach-{version}-{platform}.tar.gz", program or healthy_program(), payload)
        rc, out = cli("publish-app", str(pkg), "--platform", platform, "--version", version,
                      "--channel", channel, home=self.home)
        assert rc == 0, out
        return pkg

    def root(self) -> bytes:
        return (self.repo / "metadata" / "1.root.json").read_bytes()


def install_slot(root: Path, slot: str, version: str, program: str) -> AppIdentity:
    folder = root / "slots" / slot
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "eduteach").write_text(program, encoding="utf-8")
    (folder / "eduteach").chmod(0o755)
    (folder / "eduteach-version.txt").write_text(version, encoding="utf-8")
    BundleSlots(root).set_current(slot)
    return AppIdentity.for_bundle(folder, folder / "eduteach", system="linux")


class Pc:
    def __init__(self, tmp: Path, county: County, version: str = "1.0.0", fileio: FileIO | None = None):
        self.data = tmp / "data"
        self.install = tmp / "install"
        self.identity = install_slot(self.install, "a", version, healthy_program())
        self.county = county
        self.fileio = fileio
        with self.open() as s:
            s.trust.install_root(county.root())

    @contextmanager
    def open(self, identity: AppIdentity | None = None) -> Iterator[Services]:
        s = Services.open(self.data, identity=identity or self.identity, fileio=self.fileio)
        try:
            yield s
        finally:
            s.close()

    def sync(self, *sources: str):
        with self.open() as s:
            return s.sync(list(sources) or [str(self.county.repo)]), s.updates.state(), s.inventory()


@pytest.fixture
def county(tmp_path: Path) -> County:
    return County(tmp_path)


def codes(report) -> list[str]:
    return [p.code for p in report.problems]


def test_a_newer_version_is_staged_after_the_lessons(tmp_path: Path, county: County):
    county.publish_app("2.0.0")
    pc = Pc(tmp_path, county)
    report, state, inventory = pc.sync()
    assert report.ok and report.lessons_complete == 1, report.problems
    assert state.state == "staged" and state.staged and state.staged["version"] == "2.0.0"
    staged = pc.data / "updates" / "staged" / state.staged["sha256"]
    assert staged.read_bytes() == (county.tmp / "eduteach-2.0.0-linux-x64.tar.gz").read_bytes()
    assert inventory["app_version"] == "1.0.0" and inventory["update_state"] == "staged"
    assert inventory["update_version"] == "2.0.0" and inventory["app_platform"] == "linux-x64"
    # Staged once: the next sync fetches nothing again and keeps it.
    report2, state2, _ = pc.sync()
    assert state2.staged == state.staged and "update_incomplete" not in codes(report2)


def test_pilot_versions_reach_only_pilot_schools(tmp_path: Path, county: County):
    county.publish_app("2.0.0", channel="pilot")
    pc = Pc(tmp_path, county)
    _, state, _ = pc.sync()
    assert state.staged is None  # a stable PC
    with pc.open() as s:
        s.apply_hub_config({"channel": "pilot"})
    _, state, _ = pc.sync()
    assert state.staged and state.staged["version"] == "2.0.0"


def test_an_older_version_is_never_installed(tmp_path: Path, county: County):
    county.publish_app("0.9.0")
    pc = Pc(tmp_path, county)
    report, state, _ = pc.sync()
    problem = next(p for p in report.problems if p.code == "update_older")
    assert "0.9.0" in problem.message and "older than the one this PC runs (1.0.0)" in problem.message
    assert state.staged is None and report.ok  # the lessons are not held back by it


def test_a_package_for_another_platform_is_not_taken(tmp_path: Path, county: County):
    county.publish_app("2.0.0", platform="windows-x64")
    pc = Pc(tmp_path, county)
    report, state, _ = pc.sync()
    assert "update_other_platform" in codes(report) and state.staged is None


def test_a_tampered_package_is_discarded(tmp_path: Path, county: County):
    pkg = county.publish_app("2.0.0")
    sha = hashlib.sha256(pkg.read_bytes()).hexdigest()
    blob = county.repo / "blobs" / sha[:2] / sha
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0x01
    blob.unlink()  # a hard link to the consistent-snapshot copy: break it, then write
    blob.write_bytes(bytes(data))
    pc = Pc(tmp_path, county)
    report, state, _ = pc.sync()
    problem = next(p for p in report.problems if p.code == "update_tampered")
    assert "does not match its signature" in problem.message
    assert state.staged is None and state.state == "failed" and "2.0.0" in (state.last_error or "")
    assert not list((pc.data / "updates" / "staged").glob("*"))


def test_apps_metadata_signed_by_the_lesson_key_is_refused(tmp_path: Path, county: County):
    county.publish_app("2.0.0")
    pc = Pc(tmp_path, county)
    home = HubHome(county.home)
    writer = home.writer()
    apps_md: Metadata = writer.load(APPS_ROLE)
    apps_md.signed.version += 1
    apps_md.signatures.clear()
    apps_md.sign(load_signer(home.keys_dir, "targets"))
    writer.write_delegated(APPS_ROLE, apps_md)
    report, state, _ = pc.sync()
    problem = next(p for p in report.problems if p.code == "update_apps_refused")
    assert "not signed by the county's apps key" in problem.message
    assert state.staged is None and report.lessons_complete == 1


class CutSource(FolderSource):
    """A USB stick pulled (or the power cut) after `limit` bytes of any range."""

    def __init__(self, root: Path, limit: int):
        super().__init__(root)
        self.limit = limit

    def open_range(self, relpath: str, offset: int, length: int, validator: str | None) -> RangeResponse:
        resp = super().open_range(relpath, offset, length, validator)
        budget = self.limit

        def cut():
            nonlocal budget
            for block in resp.chunks:
                if budget <= 0:
                    return
                yield block[:budget]
                budget -= len(block)
        return RangeResponse(offset=resp.offset, chunks=cut(), validator=resp.validator, close=resp.close,
                             total=resp.total)


def test_a_cut_download_resumes_where_it_stopped(tmp_path: Path, county: County):
    pkg = county.publish_app("2.0.0", payload=os.urandom(300_000))  # does not compress
    pc = Pc(tmp_path, county)
    with pc.open() as s:
        first = s.updates.fetcher.fetch([CutSource(county.repo, 100_000)])
        assert [n.code for n in first.notes] == ["update_incomplete"]
        assert "the next sync resumes it" in first.notes[0].message
        partial = s.updates.fetcher.packages
        sha = first.offer.sha256
        got = partial.partial_state(sha).received
        assert 0 < got < pkg.stat().st_size
        fetched: list[int] = []
        second = s.updates.fetcher.fetch([FolderSource(county.repo)], on_bytes=fetched.append)
        assert second.staged is not None and second.staged.version == "2.0.0"
        assert sum(fetched) == pkg.stat().st_size - got  # only the rest crossed again
        assert partial.path(sha).read_bytes() == pkg.read_bytes()


class FullDisk(FileIO):
    def write_at(self, path: Path, offset: int, data: bytes) -> None:
        if "updates" in path.parts:
            raise OSError(errno.ENOSPC, "No space left on device")
        super().write_at(path, offset, data)


def test_a_full_disk_while_staging_keeps_everything_else(tmp_path: Path, county: County):
    county.publish_app("2.0.0")
    pc = Pc(tmp_path, county, fileio=FullDisk())
    report, state, inventory = pc.sync()
    problem = next(p for p in report.problems if p.code == "update_disk_full")
    assert "disk is full" in problem.message
    assert report.lessons_complete == 1 and state.staged is None
    assert inventory["update_state"] == "failed" and "disk is full" in inventory["last_update_error"]


def test_a_withdrawn_version_is_unstaged(tmp_path: Path, county: County):
    county.publish_app("2.0.0")
    pc = Pc(tmp_path, county)
    _, state, _ = pc.sync()
    assert state.staged
    assert cli("app", "withdraw", "2.0.0", "--platform", "linux-x64", home=county.home)[0] == 0
    report, state, _ = pc.sync()
    assert "update_withdrawn" in codes(report) and state.staged is None


def test_v2_applied_healthy_then_v3_crashes_and_the_pc_rolls_back(tmp_path: Path, county: County):
    county.publish_app("2.0.0")
    pc = Pc(tmp_path, county)
    records_before = None
    with pc.open() as s:
        s.sync([str(county.repo)])
        records_before = s.outbox.counts()
        sup = s.updates.supervisor
        sup.timeout = 60
    assert "installed" in sup.apply_staged()
    slots = BundleSlots(pc.install)
    assert slots.current() == "a" and (slots.folder("b") / "eduteach-version.txt").read_text(encoding="utf-8") == "2.0.0"
    outcome = sup.run_trial(["--data-dir", str(pc.data), "update", "--confirm-health"])
    assert outcome is not None and outcome.healthy, sup.states.load()
    assert slots.current() == "b"
    v2 = AppIdentity.for_bundle(slots.folder("b"), slots.executable("b"), system="linux")
    assert v2.version == "2.0.0" and v2.install_kind == BUNDLE
    with pc.open(v2) as s:
        assert s.inventory()["app_version"] == "2.0.0" and s.updates.state().state == "healthy"

    # v3 crashes on start: two tries, then v2 carries on and v3 is never installed again.
    county.publish_app("3.0.0", program=CRASHING_PROGRAM)
    with pc.open(v2) as s:
        s.sync([str(county.repo)])
        sup3 = s.updates.supervisor
    sup3.apply_staged()
    assert slots.current() == "b"
    outcome = sup3.run_trial(["--data-dir", str(pc.data), "update", "--confirm-health"])
    assert outcome is not None and not outcome.healthy
    assert slots.current() == "b"  # v2 is still what starts
    with pc.open(v2) as s:
        state = s.updates.state()
        inv = s.inventory()
        assert s.outbox.counts() == records_before  # records untouched either way
        assert s.library.installed_lessons()
        report = s.sync([str(county.repo)])
    assert state.state == "rolled_back" and state.bad_versions == ["3.0.0"]
    assert "version 3.0.0 failed twice" in state.last_error and "exit code 139" in state.last_error
    assert inv["update_state"] == "rolled_back" and inv["update_version"] == "3.0.0"
    assert inv["app_version"] == "2.0.0" and "failed twice" in inv["last_update_error"]
    assert "update_bad_version" in codes(report)  # offered again: refused, not fetched
    from eduteach_desktop.cli import doctor
    from eduteach_desktop.core.clock import SystemClock

    check = next(c for c in doctor.diagnose(pc.data, str(pc.data), SystemClock(), offline=True)
                 if c.area == "app update")
    assert check.level == doctor.WARN and "version 3.0.0 failed twice" in check.title
    assert not list((pc.data / "updates" / "staged").glob("*"))


def test_a_version_that_never_marks_itself_healthy_times_out(tmp_path: Path, county: County):
    # the fault itself: a new version that runs (30 s) but never says it is healthy
    county.publish_app("2.0.0", program="#!/bin/sh\nexec sleep 30\n")
    pc = Pc(tmp_path, county)
    with pc.open() as s:
        s.sync([str(county.repo)])
        sup = s.updates.supervisor
    sup.timeout = 0.5
    sup.apply_staged()
    outcome = sup.run_trial([])
    assert outcome is not None and not outcome.healthy
    state = sup.states.load()
    assert "did not reach its main window within" in (state.last_error or "")
    assert BundleSlots(pc.install).current() == "a"


def test_an_update_travels_on_another_pcs_usb_export(tmp_path: Path, county: County):
    county.publish_app("2.0.0")
    first = Pc(tmp_path / "first", county)
    first.sync()
    stick = tmp_path / "stick"
    with first.open() as s:
        s.export_repository(stick)
    assert list((stick / "metadata").glob("*.apps.json"))
    shutil.rmtree(county.repo)  # the second school never sees the hub: only the stick
    county.repo = stick
    second = Pc(tmp_path / "second", county)
    report, state, _ = second.sync(str(stick))
    assert report.lessons_complete == 1, report.problems
    assert state.staged and state.staged["version"] == "2.0.0"


def test_the_windows_installer_runs_silently_into_a_new_slot():
    """It cannot run here (no Windows machine runs the suite): the exact command line.
    /TRIAL (eduteach.iss) puts the version in slots\\X.Y.Z and leaves `current` alone."""
    cmd = inno_setup_command(Path("C:/ProgramData/EduTeach/updates/staged/abc"), Path("C:/Program Files/EduTeach"),
                             Path("C:/Users/t/AppData/Local/EduTeach/updates/install.log"))
    assert cmd == ["C:/ProgramData/EduTeach/updates/staged/abc" if os.sep == "/" else cmd[0],
                   "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/SP-", "/TRIAL", "/NOCLOSEAPPLICATIONS",
                   "/DIR=C:/Program Files/EduTeach", "/LOG=C:/Users/t/AppData/Local/EduTeach/updates/install.log"]


def test_the_school_channel_reaches_the_pc_by_enrollment_file_and_online(tmp_path: Path, county: County):
    from eduteach_desktop.store import settings as keys
    from eduteach_desktop.sync import enroll_file as pc_enroll
    from tests.integration.hubproc import running_hub

    assert cli("school", "add", "4301230005", "--name", "大坪村教学点", home=county.home)[0] == 0
    assert cli("school", "set", "4301230005", "--channel", "pilot", home=county.home)[0] == 0
    stick = tmp_path / "stick" / "school.etenroll"
    rc, text = cli("school", "enroll-file", "4301230005", "--out", str(stick), home=county.home)
    assert rc == 0, text

    def opened(folder: Path) -> Services:
        return Services.open(folder, identity=AppIdentity("1.0.0", "linux-x64", BUNDLE, None, None))

    s = opened(tmp_path / "by-file")
    try:
        assert s.settings.get(keys.UPDATE_CHANNEL) is None  # stable until the county says otherwise
        pc_enroll.apply(s, pc_enroll.read(s, stick), "教室电脑")
        assert s.settings.get(keys.UPDATE_CHANNEL) == "pilot"
    finally:
        s.close()
    with running_hub(county.home) as url:
        s = opened(tmp_path / "online")
        try:
            code = cli("school", "code", "4301230005", home=county.home)[1].strip().splitlines()[-1]
            s.enroll(url, code)
            assert s.settings.get(keys.UPDATE_CHANNEL) == "pilot"
            assert cli("school", "set", "4301230005", "--channel", "stable", home=county.home)[0] == 0
            s.upload()  # GET /api/v1/devices/me before the upload carries the channel
            assert s.settings.get(keys.UPDATE_CHANNEL) == "stable"
        finally:
            s.close()


def test_the_next_start_installs_a_waiting_version_and_hands_over_once_it_is_healthy(
        tmp_path: Path, county: County, monkeypatch: pytest.MonkeyPatch):
    """What `eduteach` does before the app opens (update/launch.py), as after a close that
    did not install (a power cut at the end of the day)."""
    from eduteach_desktop.update.launch import before_app

    county.publish_app("2.0.0")
    pc = Pc(tmp_path, county)
    pc.sync()
    assert before_app(str(pc.data), ["--data-dir", str(pc.data), "update", "--confirm-health"], pc.identity) == 0
    assert BundleSlots(pc.install).current() == "b"
    # The version on trial itself never supervises (it is the one being proved).
    monkeypatch.setenv("EDUTEACH_UPDATE_TRIAL", "2.0.0")
    assert before_app(str(pc.data), [], pc.identity) is None


def test_a_crashing_version_at_the_next_start_leaves_the_previous_one_to_open(tmp_path: Path, county: County):
    from eduteach_desktop.update.launch import before_app

    county.publish_app("2.0.0", program=CRASHING_PROGRAM)
    pc = Pc(tmp_path, county)
    pc.sync()
    assert before_app(str(pc.data), ["--data-dir", str(pc.data)], pc.identity) is None  # open the app here
    with pc.open() as s:
        assert s.updates.state().state == "rolled_back"
    assert BundleSlots(pc.install).current() == "a"
