"""Data folder checks: a network drive, a too long path, a read-only or full USB stick.
Each gives a typed error the app, the wizard, settings and doctor explain, and keeps the
previous state: no record is lost."""

from __future__ import annotations

import builtins
import errno
import io
import sqlite3
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from eduteach_desktop.cli import doctor
from eduteach_desktop.core.clock import ManualClock
from eduteach_desktop.core.errors import (
    DiskFullError,
    NetworkFolderError,
    PathTooLongError,
    ReadOnlyError,
)
from eduteach_desktop.services import Services
from eduteach_desktop.store import datadir
from eduteach_desktop.store.datadir import (
    DataDir,
    check_new_data_folder,
    folder_problem,
    is_unc,
    network_fstype,
)
from eduteach_desktop.store.db import sqlite_uri

MOUNTINFO = """\
22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw
40 22 0:35 / /mnt/school\\040share rw,relatime shared:20 - cifs //nas/share rw,vers=3.0
41 22 0:36 / /srv/nfs rw,relatime shared:21 - nfs4 nas:/export rw
42 22 0:37 / /home/t/remote rw,nosuid shared:22 - fuse.sshfs t@host:/data rw
43 41 0:38 / /srv/nfs/local rw,relatime shared:23 - ext4 /dev/sdb1 rw
"""


@pytest.mark.parametrize("text", [r"\\server\share\EduTeach", "//server/share/EduTeach",
                                  r"\\?\UNC\server\share\EduTeach"])
def test_unc_paths_are_network_folders_on_windows(text: str):
    assert is_unc(text)
    problem = folder_problem(Path(text), platform="win32", drive_type=lambda root: 3)
    assert isinstance(problem, NetworkFolderError)


def test_a_mapped_network_drive_is_refused_on_windows():
    seen = []

    def drive_type(root: str) -> int:
        seen.append(root)
        return datadir.DRIVE_REMOTE if root.upper() == "Z:\\" else 3

    assert isinstance(folder_problem(Path(r"Z:\EduTeach"), "win32", drive_type=drive_type),
                      NetworkFolderError)
    assert folder_problem(Path(r"D:\EduTeach"), "win32", drive_type=drive_type) is None
    assert folder_problem(Path(r"\\?\D:\EduTeach"), "win32", drive_type=drive_type) is None
    assert seen == ["Z:\\", "D:\\", "D:\\"]


def test_a_path_too_long_for_windows_is_refused_clearly():
    long = "D:\\" + "\\".join(["课程资料文件夹"] * 30)
    assert len(long) > 200
    problem = folder_problem(Path(long), "win32", drive_type=lambda root: 3)
    assert isinstance(problem, PathTooLongError)
    assert folder_problem(Path("D:\\" + "a" * 100), "win32", drive_type=lambda root: 3) is None


@pytest.mark.parametrize(("path", "fstype"), [
    ("/mnt/school share/EduTeach", "cifs"),
    ("/srv/nfs/eduteach", "nfs4"),
    ("/home/t/remote/x", "fuse.sshfs"),
    ("/srv/nfs/local/eduteach", None),  # a local disk mounted below a network one
    ("/home/t/EduTeach", None),
    ("/srv/nfsx", None),  # a name that only starts like the mount point
])
def test_network_filesystems_are_found_in_mountinfo(path: str, fstype: str | None):
    assert network_fstype(Path(path), MOUNTINFO) == fstype
    problem = folder_problem(Path(path), "linux", mountinfo=MOUNTINFO)
    assert (problem is None) == (fstype is None)


