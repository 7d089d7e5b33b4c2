"""Ingest rate of the hub's xAPI statements resource, in gzip'd batches of 500.

    python bench/hub_ingest.py [--statements 50000] [--workers 1] [--clients 2] [--pg URL] [--compact]

Starts a real hub (eduteach-hub serve) on a fresh SQLite home, or on PostgreSQL with --pg
(a throw-away database is created and dropped), posts pre-encoded batches from --clients
threads, and prints statements/s. --compact posts the app's own format instead (the compact
batch of eduteach_protocol.batch, application/vnd.eduteach.statements+json). Baseline, measured in the same run on the same database
kind: a raw driver executemany of the same statement rows (no validation, no indexes of
ours, no HTTP), committed per 500 with the same durability settings. The ratio says what
the LRS work costs on top of just writing the rows.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eduteach_hub import sampledata  # noqa: E402
from eduteach_hub.config import HubHome  # noqa: E402
from eduteach_hub.db import Database, devices, schools  # noqa: E402
from eduteach_hub.db.times import iso_ms  # noqa: E402

SCHOOL = "9942010001"
BATCH = 500


def make_statements(n: int, device_id: str) -> list[dict]:
    rng = random.Random(3)
    s = sampledata._schools(rng, 1, "420100")[0]
    s = sampledata.SampleSchool(SCHOOL, s.name, s.county, device_id, s.grades, s.pupils, 1.0, 0)
    out: list[dict] = []
    start = date.today() - timedelta(days=364)
    while len(out) < n:
        for st in sampledata._events(rng, s, start, date.today()):
            st["id"] = str(uuid.uuid4())
            out.append(st)
            if len(out) == n:
                break
    return out


def start_hub(home: Path, workers: int) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "eduteach_hub", "serve", "--home", str(home), "--port", "0", "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    m = re.search(r"(http://\S+)", line)
    if not m:
        proc.kill()
        raise SystemExit(f"hub did not start: {line!r}")
    url = m.group(1)
    for _ in range(100):  # workers may still be importing
        try:
            if requests.get(url + "/api/v1/health", timeout=2).status_code == 200:
                break
        except requests.RequestException:
            time.sleep(0.1)
    return proc, url


PLAIN_HEADERS = {"Content-Type": "application/json", "Content-Encoding": "gzip"}


def post_all(
    url: str, auth: tuple[str, str], bodies: list[bytes], clients: int, body_headers: dict[str, str] = PLAIN_HEADERS
) -> float:
    headers = {"X-Experience-API-Version": "2.0.0", **body_headers}
    queue = list(enumerate(bodies))
    lock = threading.Lock()
    errors: list[str] = []

    def run() -> None:
        s = requests.Session()
        while True:
            with lock:
                if not queue:
                    return
                _, body = queue.pop(0)
            try:
                r = s.post(url + "/xapi/statements", data=body, headers=headers, auth=auth, timeout=120)
            except requests.RequestException as exc:
                errors.append(repr(exc))
                continue
            if r.status_code != 200:
                errors.append(f"{r.status_code} {r.text[:200]}")

    threads = [threading.Thread(target=run) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise SystemExit(f"{len(errors)} batches failed, first: {errors[0]}")
    return elapsed


def baseline(db_url: str, rows: list[tuple]) -> float:
    """Raw executemany of the same statement rows into a bare table, commit per 500."""
    cols = "(id TEXT PRIMARY KEY, school_code TEXT, device_id TEXT, stored TEXT, timestamp TEXT, verb_id TEXT, activity_id TEXT, registration TEXT, voided BOOLEAN, content_sha256 TEXT, body TEXT, statement_ref TEXT)"
    if db_url.startswith("sqlite"):
        path = db_url.split("///", 1)[1] + ".baseline"
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"CREATE TABLE raw {cols}")
        t0 = time.perf_counter()
        for i in range(0, len(rows), BATCH):
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO raw VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows[i : i + BATCH])
            conn.execute("COMMIT")
        elapsed = time.perf_counter() - t0
        conn.close()
        return elapsed
    import psycopg

    dsn = db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        conn.execute(f"CREATE TABLE raw {cols}")
        conn.commit()
        t0 = time.perf_counter()
        with conn.cursor() as cur:
            for i in range(0, len(rows), BATCH):
                cur.executemany("INSERT INTO raw VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", rows[i : i + BATCH])
                conn.commit()
        return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, default=50_000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--clients", type=int, default=2)
    ap.add_argument("--pg", metavar="URL", help="PostgreSQL admin URL (creates a throw-away database)")
    ap.add_argument("--compact", action="store_true", help="post the app's compact batch format")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    pg_name = None
    db_url = None
    if args.pg:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        pg_name = "eduteach_bench_" + secrets.token_hex(4)
        admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{pg_name}"'))
        db_url = make_url(args.pg).set(database=pg_name).render_as_string(hide_password=False)
    try:
        home = HubHome.init(tmp / "hub", "420100", db_url)
        cfg = home.config_path
        cfg.write_text(cfg.read_text(encoding="utf-8").replace("requests_per_minute = 600", "requests_per_minute = 1000000"), encoding="utf-8")
        secret = devices.new_secret()
        device_id = devices.new_device_id()
        db = Database.open(home.db_url)
        with db.write() as conn:
            now = iso_ms(datetime.now(UTC))
            schools.add(conn, SCHOOL, "基准教学点", "420100", now)
            devices.insert_device(conn, device_id=device_id, school_code=SCHOOL, secret=secret, public_key="AAAA", name="bench", app_version="0", now=now)
        db.dispose()

        stmts = make_statements(args.statements, device_id)
        if args.compact:
            from eduteach_protocol import batch

            bodies = [batch.encode(stmts[i : i + BATCH]) for i in range(0, len(stmts), BATCH)]
            body_headers = {"Content-Type": batch.MEDIA_TYPE}  # gzip'd inside, as the app sends it
        else:
            bodies = [gzip.compress(json.dumps(stmts[i : i + BATCH], ensure_ascii=False, separators=(",", ":")).encode(), 6) for i in range(0, len(stmts), BATCH)]
            body_headers = PLAIN_HEADERS
        wire = sum(len(b) for b in bodies)

        proc, url = start_hub(home.path, args.workers)
        try:
            elapsed = post_all(url, (device_id, secret), bodies, args.clients, body_headers)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        rate = len(stmts) / elapsed

        from eduteach_hub.api import lrs
        from eduteach_hub.db.devices import Device

        dev = Device(device_id, SCHOOL, "AAAA", "bench", "0", now, None, None)
        _, prepared = lrs.prepare_batch(stmts[: min(len(stmts), lrs.MAX_BATCH)], dev, datetime.now(UTC))
        rows = []
        cols = ["id", "school_code", "device_id", "stored", "timestamp", "verb_id", "activity_id", "registration", "voided", "content_sha256", "body", "statement_ref"]
        template = [tuple(p.new.row[c] for c in cols) for p in prepared]
        for i in range(len(stmts)):
            t = template[i % len(template)]
            rows.append((str(uuid.uuid4()), *t[1:]))
        base_elapsed = baseline(home.db_url, rows)
        base_rate = len(rows) / base_elapsed
        kind = "PostgreSQL" if args.pg else "SQLite"
        fmt = "compact batches" if args.compact else "batches"
        print(f"hub ingest ({kind}, {args.workers} worker(s), {args.clients} client threads, {fmt} of {BATCH}):")
        print(f"  {len(stmts)} statements in {elapsed:.2f} s = {rate:,.0f} statements/s ({wire / len(stmts):.0f} B/statement on the wire, gzip)")
        print(f"  baseline, raw executemany of the same rows: {base_rate:,.0f} rows/s")
        print(f"  ratio hub/baseline: {rate / base_rate:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if pg_name:
            from sqlalchemy import create_engine, text

            admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
