"""`eduteach-hub import` on a folder tree holding every kind of file a county has: the media
comes out classroom-ready (H.264/AAC MP4 +faststart, −16 LUFS, PDFs, UTF-8 text) in lesson
folders that `publish` reads, and importing again changes nothing."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from eduteach_hub.importer.command import run_import
from eduteach_hub.publish.sources import read_sources
from tests.helpers.media_fixtures import (
    LRC_TEXT,
    SRT_TEXT,
    integrated_lufs,
    make_audio,
    make_docx,
    make_picture,
    make_pptx,
    make_video,
    need_ffmpeg,
    need_soffice,
    write_gbk,
)

UNIT = "一年级/音乐/人音版/上册/第1单元 快乐的一天"
MATH = "二年级/数学/人教版/下册/第2单元 数一数"
VIDEOS = {"flv": 1, "wmv": 2, "avi": 3, "mpeg2": 4, "good": 5, "rmvb": 11}


def probe(path: Path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
                         capture_output=True, text=True, encoding="utf-8", check=True).stdout
    return json.loads(out)


def build_library(src: Path) -> dict[str, Path]:
    u = src / UNIT
    made = {fmt: make_video(u / f"{n:02d} 视频{fmt}", fmt, level_lufs=-15.2 if fmt == "good" else -22.0)
            for fmt, n in VIDEOS.items()}
    made["quiet"] = make_audio(u / "06 小星星", -35.0)
    write_gbk(u / "06 歌词.lrc", LRC_TEXT)  # beside the song by its number, not its name
    made["loud"] = make_audio(u / "07 两只老虎", -6.0, "wma")
    made["pptx"] = make_pptx(u / "08 认识乐器.pptx", ["第一页 认识乐器", "第二页 小鼓"])
    for i in (1, 2, 3):
        make_picture(u / "09 画太阳" / f"{i}.png", i)
    make_docx(u / "10 教案.docx", ["小星星 教案", "一、学唱歌曲"])
    made["hevc"] = make_video(src / MATH / "01 数一数", "hevc", size="320x240")
    write_gbk(src / MATH / "01 数一数.srt", SRT_TEXT)
    return made


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Path], object]:
    need_ffmpeg()
    need_soffice()
    base = tmp_path_factory.mktemp("library")
    src, out = base / "county", base / "sources"
    made = build_library(src)
    result = run_import(src, out, None, skip_bad=False, jobs=2)
    return src, out, made, result


def lesson(out: Path, lesson_id: str) -> dict:
    import tomllib

    return tomllib.loads((out / lesson_id / "lesson.toml").read_text(encoding="utf-8"))


def test_every_file_becomes_a_valid_lesson_that_publish_reads(imported) -> None:
    src, out, made, result = imported
    assert result.errors == 0, result.findings
    sources, errors = read_sources(out)
    assert errors == []
    ids = sorted(s.id for s in sources)
    assert ids == sorted([f"music-g1-renyin-a-u01-l{n:02d}" for n in range(1, 12)] + ["math-g2-renjiao-b-u02-l01"])
    kinds = {s.id: s.fields["kind"] for s in sources}
    assert kinds["music-g1-renyin-a-u01-l06"] == "audio"
    assert kinds["music-g1-renyin-a-u01-l08"] == "pdf"
    assert kinds["music-g1-renyin-a-u01-l09"] == "slides"
    flv = lesson(out, "music-g1-renyin-a-u01-l01")
    assert flv["title"] == "视频flv" and flv["unit_title"] == "快乐的一天" and flv["edition"] == "人音版"
    # durations come from the probe, not from a person
    assert 1.3 < flv["duration"] < 1.8


@pytest.mark.parametrize("fmt", ["flv", "wmv", "avi", "mpeg2", "rmvb", "hevc"])
def test_old_formats_are_reencoded_to_h264_aac_faststart_at_minus_16_lufs(imported, fmt: str) -> None:
    _, out, _, _ = imported
    lid = f"music-g1-renyin-a-u01-l{VIDEOS[fmt]:02d}" if fmt in VIDEOS else "math-g2-renjiao-b-u02-l01"
    meta = lesson(out, lid)
    media = out / lid / meta["media"][0]
    assert media.suffix == ".mp4"
    info = probe(media)
    codecs = {s["codec_type"]: s["codec_name"] for s in info["streams"]}
    assert codecs == {"video": "h264", "audio": "aac"}
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert video["pix_fmt"] == "yuv420p" and video["profile"] == "Main"
    data = media.read_bytes()
    assert 0 <= data.find(b"moov") < data.find(b"mdat"), "+faststart puts the index first"
    assert abs(integrated_lufs(media) + 16.0) <= 1.0
    assert (out / lid / meta["cover"]).stat().st_size > 0  # taken from the video


def test_a_good_mp4_is_copied_byte_for_byte(imported) -> None:
    _, out, made, _ = imported
    meta = lesson(out, "music-g1-renyin-a-u01-l05")
    assert (out / "music-g1-renyin-a-u01-l05" / meta["media"][0]).read_bytes() == made["good"].read_bytes()


def test_songs_too_quiet_or_too_loud_come_out_at_minus_16_lufs(imported) -> None:
    _, out, made, _ = imported
    assert integrated_lufs(made["quiet"]) < -30 and integrated_lufs(made["loud"]) > -10
    for lid in ("music-g1-renyin-a-u01-l06", "music-g1-renyin-a-u01-l07"):
        media = out / lid / lesson(out, lid)["media"][0]
        assert abs(integrated_lufs(media) + 16.0) <= 1.0, lid


def test_gbk_lyrics_and_subtitles_become_utf8(imported) -> None:
    _, out, _, _ = imported
    song = lesson(out, "music-g1-renyin-a-u01-l06")
    assert (out / song["id"] / song["lyrics"]).read_text(encoding="utf-8") == LRC_TEXT
    maths = lesson(out, "math-g2-renjiao-b-u02-l01")
    assert (out / maths["id"] / maths["subtitles"]).read_text(encoding="utf-8") == SRT_TEXT


def test_pptx_and_docx_become_pdfs_and_slides_keep_their_order(imported) -> None:
    import pypdfium2

    _, out, _, _ = imported
    deck = lesson(out, "music-g1-renyin-a-u01-l08")
    pdf = pypdfium2.PdfDocument((out / deck["id"] / deck["media"][0]).read_bytes())  # bytes: pdfium takes a str path as UTF-8, whatever the locale
    assert len(pdf) == 2
    assert "认识乐器" in pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert lesson(out, "music-g1-renyin-a-u01-l09")["media"] == ["1.png", "2.png", "3.png"]
    plan = lesson(out, "music-g1-renyin-a-u01-l10")
    assert plan["kind"] == "pdf" and plan["media"] == ["10 教案.pdf"]
    pdf = pypdfium2.PdfDocument((out / plan["id"] / plan["media"][0]).read_bytes())  # bytes: pdfium takes a str path as UTF-8, whatever the locale
    assert "一、学唱歌曲" in pdf[0].get_textpage().get_text_range()
    pdf.close()


def test_importing_again_reencodes_nothing_and_rewrites_nothing(imported) -> None:
    src, out, _, first = imported
    assert first.cache_misses == first.files_processed > 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and ".eduteach-import-cache" not in p.parts}
    again = run_import(src, out, None, skip_bad=False, jobs=2)
    assert again.errors == 0
    assert again.cache_misses == 0 and again.cache_hits == first.files_processed
    assert again.bytes_hashed == 0  # unchanged sources are not even read
    assert again.written == 0 and again.unchanged == first.written
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and ".eduteach-import-cache" not in p.parts}
    after.pop(out / ".eduteach-import.json", None), before.pop(out / ".eduteach-import.json", None)
    assert after == before


def test_a_changed_file_is_the_only_one_prepared_again(imported, tmp_path: Path) -> None:
    src, out, made, _ = imported
    make_audio(made["quiet"].with_suffix(""), -30.0)  # the county replaced the song
    result = run_import(src, out, None, skip_bad=False, jobs=2)
    assert result.errors == 0
    assert result.cache_misses == 1 and result.written == 1
    media = out / "music-g1-renyin-a-u01-l06" / lesson(out, "music-g1-renyin-a-u01-l06")["media"][0]
    assert abs(integrated_lufs(media) + 16.0) <= 1.0
