"""App start-up: cold start (a new process) to a usable main window, with 10,000 and
100,000 lessons in the catalog, against a bare PySide6 window with a tree view measured
in the same run. Also the idle memory (RSS) once the search index is built.

    .venv/bin/python bench/app_startup.py [--runs 5] [--platform offscreen|xcb]

"Usable" means: the main window is shown, today's timetable is on screen and the library
tree holds every lesson (a click on a grade opens it). Times are from the parent's spawn
of the process to the child's report, so interpreter start and imports count.
Targets (issue 7): ≤ 0.5 s at 10,000 lessons, ≤ 1.0 s at 100,000; idle RSS ≤ 120 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

BARE = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView
from PySide6.QtGui import QStandardItemModel, QStandardItem
from PySide6.QtCore import QTimer
app = QApplication(sys.argv)
win = QMainWindow()
model = QStandardItemModel()
for i in range(3):
    model.appendRow(QStandardItem(f"grade {i}"))
tree = QTreeView(); tree.setModel(model)
win.setCentralWidget(tree); win.resize(1024, 720); win.show()
def usable():
    print("USABLE", time.time(), flush=True)
    QTimer.singleShot(1500, done)
def done():
    rss = int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1])
    print("RSS", rss, flush=True)
    app.quit()
QTimer.singleShot(0, usable)
app.exec()
"""

APP = r"""
import sys, time
print("PYTHON", time.time(), flush=True)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from eduteach_desktop.ui.app import run_app
from eduteach_desktop.ui.dialogs import RecordingDialogs
print("IMPORTED", time.time(), flush=True)
want = int(sys.argv[2])
def started(edu):
    print("SHOWN", time.time(), flush=True)
    w, ctx = edu.main_window, edu.ctx
    state = {"today": False, "library": False}
    def poll():
        if not state["today"] and w.isVisible() and w.today._data is not None:
            state["today"] = True
            print("USABLE", time.time(), flush=True)
        if not state["library"] and w.library.model.rowCount() > 0 and len(ctx.library.rows) == want:
            state["library"] = True
            print("LIBRARY", time.time(), flush=True)
        if not (state["today"] and state["library"]):
            QTimer.singleShot(2, poll)
            return
        if ctx.library.index is None:
            QTimer.singleShot(20, poll)
            return
        print("INDEX", time.time(), flush=True)
        QTimer.singleShot(1500, done)
    def done():
        rss = int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1])
        print("RSS", rss, flush=True)
        QApplication.quit()
    poll()
    QTimer.singleShot(120_000, QApplication.quit)
run_app(sys.argv[1], ["eduteach"], dialogs=RecordingDialogs(), on_started=started)
"""


def run_child(code: str, args: list[str], platform: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONPATH=str(REPO_ROOT))
    env.pop("EDUTEACH_LANG", None)
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=300)
    out: dict[str, float] = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if parts and parts[0] in ("PYTHON", "IMPORTED", "SHOWN", "USABLE", "LIBRARY", "INDEX"):
            out[parts[0].lower()] = float(parts[1]) - t0
        elif parts and parts[0] == "RSS":
            out["rss_mb"] = int(parts[1]) / 1024
    if "usable" not in out:
        raise SystemExit(f"child failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
    return out


def median(rows: list[dict[str, float]], key: str) -> float:
    values = [r[key] for r in rows if key in r]
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default="offscreen")
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_catalog import make_data_dir

    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="eduteach-bench-start-"))
    dirs = {}
    for n in sizes:
        dirs[n] = work / f"d{n}"
        print(f"making a data dir with {n} lessons … {make_data_dir(dirs[n], n):.1f} s", flush=True)
    # warm the page cache once, as a second start of the day would find it
    run_child(BARE, [], args.platform)
    for n in sizes:
        run_child(APP, [str(dirs[n]), str(n)], args.platform)
    # The first start after a new catalog arrived: no title has its pinyin cached yet, so
    # pypinyin is loaded (then dropped) and every title's pinyin is computed.
    big = max(sizes)
    fresh = work / "fresh"
    shutil.copytree(dirs[big], fresh)

    def forget_pinyin() -> None:
        import sqlite3

        conn = sqlite3.connect(fresh / "eduteach.sqlite3")
        with conn:
            conn.execute("DELETE FROM pinyin_cache")
        conn.close()

    results: dict[str, list[dict[str, float]]] = {"bare": []}
    for _ in range(args.runs):
        results["bare"].append(run_child(BARE, [], args.platform))
        for n in sizes:
            results.setdefault(str(n), []).append(run_child(APP, [str(dirs[n]), str(n)], args.platform))
        forget_pinyin()
        results.setdefault("fresh", []).append(run_child(APP, [str(fresh), str(big)], args.platform))
    floor = median(results["bare"], "usable")
    print()
    print(f"platform {args.platform}, {args.runs} runs each, medians; python {sys.version.split()[0]}")
    print("usable: the Today screen shows today's periods and its buttons work; library: the")
    print("tree lists every lesson; index: pinyin search ready (all from the spawn, seconds)")
    print(f"{'case':<34}{'usable s':>10}{'× bare':>8}{'library s':>10}{'index s':>9}{'RSS MB':>8}  target")
    print(f"{'bare PySide6 window + tree view':<34}{floor:>10.3f}{1:>8.2f}{'':>10}{'':>9}"
          f"{median(results['bare'], 'rss_mb'):>8.0f}")
    for n in sizes:
        rows = results[str(n)]
        usable = median(rows, "usable")
        target = 0.5 if n <= 10_000 else 1.0
        verdict = "holds" if usable <= target else "MISSED"
        rss = median(rows, "rss_mb")
        print(f"{f'EduTeach, {n:,} lessons':<34}{usable:>10.3f}{usable / floor:>8.2f}"
              f"{median(rows, 'library'):>10.3f}{median(rows, 'index'):>9.2f}{rss:>8.0f}  ≤ {target} s: "
              f"{verdict}; RSS ≤ 120 MB: {'holds' if rss <= 120 else 'MISSED'}")
        print(f"{'':<34}usable runs: " + " ".join(f"{r['usable']:.3f}" for r in rows))
        print(f"{'':<34}phases (median): python {median(rows, 'python'):.3f}, imports done "
              f"{median(rows, 'imported'):.3f}, window shown {median(rows, 'shown'):.3f}")
    rows = results["fresh"]
    print(f"{f'{big:,}, first start after a new catalog':<34}{median(rows, 'usable'):>10.3f}"
          f"{median(rows, 'usable') / floor:>8.2f}{median(rows, 'library'):>10.3f}"
          f"{median(rows, 'index'):>9.2f}{median(rows, 'rss_mb'):>8.0f}  (pinyin for every title: once)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
