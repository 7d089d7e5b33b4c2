"""Saved drawings of photographs and video stills are JPEG, of drawn pages PNG: a teacher's
pictures must not fill an old PC's small disk (ui/player/ink_save.py). Real QImage
encoding and decoding, a real data folder."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from eduteach_desktop.core.ink import COLOURS, Stroke
from eduteach_desktop.store.annotations import AnnotationStore
from eduteach_desktop.store.fileio import FileIO
from eduteach_desktop.ui.player.ink_save import encoded, save_job
from tests.helpers.winsem import WindowsSemantics


def _photo(path: Path, width: int = 1000, height: int = 660) -> Path:
    """A picture with a photograph's fine detail (noise over a gradient), as JPEG."""
    rng = random.Random(5)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    for y in range(height):
        for x in range(0, width, 2):
            shade = (x * 255 // width + rng.randrange(-40, 40)) % 256
            colour = QColor(shade, (y * 255 // height) % 256, (shade + 90) % 256)
            image.setPixelColor(x, y, colour)
            image.setPixelColor(x + 1, y, colour)
    assert image.save(str(path), "JPG", 92)
    return path


def _drawing(path: Path) -> Path:
    image = QImage(1200, 900, QImage.Format.Format_RGB32)
    image.fill(QColor("#fdf6e3"))
    assert image.save(str(path), "PNG")
    return path


def _red_near_the_stroke(image: QImage) -> bool:
    red = QColor(COLOURS["red"])
    y = image.height() // 2
    hits = 0
    for x in range(image.width() // 4, image.width() * 3 // 4, 8):
        c = image.pixelColor(x, y)
        hits += abs(c.red() - red.red()) + abs(c.green() - red.green()) + abs(c.blue() - red.blue()) < 90
    return hits > 20


def test_photographs_and_stills_are_kept_as_jpeg_and_drawn_pages_as_png(qapp, tmp_path: Path):
    photo, drawing = _photo(tmp_path / "photo.JPG"), _drawing(tmp_path / "drawing.png")
    still = QImage(str(photo)).scaledToWidth(800)
    stroke = Stroke(COLOURS["red"], 0.01, [(0.2, 0.5), (0.8, 0.5)])
    store = AnnotationStore(tmp_path / "annotations", FileIO())
    pages = [("slide-0", [stroke]), ("slide-1", [stroke]), ("frame-1500", [stroke]), ("slide-7", [stroke])]
    written = save_job(store, "s1", "art-g1", "p1", pages, (photo, drawing), still)()

    assert [p.suffix for p in written] == [".jpg", ".png", ".jpg", ".png"]  # slide-7: gone, on white
    pictures = [QImage(str(p)) for p in written]
    assert all(not p.isNull() and _red_near_the_stroke(p) for p in pictures)
    assert pictures[0].size() == QImage(str(photo)).size() and pictures[2].width() == 800
    # the point of it: the same composed photograph as PNG is several times larger
    as_png = len(encoded(pictures[0], ".png"))
    assert written[0].stat().st_size * 3 < as_png, (written[0].stat().st_size, as_png)
    assert sorted(s.page for s in store.for_session("s1")) == ["frame-1500", "slide-0", "slide-1", "slide-7"]


def test_a_page_saved_again_in_the_other_format_keeps_one_picture(winsem: WindowsSemantics, tmp_path: Path):
    store = AnnotationStore(tmp_path / "annotations", FileIO(winsem.retry()))
    jpeg = store.save("s1", "art-g1", "slide-0", "p1", b"\xff\xd8 photo", ".jpg")
    png = store.save("s1", "art-g1", "slide-0", "p1", b"\x89PNG drawn", ".png")
    assert not jpeg.exists() and [s.path for s in store.for_session("s1")] == [png]
    # a picture viewer holding the old copy open: the new one is saved all the same, and the
    # old one goes with a later save
    winsem.hold(png, 3600)
    again = store.save("s1", "art-g1", "slide-0", "p1", b"\xff\xd8 photo again", ".jpg")
    assert again.read_bytes() == b"\xff\xd8 photo again" and png.exists()
    winsem.clock.now += 7200
    store.save("s1", "art-g1", "slide-0", "p1", b"\xff\xd8 photo, third", ".jpg")
    assert [s.path for s in store.for_session("s1")] == [again] and not png.exists()
