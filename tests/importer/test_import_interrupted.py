"""kill -9 during transcoding leaves no half-written lesson file, and the next run resumes."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from eduteach_hub.importer.command import CACHE_DIR, run_import
from eduteach_hub.importer.writer import LessonWriter, OutFile
from eduteach_hub.publish.sources import read_sources
from tests.helpers.media_fixtures import make_audio, make_video, need_ffmpeg
from tests.helpers.waiting import wait_until

UNIT = "一年级/音乐/人音版/上册/第1单元 快乐的一天"


def test_kill_9_while_transcoding_leaves_nothing_half_written_and_a_rerun_resumes(tmp_path: Path) -> None:
    need_ffmpeg()
    src, out = tmp_path / "county", tmp_path / "sources"
    make_audio(src / UNIT / "01 小星星", -16.0)
    # big enough that x264 is still busy when we kill it
    big = make_video(src / UNIT / "02 长视频", "hevc", size="1280x720")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-stream_loop", "8", "-i", str(big), "-c", "copy", str(big) + ".mp4"], check=True)
    os.replace(str(big) + ".mp4", big)
    proc = subprocess.Popen([sys.executable, "-m", "eduteach_hub", "import", str(src), "--out", str(out), "--jobs", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    tmp = out / CACHE_DIR / "tmp"

    def encoding() -> bool:
        assert proc.poll() is None, "the import finished before it could be interrupted"
        return tmp.is_dir() and any(p.name == "main.mp4" and p.stat().st_size > 0 for p in tmp.rglob("*"))

    wait_until(encoding, timeout=120, what="ffmpeg encoding")
    os.killpg(proc.pid, signal.SIGKILL)  # the importer and its ffmpeg
    proc.wait()

    lessons = [p for p in out.iterdir() if p.is_dir() and p.name != CACHE_DIR]
    assert lessons == [], "no lesson folder appears before the import is complete"
    assert not (out / CACHE_DIR / "objects").exists() or all(
        (o / "result.json").is_file() for o in (out / CACHE_DIR / "objects").iterdir())

    result = run_import(src, out, None, skip_bad=False, jobs=1)
    assert result.errors == 0 and result.written == 2
    assert not any(tmp.iterdir()), "the interrupted work was cleared"
    sources, errors = read_sources(out)
    assert errors == [] and len(sources) == 2


def test_a_lesson_caught_between_its_two_renames_is_put_back(tmp_path: Path) -> None:
    out, staging = tmp_path / "sources", tmp_path / "staging"
    out.mkdir()
    staging.mkdir()
    media = tmp_path / "a.mp3"
    media.write_bytes(b"song")
    writer = LessonWriter(out, staging)
    sha = hashlib.sha256(b"song").hexdigest()
    writer.write("music-g1-renyin-a-u01-l01", 'id = "x"\n', [OutFile("a.mp3", media, sha)])
    # power lost after the old folder was moved aside, before the new one arrived
    os.replace(out / "music-g1-renyin-a-u01-l01", staging / "old-music-g1-renyin-a-u01-l01")
    (staging / "new-music-g1-renyin-a-u01-l01").mkdir()
    (staging / "new-music-g1-renyin-a-u01-l01" / "a.mp3").write_bytes(b"so")  # half-copied
    LessonWriter(out, staging).recover()
    assert (out / "music-g1-renyin-a-u01-l01" / "a.mp3").read_bytes() == b"song"
    assert list(staging.iterdir()) == []


def test_a_damaged_work_cache_is_never_published_and_is_made_again(tmp_path: Path) -> None:
    need_ffmpeg()
    src, out = tmp_path / "county", tmp_path / "sources"
    make_audio(src / UNIT / "01 小星星", -30.0)
    assert run_import(src, out, None, skip_bad=False, jobs=1).written == 1
    lesson = out / "music-g1-renyin-a-u01-l01"
    shutil.rmtree(lesson)
    (made,) = [p for p in (out / CACHE_DIR / "objects").rglob("main.m4a")]
    made.write_bytes(made.read_bytes()[:-100] + bytes(100))  # bit rot in the cache
    bad = run_import(src, out, None, skip_bad=False, jobs=1)
    assert [f.reason for f in bad.findings if f.status == "error"] == [
        "main.m4a: the prepared file changed on disk before it was written (damaged work cache?); import again"
        .replace("main.m4a", "01 小星星.m4a")]
    assert not lesson.exists()
    good = run_import(src, out, None, skip_bad=False, jobs=1)
    assert good.errors == 0 and good.cache_misses == 1 and (lesson / "lesson.toml").is_file()
