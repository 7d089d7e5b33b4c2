#!/usr/bin/env python3
"""Generate the EduTeach demo lessons under resources/demo_lessons/.

Everything is drawn / synthesised locally:
  * pictures   -> ImageMagick `convert` (Noto Sans CJK SC for text)
  * music      -> `sox` (plucked + sine tones), encoded to Ogg Vorbis by `ffmpeg`
  * speech     -> `espeak-ng` (English voices, Mandarin via tone-numbered pinyin)
  * video      -> `ffmpeg` (H.264 main profile, yuv420p, AAC mono)

Only the Python standard library is used.  The script is rerunnable: each
lesson folder it owns is deleted and rebuilt.  Run it from anywhere:

    python3 resources/demo_sources/make_demo_lessons.py            # all lessons
    python3 resources/demo_sources/make_demo_lessons.py --only math-g1-renjiao-shu5
"""

from __future__ import annotations

import argparse
import array
import json
import math
import random
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "demo_lessons"
RATE = 44100  # sample rate for every audio track we build

# Friendly palette
CREAM = "#fff8e7"
NAVY = "#2b3a67"
DARK = "#3b2f2f"
ORANGE = "#ff9f1c"
YELLOW = "#ffd60a"
PINK = "#ff8fab"
RED = "#e63946"
GREEN = "#52b788"
SKY = "#8ecae6"
PURPLE = "#9d7be6"

VERBOSE = False


# --------------------------------------------------------------------------
# small utilities
# --------------------------------------------------------------------------

def run(cmd: list[str]) -> str:
    """Run a command, fail loudly, return stdout."""
    if VERBOSE:
        print("  $", " ".join(str(c) for c in cmd)[:300])
    res = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if res.returncode != 0:
        sys.stderr.write(res.stderr[-3000:])
        raise SystemExit(f"command failed ({res.returncode}): {cmd[0]} ...")
    return res.stdout


def need_tools() -> None:
    missing = [t for t in ("ffmpeg", "ffprobe", "sox", "espeak-ng", "convert", "fc-list")
               if shutil.which(t) is None]
    if missing:
        raise SystemExit("missing system tools: " + ", ".join(missing))


def find_fonts() -> tuple[str, str]:
    """Return (bold, regular) font specs for ImageMagick, preferring Noto Sans CJK SC."""
    listing = run(["convert", "-list", "font"])
    names = {line.split(":", 1)[1].strip() for line in listing.splitlines()
             if line.strip().startswith("Font:")}
    if "Noto-Sans-CJK-SC-Bold" in names and "Noto-Sans-CJK-SC" in names:
        return "Noto-Sans-CJK-SC-Bold", "Noto-Sans-CJK-SC"
    # Fallback: any font file fontconfig says covers Chinese.
    files = [line.split(":", 1)[0] for line in run(["fc-list", ":lang=zh"]).splitlines() if line.strip()]
    files.sort(key=lambda f: ("Sans" not in f, "Bold" not in f, f))
    if not files:
        raise SystemExit("no Chinese font found (install fonts-noto-cjk)")
    bold = files[0]
    regular = next((f for f in files if "Sans" in f and "Bold" not in f), bold)
    return bold, regular


def probe(path: Path) -> dict:
    out = run(["ffprobe", "-v", "error", "-show_entries",
               "format=duration:stream=codec_type,codec_name,profile,pix_fmt,width,height,sample_rate,channels",
               "-of", "json", str(path)])
    return json.loads(out)


def media_duration(path: Path) -> float:
    return float(probe(path)["format"]["duration"])


def ts_lrc(t: float) -> str:
    cs = int(round(t * 100))
    return f"[{cs // 6000:02d}:{(cs // 100) % 60:02d}.{cs % 100:02d}]"


def ts_srt(t: float, sep: str = ",") -> str:
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return f"{v:.1f}"
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(v)


TOML_KEYS = ["id", "title", "grade", "subject", "edition", "volume", "unit", "unit_title",
             "order", "kind", "duration", "summary", "media", "tracks", "captions", "lyrics",
             "subtitles", "cover", "notes"]


def toml_text(v: str) -> str:
    """A multi-line basic string (teacher's notes)."""
    return '"""\n' + v.replace("\\", "\\\\").replace('"""', '\\"""') + '\n"""'


