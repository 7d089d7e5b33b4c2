"""SRT and WebVTT parsing: both formats, tags stripped, junk skipped, nothing raises."""

from __future__ import annotations

import pytest

from eduteach_desktop.core.subtitles import Cue, cue_at, parse_subtitles, parse_subtitles_bytes

SRT = """1
00:00:00,600 --> 00:00:03,836
我们一起来数一数

2
00:00:05,036 --> 00:00:06,906
一个<i>苹果</i>

3
00:00:08,206 --> 00:00:10,191
两个苹果
第二行
"""

VTT = """WEBVTT - greetings
Kind: captions

NOTE written by hand
over two lines

STYLE
::cue { color: yellow }

intro
00:03.100 --> 00:04.071 align:center line:90%
<v Amy>Hello!</v>
你好！

00:00:07.942 --> 00:00:10.617
<c.yellow>Hi!</c> I'm <00:00:08.500>Sam &amp; Tom.
"""


def test_srt():
    cues = parse_subtitles(SRT)
    assert cues == [
        Cue(0.6, 3.836, "我们一起来数一数"),
        Cue(5.036, 6.906, "一个苹果"),
        Cue(8.206, 10.191, "两个苹果\n第二行"),
    ]


def test_webvtt_with_header_notes_styles_ids_settings_and_tags():
    cues = parse_subtitles(VTT)
    assert cues == [
        Cue(3.1, 4.071, "Hello!\n你好！"),
        Cue(7.942, 10.617, "Hi! I'm Sam & Tom."),
    ]


def test_bom_crlf_and_missing_blank_line_between_cues():
    text = (
        "\ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\n甲\r\n00:00:02,000 --> 00:00:03,000\r\n乙\r\n"
    )
    assert parse_subtitles(text) == [Cue(1.0, 2.0, "甲"), Cue(2.0, 3.0, "乙")]


def test_ass_overrides_and_font_tags_are_removed():
    text = '00:00:01,000 --> 00:00:02,000\n{\\an8}<font color="#ff0">上面</font>\n'
    assert parse_subtitles(text) == [Cue(1.0, 2.0, "上面")]


def test_a_literal_angle_bracket_survives():
    text = "00:00:01,000 --> 00:00:02,000\n1 < 2 > 0\n"
    assert parse_subtitles(text)[0].text == "1 < 2 > 0"


def test_out_of_order_cues_are_sorted():
    text = "00:00:05,000 --> 00:00:06,000\n后\n\n00:00:01,000 --> 00:00:02,000\n先\n"
    assert [c.text for c in parse_subtitles(text)] == ["先", "后"]


def test_bad_cues_are_skipped_good_ones_kept():
    text = (
        "1\n00:00:05,000 --> 00:00:04,000\nends before it starts\n\n"
        "2\n00:00:01,000 --> 00:00:02,000\n\n"  # no text
        "3\n00:00:99,000 --> 00:01:00,000\nbad seconds\n\n"
        "4\n00:00:xx,000 --> 00:00:02,000\nnot a time\n\n"
        "5\n00:00:07,000 --> 00:00:08,000\n好\n"
    )
    assert parse_subtitles(text) == [Cue(7.0, 8.0, "好")]


@pytest.mark.parametrize(
    "junk",
    ["", "WEBVTT", "-->", " --> \n\n", "1\n2\n3", "\x00\xff", "00:00 --> 00:01", "NOTE\n\n" * 50],
)
def test_junk_never_raises(junk: str):
    assert all(isinstance(c, Cue) for c in parse_subtitles(junk))


def test_bytes_in_gbk():
    data = "00:00:01,000 --> 00:00:02,000\n苹果\n".encode("gb18030")
    assert parse_subtitles_bytes(data) == [Cue(1.0, 2.0, "苹果")]


def test_cue_at():
    cues = parse_subtitles(SRT)
    assert cue_at(cues, 0.0) == -1
    assert cue_at(cues, 0.6) == 0
    assert cue_at(cues, 3.836) == -1  # end is exclusive: the gap shows nothing
    assert cue_at(cues, 6.0) == 1
    assert cue_at(cues, 9.0) == 2
    assert cue_at(cues, 11.0) == -1
    assert cue_at([], 1.0) == -1


def test_cue_at_with_overlaps_prefers_the_latest_start():
    cues = [Cue(0.0, 10.0, "long"), Cue(2.0, 3.0, "short")]
    assert cue_at(cues, 2.5) == 1
    assert cue_at(cues, 5.0) == 0
