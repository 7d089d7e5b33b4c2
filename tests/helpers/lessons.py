"""Build lesson sources and signed repositories for tests, without ffmpeg."""

from __future__ import annotations

import os
from pathlib import Path

from eduteach_hub.publish.publisher import publish
from eduteach_hub.publish.tuf_repo import Expiry, RepositoryWriter, generate_keys


def write_lesson(
    root: Path,
    lesson_id: str,
    *,
    subject: str = "music",
    grade: int = 1,
    edition: str = "人音版",
    kind: str = "audio",
    media_bytes: bytes | None = None,
    media_name: str | None = None,
    unit: int = 1,
    order: int = 1,
    title: str | None = None,
    lyrics: str | None = "[00:00.00]一闪一闪亮晶晶\n[00:02.00]满天都是小星星\n",
    extra: str = "",
    duration: float = 4.0,
) -> Path:
    folder = root / lesson_id
    folder.mkdir(parents=True, exist_ok=True)
    ext = {"audio": "ogg", "video": "mp4", "slides": "png", "pdf": "pdf"}[kind]
    media_name = media_name or f"main.{ext}"
    data = media_bytes if media_bytes is not None else os.urandom(3000) + lesson_id.encode()
    (folder / media_name).write_bytes(data)
    lines = [
        f'id = "{lesson_id}"',
        f'title = "{title or "课程 " + lesson_id}"',
        f"grade = {grade}",
        f'subject = "{subject}"',
        f'edition = "{edition}"',
        'volume = "上册"',
        f"unit = {unit}",
        'unit_title = "测试单元"',
        f"order = {order}",
        f'kind = "{kind}"',
        f"duration = {duration}",
        f'media = ["{media_name}"]',
    ]
    if lyrics is not None and kind == "audio":
        (folder / "song.lrc").write_text(lyrics, encoding="utf-8")
        lines.append('lyrics = "song.lrc"')
    (folder / "lesson.toml").write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return folder


class TestRepo:
    """A hub-side repository: keys, signed metadata, and a lesson source folder."""

    __test__ = False  # not a pytest test class

    def __init__(self, base: Path, expiry: Expiry | None = None):
        self.base = base
        self.src = base / "src"
        self.keys = base / "keys"
        self.repo = base / "repo"
        self.src.mkdir(parents=True, exist_ok=True)
        generate_keys(self.keys)
        self.writer = RepositoryWriter(self.repo, self.keys, expiry)
        self.writer.bootstrap()

    def publish(self):  # noqa: ANN201 - PublishResult
        return publish(self.src, self.writer)

    def root(self) -> bytes:
        return self.writer.root_bytes()


def pseudo_random(seed: bytes, size: int) -> bytes:
    """Deterministic bytes without repeating patterns (content-defined chunking needs some)."""
    import hashlib

    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(seed + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(out[:size])


def chunks_of(repo_dir: Path, f):  # noqa: ANN001, ANN201 - LessonFile -> list[Chunk]
    from eduteach_protocol.chunks import parse_index, single_chunk
    from eduteach_protocol.repo_layout import blob_relpath

    if f.index is None:
        return single_chunk(f.sha256, f.size)
    return parse_index((repo_dir / blob_relpath(f.index)).read_bytes(), f.size)
