"""Incremental publishing: a 3,000-lesson library published, then published again unchanged.

    .venv/bin/python bench/publish_incremental.py [--lessons 3000] [--video-every 10]
        [--audio-kib 96] [--video-mib 2] [--keep]

The library is synthetic: every lesson folder has a lesson.toml and a media file of random
bytes (audio lessons --audio-kib KiB plus an LRC file; every --video-every-th lesson a
video of --video-mib MiB, chunked with FastCDC). Its files are then dated one hour back, as
a library copied in earlier (files modified within RACY_WINDOW_NS of a publish are hashed
again on the next one, on purpose).

rows:
  first publish            no hash cache: every file hashed, blobs copied, metadata signed
  again, nothing changed   the hash cache proves every file unchanged (goal: <= 5 s, no
                           media bytes read)
  again, one file changed  one lesson's media rewritten (same size, mtime put back)
  again, cache deleted     as a hub whose publish-cache.json was lost: every file hashed

"media bytes hashed" is what went through the publisher's hasher (an injected counter);
"bytes read (rchar)" is every byte the process read through read() during that publish
(/proc/self/io), lesson.toml and LRC files included; "disk reads" is /proc/self/io's
read_bytes (what came from the device rather than the page cache).

Then hashing throughput over the same media files (page cache warm), best of --repeat:
raw hashlib.sha256 reading each file in 1 MiB blocks on one thread (the baseline, 1.00) and
on as many threads as publish uses; the publisher's hash_file (FastCDC cut points, a
SHA-256 per chunk and one of the whole file: every byte is hashed twice, so one thread can
reach at most ~0.5x) on one thread, and as publish runs it (HashCache.hash_many, threads).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _common import MiB, machine, table, workdir

from eduteach_hub.config import HubHome
from eduteach_hub.publish.chunking import hash_file
from eduteach_hub.publish.hash_cache import CACHE_NAME, HashCache
from eduteach_hub.publish.publisher import publish

SUBJECTS = ("music", "art", "english", "chinese", "math", "morality", "science")
EDITIONS = ("人教版", "人音版", "湘艺版", "人美版", "岭南版", "外研版", "北师大版", "苏教版", "统编版")


def io_counters() -> dict[str, int]:
    out = {}
    for line in Path("/proc/self/io").read_text(encoding="ascii").splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = int(value)
    return out


class Counting:
    def __init__(self) -> None:
        self.bytes = 0
        self.files = 0
        self.lock = threading.Lock()  # the cache hashes on a few threads

    def __call__(self, path: Path) -> tuple[str, int, bytes | None]:
        with self.lock:
            self.files += 1
            self.bytes += path.stat().st_size
        return hash_file(path)


def make_library(src: Path, lessons: int, video_every: int, audio_kib: int, video_mib: int) -> list[Path]:
    media = []
    for i in range(lessons):
        video = video_every and i % video_every == 0
        folder = src / f"lesson-{i:05d}"
        folder.mkdir(parents=True)
        grade, subject, edition = 1 + i % 3, SUBJECTS[i % len(SUBJECTS)], EDITIONS[i % len(EDITIONS)]
        name = "main.mp4" if video else "main.mp3"
        (folder / name).write_bytes(os.urandom(video_mib * MiB if video else audio_kib * 1024))
        media.append(folder / name)
        lines = [
            f'id = "lesson-{i:05d}"', f'title = "第{i}课"', f"grade = {grade}", f'subject = "{subject}"',
            f'edition = "{edition}"', 'volume = "上册"', f"unit = {1 + i // 100}", f"order = {1 + i % 100}",
            f'kind = "{"video" if video else "audio"}"', "duration = 180.0", f'media = ["{name}"]',
        ]
        if not video:
            (folder / "song.lrc").write_text("[00:00.00]一闪一闪亮晶晶\n", encoding="utf-8")
            lines.append('lyrics = "song.lrc"')
        (folder / "lesson.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    hour_ago = time.time_ns() - 3600 * 10**9
    for p in src.rglob("*"):
        if p.is_file():
            os.utime(p, ns=(hour_ago, hour_ago))
    return media


def run(home: HubHome, src: Path, label: str) -> list[object]:
    counter = Counting()
    before = io_counters()
    t0 = time.perf_counter()
    with home.repo_lock():
        cache = HashCache(home.path / CACHE_NAME, counter)
        result = publish(src, home.writer(), cache=cache)
    wall = time.perf_counter() - t0
    after = io_counters()
    return [label, f"{wall:.2f}", result.lessons, counter.files, f"{counter.bytes / MiB:.1f}",
            f"{(after['rchar'] - before['rchar']) / MiB:.1f}", f"{(after['read_bytes'] - before['read_bytes']) / MiB:.1f}",
            cache.stats.hits, "yes" if result.changed else "no", wall]


def throughput(media: list[Path], repeat: int) -> list[list[object]]:
    total = sum(p.stat().st_size for p in media)
    workers = min(4, os.cpu_count() or 1)

    def raw_one(p: Path) -> str:
        h = hashlib.sha256()
        with open(p, "rb") as fh:
            while block := fh.read(MiB):
                h.update(block)
        return h.hexdigest()

    def raw() -> None:
        for p in media:
            raw_one(p)

    def raw_threads() -> None:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(raw_one, media))

    def ours() -> None:
        for p in media:
            hash_file(p)

    def ours_as_publish() -> None:
        HashCache(None, hash_file).hash_many(media)

    cases = (
        ("raw hashlib.sha256, 1 MiB reads (baseline)", raw),
        (f"raw hashlib.sha256, {workers} threads", raw_threads),
        ("publisher hash_file, one thread", ours),
        (f"publish: HashCache.hash_many ({workers} threads)", ours_as_publish),
    )
    best: dict[str, float] = {}
    for name, fn in cases:
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        best[name] = min(times)
    base = total / MiB / best[cases[0][0]]
    rows = []
    for name, t in best.items():
        rate = total / MiB / t
        rows.append([name, f"{total / MiB:.0f}", f"{t:.2f}", f"{rate:.0f}", f"{rate / base:.3f}"])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lessons", type=int, default=3000)
    ap.add_argument("--video-every", type=int, default=10)
    ap.add_argument("--audio-kib", type=int, default=96)
    ap.add_argument("--video-mib", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    print(machine())
    with workdir("publish", args.keep) as tmp:
        src = tmp / "src"
        t0 = time.perf_counter()
        media = make_library(src, args.lessons, args.video_every, args.audio_kib, args.video_mib)
        size = sum(p.stat().st_size for p in media)
        print(f"library: {args.lessons} lessons, {len(media)} media files, {size / MiB:.0f} MiB "
              f"(made in {time.perf_counter() - t0:.1f} s)")
        home = HubHome.init(tmp / "hub", "420100")
        rows = [run(home, src, "first publish")]
        rows.append(run(home, src, "again, nothing changed"))
        changed = media[1]
        st = changed.stat()
        data = bytearray(changed.read_bytes())
        data[0] ^= 0xFF
        changed.write_bytes(bytes(data))
        os.utime(changed, ns=(st.st_atime_ns, st.st_mtime_ns))
        rows.append(run(home, src, "again, one file changed"))
        (home.path / CACHE_NAME).unlink()
        rows.append(run(home, src, "again, cache deleted"))
        first = float(rows[0][-1])  # type: ignore[arg-type]
        print()
        print(table(
            ["run", "wall s", "lessons", "files hashed", "media MiB hashed", "bytes read MiB (rchar)",
             "disk reads MiB", "cache hits", "new catalog", "× first"],
            [[*r[:-1], f"{float(r[-1]) / first:.3f}"] for r in rows],  # type: ignore[arg-type]
        ))
        print()
        print(table(["hashing, same media files, page cache warm", "MiB", "best s", "MiB/s", "× raw sha256"],
                    throughput(media, args.repeat)))


if __name__ == "__main__":
    main()
