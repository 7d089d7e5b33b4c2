"""A two-track song with teacher's notes, from the county's folder to the player on a school PC:
published by the real hub, served over real HTTP, synced into a real data folder, passed on
by USB export, and a tampered notes file never used."""

from __future__ import annotations

import shutil
from pathlib import Path

from eduteach_desktop.services import Services
from eduteach_desktop.ui.player.media import LessonMedia
from eduteach_hub.config import HubHome
from eduteach_protocol.notes import LessonNotes
from eduteach_protocol.repo_layout import blob_relpath
from tests.helpers.media_fixtures import make_tone, need_ffmpeg
from tests.integration.hubproc import add_school, cli, init_home, running_hub

SCHOOL = "4201000001"
TOML = """id = "music-star"
title = "小星星"
grade = 1
subject = "音乐"
edition = "人音版"
volume = "上册"
unit = 1
order = 1
kind = "audio"
duration = 1.0
tracks = [{file = "范唱.mp3", role = "demo"}, {file = "伴奏.mp3", role = "accompaniment"}]
lyrics = "小星星.lrc"
notes = "先听范唱，再跟伴奏唱。"

[[range_notes]]
start = 0
end = 0.5
text = "拍手打节奏"
"""


def _song_source(src: Path) -> None:
    folder = src / "music-star"
    make_tone(folder / "范唱", 1.0, 440)
    make_tone(folder / "伴奏", 1.0, 330)
    (folder / "小星星.lrc").write_text("[00:00.00]一闪一闪亮晶晶\n", encoding="utf-8")
    (folder / "lesson.toml").write_text(TOML, encoding="utf-8")


def _check_player_media(pc: Services) -> LessonNotes:
    lesson = pc.library.lesson("music-star")
    assert lesson is not None and pc.library.is_installed(lesson)
    media = LessonMedia.for_lesson(lesson, pc.blobs.path)
    assert [role for role, _ in media.tracks] == ["demo", "accompaniment"]
    assert all(path.is_file() for _, path in media.tracks) and media.missing_media() == []
    assert media.notes is not None
    return LessonNotes.from_bytes(media.notes.read_bytes())


def test_tracks_and_notes_reach_the_player_and_a_tampered_notes_file_is_refused(tmp_path: Path) -> None:
    need_ffmpeg()
    home = init_home(tmp_path)
    src = tmp_path / "src"
    _song_source(src)
    assert cli("publish", str(src), home=home)[0] == 0
    code = add_school(home, SCHOOL, "柳林教学点")
    repo = HubHome(home).writer().repo_dir
    catalog_notes = [f for ls in _catalog_lessons(home) for f in ls.files if f.role == "notes"]
    (notes_file,) = catalog_notes
    blob = repo / blob_relpath(notes_file.sha256)
    honest = blob.read_bytes()

    with running_hub(home) as url:
        # A damaged (or altered) notes blob on the hub: same length, other words.
        blob.write_bytes(honest.replace("先听".encode(), "别听".encode()))
        pc = Services.open(tmp_path / "pc")
        try:
            pc.enroll(url, code)
            report = pc.sync()
            lesson = pc.library.lesson("music-star")
            assert lesson is not None and not pc.library.is_installed(lesson)
            assert not report.ok
            kept = pc.blobs.path(notes_file.sha256)
            assert not kept.exists() or kept.read_bytes() == honest  # the altered bytes are never kept

            blob.write_bytes(honest)  # the hub is repaired
            assert pc.sync().ok
            notes = _check_player_media(pc)
            assert notes.lesson == "先听范唱，再跟伴奏唱。" and notes.at(0.2) == "拍手打节奏"

            # The next school gets both tracks and the notes from this PC's USB export.
            stick = tmp_path / "U盘"
            stick.mkdir()
            pc.export_repository(stick)
        finally:
            pc.close()

    other = Services.open(tmp_path / "pc2")
    try:
        other.trust.install_root(HubHome(home).writer().root_bytes())
        assert other.sync([str(stick)]).ok
        assert _check_player_media(other).for_slide(1) == ""
    finally:
        other.close()
    shutil.rmtree(stick)


def _catalog_lessons(home: Path):  # noqa: ANN202 - tuple[Lesson, ...]
    from eduteach_protocol.catalog import Catalog

    data = HubHome(home).writer().current_catalog_bytes()
    assert data is not None
    return Catalog.from_bytes(data).lessons
