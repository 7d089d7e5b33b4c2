"""Lessons for the classroom-mode player tests, made here: a song with two recordings of
different lengths (范唱 4 s, 伴奏 3 s) and lyrics, an English video with subtitles. Until the
catalog pipeline carries tracks, these are built as Lesson objects with tracked files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from eduteach_desktop.core.clock import Clock
from eduteach_desktop.ui.dialogs import Dialogs
from eduteach_desktop.ui.player import LessonMedia, PlayerWindow
from eduteach_desktop.ui.tasks import TaskRunner
from eduteach_protocol.catalog import Lesson, LessonFile
from tests.helpers.media_fixtures import make_tone, make_video, need_ffmpeg

SONG_LRC = "[00:00.00]一闪一闪亮晶晶\n[00:01.20]满天都是小星星\n[00:02.40]挂在天上放光明\n"
VIDEO_SRT = "1\n00:00:00,000 --> 00:00:00,700\nHello!\n\n2\n00:00:00,800 --> 00:00:01,400\nGood morning!\n"
DEMO_S, ACCOMPANIMENT_S = 4.0, 3.0


def _file(role: str, path: Path, track: str | None = None) -> LessonFile:
    return LessonFile(role, path.name, "0" * 64, path.stat().st_size if path.exists() else 1, track=track)


def song(folder: Path, lyrics: str = SONG_LRC) -> tuple[Lesson, LessonMedia]:
    need_ffmpeg()
    demo = folder / "demo.mp3"
    accompaniment = folder / "accompaniment.mp3"
    if not demo.exists():
        make_tone(demo, DEMO_S, 440)
        make_tone(accompaniment, ACCOMPANIMENT_S, 330)
    lrc = folder / "song.lrc"
    lrc.write_text(lyrics, encoding="utf-8")
    lesson = Lesson(id="music-g1-test-tracks", title="小星星（两个录音）", grade=1, subject="music",
                    edition="人音版", volume="上册", unit=1, order=1, kind="audio", duration=DEMO_S,
                    files=(_file("media", demo, "demo"), _file("media", accompaniment, "accompaniment"),
                           _file("lyrics", lrc)))
    media = LessonMedia(media=(demo, accompaniment), lyrics=lrc,
                        tracks=(("demo", demo), ("accompaniment", accompaniment)))
    return lesson, media


def video(folder: Path) -> tuple[Lesson, LessonMedia]:
    need_ffmpeg()
    clip = make_video(folder / "hello", "good")
    srt = folder / "hello.srt"
    srt.write_text(VIDEO_SRT, encoding="utf-8")
    lesson = Lesson(id="english-g3-test-repeat", title="Hello", grade=3, subject="english",
                    edition="外研版", volume="上册", unit=1, order=1, kind="video", duration=1.5,
                    files=(_file("media", clip), _file("subtitles", srt)))
    return lesson, LessonMedia(media=(clip,), subtitles=srt)


class Recorder:
    """record_play for the window: keeps what it was given."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, lesson: Lesson, *args: Any, **kwargs: Any) -> str:
        self.calls.append((lesson.id, *args))
        return f"record-{len(self.calls)}"


def player_for(qtbot: Any, lesson: Lesson, media: LessonMedia, tasks: TaskRunner, clock: Clock,
               dialogs: Dialogs, record: Callable[..., Any] | None = None) -> PlayerWindow:
    window = PlayerWindow(lesson, media, tasks, record or Recorder(), clock, dialogs)
    qtbot.addWidget(window)
    return window
