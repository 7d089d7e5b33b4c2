"""Lessons a county officer should look at, found from the catalog alone (no media read):
the content page lists them for the latest publish."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from eduteach_protocol.catalog import Catalog, Lesson

# Old school PCs (2–4 GB RAM, no hardware decoding of big streams) stutter above these.
MAX_VIDEO_BITS_PER_SECOND = 8_000_000
MAX_AUDIO_BITS_PER_SECOND = 512_000


@dataclass(frozen=True)
class Problem:
    lesson_id: str
    title: str
    grade: int
    subject: str
    edition: str
    problem: str  # one sentence in Chinese, for the dashboard

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _lesson_problems(lesson: Lesson) -> list[str]:
    out = []
    timed = lesson.kind in ("video", "audio")
    if timed and lesson.duration <= 0:
        out.append("时长为 0：请检查媒体文件")
    for f in lesson.files:
        if f.size == 0:
            out.append(f"文件 {f.name} 是空的（0 字节）")
    media = lesson.first_file("media")
    if timed and media is not None and lesson.duration > 0:
        rate = media.size * 8 / lesson.duration
        limit = MAX_VIDEO_BITS_PER_SECOND if lesson.kind == "video" else MAX_AUDIO_BITS_PER_SECOND
        if rate > limit:
            out.append(f"码率 {rate / 1e6:.1f} Mbit/s 过高，旧电脑可能卡顿：请转码")
    return out


def catalog_problems(catalog: Catalog) -> list[Problem]:
    return [
        Problem(ls.id, ls.title, ls.grade, ls.subject, ls.edition, text)
        for ls in catalog.lessons
        for text in _lesson_problems(ls)
    ]
