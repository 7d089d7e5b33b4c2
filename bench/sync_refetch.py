"""Bytes re-fetched after kill -9 interruptions of a large download.

    .venv/bin/python bench/sync_refetch.py [--size-mib 48] [--kills 20] [--rate 2]
                                                [--min-delay 0.5] [--max-delay 2.0] [--seed 20]

`python -m eduteach_desktop --data-dir D sync --from URL --quiet` is started, killed with
SIGKILL after a random delay (uniform in [min, max] s, fixed seed), restarted, ... `--kills`
times, then left to finish; the installed file must match the hub's byte for byte.

The link is tests/helpers/faultserver.py with a shared `link_rate` (in a child process); the
server counts the body bytes it writes for the blob (bytes written into the socket before a
kill count: they crossed the wire even if the killed process never read them).

From the same kill instants (the blob bytes each run received), it also computes what other
resume schemes would have cost: restarting the whole file each time (no resume), and
resuming only at whole verified 1 MiB chunks (no 256 KiB fsync window inside a chunk).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from _common import MiB, ServerProcess, machine, mib, rand_bytes, table, workdir

from eduteach_desktop.services import Services
from eduteach_desktop.sync.downloader import FSYNC_WINDOW
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.repo_layout import blob_relpath
from tests.helpers.lessons import TestRepo, write_lesson


def sync_cmd(data: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "eduteach_desktop", "--data-dir", str(data), "sync", "--from", url + "/", "--quiet"]


def kept_bytes(data: Path, sha: str) -> int:
    """What the PC has recorded as received (fsynced) for the blob."""
    db = data / "eduteach.sqlite3"
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        row = conn.execute("SELECT received_bytes FROM partials WHERE sha256 = ?", (sha,)).fetchone()
        conn.close()
    except sqlite3.Error:
        return 0
    return int(row[0]) if row else 0


def simulate(size: int, per_run: list[int], keep) -> int:  # noqa: ANN001 - keep(end) -> resume offset
    """Wire bytes of a scheme that receives per_run[i] bytes in run i, then resumes at keep(end)."""
    pos, wire = 0, 0
    for got in per_run:
        got = min(got, size - pos)
        wire += got
        if pos + got >= size:
            return wire
        pos = keep(pos + got)
    return wire + size - pos


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mib", type=float, default=48.0)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--rate", type=float, default=2.0, help="link rate, MiB/s")
    ap.add_argument("--min-delay", type=float, default=0.5)
    ap.add_argument("--max-delay", type=float, default=2.0)
    ap.add_argument("--seed", type=int, default=20)
    args = ap.parse_args()
    size = int(args.size_mib * MiB)
    rng = random.Random(args.seed)
    print(f"machine: {machine()}")
    print(f"file {mib(size)} MiB, link {args.rate} MiB/s, {args.kills} kills after uniform"
          f"({args.min_delay}, {args.max_delay}) s, seed {args.seed}", flush=True)
    with workdir("refetch") as work:
        hub = TestRepo(work / "hub")
        write_lesson(hub.src, "big", kind="video", media_bytes=rand_bytes(args.seed, size))
        hub.publish()
        media = Catalog.from_bytes(hub.writer.current_catalog_bytes()).by_id()["big"].first_file("media")
        rel = blob_relpath(media.sha256)
        data = work / "pc"
        s = Services.open(data)
        s.trust.install_root(hub.root())
        s.close()
        per_run: list[int] = []  # blob bytes the server wrote during each killed run
        lost: list[int] = []  # of those, bytes the PC did not keep
        t_start = time.perf_counter()
        with ServerProcess(hub.repo, link_rate=args.rate * MiB) as srv:
            finished_early = False
            while len(per_run) < args.kills:
                sent0, kept0 = srv.blob_bytes(rel), kept_bytes(data, media.sha256)
                proc = subprocess.Popen(sync_cmd(data, srv.url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(rng.uniform(args.min_delay, args.max_delay))
                if proc.poll() is not None:
                    finished_early = True
                    break
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                time.sleep(0.1)  # let the server notice the dead connection
                got = srv.blob_bytes(rel) - sent0
                per_run.append(got)
                lost.append(got - (kept_bytes(data, media.sha256) - kept0))
            final0 = srv.blob_bytes(rel)
            proc = subprocess.run(sync_cmd(data, srv.url), capture_output=True, text=True, encoding="utf-8", timeout=3600)
            if proc.returncode != 0:
                sys.exit(f"final sync failed: {proc.stdout}{proc.stderr}")
            final_run = srv.blob_bytes(rel) - final0
            wire = srv.blob_bytes(rel)
        elapsed = time.perf_counter() - t_start
        s = Services.open(data)
        try:
            identical = s.blobs.path(media.sha256).read_bytes() == (hub.repo / rel).read_bytes()
            ok = s.blobs.has(media.sha256) and s.verify().bad == []
        finally:
            s.close()
    kills = len(per_run)
    if finished_early:
        print(f"note: the download finished after {kills} kills (use a bigger --size-mib)")
    print(f"{kills} kills in {elapsed:.0f} s; final run fetched {final_run} bytes; installed file identical: "
          f"{identical}, store verifies: {ok}")
    print(f"bytes per killed run: min {min(per_run, default=0)}, mean {sum(per_run) / max(1, kills):.0f}, "
          f"max {max(per_run, default=0)} (runs killed before the blob started: {sum(1 for g in per_run if g == 0)})")
    print(f"lost per kill (sent, not kept): mean {sum(lost) / max(1, kills):.0f}, max {max(lost, default=0)}; "
          f"fsync window {FSYNC_WINDOW}")
    naive = simulate(size, per_run, lambda end: 0)
    fixed = 1024 * 1024  # a model: fixed 1 MiB chunks, resumable only at whole chunks
    chunk_only = simulate(size, per_run, lambda end: end // fixed * fixed)
    window_model = simulate(size, per_run, lambda end: end // FSYNC_WINDOW * FSYNC_WINDOW)
    rows = []
    for name, w in [
        ("EduTeach sync (measured)", wire),
        ("  model: resume at last 256 KiB fsync window", window_model),
        ("resume at whole 1 MiB chunks only (model)", chunk_only),
        ("naive: restart the whole file (model)", naive),
    ]:
        rows.append([name, mib(w), mib(w - size), f"{(w - size) / size:.3f}", f"{(w - size) / max(1, kills) / 1024:.0f}",
                     f"{(w - size) / (naive - size):.3f}" if naive > size else "-"])
    print()
    print(table(["scheme (same kill instants)", "wire MiB", "re-fetched MiB", "x file size", "KiB per kill",
                 "x naive re-fetch"], rows))
    print(f"\nfile size {mib(size)} MiB; bound in tests/integration/test_sync_crash.py: re-fetched <= kills x "
          f"(256 + 128) KiB = {mib(kills * (FSYNC_WINDOW + 128 * 1024))} MiB: "
          f"{'holds' if wire - size <= kills * (FSYNC_WINDOW + 128 * 1024) else 'EXCEEDED'}")


if __name__ == "__main__":
    main()
