"""Package the frozen bundle as a .deb for Debian-based desktops (UOS, Kylin, Debian, Ubuntu).

    python installer/linux/build_deb.py [--bundle DIR] [--out DIR] [--fast]

Offline: only dpkg-deb (dpkg) and objdump (binutils). Layout:

    /opt/eduteach/app/                  the bundle from installer/build.py (+ eduteach-version.txt)
    /opt/eduteach/eduteach              the start script (eduteach_desktop/update/layout.py)
    /usr/bin/eduteach                   -> /opt/eduteach/eduteach
    /usr/share/applications/            eduteach.desktop (教学点数字课堂), eduteach-doctor.desktop
    /usr/share/icons/hicolor/*/apps/    eduteach.png / eduteach.svg
    /usr/share/doc/eduteach/copyright   what is inside and under which licence

Updates keep the previous version: dpkg cannot hold two versions of one package, and the
teacher's account cannot write /opt, so an update from the county (a bundle archive, the
same one portable copies take) is unpacked into the user's own slots
(~/.local/share/eduteach-app/slots/a|b). The start script runs the slot that user's
`current` names, unless this package is newer; the package's own copy in /opt/eduteach/app
is always there to go back to (docs/updates.md).

No maintainer scripts: dpkg's triggers (desktop-file-utils, hicolor-icon-theme) refresh the
menu and icon caches. Data lives in each user's ~/.local/share/EduTeach, so removing the
package never touches lessons or records.

Depends: the system libraries the bundle leaves to the system (installer/eduteach.spec,
LINUX_SYSTEM_LIBS), with libc6 (>= the newest glibc symbol version any bundled binary uses):
dpkg then refuses an install on a system too old for this build instead of a crash at start.
tests/packaging/test_deb.py checks that Depends covers every library the bundle needs.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
INSTALLER = HERE.parent
BUNDLE = INSTALLER / "dist" / "eduteach"
ICONS = INSTALLER / "icons"
PACKAGE = "eduteach"

# One line per system library (soname) the bundle links but does not carry, and the
# Debian package that provides it; alternatives for older releases after "|".
DEPENDS = [
    "libstdc++6",  # libstdc++.so.6 (Qt, PySide6)
    "libgcc-s1 | libgcc1",  # libgcc_s.so.1 (libgcc1 before Debian 11)
    "libatomic1",  # libatomic.so.1: Qt 6.8's libraries (the PySide6 floor, for Kylin V10 ARM64)
    "libglib2.0-0",  # libglib-2.0, libgthread-2.0 (Qt's event loop)
    "libdbus-1-3",  # libdbus-1 (QtDBus: Qt Multimedia's device list)
    "libfontconfig1",  # fonts as the system configures them
    "libfreetype6",
    "libx11-6", "libx11-xcb1", "libxext6", "libxrandr2",  # X11
    "libxcb1", "libxcb-glx0", "libxcb-randr0", "libxcb-render0", "libxcb-shape0", "libxcb-shm0",
    "libxcb-sync1", "libxcb-xfixes0", "libxcb-xkb1",  # Qt's xcb platform plugin
    "libxkbcommon0", "libxkbcommon-x11-0",  # keyboard layouts
    "libegl1 | libegl1-mesa", "libgl1 | libgl1-mesa-glx",  # OpenGL for video (GLX or EGL)
    "libdrm2",  # FFmpeg's hardware decoding
    "libpulse0",  # sound (PulseAudio, or PipeWire's PulseAudio server)
    "libgssapi-krb5-2",  # linked by QtNetwork
    "zlib1g", "libbz2-1.0", "liblzma5", "libzstd1", "libbrotli1", "libuuid1",  # base libraries
]
# Each name above, or its alternative, is meant to exist in Debian 10 (UOS 20's base) and
# Ubuntu 20.04 (Kylin V10's base); no `dpkg -i` on UOS or Kylin has checked it yet. Qt's
# libraries differ by PySide6 release (6.12 links brotli, 6.8 libatomic): the list covers
# the range in pyproject.toml, and tests/packaging/test_deb.py checks each build.
RECOMMENDS = [
    # The UI is Chinese: any CJK font does (UOS/Kylin ship their own).
    "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei | fonts-arphic-ukai",
]


def run(*cmd: str) -> str:
    return subprocess.run(list(cmd), capture_output=True, text=True, encoding="utf-8", check=True).stdout


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def newest_glibc(root: Path) -> str:
    """The highest GLIBC_x.y symbol version any binary in the bundle needs."""
    newest = (2, 17)
    for path in elf_files(root):
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", run("objdump", "-T", str(path))):
            newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


def installed_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += (path.stat().st_size + 1023) // 1024
    return total


def control(version: str, arch: str, size_kib: int, glibc: str) -> str:
    depends = ", ".join([f"libc6 (>= {glibc})", *DEPENDS])
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: EduTeach maintainers <eduteach@localhost>\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {depends}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Section: education\n"
        "Priority: optional\n"
        "Description: EduTeach 教学点数字课堂 - lessons for rural teaching points\n"
        " The teacher's app of EduTeach: it keeps the lessons the school subscribes to\n"
        " (songs with lyrics, art slideshows, English videos with subtitles) on this\n"
        " computer, plays them in class on the projector, and records what was played\n"
        " for the county, with or without an internet connection.\n"
        " .\n"
        " 在教学点的电脑上保存并播放音乐、美术、英语等课程，无网络也能用。\n"
    )


COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: EduTeach
Comment: A frozen (PyInstaller) application. The licence texts of the Python packages
 inside are in /opt/eduteach/app/_internal/*.dist-info/, the third-party list and the LGPL
 texts in /opt/eduteach/app/_internal/licenses/; the main ones are listed here.

Files: *
Copyright: EduTeach maintainers
License: Apache-2.0
 See /usr/share/common-licenses/Apache-2.0.

Files: opt/eduteach/app/_internal/PySide6/* opt/eduteach/app/_internal/shiboken6/*
Copyright: The Qt Company Ltd. and other contributors
License: LGPL-3.0-only
 Qt 6 and PySide6, used under the LGPL v3 (see /usr/share/common-licenses/LGPL-3).
 FFmpeg (libav*, libsw*) inside Qt Multimedia is LGPL-2.1-or-later
 (see /usr/share/common-licenses/LGPL-2.1). ICU is under the Unicode licence.

Files: opt/eduteach/app/_internal/libpython* opt/eduteach/app/_internal/python3*
 opt/eduteach/app/_internal/base_library.zip
Copyright: Python Software Foundation
License: PSF-2.0
"""


