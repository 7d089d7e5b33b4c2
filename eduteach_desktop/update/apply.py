"""Install a staged package: how depends on how this EduTeach was installed.

- Linux portable bundle: A/B folders. <root>/slots/a and <root>/slots/b hold two versions;
  <root>/current names the one the start script runs. The new version is unpacked into the
  other slot; `current` changes only after it proved healthy (boot.py), so the previous
  version stays intact and runs again if the new one fails.
- Linux .deb (/opt/eduteach): the system's package tool (dpkg -i as root, pkexec apt-get
  from a desktop session); otherwise the technician is told the exact command.
- Windows: the Inno Setup installer runs silently in place (the data folder lives apart
  and is never touched); the install folder is copied first so the previous version can
  start again (<install>.previous).
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

from .identity import BUNDLE, DEB, SLOTS, VERSION_FILE, WINDOWS, AppIdentity

CURRENT = "current"
SLOT_NAMES = ("a", "b")
EXECUTABLE = "eduteach"
WINDOWS_EXECUTABLE = "eduteach.exe"
INNO_SILENT = ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/SP-")


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
    """The installer's silent upgrade in place: no page, no message box, no reboot; /DIR
    keeps the folder (and its data-dir.txt pointing at the data folder)."""
    return [str(installer), *INNO_SILENT, "/CLOSEAPPLICATIONS", f"/DIR={install_dir}", f"/LOG={log}"]


def deb_command(package: Path, is_root: bool, have_pkexec: bool, have_display: bool) -> tuple[list[str] | None, str]:
    """The package tool's command, or None and the sentence saying what to run."""
    if is_root:
        return ["dpkg", "-i", str(package)], ""
    if have_pkexec and have_display:
        return ["pkexec", "apt-get", "install", "-y", "--allow-downgrades", str(package)], ""
    return None, f"run as an administrator: sudo apt-get install {package}"


class BundleSlots:
    """The portable bundle's A/B folders under <root>."""

    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def of(cls, identity: AppIdentity) -> BundleSlots | None:
        bundle = identity.bundle_dir
        if bundle is None or bundle.parent.name != SLOTS:
            return None
        return cls(bundle.parent.parent)

    def current(self) -> str:
        try:
            name = (self.root / CURRENT).read_text(encoding="utf-8").strip()
        except OSError:
            name = ""
        return name if name in SLOT_NAMES else SLOT_NAMES[0]

    def other(self) -> str:
        return SLOT_NAMES[1] if self.current() == SLOT_NAMES[0] else SLOT_NAMES[0]

    def folder(self, slot: str) -> Path:
        return self.root / SLOTS / slot

    def executable(self, slot: str) -> Path:
        return self.folder(slot) / EXECUTABLE

    def set_current(self, slot: str) -> None:
        durable.write_atomic(self.root / CURRENT, slot.encode("ascii"))

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
            raise ApplyError(f"the package of version {release.version} could not be unpacked ({exc}); "
                             "it is not installed") from exc
        if not (staged / EXECUTABLE).is_file():
            shutil.rmtree(staged, ignore_errors=True)
            raise ApplyError(f"the package of version {release.version} holds no {EXECUTABLE} program; "
                             "it is not installed")
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
        install = identity.bundle_dir
        previous = install.with_name(install.name + ".previous")
        return ApplyPlan(WINDOWS, command=inno_setup_command(package, install, log),
                         new_executable=install / WINDOWS_EXECUTABLE,
                         previous_executable=previous / WINDOWS_EXECUTABLE)
    if identity.install_kind == DEB or package.name.endswith(".deb"):
        cmd, manual = deb_command(package, is_root(), shutil.which("pkexec") is not None,
                                  bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")))
        return ApplyPlan(DEB, command=cmd, manual=manual or None)
    if identity.install_kind == BUNDLE:
        slots = BundleSlots.of(identity)
        if slots is None:
            return ApplyPlan(BUNDLE, manual=(
                f"this EduTeach folder ({identity.bundle_dir}) is not laid out for updates (slots/a, slots/b); "
                f"unpack {package} beside it by hand, or reinstall from the county's installer"))
        return ApplyPlan(BUNDLE, new_executable=slots.executable(slots.other()),
                         previous_executable=slots.executable(slots.current()))
    return ApplyPlan(identity.install_kind, manual=(
        f"this EduTeach runs from source, not from an installed package; install {package} by hand"))
