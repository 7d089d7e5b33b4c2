"""Dashboard page latency for a county's year: 300 schools × 50,000 records each.

    python bench/hub_dashboard.py [--schools 300] [--days 365] [--pg URL]

The dashboard reads only the fact tables (usage_daily, class_sessions, attendance,
school_days, inventories) that ingest keeps up to date, so this fills those tables with what
a year of records makes (per school and school day: 7 class sessions of 1–3 lessons with
attendance of 20 pupils each; with the Video Profile events that is ≈ 50,000 statements per
school per year; attendance keeps one row per pupil and day), starts the real hub and times each page over HTTP (median
of 5, logged in). Baseline in the same run: GET /api/v1/health, whose work is one trivial
indexed COUNT plus the same HTTP stack. Target: every page ≤ 500 ms.
"""

from __future__ import annotations

import argparse
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eduteach_hub.config import HubHome  # noqa: E402
from eduteach_hub.db import Database, users  # noqa: E402
from eduteach_hub.db.schema import (  # noqa: E402
    attendance,
    class_sessions,
    devices,
    inventories,
    school_days,
    schools,
    usage_daily,
)

SUBJECTS = ["chinese", "math", "chinese", "math", "music", "art", "english", "morality", "science", "pe"]
PUPILS = 20
SESSIONS_PER_DAY = 7
# taught + 2 lessons × (initialized, played, completed, terminated) + attendance of 20 pupils
STATEMENTS_PER_SESSION = 1 + 2 * 4 + PUPILS


def fill(db: Database, n_schools: int, days: int, today: date) -> int:
    rng = random.Random(11)
    now = "2026-01-01T00:00:00.000Z"
    statements = 0
    with db.write() as conn:
        conn.execute(schools.insert(), [{"code": f"99{i:08d}", "name": f"教学点{i}", "county_code": "420100", "created_at": now} for i in range(n_schools)])
        conn.execute(devices.insert(), [{"id": f"dev-{i:032x}", "school_code": f"99{i:08d}", "secret_hash": "0" * 64, "public_key": "x", "name": "pc", "app_version": "0.2", "enrolled_at": now} for i in range(n_schools)])
        conn.execute(inventories.insert(), [{"device_id": f"dev-{i:032x}", "school_code": f"99{i:08d}", "catalog_version": 3, "lessons_installed": 118, "lessons_subscribed": 120, "bytes": 5 * 10**9, "last_sync": now, "reported_at": now} for i in range(n_schools)])
    for i in range(n_schools):
        code = f"99{i:08d}"
        usage, sessions, att, sdays = {}, [], [], []
        pupils = [(f"G420100{rng.randrange(10**11):011d}", rng.choice([1, 2, 3]), rng.choice([0.02, 0.05, 0.3])) for _ in range(PUPILS)]
        for d in range(days):
            day = today - timedelta(days=d)
            if day.weekday() >= 5:
                continue
            ds = day.isoformat()
            n_records = 0
            for _ in range(SESSIONS_PER_DAY):
                subject = rng.choice(SUBJECTS)
                grade = rng.choice([1, 2, 3])
                plays = rng.randint(1, 3)
                key = (ds, subject, grade)
                u = usage.setdefault(key, [0, 0, 0.0])
                u[0] += plays
                u[1] += plays - 1
                u[2] += plays * 600.0
                sessions.append({"school_code": code, "registration": str(uuid.UUID(int=rng.getrandbits(128))), "subject": subject, "grade": grade, "day": ds, "plays": plays, "seconds": plays * 600.0})
                n_records += STATEMENTS_PER_SESSION
            for pupil, grade, p_absent in pupils:
                x = rng.random()
                status = "absent" if x < p_absent else ("late" if x < p_absent + 0.03 else "present")
                att.append({"school_code": code, "day": ds, "pupil": pupil, "grade": grade, "status": status, "statement_id": str(uuid.UUID(int=rng.getrandbits(128)))})
            sdays.append({"school_code": code, "day": ds, "records": n_records})
            statements += n_records
        with db.write() as conn:
            conn.execute(usage_daily.insert(), [{"school_code": code, "day": k[0], "subject": k[1], "grade": k[2], "plays": v[0], "completed": v[1], "seconds": v[2]} for k, v in usage.items()])
            conn.execute(class_sessions.insert(), sessions)
            conn.execute(attendance.insert(), att)
            conn.execute(school_days.insert(), sdays)
    return statements


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schools", type=int, default=300)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--pg", metavar="URL", help="PostgreSQL admin URL (creates a throw-away database)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hub-dash-bench-"))
    pg_name = db_url = None
    if args.pg:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        pg_name = "eduteach_bench_" + secrets.token_hex(4)
        with create_engine(args.pg, isolation_level="AUTOCOMMIT").connect() as c:
            c.execute(text(f'CREATE DATABASE "{pg_name}"'))
        db_url = make_url(args.pg).set(database=pg_name).render_as_string(hide_password=False)
    try:
        home = HubHome.init(tmp / "hub", "420100", db_url)
        db = Database.open(home.db_url)
        t0 = time.perf_counter()
        n = fill(db, args.schools, args.days, date.today())
        with db.write() as conn:
            users.add(conn, "bench", "admin", "bench password", "2026-01-01T00:00:00.000Z")
        if db.is_sqlite:
            with db.write() as conn:
                conn.exec_driver_sql("ANALYZE")
        db.dispose()
        print(f"filled facts for {args.schools} schools × {args.days} days ≈ {n:,} statements ({n // max(1, args.schools):,} per school) in {time.perf_counter() - t0:.0f} s")

        proc = subprocess.Popen([sys.executable, "-m", "eduteach_hub", "serve", "--home", str(home.path), "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
        assert proc.stdout is not None
        url = re.search(r"(http://\S+)", proc.stdout.readline()).group(1)  # type: ignore[union-attr]
        try:
            s = requests.Session()
            token = re.search(r'name="csrf" value="([^"]+)"', s.get(url + "/dashboard/login").text).group(1)  # type: ignore[union-attr]
            assert s.post(url + "/dashboard/login", data={"name": "bench", "password": "bench password", "csrf": token}).ok

            def timed(path: str) -> float:
                runs = []
                for _ in range(5):
                    t = time.perf_counter()
                    r = s.get(url + path)
                    runs.append(time.perf_counter() - t)
                    assert r.status_code == 200, (path, r.status_code, r.text[:200])
                return statistics.median(runs) * 1000

            base = timed("/api/v1/health")
            kind = "PostgreSQL" if args.pg else "SQLite"
            print(f"dashboard latency ({kind}), median of 5 over HTTP; baseline GET /api/v1/health (one indexed COUNT): {base:.1f} ms")
            worst = 0.0
            for path in (
                "/dashboard/overview", "/dashboard/overview?weeks=20", "/dashboard/opening",
                "/dashboard/opening?weeks=12", "/dashboard/attendance", "/dashboard/attendance?weeks=12",
                "/dashboard/content", "/dashboard/schools", "/dashboard/schools/9900000007",
                "/dashboard/export/opening.xlsx", "/dashboard/export/absentees.xlsx",
            ):
                ms = timed(path)
                worst = max(worst, ms)
                print(f"  {path:<40} {ms:7.1f} ms   ratio {ms / base:6.1f}   {'ok' if ms <= 500 else 'OVER 500 ms'}")
            print(f"  slowest page: {worst:.0f} ms (target ≤ 500 ms)")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if pg_name:
            from sqlalchemy import create_engine, text

            with create_engine(args.pg, isolation_level="AUTOCOMMIT").connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
