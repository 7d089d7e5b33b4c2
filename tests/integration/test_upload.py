"""UP: records reach the real hub exactly once, whatever happens to the link or the PC."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest

from eduteach_desktop.core.clock import ManualClock
from eduteach_desktop.core.errors import UploadError
from eduteach_desktop.services import Services
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.roster import Pupil
from eduteach_desktop.sync.hubclient import HubClient
from eduteach_protocol import batch as batch_codec
from tests.helpers.faultserver import Faults, FaultServer
from tests.helpers.waiting import wait_until
from tests.integration.hubproc import run_cli, running_hub


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    home = tmp_path_factory.mktemp("hub") / "home"
    assert run_cli("init", str(home), "--county", "430123").returncode == 0
    with running_hub(home) as url:
        yield home, url


def new_code(home: Path, school: str = "4301230001") -> str:
    out = run_cli("school", "add", school, "--name", "测试教学点", home=home)
    if out.returncode != 0:
        out = run_cli("school", "code", school, home=home)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


def hub_count(home: Path, device_id: str | None = None) -> int:
    conn = sqlite3.connect(home / "hub.sqlite3")
    try:
        if device_id:
            return conn.execute("SELECT COUNT(*) FROM statements WHERE device_id = ?", (device_id,)).fetchone()[0]
        return conn.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
    finally:
        conn.close()


def hub_ids(home: Path, device_id: str) -> list[str]:
    conn = sqlite3.connect(home / "hub.sqlite3")
    try:
        return [r[0] for r in conn.execute("SELECT id FROM statements WHERE device_id = ?", (device_id,))]
    finally:
        conn.close()


@pytest.fixture
def pc(tmp_path, hub):
    home, url = hub
    s = Services.open(tmp_path / "pc")
    s.enroll(url, new_code(home))
    yield s
    s.close()


def make_sessions(s: Services, sessions: int, pupils: int = 30) -> int:
    s.roster.replace_grade(1, [Pupil("", 1, f"学生{i}", registry_no=f"G{i:019d}") for i in range(pupils)])
    for _ in range(sessions):
        s.sessions.end(s.sessions.start("music", [1]).id)
    return s.outbox.counts().pending


def test_upload_delivers_everything_once_with_compact_batches(pc, hub):
    home, _ = hub
    n = make_sessions(pc, 20)  # 620 records: two batches
    report = pc.upload()
    assert report.sent == n and report.remaining == 0
    assert pc.settings.get(keys.HUB_BATCH_FORMAT, "compact") == "compact"
    assert hub_count(home, pc.settings.get(keys.DEVICE_ID)) == n
    assert pc.upload().sent == 0  # nothing twice


def test_one_poison_record_in_500_does_not_hold_back_the_others(pc, hub):
    home, _ = hub
    make_sessions(pc, 16)  # 496 records
    with pc.db.transaction() as conn:  # a record damaged on disk (or by an old app bug)
        row = conn.execute("SELECT seq, statement FROM outbox ORDER BY seq LIMIT 1 OFFSET 250").fetchone()
        st = json.loads(row["statement"])
        st["timestamp"] = "yesterday"
        conn.execute("UPDATE outbox SET statement = ? WHERE seq = ?", (json.dumps(st), row["seq"]))
    report = pc.upload()
    assert report.sent == 495 and report.quarantined == 1
    assert hub_count(home, pc.settings.get(keys.DEVICE_ID)) == 495
    (bad_id, reason), = pc.outbox.quarantined()
    assert bad_id == st["id"] and "timestamp" in reason


def test_null_values_the_hub_takes_and_refuses(pc, hub):
    """xAPI allows null only inside extensions. A record with a null extension value cannot
    go in a compact batch (a null there means "absent"), so the app sends it as plain JSON
    and the hub keeps it; a record with "timestamp": null is refused and quarantined alone."""
    home, _ = hub
    n = make_sessions(pc, 2)  # 62 records
    with pc.db.transaction() as conn:
        rows = conn.execute("SELECT seq, statement FROM outbox ORDER BY seq LIMIT 2 OFFSET 10").fetchall()
        kept, poison = (json.loads(r["statement"]) for r in rows)
        kept["context"]["extensions"]["https://example.org/xapi/ext/optional"] = None
        poison["timestamp"] = None
        for row, st in zip(rows, (kept, poison), strict=True):
            conn.execute("UPDATE outbox SET statement = ? WHERE seq = ?", (json.dumps(st), row["seq"]))
    report = pc.upload()
    assert report.sent == n - 1 and report.quarantined == 1
    assert pc.settings.get(keys.HUB_BATCH_FORMAT, "compact") == "compact"  # the fallback is per batch
    ids = set(hub_ids(home, pc.settings.get(keys.DEVICE_ID)))
    assert kept["id"] in ids and poison["id"] not in ids and len(ids) == n - 1
    (bad_id, reason), = pc.outbox.quarantined()
    assert bad_id == poison["id"] and "timestamp is null" in reason


def test_a_lost_response_is_resent_and_counted_once(pc, hub):
    home, url = hub
    n = make_sessions(pc, 3)
    with FaultServer(upstream=url) as proxy:
        pc.settings.set(keys.HUB_URL, proxy.url)
        proxy.drop_next_responses(1)
        with pytest.raises(UploadError):
            pc.upload()  # the hub stored the batch; we never heard back
        assert pc.outbox.counts().pending == n
        assert hub_count(home, pc.settings.get(keys.DEVICE_ID)) == n
        report = pc.upload()
    assert report.sent == n
    assert hub_count(home, pc.settings.get(keys.DEVICE_ID)) == n


def test_failed_uploads_are_counted_on_the_waiting_records_until_they_go(pc, hub):
    home, url = hub
    n = make_sessions(pc, 1)
    with socket.socket() as closed:  # a port nothing listens on: the hub is down
        closed.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{closed.getsockname()[1]}"
    pc.settings.set(keys.HUB_URL, down)
    for _ in range(2):
        with pytest.raises(UploadError):
            pc.upload()
    counts = pc.outbox.counts()
    assert (counts.pending, counts.attempts) == (n, 2)
    assert counts.last_error
    with FaultServer(upstream=url, faults=Faults(error_rate=1.0, error_status=503)) as failing:
        pc.settings.set(keys.HUB_URL, failing.url)
        with pytest.raises(UploadError):
            pc.upload()
    counts = pc.outbox.counts()
    assert (counts.pending, counts.attempts, counts.last_error) == (n, 3, "HTTP 503")
    pc.settings.set(keys.HUB_URL, url)
    assert pc.upload().sent == n
    counts = pc.outbox.counts()
    assert (counts.pending, counts.attempts, counts.last_error) == (0, 0, None)
    assert hub_count(home, pc.settings.get(keys.DEVICE_ID)) == n


def test_a_replay_storm_of_the_same_batch_stores_it_once(pc, hub):
    home, url = hub
    make_sessions(pc, 2)
    items = pc.outbox.pending()
    bodies = [batch_codec.encode([i.statement for i in items]), batch_codec.encode_plain([i.statement for i in items])]
    client = HubClient(url)
    auth = (pc.settings.get(keys.DEVICE_ID), pc.settings.get(keys.DEVICE_SECRET))
    results = []

    def send(k: int) -> None:
        body = bodies[k % 2]
        ctype = batch_codec.MEDIA_TYPE if k % 2 == 0 else "application/json"
        results.append(client.post_statements(*auth, body, ctype, gzipped=k % 2 == 1).status)

    threads = [threading.Thread(target=send, args=(k,)) for k in range(6)]
    random.Random(3).shuffle(threads)
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(code == 200 for code in results), results
    assert hub_count(home, auth[0]) == len(items)


def test_same_id_with_different_content_is_a_quarantined_conflict(pc, hub):
    home, _ = hub
    make_sessions(pc, 1)
    assert pc.upload().sent == 31
    # a restored data dir: the same ids again, but different content
    with pc.db.transaction() as conn:
        row = conn.execute("SELECT seq, statement FROM outbox ORDER BY seq DESC LIMIT 1").fetchone()
        st = json.loads(row["statement"])
        st["verb"] = {"id": "https://w3id.org/eduteach/xapi/verbs/absent"}
        conn.execute("UPDATE outbox SET statement = ?, state = 'pending' WHERE seq = ?", (json.dumps(st), row["seq"]))
        conn.execute("UPDATE outbox SET state = 'pending' WHERE seq = ?", (row["seq"] - 1,))
    report = pc.upload()
    assert report.conflicts == 1 and report.sent == 1  # the unchanged one was already there
    reasons = dict(pc.outbox.quarantined())
    assert "conflict" in reasons[st["id"]]
    assert hub_count(home, pc.settings.get(keys.DEVICE_ID)) == 31


def test_a_correction_while_its_batch_is_in_flight(pc, hub):
    home, url = hub
    pc.roster.replace_grade(1, [Pupil("", 1, f"学生{i}", registry_no=f"GX{i:05d}") for i in range(30)])
    session = pc.sessions.start("art", [1])
    pc.sessions.end(session.id)
    pupil = pc.roster.pupils()[0]
    with FaultServer(upstream=url, faults=Faults(latency=1.0)) as slow:
        pc.settings.set(keys.HUB_URL, slow.url)
        done = threading.Event()
        errors = []

        def upload() -> None:
            try:
                pc.upload()
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            done.set()

        t = threading.Thread(target=upload)
        t.start()
        # the device-state check, then the batch: its POST has reached the proxy
        wait_until(lambda: slow.requests >= 2, what="the batch to be on its way")
        correction = pc.sessions.set_status(session.id, pupil.id, "absent")
        t.join(30)
        assert not errors
    pc.settings.set(keys.HUB_URL, url)
    pc.upload()
    assert pc.outbox.counts().pending == 0
    ids = set(hub_ids(home, pc.settings.get(keys.DEVICE_ID)))
    assert correction in ids
    conn = sqlite3.connect(home / "hub.sqlite3")
    try:
        voided = {r[0] for r in conn.execute("SELECT id FROM statements WHERE voided")}
    finally:
        conn.close()
    assert len(voided) == 1  # the original mark is voided at the hub, the correction stands


@pytest.mark.parametrize("year", [2001, 2040])
def test_records_from_a_pc_with_a_wrong_clock_are_delivered(tmp_path, hub, year):
    home, url = hub
    clock = ManualClock(datetime(year, 5, 4, 9, 0, tzinfo=UTC))
    s = Services.open(tmp_path / "pc", clock=clock)
    try:
        s.enroll(url, new_code(home, "4301230002"))
        n = make_sessions(s, 2)
        report = s.upload()
        assert report.sent == n
        offset = s.settings.get(keys.HUB_CLOCK_OFFSET)
        assert abs(offset - (datetime.now(UTC) - clock.now()).total_seconds()) < 120
        assert s.db.query_one("SELECT COUNT(*) AS n FROM outbox WHERE skewed = 1")["n"] == n
        later = make_sessions(s, 1)
        assert later == 31
        st = s.outbox.pending()[0].statement
        # records made after the offset was learned carry it, so the county can correct the time
        assert abs(st["context"]["extensions"]["https://w3id.org/eduteach/xapi/ext/clock-offset"] - offset) < 1
        assert s.upload().sent == 31
    finally:
        s.close()


def upload_cmd(data: Path) -> list[str]:
    return [sys.executable, "-m", "eduteach_desktop", "--data-dir", str(data), "upload"]


@pytest.mark.slow
def test_kill_9_around_the_uploader_50_times_delivers_every_record_exactly_once(tmp_path, hub):
    home, url = hub
    data = tmp_path / "pc"
    s = Services.open(data)
    s.enroll(url, new_code(home, "4301230003"))
    n = make_sessions(s, 100)  # 3,100 records, 7 batches
    device = s.settings.get(keys.DEVICE_ID)
    s.close()
    rng = random.Random(50)
    with FaultServer(upstream=url, faults=Faults(latency=0.05, rate=400_000)) as proxy:
        s = Services.open(data)
        s.settings.set(keys.HUB_URL, proxy.url)
        s.close()
        for _ in range(50):
            proc = subprocess.Popen(upload_cmd(data), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.05, 0.6))  # the fault itself: killed at a random moment
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        final = subprocess.run(upload_cmd(data), capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert final.returncode == 0, final.stderr
    ids = hub_ids(home, device)
    assert len(ids) == n == len(set(ids))
    s = Services.open(data)
    try:
        assert s.outbox.counts().pending == 0 and s.outbox.counts().acked == n
    finally:
        s.close()


def test_a_second_app_on_the_same_data_dir_refuses_to_write(tmp_path, hub):
    data = tmp_path / "pc"
    s = Services.open(data)
    try:
        proc = subprocess.run([sys.executable, "-m", "eduteach_desktop", "--data-dir", str(data), "status"],
                              capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert proc.returncode == 1
        assert "already" in proc.stderr
    finally:
        s.close()


@pytest.mark.slow
def test_200000_records_over_a_term_offline_then_short_online_windows(tmp_path, hub):
    home, url = hub
    clock = ManualClock(datetime(2026, 3, 1, 0, 0, tzinfo=UTC))
    s = Services.open(tmp_path / "pc", clock=clock)
    try:
        s.enroll(url, new_code(home, "4301230004"))
        s.roster.replace_grade(1, [Pupil("", 1, f"学生{i}", registry_no=f"GT{i:05d}") for i in range(30)])
        s.roster.replace_grade(2, [Pupil("", 2, f"乙{i}", registry_no=f"GU{i:05d}") for i in range(30)])
        total = 0
        day = 0
        while total < 200_000:  # ~180 school days of 3-4 combined-grade sessions
            for _ in range(4):
                session = s.sessions.start("music", [1, 2])
                clock.advance(40 * 60)
                s.sessions.end(session.id)
                total += 61
                if total >= 200_000:
                    break
            day += 1
            clock.advance(24 * 3600 - 4 * 40 * 60)
        assert day >= 150
        device = s.settings.get(keys.DEVICE_ID)
        tracemalloc.start()
        windows = 0
        while s.outbox.counts().pending:
            windows += 1
            assert windows < 200
            with FaultServer(upstream=url, faults=Faults(max_requests=25)) as link:  # ~12,000 records a window
                s.settings.set(keys.HUB_URL, link.url)
                with contextlib.suppress(UploadError):  # the window closed mid-batch
                    s.upload()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert hub_count(home, device) == total
        assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
        assert windows >= 5
    finally:
        s.close()



def test_a_hub_restored_from_yesterdays_backup_gets_the_lost_records_again(tmp_path):
    import shutil

    home = tmp_path / "hub"
    assert run_cli("init", str(home), "--county", "430123").returncode == 0
    code = new_code(home, "4301230005")
    backup = tmp_path / "backup.sqlite3"
    s = Services.open(tmp_path / "pc")
    try:
        with running_hub(home) as url:
            s.enroll(url, code)
            first = make_sessions(s, 2)
            assert s.upload().sent == first
            # last night's backup (the hub is idle: copy the database file)
            src = sqlite3.connect(home / "hub.sqlite3")
            dst = sqlite3.connect(backup)
            src.backup(dst)
            src.close()
            dst.close()
            second = make_sessions(s, 3)
            assert s.upload().sent == second
        device = s.settings.get(keys.DEVICE_ID)
        shutil.copyfile(backup, home / "hub.sqlite3")  # the county restores the backup
        for suffix in ("-wal", "-shm"):
            (home / f"hub.sqlite3{suffix}").unlink(missing_ok=True)
        assert hub_count(home, device) == first
        with running_hub(home) as url:
            s.settings.set(keys.HUB_URL, url)
            report = s.upload()
            assert report.resent_after_restore == second
            assert hub_count(home, device) == first + second
            assert s.upload().resent_after_restore == 0
    finally:
        s.close()


def test_records_by_usb_twice_and_then_online_change_nothing(tmp_path, hub):
    home, url = hub
    s = Services.open(tmp_path / "pc")
    try:
        s.enroll(url, new_code(home, "4301230006"))
        n = make_sessions(s, 4)
        device = s.settings.get(keys.DEVICE_ID)
        path, count = s.export_records(tmp_path)
        assert count == n
        first = run_cli("records", "import", str(path), home=home)
        assert first.returncode == 0, first.stderr
        assert hub_count(home, device) == n
        again = run_cli("records", "import", str(path), home=home)
        assert again.returncode == 0, again.stderr
        assert hub_count(home, device) == n
        report = s.upload()  # the same records online: accepted as already there
        assert report.sent == n and report.conflicts == 0
        assert hub_count(home, device) == n
        tampered = tmp_path / "tampered.etrec"
        from eduteach_protocol import record_file

        doc = record_file.decode(path.read_bytes())
        doc["statements"][0]["verb"]["id"] = "https://w3id.org/eduteach/xapi/verbs/absent"
        tampered.write_bytes(record_file.encode(doc))
        refused = run_cli("records", "import", str(tampered), home=home)
        assert refused.returncode != 0 and "signature" in (refused.stderr + refused.stdout)
        assert hub_count(home, device) == n
    finally:
        s.close()


def test_a_third_party_lrs_gets_plain_json_xapi(tmp_path, hub):
    """An LRS that only speaks standard xAPI answers 415 to our compact batch: the app
    switches to a gzip'd JSON array, and to plain JSON when gzip is refused too."""

    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[tuple[str, str]] = []
    stored: dict[str, dict] = {}

    class LRS(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # noqa: ANN002
            pass

        def _answer(self, code: int, body: bytes = b"") -> None:
            self.send_response(code)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer(404)  # no /api/v1/devices/me here

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.path != "/xapi/statements":
                self._answer(404)  # nor /api/v1/inventory
                return
            ctype = self.headers.get("Content-Type", "")
            enc = self.headers.get("Content-Encoding", "identity")
            seen.append((ctype, enc))
            if ctype != "application/json" or enc != "identity":
                self._answer(415)
                return
            statements = json.loads(body)
            for st in statements:
                stored[st["id"]] = st
            self._answer(200, json.dumps([st["id"] for st in statements]).encode())

    server = ThreadingHTTPServer(("127.0.0.1", 0), LRS)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home, url = hub
    s = Services.open(tmp_path / "pc")
    try:
        s.enroll(url, new_code(home, "4301230007"))
        n = make_sessions(s, 1)
        s.settings.set(keys.HUB_URL, f"http://127.0.0.1:{server.server_address[1]}")
        report = s.upload()
        assert report.sent == n and len(stored) == n
        assert seen[:3] == [(batch_codec.MEDIA_TYPE, "identity"), ("application/json", "gzip"),
                            ("application/json", "identity")]
        assert s.settings.get(keys.HUB_BATCH_FORMAT) == "plain"

    finally:
        s.close()
        server.shutdown()
