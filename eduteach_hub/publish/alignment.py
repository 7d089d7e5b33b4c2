"""The tracks of one lesson (范唱 and 伴奏 …) must be the same length: the player switches
between them at the same position, and one lyrics file is timed for all of them.

Encoders pad or trim the ends of a recording by a few hundred milliseconds (an MP3 frame
is 26 ms, AAC priming 21 ms, a trimmed silence more), so a small difference is normal.
Seconds apart means another take or another arrangement was paired by mistake: every
school would then sing along to an accompaniment that drifts off the lyrics. That is
refused here, at the county, where the file can still be fixed, rather than warned about
and shipped to every classroom.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from eduteach_hub.importer.media import MediaError, ToolMissing, Tools, probe
from eduteach_protocol.cli_i18n import L_

from .sources import LessonSource, SourceError

# Seconds two tracks of one lesson may differ by (see above).
TRACK_TOLERANCE = 1.0

Prober = Callable[[Path], float]


def ffprobe_duration() -> Prober:
    """Seconds of a media file, by the system's ffprobe (the importer's probe)."""
    tools = Tools.find()
    return lambda path: probe(tools, path).duration


def alignment_errors(sources: list[LessonSource], prober: Prober | None = None,
                     known: Callable[[Path], float | None] = lambda path: None,
                     remember: Callable[[Path, float], None] = lambda path, seconds: None) -> list[SourceError]:
    """One error per lesson whose tracks cannot be read or differ by more than the tolerance.
    known/remember: lengths found before (by content hash, in the publish cache), so an
    unchanged library is not probed again."""
    multi = [src for src in sources if len(src.tracks()) > 1]
    if not multi:
        return []
    if prober is None and any(known(sf.path) is None for src in multi for sf in src.tracks()):
        try:
            prober = ffprobe_duration()
        except ToolMissing as exc:
            return [SourceError(multi[0].toml_path, "tracks", L_("the tracks' lengths cannot be checked: {problem}", problem=exc))]
    errors = []

    def seconds(path: Path) -> float:
        found = known(path)
        if found is None:
            assert prober is not None
            found = prober(path)
            remember(path, found)
        return found

    for src in multi:
        lengths: list[tuple[str, float]] = []
        for sf in src.tracks():
            try:
                lengths.append((sf.name, seconds(sf.path)))
            except MediaError as exc:
                errors.append(SourceError(src.toml_path, "tracks", L_("{name!r} {problem}", name=sf.name, problem=exc)))
                break
        else:
            shortest, longest = min(lengths, key=lambda x: x[1]), max(lengths, key=lambda x: x[1])
            if longest[1] - shortest[1] > TRACK_TOLERANCE:
                errors.append(SourceError(src.toml_path, "tracks", L_(
                    "{id}: {long!r} is {long_s:.1f} s but {short!r} is {short_s:.1f} s; the tracks of one lesson "
                    "must be the same recording's length (within {tolerance:g} s): is one of them the wrong file?",
                    id=src.id, long=longest[0], long_s=longest[1], short=shortest[0], short_s=shortest[1],
                    tolerance=TRACK_TOLERANCE)))
    return errors
