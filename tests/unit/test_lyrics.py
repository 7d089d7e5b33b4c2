"""LRC parsing: real-world quirks parse, junk is skipped, nothing raises."""

from __future__ import annotations

import pytest

from eduteach_desktop.core.lyrics import LyricLine, decode_text, line_at, parse_lrc, parse_lrc_bytes

SONG = """[ti:小星星]
[ar:儿歌]
[00:02.22]一闪一闪亮晶晶
[00:06.06]满天都是小星星
[00:09.90]挂在天上放光明
"""


def test_basic_song_with_metadata():
    lines = parse_lrc(SONG)
    assert lines == [
        LyricLine(2.22, "一闪一闪亮晶晶"),
        LyricLine(6.06, "满天都是小星星"),
        LyricLine(9.9, "挂在天上放光明"),
    ]
    # It is a list of (seconds, text) pairs.
    seconds, text = lines[0]
    assert (seconds, text) == (2.22, "一闪一闪亮晶晶")


def test_multiple_timestamps_on_one_line_are_sorted():
    lines = parse_lrc("[00:10.00][00:01.00]副歌\n[00:05.00]主歌\n")
    assert [(ln.seconds, ln.text) for ln in lines] == [(1.0, "副歌"), (5.0, "主歌"), (10.0, "副歌")]


def test_same_time_keeps_file_order():
    lines = parse_lrc("[00:01.00]甲\n[00:01.00]乙\n")
    assert [ln.text for ln in lines] == ["甲", "乙"]


@pytest.mark.parametrize(
    ("tag", "seconds"),
    [
        ("[01:02]", 62.0),
        ("[01:02.5]", 62.5),
        ("[01:02.05]", 62.05),
        ("[01:02.005]", 62.005),
        ("[01:02:50]", 62.5),  # colon before hundredths, written by some editors
        ("[125:00.00]", 7500.0),  # no hours in LRC: minutes run on
    ],
)
def test_time_tag_variants(tag: str, seconds: float):
    assert parse_lrc(f"{tag}词\n")[0].seconds == pytest.approx(seconds)


def test_offset_positive_shows_lyrics_sooner():
    lines = parse_lrc("[offset:+500]\n[00:02.00]甲\n[00:00.20]乙\n")
    assert [(round(ln.seconds, 3), ln.text) for ln in lines] == [(0.0, "乙"), (1.5, "甲")]


def test_offset_negative_shows_lyrics_later():
    assert parse_lrc("[offset:-250]\n[00:01.00]甲\n")[0].seconds == pytest.approx(1.25)


def test_bad_offset_is_ignored():
    assert parse_lrc("[offset:soon]\n[00:01.00]甲\n")[0].seconds == pytest.approx(1.0)


def test_bom_crlf_and_enhanced_word_tags():
    text = "\ufeff[ti:x]\r\n[00:01.00]<00:01.00>一闪<00:01.50>一闪\r\n"
    assert parse_lrc(text) == [LyricLine(1.0, "一闪一闪")]


def test_empty_timed_line_is_kept_as_a_phrase_end():
    assert parse_lrc("[00:01.00]甲\n[00:03.00]\n") == [LyricLine(1.0, "甲"), LyricLine(3.0, "")]


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "just some words\nno tags here",
        "[00:99.00]bad seconds",
        "[aa:bb.cc]letters",
        "[00:01.00",
        "]]][[[",
        "[:]\n[]\n[00:]\n",
        "\x00\x01\x02",
        "[00:01.00]" + "长" * 10000,
    ],
)
def test_junk_never_raises(junk: str):
    lines = parse_lrc(junk)
    assert all(isinstance(ln, LyricLine) for ln in lines)


def test_bad_lines_are_skipped_good_ones_kept():
    lines = parse_lrc("garbage\n[00:61.00]bad\n[00:01.00]good\n[xx]\n")
    assert lines == [LyricLine(1.0, "good")]


def test_bytes_in_utf8_and_gbk():
    assert parse_lrc_bytes("[00:01.00]小星星".encode())[0].text == "小星星"
    assert parse_lrc_bytes("[00:01.00]小星星".encode("gb18030"))[0].text == "小星星"
    assert parse_lrc_bytes(b"\xff\xfe\x00garbage") == []


def test_decode_text_never_raises():
    assert isinstance(decode_text(bytes(range(256))), str)


def test_line_at():
    lines = parse_lrc(SONG)
    assert line_at(lines, 0.0) == -1
    assert line_at(lines, 2.21) == -1
    assert line_at(lines, 2.22) == 0
    assert line_at(lines, 6.0) == 0
    assert line_at(lines, 6.06) == 1
    assert line_at(lines, 500.0) == 2
    assert line_at([], 3.0) == -1


def test_control_and_bidi_characters_never_reach_the_lyric_labels() -> None:
    from eduteach_desktop.core.lyrics import parse_lrc_bytes
    from eduteach_desktop.core.subtitles import parse_subtitles_bytes

    hostile = "[00:01.00]\x00小\t星\x1b[2J\u202e星\x7f亮\n".encode()
    assert [ln.text for ln in parse_lrc_bytes(hostile)] == ["小 星[2J星亮"]
    srt = "1\n00:00:01,000 --> 00:00:02,000\n你\x00好\u202e\x07\n\n".encode()
    assert [c.text for c in parse_subtitles_bytes(srt)] == ["你好"]


def test_notepad_unicode_files_are_read() -> None:
    from eduteach_desktop.core.lyrics import parse_lrc_bytes
    from eduteach_desktop.core.subtitles import parse_subtitles_bytes

    lrc = "[00:01.00]一闪一闪亮晶晶\r\n[00:03.00]满天都是小星星\r\n"
    for codec in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff".encode(codec)
        assert [ln.text for ln in parse_lrc_bytes(bom + lrc.encode(codec))] == ["一闪一闪亮晶晶", "满天都是小星星"]
        srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\n你好\r\n\r\n"
        assert [c.text for c in parse_subtitles_bytes(bom + srt.encode(codec))] == ["你好"]
    # Invalid in every encoding tried: shown with replacement marks, never an exception.
    assert [ln.text for ln in parse_lrc_bytes(b"[00:01.00]\xff\xfa\xfb ok\n")][0].endswith(" ok")