def build_deb(bundle: Path, out_dir: Path, fast: bool = False) -> Path:
    info = json.loads((bundle / "BUILD-INFO.json").read_text(encoding="utf-8"))
    version = f"{info['app_version']}-1"
    arch = run("dpkg", "--print-architecture").strip()
    stage = INSTALLER / "build" / "deb" / f"{PACKAGE}_{version}_{arch}"
    shutil.rmtree(stage, ignore_errors=True)
    sys.path.insert(0, str(INSTALLER.parent))
    from eduteach_desktop.update.layout import DEB_START_SCRIPT, VERSION_FILE

    opt = stage / "opt" / "eduteach" / "app"
    shutil.copytree(bundle, opt, symlinks=True)
    (opt / VERSION_FILE).write_text(info["app_version"], encoding="utf-8")
    start = stage / "opt" / "eduteach" / "eduteach"
    start.write_text(DEB_START_SCRIPT, encoding="utf-8")
    start.chmod(0o755)
    (stage / "usr" / "bin").mkdir(parents=True)
    os.symlink("/opt/eduteach/eduteach", stage / "usr" / "bin" / "eduteach")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    for name in ("eduteach.desktop", "eduteach-doctor.desktop"):
        shutil.copyfile(HERE / name, apps / name)
    icons = stage / "usr" / "share" / "icons" / "hicolor"
    rendered = INSTALLER / "build" / "icons"
    if not (rendered / "eduteach-256.png").exists():
        subprocess.run([sys.executable, str(ICONS / "render.py"), str(rendered)], check=True,
                       stdout=subprocess.DEVNULL, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    for size in (16, 24, 32, 48, 64, 128, 256):
        target = icons / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copyfile(rendered / f"eduteach-{size}.png", target / "eduteach.png")
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copyfile(ICONS / "eduteach.svg", icons / "scalable" / "apps" / "eduteach.svg")
    doc = stage / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    with gzip.GzipFile(doc / "changelog.Debian.gz", "wb", mtime=0) as fh:
        fh.write(f"{PACKAGE} ({version}) stable; urgency=medium\n\n"
                 f"  * Built from {info.get('git_commit') or 'a source tree'}.\n\n"
                 " -- EduTeach maintainers <eduteach@localhost>  Thu, 01 Jan 2026 00:00:00 +0000\n"
                 .encode())
    for path in stage.rglob("*"):  # dpkg wants 0755 folders, no group/world write
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        os.chmod(path, 0o755 if path.is_dir() or mode & 0o111 else 0o644)

    debian = stage / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(
        control(version, arch, installed_kib(stage), newest_glibc(opt)), encoding="utf-8")
    sums = []
    for path in sorted(p for p in stage.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = path.relative_to(stage).as_posix()
        if not rel.startswith("DEBIAN/"):
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {rel}\n")  # noqa: S324 - dpkg's format
    (debian / "md5sums").write_text("".join(sums), encoding="utf-8")
    for name in ("control", "md5sums"):
        os.chmod(debian / name, 0o644)

    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{PACKAGE}_{version}_{arch}.deb"
    # xz is what every dpkg since Debian 7 reads (zstd is not: UOS 20/Debian 10 lack it).
    compress = ["-Zgzip", "-z1"] if fast else ["-Zxz", "-z6"]
    sys.path.insert(0, str(INSTALLER))
    from build import _source_date_epoch  # the same clamp as the bundle: the last commit

    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH") or _source_date_epoch())
    subprocess.run(["dpkg-deb", "--root-owner-group", *compress, "--build", str(stage), str(deb)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    shutil.rmtree(stage, ignore_errors=True)
    return deb


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bundle", type=Path, default=BUNDLE, help="the folder installer/build.py made")
    p.add_argument("--out", type=Path, default=INSTALLER / "dist", help="where the .deb goes")
    p.add_argument("--fast", action="store_true", help="gzip -1 instead of xz (tests)")
    args = p.parse_args(argv)
    if not (args.bundle / "BUILD-INFO.json").exists():
        print(f"build_deb.py: no bundle at {args.bundle}: run installer/build.py first", file=sys.stderr)
        return 1
    deb = build_deb(args.bundle, args.out, args.fast)
    print(f"{deb} ({deb.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
