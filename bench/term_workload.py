"""A term's subscription as a teaching point gets it: grades 1-3 music, art and English.

What a real one looks like (resources/demo_lessons, the importer's encodings in
eduteach_hub/importer/media.py, DOMAIN.md): a music lesson is a children's song of 1-2.5
minutes, AAC at 128-160 kbit/s (a demo recording 范唱 and usually an accompaniment 伴奏 of
about the same length: 1-3 MB each), an LRC file of a few hundred bytes and a cover picture
(30-120 kB); an art lesson is 4-8 step slides (PNG/JPEG at most 1920x1080, 60-250 kB each)
and a cover; an English lesson (grade 3) is a short dialogue video (0.5-2 min at the
importer's CRF 23, mostly flat cartoon pictures: 0.5-4 MB), subtitles (1-3 kB) and a cover.
One term of all three subjects for three grades is about 2 periods a week per subject over
~18 weeks: ~100-150 lessons, 150-400 MB, of which ~70 % are files under 300 kB by count
and ~85 % of the bytes are audio and video.

The bench keeps that mix of sizes (every size drawn from the ranges above, seed fixed) but
takes about a quarter of the lessons, so one pass over a 2 Mbit/s link takes ~2.5 minutes.
The bytes are random (media does not compress).
"""

from __future__ import annotations

import math
import random
from pathlib import Path

KB = 1000
_SYLLABLES = ("yi", "shan", "liang", "jing", "man", "tian", "dou", "shi", "xiao", "xing", "hello", "hi")


def _log_uniform(rng: random.Random, lo: float, hi: float) -> int:
    return int(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def _head(lesson_id: str, subject: str, grade: int, edition: str, kind: str, unit: int, order: int,
          duration: float) -> list[str]:
    return [f'id = "{lesson_id}"', f'title = "课程 {lesson_id}"', f"grade = {grade}",
            f'subject = "{subject}"', f'edition = "{edition}"', 'volume = "上册"', f"unit = {unit}",
            'unit_title = "第一单元"', f"order = {order}", f'kind = "{kind}"', f"duration = {duration:.1f}"]


def write_term(src: Path, *, music: int = 6, art: int = 8, english: int = 4, seed: int = 11) -> None:
    """Lesson source folders for `eduteach-hub publish` (tests.helpers.lessons.TestRepo.src)."""
    rng = random.Random(seed)

    def put(folder: Path, name: str, size: int) -> str:
        (folder / name).write_bytes(rng.randbytes(size))
        return name

    def text(folder: Path, name: str, size: int) -> str:
        # Lyrics and subtitles must be UTF-8: timed lines of random pinyin-like syllables.
        lines, n = [], 0
        while n < size:
            line = f"[{n // 600:02d}:{n % 60:02d}.00]" + " ".join(rng.choice(_SYLLABLES) for _ in range(6))
            lines.append(line)
            n += len(line) + 1
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return name

    for i in range(music):
        lid, grade = f"music-{i:02d}", 1 + i % 3
        folder = src / lid
        folder.mkdir(parents=True)
        seconds = rng.uniform(50, 150)
        kbps = rng.choice((128, 160))
        song = int(seconds * kbps * 1000 / 8)
        lines = _head(lid, "music", grade, "人音版", "audio", 1 + i // 4, 1 + i % 4, seconds)
        lines += [f'media = ["{put(folder, "demo.m4a", song)}"]',
                  f'lyrics = "{text(folder, "song.lrc", _log_uniform(rng, 300, 1500))}"',
                  f'cover = "{put(folder, "cover.jpg", _log_uniform(rng, 30 * KB, 120 * KB))}"']
        (folder / "lesson.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        if rng.random() < 0.7:
            # The accompaniment as a lesson of its own: the publisher probes `tracks` with
            # ffprobe, which random bytes would not pass; the wire sees the same file.
            folder = src / f"{lid}-banzou"
            folder.mkdir(parents=True)
            lines = _head(f"{lid}-banzou", "music", grade, "人音版", "audio", 1 + i // 4, 5 + i % 4, seconds)
            lines += [f'media = ["{put(folder, "banzou.m4a", int(song * rng.uniform(0.95, 1.05)))}"]']
            (folder / "lesson.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i in range(art):
        lid, grade = f"art-{i:02d}", 1 + i % 3
        folder = src / lid
        folder.mkdir(parents=True)
        slides = [put(folder, f"step{n}.png", _log_uniform(rng, 60 * KB, 250 * KB))
                  for n in range(1, rng.randint(4, 8) + 1)]
        lines = _head(lid, "art", grade, "岭南版", "slides", 1 + i // 4, 1 + i % 4, 60.0)
        lines += ["media = [" + ", ".join(f'"{s}"' for s in slides) + "]",
                  f'cover = "{put(folder, "cover.jpg", _log_uniform(rng, 30 * KB, 120 * KB))}"']
        (folder / "lesson.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i in range(english):
        lid = f"english-{i:02d}"
        folder = src / lid
        folder.mkdir(parents=True)
        lines = _head(lid, "english", 3, "外研版", "video", 1 + i // 4, 1 + i % 4, rng.uniform(30, 120))
        lines += [f'media = ["{put(folder, "dialogue.mp4", _log_uniform(rng, 500 * KB, 4000 * KB))}"]',
                  f'subtitles = "{text(folder, "dialogue.srt", _log_uniform(rng, 1 * KB, 3 * KB))}"',
                  f'cover = "{put(folder, "cover.jpg", _log_uniform(rng, 30 * KB, 120 * KB))}"']
        (folder / "lesson.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
