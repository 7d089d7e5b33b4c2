"""The .deb (installer/linux/build_deb.py): built from the frozen bundle with dpkg-deb,
installed with `dpkg -i`, run through the same smoke journey from /usr/bin/eduteach, and
removed again; and an update from the county that crashes, after which /usr/bin/eduteach
starts the package's own version again (the user's A/B slots, docs/updates.md).
Installing needs root (CI runs as root); elsewhere those tests skip."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.hubproc import run_cli, sql

from .frozen import ROOT, clean_env, run, skip_or_fail, smoke_journey
from .test_app_update_frozen import package

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian packages are for Linux"),
]

BUILD_DEB = ROOT / "installer" / "linux" / "build_deb.py"


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        skip_or_fail(f"{tool} is missing (apt-get install dpkg-dev binutils; scripts/ci_packaging.sh)")


@pytest.fixture(scope="module")
def deb(frozen_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need("dpkg-deb")
    _need("objdump")
    out = tmp_path_factory.mktemp("deb")
    proc = subprocess.run([sys.executable, str(BUILD_DEB), "--bundle", str(frozen_bundle), "--out",
                           str(out), "--fast"], capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    debs = list(out.glob("eduteach_*.deb"))
    assert len(debs) == 1, proc.stdout
    return debs[0]


def field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, encoding="utf-8",
                          check=True).stdout.strip()


def _alternatives(depends: str) -> list[set[str]]:
    groups = []
    for group in depends.split(","):
        groups.append({re.sub(r"\s*\(.*\)", "", alt).strip() for alt in group.split("|")})
    return groups


def test_the_package_describes_itself_and_carries_menu_entries_and_icons(deb, tmp_path):
    assert field(deb, "Package") == "eduteach"
    assert field(deb, "Architecture") == subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, encoding="utf-8").stdout.strip()
    assert "教学点数字课堂" in field(deb, "Description")
    assert "fonts-noto-cjk" in field(deb, "Recommends")
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, encoding="utf-8",
                             check=True).stdout
    for path in ("./opt/eduteach/eduteach", "./opt/eduteach/app/eduteach", "./opt/eduteach/app/eduteach-version.txt",
                 "./usr/bin/eduteach -> /opt/eduteach/eduteach",
                 "./usr/share/applications/eduteach.desktop",
                 "./usr/share/icons/hicolor/256x256/apps/eduteach.png",
                 "./usr/share/icons/hicolor/scalable/apps/eduteach.svg",
                 "./usr/share/doc/eduteach/copyright"):
        assert path in listing, path
    assert " root/root " in listing and "./DEBIAN" not in listing
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path / "x")], check=True)
    entry = (tmp_path / "x/usr/share/applications/eduteach.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=教学点数字课堂" in entry and "Exec=eduteach" in entry and "Icon=eduteach" in entry
    if shutil.which("desktop-file-validate"):
        for name in ("eduteach.desktop", "eduteach-doctor.desktop"):
            check = subprocess.run(["desktop-file-validate", str(tmp_path / "x/usr/share/applications" / name)],
                                   capture_output=True, text=True, encoding="utf-8")
            assert check.returncode == 0 and not check.stdout.strip(), check.stdout + check.stderr


def test_depends_covers_every_system_library_the_bundle_links(deb, frozen_bundle):
    """Every DT_NEEDED soname that is not inside the bundle belongs to a package in Depends
    (checked against this machine's dpkg database)."""
    _need("dpkg")
    inside: set[str] = set()
    needed: dict[str, str] = {}
    for path in frozen_bundle.rglob("*"):
        if path.is_symlink():
            inside.add(path.name)
            continue
        if not path.is_file():
            continue
        with open(path, "rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        inside.add(path.name)
        out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, encoding="utf-8").stdout
        for line in out.splitlines():
            if line.strip().startswith("NEEDED"):
                needed.setdefault(line.split()[1], path.name)
    groups = _alternatives(field(deb, "Depends"))
    declared = set().union(*groups)
    assert any("libc6" in g for g in groups)
    uncovered = []
    for soname, user in sorted(needed.items()):
        if soname in inside:
            continue
        owners = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True, encoding="utf-8").stdout
        packages = {ln.split(":")[0] for ln in owners.splitlines() if ":" in ln}
        packages = {p for p in packages if not p.endswith("-dev")}
        if not packages:
            uncovered.append(f"{soname} (needed by {user}) is not installed here")
        elif not packages & declared:
            uncovered.append(f"{soname} (needed by {user}) from {sorted(packages)}")
    assert not uncovered, uncovered


