"""docs/records.md stays true: every example statement there passes the one check (and the
hub's fast path takes it), there is one per kind the app emits, and the first example is
exactly what the code builds for a sung music play."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from eduteach_protocol import records as r
from eduteach_protocol import xapi
from eduteach_protocol.xapi.fast import well_formed

DOC = Path(__file__).resolve().parents[2] / "docs" / "records.md"


def _examples() -> list[dict[str, Any]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Examples, one per kind", 1)[1]
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)\n```", section, re.S)]


EXAMPLES = _examples()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["verb"]["id"].rsplit("/", 1)[-1])
def test_every_documented_example_is_valid(example: dict[str, Any]) -> None:
    xapi.check(example)
    assert well_formed(example)


def test_every_kind_is_documented_with_the_new_extensions() -> None:
    verbs = {e["verb"]["id"] for e in EXAMPLES}
    assert {r.VERB_TERMINATED, r.VERB_INITIALIZED, r.VERB_TAUGHT, r.VERB_VOIDED} <= verbs
    assert verbs & set(r.ATTENDANCE_VERBS.values())
    with_modes = [e for e in EXAMPLES if r.EXT_MODES in e["context"]["extensions"]]
    assert with_modes and all(r.EXT_TRACKS in e["context"]["extensions"] for e in with_modes)
    assert any(r.EXT_MODES not in e["context"]["extensions"] and e["verb"]["id"] == r.VERB_INITIALIZED
               for e in EXAMPLES), "a plain play is documented too"


def test_the_sung_play_example_is_what_the_app_builds() -> None:
    origin = r.Origin("dev-3f2a9c0d4b6e4e1f8a7b5c3d2e1f0a9b", "4301230001", "430123", "0.3.0", clock_offset=-2.4)
    lesson = r.LessonRef("music-g1-star", "小星星", "audio", 1, "music", "人音版", 52.0)
    ids = [(f"0190d4c5-9e2a-8000-8000-{n:012d}", n) for n in range(101, 104)]
    built = r.playback_events(origin, lesson, ids, "2026-09-01T01:00:00.000Z", "2026-09-01T01:02:10.000Z",
                              104.2, True, [(0, 52), (0, 52.2)], "6b1d3c2e-8f4a-4c1e-9d2b-7a6e5f4d3c2b",
                              modes=["sing-along"], tracks=["accompaniment", "demo"])
    assert EXAMPLES[0] == built[-1]


def test_the_privacy_rule_for_annotations_is_written_down() -> None:
    privacy = DOC.read_text(encoding="utf-8").split("## Privacy", 1)[1].split("\n## ", 1)[0]
    assert "Annotations" in privacy and "never uploaded" in privacy
