"""One enormous lyric or subtitle line (200,000 characters with no space) stays within the
player's width: the parsers cap it and the labels can always wrap what is left."""

from __future__ import annotations

from eduteach_desktop.core.lyrics import MAX_LINE_CHARS, parse_lrc_bytes
from eduteach_desktop.core.subtitles import parse_subtitles_bytes
from eduteach_desktop.ui.player.views import LyricsView, SubtitleView

HUGE = b"a" * 200_000


def test_a_huge_lyric_line_wraps_inside_the_view(qtbot, zh_app):
    view = LyricsView()
    qtbot.addWidget(view)
    view.set_lines(parse_lrc_bytes(b"[00:00.00]" + HUGE + b"\n[00:01.00]next\n"))
    view.resize(800, 600)
    view.show()
    view.set_position(0.5)
    qtbot.waitUntil(lambda: view.current_index == 0)
    assert view.minimumSizeHint().width() <= 800
    assert view.width() == 800
    shown = view.current_text()
    assert len(shown) == MAX_LINE_CHARS and shown.endswith("…")


def test_a_huge_subtitle_line_wraps_under_the_video(qtbot, zh_app):
    view = SubtitleView()
    qtbot.addWidget(view)
    view.set_cues(parse_subtitles_bytes(b"1\n00:00:00,000 --> 00:00:05,000\n" + HUGE + b"\n\n"))
    view.resize(800, 100)
    view.show()
    view.set_position(1.0)
    assert view.current_index == 0
    assert view.minimumSizeHint().width() <= 800
    assert len(view.text().replace("\u200b", "")) == MAX_LINE_CHARS
