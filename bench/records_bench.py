"""Records benchmarks (issue 4): wire bytes per record, a year of records over 256 kbit/s,
and the local commit rate with synchronous=FULL. Each figure has a baseline measured in
the same run. Not a test: run `python bench/records_bench.py [--quick]`.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eduteach_desktop.core.clock import ManualClock  # noqa: E402
from eduteach_desktop.services import Services  # noqa: E402
from eduteach_desktop.store import settings as keys  # noqa: E402
from eduteach_desktop.store.roster import Pupil  # noqa: E402
from eduteach_protocol import batch  # noqa: E402


def school_term(s: Services, clock: ManualClock, target: int, rng: random.Random) -> int:
    """A realistic mix: 4 combined-grade sessions a day, 30 pupils, a few absences, 1–2 plays."""
    s.roster.replace_grade(1, [Pupil("", 1, f"甲{i}", registry_no=f"G43012320150101{i:04d}") for i in range(15)])
    s.roster.replace_grade(2, [Pupil("", 2, f"乙{i}", registry_no=f"G43012320140101{i:04d}") for i in range(15)])
    lessons = s.library.lessons() or [demo_lesson()]
    pupils = [p.id for p in s.roster.pupils()]
    while s.outbox.counts().pending < target:
        for _ in range(4):
            sess = s.sessions.start(rng.choice(["music", "art", "english"]), [1, 2])
            for pid in rng.sample(pupils, 2):
                s.sessions.set_status(sess.id, pid, rng.choice(["absent", "late", "leave"]))
            for _ in range(rng.randint(1, 2)):
                clock.advance(60)
                length = rng.uniform(20, 50)
                s.usage.record_play(rng.choice(lessons), clock.now(), length, rng.random() < 0.6,
                                    registration=sess.id, segments=[(0.0, length)])
            clock.advance(2400)
            s.sessions.end(sess.id)
        clock.advance(86400 - 4 * 2520)
    return s.outbox.counts().pending


def demo_lesson():  # noqa: ANN201 - a Lesson
    from eduteach_protocol.catalog import Lesson, LessonFile

    return Lesson(id="music-g1-renyin-xiaoxingxing", title="小星星", grade=1, subject="music", edition="人音版",
                  volume="上册", unit=2, order=1, kind="audio", duration=50.3,
                  files=(LessonFile("media", "a.ogg", "0" * 64, 1000),))


def enrolled_pc(base: Path) -> tuple[Services, ManualClock]:
    clock = ManualClock(datetime(2026, 9, 1, 0, 0, tzinfo=UTC))
    s = Services.open(base, clock=clock)
    s.settings.update({keys.DEVICE_ID: "dev-" + "0123456789abcdef" * 2, keys.DEVICE_SECRET: "x",
                       keys.HUB_URL: "http://127.0.0.1:9", keys.SCHOOL_CODE: "4301230001",
                       keys.COUNTY_CODE: "430123"})
    return s, clock


def wire_bytes(tmp: Path) -> None:
    s, clock = enrolled_pc(tmp / "wire")
    try:
        school_term(s, clock, 5000, random.Random(1))
        items = [i.statement for i in s.outbox.pending(10**9)]
    finally:
        s.close()
    n = len(items) // 500 * 500
    raw = sum(len(json.dumps(st, separators=(",", ":"), ensure_ascii=False).encode()) for st in items[:n])
    plain = compact = 0
    for i in range(0, n, 500):
        plain += len(batch.encode_plain(items[i:i + 500]))
        compact += len(batch.encode(items[i:i + 500]))
    print("\n## Wire bytes per record (batches of 500, realistic term mix)")
    print(f"{'encoding':<34}{'bytes/record':>14}{'vs raw JSON':>14}")
    print(f"{'raw JSON (baseline)':<34}{raw / n:>14.1f}{1:>14.3f}")
    print(f"{'gzip JSON array (any xAPI LRS)':<34}{plain / n:>14.1f}{plain / raw:>14.4f}")
    print(f"{'compact batch (our hub)':<34}{compact / n:>14.1f}{compact / raw:>14.4f}")
    print(f"target <= 50 B/record: {'MET' if compact / n <= 50 else 'MISSED'}")


def deliver_year(tmp: Path, records: int, link_bps: int) -> None:
    from tests.helpers.faultserver import Faults, FaultServer
    from tests.integration.hubproc import run_cli, running_hub

    home = tmp / "hub"
    assert run_cli("init", str(home), "--county", "430123").returncode == 0
    code = run_cli("school", "add", "4301230001", "--name", "测试", home=home).stdout.strip().splitlines()[-1]
    with running_hub(home) as url:
        clock = ManualClock(datetime(2026, 9, 1, 0, 0, tzinfo=UTC))
        s = Services.open(tmp / "pc", clock=clock)
        try:
            s.enroll(url, code)
            count = school_term(s, clock, records, random.Random(2))
            items = [i.statement for i in s.outbox.pending(10**9)]
            payload = sum(len(batch.encode(items[i:i + 500])) for i in range(0, len(items), 500))
            with FaultServer(upstream=url, faults=Faults(link_rate=link_bps / 8)) as link:
                s.settings.set(keys.HUB_URL, link.url)
                t0 = time.monotonic()
                report = s.upload()
                elapsed = time.monotonic() - t0
                wire = link.bytes_sent
        finally:
            s.close()
    ideal = payload / (link_bps / 8)
    print(f"\n## A year of records ({count}) over {link_bps / 1000:.0f} kbit/s to the real hub")
    print(f"{'measure':<40}{'value':>12}")
    print(f"{'records delivered':<40}{report.sent:>12}")
    print(f"{'request payload bytes':<40}{payload:>12}")
    print(f"{'bytes the link carried down (acks)':<40}{wire:>12}")
    print(f"{'payload time at link rate (baseline) s':<40}{ideal:>12.1f}")
    print(f"{'measured delivery time s':<40}{elapsed:>12.1f}")
    print(f"{'ratio measured / baseline':<40}{elapsed / ideal:>12.2f}")
    print(f"target <= 180 s: {'MET' if elapsed <= 180 else 'MISSED'}")


def commit_rate(tmp: Path, n: int) -> None:
    s, clock = enrolled_pc(tmp / "commit")
    try:
        lesson = demo_lesson()
        t0 = time.perf_counter()
        for _ in range(n):
            s.usage.record_play(lesson, clock.now(), 30.0, True, segments=[(0.0, 30.0)])
        app_rate = n / (time.perf_counter() - t0)
    finally:
        s.close()

    def raw_rate(sync: str) -> float:
        path = tmp / f"raw-{sync}.sqlite3"
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={sync}")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
        body = "x" * 1100
        t = time.perf_counter()
        for _ in range(n):
            conn.execute("BEGIN")
            conn.execute("INSERT INTO t (body) VALUES (?)", (body,))
            conn.execute("COMMIT")
        rate = n / (time.perf_counter() - t)
        conn.close()
        return rate

    full, normal = raw_rate("FULL"), raw_rate("NORMAL")
    print(f"\n## Local commit rate (one play = 3 statements + a play row, one transaction), n={n}")
    print(f"{'what':<48}{'commits/s':>12}{'vs raw FULL':>12}")
    print(f"{'raw 1 KB insert, WAL, synchronous=FULL (base)':<48}{full:>12.0f}{1:>12.2f}")
    print(f"{'raw 1 KB insert, WAL, synchronous=NORMAL':<48}{normal:>12.0f}{normal / full:>12.2f}")
    print(f"{'record_play (app), synchronous=FULL':<48}{app_rate:>12.0f}{app_rate / full:>12.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller runs (for a smoke check)")
    args = parser.parse_args()
    print(f"# records benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        wire_bytes(base)
        commit_rate(base, 200 if args.quick else 1000)
        deliver_year(base, 5_000 if args.quick else 50_000, 256_000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