@pytest.fixture
def installed(deb: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        skip_or_fail("installing a .deb needs root")
    _need("dpkg")
    with _machine_lock():
        yield from _install(deb)


@contextlib.contextmanager
def _machine_lock() -> Iterator[None]:
    """The installed package is the machine's, not the test run's: a second test run on the
    same machine (run beside this one as load) waits here instead of removing or verifying
    the package under this one."""
    import fcntl  # POSIX; these tests only run on Linux
    with open("/run/lock/eduteach-tests-deb.lock" if os.path.isdir("/run/lock") else "/tmp/eduteach-tests-deb.lock",
              "a", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _install(deb: Path) -> Iterator[Path]:
    proc = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, encoding="utf-8", timeout=300)
    if proc.returncode != 0:
        subprocess.run(["dpkg", "-r", "eduteach"], capture_output=True)
        pytest.fail("dpkg -i failed (are the Depends installed? scripts/ci_packaging.sh):\n"
                    + proc.stdout + proc.stderr)
    try:
        yield Path("/usr/bin/eduteach")
    finally:
        subprocess.run(["dpkg", "-r", "eduteach"], capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_installed_package_runs_the_whole_journey_and_uninstalls_cleanly(
    installed, county_hub, usb_repo, tmp_path
):
    assert installed.is_symlink() and os.path.realpath(installed) == "/opt/eduteach/eduteach"
    status = subprocess.run(["dpkg-query", "-W", "-f", "${Status}", "eduteach"], capture_output=True, text=True, encoding="utf-8")
    assert status.stdout == "install ok installed"

    journey = smoke_journey([str(installed)], tmp_path, county_hub, usb_repo)
    assert "(installed build)" in journey["doctor"]
    version = run([str(installed), "--version"], journey["env"]).out
    assert version.startswith("eduteach ")

    removed = subprocess.run(["dpkg", "-r", "eduteach"], capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert removed.returncode == 0, removed.stderr
    assert not Path("/opt/eduteach").exists() and not installed.exists()
    assert not Path("/usr/share/applications/eduteach.desktop").exists()
    # The teacher's data is not the package's: it stays.
    assert (journey["data"] / "eduteach.sqlite3").exists()


def test_an_update_that_crashes_goes_back_to_the_packages_version_and_a_good_one_stays(
    installed, deb, frozen_bundle, own_hub, tmp_path
):
    """v1 is the installed .deb. The county publishes a bundle archive (the same package a
    portable copy takes). A version whose Python runtime is missing crashes on start: it is
    tried twice, and /usr/bin/eduteach keeps starting the package's own version. A good
    version then goes into the user's slot and /usr/bin/eduteach starts it."""
    v1 = field(deb, "Version").split("-")[0]
    start = Path("/opt/eduteach/eduteach")
    assert os.access(start, os.X_OK) and os.path.realpath(installed) == str(start)
    assert Path("/opt/eduteach/app/eduteach-version.txt").read_text(encoding="utf-8") == v1
    home = tmp_path / "home"
    env = clean_env(home)
    data = tmp_path / "data"
    prog = [str(installed), "--data-dir", str(data)]
    assert run([str(installed), "--version"], env).out.strip() == f"eduteach {v1}"
    assert "enrolled" in run([*prog, "enroll", own_hub.url, own_hub.new_code("4301240088")], env).out

    def publish(pkg: Path, version: str) -> None:
        done = run_cli("publish-app", str(pkg), "--platform", "linux-x64", "--version", version,
                       "--channel", "stable", home=own_hub.home)
        assert done.returncode == 0, done.stderr

    publish(package(frozen_bundle, tmp_path / "eduteach-4.0.0.tar", skip=lambda n: n.endswith("base_library.zip")),
            "4.0.0")
    failed = run([*prog, "update", "--apply"], env, timeout=400, ok=False, clean=False)
    assert failed.code == 5 and "version 4.0.0 failed twice" in failed.out, failed.out + failed.err
    slots = home / ".local" / "share" / "eduteach-app"
    tried = [s for s in ("a", "b") if (slots / "slots" / s / "eduteach-version.txt").exists()]
    assert tried and (slots / "slots" / tried[0] / "eduteach-version.txt").read_text(encoding="utf-8") == "4.0.0"
    assert not (slots / "current").exists()  # never switched to it
    assert run([str(installed), "--version"], env).out.strip() == f"eduteach {v1}"  # the package's own copy
    run([*prog, "upload"], env)
    from eduteach_desktop.store.db import Database

    db = Database(data / "eduteach.sqlite3")
    device_id = json.loads(db.query_one("SELECT value FROM settings WHERE key='device_id'")[0])
    db.close()
    told = sql(own_hub.home, "SELECT app_version, update_state, update_version FROM app_status "
                                "WHERE device_id = :d", d=device_id)
    assert tuple(told) == (v1, "rolled_back", "4.0.0"), told

    publish(package(frozen_bundle, tmp_path / "eduteach-4.1.0.tar"), "4.1.0")
    applied = run([*prog, "update", "--apply"], env, timeout=400)
    assert "version 4.1.0 is installed" in applied.out, applied.out
    current = (slots / "current").read_text(encoding="utf-8").strip()
    assert (slots / "slots" / current / "eduteach-version.txt").read_text(encoding="utf-8") == "4.1.0"
    assert run([str(installed), "--version"], env).out.strip() == "eduteach 4.1.0"
    # The package itself is untouched: dpkg still knows and verifies every file of v1.
    verify = subprocess.run(["dpkg", "--verify", "eduteach"], capture_output=True, text=True, encoding="utf-8")
    assert verify.returncode == 0 and not verify.stdout.strip(), verify.stdout + verify.stderr
