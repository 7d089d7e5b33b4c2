"""Transcoding throughput of `eduteach-hub import` against plain FFmpeg run by hand on the same
files with the same settings, in the same run (goal: ≥ 0.9 × FFmpeg; our part is orchestration).

Both sides get the same files (FLV, WMV, AVI, MPEG-2 and HEVC, 640×360, --seconds long, sound
6 dB too quiet) and the same parallelism (--jobs, default the number of cores). "By hand" is
what a technician would type per file: ffprobe, loudnorm pass one, then the encode with the
measured values (the very command lines the importer builds, from importer/media.py), run
from a plain thread pool. The importer adds hashing, the cache, the decision, the cover, the
checks and the lesson folders.

    python bench/import_transcode.py [--seconds 20] [--copies 2] [--jobs N] [--rounds 1]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from eduteach_hub.importer import media  # noqa: E402
from eduteach_hub.importer.command import run_import  # noqa: E402

FORMATS = {
    "flv": ["-c:v", "flv", "-b:v", "1500k", "-c:a", "libmp3lame", "-ar", "44100"],
    "wmv": ["-c:v", "wmv2", "-b:v", "1500k", "-c:a", "wmav2"],
    "avi": ["-c:v", "mpeg4", "-b:v", "1500k", "-c:a", "libmp3lame"],
    "mpg": ["-c:v", "mpeg2video", "-b:v", "2000k", "-c:a", "mp2", "-f", "vob"],
    "mp4": ["-c:v", "libx265", "-x265-params", "log-level=error", "-c:a", "aac"],
}


def by_hand(tools: media.Tools, src: Path, dst: Path, threads: int) -> None:
    subprocess.run([tools.ffprobe, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(src)],
                   capture_output=True, check=True)
    measured = media.measure(tools, src, check_video=False)
    subprocess.run(media.transcode_video_cmd(tools, src, dst, measured, True, threads), capture_output=True, check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--copies", type=int, default=2, help="files per format")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rounds", type=int, default=1, help="ABBA rounds (hand, ours, ours, hand)")
    args = ap.parse_args()
    tools = media.Tools.find()
    with tempfile.TemporaryDirectory(prefix="transcode-bench-") as tmp:
        base = Path(tmp)
        unit = base / "county" / "一年级" / "音乐" / "人音版" / "上册" / "第1单元 歌"
        unit.mkdir(parents=True)
        files = []
        n = 0
        for copy in range(args.copies):
            for ext, codec in FORMATS.items():
                n += 1
                dst = unit / f"{n:02d} 视频.{ext}"
                subprocess.run(["ffmpeg", "-hide_banner", "-v", "error", "-y",
                                "-f", "lavfi", "-i", f"testsrc2=size=640x360:rate=25:duration={args.seconds}",
                                "-f", "lavfi", "-i", f"sine=frequency={300 + copy * 50}:duration={args.seconds},volume=-6dB",
                                "-shortest", *codec, str(dst)], check=True)
                files.append(dst)
        media_seconds = args.seconds * len(files)
        threads = max(1, (os.cpu_count() or 1) // args.jobs)
        print(f"{len(files)} files × {args.seconds} s (640×360, FLV/WMV/AVI/MPEG-2/HEVC), jobs={args.jobs}, "
              f"ffmpeg -threads {threads}, cores={os.cpu_count()}")

        def by_hand_run(i: int) -> None:
            hand = base / f"by-hand-{i}"
            hand.mkdir()
            with ThreadPoolExecutor(args.jobs) as pool:
                list(pool.map(lambda f: by_hand(tools, f, hand / (f.stem + f.suffix + ".mp4"), threads), files))
            shutil.rmtree(hand)

        def ours_run(i: int) -> None:
            out = base / f"sources-{i}"
            result = run_import(base / "county", out, None, skip_bad=False, jobs=args.jobs)
            assert result.errors == 0 and result.written == len(files), result.findings
            shutil.rmtree(out)

        # ABBA rounds: the machine is shared, so each side gets early and late slots; the
        # best wall time and the CPU seconds (ours includes this process: hashing, copying)
        # are shown.
        walls: dict[str, list[float]] = {"hand": [], "ours": []}
        cpus: dict[str, list[float]] = {"hand": [], "ours": []}
        order = ["hand", "ours", "ours", "hand"] * args.rounds
        for i, side in enumerate(order):
            before = _cpu()
            t0 = time.perf_counter()
            (by_hand_run if side == "hand" else ours_run)(i)
            walls[side].append(time.perf_counter() - t0)
            cpus[side].append(_cpu() - before)

        hand_s, ours_s = min(walls["hand"]), min(walls["ours"])
        hand_cpu, ours_cpu = min(cpus["hand"]), min(cpus["ours"])
        print(f"{'run (best of ' + str(len(walls['hand'])) + ')':36} {'wall s':>8} {'media s/s':>10} {'× ffmpeg':>9} {'CPU s':>8} {'× ffmpeg CPU':>13}")
        for name, secs, cpu in (("plain ffmpeg by hand (baseline)", hand_s, hand_cpu), ("eduteach-hub import", ours_s, ours_cpu)):
            print(f"{name:36} {secs:8.2f} {media_seconds / secs:10.1f} {hand_s / secs:9.3f} {cpu:8.2f} {hand_cpu / cpu:13.3f}")
        print("all wall times: " + ", ".join(f"{side} {w:.2f}" for side, w in zip(order, [*_interleave(walls, order)], strict=True)))


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    me = resource.getrusage(resource.RUSAGE_SELF)
    return children.ru_utime + children.ru_stime + me.ru_utime + me.ru_stime


def _interleave(walls: dict[str, list[float]], order: list[str]) -> list[float]:
    seen = {"hand": 0, "ours": 0}
    out = []
    for side in order:
        out.append(walls[side][seen[side]])
        seen[side] += 1
    return out


if __name__ == "__main__":
    main()
