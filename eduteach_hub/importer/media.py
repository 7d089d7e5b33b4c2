"""Classroom-ready audio and video with the system's FFmpeg: probe, re-encode what old school
PCs play badly to H.264 + AAC MP4 (+faststart), copy what is already good, bring loudness to
EBU R128 −16 LUFS (two-pass loudnorm), and take a cover picture from the video."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from eduteach_protocol.cli_i18n import L_

TARGET_LUFS = -16.0
TARGET_TP = -1.5
TARGET_LRA = 11.0
LOUDNESS_TOLERANCE = 1.0  # LU; within this a file is left as it is
MAX_WIDTH, MAX_HEIGHT = 1920, 1080
MAX_VIDEO_BITRATE = 8_000_000  # bit/s; above this an old PC's decoder or disk stutters
GOOD_VIDEO_EXTS = {"mp4", "m4v"}
GOOD_AUDIO = {"mp3": {"mp3"}, "m4a": {"aac"}, "ogg": {"vorbis", "opus"}, "oga": {"vorbis", "opus"}, "opus": {"opus"}}
FFMPEG_INSTALL = "install FFmpeg (Debian/UOS/Kylin: apt-get install ffmpeg; Windows: put ffmpeg.exe and ffprobe.exe on PATH)"
PROCESS_TIMEOUT = 6 * 3600


class MediaError(Exception):
    """The file cannot be used; the message is one sentence for the report."""


class ToolMissing(Exception):
    """A required program is not installed; the message says what to install."""


@dataclass(frozen=True)
class Tools:
    ffmpeg: str
    ffprobe: str

    @classmethod
    def find(cls) -> Tools:
        ffmpeg, ffprobe = shutil.which("ffmpeg"), shutil.which("ffprobe")
        if not ffmpeg or not ffprobe:
            raise ToolMissing(f"ffmpeg/ffprobe not found: {FFMPEG_INSTALL}")
        return cls(ffmpeg, ffprobe)


@dataclass(frozen=True)
class Probe:
    duration: float
    container: str
    vcodec: str = ""
    acodec: str = ""
    width: int = 0
    height: int = 0
    pix_fmt: str = ""
    bit_rate: int = 0

    @property
    def has_video(self) -> bool:
        return bool(self.vcodec)

    @property
    def has_audio(self) -> bool:
        return bool(self.acodec)


@dataclass
class Outcome:
    """What was done with one media file; `path` is the result to publish."""

    path: Path
    action: str
    duration: float
    notes: list[str] = field(default_factory=list)
    cover: Path | None = None


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=PROCESS_TIMEOUT, check=False,
        stdin=subprocess.DEVNULL,
    )


def probe(tools: Tools, path: Path) -> Probe:
    proc = _run([tools.ffprobe, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)])
    if proc.returncode != 0:
        raise MediaError(L_("cannot be read as audio or video (damaged, truncated, or not media)"))
    try:
        info = json.loads(proc.stdout)
    except ValueError:
        raise MediaError(L_("cannot be read as audio or video")) from None
    fmt = info.get("format", {})
    video = next((s for s in info.get("streams", []) if s.get("codec_type") == "video"
                  and not s.get("disposition", {}).get("attached_pic")), None)
    audio = next((s for s in info.get("streams", []) if s.get("codec_type") == "audio"), None)
    if video is None and audio is None:
        raise MediaError(L_("has no audio or video stream"))
    try:
        duration = float(fmt.get("duration") or 0)
    except ValueError:
        duration = 0.0
    return Probe(
        duration=duration,
        container=str(fmt.get("format_name", "")),
        vcodec=str(video.get("codec_name", "")) if video else "",
        acodec=str(audio.get("codec_name", "")) if audio else "",
        width=int(video.get("width") or 0) if video else 0,
        height=int(video.get("height") or 0) if video else 0,
        pix_fmt=str(video.get("pix_fmt", "")) if video else "",
        bit_rate=int(fmt.get("bit_rate") or 0),
    )


def video_problems(p: Probe, ext: str) -> list[str]:
    """Why this video must be re-encoded for an old school PC; empty when it is fine."""
    why = []
    if ext not in GOOD_VIDEO_EXTS or "mp4" not in p.container:
        why.append(f"{ext.upper()} container")
    if p.vcodec != "h264":
        why.append(f"{p.vcodec or 'unknown'} video")
    if p.width > MAX_WIDTH or p.height > MAX_HEIGHT:
        why.append(f"{p.width}×{p.height} is more than 1080p")
    if p.pix_fmt and p.pix_fmt != "yuv420p":
        why.append(f"{p.pix_fmt} pixels")
    if p.bit_rate > MAX_VIDEO_BITRATE:
        why.append(f"{p.bit_rate // 1000} kbit/s is too high")
    if p.acodec and p.acodec != "aac":
        why.append(f"{p.acodec} audio")
    return why


_JSON_RE = re.compile(r"\{[^{}]*\"input_i\"[^{}]*\}", re.S)


def measure(tools: Tools, path: Path, check_video: bool) -> dict[str, str] | None:
    """Pass one of loudnorm over the first audio stream, decoding the video too when asked so
    a damaged or truncated file is caught before it is copied as "good". None: no audio."""
    cmd = [tools.ffmpeg, "-hide_banner", "-nostats", "-xerror", "-i", str(path)]
    if check_video:
        cmd += ["-map", "0:v:0", "-f", "null", "-"]
    cmd += ["-map", "0:a:0", "-af", _loudnorm(), "-f", "null", "-"]
    proc = _run(cmd)
    if proc.returncode != 0:
        raise MediaError(L_("is damaged or truncated (decoding failed part-way)"))
    found = _JSON_RE.findall(proc.stderr)
    if not found:
        raise MediaError(L_("its sound could not be measured"))
    data: dict[str, str] = json.loads(found[-1])
    return data


def check_decodes(tools: Tools, path: Path) -> None:
    proc = _run([tools.ffmpeg, "-hide_banner", "-nostats", "-v", "error", "-xerror", "-i", str(path), "-map", "0:v:0", "-f", "null", "-"])
    if proc.returncode != 0:
        raise MediaError(L_("is damaged or truncated (decoding failed part-way)"))


def _loudnorm(measured: dict[str, str] | None = None) -> str:
    base = f"loudnorm=I={TARGET_LUFS}:TP={TARGET_TP}:LRA={TARGET_LRA}"
    if measured is None:
        return base + ":print_format=json"
    return (
        f"{base}:measured_I={measured['input_i']}:measured_TP={measured['input_tp']}"
        f":measured_LRA={measured['input_lra']}:measured_thresh={measured['input_thresh']}"
        f":offset={measured['target_offset']}:linear=true,aresample=48000,aformat=channel_layouts=mono|stereo"
    )


def loudness_ok(measured: dict[str, str] | None) -> bool:
    if measured is None:
        return True
    level = _level(measured)
    return level is None or abs(level - TARGET_LUFS) <= LOUDNESS_TOLERANCE


def _level(measured: dict[str, str]) -> float | None:
    try:
        value = float(measured["input_i"])
    except (KeyError, ValueError):
        return None
    return None if value != value or value in (float("inf"), float("-inf")) else value


def x264_args(threads: int) -> list[str]:
    # Main profile, level 4.0, yuv420p: what the oldest school PCs' decoders (and their GPUs'
    # DXVA) play; the cap keeps a lesson under ~2 Mbit/s at 720p.
    return [
        "-c:v", "libx264", "-preset", "fast", "-crf", "23", "-profile:v", "main", "-level:v", "4.0",
        "-pix_fmt", "yuv420p", "-maxrate", "4M", "-bufsize", "8M", "-threads", str(threads),
        "-vf", f"scale=w='min({MAX_WIDTH},iw)':h='min({MAX_HEIGHT},ih)':force_original_aspect_ratio=decrease:force_divisible_by=2",
    ]


def transcode_video_cmd(tools: Tools, src: Path, dst: Path, measured: dict[str, str] | None,
                        reencode_video: bool, threads: int, cover: Path | None = None, cover_at: float = 0.0) -> list[str]:
    cmd = [tools.ffmpeg, "-hide_banner", "-nostats", "-v", "error", "-xerror", "-y", "-i", str(src),
           "-map", "0:v:0", "-map", "0:a:0?", "-map_metadata", "-1"]
    cmd += x264_args(threads) if reencode_video else ["-c:v", "copy"]
    if measured is not None:
        cmd += ["-af", _loudnorm(measured)]
    cmd += ["-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-movflags", "+faststart", "-f", "mp4", str(dst)]
    if cover is not None:
        # A second output of the same run: the picture comes from frames already decoded.
        cmd += ["-map", "0:v:0", "-ss", f"{cover_at:.2f}", "-frames:v", "1", *_cover_args(), str(cover)]
    return cmd


def _cover_args() -> list[str]:
    return ["-vf", "scale='min(640,iw)':-2", "-q:v", "3", "-f", "image2"]


def transcode_audio_cmd(tools: Tools, src: Path, dst: Path, measured: dict[str, str] | None) -> list[str]:
    cmd = [tools.ffmpeg, "-hide_banner", "-nostats", "-v", "error", "-xerror", "-y", "-i", str(src),
           "-map", "0:a:0", "-map_metadata", "-1", "-vn"]
    if measured is not None:
        cmd += ["-af", _loudnorm(measured)]
    cmd += ["-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-movflags", "+faststart", "-f", "mp4", str(dst)]
    return cmd


def _encode(cmd: list[str], dst: Path) -> None:
    proc = _run(cmd)
    if proc.returncode != 0 or not dst.is_file() or dst.stat().st_size == 0:
        raise MediaError(L_("could not be converted (damaged, or a format FFmpeg cannot read)"))


def prepare_video(tools: Tools, src: Path, work: Path, stem: str, want_cover: bool, threads: int) -> Outcome:
    p = probe(tools, src)
    ext = src.suffix.lower().lstrip(".")
    problems = video_problems(p, ext)
    if not p.has_video:
        raise MediaError(L_("has no picture; name it as an audio lesson"))
    if p.duration <= 0:
        raise MediaError(L_("has no length (0 seconds)"))
    measured = measure(tools, src, check_video=not problems) if p.has_audio else None
    if not p.has_audio and not problems:
        check_decodes(tools, src)
    level = _level(measured) if measured else None
    notes: list[str] = []
    cover = work / f"{stem}-cover.jpg" if want_cover else None
    cover_at = min(1.0, p.duration / 3)
    if problems or not loudness_ok(measured):
        dst = work / f"{stem}.mp4"
        fix_loudness = measured if not loudness_ok(measured) else None
        _encode(transcode_video_cmd(tools, src, dst, fix_loudness, bool(problems), threads, cover, cover_at), dst)
        parts = []
        if problems:
            parts.append("re-encoded to H.264/AAC MP4 (" + ", ".join(problems) + ")")
        elif p.acodec:
            parts.append("sound re-encoded, picture copied")
        if fix_loudness is not None and level is not None:
            parts.append(f"loudness {level:.1f} → {TARGET_LUFS:.0f} LUFS")
        action = "; ".join(parts)
    else:
        dst = work / f"{stem}.{ext}"
        shutil.copyfile(src, dst)
        action = "copied unchanged (already H.264/AAC MP4" + (f", {level:.1f} LUFS)" if level is not None else ")")
        if cover is not None:
            _run([tools.ffmpeg, "-hide_banner", "-v", "error", "-y", "-ss", f"{cover_at:.2f}", "-i", str(dst),
                  "-frames:v", "1", *_cover_args(), str(cover)])
    if measured is not None and level is None:
        notes.append("the sound track is silent")
    if cover is not None and not (cover.is_file() and cover.stat().st_size > 0):
        cover = None
        notes.append("no cover picture could be taken from the video")
    # The duration is the probe's: re-encoding keeps the length, and a second probe costs a run.
    return Outcome(dst, action, round(p.duration, 2), notes, cover)


def prepare_audio(tools: Tools, src: Path, work: Path, stem: str) -> Outcome:
    p = probe(tools, src)
    if not p.has_audio:
        raise MediaError(L_("has no sound"))
    ext = src.suffix.lower().lstrip(".")
    measured = measure(tools, src, check_video=False)
    level = _level(measured) if measured else None
    codec_ok = p.acodec in GOOD_AUDIO.get(ext, set())
    notes: list[str] = []
    if codec_ok and loudness_ok(measured):
        dst = work / f"{stem}.{ext}"
        shutil.copyfile(src, dst)
        action = "copied unchanged" + (f" ({level:.1f} LUFS)" if level is not None else "")
    else:
        dst = work / f"{stem}.m4a"
        fix = measured if not loudness_ok(measured) else None
        _encode(transcode_audio_cmd(tools, src, dst, fix), dst)
        parts = [] if codec_ok else [f"re-encoded to AAC ({ext.upper()}, {p.acodec})"]
        if fix is not None and level is not None:
            parts.append(f"loudness {level:.1f} → {TARGET_LUFS:.0f} LUFS")
        action = "; ".join(parts) or "re-encoded to AAC"
    if level is None:
        notes.append("the sound is silent")
    if p.duration <= 0:
        raise MediaError(L_("has no length (0 seconds)"))
    return Outcome(dst, action, round(p.duration, 2), notes)


def prepare_image(tools: Tools, src: Path, work: Path, stem: str) -> Outcome:
    ext = src.suffix.lower().lstrip(".")
    p = probe(tools, src)
    if not p.has_video or p.width == 0:
        raise MediaError(L_("is not a picture"))
    if ext in ("png", "jpg", "jpeg", "webp"):
        dst = work / f"{stem}.{ext}"
        shutil.copyfile(src, dst)
        return Outcome(dst, "copied unchanged", 0.0)
    dst = work / f"{stem}.png"
    _encode([tools.ffmpeg, "-hide_banner", "-v", "error", "-y", "-i", str(src), "-frames:v", "1", str(dst)], dst)
    return Outcome(dst, f"converted {ext.upper()} to PNG", 0.0)
