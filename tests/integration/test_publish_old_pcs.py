"""`eduteach-hub publish` says how many enrolled PCs run an app too old for teacher's notes."""

from __future__ import annotations

from pathlib import Path

import requests

from tests.helpers.lessons import write_lesson
from tests.integration.hub_helpers import hub_with_devices
from tests.integration.hubproc import run_cli

INVENTORY = {"catalog_version": 1, "lessons_installed": 0, "lessons_subscribed": 0, "bytes": 0, "last_sync": None}


def test_publish_counts_the_pcs_that_will_refuse_notes(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_lesson(src, "music-g1-a")
    with hub_with_devices(tmp_path, "4201000001", "4201000002", "4201000003") as (url, home, [old, new, gone]):
        # Every device enrolled as 0.1.0; one updated and said so in its fleet report, one
        # was revoked (it no longer counts).
        resp = requests.post(f"{url}/api/v1/inventory", auth=new.auth, timeout=10,
                             json={**INVENTORY, "app_version": "0.2.0", "app_platform": "linux-x64",
                                   "update_state": "healthy"})
        assert resp.status_code == 200, resp.text
        assert run_cli("device", "revoke", gone.id, home=home).returncode == 0

        plain = run_cli("publish", str(src), home=home)
        assert plain.returncode == 0, plain.stderr
        assert "older than" not in plain.stderr  # no notes: old PCs take this catalog

        (src / "music-g1-a" / "lesson.toml").write_text(
            (src / "music-g1-a" / "lesson.toml").read_text(encoding="utf-8") + 'notes = "先听范唱"\n', encoding="utf-8")
        with_notes = run_cli("publish", str(src), home=home)
    assert with_notes.returncode == 0, with_notes.stderr
    warning = [line for line in with_notes.stderr.splitlines() if "older than" in line]
    assert len(warning) == 1 and warning[0].startswith("warning: 1 enrolled PC runs an app older than 0.2.0 (0.1.0)")
    assert "docs/updates.md" in warning[0] and old.id not in warning[0]
    assert with_notes.stdout.startswith("catalog v2:")
