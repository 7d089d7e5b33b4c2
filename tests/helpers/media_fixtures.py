"""Tiny media made by the tests themselves (ffmpeg, python-pptx): 1–2 s clips at 160×120."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

SECONDS = 1.5
VIDEO_FORMATS = {
    # name: (extension, ffmpeg codec arguments)
    "flv": ("flv", ["-c:v", "flv", "-c:a", "libmp3lame", "-ar", "44100"]),
    "wmv": ("wmv", ["-c:v", "wmv2", "-c:a", "wmav2"]),
    "avi": ("avi", ["-c:v", "mpeg4", "-c:a", "libmp3lame"]),
    "mpeg2": ("mpg", ["-c:v", "mpeg2video", "-c:a", "mp2", "-f", "vob"]),
    "rmvb": ("rmvb", ["-c:v", "rv20", "-c:a", "ac3", "-ar", "44100", "-f", "rm"]),
    "hevc": ("mp4", ["-c:v", "libx265", "-x265-params", "log-level=error", "-c:a", "aac"]),
    "good": ("mp4", ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart"]),
}


def need_ffmpeg() -> None:
    if not shutil.which("ffmpeg") or not shutil.which("ffprobe"):
        pytest.fail("ffmpeg is required for these tests: apt-get install ffmpeg (scripts/ci_hub_services.sh)")


def need_soffice() -> None:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.fail("LibreOffice is required: apt-get install libreoffice-impress-nogui (scripts/ci_hub_services.sh)")


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-hide_banner", "-v", "error", "-y", *args], check=True, timeout=120)


def integrated_lufs(path: Path) -> float:
    proc = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-map", "0:a:0", "-af", "ebur128",
                           "-f", "null", "-"], capture_output=True, text=True, encoding="utf-8", errors="replace",
                          check=True, timeout=120)
    return float(re.findall(r"I:\s+(-?[\d.]+) LUFS", proc.stderr)[-1])


def _tone(level_lufs: float) -> str:
    # A 440 Hz sine at amplitude 1/8 (lavfi's default) measures about -20 LUFS; shift from there.
    return f"sine=frequency=440:duration={SECONDS},volume={level_lufs + 20.2:.2f}dB"


def make_video(path: Path, fmt: str, level_lufs: float = -16.0, size: str = "160x120") -> Path:
    ext, codec = VIDEO_FORMATS[fmt]
    path = path.with_suffix("." + ext)
    path.parent.mkdir(parents=True, exist_ok=True)
    _ffmpeg("-f", "lavfi", "-i", f"testsrc=size={size}:rate=15:duration={SECONDS}",
            "-f", "lavfi", "-i", _tone(level_lufs), "-shortest", *codec, str(path))
    return path


def make_audio(path: Path, level_lufs: float, ext: str = "mp3") -> Path:
    path = path.with_suffix("." + ext)
    path.parent.mkdir(parents=True, exist_ok=True)
    codec = {"mp3": ["-c:a", "libmp3lame"], "wma": ["-c:a", "wmav2", "-f", "asf"], "wav": []}[ext]
    _ffmpeg("-f", "lavfi", "-i", _tone(level_lufs), *codec, str(path))
    return path


def make_picture(path: Path, n: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    _ffmpeg("-f", "lavfi", "-i", f"testsrc=size=160x120:rate=1:duration=1,drawbox=x={n * 10}:y=10:w=20:h=20:c=red:t=fill",
            "-frames:v", "1", str(path))
    return path


def make_pptx(path: Path, titles: list[str]) -> Path:
    from pptx import Presentation

    deck = Presentation()
    for t in titles:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = t
        slide.placeholders[1].text = "跟着老师一起学"
    path.parent.mkdir(parents=True, exist_ok=True)
    deck.save(str(path))
    return path


LRC_TEXT = "[ti:小星星]\n[00:00.00]一闪一闪亮晶晶\n[00:00.80]满天都是小星星\n"
SRT_TEXT = "1\n00:00:00,000 --> 00:00:01,000\n同学们好\n\n2\n00:00:01,000 --> 00:00:01,500\n我们一起数一数\n"


def write_gbk(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", "\r\n").encode("gbk"))
    return path


def truncate(path: Path, keep: float = 0.4) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def make_docx(path: Path, paragraphs: list[str]) -> Path:
    """The smallest Word document LibreOffice and Word open: three parts in a zip."""
    import zipfile
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><w:document '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
    return path


def make_tone(path: Path, seconds: float, frequency: int = 440, ext: str = "mp3") -> Path:
    """A short sine of a given length (tracks of one song must be the same length)."""
    path = path.with_suffix("." + ext)
    path.parent.mkdir(parents=True, exist_ok=True)
    _ffmpeg("-f", "lavfi", "-i", f"sine=frequency={frequency}:duration={seconds}", "-c:a", "libmp3lame", "-b:a", "32k",
            str(path))
    return path
