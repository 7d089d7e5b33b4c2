r"""Install a staged package: how depends on how this EduTeach was installed.

Every install keeps the previous version (layout.py: <root>/slots/<name>, <root>/current,
a launcher that starts the slot `current` names). The new version goes into another slot;
`current` moves only after it proved healthy (boot.py), so a failed version is simply
never started again.

- Linux portable bundle: slots a|b beside the start script; the package (a .tar/.tar.gz
  of the one-folder bundle) is unpacked into the other slot.
- Linux .deb: the package's own copy (/opt/eduteach/app) is read-only and dpkg cannot keep
  two versions of one package, so a bundle archive is unpacked into this user's slots
  (~/.local/share/eduteach-app/slots/a|b, no root needed) and /usr/bin/eduteach starts the
  one `current` names. A .deb published as the update still goes through the package tool
  (dpkg -i as root, pkexec apt-get from a desktop session, else the command to run).
- Windows: the Inno Setup installer runs silently with /TRIAL, which puts the version in
  its own folder <install>\slots\X.Y.Z and leaves `current` alone; on exit a detached
  helper runs it once the app's files are free (win_helper.py).
"""

from __future__ import annotations

import os
import shutil
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eduteach_protocol import durable
from eduteach_protocol.app_release import AppRelease
from eduteach_protocol.cli_i18n import L_, N_, Text

from .identity import BUNDLE, DEB, SLOTS, VERSION_FILE, WINDOWS, AppIdentity
from .layout import AB, CURRENT, read_current, user_slots_root

SLOT_NAMES = AB
BUNDLE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz")
EXECUTABLE = "eduteach"
WINDOWS_EXECUTABLE = "eduteach.exe"
INNO_SILENT = ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/SP-")
# /TRIAL is ours (eduteach.iss): install into slots\X.Y.Z and leave `current` as it is.
# /NOCLOSEAPPLICATIONS: the installer must never close an EduTeach a teacher opened again.
INNO_UPDATE = ("/TRIAL", "/NOCLOSEAPPLICATIONS")


class ApplyError(Exception):
    """The staged package could not be installed; the message says what to do."""


@dataclass(frozen=True)
class ApplyPlan:
    kind: str
    command: list[str] | None = None  # run to install (Windows installer, package tool)
    manual: str | None = None  # when we cannot install: what the technician runs
    new_executable: Path | None = None  # what to start on trial (A/B bundle, Windows)
    previous_executable: Path | None = None


def inno_setup_command(installer: Path, install_dir: Path, log: Path) -> list[str]:
    r"""The installer's silent update: no page, no message box, no reboot. /DIR is the
    install folder (the launcher, data-dir.txt naming the data folder, slots\); the new
    version lands in slots\X.Y.Z beside the running one."""
    return [str(installer), *INNO_SILENT, *INNO_UPDATE, f"/DIR={install_dir}", f"/LOG={log}"]


def is_bundle_archive(release: AppRelease) -> bool:
    return release.filename.lower().endswith(BUNDLE_SUFFIXES)


def deb_command(package: Path, is_root: bool, have_pkexec: bool, have_display: bool) -> tuple[list[str] | None, str]:
    """The package tool's command, or None and the sentence saying what to run."""
    if is_root:
        return ["dpkg", "-i", str(package)], ""
    if have_pkexec and have_display:
        return ["pkexec", "apt-get", "install", "-y", "--allow-downgrades", str(package)], ""
    return None, L_("run as an administrator: sudo apt-get install {package}", package=package)


def deb_named(package: Path, release: AppRelease) -> Path:
    """The staged package under a name ending in .deb: staged files are named by hash, and
    apt-get takes a local file only when its name ends in .deb (dpkg takes any name). A hard
    link beside it (a copy where links are not possible); the original stays as staged."""
    if package.name.endswith(".deb"):
        return package
    named = package.with_name(f"eduteach_{release.version}_{release.platform}.deb")
    if not named.exists():
        try:
            os.link(package, named)
        except OSError:
            shutil.copyfile(package, named)
    return named


