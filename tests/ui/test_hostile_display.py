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


def test_remote_text_is_shown_as_typed_never_as_markup(qtbot, zh_app):
    """QLabel and QMessageBox guess rich text from a leading tag: a title or a problem that
    reads "<img src=…>" or "<font size=40>" must show those characters, not render them."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from eduteach_desktop.ui.widgets import label
    from eduteach_desktop.ui.wizard.page import wrapping_label

    hostile = '<font size=40 color=red>重要通知</font><img src="file:///etc/passwd">'
    for widget in (label(hostile), label(hostile, wrap=True), wrapping_label("x")):
        qtbot.addWidget(widget)
        widget.setText(hostile)
        assert widget.textFormat() == Qt.TextFormat.PlainText
    # Plain text lays out the tag characters themselves: far wider than the four words.
    one_line = label(hostile)
    qtbot.addWidget(one_line)
    assert one_line.sizeHint().width() > one_line.fontMetrics().horizontalAdvance("重要通知") * 3

    shown: list[QMessageBox] = []

    def capture(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    import pytest

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(QMessageBox, "exec", capture)
        from eduteach_desktop.ui.dialogs import Dialogs

        Dialogs().error(None, "同步", hostile)
        Dialogs().info(None, "同步", hostile)
        Dialogs().confirm(None, "同步", hostile)
    assert [b.textFormat() for b in shown] == [Qt.TextFormat.PlainText] * 3
