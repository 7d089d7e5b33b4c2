"""Build a lesson candidate from typed-in values, whether they came from a list row or a path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from eduteach_protocol import limits
from eduteach_protocol.catalog import TRACK_ROLES
from eduteach_protocol.cli_i18n import L_, joined

from . import columns
from .ids import lesson_id
from .model import ERROR, WARNING, Entry, Finding, classify
from .safety import windows_problem
from .tracks import pair_tracks


def entry_from_values(
    where: str, values: dict[str, str], files: list[Path], source_root: Path,
    extras: dict[str, Path] | None = None, row: str = "", editions: columns.EditionTable = columns.DEFAULT_EDITIONS,
) -> tuple[Entry | None, list[Finding]]:
    """Parse every field, classify the files; an Entry comes back only when nothing is wrong
    with the fields themselves (file problems are found later, per file)."""
    problems: list[str] = []

    def need(name: str, parse: Callable[[str], object], what: str) -> object:
        raw = values.get(name, "").strip()
        if not raw:
            problems.append(L_("{what} is missing", what=what))
            return None
        got = parse(raw)
        if got is None:
            problems.append(L_("{what} {raw!r} is not known", what=what, raw=raw))
        return got

    grade = need("grade", columns.parse_grade, L_("grade (年级)"))
    subject = need("subject", columns.parse_subject, L_("subject (学科)"))
    edition = need("edition", editions.parse, L_("edition (版本)"))
    volume = need("volume", columns.parse_volume, L_("volume (册)"))
    unit = need("unit", lambda v: columns.parse_positive(v, unit=True), L_("unit (单元)"))
    order = need("order", lambda v: columns.parse_positive(v, unit=False), L_("lesson number (课序)"))
    # A line break typed into a cell (Alt+Enter) or doubled spaces are not part of a title.
    title = " ".join(values.get("title", "").split())
    if not title:
        problems.append(L_("title (课题) is missing"))
    unit_title = " ".join(values.get("unit_title", "").split())
    summary = values.get("summary", "").strip().replace("\r\n", "\n")
    # The catalog limits every school PC enforces (eduteach_protocol.limits): said here, by
    # row, rather than by publish later.
    for what, text, cap, multiline in (
        (L_("title (课题)"), title, limits.MAX_TITLE_CHARS, False),
        (L_("unit title (单元名称)"), unit_title, limits.MAX_UNIT_TITLE_CHARS, False),
        (L_("summary (简介)"), summary, limits.MAX_SUMMARY_CHARS, True),
    ):
        bad = limits.text_problem(text, cap, multiline)
        if bad:
            problems.append(L_("{what} {problem}", what=what, problem=bad))
    if isinstance(unit, int) and unit > limits.MAX_UNIT:
        problems.append(L_("unit (单元) {unit} is more than {limit}", unit=unit, limit=limits.MAX_UNIT))
    if isinstance(order, int) and order > limits.MAX_ORDER:
        problems.append(L_("lesson number (课序) {order} is more than {limit}", order=order, limit=limits.MAX_ORDER))
    if problems:
        return None, [Finding(ERROR, where, joined("; ", problems), title=title)]
    assert isinstance(grade, int) and isinstance(unit, int) and isinstance(order, int)
    assert isinstance(subject, str) and isinstance(edition, str) and isinstance(volume, str)
    entry = Entry(
        where=where, grade=grade, subject=subject, edition=edition, volume=volume, unit=unit,
        order=order, title=title, unit_title=unit_title, summary=summary, row=row,
    )
    entry.lesson_id = lesson_id(subject, grade, editions.slug(edition), volume, unit, order)
    findings: list[Finding] = []
    for f in files:
        rel = _rel(f, source_root)
        bad = windows_problem(rel)
        if bad:
            findings.append(Finding(ERROR, entry.file_where(str(rel)), bad, entry.lesson_id, title))
    kind, media, found, notes = classify(files)
    for key, path in (extras or {}).items():
        found[key] = path
    entry.kind, entry.media = kind, media
    entry.lyrics, entry.subtitles, entry.cover = found.get("lyrics"), found.get("subtitles"), found.get("cover")
    entry.notes = found.get("notes")
    entry.notes_text = values.get("notes", "").strip().replace("\r\n", "\n")
    accompaniment = found.get("accompaniment")
    if accompaniment is not None and kind in ("audio", "video") and accompaniment not in media:
        # The list's 伴奏 column: the 文件 column's recording is then the 范唱.
        entry.media = media = [*media, accompaniment]
        entry.track_roles = ["demo", "accompaniment"] if len(media) == 2 else []
    elif kind in ("audio", "video"):
        entry.track_roles = pair_tracks(media) or []
        if entry.track_roles:
            # 范唱 first: the player opens a lesson on its first recording.
            ordered = sorted(zip(entry.track_roles, media, strict=True), key=lambda rm: TRACK_ROLES.index(rm[0]))
            entry.track_roles, entry.media = [r for r, _ in ordered], [m for _, m in ordered]
    for note in notes:
        findings.append(Finding(WARNING, where, note, entry.lesson_id, title))
    if not kind:
        findings.append(Finding(ERROR, where, L_("a lesson with no video, audio, document or pictures"), entry.lesson_id, title))
    elif kind != "slides" and len(media) > 1 and not entry.track_roles:
        names = ", ".join(m.name for m in media)
        findings.append(Finding(ERROR, where, L_("one lesson has one {kind} file, found {n} ({names})", kind=kind, n=len(media), names=names), entry.lesson_id, title))
    typed = values.get("kind", "").strip()
    if typed and kind and columns.parse_kind(typed) not in (None, kind) and not (kind == "pdf" and columns.parse_kind(typed) == "slides"):
        findings.append(Finding(WARNING, where, L_("type (类型) says {typed!r} but the files make a {kind} lesson", typed=typed, kind=kind), entry.lesson_id, title))
    return entry, findings


def _rel(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return Path(path.name)
