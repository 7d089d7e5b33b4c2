"""Sync goodput through one rate-limited link, against curl over the same link in the same run.

    .venv/bin/python bench/sync_goodput.py [--rate 2] [--big-mib 50] [--lessons 200]
        [--only big|many] [--profile] [--no-unlimited] [--latency S] [--slow-disk MS]

The link is tests/helpers/faultserver.py with `link_rate` (one token bucket shared by every
response and connection), serving a signed repository built with tests/helpers/lessons.py,
in a child process. Each case runs twice on the same link: curl, then EduTeach
(`Services.open(tmp)`, `trust.install_root`, `services.sync([url])`, timed around `sync`
only, including the TUF metadata refresh, planning, verification and installation).

(a) one big file: goodput = blob bytes / wall time, vs `curl -o /dev/null` of the blob URL.
(b) a subscription of mixed sizes (log-uniform, fixed seed): goodput = bytes of every blob
    the sync installs / wall time, vs the link rate and vs ONE curl process fetching the same
    blob URLs sequentially over one kept-alive connection (`curl -K list`).
Without a link limit (--no-unlimited skips it), the same cases show how fast the sync
pipeline itself can go on this machine: the headroom over a 2 Mbit/s link.

--latency S delays every response by S seconds before its status line (request latency, for
curl and the sync alike). --slow-disk MS (needs gcc) repeats case (b) on the limited link with
every fsync()/fdatasync() of the syncing process made MS ms slower (an LD_PRELOAD shim built
in the temp dir; the sync then runs in a child process), to model a school PC's hard disk.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import multiprocessing
import os
import pstats
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from _common import (
    MiB,
    ServerProcess,
    blob_list,
    curl_version,
    machine,
    mib,
    rand_bytes,
    table,
    workdir,
    write_curl_config,
)

from eduteach_desktop.services import Services
from eduteach_protocol.catalog import Catalog
from tests.helpers.lessons import TestRepo, write_lesson


def build_big(base: Path, size: int, seed: int) -> tuple[TestRepo, list[tuple[str, int]]]:
    repo = TestRepo(base)
    write_lesson(repo.src, "big", kind="video", media_bytes=rand_bytes(seed, size))
    repo.publish()
    cat = Catalog.from_bytes(repo.writer.current_catalog_bytes())
    media = cat.by_id()["big"].first_file("media")
    return repo, [(media.sha256, media.size)]


def build_many(base: Path, n: int, lo: int, hi: int, seed: int) -> tuple[TestRepo, list[tuple[str, int]]]:
    repo = TestRepo(base)
    rng = random.Random(seed)
    kinds = ["video", "audio", "pdf", "slides"]
    for i in range(n):
        size = int(math.exp(rng.uniform(math.log(lo), math.log(hi))))
        kind = kinds[i % len(kinds)]
        write_lesson(repo.src, f"l{i:03d}", kind=kind, media_bytes=rng.randbytes(size),
                     unit=1 + i // 20, order=1 + i % 20, lyrics=f"[00:00.00]第{i}课\n")
    repo.publish()
    return repo, blob_list(repo)


def run_curl(url: str, blobs: list[tuple[str, int]], work: Path) -> tuple[float, int]:
    """One curl process, all URLs in order over one connection. Returns (wall s, bytes)."""
    cfg = work / "curl.cfg"
    write_curl_config(cfg, url + "/", blobs)
    t0 = time.perf_counter()
    proc = subprocess.run(["curl", "-sS", "--fail", "-w", "%{size_download}\\n", "-K", str(cfg)],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    wall = time.perf_counter() - t0
    got = sum(int(x) for x in proc.stdout.split())
    return wall, got


def run_sync(url: str, repo: TestRepo, data: Path, profile: bool) -> tuple[float, object, str]:
    s = Services.open(data)
    try:
        s.trust.install_root(repo.root())
        prof = cProfile.Profile() if profile else None
        t0 = time.perf_counter()
        if prof:
            prof.enable()
        report = s.sync([url + "/"])
        if prof:
            prof.disable()
        wall = time.perf_counter() - t0
    finally:
        s.close()
    if not report.ok:
        sys.exit(f"sync failed: {report.problems}")
    text = ""
    if prof:
        buf = io.StringIO()
        st = pstats.Stats(prof, stream=buf)
        st.sort_stats("cumulative").print_stats(22)
        st.sort_stats("tottime").print_stats(15)
        text = buf.getvalue()
    return wall, report, text


SHIM_C = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
static void nap(void) {
    const char *s = getenv("EDUTEACH_BENCH_FSYNC_US");
    long us = s ? atol(s) : 0;
    if (us > 0) { struct timespec t = { us / 1000000, (us % 1000000) * 1000 }; nanosleep(&t, NULL); }
}
int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    nap();
    return real(fd);
}
int fdatasync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    nap();
    return real(fd);
}
"""


