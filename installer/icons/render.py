"""Render installer/icons/eduteach.svg into the PNGs and the .ico the packages need.

    python installer/icons/render.py OUT_DIR

Writes OUT_DIR/eduteach-{16,24,32,48,64,128,256}.png and OUT_DIR/eduteach.ico (Windows:
the exe, the installer and the uninstaller). Uses QtSvg from the build environment, so the
build needs nothing else (no ImageMagick, no Pillow). The .ico holds classic 32-bit DIB
images up to 48 px (every Windows tool reads those) and a PNG-compressed 256 px image
(Windows Vista and later).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent / "eduteach.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 256)


def _dib(width: int, height: int, bgra_top_down: bytes) -> bytes:
    """An ICO image in the classic format: BITMAPINFOHEADER, bottom-up BGRA, AND mask."""
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    stride = width * 4
    rows = [bgra_top_down[y * stride:(y + 1) * stride] for y in range(height)]
    pixels = b"".join(reversed(rows))
    mask_stride = ((width + 31) // 32) * 4  # 1 bit per pixel, rows padded to 32 bits
    mask = b"\x00" * (mask_stride * height)  # alpha does the work; the mask is all "opaque"
    return header + pixels + mask


def write_ico(path: Path, images: list[tuple[int, bytes]]) -> None:
    """images: (size, data) with data either a DIB (from _dib) or PNG bytes."""
    count = len(images)
    offset = 6 + 16 * count
    head = struct.pack("<HHH", 0, 1, count)
    entries = b""
    blobs = b""
    for size, data in images:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    path.write_bytes(head + entries + blobs)


def render(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"render.py: {SVG} is not a valid SVG")
    out_dir.mkdir(parents=True, exist_ok=True)

    def image(size: int) -> QImage:
        img = QImage(size, size, QImage.Format.Format_ARGB32)  # BGRA in memory (little endian)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        return img

    def png_bytes(img: QImage) -> bytes:
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        img.save(buf, "PNG")
        buf.close()
        return bytes(data.data())

    written = []
    for size in PNG_SIZES:
        path = out_dir / f"eduteach-{size}.png"
        path.write_bytes(png_bytes(image(size)))
        written.append(path)
    ico_images = []
    for size in ICO_SIZES:
        img = image(size)
        if size >= 256:
            ico_images.append((size, png_bytes(img)))
        else:
            raw = bytes(img.constBits())[: size * size * 4]
            ico_images.append((size, _dib(size, size, raw)))
    ico = out_dir / "eduteach.ico"
    write_ico(ico, ico_images)
    written.append(ico)
    del app
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: render.py OUT_DIR")
    for p in render(Path(sys.argv[1])):
        print(p)
