"""The player: real playback drives the lyrics; slides step with PageDown; a missing or
damaged file shows a message; every play leaves exactly one usage record."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .conftest import MUSIC, SLIDES, VIDEO
from .helpers import make_player, open_library, plays, statements_for, verbs


def test_music_lesson_lyrics_follow_real_playback_and_one_record_is_saved(
    qtbot, zh_app, services, tasks, dialogs
):
    window = open_library(qtbot, services, tasks, dialogs)
    assert window.select_lesson(MUSIC)
    with qtbot.waitSignal(window.player_opened, timeout=5000) as opened:
        qtbot.mouseClick(window.card.play_button, Qt.MouseButton.LeftButton)
    player = opened.args[0]
    lyrics = player.lyrics_view
    assert lyrics is not None and player.isVisible()

    # Real playback, no setPosition: the FFmpeg backend runs on its own clock when the PC
    # has no sound device. The first line starts at 2.22 s, the second at 6.06 s.
    qtbot.waitUntil(lambda: lyrics.current_index == 0, timeout=10_000)
    assert lyrics.current_text() == "一闪一闪亮晶晶"
    assert player.is_playing()
    qtbot.waitUntil(lambda: lyrics.current_index == 1, timeout=10_000)
    assert lyrics.current_text() == "满天都是小星星"
    assert player.play_button.text() == "暂停"

    with qtbot.waitSignal(player.play_recorded, timeout=10_000) as recorded:
        qtbot.keyClick(player, Qt.Key.Key_Escape)
    assert not player.isVisible()

    # one play, recorded as xAPI Video Profile statements: initialized, then terminated
    assert plays(services, MUSIC) == 1
    pending = [item.statement for item in services.outbox.pending()]
    assert verbs(pending) == ["initialized", "terminated"]
    assert all(st["object"]["id"].endswith(MUSIC) for st in pending)
    statement = pending[-1]
    assert statement["id"] == recorded.args[0]
    assert statement["result"]["completion"] is False
    played = float(statement["result"]["duration"].removeprefix("PT").removesuffix("S"))
    assert 5.5 <= played <= 20.0
    qtbot.waitUntil(lambda: "2" in window.records_label.text(), timeout=5000)
    assert dialogs.shown == []


def test_space_pauses_and_playing_to_the_end_records_a_completed_play_once(
    qtbot, zh_app, services, tasks, dialogs
):
    player = make_player(qtbot, services, tasks, dialogs, MUSIC)
    player.show()
    qtbot.waitUntil(player.is_playing, timeout=10_000)
    qtbot.keyClick(player, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=5000)
    qtbot.keyClick(player, Qt.Key.Key_Space)
    qtbot.waitUntil(player.is_playing, timeout=5000)
    # Jump close to the end (the only seek in these tests) so the lesson ends quickly.
    qtbot.waitUntil(lambda: player.slider.maximum() > 40_000, timeout=5000)
    with qtbot.waitSignal(player.play_recorded, timeout=15_000):
        player._seek(player.slider.maximum() - 1500)
    assert player.play_button.text() == "再播一遍"
    player.close()
    qtbot.wait(50)
    statements = statements_for(services, MUSIC)
    assert plays(services, MUSIC) == 1
    assert verbs(statements) == ["initialized", "completed", "terminated"]
    assert statements[1]["result"]["completion"] is True


def test_slides_lesson_advances_with_page_down(qtbot, zh_app, services, tasks, dialogs):
    window = open_library(qtbot, services, tasks, dialogs)
    player = window.open_lesson(SLIDES)
    assert player is not None
    slides = player.slides_view
    assert slides is not None and slides.index == 0
    assert slides.caption.text().startswith("第1步")
    assert player.counter_label.text() == "第 1 张，共 5 张"
    assert not player.prev_button.isEnabled()

    for expected in range(1, 5):
        qtbot.keyClick(player, Qt.Key.Key_PageDown)
        assert slides.index == expected
    assert slides.caption.text().startswith("第5步")
    assert not player.next_button.isEnabled()
    qtbot.keyClick(player, Qt.Key.Key_PageDown)  # already at the last picture
    assert slides.index == 4
    qtbot.keyClick(player, Qt.Key.Key_PageUp)
    assert slides.index == 3
    qtbot.mouseClick(player.next_button, Qt.MouseButton.LeftButton)
    assert slides.index == 4

    with qtbot.waitSignal(player.play_recorded, timeout=5000):
        player.close()
    statements = statements_for(services, SLIDES)
    assert plays(services, SLIDES) == 1
    assert verbs(statements) == ["initialized", "completed", "terminated"]  # the last picture was shown


def test_missing_blob_shows_a_message_and_does_not_crash(qtbot, zh_app, services, tasks, dialogs):
    window = open_library(qtbot, services, tasks, dialogs)  # still believes it is installed
    lesson = services.library.lesson(MUSIC)
    services.blobs.path(lesson.first_file("media").sha256).unlink()

    player = window.open_lesson(MUSIC)
    assert player is not None
    assert player.failed
    assert "丢失或损坏" in player.message_text()
    assert not player.controls.isVisible()
    qtbot.keyClick(player, Qt.Key.Key_Space)  # nothing to play: no crash
    with qtbot.waitSignal(player.finished, timeout=5000):
        qtbot.keyClick(player, Qt.Key.Key_Escape)
    assert statements_for(services, MUSIC) == []  # nothing was played, nothing recorded


def test_damaged_media_file_shows_a_message(qtbot, zh_app, services, tasks, dialogs):
    lesson = services.library.lesson(VIDEO)
    blob = services.blobs.path(lesson.first_file("media").sha256)
    blob.chmod(0o644)
    blob.write_bytes(b"this is not a video at all" * 100)
    player = make_player(qtbot, services, tasks, dialogs, VIDEO)
    player.show()
    qtbot.waitUntil(lambda: player.failed, timeout=10_000)
    assert "丢失或损坏" in player.message_text()
    player.close()
    assert statements_for(services, VIDEO) == []
    assert dialogs.shown == []


def test_missing_slide_picture_still_shows_the_others(qtbot, zh_app, services, tasks, dialogs):
    lesson = services.library.lesson(SLIDES)
    services.blobs.path(lesson.files_with_role("media")[1].sha256).unlink()
    player = make_player(qtbot, services, tasks, dialogs, SLIDES)
    player.show()
    assert not player.failed and player.slides_view.image.has_image()
    qtbot.keyClick(player, Qt.Key.Key_PageDown)
    assert player.slides_view.problem.isVisible()
    assert "打不开" in player.slides_view.problem.text()
    player.close()


def test_video_lesson_shows_subtitles_while_playing(qtbot, zh_app, services, tasks, dialogs):
    player = make_player(qtbot, services, tasks, dialogs, VIDEO)
    player.show()
    subtitles = player.subtitle_view
    assert subtitles is not None and subtitles.isVisible()
    # The first cue ("Hello!") starts at 3.1 s of real playback.
    qtbot.waitUntil(lambda: subtitles.current_index == 0, timeout=10_000)
    assert subtitles.text().startswith("Hello!")
    with qtbot.waitSignal(player.play_recorded, timeout=5000):
        player.close()
