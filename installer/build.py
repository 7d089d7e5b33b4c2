"""Build the one-folder EduTeach bundle with PyInstaller, reproducibly, and report its size.

    python installer/build.py               clean build into installer/dist/eduteach/
    python installer/build.py --if-stale    rebuild only if a source or a tool changed
    python installer/build.py --report      only print the size report of the last build

Linux: beside the bundle it lays out installer/dist/eduteach-portable/, the A/B layout a
portable copy runs from (eduteach_desktop/update/layout.py): the start script `eduteach`,
`current` naming slot a, and the bundle in slots/a (hard links). Updates add slots/b.

Needs the `package` extra (`pip install -e '.[package]'`) and, on Linux, binutils
(objdump/strip; scripts/ci_packaging.sh installs it). Steps: clean the work and output
folders, render the icons from installer/icons/eduteach.svg, run PyInstaller on
installer/eduteach.spec with a fixed hash seed and SOURCE_DATE_EPOCH, check that the
bundle holds what the app needs, write BUILD-INFO.json, print the size and what takes it.

A lock file makes concurrent builds (two test sessions) wait for each other.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

INSTALLER = Path(__file__).resolve().parent
REPO = INSTALLER.parent
SPEC = INSTALLER / "eduteach.spec"
WORK = INSTALLER / "build"
DIST = INSTALLER / "dist"
BUNDLE = DIST / "eduteach"
PORTABLE = DIST / "eduteach-portable"
INFO = "BUILD-INFO.json"
BUDGET_MIB = 150
IS_WIN = sys.platform == "win32"
EXE_NAME = "eduteach.exe" if IS_WIN else "eduteach"
CLI_EXE_NAME = "eduteach-cli.exe" if IS_WIN else "eduteach"

# What goes into the bundle: a change to any of these makes a bundle stale.
INPUTS = ("eduteach_desktop", "eduteach_protocol", "installer/eduteach.spec",
          "installer/eduteach_entry.py", "installer/icons", "installer/build.py",
          "installer/icu_trim.py", "installer/licenses", "pyproject.toml")
TOOLS = ("pyinstaller", "pyinstaller-hooks-contrib", "PySide6-Essentials", "PySide6-Addons",
         "shiboken6", "cryptography", "tuf", "securesystemslib", "requests", "platformdirs",
         "rich", "pypinyin", "pypdfium2", "openpyxl")


def input_hash() -> str:
    """SHA-256 over the sources that are frozen and the versions of the tools that freeze."""
    from importlib import metadata

    h = hashlib.sha256()
    for name in INPUTS:
        root = REPO / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            h.update(path.relative_to(REPO).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    for dist in TOOLS:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{dist}=={version}\n".encode())
    h.update(f"{sys.version}|{platform.machine()}|{sys.platform}".encode())
    return h.hexdigest()


@contextlib.contextmanager
def build_lock() -> Iterator[None]:
    WORK.mkdir(parents=True, exist_ok=True)
    with open(WORK / ".lock", "a+b") as fh:
        if IS_WIN:
            import msvcrt

            while True:
                try:
                    fh.seek(0)
                    msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
                    break
                except OSError:
                    time.sleep(1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        yield


def read_info(bundle: Path = BUNDLE) -> dict | None:
    try:
        return json.loads((bundle / INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_fresh(bundle: Path = BUNDLE) -> bool:
    info = read_info(bundle)
    return bool(info) and info.get("input_hash") == input_hash() and (bundle / EXE_NAME).exists()


def _source_date_epoch() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, encoding="utf-8", check=True).stdout.strip()
        return out or "1700000000"
    except (OSError, subprocess.CalledProcessError):
        return "1700000000"


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"],
                             capture_output=True, text=True, encoding="utf-8", check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--",
                                *INPUTS], capture_output=True, text=True, encoding="utf-8").stdout.strip()
        return out + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def check_bundle(bundle: Path) -> list[str]:
    """What the app cannot run without; an empty list means all there."""
    internal = bundle / "_internal"
    res = internal / "eduteach_desktop" / "resources"
    qt = internal / "PySide6" if IS_WIN else internal / "PySide6" / "Qt"

    def plugin(kind: str, name: str) -> Path:
        return qt / "plugins" / kind / (f"{name}.dll" if IS_WIN else f"lib{name}.so")

    needed = [
        bundle / EXE_NAME,
        bundle / CLI_EXE_NAME,
        res / "translations" / "eduteach_zh_CN.qm",
        res / "translations" / "eduteach_en.qm",
        internal / "eduteach_protocol" / "locale" / "zh_CN" / "LC_MESSAGES" / "eduteach_cli.mo",
        res / "icons" / "app.svg",
        res / "demo_repo" / "metadata" / "root.json",
        internal / "licenses" / "THIRD-PARTY.txt",
        internal / "licenses" / "LGPL-3.0.txt",
        qt / "translations" / "qtbase_zh_CN.qm",
        plugin("multimedia", "ffmpegmediaplugin"),
        plugin("platforms", "qoffscreen"),
        plugin("platforms", "qwindows" if IS_WIN else "qxcb"),
        plugin("imageformats", "qjpeg"),
        plugin("imageformats", "qsvg"),
        plugin("iconengines", "qsvgicon"),
    ]
    return [str(p.relative_to(bundle)) for p in needed if not p.exists()]


# --- size report ----------------------------------------------------------------------------
GROUPS = [  # (label, test on the path relative to _internal, lower-case, forward slashes)
    ("ICU (Unicode tables Qt links on Linux)", lambda p: "/libicu" in "/" + p),
    ("FFmpeg (decodes every lesson format)", lambda p: any(k in p for k in (
        "libavcodec", "libavformat", "libavutil", "libswresample", "libswscale", "avcodec-",
        "avformat-", "avutil-", "swresample-", "swscale-", "ffmpegstub"))),
    ("Qt Quick/QML libraries (the FFmpeg plugin links them)", lambda p: any(k in p for k in (
        "qt6quick", "qt6qml"))),
    ("Qt libraries and plugins", lambda p: p.startswith("pyside6/") and (
        "qt6" in p or "/plugins/" in p or "/translations/" in p or p.endswith(".dll"))
        and ".abi3." not in p and ".pyd" not in p),
    ("PySide6 Python bindings", lambda p: p.startswith(("pyside6/", "shiboken6/"))
        or "pyside6.abi3" in p or "shiboken6.abi3" in p),
    ("cryptography (Ed25519, TUF signatures)", lambda p: p.startswith("cryptography")),
    ("pdfium (PDF courseware)", lambda p: p.startswith(("pypdfium2", "pypdfium2_raw"))),
    ("pypinyin dictionaries (pinyin search)", lambda p: p.startswith("pypinyin")),
    ("demo lessons", lambda p: "resources/demo_repo" in p),
    ("Python runtime and standard library", lambda p: p.startswith((
        "libpython", "python3", "base_library", "lib-dynload")) or "libcrypto" in p
        or "libssl" in p or "libsqlite" in p or p.endswith((".pyd", ".so", ".dll"))
        or ".so." in p),
]


def size_report(bundle: Path) -> dict:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    groups: dict[str, int] = {}
    for path in files:
        rel = path.relative_to(bundle).as_posix()
        inner = rel.removeprefix("_internal/").lower()
        if not rel.startswith("_internal/"):
            label = "launchers (Python code is inside them)"
        else:
            label = next((name for name, test in GROUPS if test(inner)), "other Python packages and data")
        groups[label] = groups.get(label, 0) + path.stat().st_size
    top = sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:15]
    return {
        "bytes": total,
        "mib": round(total / 2**20, 1),
        "files": len(files),
        "groups": dict(sorted(groups.items(), key=lambda kv: -kv[1])),
        "top": [(p.relative_to(bundle).as_posix(), p.stat().st_size) for p in top],
    }


def print_report(report: dict, budget: float = BUDGET_MIB) -> None:
    mib = report["mib"]
    verdict = "within" if mib <= budget else "OVER"
    print(f"\nbundle: {mib} MiB in {report['files']} files ({verdict} the {budget:.0f} MiB budget)")
    print("what takes the space:")
    for label, size in report["groups"].items():
        print(f"  {size / 2**20:7.1f} MiB  {label}")
    print("largest files:")
    for name, size in report["top"]:
        print(f"  {size / 2**20:7.1f} MiB  {name}")


# --- the build ------------------------------------------------------------------------------
def trim_icu(bundle: Path) -> str:
    """Linux: shrink ICU's data library (installer/icu_trim.py says what stays)."""
    if IS_WIN or sys.platform == "darwin":
        return "ICU: the Qt wheels for this platform use the system's ICU"
    sys.path.insert(0, str(INSTALLER))
    import icu_trim

    missing = icu_trim.tools_available()
    if missing:
        print(f"build.py: WARNING: cannot trim ICU data without {', '.join(missing)} "
              "(apt-get install icu-devtools binutils); the bundle keeps all of it (+23 MiB)")
        return "ICU: not trimmed (tools missing)"
    return icu_trim.trim(bundle)