def write_toml(path: Path, meta: dict) -> None:
    lines = []
    for key in TOML_KEYS:
        if key not in meta:
            continue
        val = meta[key]
        if key == "captions":
            lines.append("captions = [")
            lines.extend(f"  {toml_value(c)}," for c in val)
            lines.append("]")
        elif key == "tracks":
            lines.append("tracks = [")
            lines.extend(f"  {{file = {toml_value(t['file'])}, role = {toml_value(t['role'])}}}," for t in val)
            lines.append("]")
        elif key == "notes":
            lines.append(f"notes = {toml_text(val)}")
        else:
            lines.append(f"{key} = {toml_value(val)}")
    # Tables come last in TOML: what follows a [table] header belongs to it.
    if meta.get("slide_notes"):
        lines += ["", "[slide_notes]"]
        lines += [f"{n} = {toml_value(text)}" for n, text in sorted(meta["slide_notes"].items())]
    for start, end, text in meta.get("range_notes", ()):
        lines += ["", "[[range_notes]]", f"start = {start:.2f}", f"end = {end:.2f}", f"text = {toml_value(text)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------
# drawing (ImageMagick command builder)
# --------------------------------------------------------------------------

FONT_BOLD = "Noto-Sans-CJK-SC-Bold"
FONT_REG = "Noto-Sans-CJK-SC"


def f1(x: float) -> str:
    return f"{x:.1f}"


class Canvas:
    """Collects ImageMagick drawing arguments; save() runs `convert` once."""

    def __init__(self, w: int, h: int, background: str):
        self.w, self.h = w, h
        self.args: list[str] = ["-size", f"{w}x{h}", background, "-alpha", "off"]

    # -- primitives ---------------------------------------------------------
    def draw(self, mvg: str, fill: str = "none", stroke: str = "none", width: float = 0) -> None:
        self.args += ["-fill", fill, "-stroke", stroke, "-strokewidth", f1(width),
                      "-draw", "stroke-linecap round stroke-linejoin round " + mvg]

    def circle(self, cx, cy, r, **kw):
        self.draw(f"circle {f1(cx)},{f1(cy)} {f1(cx + r)},{f1(cy)}", **kw)

    def ellipse(self, cx, cy, rx, ry, a0=0, a1=360, **kw):
        self.draw(f"ellipse {f1(cx)},{f1(cy)} {f1(rx)},{f1(ry)} {a0},{a1}", **kw)

    def rect(self, x0, y0, x1, y1, radius=0, **kw):
        if radius:
            self.draw(f"roundrectangle {f1(x0)},{f1(y0)} {f1(x1)},{f1(y1)} {f1(radius)},{f1(radius)}", **kw)
        else:
            self.draw(f"rectangle {f1(x0)},{f1(y0)} {f1(x1)},{f1(y1)}", **kw)

    def line(self, x0, y0, x1, y1, color, width):
        self.draw(f"line {f1(x0)},{f1(y0)} {f1(x1)},{f1(y1)}", stroke=color, width=width)

    def polygon(self, pts, **kw):
        self.draw("polygon " + " ".join(f"{f1(x)},{f1(y)}" for x, y in pts), **kw)

    def path(self, d: str, **kw):
        self.draw(f"path '{d}'", **kw)

    def rotated_ellipse(self, cx, cy, rx, ry, angle, **kw):
        self.draw(f"push graphic-context translate {f1(cx)},{f1(cy)} rotate {angle} "
                  f"ellipse 0,0 {f1(rx)},{f1(ry)} 0,360 pop graphic-context", **kw)

    # -- text ---------------------------------------------------------------
    def _annotate(self, text, gravity, dx, dy, size, color, font, outline, outline_w):
        off = f"{int(round(dx)):+d}{int(round(dy)):+d}"
        self.args += ["-gravity", gravity, "-font", font, "-pointsize", str(size)]
        if outline:
            self.args += ["-fill", outline, "-stroke", outline, "-strokewidth", f1(outline_w),
                          "-annotate", off, text]
        self.args += ["-fill", color, "-stroke", "none", "-strokewidth", "0",
                      "-annotate", off, text, "-gravity", "NorthWest"]

    def text(self, text, cx, cy, size, color=DARK, font=None, outline=None, outline_w=6):
        """Text centred on (cx, cy)."""
        self._annotate(text, "Center", cx - self.w / 2, cy - self.h / 2, size, color,
                       font or FONT_BOLD, outline, outline_w)

    def text_left(self, text, x, cy, size, color=DARK, font=None, outline=None, outline_w=6):
        """Text starting at x, vertically centred on cy."""
        self._annotate(text, "West", x, cy - self.h / 2, size, color,
                       font or FONT_BOLD, outline, outline_w)

    def save(self, path: Path, rgb24: bool = False) -> Path:
        out = f"PNG24:{path}" if rgb24 else str(path)
        run(["convert", *self.args, "-alpha", "off", "+set", "date:create", "+set", "date:modify",
             "-strip", "-define", "png:exclude-chunk=date,time", out])
        return path


def star_points(cx, cy, r_out, r_in=None, rot=-90.0, n=5):
    r_in = r_in if r_in is not None else r_out * 0.45
    pts = []
    for i in range(2 * n):
        r = r_out if i % 2 == 0 else r_in
        a = math.radians(rot + i * 180.0 / n)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def star(c: Canvas, cx, cy, r, color=YELLOW, outline=None, rot=-90.0):
    c.polygon(star_points(cx, cy, r, rot=rot), fill=color,
              stroke=outline or "none", width=2 if outline else 0)


def sparkle(c: Canvas, cx, cy, r, color="#fff3b0"):
    c.polygon(star_points(cx, cy, r, r * 0.22, rot=-90, n=4), fill=color)


def apple(c: Canvas, cx, cy, r, color=RED):
    c.ellipse(cx + 3, cy + 5, r, r * 0.93, fill="#00000022")          # soft shadow
    c.circle(cx - r * 0.33, cy, r * 0.72, fill=color)
    c.circle(cx + r * 0.33, cy, r * 0.72, fill=color)
    c.ellipse(cx, cy + r * 0.12, r * 0.85, r * 0.8, fill=color)
    c.line(cx, cy - r * 0.55, cx + r * 0.12, cy - r * 1.05, "#7a4b24", max(3, r * 0.14))
    c.rotated_ellipse(cx + r * 0.38, cy - r * 0.9, r * 0.32, r * 0.15, -25, fill="#4caf50")
    c.rotated_ellipse(cx - r * 0.4, cy - r * 0.25, r * 0.16, r * 0.26, 30, fill="#ffffff88")


def crescent(c: Canvas, cx, cy, r, ox, oy, r2, color):
    """Circle (cx, cy, r) minus circle (ox, oy, r2), drawn as one polygon."""
    phi = math.atan2(oy - cy, ox - cx)
    steps = [phi + math.radians(a) for a in range(0, 360, 3)]
    outer = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in steps]
    outer = [p for p in outer if math.hypot(p[0] - ox, p[1] - oy) >= r2]
    inner = [(ox + r2 * math.cos(a), oy + r2 * math.sin(a)) for a in steps]
    inner = [p for p in inner if math.hypot(p[0] - cx, p[1] - cy) < r]
    last = outer[-1]
    if math.dist(last, inner[0]) > math.dist(last, inner[-1]):
        inner.reverse()
    c.polygon(outer + inner, fill=color)


def cloud(c: Canvas, cx, cy, s, color="#ffffff"):
    c.circle(cx - 28 * s, cy + 6 * s, 20 * s, fill=color)
    c.circle(cx, cy - 6 * s, 28 * s, fill=color)
    c.circle(cx + 30 * s, cy + 6 * s, 20 * s, fill=color)
    c.rect(cx - 28 * s, cy + 2 * s, cx + 30 * s, cy + 26 * s, radius=10 * s, fill=color)


def smile(c: Canvas, cx, cy, w, depth, color, width):
    c.path(f"M {f1(cx - w)},{f1(cy)} Q {f1(cx)},{f1(cy + depth)} {f1(cx + w)},{f1(cy)}",
           stroke=color, width=width)


# --------------------------------------------------------------------------
# audio helpers
# --------------------------------------------------------------------------

def midi_freq(m: float) -> float:
    return 440.0 * 2 ** ((m - 69) / 12)


NOTE = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}


def note_num(name: str) -> int:
    """'C4' -> 60, 'G3' -> 55."""
    return 12 * (int(name[1:]) + 1) + NOTE[name[0]]


