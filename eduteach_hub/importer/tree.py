"""Read lessons from a folder tree whose path carries the fields, with no list:

    一年级/音乐/人音版/上册/第1单元 快乐的一天/03 小星星.mp4          (files beside each other,
    一年级/音乐/人音版/上册/第1单元 快乐的一天/03 歌词.lrc             grouped by lesson number)
    一年级/美术/人美版/上册/第2单元 画画/01 太阳/1.jpg 2.jpg 3.jpg   (a lesson folder)
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from eduteach_protocol.cli_i18n import L_

from . import columns
from .entries import entry_from_values
from .model import (
    AUDIO_EXTS,
    ERROR,
    OFFICE_EXTS,
    PDF_EXTS,
    VIDEO_EXTS,
    WARNING,
    Entry,
    Finding,
    ext_of,
)
from .tracks import pair_tracks, strip_marker

IGNORED = {"thumbs.db", "desktop.ini", ".ds_store"}
LAYOUT = L_("年级/学科/版本/册/单元/课 (e.g. 一年级/音乐/人音版/上册/第1单元 快乐的一天/03 小星星.mp4)")


def walk_files(root: Path) -> tuple[list[Path], list[Finding]]:
    """Every file under root without following folder links; linked folders are reported."""
    files: list[Path] = []
    findings: list[Finding] = []
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for d in list(dirnames):
            p = here / d
            if d.startswith("."):
                dirnames.remove(d)
            elif p.is_symlink():
                rel = str(p.relative_to(root))
                if not p.resolve().is_relative_to(real_root):
                    findings.append(Finding(ERROR, rel, L_("is a link leading out of the source folder; copy the files in instead")))
                else:
                    findings.append(Finding(WARNING, rel, L_("is a linked folder; links are not followed, so its files were not imported (copy them in)")))
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith(".") or name.lower() in IGNORED:
                continue
            files.append(here / name)
    return files, findings


def read_tree(root: Path, editions: columns.EditionTable = columns.DEFAULT_EDITIONS) -> tuple[list[Entry], list[Finding]]:
    files, findings = walk_files(root)
    groups: dict[tuple[str, ...], list[Path]] = defaultdict(list)
    for f in files:
        parts = f.relative_to(root).parts
        if len(parts) == 6:
            # Files beside each other belong together by their lesson number, so
            # "03 小星星.mp3" and "03 歌词.lrc" make one lesson (and two songs numbered 03
            # are reported as one lesson with two songs).
            numbered = columns.split_numbered(f.stem, unit=False)
            groups[(*parts[:5], f"#{numbered[0]}" if numbered else f.stem)].append(f)
        elif len(parts) == 7:  # a lesson folder
            groups[parts[:6]].append(f)
        else:
            findings.append(Finding(ERROR, "/".join(parts), L_("is not where a lesson file goes: {layout}", layout=LAYOUT)))
    entries: list[Entry] = []
    for key, group in sorted(groups.items()):
        grade, subject, edition, volume, unit_dir, lesson_key = key
        in_folder = len(group[0].relative_to(root).parts) == 7
        primary = _primary(group)
        lesson_name = lesson_key if in_folder else primary.stem
        recordings = [p for p in group if ext_of(p) in VIDEO_EXTS | AUDIO_EXTS]
        if not in_folder and pair_tracks(recordings):
            lesson_name = strip_marker(lesson_name)  # "03 小星星（伴奏）" is the lesson 03 小星星
        shown = lesson_key if in_folder else (primary.name if len(group) == 1 else f"{primary.stem}.*")
        where = "/".join((*key[:5], shown))
        unit = columns.split_numbered(unit_dir, unit=True)
        lesson = columns.split_numbered(lesson_name, unit=False)
        values = {
            "grade": grade, "subject": subject, "edition": edition, "volume": volume,
            "unit": unit_dir if unit else "", "unit_title": unit[1] if unit else "",
            "order": lesson_name if lesson else "", "title": (lesson[1] if lesson else "") or lesson_name,
        }
        if not unit:
            findings.append(Finding(ERROR, where, L_("unit folder {unit_dir!r} does not start with a number (第1单元 …)", unit_dir=unit_dir)))
            continue
        if not lesson:
            findings.append(Finding(ERROR, where, L_("{lesson_name!r} does not start with the lesson number (03 小星星 …)", lesson_name=lesson_name)))
            continue
        entry, found = entry_from_values(where, values, group, root, editions=editions)
        findings += found
        if entry is not None:
            entries.append(entry)
    return entries, findings


def _primary(group: list[Path]) -> Path:
    """The file whose name gives the lesson its title: the video, song or document."""
    rank = {**dict.fromkeys(VIDEO_EXTS, 0), **dict.fromkeys(AUDIO_EXTS, 1), **dict.fromkeys(OFFICE_EXTS | PDF_EXTS, 2)}
    return min(group, key=lambda p: (rank.get(ext_of(p), 3), p.name))
