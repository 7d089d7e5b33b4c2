"""One lesson's whole journey: publish → serve → enroll → sync → play → record → upload →
the county sees it. The hub and the CLI run as real subprocesses; the app runs offscreen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.journey import eduteach, play_one_lesson
from tests.integration.hubproc import run_cli, running_hub

ROOT = Path(__file__).resolve().parents[2]
MUSIC = "music-g1-renyin-xiaoxingxing"


@pytest.mark.slow
def test_publish_enroll_sync_play_upload_and_the_county_sees_exactly_that_record(tmp_path, qtbot, qapp):
    home = tmp_path / "hub"
    data = tmp_path / "school-pc"
    assert run_cli("init", str(home), "--county", "430123").returncode == 0
    pub = run_cli("publish", str(ROOT / "resources" / "demo_lessons"), home=home)
    assert pub.returncode == 0, pub.stderr
    added = run_cli("school", "add", "4301230001", "--name", "大坪村教学点", home=home)
    assert added.returncode == 0, added.stderr
    code = added.stdout.strip().splitlines()[-1]

    with running_hub(home) as url:
        # the technician's part, all headless
        out = eduteach(data, "enroll", url, code).stdout
        assert "4301230001" in out
        again = eduteach(tmp_path / "another-pc", "enroll", url, code, check=False)
        assert again.returncode == 1 and "used" in again.stderr  # one-time code
        sync = eduteach(data, "sync")
        assert "5/5 lessons ready" in sync.stdout
        lessons = json.loads(eduteach(data, "lessons", "--json").stdout)
        assert len(lessons) == 5 and all(ls["installed"] for ls in lessons)

        # the teacher's part: the real app, offscreen
        saved = play_one_lesson(qtbot, data, MUSIC)
        assert saved and all(st["object"]["id"].endswith(MUSIC) for st in saved)

        status = json.loads(eduteach(data, "status", "--json").stdout)
        assert status["records_waiting"] == len(saved)
        up = eduteach(data, "upload")
        assert f"sent {len(saved)} records" in up.stdout
        assert json.loads(eduteach(data, "status", "--json").stdout)["records_waiting"] == 0

    # the upload also told the county what content this PC holds
    import sqlite3

    conn = sqlite3.connect(home / "hub.sqlite3")
    inv = conn.execute("SELECT catalog_version, lessons_installed, lessons_subscribed FROM inventories").fetchall()
    conn.close()
    assert inv == [(1, 5, 5)]

    exported = run_cli("records", "export", "--format", "json", home=home)
    assert exported.returncode == 0, exported.stderr
    held = json.loads(exported.stdout)
    assert sorted(st["id"] for st in held) == sorted(st["id"] for st in saved)
    for st in held:
        mine = next(s for s in saved if s["id"] == st["id"])
        for key in ("actor", "verb", "object", "result", "context", "timestamp"):
            assert st.get(key) == mine.get(key), key
        assert st["context"]["extensions"]["https://w3id.org/eduteach/xapi/ext/school-code"] == "4301230001"
