"""Saved pen annotations (pupils' work) never leave the school: not in the records the
county receives (uploaded to a real hub on 127.0.0.1, or exported to a stick), not in
`eduteach export`, not in the doctor's
support bundle, and not served by `eduteach share`. Each channel is run for real on a data
folder holding saved annotations, and everything it produced is searched for their bytes."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
import requests

from eduteach_desktop.services import Services
from tests.helpers.journey import eduteach
from tests.helpers.lessons import TestRepo, write_lesson
from tests.helpers.pcs import open_trusting
from tests.integration.hubproc import run_cli, running_hub

MARKER = b"PUPILS-DRAWING-7f3a9c"  # inside every saved picture: found anywhere = a leak


def _picture(n: int) -> bytes:
    if n % 2:  # photographs and video stills are kept as JPEG
        return b"\xff\xd8\xff\xe0" + MARKER + bytes([n]) * 64
    return b"\x89PNG\r\n\x1a\n" + MARKER + bytes([n]) * 64


def _save_drawings(services: Services) -> tuple[str, list[Path]]:
    session = services.sessions.start("art", [1])
    paths = [services.annotations.save(session.id, "art-g1-sun", f"slide-{i}", "a1b2c3d4", _picture(i),
                                       ".jpg" if i % 2 else ".png")
             for i in range(3)]
    services.sessions.end(session.id)
    assert [p.suffix for p in paths] == [".png", ".jpg", ".png"]
    assert services.annotations.for_session(session.id) != []
    return session.id, paths


def _leaks_in(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and (MARKER in path.read_bytes() or "annotations" in path.as_posix().lower()
                               or path.suffix.lower() in (".png", ".jpg")):
            found.append(str(path))
    return found


@pytest.fixture
def repo(tmp_path: Path) -> TestRepo:
    repo = TestRepo(tmp_path / "lessons")
    write_lesson(repo.src, "song-a")
    repo.publish()
    return repo


def test_export_bundle_and_share_carry_no_annotation(tmp_path: Path, repo: TestRepo):
    data = tmp_path / "pc"
    services = open_trusting(data, repo)
    try:
        assert services.sync([str(repo.repo)]).ok
        _session, paths = _save_drawings(services)
        share = services.lesson_share(port=0, host="127.0.0.1", announce=False)
        share.start()
        try:
            base = f"http://127.0.0.1:{share.port}/"
            assert requests.get(base + "metadata/timestamp.json", timeout=10).status_code == 200  # it serves
            for path in paths:
                rel = path.relative_to(data).as_posix()
                for url in (base + rel, base + "../" + rel, base + "blobs/../" + rel):
                    response = requests.get(url, timeout=10)
                    assert response.status_code != 200 and MARKER not in response.content, url
        finally:
            share.stop()
    finally:
        services.close()

    stick = tmp_path / "stick"
    eduteach(data, "export", str(stick))
    assert any(stick.rglob("*.json")), "the export wrote the lessons"
    assert _leaks_in(stick) == []

    bundle = tmp_path / "support.zip"
    eduteach(data, "doctor", "--bundle", str(bundle), check=False)
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
        assert "doctor.txt" in names
        assert not any("annotation" in n.lower() or n.lower().endswith((".png", ".jpg")) for n in names)
        assert all(MARKER not in zf.read(n) for n in names)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    home = tmp_path_factory.mktemp("hub") / "home"
    assert run_cli("init", str(home), "--county", "430123").returncode == 0
    with running_hub(home) as url:
        yield home, url


def test_the_records_uploaded_to_the_county_carry_no_annotation(tmp_path: Path, hub):
    home, url = hub
    out = run_cli("school", "add", "4301230009", "--name", "测试教学点", home=home)
    assert out.returncode == 0, out.stderr
    data = tmp_path / "pc"
    services = Services.open(data)
    try:
        services.enroll(url, out.stdout.strip().splitlines()[-1])
        _save_drawings(services)
    finally:
        services.close()

    records = tmp_path / "records-stick"  # the never-online school's records by USB stick
    records.mkdir()
    eduteach(data, "records", "export", str(records))
    assert any(p.is_file() for p in records.rglob("*")) and _leaks_in(records) == []

    eduteach(data, "upload")
    services = Services.open(data)
    try:
        assert services.outbox.counts().pending == 0  # the class session's records went
    finally:
        services.close()
    conn = sqlite3.connect(home / "hub.sqlite3")
    try:
        assert conn.execute("SELECT COUNT(*) FROM statements").fetchone()[0] >= 1  # the class arrived
    finally:
        conn.close()
    hub_files = [p for p in home.rglob("*") if p.is_file()]
    assert [str(p) for p in hub_files if MARKER in p.read_bytes()] == []
