"""A catalog from a later version still reaches this PC: file roles, track roles and keys it
does not know are left out, never a reason to refuse the whole catalog (docs/hub.md, "Old PCs
and new catalogs"). What changes what a lesson is (its kind, the format version) still is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eduteach_protocol.catalog import Catalog, CatalogError, Lesson, LessonFile
from tests.helpers.lessons import TestRepo, write_lesson
from tests.helpers.pcs import trusting_pc


def _raw(*lessons: Lesson) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Catalog(3, "2026-12-07T00:00:00Z", lessons).to_bytes())
    return data


def _lesson(lesson_id: str, order: int) -> Lesson:
    return Lesson(id=lesson_id, title="小星星", grade=1, subject="music", edition="人音版", volume="上册", unit=1,
                  order=order, kind="audio", duration=50.0, files=(LessonFile("media", "a.ogg", "a" * 64, 10),))


def test_unknown_roles_tracks_and_keys_are_left_out() -> None:
    raw = _raw(_lesson("song-a", 1), _lesson("song-b", 2))
    a, b = raw["lessons"]
    a["files"].append({"role": "worksheet", "name": "练习.pdf", "sha256": "c" * 64, "size": 5, "pages": 2})
    a["files"].append({"role": "media", "name": "k.ogg", "sha256": "d" * 64, "size": 5, "track": "karaoke"})
    a["difficulty"] = "easy"
    raw["future_field"] = {"x": 1}
    # A lesson whose only recording is of a later kind: left out, the rest still arrives.
    b["files"] = [{"role": "media", "name": "k.ogg", "sha256": "d" * 64, "size": 5, "track": "karaoke"}]
    catalog = Catalog.from_dict(raw)
    assert [ls.id for ls in catalog.lessons] == ["song-a"]
    (lesson,) = catalog.lessons
    assert [f.name for f in lesson.files] == ["a.ogg"] and lesson.blob_hashes() == {"a" * 64}
    stored = Catalog.from_stored(json.dumps(raw).encode())
    assert [ls.id for ls in stored.lessons] == ["song-a"] and stored.lessons[0].files == lesson.files


@pytest.mark.parametrize(("where", "value"), [("kind", "game"), ("format_version", 2)])
def test_what_changes_a_lesson_is_still_refused(where: str, value: object) -> None:
    raw = _raw(_lesson("song-a", 1))
    if where == "kind":
        raw["lessons"][0]["kind"] = value
    else:
        raw[where] = value
    with pytest.raises(CatalogError):
        Catalog.from_dict(raw)


def test_a_pc_syncs_a_catalog_with_a_role_it_does_not_know(tmp_path: Path) -> None:
    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "song-a")
    repo.publish()
    # The county's next version adds a file kind this PC does not know: re-sign the catalog
    # with it, as that version's publisher would.
    data = repo.writer.current_catalog_bytes()
    assert data is not None
    raw = json.loads(data)
    raw["version"] += 1
    raw["lessons"][0]["files"].append({"role": "worksheet", "name": "练习.pdf", "sha256": "e" * 64, "size": 9})
    repo.writer.publish_catalog(json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())
    with trusting_pc(tmp_path / "pc", repo) as pc:
        assert pc.sync([str(repo.repo)]).ok  # the worksheet's blob is not even in the repository
        lesson = pc.library.lesson("song-a")
        assert lesson is not None and pc.library.is_installed(lesson)
        assert {f.role for f in lesson.files} == {"media", "lyrics"}
        assert pc.library.active_version() == raw["version"]
