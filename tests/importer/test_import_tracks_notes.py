"""The importer tells a song's 范唱 and 伴奏 apart by their names (or a list's 伴奏 column), keeps
them aligned, and takes a 教学建议 file beside the lesson as the teacher's notes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from eduteach_hub.importer.command import run_import
from eduteach_hub.importer.tracks import pair_tracks
from eduteach_hub.publish.sources import read_sources
from tests.helpers.media_fixtures import make_tone, need_ffmpeg

UNIT = "一年级/音乐/人音版/上册/第1单元 快乐的一天"


@pytest.mark.parametrize(("names", "roles"), [
    (["小星星（范唱）.mp3", "小星星（伴奏）.mp3"], ["demo", "accompaniment"]),
    (["小星星 伴奏.mp3", "小星星 范唱.mp3"], ["accompaniment", "demo"]),
    (["范唱-小星星.mp3", "伴奏-小星星.mp3"], ["demo", "accompaniment"]),
    (["xiaoxingxing_fc.mp3", "xiaoxingxing_bz.mp3"], ["demo", "accompaniment"]),
    (["03 小星星.mp3", "03 小星星伴奏.mp3"], ["demo", "accompaniment"]),
    (["小星星(范唱).mp3", "小星星【朗读】.mp3", "小星星_伴奏.mp3"], ["demo", "speech", "accompaniment"]),
    (["03 小星星.mp3", "03 两只老虎 伴奏.mp3"], None),  # two songs
    (["03 小星星.mp3", "03 两只老虎.mp3"], None),
    (["小星星 范唱.mp3", "小星星 演唱.mp3"], None),  # two 范唱
    (["fcat.mp3", "dog_fc.mp3"], None),
])
def test_naming_of_a_songs_recordings(names: list[str], roles: list[str] | None) -> None:
    assert pair_tracks([Path(n) for n in names]) == roles


def _import(src: Path, out: Path, catalog: Path | None = None):  # noqa: ANN202 - ImportResult
    return run_import(src, out, catalog, skip_bad=False, jobs=1)


def test_a_song_folder_with_fanchang_banzou_and_teaching_notes(tmp_path: Path) -> None:
    need_ffmpeg()
    src, out = tmp_path / "光盘", tmp_path / "sources"
    lesson = src / UNIT / "03 小星星"
    make_tone(lesson / "小星星（范唱）", 1.0, 440)
    make_tone(lesson / "小星星（伴奏）", 1.2, 330)
    (lesson / "03 小星星.lrc").write_text("[00:00.00]一闪一闪亮晶晶\n", encoding="utf-8")
    (lesson / "教学建议.txt").write_bytes("先听范唱，再跟伴奏唱。".encode("gb18030"))  # as Windows Notepad saves
    result = _import(src, out)
    assert result.errors == 0, [f for f in result.findings if f.status == "error"]
    sources, errors = read_sources(out)
    assert not errors
    (song,) = sources
    # 范唱 first (the player opens on the first); brought to −16 LUFS each, so re-encoded.
    assert [(Path(f.name).stem, f.track) for f in song.files if f.role == "media"] == [
        ("小星星（范唱）", "demo"), ("小星星（伴奏）", "accompaniment")]
    assert song.notes is not None and song.notes.lesson == "先听范唱，再跟伴奏唱。" and song.notes.markup == "plain"
    assert song.fields["title"] == "小星星"
    # Importing again changes nothing.
    assert _import(src, out).unchanged == 1


def test_flat_files_numbered_alike_make_one_two_track_lesson_titled_by_the_song(tmp_path: Path) -> None:
    need_ffmpeg()
    src, out = tmp_path / "光盘", tmp_path / "sources"
    make_tone(src / UNIT / "03 小星星", 1.0)
    make_tone(src / UNIT / "03 小星星 伴奏", 1.0, 330)
    (src / UNIT / "03 教学建议.md").write_text("## 目标\n会唱第一句", encoding="utf-8")
    result = _import(src, out)
    assert result.errors == 0, [f for f in result.findings if f.status == "error"]
    (song,), _ = read_sources(out)
    assert song.fields["title"] == "小星星"
    assert [f.track for f in song.tracks()] == ["demo", "accompaniment"]
    assert song.notes is not None and song.notes.markup == "markdown" and song.notes.lesson.startswith("## 目标")


def test_recordings_seconds_apart_are_an_error_for_that_lesson(tmp_path: Path) -> None:
    need_ffmpeg()
    src, out = tmp_path / "光盘", tmp_path / "sources"
    make_tone(src / UNIT / "03 小星星" / "小星星 范唱", 1.0)
    make_tone(src / UNIT / "03 小星星" / "小星星 伴奏", 3.0, 330)
    result = _import(src, out)
    (error,) = [f for f in result.findings if f.status == "error"]
    assert "differ in length" in error.reason and "小星星 伴奏.mp3 3.0 s" in error.reason
    assert not result.wrote


def test_a_list_names_the_accompaniment_and_the_notes_in_their_own_columns(tmp_path: Path) -> None:
    need_ffmpeg()
    src, out = tmp_path / "光盘", tmp_path / "sources"
    make_tone(src / "歌曲" / "xxx", 1.0)
    make_tone(src / "伴奏" / "xxx-bz", 1.0, 330)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["年级", "学科", "教材版本", "册次", "单元", "课序", "课题", "文件名", "伴奏", "教学建议"])
    sheet.append(["一年级", "音乐", "人音版", "上册", 1, 3, "小星星", "歌曲/xxx.mp3", "伴奏/xxx-bz.mp3", "先听后唱"])
    sheet.append(["一年级", "音乐", "人音版", "上册", 1, 4, "两只老虎", "歌曲/xxx.mp3", "", ""])
    path = tmp_path / "资源目录.xlsx"
    book.save(path)
    result = _import(src, out, path)
    assert result.errors == 0, [f for f in result.findings if f.status == "error"]
    by_title = {s.fields["title"]: s for s in read_sources(out)[0]}
    assert [f.track for f in by_title["小星星"].tracks()] == ["demo", "accompaniment"]
    assert by_title["小星星"].notes is not None and by_title["小星星"].notes.lesson == "先听后唱"
    assert by_title["两只老虎"].tracks() == [] and by_title["两只老虎"].notes is None


def test_a_word_document_of_notes_is_named_not_taken_for_the_lesson(tmp_path: Path) -> None:
    need_ffmpeg()
    src, out = tmp_path / "光盘", tmp_path / "sources"
    make_tone(src / UNIT / "03 小星星" / "小星星", 1.0)
    (src / UNIT / "03 小星星" / "教学建议.docx").write_bytes(b"PK\x03\x04 not really")
    result = _import(src, out)
    assert result.errors == 0
    assert any("教学建议.docx" in f.reason and ".txt or .md" in f.reason for f in result.findings if f.status == "warning")
    (song,), _ = read_sources(out)
    assert song.fields["kind"] == "audio" and song.notes is None
