"""One file's work (probe, convert, measure, re-encode), run through the cache."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eduteach_protocol.cli_i18n import L_

from . import media, office
from .cache import WorkCache
from .media import MediaError, Tools
from .model import AUDIO_EXTS, IMAGE_EXTS, OFFICE_EXTS, PDF_EXTS, VIDEO_EXTS, ext_of
from .text import to_utf8


@dataclass(frozen=True)
class Job:
    """A file to prepare. recipe is what is done to it ('video+cover', 'audio', 'text' …)."""

    real: Path
    recipe: str


@dataclass(frozen=True)
class Done:
    folder: Path
    result: dict[str, Any]

    def file(self, role: str = "main") -> Path | None:
        name = self.result["files"].get(role)
        return self.folder / name if name else None


def recipe_for(path: Path, role: str, want_cover: bool) -> str:
    e = ext_of(path)
    if role in ("lyrics", "subtitles", "notes"):
        return "text"
    if e in VIDEO_EXTS:
        return "video+cover" if want_cover else "video"
    if e in AUDIO_EXTS:
        return "audio"
    if e in OFFICE_EXTS or e in PDF_EXTS:
        return "doc"
    if e in IMAGE_EXTS:
        return "image"
    return "unknown"


def needs_ffmpeg(recipe: str) -> bool:
    return recipe.startswith(("video", "audio", "image"))


class Processor:
    def __init__(self, cache: WorkCache, tools: Tools | None, soffice: str | None, threads: int):
        self.cache = cache
        self.tools = tools
        self.soffice = soffice
        self.threads = threads

    def run(self, job: Job) -> Done:
        sha = self.cache.source_hash(job.real)
        key = WorkCache.key(sha, job.recipe + "|" + ext_of(job.real))
        folder, result = self.cache.get_or_make(key, lambda work: self._make(job, work))
        return Done(folder, result)

    def _make(self, job: Job, work: Path) -> dict[str, Any]:
        src, recipe = job.real, job.recipe
        if recipe == "text":
            data = to_utf8(src.read_bytes())
            if data is None:
                raise MediaError(L_("is neither UTF-8 nor GBK/GB18030 text"))
            out = work / f"main.{ext_of(src)}"
            out.write_bytes(data)
            was_utf8 = data == src.read_bytes().replace(b"\r\n", b"\n").removeprefix(b"\xef\xbb\xbf")
            return {"files": {"main": out.name}, "action": "copied (UTF-8)" if was_utf8 else "converted GBK/GB18030 to UTF-8",
                    "duration": 0.0, "notes": []}
        if recipe == "doc":
            o = office.prepare_document(self.soffice, src, work, "main")
            return {"files": {"main": o.path.name}, "action": o.action, "duration": 0.0, "notes": o.notes}
        if self.tools is None:
            raise media.ToolMissing(f"ffmpeg/ffprobe not found: {media.FFMPEG_INSTALL}")
        if recipe.startswith("video"):
            o = media.prepare_video(self.tools, src, work, "main", recipe == "video+cover", self.threads)
        elif recipe == "audio":
            o = media.prepare_audio(self.tools, src, work, "main")
        elif recipe == "image":
            o = media.prepare_image(self.tools, src, work, "main")
        else:
            raise MediaError(L_("is not a file type a lesson can use"))
        files = {"main": o.path.name}
        if o.cover is not None:
            files["cover"] = o.cover.name
        return {"files": files, "action": o.action, "duration": o.duration, "notes": o.notes}
