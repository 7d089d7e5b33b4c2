"""A school that is never online, end to end, with no network at all: the whole journey
runs in a network namespace whose only interface is loopback.

hub writes an enrollment file → the PC enrolls from it → syncs from a stick made from the
hub's repository → the teacher plays a lesson (the real app, offscreen) → the PC exports its
records → the hub imports them and the dashboard shows the school as never-online → later
the PC comes online (the hub on 127.0.0.1 in the same namespace) and uploads: nothing twice.

The outer test re-runs this file's inner test under `unshare --net` (root only; CI runs as
root); the inner test checks that it really has no interface but `lo` before it starts.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from tests.helpers import journey
from tests.helpers.envskip import skip_for_setup
from tests.helpers.journey import play_one_lesson

ROOT = Path(__file__).resolve().parents[2]
INNER = "EDUTEACH_E2E_NO_NETWORK"
MUSIC = "music-g1-renyin-xiaoxingxing"
SCHOOL = "4301230009"

# The CLI inside the namespace keeps the longer bound it always had here.
eduteach = partial(journey.eduteach, timeout=300)


def _no_netns_reason() -> str | None:
    if os.geteuid() != 0:
        return "needs root for a network namespace (unshare --net); CI runs as root"
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "needs unshare (util-linux) and ip (iproute2); ./dev.sh test installs them"
    probe = subprocess.run(["unshare", "--net", "ip", "link", "set", "lo", "up"],
                           capture_output=True, text=True, encoding="utf-8", timeout=30)
    if probe.returncode != 0:
        return f"this machine refuses a new network namespace: {probe.stderr.strip()}"
    return None


@pytest.mark.slow
def test_never_online_school_with_no_network_at_all(tmp_path):
    reason = _no_netns_reason()
    if reason and os.environ.get("CI"):
        pytest.fail(reason + " (CI is set: this test must run)")
    if reason:
        skip_for_setup(reason)
    env = dict(os.environ, **{INNER: str(tmp_path)}, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    proc = subprocess.run(
        ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "--",
         sys.executable, "-m", "pytest", f"{__file__}::test_inner_journey", "-q", "-x",
         "-p", "no:cacheprovider"],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
    assert "1 passed" in proc.stdout, proc.stdout[-3000:]


def status_device(data: Path) -> str:
    conn = sqlite3.connect(data / "eduteach.sqlite3")
    try:
        return str(json.loads(conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]))
    finally:
        conn.close()


def _interfaces() -> set[str]:
    import socket

    return {name for _, name in socket.if_nameindex()}  # this namespace's (netlink), not sysfs


@pytest.mark.skipif(INNER not in os.environ, reason="runs inside the network namespace only")
def test_inner_journey(qtbot, qapp):  # noqa: ANN001
    from tests.integration.hubproc import add_admin, admin_session, run_cli, running_hub

    assert _interfaces() == {"lo"}, f"not isolated: {_interfaces()}"
    base = Path(os.environ[INNER])
    home, data, stick = base / "hub", base / "school-pc", base / "stick"

    # the county: publish, add the school, write its enrollment file onto the stick
    assert run_cli("init", str(home), "--county", "430123").returncode == 0
    pub = run_cli("publish", str(ROOT / "resources" / "demo_lessons"), home=home)
    assert pub.returncode == 0, pub.stderr
    made = run_cli("school", "add", SCHOOL, "--name", "石门村教学点", "--enroll-file", str(stick) + "/",
                   home=home)
    assert made.returncode == 0, made.stderr
    shutil.copytree(home / "repo", stick / "repo")

    # the technician at the school, headless
    joined = eduteach(data, "enroll", "--file", str(stick))
    assert "joining county 430123, school 石门村教学点 (4301230009)" in joined.stdout
    synced = eduteach(data, "sync", "--from", str(stick / "repo"), "--quiet")
    assert "5/5 lessons ready" in synced.stdout

    # the teacher plays a lesson in the real app
    saved = play_one_lesson(qtbot, data, MUSIC)
    assert saved and all(st["context"]["extensions"]["https://w3id.org/eduteach/xapi/ext/school-code"] == SCHOOL
                         for st in saved)

    # records go back on the stick, and the county imports them
    exported = eduteach(data, "records", "export", str(stick))
    assert f"wrote {len(saved)} records" in exported.stdout
    record_files = sorted(stick.glob("*.etrec"))
    assert len(record_files) == 1
    imported = run_cli("records", "import", str(record_files[0]), home=home)
    assert imported.returncode == 0, imported.stderr
    assert f"{len(saved)} new, 0 already stored" in imported.stdout
    again = run_cli("records", "import", str(record_files[0]), home=home)
    assert f"0 new, {len(saved)} already stored" in again.stdout

    add_admin(home)
    with running_hub(home) as url:
        s = admin_session(url)
        page = s.get(f"{url}/dashboard/offline", timeout=10).text
        assert SCHOOL in page and "石门村教学点" in page
        csv_text = s.get(f"{url}/dashboard/export/offline.csv", timeout=10).content.decode("utf-8-sig")
        import csv

        reader = csv.reader(csv_text.splitlines())
        keys = [h.rsplit("[", 1)[-1].rstrip("]") for h in next(reader)]  # "标签 [key]"
        row = next(dict(zip(keys, r, strict=True)) for r in reader if r[0] == SCHOOL)
        assert row["days_covered"] == "1" and row["files"] == "1"  # the same file imported twice
        assert row["records"] == str(len(saved))
        assert row["device"].endswith(f"({status_device(data)[:12]})")

        # later the PC comes online: same device, nothing duplicated
        up = eduteach(data, "upload", "--hub", url)
        assert f"sent {len(saved)} records" in up.stdout
        status = json.loads(eduteach(data, "status", "--json").stdout)
        assert status["records_waiting"] == 0

    conn = sqlite3.connect(home / "hub.sqlite3")
    try:
        assert conn.execute("SELECT count(*) FROM devices").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM statements").fetchone() == (len(saved),)
        assert conn.execute("SELECT last_seen_at IS NOT NULL FROM devices").fetchone() == (1,)
    finally:
        conn.close()
