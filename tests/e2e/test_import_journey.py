"""A county's folder tree, imported and published in one command, synced by a real school
PC and played: every kind of file (FLV, WMV, AVI, MPEG-2, HEVC, a good MP4, MP3 and WMA songs
with GBK lyrics, a PPTX, numbered pictures) through the real hub and the real player."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from eduteach_desktop.services import Services
from eduteach_desktop.ui.dialogs import RecordingDialogs
from eduteach_desktop.ui.player import LessonMedia, PlayerWindow
from eduteach_desktop.ui.tasks import TaskRunner
from tests.helpers.journey import eduteach
from tests.helpers.media_fixtures import (
    LRC_TEXT,
    SRT_TEXT,
    make_audio,
    make_picture,
    make_pptx,
    make_video,
    need_ffmpeg,
    need_soffice,
    write_gbk,
)
from tests.integration.hubproc import run_cli, running_hub

UNIT = "一年级/音乐/人音版/上册/第1单元 快乐的一天"


@pytest.mark.slow
def test_import_publish_sync_and_play_every_kind_of_file(tmp_path: Path, qtbot, qapp) -> None:
    need_ffmpeg()
    need_soffice()
    src = tmp_path / "county"
    u = src / UNIT
    for n, fmt in enumerate(("flv", "wmv", "avi", "mpeg2", "hevc", "good"), 1):
        make_video(u / f"{n:02d} 视频{n}", fmt, level_lufs=-22.0)
    write_gbk(u / "01 视频1.srt", SRT_TEXT)
    make_audio(u / "07 小星星", -35.0)
    write_gbk(u / "07 小星星.lrc", LRC_TEXT)
    make_audio(u / "08 两只老虎", -6.0, "wma")
    make_pptx(u / "09 认识乐器.pptx", ["认识乐器", "小鼓"])
    for i in (1, 2):
        make_picture(u / "10 画太阳" / f"{i}.png", i)

    home, out, data = tmp_path / "hub", tmp_path / "sources", tmp_path / "school-pc"
    assert run_cli("init", str(home), "--county", "430123").returncode == 0
    imp = run_cli("import", str(src), "--out", str(out), "--publish", home=home, timeout=600)
    assert imp.returncode == 0, imp.stdout + imp.stderr
    assert "catalog v1: 10 lessons (10 added" in imp.stdout
    added = run_cli("school", "add", "4301230001", "--name", "大坪村教学点", home=home)
    code = added.stdout.strip().splitlines()[-1]

    with running_hub(home) as url:
        eduteach(data, "enroll", url, code)
        assert "10/10 lessons ready" in eduteach(data, "sync").stdout
    eduteach(data, "verify")
    lessons = json.loads(eduteach(data, "lessons", "--json").stdout)
    assert len(lessons) == 10 and all(ls["installed"] for ls in lessons)

    services = Services.open(data)
    tasks = TaskRunner()
    dialogs = RecordingDialogs()
    try:
        for n in range(1, 11):
            lesson = services.library.lesson(f"music-g1-renyin-a-u01-l{n:02d}")
            assert lesson is not None
            player = PlayerWindow(lesson, LessonMedia.for_lesson(lesson, services.blobs.path), tasks,
                                  services.usage.record_play, services.clock, dialogs)
            qtbot.addWidget(player)
            player.show()
            if lesson.kind in ("video", "audio"):
                qtbot.waitUntil(lambda p=player: p.failed or p.position_ms() > 300, timeout=15_000)
                if lesson.kind == "video" and n == 1:
                    assert player.subtitle_view is not None
                if n == 7:
                    assert player.lyrics_view is not None
            elif lesson.kind == "pdf":
                qtbot.waitUntil(lambda p=player: p.failed or p.playback.pdf_view.has_image(), timeout=15_000)
                qtbot.keyClick(player, Qt.Key.Key_PageDown)
                assert player.playback.current_index() == 1
            else:
                assert lesson.kind == "slides" and player.slides_view is not None
            assert not player.failed, (lesson.id, player.message_text())
            with qtbot.waitSignal(player.play_recorded, timeout=10_000):
                player.close()
        assert dialogs.shown == []
    finally:
        tasks.shutdown()
        services.close()
