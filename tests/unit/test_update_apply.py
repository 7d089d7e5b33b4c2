"""How a staged package is installed (update/apply.py): the package tool's command for a
.deb, what is said when it cannot run, and an archive that tries to leave its slot."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from eduteach_desktop.update.apply import ApplyError, BundleSlots, deb_command, plan
from eduteach_desktop.update.identity import BUNDLE, DEB, SOURCE, AppIdentity
from eduteach_protocol.app_release import AppRelease

PKG = Path("/var/lib/eduteach/updates/staged/eduteach_2.0.0_amd64.deb")


def test_deb_as_root_uses_dpkg():
    assert deb_command(PKG, is_root=True, have_pkexec=True, have_display=True) == (["dpkg", "-i", str(PKG)], "")


def test_deb_from_a_desktop_session_asks_through_pkexec():
    cmd, manual = deb_command(PKG, is_root=False, have_pkexec=True, have_display=True)
    assert cmd == ["pkexec", "apt-get", "install", "-y", "--allow-downgrades", str(PKG)] and manual == ""


def test_deb_without_a_way_to_become_root_says_what_to_run():
    cmd, manual = deb_command(PKG, is_root=False, have_pkexec=False, have_display=False)
    assert cmd is None and manual == f"run as an administrator: sudo apt-get install {PKG}"


def _release(version: str = "2.0.0") -> AppRelease:
    return AppRelease(version, "linux-x64", "stable", "", "", f"apps/linux-x64/{version}/e.tar", 1, "0" * 64)


def test_a_deb_published_for_a_deb_install_goes_through_the_package_tool(tmp_path: Path):
    ident = AppIdentity("1.0.0", "linux-x64", DEB, Path("/opt/eduteach/app"), Path("/opt/eduteach/app/eduteach"))
    release = AppRelease("2.0.0", "linux-x64", "stable", "", "", "apps/linux-x64/2.0.0/eduteach_2.0.0_amd64.deb",
                         1, "0" * 64)
    how = plan(ident, PKG, release, tmp_path / "log", is_root=lambda: True)
    assert how.kind == DEB and how.command == ["dpkg", "-i", str(PKG)] and how.manual is None


def test_a_staged_deb_is_offered_to_apt_get_under_a_deb_name(tmp_path: Path):
    """Staged packages are named by hash; apt-get refuses a local file whose name does not end
    in .deb, so the command names a link that does (the staged bytes, not a copy of trust)."""
    staged = tmp_path / ("ab" * 32)
    staged.write_bytes(b"!<arch>\n")
    ident = AppIdentity("1.0.0", "linux-x64", DEB, Path("/opt/eduteach/app"), Path("/opt/eduteach/app/eduteach"))
    release = AppRelease("2.0.0", "linux-x64", "stable", "", "", "apps/linux-x64/2.0.0/eduteach_2.0.0_amd64.deb",
                         1, "0" * 64)
    how = plan(ident, staged, release, tmp_path / "log", is_root=lambda: False)
    named = Path(how.manual.rsplit(" ", 1)[1]) if how.command is None else Path(how.command[-1])
    assert named.name == "eduteach_2.0.0_linux-x64.deb" and named.read_bytes() == b"!<arch>\n"
    assert staged.exists()


def test_a_bundle_archive_for_a_deb_install_goes_to_this_users_slots(tmp_path: Path, monkeypatch):
    """dpkg cannot keep two versions of one package: a bundle archive is unpacked into the
    user's A/B slots instead, and the package's own copy stays as the version to go back to."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    ident = AppIdentity("1.0.0", "linux-x64", DEB, Path("/opt/eduteach/app"), Path("/opt/eduteach/app/eduteach"))
    how = plan(ident, PKG, _release(), tmp_path / "log", is_root=lambda: True)
    assert how.kind == DEB and how.command is None and how.manual is None
    assert how.new_executable == tmp_path / "share" / "eduteach-app" / "slots" / "b" / "eduteach"
    assert how.previous_executable == Path("/opt/eduteach/app/eduteach")


def test_running_from_source_is_never_overwritten(tmp_path: Path):
    how = plan(AppIdentity("1.0.0", "linux-x64", SOURCE, None, None), tmp_path / "p.tar", _release(),
               tmp_path / "log")
    assert how.command is None and how.manual and "runs from source" in how.manual


def _archive(path: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> Path:
    with tarfile.open(path, "w") as tar:
        for info, body in members:
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return path


def _link(name: str, target: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = tarfile.SYMTYPE, target
    return info


@pytest.mark.parametrize("evil", [tarfile.TarInfo("../../outside.txt"), _link("eduteach-data", "/etc/passwd"),
                                  _link("up", "../../../outside.txt")], ids=["dotdot", "abs-link", "up-link"])
def test_an_archive_that_leaves_its_slot_is_not_installed(tmp_path: Path, evil: tarfile.TarInfo):
    root = tmp_path / "install"
    (root / "slots" / "a").mkdir(parents=True)
    BundleSlots(root).set_current("a")
    pkg = _archive(tmp_path / "p.tar", [(tarfile.TarInfo("eduteach"), b"#!/bin/sh\n"), (evil, b"" if evil.issym() else b"x")])
    with pytest.raises(ApplyError, match="could not be unpacked"):
        BundleSlots(root).install(pkg, _release())
    assert not (tmp_path / "outside.txt").exists() and not (root / "slots" / "b").exists()
    assert BundleSlots(root).current() == "a"


def test_an_archive_without_the_program_is_not_installed(tmp_path: Path):
    root = tmp_path / "install"
    (root / "slots" / "a").mkdir(parents=True)
    pkg = _archive(tmp_path / "p.tar", [(tarfile.TarInfo("eduteach/readme.txt"), b"hello")])
    with pytest.raises(ApplyError, match="holds no eduteach program"):
        BundleSlots(root).install(pkg, _release())
    assert not (root / "slots" / "b").exists()


def test_the_signed_version_is_what_the_slot_says(tmp_path: Path):
    root = tmp_path / "install"
    (root / "slots" / "a").mkdir(parents=True)
    pkg = _archive(tmp_path / "p.tar", [(tarfile.TarInfo("eduteach/eduteach"), b"#!/bin/sh\n"),
                                        (tarfile.TarInfo("eduteach/eduteach-version.txt"), b"9.9.9")])
    slot = BundleSlots(root).install(pkg, _release("2.0.0"))
    ident = AppIdentity.for_bundle(slot, slot / "eduteach", system="linux")
    assert ident.version == "2.0.0" and ident.install_kind == BUNDLE and (slot / "eduteach").stat().st_mode & 0o111
