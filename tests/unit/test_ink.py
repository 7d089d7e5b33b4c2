"""The pen's model without Qt (core/ink.py) and the saved-annotation folder
(store/annotations.py) under Windows' file rules: most school PCs run Windows."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from eduteach_desktop.core.errors import DiskFullError
from eduteach_desktop.core.ink import InkBook, Stroke, View, page_key
from eduteach_desktop.store.annotations import (
    AnnotationStore,
    SavedAnnotation,
    file_name,
    safe_part,
)
from eduteach_desktop.store.fileio import FileIO
from tests.helpers.winsem import WindowsSemantics

pytestmark = pytest.mark.windows_semantics


def test_strokes_belong_to_their_page_and_the_eraser_takes_whole_strokes():
    book = InkBook()
    one, two = page_key("slide", 0), page_key("slide", 1)
    a = book.begin(one, "red", (0.1, 0.1))
    assert a.add((0.5, 0.1)) and not a.add((0.5, 0.1))  # a still pen adds nothing
    b = book.begin(one, "blue", (0.1, 0.8))
    b.add((0.9, 0.8))
    book.begin(two, "green", (0.5, 0.5))
    assert book.strokes(one) == [a, b] and sorted(book.inked_pages()) == [one, two]
    assert book.erase_at(one, (0.3, 0.5)) == 0  # between the lines: nothing
    assert book.erase_at(one, (0.3, 0.11)) == 1  # on the first line
    assert book.strokes(one) == [b]
    assert book.clear(one) == 1 and book.inked_pages() == [two]
    assert book.erase_last(two) and not book.has_ink()
    assert Stroke("red", 0.01, [(0.5, 0.5)]).distance_to((0.5, 0.6)) == pytest.approx(0.1)


def test_zoom_keeps_the_pinched_point_and_the_page_filling_the_view():
    view = View().zoomed(2.0, around=(0.25, 0.25))
    assert view.scale == 2.0 and view.centre == (pytest.approx(0.375), pytest.approx(0.375))
    assert View().zoomed(100).scale == View.MAX_SCALE
    assert view.zoomed(0.1) == View()  # zoomed out past whole: the whole page
    edge = view.panned(5.0, -5.0)  # far past the page's edge: stops at it
    assert edge.centre == (pytest.approx(0.25), pytest.approx(0.75))
    assert View().panned(0.3, 0.3) == View()  # a whole page does not move


def test_saved_pictures_get_windows_safe_names(winsem: WindowsSemantics, tmp_path: Path):
    store = AnnotationStore(tmp_path / "annotations", FileIO(winsem.retry()))
    for session, lesson in [("CON", "NUL"), ("a:b|c", 'x<y>"z?*'), ("会话一", "课 . "),
                            ("s" * 300, "l" * 300)]:
        path = store.save(session, lesson, "slide-3", "abcd1234", b"\x89PNG data")
        assert path.read_bytes() == b"\x89PNG data" and winsem.refused == []
        assert len(str(path.relative_to(tmp_path))) < 160  # far inside MAX_PATH
    assert safe_part("a:b") != safe_part("a|b")  # made safe, still told apart
    assert file_name("art-g1", "slide-0", "p1") == "art-g1--slide-0--p1.png"
    again = store.save("CON", "NUL", "slide-3", "abcd1234", b"\x89PNG newer")
    assert [s.path for s in store.for_session("CON")] == [again]  # the same page of one play: replaced
    assert again.read_bytes() == b"\x89PNG newer"
    store.save("CON", "NUL", "slide-3", "ffff0000", b"\x89PNG another play")
    saved = store.for_session("CON")
    assert len(saved) == 2 and {s.page for s in saved} == {"slide-3"} and saved[0].lesson_id == "NUL"
    assert store.counts(["CON", "nothing", "a:b|c"]) == {"CON": 2, "a:b|c": 1}
    assert store.for_session("never") == []


class _Full(FileIO):
    def write_at(self, path: Path, offset: int, data: bytes) -> None:
        super().write_at(path, offset, data[:10])
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_is_a_typed_error_and_leaves_no_partial_file(winsem: WindowsSemantics, tmp_path: Path):
    good = AnnotationStore(tmp_path / "annotations", FileIO(winsem.retry()))
    kept = good.save("s1", "art", "slide-0", "p1", b"\x89PNG first")
    full = AnnotationStore(tmp_path / "annotations", _Full(winsem.retry()))
    with pytest.raises(DiskFullError):
        full.save("s1", "art", "slide-1", "p1", b"\x89PNG second")
    assert sorted(p.name for p in kept.parent.iterdir()) == [kept.name]  # nothing else, no temp
    assert kept.read_bytes() == b"\x89PNG first"


def test_delete_takes_only_a_saved_picture_of_its_own_class(tmp_path: Path):
    store = AnnotationStore(tmp_path / "annotations", FileIO())
    kept = store.save("s1", "art-g1", "slide-0", "p1", b"\x89PNG one")
    other = store.save("s2", "art-g1", "slide-0", "p1", b"\x89PNG two")
    outside = tmp_path / "records.sqlite3"
    outside.write_bytes(b"records")
    for wrong in (SavedAnnotation("s1", outside, "x", ""), SavedAnnotation("s1", other, "art-g1", "slide-0")):
        with pytest.raises(ValueError):
            store.delete(wrong)
    assert outside.exists() and other.exists()
    (saved,) = store.for_session("s1")
    store.delete(saved)
    assert not kept.exists() and not store.folder("s1").exists() and store.for_session("s1") == []
    store.delete(saved)  # twice (two clicks): already gone is fine
    assert other.exists()
