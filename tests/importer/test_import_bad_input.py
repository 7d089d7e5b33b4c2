"""Bad input is reported with its file or row, and none of it is published: nothing at all
is written while there are errors, unless --skip-bad, which writes only the good lessons."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eduteach_hub.importer.command import run_import
from eduteach_hub.importer.model import ERROR
from eduteach_hub.publish.sources import read_sources
from tests.helpers.media_fixtures import make_audio, make_video, need_ffmpeg, truncate

UNIT = "一年级/音乐/人音版/上册/第1单元 快乐的一天"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    need_ffmpeg()
    src = tmp_path / "county"
    make_audio(src / UNIT / "01 小星星", -16.0)  # the one good lesson
    return src


def errors_for(result, needle: str) -> list:
    return [f for f in result.findings if f.status == ERROR and needle in f.where]


def lesson_dirs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if (p / "lesson.toml").exists()) if out.exists() else []


def test_each_kind_of_bad_input_is_reported_with_its_file_and_nothing_is_written(library: Path, tmp_path: Path) -> None:
    unit = library / UNIT
    truncate(make_video(unit / "02 断了", "good"))
    (unit / "03 空的.mp4").write_bytes(b"")
    (unit / "04 不是视频.mp4").write_bytes(b"this is not a video at all" * 100)
    make_audio(unit / "05 问号?", -16.0)
    make_audio(unit / "06 保留名" / "CON", -16.0)  # a lesson folder holding CON.mp3
    make_audio(library / "一年级/音律/人音版/上册/第1单元 快乐的一天/01 未知学科", -16.0)
    make_audio(library / "一年级/音乐/火星版/上册/第1单元 快乐的一天/01 未知版本", -16.0)
    outside = make_audio(tmp_path / "elsewhere" / "secret", -16.0)
    os.symlink(outside, unit / "07 链接.mp3")
    make_audio(unit / "08 甲", -16.0)
    make_audio(unit / "08 乙", -16.0)  # two files claiming lesson 8
    (unit / "09 半个文档.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n")  # cut off
    out = tmp_path / "sources"

    result = run_import(library, out, None, skip_bad=False, jobs=2)

    assert not result.wrote and lesson_dirs(out) == []
    expect = {
        "02 断了.mp4": "damaged",
        "03 空的.mp4": "0 bytes",
        "04 不是视频.mp4": "cannot be read",
        "05 问号?.mp3": "Windows cannot store",
        "06 保留名/CON.mp3": "Windows reserves",
        "音律": "subject (学科) '音律' is not known",
        "火星版": "edition (版本) '火星版' is not known",
        "07 链接.mp3": "is a link",  # leading out of the source folder
        "08 乙.*": "one lesson has one audio file, found 2 (08 乙.mp3, 08 甲.mp3)",
        "09 半个文档.pdf": "damaged or truncated PDF",
    }
    for where, reason in expect.items():
        found = errors_for(result, where)
        assert found and any(reason in f.reason for f in found), (where, [f.reason for f in result.findings if where in f.where])
    assert not errors_for(result, "01 小星星")

    # --skip-bad: only the good lesson goes through, and it publishes cleanly
    again = run_import(library, out, None, skip_bad=True, jobs=2)
    assert again.wrote and lesson_dirs(out) == ["music-g1-renyin-a-u01-l01"]
    sources, errs = read_sources(out)
    assert errs == [] and [s.id for s in sources] == ["music-g1-renyin-a-u01-l01"]


def test_a_path_outside_the_layout_and_a_lesson_with_no_media_are_errors(library: Path, tmp_path: Path) -> None:
    (library / "readme.mp4").write_bytes(b"x" * 10)
    notes = library / UNIT / "02 只有歌词"
    notes.mkdir()
    (notes / "歌词.lrc").write_text("[00:00.00]啦啦啦\n", encoding="utf-8")
    result = run_import(library, tmp_path / "out", None, skip_bad=False, jobs=1)
    assert any("not where a lesson file goes" in f.reason for f in errors_for(result, "readme.mp4"))
    assert any("no video, audio, document or pictures" in f.reason for f in errors_for(result, "02 只有歌词"))


def test_a_lesson_whose_row_breaks_later_keeps_its_previous_version(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "sources"
    make_audio(library / UNIT / "02 两只老虎", -16.0)
    assert run_import(library, out, None, skip_bad=False, jobs=1).wrote
    assert lesson_dirs(out) == ["music-g1-renyin-a-u01-l01", "music-g1-renyin-a-u01-l02"]
    truncate(library / UNIT / "02 两只老虎.mp3", keep=0.0001)
    (library / UNIT / "01 小星星.mp3").rename(library / UNIT / "03 小星星.mp3")
    result = run_import(library, out, None, skip_bad=True, jobs=1)
    # lesson 1 moved to 3 (withdrawn and added); lesson 2 is broken now: the old copy stays
    assert lesson_dirs(out) == ["music-g1-renyin-a-u01-l02", "music-g1-renyin-a-u01-l03"]
    assert result.removed == ["music-g1-renyin-a-u01-l01"]


def test_a_list_row_cannot_reach_outside_the_source_folder(tmp_path: Path) -> None:
    from eduteach_hub.importer.spreadsheet import read_list

    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "a.mp3").write_bytes(b"ID3" * 100)
    src = tmp_path / "county"
    src.mkdir()
    (src / "list.csv").write_text("年级,学科,版本,册,单元,课序,课题,文件\n一年级,音乐,人音版,上册,1,1,偷看,../secret/a.mp3\n"
                                  "一年级,音乐,人音版,上册,1,2,整个文件夹,../secret\n", encoding="utf-8")
    result = run_import(src, tmp_path / "out", src / "list.csv", skip_bad=True, jobs=1)
    assert [f.reason for f in result.findings if f.status == ERROR and "row 2" in f.where] == [
        "is outside the source folder (through a linked folder or ..)"]
    assert any("row 3" in f.where and f.status == ERROR for f in result.findings)
    assert result.lessons_ok == 0
    # a folder named in a row is opened only when it is inside the source folder
    entries, _ = read_list(src / "list.csv", src)
    assert [m for e in entries for m in e.media if "row 3" in e.where] == []


def test_two_imports_into_one_folder_do_not_run_at_once(library: Path, tmp_path: Path) -> None:
    from eduteach_hub.importer.command import CACHE_DIR, ImportFailed
    from eduteach_hub.importer.durable import ExclusiveLock

    out = tmp_path / "sources"
    (out / CACHE_DIR).mkdir(parents=True)
    held = ExclusiveLock(out / CACHE_DIR / "lock")
    try:
        with pytest.raises(ImportFailed, match="another import is writing"):
            run_import(library, out, None, skip_bad=False, jobs=1)
    finally:
        held.release()
    assert run_import(library, out, None, skip_bad=False, jobs=1).wrote


def test_the_same_song_in_two_lessons_is_prepared_once(library: Path, tmp_path: Path) -> None:
    import shutil

    song = library / UNIT / "01 小星星.mp3"
    for n in range(2, 6):
        shutil.copyfile(song, library / UNIT / f"0{n} 小星星（第{n}遍）.mp3")
    result = run_import(library, tmp_path / "out", None, skip_bad=False, jobs=4)
    assert result.errors == 0 and result.written == 5
    assert result.cache_misses == 1 and result.cache_hits == 4


def test_a_lesson_written_by_hand_is_never_replaced(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "sources"
    mine = out / "music-g1-renyin-a-u01-l01"
    mine.mkdir(parents=True)
    (mine / "lesson.toml").write_text('id = "music-g1-renyin-a-u01-l01"\n# by hand\n', encoding="utf-8")
    result = run_import(library, out, None, skip_bad=True, jobs=1)
    assert [f.reason for f in result.findings if f.status == ERROR][0].endswith(
        "already holds a lesson not written by the importer; move it away or give this row another number")
    assert (mine / "lesson.toml").read_text(encoding="utf-8").endswith("# by hand\n")
