"""`eduteach-hub import`: a county's folder tree (and resource list) → lesson sources.

Steps: read the list or the tree → check every file against the source-folder rules →
refuse duplicate lessons → prepare media in parallel through the cache → unless there are
errors (or --skip-bad), write the lesson folders atomically. The findings come back in an
ImportResult; cli.py prints them, writes the report and publishes.
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from eduteach_hub.publish.alignment import TRACK_TOLERANCE
from eduteach_protocol import limits
from eduteach_protocol.cli_i18n import L_, joined

from . import durable
from .cache import WorkCache
from .columns import DEFAULT_EDITIONS, EditionTable
from .media import MediaError, ToolMissing, Tools
from .model import ERROR, OK, WARNING, Entry, Finding, ext_of
from .office import find_soffice
from .process import Done, Job, Processor, needs_ffmpeg, recipe_for
from .safety import MAX_COVER_BYTES, MAX_MEDIA_BYTES, MAX_TEXT_BYTES, UnsafeFile, check_file
from .spreadsheet import ListError, read_list
from .tomlout import MARK, lesson_toml
from .tree import read_tree
from .writer import LessonWriter, OutFile, SourceChanged

CACHE_DIR = ".eduteach-import-cache"
log = logging.getLogger("eduteach_hub.importer")


class ImportFailed(Exception):
    """Stops the import before anything is written; one line for the technician."""


@dataclass
class ImportResult:
    findings: list[Finding]
    lessons_ok: int
    written: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    wrote: bool = False
    files_processed: int = 0
    cache_hits: int = 0
    cache_misses: int = 0
    bytes_hashed: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.status == ERROR)


@dataclass
class _Planned:
    entry: Entry
    jobs: dict[str, list[Job]]  # role -> jobs ("media" may hold several slides)


def run_import(
    source: Path, out: Path, catalog: Path | None, skip_bad: bool, jobs: int,
    progress: Callable[[int, int], None] | None = None, editions: EditionTable = DEFAULT_EDITIONS,
) -> ImportResult:
    if not source.is_dir():
        raise ImportFailed(L_("{path} is not a folder", path=source))
    source = source.resolve()
    out.mkdir(parents=True, exist_ok=True)
    out = out.resolve()
    if out == source or out.is_relative_to(source):
        raise ImportFailed(L_("SOURCES_DIR must not be inside SOURCE (the import would read its own output)"))
    (out / CACHE_DIR).mkdir(exist_ok=True)
    try:
        lock = durable.ExclusiveLock(out / CACHE_DIR / "lock")
    except durable.Busy:
        raise ImportFailed(L_("another import is writing to {path}; wait for it to finish", path=out)) from None
    try:
        return _run_locked(source, out, catalog, skip_bad, jobs, progress, editions)
    finally:
        lock.release()


def _run_locked(
    source: Path, out: Path, catalog: Path | None, skip_bad: bool, jobs: int,
    progress: Callable[[int, int], None] | None, editions: EditionTable,
) -> ImportResult:
    cache = WorkCache(out / CACHE_DIR)
    writer = LessonWriter(out, cache.staging)
    writer.recover()

    try:
        entries, findings = read_list(catalog, source, editions) if catalog else read_tree(source, editions)
    except ListError as exc:
        raise ImportFailed(str(exc)) from None

    bad_ids: set[str] = set()
    for f in findings:
        if f.status == ERROR and f.lesson_id:
            bad_ids.add(f.lesson_id)

    # Two rows or folders claiming one lesson: neither is trusted.
    by_id: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_id[e.lesson_id].append(e)
    for lid, group in by_id.items():
        if len(group) > 1:
            bad_ids.add(lid)
            for e in group:
                others = ", ".join(o.where for o in group if o is not e)
                findings.append(Finding(ERROR, e.where, L_("the same lesson (grade, subject, edition, volume, unit, number) as {others}", others=others), lid, e.title))

    planned: list[_Planned] = []
    for e in entries:
        if e.lesson_id in bad_ids:
            continue
        plan = _plan(e, source, findings)
        if plan is None:
            bad_ids.add(e.lesson_id)
        else:
            planned.append(plan)

    all_jobs = {j for p in planned for js in p.jobs.values() for j in js}
    tools = soffice = None
    if any(needs_ffmpeg(j.recipe) for j in all_jobs):
        try:
            tools = Tools.find()
        except ToolMissing as exc:
            raise ImportFailed(str(exc)) from None
    if any(j.recipe == "doc" and ext_of(j.real) != "pdf" for j in all_jobs):
        try:
            soffice = find_soffice()
        except ToolMissing as exc:
            raise ImportFailed(str(exc)) from None

    jobs = max(1, jobs)
    threads = max(1, (os.cpu_count() or 1) // jobs)
    processor = Processor(cache, tools, soffice, threads)
    done: dict[Job, Done | str] = {}
    ordered = sorted(all_jobs, key=lambda j: str(j.real))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(processor.run, j): j for j in ordered}
        for n, fut in enumerate(as_completed(futures), 1):
            job = futures[fut]
            try:
                value: Done | str = fut.result()
            except MediaError as exc:
                value = str(exc)
            except ToolMissing as exc:
                raise ImportFailed(str(exc)) from None
            except OSError as exc:
                value = f"cannot be read ({exc.strerror})"
            except subprocess.TimeoutExpired:
                value = "took FFmpeg/LibreOffice more than the time limit (damaged or endless?)"
            except Exception as exc:  # noqa: BLE001 - one odd file must not stop 3,000 others
                log.info("preparing %s failed", job.real, exc_info=True)  # for a developer, not on screen
                value = f"could not be prepared (unexpected {type(exc).__name__}); please report this file"
            done[job] = value
            if progress:
                progress(n, len(ordered))
    cache.save_index()

    ready: list[tuple[Entry, str, list[OutFile]]] = []
    for plan in planned:
        built = _assemble(plan, done, source, findings)
        if built is None:
            bad_ids.add(plan.entry.lesson_id)
        else:
            ready.append((plan.entry, *built))

    for entry, _, _ in list(ready):
        if writer.is_foreign(entry.lesson_id, MARK):
            findings.append(Finding(ERROR, entry.where, L_("{path} already holds a lesson not written by the importer; move it away or give this row another number", path=out / entry.lesson_id), entry.lesson_id, entry.title))
            bad_ids.add(entry.lesson_id)
    ready = [r for r in ready if r[0].lesson_id not in bad_ids]
    result = ImportResult(findings=findings, lessons_ok=len(ready), files_processed=len(ordered),
                          cache_hits=cache.hits, cache_misses=cache.misses, bytes_hashed=cache.bytes_hashed)
    if result.errors and not skip_bad:
        return result
    produced = {e.lesson_id for e, _, _ in ready}
    try:
        for entry, toml_text, files in ready:
            try:
                writer.write(entry.lesson_id, toml_text, files)
            except SourceChanged as exc:
                cache.forget(exc.source)
                findings.append(Finding(ERROR, entry.where, L_("{name}: the prepared file changed on disk before it was written (damaged work cache?); import again", name=exc.name), entry.lesson_id, entry.title))
                bad_ids.add(entry.lesson_id)
                produced.discard(entry.lesson_id)
        # Lessons this importer wrote before and that no row or folder names any more; a
        # lesson whose row has an error now keeps its previous version. A row so broken that
        # its lesson cannot be told (a typo in the subject …) might be one of them: then
        # nothing is withdrawn this time.
        gone = sorted(writer.previous_ids() - produced - bad_ids)
        unknown = any(f.status == ERROR and not f.lesson_id for f in findings)
        if gone and unknown:
            findings.append(Finding(WARNING, str(out), L_("{n} lessons imported before are not in this import; they are kept until the rows with errors are fixed", n=len(gone))))
        else:
            for lid in gone:
                writer.remove(lid)
    finally:
        writer.save()
    result.wrote = True
    result.written, result.unchanged, result.removed = writer.written, writer.unchanged, writer.removed
    return result


def _plan(e: Entry, source: Path, findings: list[Finding]) -> _Planned | None:
    jobs: dict[str, list[Job]] = defaultdict(list)
    ok = True
    roles: list[tuple[str, Path]] = [("media", m) for m in e.media]
    roles += [(r, p) for r, p in (("lyrics", e.lyrics), ("subtitles", e.subtitles), ("cover", e.cover),
                                  ("notes", e.notes)) if p is not None]
    for role, path in roles:
        cap = {"lyrics": MAX_TEXT_BYTES, "subtitles": MAX_TEXT_BYTES, "notes": MAX_TEXT_BYTES,
               "cover": MAX_COVER_BYTES}.get(role, MAX_MEDIA_BYTES)
        try:
            real = check_file(source, path, cap)
        except UnsafeFile as exc:
            findings.append(Finding(ERROR, e.file_where(_rel(path, source)), str(exc), e.lesson_id, e.title))
            ok = False
            continue
        recipe = recipe_for(path, role, want_cover=(e.kind == "video" and e.cover is None))
        if role == "cover" and recipe != "image":
            findings.append(Finding(ERROR, e.file_where(_rel(path, source)), L_("a cover must be a picture (PNG, JPG)"), e.lesson_id, e.title))
            ok = False
            continue
        jobs[role].append(Job(real, recipe))
    return _Planned(e, jobs) if ok else None


def _assemble(plan: _Planned, done: dict[Job, Done | str], source: Path, findings: list[Finding]) -> tuple[str, list[OutFile]] | None:
    e = plan.entry
    files: list[OutFile] = []
    names: set[str] = set()
    actions: list[str] = []
    fields: dict[str, object] = {
        "id": e.lesson_id, "title": e.title, "grade": e.grade, "subject": e.subject, "edition": e.edition,
        "volume": e.volume, "unit": e.unit, "unit_title": e.unit_title, "order": e.order, "kind": e.kind,
        "summary": e.summary,
    }
    failed = False
    media_names: list[str] = []
    lengths: list[float] = []
    originals: list[str] = []  # the county's file names, to say which recording is wrong
    duration = 0.0
    cover_from_video: Path | None = None
    cover_done: Done | None = None
    for role in ("media", "lyrics", "subtitles", "cover", "notes"):
        for job in plan.jobs.get(role, []):
            d = done[job]
            if isinstance(d, str):
                findings.append(Finding(ERROR, e.file_where(_rel(_source_of(job, e), source)), d, e.lesson_id, e.title))
                failed = True
                continue
            main = d.file()
            assert main is not None
            orig = _source_of(job, e)
            if main.stat().st_size > limits.MAX_FILE_BYTES:
                findings.append(Finding(ERROR, e.file_where(_rel(orig, source)), L_("is {gib:.1f} GiB once prepared; a lesson file can be at most 4 GiB (split the video)", gib=main.stat().st_size / 1024**3), e.lesson_id, e.title))
                failed = True
                continue
            stem = {"cover": "cover", "notes": "教学建议"}.get(role, orig.stem)
            name = _unique(stem + (orig.suffix.lower() if role == "notes" else main.suffix), names)
            files.append(OutFile(name, main, _sha(main, d)))
            actions.append(L_("{name}: {action}", name=orig.name, action=d.result["action"]))
            for note in d.result.get("notes", []):
                findings.append(Finding(WARNING, e.file_where(_rel(orig, source)), note, e.lesson_id, e.title))
            if role == "media":
                media_names.append(name)
                lengths.append(float(d.result.get("duration", 0.0)))
                originals.append(orig.name)
                duration = max(duration, lengths[-1])
                if d.file("cover") is not None:
                    cover_from_video, cover_done = d.file("cover"), d
            elif role == "notes":
                fields["notes_file"] = name
            else:
                fields[role] = name
    if failed:
        return None
    if e.track_roles and max(lengths) - min(lengths) > TRACK_TOLERANCE:
        said = ", ".join(f"{m} {s:.1f} s" for m, s in zip(originals, lengths, strict=True))
        findings.append(Finding(ERROR, e.where, L_("the recordings of one song differ in length ({said}); is one of them the wrong file?", said=said), e.lesson_id, e.title))
        return None
    if e.kind in ("video", "audio") and duration <= 0:
        findings.append(Finding(ERROR, e.where, L_("its media has no length (0 seconds)"), e.lesson_id, e.title))
        return None
    if "cover" not in fields and cover_from_video is not None:
        name = _unique("cover.jpg", names)
        files.append(OutFile(name, cover_from_video, _sha(cover_from_video, cover_done, "cover")))
        fields["cover"] = name
        actions.append(L_("cover taken from the video"))
    if e.track_roles:
        fields["tracks"] = [{"file": n, "role": r} for n, r in zip(media_names, e.track_roles, strict=True)]
        actions.append(L_("tracks: {tracks}", tracks=", ".join(
            f"{n} ({r})" for n, r in zip(media_names, e.track_roles, strict=True))))
    else:
        fields["media"] = media_names
    if e.notes_text and "notes_file" not in fields:
        fields["notes"] = e.notes_text
    fields["duration"] = round(duration, 2) if e.kind in ("video", "audio") else 0
    findings.append(Finding(OK, e.where, joined("; ", actions), e.lesson_id, e.title))
    return lesson_toml(fields), files


def _source_of(job: Job, e: Entry) -> Path:
    for p in e.all_files():
        if p.resolve() == job.real or p == job.real:
            return p
    return job.real


def _sha(path: Path, done: Done | None, role: str = "main") -> str:
    if done is not None:
        return str(done.result["sha256"][role])
    from .cache import sha256_file

    return sha256_file(path)[0]


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    stem = stem[:100]  # publish takes names of at most 120 characters
    candidate, n = name, 2
    while candidate.lower() in taken:
        candidate = f"{stem}-{n}{dot}{ext}"
        n += 1
    taken.add(candidate.lower())
    return candidate


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