def sox_tone(path: Path, kind: str, freq: float | None, nsamp: int, vol: float,
             fade_in: float = 0.005, fade_out: float = 0.04, fade_type: str = "q") -> None:
    base = ["sox", "-R", "-r", str(RATE), "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(path)]
    if freq is None:  # rest
        run(base + ["trim", "0", f"{nsamp}s"])
        return
    run(base + ["synth", f"{nsamp}s", kind, f"{freq:.3f}",
                "fade", fade_type, f"{fade_in}", f"{nsamp}s", f"{fade_out}",
                "vol", f"{vol}"])


def render_track(events, beat_samples: int, tmp: Path, prefix: str, kind: str, vol: float,
                 fade_type: str = "q", fade_out: float = 0.04) -> Path:
    """events: list of (midi-or-None, beats).  Returns one concatenated wav."""
    files = []
    for i, (m, beats) in enumerate(events):
        n = int(round(beats * beat_samples))
        f = tmp / f"{prefix}_{i:03d}.wav"
        sox_tone(f, kind, None if m is None else midi_freq(m), n, vol,
                 fade_type=fade_type, fade_out=fade_out if m is not None else 0)
        files.append(f)
    out = tmp / f"{prefix}.wav"
    run(["sox", "-R", *map(str, files), str(out)])
    return out


def wav_samples(path: Path) -> int:
    with wave.open(str(path), "rb") as w:
        return w.getnframes()


def encode_ogg(wav: Path, out: Path, title: str, quality: int = 3) -> None:
    run(["ffmpeg", "-y", "-v", "error", "-i", str(wav), "-map_metadata", "-1",
         "-c:a", "libvorbis", "-q:a", str(quality), "-ac", "1", "-ar", str(RATE),
         "-metadata", f"title={title}", "-fflags", "+bitexact", "-flags:a", "+bitexact",
         str(out)])


def build_song(tmp: Path, name: str, beat_s: float, intro_bass, melody, bass,
               gap_beats: int, verses: int, lead_s: float = 0.3, tail_s: float = 1.0):
    """Build the song wav.  melody: list of phrases, each a list of (note, beats).
    bass: list of (note, beats) for ONE verse.  Returns (wav, phrase start times)."""
    beat = int(round(beat_s * RATE))
    lead_beats = lead_s / beat_s
    mel_events, bass_events, starts = [(None, lead_beats)], [(None, lead_beats)], []
    # instrumental intro: bass/harmony only
    intro_beats = sum(b for _, b in intro_bass)
    mel_events.append((None, intro_beats))
    bass_events.extend((None if n is None else note_num(n), b) for n, b in intro_bass)
    t_beats = lead_beats + intro_beats
    for v in range(verses):
        if v:
            mel_events.append((None, gap_beats))
            bass_events.append((None, gap_beats))
            t_beats += gap_beats
        for phrase in melody:
            starts.append(t_beats * beat / RATE)
            for n, b in phrase:
                mel_events.append((None if n is None else note_num(n) + 12, b))
                t_beats += b
        bass_events.extend((None if n is None else note_num(n), b) for n, b in bass)
    mel_events.append((None, tail_s / beat_s))
    bass_events.append((None, tail_s / beat_s))
    pluck = render_track(mel_events, beat, tmp, f"{name}_pluck", "pluck", 0.9, fade_out=0.05)
    sine = render_track(mel_events, beat, tmp, f"{name}_sine", "sine", 0.9, fade_type="l", fade_out=0.15)
    low = render_track(bass_events, beat, tmp, f"{name}_bass", "triangle", 0.9, fade_type="l", fade_out=0.15)
    n1, n2, n3 = wav_samples(pluck), wav_samples(sine), wav_samples(low)
    assert n1 == n2 == n3, (n1, n2, n3)
    mix = tmp / f"{name}_mix.wav"
    run(["sox", "-R", "-m", "-v", "0.55", str(pluck), "-v", "0.22", str(sine), "-v", "0.28", str(low),
         str(mix), "reverb", "25", "50", "60", "gain", "-n", "-1.5"])
    # The accompaniment (伴奏) is the same bass line through the same effects without the
    # melody: exactly as many samples as the mix, so the two tracks line up.
    accompaniment = tmp / f"{name}_accompaniment.wav"
    run(["sox", "-R", "-v", "0.8", str(low), str(accompaniment), "reverb", "25", "50", "60", "gain", "-n", "-1.5"])
    assert wav_samples(accompaniment) == wav_samples(mix), (wav_samples(accompaniment), wav_samples(mix))
    return mix, starts, accompaniment


def speak(tmp: Path, name: str, text: str, voice: str, speed: int, pitch: int) -> Path:
    """espeak-ng -> 44.1 kHz mono wav with leading/trailing silence trimmed."""
    raw = tmp / f"{name}_raw.wav"
    out = tmp / f"{name}.wav"
    run(["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-g", "4", "-w", str(raw), text])
    trimmed = tmp / f"{name}_trim.wav"
    run(["sox", "-R", str(raw), "-r", str(RATE), "-b", "16", str(trimmed),
         "silence", "1", "0.01", "0.2%", "reverse", "silence", "1", "0.01", "0.2%", "reverse"])
    run(["sox", "-R", str(trimmed), str(out), "fade", "q", "0.01", "-0", "0.03", "gain", "-n", "-2"])
    return out


def chime(tmp: Path, name: str, midi: float, length: float = 0.7, vol: float = 0.35) -> Path:
    out = tmp / f"{name}.wav"
    n = int(round(length * RATE))
    a = tmp / f"{name}_a.wav"
    b = tmp / f"{name}_b.wav"
    sox_tone(a, "sine", midi_freq(midi), n, vol, 0.003, length * 0.95, "l")
    sox_tone(b, "sine", midi_freq(midi + 12), n, vol * 0.4, 0.003, length * 0.7, "l")
    run(["sox", "-R", "-m", str(a), str(b), str(out)])
    return out


class Timeline:
    """Mixes mono 16-bit wav clips at absolute times (pure Python)."""

    def __init__(self):
        self.buf = array.array("i")

    def add(self, wav_path: Path, at: float, gain: float = 1.0) -> float:
        with wave.open(str(wav_path), "rb") as w:
            assert w.getframerate() == RATE and w.getnchannels() == 1 and w.getsampwidth() == 2
            data = array.array("h", w.readframes(w.getnframes()))
        if sys.byteorder == "big":
            data.byteswap()
        start = int(round(at * RATE))
        end = start + len(data)
        if len(self.buf) < end:
            self.buf.extend([0] * (end - len(self.buf)))
        buf = self.buf
        for i, s in enumerate(data):
            buf[start + i] += int(s * gain)
        return len(data) / RATE

    def write(self, path: Path, total: float) -> None:
        n = int(round(total * RATE))
        if len(self.buf) < n:
            self.buf.extend([0] * (n - len(self.buf)))
        out = array.array("h", (max(-32767, min(32767, s)) for s in self.buf[:n]))
        if sys.byteorder == "big":
            out.byteswap()
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(out.tobytes())


def make_video(tmp: Path, frames: list[tuple[float, Path]], total: float, audio: Path,
               out: Path, title: str, fps: int = 25) -> None:
    """frames: (start time, png) sorted; each image shows until the next start."""
    lst = tmp / (out.stem + ".ffconcat")
    lines = ["ffconcat version 1.0"]
    for i, (t, img) in enumerate(frames):
        nxt = frames[i + 1][0] if i + 1 < len(frames) else total
        lines += [f"file '{img}'", f"duration {nxt - t:.4f}"]
    lines.append(f"file '{frames[-1][1]}'")
    lst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run(["ffmpeg", "-y", "-v", "error", "-f", "concat", "-safe", "0", "-i", str(lst),
         "-i", str(audio), "-map", "0:v", "-map", "1:a", "-map_metadata", "-1",
         "-vf", f"fps={fps},scale=640:360:flags=bicubic,format=yuv420p",
         "-c:v", "libx264", "-profile:v", "main", "-level", "3.0", "-preset", "slow",
         "-tune", "stillimage", "-crf", "28", "-g", str(fps * 2), "-threads", "1",
         "-c:a", "aac", "-b:a", "64k", "-ac", "1", "-ar", str(RATE),
         "-t", f"{total:.3f}", "-movflags", "+faststart", "-metadata", f"title={title}",
         "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
         str(out)])


def write_srt_vtt(cues, srt: Path | None, vtt: Path | None) -> None:
    if srt:
        blocks = [f"{i}\n{ts_srt(a)} --> {ts_srt(b)}\n{txt}\n" for i, (a, b, txt) in enumerate(cues, 1)]
        srt.write_text("\n".join(blocks), encoding="utf-8")
    if vtt:
        blocks = ["WEBVTT\n"] + [f"{ts_srt(a, '.')} --> {ts_srt(b, '.')}\n{txt}\n" for a, b, txt in cues]
        vtt.write_text("\n".join(blocks), encoding="utf-8")


# --------------------------------------------------------------------------
# lesson 1: 小星星
# --------------------------------------------------------------------------

def night_sky(c: Canvas, rng: random.Random, n_small: int, n_big: int, keep_out=(), hills=True):
    """Random little stars; keep_out is a list of (x0, y0, x1, y1) boxes left empty."""
    w, h = c.w, c.h

    def free(x, y, m):
        return all(not (x0 - m < x < x1 + m and y0 - m < y < y1 + m) for x0, y0, x1, y1 in keep_out)

    placed = 0
    while placed < n_small:
        x, y = rng.uniform(0, w), rng.uniform(0, h * 0.75)
        if free(x, y, 4):
            c.circle(x, y, rng.uniform(0.8, 2.0), fill="#fffbe0cc")
            placed += 1
    placed = 0
    while placed < n_big:
        x, y = rng.uniform(20, w - 20), rng.uniform(15, h * 0.62)
        if free(x, y, 14):
            star(c, x, y, rng.uniform(6, 13), color=rng.choice(["#ffe66d", "#fff3b0", "#ffd166"]),
                 rot=-90 + rng.uniform(-15, 15))
            placed += 1
    if hills:
        c.ellipse(w * 0.2, h * 1.05, w * 0.45, h * 0.22, fill="#2d6a4f")
        c.ellipse(w * 0.8, h * 1.08, w * 0.5, h * 0.25, fill="#40916c")


def cover_xiaoxingxing(path: Path):
    c = Canvas(640, 360, "gradient:#0b1d51-#5a3d8a")
    rng = random.Random(7)
    night_sky(c, rng, 60, 14, keep_out=[(200, 95, 540, 270), (40, 80, 200, 220), (490, 20, 600, 120)])
    crescent(c, 540, 70, 38, 556, 60, 33, "#fff1a8")
    # a big smiling star
    star(c, 120, 150, 62, color="#ffd60a", outline="#f4a261")
    c.circle(106, 150, 5, fill=DARK)
    c.circle(134, 150, 5, fill=DARK)
    smile(c, 120, 164, 12, 10, DARK, 3.5)
    c.circle(97, 165, 6, fill="#ff8fab99")
    c.circle(143, 165, 6, fill="#ff8fab99")
    c.text("小星星", 370, 160, 92, color="#ffe66d", outline="#3a2a70", outline_w=10)
    c.text("音乐 · 一年级上册 · 人音版", 370, 245, 26, color="#ffffff", font=FONT_REG)
    # music notes
    for x, y in ((235, 80), (470, 95)):
        c.ellipse(x, y + 24, 9, 7, fill="#ffffffcc")
        c.line(x + 8, y + 24, x + 8, y - 4, "#ffffffcc", 3)
        c.line(x + 8, y - 4, x + 20, y + 4, "#ffffffcc", 3)
    c.save(path)


def lesson_xiaoxingxing(out: Path, tmp: Path) -> dict:
    lid = "music-g1-renyin-xiaoxingxing"
    d = out / lid
    q = 1
    p1 = [("C4", q), ("C4", q), ("G4", q), ("G4", q), ("A4", q), ("A4", q), ("G4", 2)]
    p2 = [("F4", q), ("F4", q), ("E4", q), ("E4", q), ("D4", q), ("D4", q), ("C4", 2)]
    p3 = [("G4", q), ("G4", q), ("F4", q), ("F4", q), ("E4", q), ("E4", q), ("D4", 2)]
    melody = [p1, p2, p3, p3, p1, p2]
    lyrics = ["一闪一闪亮晶晶", "满天都是小星星", "挂在天上放光明",
              "好像许多小眼睛", "一闪一闪亮晶晶", "满天都是小星星"]
    # accompaniment: root + fifth, one note per beat, chords per half bar
    chords = {"C": ("C3", "G3"), "F": ("F3", "C4"), "G": ("G2", "D3")}
    prog = ["C", "C", "F", "C", "F", "C", "G", "C",
            "C", "F", "C", "G", "C", "F", "C", "G",
            "C", "C", "F", "C", "F", "C", "G", "C"]
    bass = [(n, 1) for ch in prog for n in chords[ch]]
    intro = [("C3", 1), ("G3", 1), ("C3", 1), ("G2", 1)]
    mix, starts, accompaniment = build_song(tmp, "xxx", 0.48, intro, melody, bass, gap_beats=2, verses=2)
    ogg = d / "xiaoxingxing.ogg"
    encode_ogg(mix, ogg, "小星星")
    acc_ogg = d / "xiaoxingxing-banzou.ogg"
    encode_ogg(accompaniment, acc_ogg, "小星星（伴奏）", quality=0)  # a bass line: quality 0 keeps the bundle small
    lrc = ["[ti:小星星]", "[ar:儿歌]"]
    lrc += [f"{ts_lrc(t)}{lyrics[i % 6]}" for i, t in enumerate(starts)]
    (d / "xiaoxingxing.lrc").write_text("\n".join(lrc) + "\n", encoding="utf-8")
    cover_xiaoxingxing(d / "cover.png")
    return {
        "id": lid, "title": "小星星", "grade": 1, "subject": "music", "edition": "人音版",
        "volume": "上册", "unit": 2, "unit_title": "可爱的星星", "order": 1, "kind": "audio",
        "duration": round(media_duration(ogg), 1),
        "summary": "跟着音乐学唱《小星星》，感受夜空中星星一闪一闪的美。",
        "tracks": [{"file": "xiaoxingxing.ogg", "role": "demo"}, {"file": "xiaoxingxing-banzou.ogg", "role": "accompaniment"}],
        "lyrics": "xiaoxingxing.lrc", "cover": "cover.png",
        "notes": XIAOXINGXING_NOTES,
        "range_notes": [
            (0.0, starts[0], "前奏：请学生坐端正，跟着低音轻轻拍手。"),
            (starts[0], starts[6], "第一遍：先听范唱，不出声，跟着节奏轻轻点头。"),
            (starts[6], round(media_duration(ogg), 1), "第二遍：小声跟唱，“晶、星、明、睛”要唱足两拍。"),
        ],
    }


XIAOXINGXING_NOTES = """## 教学目标
- 能跟着伴奏有感情地演唱《小星星》。
- 感受歌曲一闪一闪的节奏，知道句末的字要唱足两拍。

## 教学步骤
1. **听**：播放范唱，请学生闭上眼睛，想象夜空中的星星。
2. **说**：问“星星是怎样闪的？”请学生用小手做一闪一闪的动作。
3. **学**：一句一句跟唱；“挂在天上放光明”较难，可以放慢速度多唱几遍。
4. **唱**：切换到伴奏，全班跟着伴奏唱，再分小组唱。

## 提示
- 复式班可以请高年级的学生带唱。
- 唱完请学生说一说：你最喜欢哪一句？"""


# --------------------------------------------------------------------------
# lesson 2: 两只老虎
# --------------------------------------------------------------------------

def tiger_face(c: Canvas, cx, cy, r, happy_eyes=False, tail=0):
    """tail: -1 = tail on the left, +1 = on the right, 0 = no tail (like in the song)."""
    ink = "#4a2c17"
    if tail:
        t = tail
        c.path(f"M {f1(cx + t * r * 0.7)},{f1(cy + r * 1.0)} Q {f1(cx + t * r * 1.6)},{f1(cy + r * 1.1)} "
               f"{f1(cx + t * r * 1.35)},{f1(cy + r * 0.35)}", stroke="#f4a261", width=r * 0.16)
        c.circle(cx + t * r * 1.35, cy + r * 0.35, r * 0.1, fill=ink)
    c.ellipse(cx, cy + r * 0.95, r * 0.8, r * 0.55, fill="#f4a261")            # body
    c.circle(cx - r * 0.72, cy - r * 0.7, r * 0.3, fill="#f4a261")              # ears
    c.circle(cx + r * 0.72, cy - r * 0.7, r * 0.3, fill="#f4a261")
    c.circle(cx - r * 0.72, cy - r * 0.7, r * 0.15, fill="#ffd6a5")
    c.circle(cx + r * 0.72, cy - r * 0.7, r * 0.15, fill="#ffd6a5")
    c.ellipse(cx, cy, r, r * 0.9, fill="#f8961e")                               # head
    c.ellipse(cx, cy + r * 0.35, r * 0.55, r * 0.42, fill="#fff3e0")            # muzzle
    for sx in (-1, 1):                                                          # stripes
        c.line(cx + sx * r * 0.95, cy - r * 0.1, cx + sx * r * 0.65, cy - r * 0.02, ink, r * 0.08)
        c.line(cx + sx * r * 0.95, cy + r * 0.18, cx + sx * r * 0.68, cy + r * 0.18, ink, r * 0.08)
    c.line(cx, cy - r * 0.85, cx, cy - r * 0.6, ink, r * 0.08)
    c.line(cx - r * 0.18, cy - r * 0.8, cx - r * 0.14, cy - r * 0.58, ink, r * 0.07)
    c.line(cx + r * 0.18, cy - r * 0.8, cx + r * 0.14, cy - r * 0.58, ink, r * 0.07)
    if happy_eyes:
        for sx in (-1, 1):
            c.path(f"M {f1(cx + sx * r * 0.45)},{f1(cy - r * 0.12)} Q {f1(cx + sx * r * 0.33)},"
                   f"{f1(cy - r * 0.32)} {f1(cx + sx * r * 0.21)},{f1(cy - r * 0.12)}", stroke=ink, width=r * 0.07)
    else:
        for sx in (-1, 1):
            c.circle(cx + sx * r * 0.33, cy - r * 0.15, r * 0.11, fill=ink)
            c.circle(cx + sx * r * 0.30, cy - r * 0.19, r * 0.04, fill="#ffffff")
    c.ellipse(cx, cy + r * 0.2, r * 0.12, r * 0.08, fill="#e76f51")             # nose
    smile(c, cx - r * 0.11, cy + r * 0.38, r * 0.11, r * 0.12, ink, r * 0.05)
    smile(c, cx + r * 0.11, cy + r * 0.38, r * 0.11, r * 0.12, ink, r * 0.05)
    c.circle(cx - r * 0.6, cy + r * 0.3, r * 0.12, fill="#ff8fab88")
    c.circle(cx + r * 0.6, cy + r * 0.3, r * 0.12, fill="#ff8fab88")


def cover_liangzhilaohu(path: Path):
    c = Canvas(640, 360, "gradient:#bde0fe-#e9f5db")
    c.circle(590, 50, 34, fill="#ffd60a")
    cloud(c, 110, 60, 1.0)
    cloud(c, 420, 45, 0.8)
    c.ellipse(160, 420, 420, 130, fill="#95d5b2")
    c.ellipse(560, 430, 330, 120, fill="#74c69d")
    for x in (40, 300, 610):                                                   # little flowers
        for k in range(5):
            a = math.radians(k * 72)
            c.circle(x + 9 * math.cos(a), 330 + 9 * math.sin(a), 6, fill="#ffafcc")
        c.circle(x, 330, 5, fill="#ffd60a")
    tiger_face(c, 100, 228, 56, tail=-1)
    tiger_face(c, 540, 228, 56, happy_eyes=True)
    c.text("两只老虎", 320, 140, 76, color="#e76f51", outline="#ffffff", outline_w=12)
    c.rect(190, 205, 450, 245, radius=20, fill="#ffffffcc")
    c.text("音乐 · 二年级下册 · 湘艺版", 320, 224, 20, color=NAVY, font=FONT_REG)
    c.save(path)


def lesson_liangzhilaohu(out: Path, tmp: Path) -> dict:
    lid = "music-g2-xiangyi-liangzhilaohu"
    d = out / lid
    e = 0.5
    b1 = [("C4", 1), ("D4", 1), ("E4", 1), ("C4", 1)]
    b3 = [("E4", 1), ("F4", 1), ("G4", 2)]
    b5 = [("G4", e), ("A4", e), ("G4", e), ("F4", e), ("E4", 1), ("C4", 1)]
    b7 = [("C4", 1), ("G3", 1), ("C4", 2)]
    melody = [b1, b1, b3, b3, b5, b5, b7, b7]
    lyrics = ["两只老虎", "两只老虎", "跑得快", "跑得快",
              "一只没有眼睛", "一只没有尾巴", "真奇怪", "真奇怪"]
    bar = [("C3", 1), ("G3", 1), ("E3", 1), ("G3", 1)]
    bass = bar * 6 + [("C3", 1), ("G2", 1), ("C3", 2)] * 2
    intro = [("C3", 1), ("G3", 1), ("E3", 1), ("G3", 1)]
    mix, starts, _ = build_song(tmp, "lzlh", 0.46, intro, melody, bass, gap_beats=2, verses=2)
    ogg = d / "liangzhilaohu.ogg"
    encode_ogg(mix, ogg, "两只老虎")
    lrc = ["[ti:两只老虎]", "[ar:儿歌]"]
    lrc += [f"{ts_lrc(t)}{lyrics[i % 8]}" for i, t in enumerate(starts)]
    (d / "liangzhilaohu.lrc").write_text("\n".join(lrc) + "\n", encoding="utf-8")
    cover_liangzhilaohu(d / "cover.png")
    return {
        "id": lid, "title": "两只老虎", "grade": 2, "subject": "music", "edition": "湘艺版",
        "volume": "下册", "unit": 1, "unit_title": "快乐的歌", "order": 1, "kind": "audio",
        "duration": round(media_duration(ogg), 1),
        "summary": "学唱欢快的《两只老虎》，边唱边拍手，感受歌曲活泼的节奏。",
        "media": ["liangzhilaohu.ogg"], "lyrics": "liangzhilaohu.lrc", "cover": "cover.png",
    }


# --------------------------------------------------------------------------
# lesson 3: 画一个笑脸太阳 (slides)
# --------------------------------------------------------------------------

SUN_CAPTIONS = [
    "第1步：画一个大圆，当作太阳的脸",
    "第2步：在圆的四周画上一圈光芒",
    "第3步：画上两只亮亮的眼睛",
    "第4步：画一张弯弯的笑嘴巴和圆脸蛋",
    "第5步：涂上黄色和橙色，笑脸太阳画好啦！",
]


def draw_sun(c: Canvas, cx, cy, R, step: int, s: float = 1.0):
    """Draw the sun as it looks after `step` (1..5).  New strokes are blue."""
    old, new = "#4a4a4a", "#1e88e5"
    pen = 7 * s

    def ink(k):
        return new if k == step else old

    done = step >= 5
    # rays
    if step >= 2:
        for i in range(12):
            a = math.radians(i * 30 + 15)
            x0, y0 = cx + (R + 22 * s) * math.cos(a), cy + (R + 22 * s) * math.sin(a)
            x1, y1 = cx + (R + 80 * s) * math.cos(a), cy + (R + 80 * s) * math.sin(a)
            if done:
                c.line(x0, y0, x1, y1, "#e76f51", 18 * s)
                c.line(x0, y0, x1, y1, ORANGE, 12 * s)
            else:
                c.line(x0, y0, x1, y1, ink(2), pen)
    # face
    if done:
        c.circle(cx, cy, R, fill=YELLOW, stroke="#e76f51", width=pen)
    else:
        c.circle(cx, cy, R, stroke=ink(1), width=pen)
    # eyes
    if step >= 3:
        col = DARK if done else ink(3)
        for sx in (-1, 1):
            c.ellipse(cx + sx * R * 0.36, cy - R * 0.18, R * 0.1, R * 0.15, fill=col)
            if done:
                c.circle(cx + sx * R * 0.36 - R * 0.03, cy - R * 0.24, R * 0.04, fill="#ffffff")
    # smile + cheeks
    if step >= 4:
        col = "#d62828" if done else ink(4)
        smile(c, cx, cy + R * 0.25, R * 0.32, R * 0.4, col, pen)
        for sx in (-1, 1):
            if done:
                c.circle(cx + sx * R * 0.66, cy + R * 0.2, R * 0.14, fill="#ff8fabcc")
            else:
                c.circle(cx + sx * R * 0.66, cy + R * 0.2, R * 0.14, stroke=ink(4), width=pen * 0.7)


def crayon(c: Canvas, x, y, color, angle):
    c.draw(f"push graphic-context translate {x},{y} rotate {angle} "
           f"roundrectangle -14,-70 14,60 6,6 "
           f"polygon -14,-70 14,-70 0,-100 pop graphic-context", fill=color, stroke="#00000055", width=2)
    c.draw(f"push graphic-context translate {x},{y} rotate {angle} "
           f"rectangle -14,-30 14,-10 pop graphic-context", fill="#ffffffaa")


def sun_slide(path: Path, step: int):
    W, H = 1280, 720
    c = Canvas(W, H, "gradient:#fff1d6-#ffe0ec")
    # header band
    c.rect(-20, -20, W + 20, 104, radius=30, fill="#ffb703")
    c.text_left("画一个笑脸太阳", 48, 44, 50, color="#ffffff", outline="#e76f51", outline_w=8)
    c.text_left("美术 · 一年级上册", 470, 50, 24, color="#7a4100", font=FONT_REG)
    for i in range(1, 6):
        x = 870 + (i - 1) * 78
        if i == step:
            c.circle(x, 48, 30, fill="#e76f51", stroke="#ffffff", width=4)
            col = "#ffffff"
        elif i < step:
            c.circle(x, 48, 26, fill="#ffe8a3")
            col = "#b5651d"
        else:
            c.circle(x, 48, 26, fill="none", stroke="#ffffff", width=4)
            col = "#ffffff"
        c.text(str(i), x, 46, 28, color=col)
    # paper
    c.rect(156, 132, 1132, 602, radius=24, fill="#00000018")
    c.rect(148, 124, 1124, 594, radius=24, fill="#ffffff", stroke="#f3c98b", width=3)
    draw_sun(c, 636, 359, 118, step)
    if step == 5:
        crayon(c, 1010, 420, YELLOW, 18)
        crayon(c, 1055, 430, ORANGE, 26)
        crayon(c, 1100, 445, PINK, 34)
        for x, y, r in ((300, 200, 20), (980, 190, 16), (280, 500, 14)):
            sparkle(c, x, y, r, "#ffd166")
    else:
        # pencil hint
        c.draw("push graphic-context translate 1030,470 rotate 35 "
               "rectangle -12,-80 12,50 polygon -12,50 12,50 0,85 pop graphic-context",
               fill="#ffd166", stroke="#b5651d", width=3)
        c.draw("push graphic-context translate 1030,470 rotate 35 "
               "polygon -4,74 4,74 0,85 pop graphic-context", fill="#4a4a4a")
    # caption
    c.rect(140, 616, 1140, 700, radius=42, fill="#ffffff", stroke="#ffb703", width=4)
    c.text(SUN_CAPTIONS[step - 1], 640, 656, 40, color=DARK)
    c.save(path)


def cover_huataiyang(path: Path):
    c = Canvas(640, 360, "gradient:#a2d2ff-#fdf6e3")
    cloud(c, 520, 70, 0.9)
    cloud(c, 380, 300, 0.7)
    c.ellipse(320, 420, 420, 100, fill="#b7e4c7")
    draw_sun(c, 150, 170, 72, 5, s=0.6)
    c.text("画一个", 430, 115, 50, color="#e76f51", outline="#ffffff", outline_w=10)
    c.text("笑脸太阳", 430, 185, 66, color="#f77f00", outline="#ffffff", outline_w=12)
    c.text("美术 · 一年级上册 · 岭南版", 430, 252, 22, color=NAVY, font=FONT_REG)
    c.save(path)


def lesson_huataiyang(out: Path, tmp: Path) -> dict:
    lid = "art-g1-lingnan-huataiyang"
    d = out / lid
    media = []
    for step in range(1, 6):
        name = f"step{step}.png"
        sun_slide(d / name, step)
        media.append(name)
    cover_huataiyang(d / "cover.png")
    return {
        "id": lid, "title": "画一个笑脸太阳", "grade": 1, "subject": "art", "edition": "岭南版",
        "volume": "上册", "unit": 1, "unit_title": "画太阳", "order": 1, "kind": "slides",
        "duration": 75.0,
        "summary": "跟着五个步骤，一步一步画出一个笑眯眯的太阳，再涂上温暖的颜色。",
        "media": media, "captions": list(SUN_CAPTIONS), "cover": "cover.png",
        "notes": HUATAIYANG_NOTES, "slide_notes": dict(enumerate(SUN_SLIDE_NOTES, 1)),
    }


HUATAIYANG_NOTES = """## 教学目标
- 会用圆形和线条画出一个笑脸太阳。
- 认识暖色：黄色、橙色、红色。

## 课前准备
每个学生一张白纸、一盒蜡笔。每一步先看老师示范，再自己画。"""
SUN_SLIDE_NOTES = (
    "先问：太阳是什么形状的？请学生用手在空中画一个大圆。提醒圆要画大一些，放在纸的中间。",
    "光芒可以画成直线、波浪线或小三角形，鼓励每个学生画得不一样。",
    "问：太阳高兴的时候，眼睛是什么样的？眼睛可以画成圆点，也可以画成弯弯的月牙。",
    "嘴巴向上弯就是笑。请同桌互相看一看，做一个笑脸。",
    "用黄色、橙色、红色这些暖色涂色。画完贴在黑板上，请几位学生说说自己的太阳。",
)


# --------------------------------------------------------------------------
# lesson 4: Hello! 你好 (video)
# --------------------------------------------------------------------------

def kid(c: Canvas, cx, cy, r, girl: bool, wave_hand=False, talking=False):
    skin, hair = "#ffd9b3", ("#8d5524" if girl else "#3d2b1f")
    shirt = "#ff8fab" if girl else "#4ea8de"
    c.rect(cx - r * 1.05, cy + r * 0.85, cx + r * 1.05, cy + r * 2.6, radius=r * 0.5, fill=shirt)
    if wave_hand:
        hx = cx + (r * 1.45 if girl else -r * 1.45)
        c.line(cx + (r * 0.8 if girl else -r * 0.8), cy + r * 1.3, hx, cy + r * 0.45, shirt, r * 0.32)
        c.circle(hx, cy + r * 0.3, r * 0.22, fill=skin)
    if girl:
        c.circle(cx - r * 1.0, cy + r * 0.1, r * 0.38, fill=hair)
        c.circle(cx + r * 1.0, cy + r * 0.1, r * 0.38, fill=hair)
        c.circle(cx, cy - r * 0.08, r * 1.08, fill=hair)
    c.circle(cx, cy, r, fill=skin)
    if girl:
        c.ellipse(cx, cy - r * 0.55, r * 0.95, r * 0.5, 180, 360, fill=hair)
        c.circle(cx + r * 0.75, cy - r * 0.8, r * 0.2, fill="#ff4d6d")
    else:
        c.ellipse(cx, cy - r * 0.45, r * 1.02, r * 0.62, 180, 360, fill=hair)
        c.polygon([(cx - r * 0.3, cy - r * 0.5), (cx + r * 0.1, cy - r * 0.5), (cx - r * 0.05, cy - r * 0.28)],
                  fill=hair)
    for sx in (-1, 1):
        c.circle(cx + sx * r * 0.35, cy + r * 0.05, r * 0.1, fill=DARK)
        c.circle(cx + sx * r * 0.58, cy + r * 0.35, r * 0.14, fill="#ff8fab88")
    if talking:
        c.ellipse(cx, cy + r * 0.45, r * 0.2, r * 0.16, fill="#c1121f")
    else:
        smile(c, cx, cy + r * 0.38, r * 0.25, r * 0.22, DARK, max(2.5, r * 0.06))


HELLO_LINES = [
    # english, chinese, speaker
    ("Hello!", "你好！", "amy"),
    ("Hi! I'm Sam.", "嗨！我是萨姆。", "sam"),
    ("What's your name?", "你叫什么名字？", "sam"),
    ("My name is Amy.", "我的名字叫埃米。", "amy"),
    ("Goodbye!", "再见！", "both"),
]
VOICES = {"amy": ("en-gb+f2", 110, 62), "sam": ("en-gb+m3", 110, 48)}
BADGES = {
    "listen": ("听一听  Listen", "#ffb703"),
    "again": ("再听一遍  Listen again", "#fb8500"),
    "you": ("轮到你说啦  Your turn!", "#52b788"),
}


def hello_bg(c: Canvas):
    cloud(c, 80, 50, 0.8)
    cloud(c, 570, 40, 0.7)
    c.ellipse(320, 420, 460, 110, fill="#b7e4c7")


def hello_frame(path: Path, eng: str, chi: str, speaker: str, badge: str | None, talking: str | None):
    c = Canvas(640, 360, "gradient:#caf0f8-#fefae0")
    hello_bg(c)
    amy_x, sam_x, ky, kr = 78, 562, 250, 40
    kid(c, amy_x, ky, kr, True, wave_hand=(eng == "Goodbye!"), talking=talking == "amy")
    kid(c, sam_x, ky, kr, False, wave_hand=(eng == "Goodbye!"), talking=talking == "sam")
    c.text("Amy", amy_x, 338, 20, color="#ffffff", outline="#c9184a", outline_w=5)
    c.text("Sam", sam_x, 338, 20, color="#ffffff", outline="#1d4e89", outline_w=5)
    # speech bubble
    bx0, by0, bx1, by1 = 60, 22, 580, 142
    if speaker == "amy":
        tail = [(150, by1 - 2), (200, by1 - 2), (amy_x + 30, ky - kr - 10)]
    elif speaker == "sam":
        tail = [(440, by1 - 2), (490, by1 - 2), (sam_x - 30, ky - kr - 10)]
    else:
        tail = None
    edge = "#90bede"
    if tail:
        c.polygon(tail, fill="#ffffff", stroke=edge, width=4)
    c.rect(bx0, by0, bx1, by1, radius=40, fill="#ffffff", stroke=edge, width=4)
    if tail:
        c.polygon([(tail[0][0] + 3, by1 - 6), (tail[1][0] - 3, by1 - 6), (tail[2][0], tail[2][1] - 8)],
                  fill="#ffffff")
    size = min(64, int(470 / (0.6 * len(eng))))
    c.text(eng, 320, 80, size, color="#1d3557")
    c.text(chi, 320, 184, 34, color="#e76f51", outline="#ffffff", outline_w=8)
    if badge:
        label, col = BADGES[badge]
        c.rect(205, 232, 435, 276, radius=22, fill=col)
        c.text(label, 320, 253, 21, color="#ffffff")
    c.save(path, rgb24=True)


def hello_title(path: Path, ending=False):
    c = Canvas(640, 360, "gradient:#ffe5ec-#caf0f8")
    rng = random.Random(3)
    for k in range(16):
        c.circle(rng.uniform(130, 510), rng.uniform(4, 40) if k % 2 else rng.uniform(300, 356), rng.uniform(4, 9),
                 fill=rng.choice(["#ffd166aa", "#06d6a0aa", "#118ab2aa", "#ef476faa"]))
    kid(c, 72, 240, 42, True, wave_hand=True)
    kid(c, 568, 240, 42, False, wave_hand=True)
    if ending:
        c.text("Well done!", 320, 120, 70, color="#fb8500", outline="#ffffff", outline_w=10)
        c.text("你真棒！", 320, 205, 52, color="#e63946", outline="#ffffff", outline_w=10)
    else:
        c.text("Hello!", 320, 105, 96, color="#fb8500", outline="#ffffff", outline_w=12)
        c.text("你好", 320, 195, 56, color="#e63946", outline="#ffffff", outline_w=10)
        c.rect(168, 246, 472, 282, radius=18, fill="#ffffffcc")
        c.text("英语 · 三年级上册 · 外研版 · Unit 1", 320, 263, 18, color=NAVY, font=FONT_REG)
    c.save(path, rgb24=True)


def lesson_hello(out: Path, tmp: Path) -> dict:
    lid = "english-g3-waiyan-hello"
    d = out / lid
    tl = Timeline()
    frames: list[tuple[float, Path]] = []
    cues = []
    title_png = tmp / "hello_title.png"
    hello_title(title_png)
    frames.append((0.0, title_png))
    tl.add(chime(tmp, "hello_ch1", note_num("E5")), 0.4)
    tl.add(chime(tmp, "hello_ch2", note_num("C5")), 0.75)
    t = 2.6
    for i, (eng, chi, who) in enumerate(HELLO_LINES):
        speakers = ["amy", "sam"] if who == "both" else [who, who]
        clips = []
        for k, sp in enumerate(speakers):
            voice, speed, pitch = VOICES[sp]
            clips.append(speak(tmp, f"hello_{i}_{k}", eng, voice, speed, pitch))
        # 0.5 s to read the card, 1st time, 1.0 s pause, 2nd time, 2.0 s for the child
        quiet = tmp / f"hello_{i}_q.png"
        hello_frame(quiet, eng, chi, who, None, None)
        frames.append((t, quiet))
        t += 0.5
        for k, clip in enumerate(clips):
            badge = "listen" if k == 0 else "again"
            png = tmp / f"hello_{i}_say{k}.png"
            hello_frame(png, eng, chi, who, badge, speakers[k])
            frames.append((t, png))
            dur = tl.add(clip, t)
            cues.append((t, t + dur + 0.3, f"{eng}\n{chi}"))
            t += dur
            if k == 0:
                pause = tmp / f"hello_{i}_p{k}.png"
                hello_frame(pause, eng, chi, who, badge, None)
                frames.append((t, pause))
                t += 1.0
        you = tmp / f"hello_{i}_you.png"
        hello_frame(you, eng, chi, who, "you", None)
        frames.append((t, you))
        t += 2.0
    end_png = tmp / "hello_end.png"
    hello_title(end_png, ending=True)
    frames.append((t, end_png))
    tl.add(chime(tmp, "hello_ch3", note_num("C5")), t + 0.2)
    tl.add(chime(tmp, "hello_ch4", note_num("G5")), t + 0.5)
    total = t + 2.5
    wav = tmp / "hello.wav"
    tl.write(wav, total)
    mp4 = d / "hello.mp4"
    make_video(tmp, frames, total, wav, mp4, "Hello! 你好")
    write_srt_vtt(cues, d / "hello.srt", d / "hello.vtt")
    shutil.copyfile(title_png, d / "cover.png")
    return {
        "id": lid, "title": "Hello! 你好", "grade": 3, "subject": "english", "edition": "外研版",
        "volume": "上册", "unit": 1, "unit_title": "Hello!", "order": 1, "kind": "video",
        "duration": round(media_duration(mp4), 1),
        "summary": "跟着Amy和Sam学说英语问候语Hello、Hi和Goodbye，学会用英语介绍自己的名字。",
        "media": ["hello.mp4"], "subtitles": "hello.srt", "cover": "cover.png",
        "notes": HELLO_NOTES,
    }


HELLO_NOTES = """## 教学目标
- 会用 Hello、Hi 打招呼，用 Goodbye 道别。
- 会说 I'm ……，介绍自己的名字。

## 教学步骤
1. 先完整看一遍，请学生找一找：Amy 和 Sam 见面说了什么？
2. 打开“跟读”，每句停下来请全班跟读，再请个别学生读。
3. 两人一组，用自己的名字练习对话，再请两组到前面表演。

## 提示
- 不要求写，只要求听懂、会说。
- 发音不准时不打断，整段说完再示范一遍。"""


# --------------------------------------------------------------------------
# lesson 5: 数一数：1到5 (video)
# --------------------------------------------------------------------------

CN_NUM = ["一", "两", "三", "四", "五"]
PINYIN_COUNT = ["yi2 ge4 ping2 guo3", "liang3 ge4 ping2 guo3", "san1 ge4 ping2 guo3",
                "si4 ge4 ping2 guo3", "wu3 ge4 ping2 guo3"]
PINYIN_DIGIT = ["yi1", "er4", "san1", "si4", "wu3"]
NUM_COLORS = ["#ef476f", "#f78c6b", "#ffb703", "#06d6a0", "#118ab2"]
CN_VOICE = ("cmn-latn-pinyin", 135, 55)  # Mandarin read from tone-numbered pinyin


def math_bg(c: Canvas):
    c.rect(-10, 300, 650, 370, fill="#b5e48c")
    c.ellipse(120, 305, 160, 18, fill="#99d98c")
    c.ellipse(500, 308, 200, 20, fill="#99d98c")
    c.text_left("数一数  1~5的认识", 18, 24, 18, color="#6a4c93", font=FONT_REG)


def count_frame(path: Path, n: int, fresh: bool):
    c = Canvas(640, 360, "gradient:#fff9db-#e3f6ff")
    math_bg(c)
    col = NUM_COLORS[n - 1]
    c.circle(118, 165, 84, fill="#ffffff", stroke=col, width=8)
    c.text(str(n), 118, 158, 130, color=col, outline="#ffffff", outline_w=4)
    # shelf
    c.rect(226, 222, 620, 240, radius=8, fill="#c68b59")
    c.rect(236, 240, 610, 250, radius=4, fill="#a26b3c")
    xs = [255 + k * 84 for k in range(5)]
    for k in range(n):
        apple(c, xs[k], 180, 32)
        if fresh and k == n - 1:
            for dx, dy, r in ((-40, -40, 10), (40, -46, 8), (44, 20, 7)):
                sparkle(c, xs[k] + dx, 180 + dy, r, "#ffd166")
    for k in range(n, 5):  # empty places as light rings
        c.circle(xs[k], 185, 26, stroke="#c9d6df", width=3)
    c.text(f"{CN_NUM[n - 1]}个苹果", 420, 290, 44, color="#d62828", outline="#ffffff", outline_w=8)
    c.save(path, rgb24=True)


def count_summary_frame(path: Path, lit: int, praise: bool):
    c = Canvas(640, 360, "gradient:#fff9db-#e3f6ff")
    math_bg(c)
    xs = [96 + k * 112 for k in range(5)]
    for k in range(5):
        apple(c, xs[k], 150, 36)
        on = k < lit
        c.circle(xs[k], 232, 30, fill=NUM_COLORS[k] if on else "#ffffff",
                 stroke=NUM_COLORS[k], width=4)
        c.text(str(k + 1), xs[k], 230, 38, color="#ffffff" if on else NUM_COLORS[k])
    if praise:
        c.text("你数对了吗？你真棒！", 320, 300, 38, color="#d62828", outline="#ffffff", outline_w=8)
        for x, y in ((40, 70), (600, 60), (330, 60)):
            star(c, x, y, 16, color="#ffd60a", outline="#f4a261")
    else:
        c.text("我们一起数：1、2、3、4、5", 320, 300, 32, color="#6a4c93", outline="#ffffff", outline_w=8)
    c.save(path, rgb24=True)


def math_title(path: Path):
    c = Canvas(640, 360, "gradient:#ffe8d6-#d8f3dc")
    for k in range(5):
        apple(c, 120 + k * 100, 255, 30)
        c.text(str(k + 1), 120 + k * 100, 312, 26, color=NUM_COLORS[k], outline="#ffffff", outline_w=5)
    c.text("数一数：1到5", 320, 95, 68, color="#d62828", outline="#ffffff", outline_w=12)
    c.text("数学 · 一年级上册 · 人教版 · 1~5的认识", 320, 168, 20, color=NAVY, font=FONT_REG)
    c.save(path, rgb24=True)


def lesson_shu5(out: Path, tmp: Path) -> dict:
    lid = "math-g1-renjiao-shu5"
    d = out / lid
    voice, speed, pitch = CN_VOICE
    tl = Timeline()
    frames: list[tuple[float, Path]] = []
    cues = []
    title = tmp / "shu5_title.png"
    math_title(title)
    frames.append((0.0, title))
    intro = speak(tmp, "shu5_intro", "wo3 men yi4 qi3 lai2 shu3 yi5 shu3", voice, speed, pitch)
    dur = tl.add(intro, 0.6)
    cues.append((0.6, 0.6 + dur + 0.3, "我们一起来数一数"))
    t = max(3.0, 0.6 + dur + 1.0)
    pent = ["C5", "D5", "E5", "G5", "A5"]
    for n in range(1, 6):
        fresh = tmp / f"shu5_{n}a.png"
        count_frame(fresh, n, True)
        still = tmp / f"shu5_{n}b.png"
        count_frame(still, n, False)
        frames.append((t, fresh))
        tl.add(chime(tmp, f"shu5_ch{n}", note_num(pent[n - 1])), t)
        clip = speak(tmp, f"shu5_n{n}", PINYIN_COUNT[n - 1], voice, speed, pitch)
        dur = tl.add(clip, t + 0.5)
        cues.append((t + 0.5, t + 0.5 + dur + 0.3, f"{CN_NUM[n - 1]}个苹果"))
        frames.append((t + 1.2, still))
        t += max(3.0, 0.5 + dur + 1.1)
    # recap: light up the numbers one by one
    recap_start = t
    for k in range(0, 6):
        png = tmp / f"shu5_sum{k}.png"
        count_summary_frame(png, k, False)
        frames.append((t, png))
        if k:
            clip = speak(tmp, f"shu5_d{k}", PINYIN_DIGIT[k - 1], voice, speed, pitch)
            dur = tl.add(clip, t)
            t += max(0.75, dur + 0.35)
        else:
            t += 0.6
    cues.append((recap_start + 0.6, t, "1、2、3、4、5"))
    praise = tmp / "shu5_praise.png"
    count_summary_frame(praise, 5, True)
    frames.append((t, praise))
    clip = speak(tmp, "shu5_praise", "ni3 zhen1 bang4", voice, speed, pitch)
    tl.add(chime(tmp, "shu5_chA", note_num("C5")), t)
    tl.add(chime(tmp, "shu5_chB", note_num("E5")), t + 0.15)
    tl.add(chime(tmp, "shu5_chC", note_num("G5")), t + 0.3)
    dur = tl.add(clip, t + 0.7)
    cues.append((t + 0.7, t + 0.7 + dur + 0.3, "你真棒！"))
    total = t + 0.7 + dur + 1.8
    wav = tmp / "shu5.wav"
    tl.write(wav, total)
    mp4 = d / "shu5.mp4"
    make_video(tmp, frames, total, wav, mp4, "数一数：1到5")
    write_srt_vtt(cues, d / "shu5.srt", None)
    shutil.copyfile(title, d / "cover.png")
    return {
        "id": lid, "title": "数一数：1到5", "grade": 1, "subject": "math", "edition": "人教版",
        "volume": "上册", "unit": 3, "unit_title": "1~5的认识", "order": 1, "kind": "video",
        "duration": round(media_duration(mp4), 1),
        "summary": "跟着动画一个一个数苹果，认识数字1、2、3、4、5。",
        "media": ["shu5.mp4"], "subtitles": "shu5.srt", "cover": "cover.png",
    }


# --------------------------------------------------------------------------

LESSONS = {
    "music-g1-renyin-xiaoxingxing": lesson_xiaoxingxing,
    "music-g2-xiangyi-liangzhilaohu": lesson_liangzhilaohu,
    "art-g1-lingnan-huataiyang": lesson_huataiyang,
    "english-g3-waiyan-hello": lesson_hello,
    "math-g1-renjiao-shu5": lesson_shu5,
}


def main() -> None:
    global VERBOSE, FONT_BOLD, FONT_REG
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    ap.add_argument("--only", action="append", choices=sorted(LESSONS), help="build only this lesson (repeatable)")
    ap.add_argument("--keep-temp", action="store_true", help="keep the intermediate files")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    VERBOSE = args.verbose
    need_tools()
    FONT_BOLD, FONT_REG = find_fonts()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="edutea_demo_"))
    try:
        for lid in args.only or list(LESSONS):
            print(f"== {lid}")
            d = args.out / lid
            if d.exists():
                shutil.rmtree(d)
            d.mkdir(parents=True)
            ltmp = tmp / lid
            ltmp.mkdir()
            meta = LESSONS[lid](args.out, ltmp)
            assert meta["id"] == lid
            write_toml(d / "lesson.toml", meta)
            for f in sorted(d.iterdir()):
                print(f"   {f.name:28s} {f.stat().st_size:>9,d} B")
            print(f"   duration = {meta['duration']}")
    finally:
        if args.keep_temp:
            print("temp files kept in", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    total = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(f"total size of {args.out}: {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
