"""Schema limits of the catalog and the chunk index (eduteach_protocol.limits): each hostile
shape is refused with a CatalogError/IndexError_ naming what is wrong, never a traceback."""

from __future__ import annotations

import json
import tracemalloc
from typing import Any

import pytest

from eduteach_protocol import limits
from eduteach_protocol.catalog import Catalog, CatalogError
from eduteach_protocol.chunks import (
    ENTRY_SIZE,
    MAX_CHUNK,
    MIN_CHUNK,
    IndexError_,
    build_index,
    max_index_bytes,
    parse_index,
)
from eduteach_protocol.repo_layout import blob_relpath, catalog_relpath

SHA = "ab" * 32


def lesson(**over: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": "song-a", "title": "小星星", "grade": 1, "subject": "music", "edition": "人音版",
        "volume": "上册", "unit": 1, "order": 1, "kind": "audio", "duration": 60.0,
        "unit_title": "第一单元", "summary": "", "captions": [],
        "files": [{"role": "media", "name": "main.ogg", "sha256": SHA, "size": 3000, "index": None}],
    }
    raw.update(over)
    return raw


def catalog(*lessons: dict[str, Any], **over: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "format": "eduteach-catalog", "format_version": 1, "version": 1,
        "published": "2026-12-01T00:00:00Z", "max_chunk_size": MAX_CHUNK,
        "lessons": list(lessons) or [lesson()],
    }
    raw.update(over)
    return raw


def encode(raw: dict[str, Any]) -> bytes:
    return json.dumps(raw, ensure_ascii=False).encode("utf-8")


def refused(data: bytes) -> str:
    with pytest.raises(CatalogError) as info:
        Catalog.from_bytes(data)
    return str(info.value)


def test_a_sane_catalog_passes_and_round_trips():
    cat = Catalog.from_bytes(encode(catalog()))
    assert Catalog.from_bytes(cat.to_bytes()) == cat
    cat.check_limits()


def test_nesting_100000_deep_is_a_catalog_error_not_a_recursion_error():
    deep = b'{"format":"eduteach-catalog","x":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert "nests 100001 levels" in refused(deep)


def test_brackets_inside_strings_do_not_count_as_nesting():
    raw = catalog(lesson(title="[[[[{{{{" * 20 + '"\\"[[['))
    assert Catalog.from_bytes(encode(raw)).lessons[0].title.startswith("[[[[")
    assert limits.json_depth(encode(raw)) == 5


@pytest.mark.parametrize(
    "title, expected",
    [
        ("课\x1b[31m程", "U+001B"),  # ANSI escape: recolours a terminal
        ("abc\u202egpj.exe", "U+202E"),  # right-to-left override
        ("a\u2067b", "U+2067"),  # bidi isolate
        ("\ufeff标题", "U+FEFF"),
        ("行\n二", "U+000A"),
        ("x\x85y", "U+0085"),  # C1 next line
        ("\ud800", "U+D800"),  # a lone surrogate json.loads lets through
        ("长" * 201, "201 characters long (at most 200)"),
    ],
)
def test_titles_with_control_bidi_or_too_many_characters_are_refused(title: str, expected: str):
    message = refused(encode(catalog(lesson(title=title))) if title != "\ud800"
                      else encode(catalog(lesson(title="X"))).replace(b'"X"', b'"\\ud800"'))
    assert expected in message and "title" in message


def test_a_10_mb_title_is_refused_by_length():
    assert "at most 200" in refused(encode(catalog(lesson(title="长" * 10_000_000))))


@pytest.mark.parametrize(
    "field, value",
    [("edition", "版" * 65), ("unit_title", "单" * 201), ("summary", "x" * 2001),
     ("captions", ["c" * 501]), ("edition", "人\u202e版"), ("unit_title", "a\tb"), ("summary", "a\x00b")],
)
def test_other_strings_have_lengths_and_characters(field: str, value: Any):
    assert field in refused(encode(catalog(lesson(**{field: value}))))


def test_a_summary_may_break_lines():
    assert Catalog.from_bytes(encode(catalog(lesson(summary="第一行\n第二行")))).lessons[0].summary == "第一行\n第二行"


@pytest.mark.parametrize(
    "name", ["a/b.ogg", "..", "x" * 121 + ".ogg", "evil\u202egpj.ogg", "a\x1bb.ogg"],
)
def test_file_names_are_plain(name: str):
    files = [{"role": "media", "name": name, "sha256": SHA, "size": 1, "index": None}]
    assert "name" in refused(encode(catalog(lesson(files=files))))


@pytest.mark.parametrize("sha", ["../../../etc/passwd" + "0" * 45, "AB" * 32, "ab" * 31, "ab" * 32 + "\n", 12])
def test_hashes_are_64_lowercase_hex_digits(sha: Any):
    files = [{"role": "media", "name": "m.ogg", "sha256": sha, "size": 1, "index": None}]
    assert "sha256" in refused(encode(catalog(lesson(files=files))))
    files = [{"role": "media", "name": "m.ogg", "sha256": SHA, "size": 5 * 1024 * 1024, "index": sha}]
    assert "index" in refused(encode(catalog(lesson(files=files))))


