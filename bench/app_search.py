"""Library search at 100,000 lessons: p50/p95/max of the app's search (LibraryData.search:
pinyin index + rows) over a mix of queries a teacher types, against a plain linear scan of
the same keys measured in the same run. Also the time to build the index (cold, with
pypinyin, and warm, from the pinyin cache the app keeps in its database).

    .venv/bin/python bench/app_search.py [--lessons 100000] [--queries 600]

Target (issue 7): p95 ≤ 50 ms at 100,000 lessons.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=600)
    args = parser.parse_args()
    from make_catalog import make_data_dir

    from eduteach_desktop.core.search import normalize, pinyin_keys
    from eduteach_desktop.search.pinyin_process import load_pypinyin
    from eduteach_desktop.services import Services
    from eduteach_desktop.store.timetable import TimetableStore
    from eduteach_desktop.ui.library_data import build_index, fresh_pinyin

    work = Path(tempfile.mkdtemp(prefix="eduteach-bench-search-"))
    make_data_dir(work / "d", args.lessons)
    services = Services.open(work / "d")
    store = TimetableStore(services.db, services.clock)
    t0 = time.perf_counter()
    rows = store.lesson_table()
    t_rows = time.perf_counter() - t0
    t0 = time.perf_counter()
    store.save_pinyin(fresh_pinyin(store, rows.version).rows())  # a child process runs pypinyin
    index = build_index(rows, store)
    t_cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = build_index(rows, store)
    t_warm = time.perf_counter() - t0

    # What teachers type: initials (xxx), full pinyin, Chinese words, prefixes of titles.
    rng = random.Random(11)
    pinyin = load_pypinyin()
    keys = {r.title: pinyin_keys(r.title, pinyin) for r in (rows[i] for i in rng.sample(range(len(rows)), 2000))}
    titles = list(keys)
    queries: list[str] = []
    for i in range(args.queries):
        title = rng.choice(titles)
        k = keys[title]
        kind = i % 5
        if kind == 0:
            queries.append(k.initials[: rng.randint(2, 4)])
        elif kind == 1:
            queries.append(k.full[: rng.randint(3, 10)])
        elif kind == 2:
            queries.append(title[: rng.randint(1, 3)])
        elif kind == 3:
            queries.append(rng.choice(("x", "s", "xxx", "shu", "小", "春天", "zz", "qqq")))
        else:
            queries.append(k.full)

    def app_search(q: str) -> list[object]:
        return [rows[i] for i in index.search(q, 300)]

    # Baseline: the obvious implementation, a scan over per-lesson keys.
    cache = store.pinyin_cache()
    plain = [(r, normalize(r.title), cache[r.title].full, cache[r.title].initials) for r in rows]

    def scan(q: str) -> list[object]:
        q = normalize(q)
        out = []
        for r, t, f, i in plain:
            if q in t or q in f or q in i:
                out.append(r)
                if len(out) >= 300:
                    break
        return out

    results = {}
    for name, fn in (("linear scan (baseline)", scan), ("EduTeach index", app_search)):
        times = []
        for q in queries:
            t0 = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - t0) * 1000)
        results[name] = times
    # Same answers
    for q in queries[:100]:
        assert [r.id for r in app_search(q)] == [r.id for r in scan(q)], q

    print(f"{args.lessons:,} lessons, {len(queries)} queries; python {sys.version.split()[0]}")
    print(f"read rows {t_rows:.2f} s; build index cold (pypinyin in a child, saved to the cache) {t_cold:.2f} s, warm (cached) {t_warm:.2f} s")
    print(f"{'search':<26}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'× baseline p95':>16}")
    base95 = pct(results["linear scan (baseline)"], 95)
    for name, times in results.items():
        p95 = pct(times, 95)
        print(f"{name:<26}{statistics.median(times):>9.2f}{p95:>9.2f}{max(times):>9.2f}{p95 / base95:>16.3f}")
    p95 = pct(results["EduTeach index"], 95)
    print(f"target p95 ≤ 50 ms: {'holds' if p95 <= 50 else 'MISSED'}")
    services.close()
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