class BundleSlots:
    """The A/B folders under <root> (layout.py). `system` is a read-only copy that starts
    when no slot is newer: the .deb's /opt/eduteach/app, whose slots are per user."""

    def __init__(self, root: Path, system: Path | None = None, exe_name: str = EXECUTABLE):
        self.root = root
        self.system = system
        self.exe_name = exe_name

    @classmethod
    def of(cls, identity: AppIdentity) -> BundleSlots | None:
        bundle = identity.bundle_dir
        if bundle is None:
            return None
        exe = WINDOWS_EXECUTABLE if identity.install_kind == WINDOWS else EXECUTABLE
        if bundle.parent.name == SLOTS:
            return cls(bundle.parent.parent, exe_name=exe)
        if identity.install_kind == DEB:
            return cls(user_slots_root(), system=bundle)
        return None

    def current(self) -> str:
        return read_current(self.root) or SLOT_NAMES[0]

    def other(self) -> str:
        return SLOT_NAMES[1] if self.current() == SLOT_NAMES[0] else SLOT_NAMES[0]

    def folder(self, slot: str) -> Path:
        return self.root / SLOTS / slot

    def executable(self, slot: str) -> Path:
        return self.folder(slot) / self.exe_name

    def set_current(self, slot: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        durable.write_atomic(self.root / CURRENT, slot.encode("ascii"))

    def prune(self, keep: set[str]) -> None:
        r"""Remove version folders (Windows: slots\X.Y.Z) other than `keep`: a PC keeps the
        running version and the one before it, not every version it ever had."""
        try:
            names = [p.name for p in (self.root / SLOTS).iterdir() if p.is_dir()]
        except OSError:
            return
        for name in names:
            if name not in keep and name not in SLOT_NAMES:
                shutil.rmtree(self.root / SLOTS / name, ignore_errors=True)

    def install(self, package: Path, release: AppRelease) -> Path:
        """Unpack a bundle archive (.tar.gz of the one-folder bundle) into the other slot,
        through a staged folder swapped in whole. Returns the slot's folder."""
        slot = self.folder(self.other())
        slot.parent.mkdir(parents=True, exist_ok=True)
        durable.recover_dir_swap(slot)
        staged = durable.staging_dir(slot)
        try:
            with tarfile.open(package, "r:*") as tar:
                members = tar.getmembers()
                top = {m.name.split("/", 1)[0] for m in members}
                strip = len(top) == 1 and all("/" in m.name or m.isdir() for m in members)
                for m in members:
                    if strip:
                        rest = m.name.split("/", 1)
                        if len(rest) == 1:
                            continue
                        m.name = rest[1]
                    # "data" refuses absolute paths, "..", links leaving the folder and device files.
                    tar.extract(m, staged, filter="data")
        except (tarfile.TarError, OSError) as exc:
            shutil.rmtree(staged, ignore_errors=True)
            raise ApplyError(Text.aside(
                f"the package of version {release.version} could not be unpacked ({exc}); it is not installed",
                N_("the package of version {version} could not be unpacked; it is not installed"),
                version=release.version)) from exc
        if not (staged / EXECUTABLE).is_file():
            shutil.rmtree(staged, ignore_errors=True)
            raise ApplyError(L_("the package of version {version} holds no {executable} program; it is not installed", version=release.version, executable=EXECUTABLE))
        os.chmod(staged / EXECUTABLE, 0o755)
        # The signed version is the truth, whatever the archive says about itself.
        durable.write_atomic(staged / VERSION_FILE, release.version.encode("ascii"))
        _fsync_tree(staged)
        durable.swap_dir(slot)
        return slot


def _fsync_tree(folder: Path) -> None:
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                durable.fsync_file(path)
        durable.fsync_dir(Path(dirpath))


def plan(identity: AppIdentity, package: Path, release: AppRelease, log: Path,
         is_root: Callable[[], bool] = lambda: hasattr(os, "geteuid") and os.geteuid() == 0) -> ApplyPlan:
    """How this install applies `package` (nothing is changed yet)."""
    if identity.install_kind == WINDOWS and identity.bundle_dir is not None:
        slots = BundleSlots.of(identity)
        # Before the A/B layout the program sat in the install folder itself; the new
        # installer turns such a folder into the layout (eduteach.iss).
        install = slots.root if slots is not None else identity.bundle_dir
        laid_out = BundleSlots(install, exe_name=WINDOWS_EXECUTABLE)
        return ApplyPlan(WINDOWS, command=inno_setup_command(package, install, log),
                         new_executable=laid_out.executable(release.version),
                         previous_executable=identity.executable)
    if identity.install_kind == DEB and is_bundle_archive(release):
        slots = BundleSlots.of(identity)
        assert slots is not None
        return ApplyPlan(DEB, new_executable=slots.executable(slots.other()),
                         previous_executable=identity.executable)
    if identity.install_kind == DEB or release.filename.endswith(".deb"):
        package = deb_named(package, release)
        cmd, manual = deb_command(package, is_root(), shutil.which("pkexec") is not None,
                                  bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")))
        return ApplyPlan(DEB, command=cmd, manual=manual or None)
    if identity.install_kind == BUNDLE:
        slots = BundleSlots.of(identity)
        if slots is None:
            return ApplyPlan(BUNDLE, manual=L_(
                "this EduTeach folder ({folder}) is not laid out for updates (slots/a, slots/b); unpack {package} "
                "beside it by hand, or reinstall from the county's installer", folder=identity.bundle_dir,
                package=package))
        return ApplyPlan(BUNDLE, new_executable=slots.executable(slots.other()),
                         previous_executable=slots.executable(slots.current()))
    return ApplyPlan(identity.install_kind, manual=L_(
        "this EduTeach runs from source, not from an installed package; install {package} by hand", package=package))