def test_a_hash_never_becomes_a_path_unless_it_is_hex():
    assert blob_relpath(SHA) == f"blobs/ab/{SHA}"
    for bad in ("../../x", "ab" * 31 + "/.", "AB" * 32):
        with pytest.raises(ValueError):
            blob_relpath(bad)
        with pytest.raises(ValueError):
            catalog_relpath(bad)


def test_declared_lengths_are_bounded():
    huge = [{"role": "media", "name": "m.mp4", "sha256": SHA, "size": 10**12, "index": SHA}]
    assert "size is 1000000000000 (at most 4294967295)" in refused(encode(catalog(lesson(files=huge))))
    # three files under the per-file cap, together over the per-lesson cap
    big = [{"role": "media", "name": f"p{i}.png", "sha256": SHA, "size": limits.MAX_FILE_BYTES, "index": SHA}
           for i in range(3)]
    assert "a lesson has at most" in refused(encode(catalog(lesson(kind="slides", files=big))))
    lrc = {"role": "lyrics", "name": "a.lrc", "sha256": SHA, "size": 5 * 1024 * 1024, "index": SHA}
    assert "size" in refused(encode(catalog(lesson(files=[lesson()["files"][0], lrc]))))


def test_counts_are_bounded_before_lessons_are_read():
    too_many: dict[str, Any] = catalog()
    too_many["lessons"] = [0] * (limits.MAX_LESSONS + 1)  # not even lessons: the count goes first
    assert f"{limits.MAX_LESSONS + 1} lessons" in refused(encode(too_many))
    files = [{"role": "media", "name": f"p{i}.png", "sha256": SHA, "size": 1, "index": None}
             for i in range(limits.MAX_FILES_PER_LESSON + 1)]
    assert "files (at most" in refused(encode(catalog(lesson(kind="slides", files=files))))


def test_the_catalog_size_is_bounded_before_parsing():
    assert "bytes (at most" in refused(b" " * (limits.MAX_CATALOG_BYTES + 1))


@pytest.mark.parametrize(
    "text, where",
    [
        (b'"duration": NaN', "NaN"),
        (b'"duration": Infinity', "Infinity"),
        (b'"duration": 1e999', "duration"),
        (b'"duration": 100000', "duration"),
        (b'"unit": ' + b"9" * 5000, "not valid JSON"),
        (b'"unit": 1000', "unit"),
        (b'"order": 10000', "order"),
    ],
)
def test_numbers_are_finite_and_in_range(text: bytes, where: str):
    key = text.split(b":")[0]
    raw = encode(catalog())
    start = raw.index(key)
    end = raw.index(b",", start)
    assert where in refused(raw[:start] + text + raw[end:])


def test_versions_fit_sqlite():
    assert "version" in refused(encode(catalog(version=2**63)))


def test_non_string_optional_fields_are_refused_not_stringified():
    assert "summary must be a string" in refused(encode(catalog(lesson(summary={"a": [1] * 10}))))


# --- chunk indexes ------------------------------------------------------------------------
def test_an_index_declaring_more_entries_than_the_size_allows_is_refused_before_allocation():
    size = 6 * 1024 * 1024
    assert max_index_bytes(size) == (size // MIN_CHUNK + 1) * ENTRY_SIZE
    hostile = bytes(ENTRY_SIZE) * 100_000  # 100,000 entries for a 6 MiB file
    tracemalloc.start()
    try:
        with pytest.raises(IndexError_, match="100000 entries"):
            parse_index(hostile, size)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024  # no Chunk objects were made for it


def test_no_file_the_catalog_allows_can_have_a_ten_million_entry_index():
    assert limits.max_index_entries(limits.MAX_FILE_BYTES, MIN_CHUNK) < 10**7 // 100


def test_index_entries_are_checked_as_they_are_read():
    good = build_index([(MIN_CHUNK, b"\x01" * 32), (100, b"\x02" * 32)])
    assert [c.size for c in parse_index(good, MIN_CHUNK + 100)] == [MIN_CHUNK, 100]
    with pytest.raises(IndexError_, match="outside"):
        parse_index((MAX_CHUNK + 1).to_bytes(4, "big") + b"\x01" * 32, MAX_CHUNK + 1)
    with pytest.raises(IndexError_, match="more than the file"):
        parse_index(good, MIN_CHUNK)
    with pytest.raises(IndexError_, match="whole number"):
        parse_index(good[:-1], MIN_CHUNK + 100)


def test_limits_are_checked_on_every_lesson_not_just_the_first():
    raw = catalog(lesson(), lesson(id="song-b", title="b\u202e"))
    assert "lessons[1] (song-b).title" in refused(encode(raw))


def test_a_stored_catalog_opens_without_the_limits_but_a_fetched_one_does_not():
    # Verified when it arrived (perhaps by a version without today's limits): the PC's own
    # store must still open it; the same bytes from a source are refused.
    raw = encode(catalog(lesson(title="旧" * 300)))
    assert "at most 200" in refused(raw)
    stored = Catalog.from_stored(raw)
    assert stored.lessons[0].title == "旧" * 300
    sane = Catalog.from_bytes(encode(catalog()))
    assert Catalog.from_stored(sane.to_bytes()) == sane
