"""`eduteach-hub import` of a 3,000-lesson synthetic library: wall time of the first run and of
a second run with nothing changed, against copying the same tree (the least any import must
do) measured in the same run; then `publish` of what it made (with the hub's hash cache),
first and unchanged, so "import and publish again" is measured end to end.

The library: 2,700 tiny PDF lessons (each distinct), 200 one-second songs (MP3, one in four
too quiet) and 100 one-second videos at 160×120 (half FLV, half good MP4), in the
年级/学科/版本/册/单元/课 folder layout. Needs ffmpeg.

    python bench/import_library.py [--lessons 3000] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from eduteach_hub.importer.command import run_import  # noqa: E402

GRADES = ["一年级", "二年级", "三年级"]
BOOKS = [("音乐", "人音版"), ("美术", "人美版"), ("数学", "人教版"), ("语文", "统编版"), ("英语", "外研版")]
VOLUMES = ["上册", "下册"]
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-hide_banner", "-v", "error", "-y", *args], check=True)


def build(root: Path, lessons: int, songs: int, videos: int) -> int:
    """Write the tree; returns its size in bytes."""
    # Two real clips, then each copy made distinct by its metadata so hashes differ.
    proto = root.parent / "proto"
    proto.mkdir()
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "libmp3lame", str(proto / "song.mp3"))
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=1,volume=-20dB", "-c:a", "libmp3lame", str(proto / "quiet.mp3"))
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=15:duration=1", "-f", "lavfi", "-i", "sine=duration=1",
           "-shortest", "-c:v", "flv", "-c:a", "libmp3lame", "-ar", "44100", str(proto / "v.flv"))
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=15:duration=1", "-f", "lavfi", "-i", "sine=duration=1",
           "-shortest", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", str(proto / "v.mp4"))
    total = 0
    for i in range(lessons):
        grade, (subject, edition) = GRADES[i % 3], BOOKS[i // 3 % 5]
        volume, book_index = VOLUMES[i // 15 % 2], i // 30
        unit = book_index % 10 + 1
        order = book_index // 10 + 1
        folder = root / grade / subject / edition / volume / f"第{unit}单元 单元{unit}"
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"{order:02d} 课{i}"
        if i % 10 == 0 and i // 10 < songs + videos:
            k = i // 10
            if k < songs:
                src = proto / ("quiet.mp3" if k % 4 == 0 else "song.mp3")
                dst = folder / f"{stem}.mp3"
            else:
                src = proto / ("v.flv" if k % 2 else "v.mp4")
                dst = folder / f"{stem}{src.suffix}"
            ffmpeg("-i", str(src), "-map", "0", "-c", "copy", "-metadata", f"comment=lesson {i}", str(dst))
        else:
            dst = folder / f"{stem}.pdf"
            dst.write_bytes(TINY_PDF + f"% lesson {i}\n".encode())
        total += dst.stat().st_size
    shutil.rmtree(proto)
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lessons", type=int, default=3000)
    ap.add_argument("--songs", type=int, default=200)
    ap.add_argument("--videos", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        base = Path(tmp)
        src = base / "county"
        t0 = time.perf_counter()
        size = build(src, args.lessons, args.songs, args.videos)
        print(f"library: {args.lessons} lessons ({args.songs} songs, {args.videos} videos, the rest PDFs), "
              f"{size / 1e6:.1f} MB, built in {time.perf_counter() - t0:.1f} s; jobs={args.jobs}, cores={os.cpu_count()}")

        t0 = time.perf_counter()
        shutil.copytree(src, base / "copy")
        copy_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        first = run_import(src, base / "sources", None, skip_bad=False, jobs=args.jobs)
        first_s = time.perf_counter() - t0
        assert first.errors == 0 and first.written == args.lessons, (first.errors, first.written)

        t0 = time.perf_counter()
        second = run_import(src, base / "sources", None, skip_bad=False, jobs=args.jobs)
        second_s = time.perf_counter() - t0
        assert second.written == 0 and second.cache_misses == 0

        from eduteach_hub.config import HubHome
        from eduteach_hub.publish.chunking import hash_file
        from eduteach_hub.publish.hash_cache import CACHE_NAME, HashCache
        from eduteach_hub.publish.publisher import publish

        home = HubHome.init(base / "hub", "430123")

        def publish_once() -> tuple[float, HashCache, int]:
            cache = HashCache(home.path / CACHE_NAME, hash_file)
            t = time.perf_counter()
            res = publish(base / "sources", home.writer(), cache=cache)
            return time.perf_counter() - t, cache, res.catalog_version

        # The hash cache does not trust an entry for a file modified within 3 s of hashing
        # (racy stat); a county publishes minutes after an import, so wait that out once.
        pub1_s, pub1, v1 = publish_once()
        time.sleep(3.5)
        publish_once()  # entries hashed inside the racy window are settled now
        t0 = time.perf_counter()
        third = run_import(src, base / "sources", None, skip_bad=False, jobs=args.jobs)
        pub2_s, pub2, v2 = publish_once()
        both_s = time.perf_counter() - t0
        assert third.written == 0 and v2 == v1

        rows = [
            ("copy the tree (baseline)", copy_s, "-", "-", "-"),
            ("import, first run", first_s, str(first.cache_misses), str(first.written), f"{first.bytes_hashed / 1e6:.1f}"),
            ("import, nothing changed", second_s, str(second.cache_misses), str(second.written), f"{second.bytes_hashed / 1e6:.1f}"),
        ]
        print(f"{'run':28} {'wall s':>8} {'× copy':>8} {'prepared':>9} {'written':>8} {'MB hashed':>10}")
        for name, secs, prepared, written, hashed in rows:
            print(f"{name:28} {secs:8.2f} {secs / copy_s:8.1f} {prepared:>9} {written:>8} {hashed:>10}")
        print(f"per lesson: first {first_s / args.lessons * 1000:.1f} ms, again {second_s / args.lessons * 1000:.2f} ms")
        print(f"publish, first: {pub1_s:.2f} s, {pub1.stats.bytes_hashed / 1e6:.1f} MB hashed (catalog v{v1})")
        print(f"import + publish, nothing changed: {both_s:.2f} s "
              f"(publish {pub2_s:.2f} s, {pub2.stats.bytes_hashed / 1e6:.1f} MB hashed, {pub2.stats.hits} cache hits; "
              f"catalog still v{v2})")


if __name__ == "__main__":
    main()