def test_the_app_refuses_to_start_on_a_network_folder_and_creates_nothing(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "nas" / "EduTeach"
    root.parent.mkdir()  # the share is there; EduTeach must not make its folder in it
    monkeypatch.setattr(datadir, "_mountinfo", lambda: f"40 22 0:35 / {tmp_path / 'nas'} rw - nfs nas:/x rw\n")
    with pytest.raises(NetworkFolderError):
        Services.open(root)
    assert not root.exists()
    check = doctor.check_data_dir(DataDir(tmp_path / "nas"), str(tmp_path / "nas"))
    assert check.level == doctor.FAIL and "network" in check.title


def test_doctor_opens_a_unc_database_with_a_uri_sqlite_accepts():
    unc = PureWindowsPath(r"\\server\share\EduTeach\eduteach.sqlite3")
    assert sqlite_uri(unc) == "file:////server/share/EduTeach/eduteach.sqlite3?mode=ro"
    long_unc = PureWindowsPath(r"\\?\UNC\server\share\EduTeach\eduteach.sqlite3")
    assert sqlite_uri(long_unc) == "file:////server/share/EduTeach/eduteach.sqlite3?mode=ro"
    local = PureWindowsPath(r"D:\数据\eduteach.sqlite3")
    assert sqlite_uri(local) == "file:///D:/%E6%95%B0%E6%8D%AE/eduteach.sqlite3?mode=ro"
    assert sqlite_uri(PureWindowsPath(r"\\?\D:\x\e.sqlite3")) == "file:///D:/x/e.sqlite3?mode=ro"
    assert sqlite_uri(PurePosixPath("/data/a b#c.sqlite3")) == "file:///data/a%20b%23c.sqlite3?mode=ro"


def test_the_posix_uri_really_opens_a_database_with_odd_characters(tmp_path: Path):
    path = tmp_path / "数据 #1?" / "e.sqlite3"
    path.parent.mkdir()
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    conn = sqlite3.connect(sqlite_uri(path), uri=True)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    conn.close()


# --- read-only and full USB sticks --------------------------------------------------------
def _pc_with_a_record(root: Path) -> int:
    """A PC whose data folder holds a saved class session (records waiting to go up)."""
    s = Services.open(root, clock=ManualClock(datetime(2026, 9, 1, 8, tzinfo=UTC)))
    try:
        s.sessions.end(s.sessions.start("语文", [1]).id)
        s.settings.set("probe", "kept")
        n = len(s.outbox.pending(10_000))
        assert n > 0
        return n
    finally:
        s.close()


def _read_only(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """The stick's write-protect switch: every write under root fails with EROFS."""
    real_open = builtins.open
    real_os_open = __import__("os").open
    import os

    def refuse(path: object) -> None:
        if isinstance(path, (str, Path)) and str(Path(path)).startswith(str(root)):
            raise OSError(errno.EROFS, "Read-only file system", str(path))

    def ro_open(file, mode="r", *a, **k):  # type: ignore[no-untyped-def]
        if any(c in mode for c in "wax+"):
            refuse(file)
        return real_open(file, mode, *a, **k)

    def ro_os_open(path, flags, *a, **k):  # type: ignore[no-untyped-def]
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real_os_open(path, flags, *a, **k)

    monkeypatch.setattr(builtins, "open", ro_open)
    monkeypatch.setattr(io, "open", ro_open)
    monkeypatch.setattr(os, "open", ro_os_open)


def test_a_read_only_usb_stick_gives_a_clear_message_and_keeps_the_data(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "usb" / "EduTeach"
    records = _pc_with_a_record(root)
    before = {p.name: p.read_bytes() for p in root.iterdir() if p.is_file()}
    with monkeypatch.context() as mp:
        _read_only(mp, root)
        with pytest.raises(ReadOnlyError):
            Services.open(root)
        with pytest.raises(ReadOnlyError):
            check_new_data_folder(root)
        check = doctor.check_data_dir(DataDir(root), str(root))
        assert check.level == doctor.FAIL and "read-only" in check.title
    assert {p.name: p.read_bytes() for p in root.iterdir() if p.is_file()} == before
    s = Services.open(root)  # the switch is back: everything is still there
    try:
        assert s.settings.get("probe") == "kept"
        assert len(s.outbox.pending(10_000)) == records
    finally:
        s.close()


def test_a_full_stick_refuses_the_write_and_keeps_every_saved_record(tmp_path: Path):
    root = tmp_path / "usb" / "EduTeach"
    records = _pc_with_a_record(root)
    s = Services.open(root)
    try:
        s.settings.set("saved", 1)
        pages = s.db.query_one("PRAGMA page_count")[0]
        s.db._conn.execute(f"PRAGMA max_page_count = {pages}")  # noqa: SLF001 - the disk is full now
        with pytest.raises(DiskFullError):
            s.settings.set("big", "x" * 200_000)
        assert s.settings.get("saved") == 1
        assert s.settings.get("big") is None  # all or nothing
        session = s.sessions.start("数学", [2])
        s.roster.db._conn.execute("PRAGMA max_page_count = 1")  # noqa: SLF001 - full again
        with pytest.raises(DiskFullError):
            for _ in range(200):
                s.sessions.end(s.sessions.start("数学", [2]).id)
        assert len(s.outbox.pending(10_000)) >= records  # nothing saved before is gone
        s.db._conn.execute("PRAGMA max_page_count = 1073741823")  # noqa: SLF001
        assert s.sessions.end(session.id)  # the class still ends once there is room
        s.db._conn.execute("PRAGMA max_page_count = 1073741823")  # noqa: SLF001 - space freed
        s.settings.set("big", "x" * 200_000)
        assert len(s.settings.get("big")) == 200_000
    finally:
        s.close()


def test_choosing_a_full_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import shutil

    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage",
                        lambda p: real(p)._replace(free=10 * 2**20))
    with pytest.raises(DiskFullError):
        check_new_data_folder(tmp_path / "stick")
