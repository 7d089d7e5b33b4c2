"""eduteach-hub init / publish / repo, run as real commands, and the result served over HTTP."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import requests

from tests.helpers.lessons import write_lesson
from tests.integration.hubproc import run_cli, running_hub


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_init_publish_serve(tmp_path: Path) -> None:
    home = tmp_path / "hub"
    r = run_cli("init", str(home), "--county", "420100")
    assert r.returncode == 0, r.stderr
    assert (home / "hub.toml").is_file() and (home / "repo" / "metadata" / "root.json").is_file()
    assert sorted(p.name for p in (home / "keys").iterdir()) == [
        "apps.pem",  # the delegated apps role's own key (docs/updates.md)
        "root.pem",
        "snapshot.pem",
        "targets.pem",
        "timestamp.pem",
    ]
    assert 'county_code = "420100"' in (home / "hub.toml").read_text(encoding="utf-8")

    again = run_cli("init", str(home))
    assert again.returncode == 1
    assert "already exists" in again.stderr and "Traceback" not in again.stderr

    src = tmp_path / "src"
    write_lesson(src, "music-g1-a", media_bytes=b"A" * 5000)
    write_lesson(src, "music-g1-b", order=2)
    r = run_cli("publish", str(src), home=home)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().startswith("catalog v1: 2 lessons (2 added, 0 updated, 0 removed), ")
    assert r.stdout.strip().endswith("blobs written")

    before = snapshot(home / "repo")
    r = run_cli("publish", str(src), home=home)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "unchanged: catalog v1 (2 lessons)"
    assert snapshot(home / "repo") == before, (
        "publishing the same sources twice must change nothing"
    )

    write_lesson(src, "music-g1-b", order=2, title="改过的标题")
    r = run_cli("publish", str(src), home=home)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("catalog v2: 2 lessons (0 added, 1 updated, 0 removed), ")

    status = run_cli("repo", "status", home=home)
    assert status.returncode == 0 and "catalog: v2" in status.stdout
    ts_before = json.loads((home / "repo/metadata/timestamp.json").read_bytes())["signed"][
        "version"
    ]
    refreshed = run_cli("repo", "refresh", home=home)
    assert refreshed.returncode == 0, refreshed.stderr
    ts_after = json.loads((home / "repo/metadata/timestamp.json").read_bytes())["signed"]["version"]
    assert ts_after == ts_before + 1

    with running_hub(home) as url:
        ts = requests.get(f"{url}/repo/metadata/timestamp.json", timeout=10)
        assert ts.status_code == 200
        assert ts.content == (home / "repo/metadata/timestamp.json").read_bytes()
        assert ts.headers["Cache-Control"].startswith("no-cache")
        targets = sorted((home / "repo" / "targets").iterdir())
        for target in targets:
            resp = requests.get(f"{url}/repo/targets/{target.name}", timeout=10)
            assert resp.status_code == 200 and resp.content == target.read_bytes()
            assert "immutable" in resp.headers["Cache-Control"]
        catalog = json.loads(targets[-1].read_bytes())
        media = next(
            f for lesson in catalog["lessons"] for f in lesson["files"] if f["role"] == "media"
        )
        blob = requests.get(f"{url}/repo/blobs/{media['sha256'][:2]}/{media['sha256']}", timeout=10)
        assert hashlib.sha256(blob.content).hexdigest() == media["sha256"]


def test_publish_error_names_file_and_field_and_changes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "hub"
    assert run_cli("init", str(home)).returncode == 0
    src = tmp_path / "src"
    write_lesson(src, "music-g1-good")
    assert run_cli("publish", str(src), home=home).returncode == 0
    before = snapshot(home / "repo")

    bad = write_lesson(src, "music-g1-bad")
    toml = bad / "lesson.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("grade = 1", "grade = 7"), encoding="utf-8"
    )
    write_lesson(src, "music-g1-new")  # valid, but must not be published alongside a bad one

    r = run_cli("publish", str(src), home=home)
    assert r.returncode == 1
    assert f"{toml}: grade: " in r.stderr
    assert "repository is unchanged" in r.stderr
    assert "Traceback" not in r.stderr
    assert snapshot(home / "repo") == before

    missing = run_cli("publish", str(tmp_path / "nowhere"), home=home)
    assert missing.returncode == 1 and "is not a folder" in missing.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    no_home = run_cli("repo", "status")
    assert no_home.returncode == 2
    assert "--home" in no_home.stderr and "EDUTEACH_HUB_HOME" in no_home.stderr
    bad_county = run_cli("init", str(tmp_path / "x"), "--county", "42")
    assert bad_county.returncode == 2 and "6-digit" in bad_county.stderr
    assert not (tmp_path / "x").exists()
    not_a_hub = run_cli("school", "list", home=tmp_path)
    assert not_a_hub.returncode == 1 and "not a hub home" in not_a_hub.stderr


def test_root_key_can_stay_offline(tmp_path: Path) -> None:
    """Publishing, refreshing and describing never read root.pem (keys load when they sign)."""
    home = tmp_path / "hub"
    assert run_cli("init", str(home), "--county", "420100").returncode == 0
    offline = tmp_path / "usb-safe"
    offline.mkdir()
    (home / "keys" / "root.pem").rename(offline / "root.pem")
    src = tmp_path / "src"
    write_lesson(src, "music-g1-a", media_bytes=b"A" * 500)
    r = run_cli("publish", str(src), "--home", str(home))
    assert r.returncode == 0, r.stderr
    assert run_cli("repo", "refresh", "--home", str(home)).returncode == 0
    status = run_cli("repo", "status", "--home", str(home))
    assert status.returncode == 0 and "catalog: v1" in status.stdout