def strip_symbols(bundle: Path) -> str:
    """Linux: strip the libraries that still carry a symbol table (a pyenv libpython,
    cryptography's Rust extension, pdfium). Already stripped ones are left alone: running
    strip again over FFmpeg's libraries makes them unloadable. The launchers are left
    alone too (their Python archive is appended after the ELF image)."""
    if IS_WIN or sys.platform == "darwin" or shutil.which("strip") is None:
        return "strip: skipped"
    saved = 0
    count = 0
    for path in sorted((bundle / "_internal").rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with open(path, "rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        sections = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True,
                                  text=True, encoding="utf-8").stdout
        if " .symtab " not in sections:
            continue
        before = path.stat().st_size
        subprocess.run(["strip", "--strip-unneeded", str(path)], check=True)
        saved += before - path.stat().st_size
        count += 1
    return f"strip: {count} libraries, {saved / 2**20:.1f} MiB of symbols removed"


def probe_bundle(bundle: Path) -> dict:
    """Start the frozen program without a window (--qt-probe) and check what Qt reports."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("EDUTEACH_DATA_DIR", None)
    proc = subprocess.run([str(bundle / CLI_EXE_NAME), "--qt-probe"], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, env=env)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("EDUTEACH-SELFTEST ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"build.py: the frozen program does not start:\n{proc.stdout}\n{proc.stderr}")
    report = json.loads(lines[-1].removeprefix("EDUTEACH-SELFTEST "))
    problems = [name for name, ok in report.get("translations", {}).items() if not ok]
    if not report.get("multimedia", {}).get("player_available"):
        problems.append("Qt Multimedia has no backend")
    if not report.get("collation_zh"):
        problems.append("Chinese collation (ICU)")
    if not report.get("svg"):
        problems.append("SVG rendering")
    if problems:
        raise SystemExit("build.py: the frozen program lacks: " + ", ".join(problems))
    print(f"build.py: frozen --qt-probe ok (Qt {report['qt_version']}, "
          f"decodes {', '.join(report['multimedia'].get('decodes', []))})")
    return report


def build(full_icu: bool = False) -> dict:
    started = time.monotonic()
    for path in (WORK / "pyinstaller", WORK / "icons", BUNDLE):
        shutil.rmtree(path, ignore_errors=True)
    env = dict(os.environ, PYTHONHASHSEED="0", SOURCE_DATE_EPOCH=_source_date_epoch())
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    subprocess.run([sys.executable, str(INSTALLER / "icons" / "render.py"), str(WORK / "icons")],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(WORK / "pyinstaller"), str(SPEC)]
    print("build.py:", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, env=env, cwd=str(REPO))
    icu = "ICU: not trimmed (--full-icu)" if full_icu else trim_icu(BUNDLE)
    print(f"build.py: {icu}")
    print(f"build.py: {strip_symbols(BUNDLE)}")
    missing = check_bundle(BUNDLE)
    if missing:
        raise SystemExit("build.py: the bundle lacks " + ", ".join(missing))
    probe = probe_bundle(BUNDLE)
    from importlib import metadata

    report = size_report(BUNDLE)
    info = {
        "app_version": _app_version(),
        "input_hash": input_hash(),
        "git_commit": _git_commit(),
        "platform": f"{sys.platform}-{platform.machine()}",
        "python": platform.python_version(),
        "pyinstaller": metadata.version("pyinstaller"),
        "pyside6": metadata.version("PySide6-Essentials"),
        "qt": probe.get("qt_version"),
        "icu": icu,
        "build_seconds": round(time.monotonic() - started, 1),
        "size_bytes": report["bytes"],
        "size_mib": report["mib"],
        "files": report["files"],
        "size_groups_mib": {k: round(v / 2**20, 1) for k, v in report["groups"].items()},
    }
    (BUNDLE / INFO).write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(report)
    print(f"built {BUNDLE} in {info['build_seconds']} s")
    return info


def portable_layout(bundle: Path = BUNDLE, dest: Path = PORTABLE) -> Path:
    """The A/B layout of a portable copy (Linux), made from the bundle: what a technician
    copies to a stick or a lab PC, and what an update keeps the previous version in."""
    sys.path.insert(0, str(REPO))
    from eduteach_desktop.update.layout import CURRENT, PORTABLE_START_SCRIPT, SLOTS, VERSION_FILE

    slot = dest / SLOTS / "a"
    try:  # already made from this very bundle: keep it (another test session may be copying it)
        if ((slot / INFO).read_bytes() == (bundle / INFO).read_bytes()
                and (dest / "eduteach").read_text(encoding="utf-8") == PORTABLE_START_SCRIPT
                and (dest / CURRENT).read_text(encoding="utf-8") == "a"
                and (slot / VERSION_FILE).read_text(encoding="utf-8") == _app_version()):
            return dest
    except OSError:
        pass
    shutil.rmtree(dest, ignore_errors=True)
    try:
        shutil.copytree(bundle, slot, symlinks=True, copy_function=os.link)
    except OSError:  # another file system: copy
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(bundle, slot, symlinks=True)
    (slot / VERSION_FILE).unlink(missing_ok=True)  # a hard link: never write through it
    (slot / VERSION_FILE).write_text(_app_version(), encoding="utf-8")
    (dest / CURRENT).write_text("a", encoding="utf-8")
    script = dest / "eduteach"
    script.write_text(PORTABLE_START_SCRIPT, encoding="utf-8")
    script.chmod(0o755)
    return dest


def _app_version() -> str:
    sys.path.insert(0, str(REPO))
    from eduteach_desktop import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--if-stale", action="store_true", help="keep a bundle built from the same inputs")
    p.add_argument("--report", action="store_true", help="print the size report of the last build")
    p.add_argument("--budget", type=float, default=BUDGET_MIB, help="size budget in MiB (report only)")
    p.add_argument("--full-icu", action="store_true", help="Linux: keep all of ICU's data (+23 MiB)")
    args = p.parse_args(argv)
    if args.report:
        if not BUNDLE.exists():
            print("build.py: no bundle yet", file=sys.stderr)
            return 1
        print_report(size_report(BUNDLE), args.budget)
        return 0
    with build_lock():
        if args.if_stale and is_fresh():
            print(f"build.py: {BUNDLE} is up to date (inputs unchanged)")
        else:
            build(full_icu=args.full_icu)
        if not IS_WIN:
            print(f"build.py: portable A/B layout in {portable_layout()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
