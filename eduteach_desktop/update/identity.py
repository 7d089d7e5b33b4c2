"""Which EduTeach this process is: its version, platform and how it was installed."""

from __future__ import annotations

import platform as _platform
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from eduteach_desktop import __version__
from eduteach_protocol.app_release import AppReleaseError, parse_version

from .layout import DEB_ROOT, SLOTS, VERSION_FILE

# A one-folder bundle may carry its version in VERSION_FILE beside the executable: the
# release build writes it, and a test makes v2/v3 from one build by changing it.
__all__ = ["SLOTS", "VERSION_FILE", "AppIdentity", "bundle_version", "this_platform"]

SOURCE = "source"  # running from a checkout or a pip install: updates are not applied
BUNDLE = "bundle"  # a one-folder bundle in slots/a|b (portable, or a .deb's per-user slot): swapped A/B
DEB = "deb"  # the .deb's own /opt/eduteach/app: updates go to the user's slots (apply.py)
WINDOWS = "windows"  # the Inno Setup install: its installer runs silently into slots\X.Y.Z


def this_platform(system: str | None = None, machine: str | None = None) -> str:
    system = (system or sys.platform).lower()
    machine = (machine or _platform.machine()).lower()
    arm = machine in ("aarch64", "arm64", "armv8l")
    if system.startswith("win"):
        return "windows-x64"
    return "linux-arm64" if arm else "linux-x64"


@dataclass(frozen=True)
class AppIdentity:
    version: str
    platform: str
    install_kind: str
    bundle_dir: Path | None  # the folder holding the executable, when frozen
    executable: Path | None

    @property
    def version_tuple(self) -> tuple[int, int, int]:
        return parse_version(self.version)

    @classmethod
    def detect(cls) -> AppIdentity:
        frozen = bool(getattr(sys, "frozen", False))
        exe = Path(sys.executable).resolve() if frozen else None
        bundle = exe.parent if exe is not None else None
        return cls.for_bundle(bundle, exe)

    @classmethod
    def for_bundle(cls, bundle: Path | None, exe: Path | None, system: str | None = None) -> AppIdentity:
        version = bundle_version(bundle) if bundle is not None else __version__
        kind = SOURCE
        if bundle is not None:
            if (system or sys.platform).startswith("win"):
                kind = WINDOWS
            elif bundle.parent.name == SLOTS:
                kind = BUNDLE
            elif str(bundle).startswith(DEB_ROOT + "/") and shutil.which("dpkg") is not None:
                kind = DEB
            else:
                kind = BUNDLE
        return cls(version, this_platform(system), kind, bundle, exe)


def bundle_version(bundle: Path) -> str:
    """The bundle's version file if it has a valid one, else the version frozen into it."""
    try:
        text = (bundle / VERSION_FILE).read_text(encoding="utf-8").strip()
        parse_version(text)
        return text
    except (OSError, UnicodeDecodeError, AppReleaseError):
        return __version__
