"""A satellite receive folder: files arrive over time, some still growing. `eduteach sync
--watch` picks up what arrives and installs each lesson once its bytes verify."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from eduteach_desktop.services import Services
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.repo_layout import blob_relpath
from tests.helpers.lessons import TestRepo, pseudo_random, write_lesson
from tests.helpers.waiting import wait_until


def installed(data: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{data / 'eduteach.sqlite3'}?mode=ro", uri=True, timeout=1)
        n = conn.execute("SELECT COUNT(*) FROM blobs").fetchone()[0]
        conn.close()
        return n
    except sqlite3.Error:
        return -1


def test_watching_a_satellite_folder_as_files_arrive(tmp_path):
    hub = TestRepo(tmp_path / "hub")
    write_lesson(hub.src, "video", kind="video", media_bytes=pseudo_random(b"v", 3 * 1024 * 1024))
    write_lesson(hub.src, "song", order=2)
    hub.publish()
    data = tmp_path / "pc"
    s = Services.open(data)
    s.trust.install_root(hub.root())
    s.close()
    sat = tmp_path / "satellite"
    sat.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "eduteach_desktop", "--data-dir", str(data), "sync", "--from", str(sat),
         "--watch", "0.2", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
    )
    try:
        # the receiver writes the metadata and the small lesson first
        shutil.copytree(hub.repo / "metadata", sat / "metadata")
        shutil.copytree(hub.repo / "targets", sat / "targets")
        catalog = Catalog.from_bytes(hub.writer.current_catalog_bytes()).by_id()
        video = catalog["video"].first_file("media")
        for f in catalog["song"].files:
            (sat / blob_relpath(f.sha256)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(hub.repo / blob_relpath(f.sha256), sat / blob_relpath(f.sha256))
        wait_until(lambda: installed(data) >= len(catalog["song"].files), timeout=60, what="the song")
        # then the video, still growing
        (sat / blob_relpath(video.index)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(hub.repo / blob_relpath(video.index), sat / blob_relpath(video.index))
        target = sat / blob_relpath(video.sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        full = (hub.repo / blob_relpath(video.sha256)).read_bytes()
        target.write_bytes(full[: len(full) // 2])
        time.sleep(1.0)  # the fault itself: the file stays half-written for five watch rounds
        target.write_bytes(full)
        wait_until(lambda: installed(data) >= len(catalog["song"].files) + 2, timeout=60,
                   what="the index and the video")
    finally:
        proc.terminate()
        out = proc.communicate(timeout=30)[0]
    s = Services.open(data)
    try:
        assert {ls.id for ls in s.library.installed_lessons()} == {"video", "song"}, out
        assert s.blobs.path(video.sha256).read_bytes() == full
    finally:
        s.close()
