"""Frozen cold start to a usable window, and installed size, against the unfrozen app.

    .venv/bin/python bench/frozen_start.py [--runs 5] [--bundle DIR] [--no-cold]

"Usable window": the library window is shown and has listed the lessons, so a teacher can
press Play. The hidden `--selftest` hook (eduteach_desktop/ui/selftest.py) prints a
timestamp at that moment (the first `refreshed` signal after the window is visible) and
quits; the time is measured from just before the process is started, on the same clock.

Both programs open the same data dir with the five demo lessons, offscreen
(QT_QPA_PLATFORM=offscreen), one after the other, alternating, so drift hits both:
  frozen    installer/dist/eduteach/eduteach --selftest
  unfrozen  python -m eduteach_desktop --selftest   (the venv's Python, source tree)
"Cold": before each run the page cache is dropped for the files the program reads
(posix_fadvise DONTNEED on the bundle, or on the Python install, the venv's site-packages
and the source tree) - as after a reboot, without needing root. "Warm": right after a run.

Installed size: the bundle folder, the .deb's Installed-Size (if one was built), and for
the unfrozen app the packages it imports from the venv plus the Python installation.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLE = REPO / "installer" / "dist" / "eduteach"
PREFIX = "EDUTEACH-SELFTEST "
# What `python -m eduteach_desktop` imports from site-packages (the desktop's dependencies).
RUNTIME_PACKAGES = ("PySide6", "shiboken6", "cryptography", "cffi", "_cffi_backend", "tuf",
                    "securesystemslib", "requests", "urllib3", "certifi", "charset_normalizer",
                    "idna", "platformdirs", "rich", "pygments", "markdown_it", "mdurl", "pypinyin",
                    "pypdfium2", "pypdfium2_raw", "openpyxl", "et_xmlfile")


def tree_bytes(paths: list[Path]) -> int:
    total = 0
    for root in paths:
        if root.is_file():
            total += root.stat().st_size
            continue
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_size
    return total


def evict(paths: list[Path]) -> int:
    """Drop these files' clean pages from the page cache (Linux). Returns files touched."""
    if not hasattr(os, "posix_fadvise"):
        return 0
    count = 0
    for root in paths:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in files:
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                count += 1
            finally:
                os.close(fd)
    return count


def start_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds to the usable window, seconds to exit) for one start of the program."""
    started = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                            text=True, encoding="utf-8")
    usable = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(PREFIX):
            event = json.loads(line[len(PREFIX):])
            if event["event"] == "usable":
                usable = event["t"] - started
            elif event["event"] == "result" and not event["ok"]:
                raise SystemExit(f"selftest failed: {event}")
    code = proc.wait(timeout=120)
    ended = time.time() - started
    if code != 0 or usable is None:
        raise SystemExit(f"{cmd[0]} exited with {code} before a usable window")
    return usable, ended


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--bundle", type=Path, default=None, help="a built bundle (default: build/reuse)")
    p.add_argument("--no-cold", action="store_true", help="warm starts only")
    args = p.parse_args()

    bundle = args.bundle or BUNDLE
    if args.bundle is None:
        subprocess.run([sys.executable, str(REPO / "installer" / "build.py"), "--if-stale"], check=True,
                       stdout=subprocess.DEVNULL)
    exe = bundle / ("eduteach-cli.exe" if sys.platform == "win32" else "eduteach")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDUTEACH_")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))

    with tempfile.TemporaryDirectory(prefix="eduteach-bench-") as tmp:
        data = Path(tmp) / "data"
        env["HOME"] = str(Path(tmp) / "home")
        subprocess.run([str(exe), "--data-dir", str(data), "import-demo"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        variants = {
            "frozen": ([str(exe), "--data-dir", str(data), "--selftest"], [bundle]),
            "unfrozen": ([sys.executable, "-m", "eduteach_desktop", "--data-dir", str(data), "--selftest"],
                         [Path(sysconfig.get_paths()["stdlib"]), Path(sysconfig.get_paths()["purelib"]),
                          REPO / "eduteach_desktop", REPO / "eduteach_protocol",
                          Path(sysconfig.get_config_var("LIBDIR") or "/") /
                          (sysconfig.get_config_var("LDLIBRARY") or "libpython3.so")]),
        }
        for cmd, _files in variants.values():  # first start: creates caches, not timed
            start_once(cmd, env)
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        modes = ["warm"] if args.no_cold else ["cold", "warm"]
        for _ in range(args.runs):
            for mode in modes:
                for name, (cmd, files) in variants.items():
                    if mode == "cold":
                        evict(files)
                    results.setdefault((name, mode), []).append(start_once(cmd, env))

    site = Path(sysconfig.get_paths()["purelib"])
    runtime = [site / n for n in RUNTIME_PACKAGES if (site / n).exists()]
    runtime += [site / f for f in os.listdir(site) if f.startswith("_cffi_backend")]
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    stdlib_parts = [p for p in stdlib.iterdir() if p.name not in ("site-packages", "test", "idlelib",
                                                                   "tkinter", "lib2to3", "ensurepip")]
    libpython = Path(sysconfig.get_config_var("LIBDIR") or "/") / (sysconfig.get_config_var("LDLIBRARY") or "-")
    unfrozen_bytes = tree_bytes(runtime) + tree_bytes(stdlib_parts) + (
        libpython.stat().st_size if libpython.is_file() else 0)
    info = json.loads((bundle / "BUILD-INFO.json").read_text(encoding="utf-8"))
    debs = sorted((REPO / "installer" / "dist").glob("eduteach_*.deb"))
    deb_kib = None
    if debs:
        out = subprocess.run(["dpkg-deb", "-f", str(debs[-1]), "Installed-Size"], capture_output=True, text=True, encoding="utf-8")
        deb_kib = int(out.stdout.strip() or 0) or None

    print(f"# frozen start, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"machine: {platform.processor() or platform.machine()}, nproc {os.cpu_count()}, "
          f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
          f"bundle {info['size_mib']} MiB, {args.runs} runs each")
    print()
    print("| program | start | usable window, median s | min s | process exit, median s | × unfrozen |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for mode in modes:
        base = statistics.median(u for u, _ in results[("unfrozen", mode)])
        for name in ("unfrozen", "frozen"):
            runs = results[(name, mode)]
            med = statistics.median(u for u, _ in runs)
            print(f"| {name} | {mode} | {med:.3f} | {min(u for u, _ in runs):.3f} | "
                  f"{statistics.median(e for _, e in runs):.3f} | {med / base:.2f} |")
    print()
    print("| installed | MiB |")
    print("| --- | ---: |")
    print(f"| frozen bundle (installer/dist/eduteach) | {info['size_mib']} |")
    if deb_kib:
        print(f"| .deb Installed-Size (bundle + icons, menu entries) | {deb_kib / 1024:.1f} |")
    print(f"| unfrozen: the packages the app imports from site-packages + stdlib + libpython | "
          f"{unfrozen_bytes / 2**20:.1f} |")
    print(f"| unfrozen: the whole venv site-packages (with the hub and test tools) | "
          f"{tree_bytes([site]) / 2**20:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