def build_shim(work: Path) -> Path | None:
    if shutil.which("gcc") is None:
        return None
    (work / "slowsync.c").write_text(SHIM_C)
    subprocess.run(["gcc", "-shared", "-fPIC", "-O2", "-o", str(work / "slowsync.so"), str(work / "slowsync.c"), "-ldl"],
                   check=True)
    return work / "slowsync.so"


def _child_sync(conn, url: str, root: bytes, data: str) -> None:  # noqa: ANN001 - pipe
    s = Services.open(Path(data))
    try:
        s.trust.install_root(root)
        t0 = time.perf_counter()
        report = s.sync([url + "/"])
        conn.send((time.perf_counter() - t0, report.ok, report.blobs_fetched, report.problems))
    finally:
        s.close()


def run_sync_slow_disk(url: str, repo: TestRepo, data: Path, shim: Path, fsync_ms: float):
    """The same in-process sync, in a child process whose fsync/fdatasync take fsync_ms longer."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    saved = {k: os.environ.get(k) for k in ("LD_PRELOAD", "EDUTEACH_BENCH_FSYNC_US")}
    os.environ["LD_PRELOAD"] = str(shim)
    os.environ["EDUTEACH_BENCH_FSYNC_US"] = str(int(fsync_ms * 1000))
    try:
        proc = ctx.Process(target=_child_sync, args=(child, url, repo.root(), str(data)))
        proc.start()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    wall, ok, fetched, problems = parent.recv()
    proc.join()
    if not ok:
        sys.exit(f"sync failed: {problems}")
    return wall, fetched


def measure(name: str, repo: TestRepo, blobs: list[tuple[str, int]], rate: float | None, work: Path,
            profile: bool, latency: float = 0.0, shim: Path | None = None,
            fsync_ms: float = 0.0) -> list[list[object]]:
    total = sum(size for _, size in blobs)
    # no limit: a link far faster than the machine (keeps TCP_NODELAY, see faultserver)
    faults = {"link_rate": rate or 1e12, "latency": latency}
    rows = []
    with ServerProcess(repo.repo, **faults) as srv:
        curl_wall, curl_bytes = run_curl(srv.url, blobs, work)
        assert curl_bytes == total, (curl_bytes, total)
        before = srv.stats()["bytes_sent"]
        data = work / f"pc-{name}-{'link' if rate else 'free'}-{time.monotonic_ns()}"
        sync_wall, report, prof = run_sync(srv.url, repo, data, profile)
        wire = srv.stats()["bytes_sent"] - before
        slow = None
        if shim is not None:
            slow = run_sync_slow_disk(srv.url, repo, work / f"pc-slow-{time.monotonic_ns()}", shim, fsync_ms)
    curl_gp = total / curl_wall
    sync_gp = total / sync_wall
    link = f"{rate / MiB:.2f} MiB/s" if rate else "unlimited"
    if latency:
        link += f" +{latency * 1000:.0f} ms/req"
    rows.append([f"{name}: curl", link, len(blobs), mib(total), f"{curl_wall:.2f}", mib(curl_gp),
                 f"{curl_gp / rate:.3f}" if rate else "-", "1 (baseline)"])
    rows.append([f"{name}: EduTeach sync", link, len(blobs), mib(total), f"{sync_wall:.2f}", mib(sync_gp),
                 f"{sync_gp / rate:.3f}" if rate else "-", f"{sync_gp / curl_gp:.3f}"])
    if slow is not None:
        slow_wall, _ = slow
        slow_gp = total / slow_wall
        rows.append([f"{name}: EduTeach sync, fsync +{fsync_ms:g} ms", link, len(blobs), mib(total),
                     f"{slow_wall:.2f}", mib(slow_gp), f"{slow_gp / rate:.3f}" if rate else "-",
                     f"{slow_gp / curl_gp:.3f}"])
    print(f"  {name} [{link}]: curl {curl_wall:.2f} s, sync {sync_wall:.2f} s"
          + (f", sync with slow fsync {slow[0]:.2f} s" if slow else "")
          + f"; sync installed {report.blobs_fetched} files + chunk indexes = {len(blobs)} blobs; "
          f"sync wire bytes {wire} (useful {total}, metadata+overhead {wire - total})", flush=True)
    if prof:
        print(prof)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rate", type=float, default=2.0, help="link rate in MiB/s (default 2)")
    ap.add_argument("--big-mib", type=float, default=50.0, help="size of the single file, MiB (default 50)")
    ap.add_argument("--lessons", type=int, default=200)
    ap.add_argument("--min-kb", type=float, default=20.0)
    ap.add_argument("--max-mb", type=float, default=4.0)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--only", choices=["big", "many"])
    ap.add_argument("--profile", action="store_true", help="cProfile the sync and print the top functions")
    ap.add_argument("--no-unlimited", action="store_true", help="skip the runs without a link limit")
    ap.add_argument("--latency", type=float, default=0.0, help="seconds before every response (default 0)")
    ap.add_argument("--slow-disk", type=float, default=0.0, metavar="MS",
                    help="also run (b) with every fsync/fdatasync MS ms slower (needs gcc)")
    args = ap.parse_args()
    rate = args.rate * MiB
    lat = args.latency
    print(f"machine: {machine()}\n{curl_version()}\nlink: {args.rate} MiB/s shared token bucket (16 KiB burst)"
          + (f", {lat * 1000:.0f} ms before each response" if lat else ""))
    rows: list[list[object]] = []
    with workdir("goodput") as work:
        shim = build_shim(work) if args.slow_disk else None
        if args.slow_disk and shim is None:
            print("--slow-disk needs gcc; skipped")
        if args.only in (None, "big"):
            print("building the single-file repository ...", flush=True)
            repo, blobs = build_big(work / "hub-big", int(args.big_mib * MiB), args.seed)
            rows += measure(f"(a) 1 file {args.big_mib:g} MiB", repo, blobs, rate, work, args.profile, lat)
            if not args.no_unlimited:
                rows += measure(f"(a) 1 file {args.big_mib:g} MiB", repo, blobs, None, work, args.profile)
        if args.only in (None, "many"):
            print(f"building the {args.lessons}-lesson repository ...", flush=True)
            repo, blobs = build_many(work / "hub-many", args.lessons, int(args.min_kb * 1000),
                                     int(args.max_mb * 1000 * 1000), args.seed)
            sizes = sorted(s for _, s in blobs)
            print(f"  {len(blobs)} blobs, {mib(sum(sizes))} MiB, median {sizes[len(sizes) // 2] / 1000:.0f} kB, "
                  f"max {sizes[-1] / 1000:.0f} kB", flush=True)
            name = f"(b) {args.lessons} lessons"
            rows += measure(name, repo, blobs, rate, work, args.profile, lat, shim, args.slow_disk)
            if not args.no_unlimited:
                rows += measure(name, repo, blobs, None, work, args.profile)
    print()
    print(table(["case", "link", "blobs", "MiB", "wall s", "MiB/s", "x link rate", "x curl"], rows))
    print("\ntargets: (a) sync/curl >= 0.98 on the limited link; (b) sync >= 0.95 x link rate")


if __name__ == "__main__":
    main()
