"""Chunk hashing throughput: hash_stream and the downloader's verify path vs raw hashlib.sha256.

    .venv/bin/python bench/hashing.py [--mib 256] [--repeat 3]

All rows hash the same in-memory random data (best of --repeat runs); MiB/s is per byte of
the file, so a row that hashes every byte twice (whole-file hash + chunk hashes) can be at
most ~0.5 x the baseline.

rows (the baseline, 1.00, is the fastest of the three raw hashlib rows):
  raw sha256, one update         hashlib.sha256(data)
  raw sha256, 1 MiB updates      one sha256 fed 1 MiB bytes objects (slices of data)
  raw sha256, 64 KiB updates     the same in 64 KiB bytes objects, as the network delivers
  raw sha256 x2 (chunks + whole) 1 MiB slices, each hashed alone and into the whole-file
                                 hash: the floor for any scheme that keeps both hashes
  publisher (FastCDC + hashes)  eduteach_hub.publish.chunking.hash_file(path)
  verify path, CPU only          BlobDownloader._receive on 64 KiB blocks (what requests
                                 yields) with the engine's progress callback, store I/O
                                 stubbed out: slicing + chunk hashing + bookkeeping
  verify path, real store        the same into a real BlobStore in a temp dir: write, fsync
                                 every 256 KiB, SQLite commit (synchronous=FULL)
  final re-hash (install)        store.blobs.hash_file of the finished partial (page cache)
  receive + install              the two above together: what a downloaded byte costs
  delta reuse (LocalChunks.read) reading + re-verifying 1 MiB chunks of a local file
"""

from __future__ import annotations

import argparse
import hashlib
import time

from _common import MiB, machine, rand_bytes, table, workdir

from eduteach_desktop.core.clock import SystemClock
from eduteach_desktop.services import Services
from eduteach_desktop.store.blobs import PartialState, hash_file
from eduteach_desktop.sync.downloader import BlobDownloader, BlobSpec, LocalChunks
from eduteach_desktop.sync.progress import ProgressBoard
from eduteach_hub.publish.chunking import hash_file as publish_hash
from eduteach_protocol.chunks import MAX_CHUNK, parse_index

CHUNK_SIZE = 1024 * 1024  # for the raw-hash baselines


class _Label:
    label = "bench"


class _NullStore:
    """Just enough of BlobStore for BlobDownloader._receive, with no I/O."""

    def write_partial(self, sha256: str, offset: int, data: bytes) -> None:
        pass

    def commit_partial(self, sha256: str, size: int, state: PartialState) -> None:
        pass

    def read_partial(self, sha256: str, start: int, end: int) -> bytes:
        return b""


def best(fn, repeat: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def blocks(data: bytes, size: int = 64 * 1024):  # noqa: ANN201
    view = memoryview(data)
    for i in range(0, len(data), size):
        yield bytes(view[i : i + size])  # requests hands out fresh bytes objects


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mib", type=int, default=256, help="data size in MiB (default 256)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    data = rand_bytes(1, args.mib * MiB)
    n = len(data)
    print(f"machine: {machine()}\n{args.mib} MiB of random data in memory, best of {args.repeat}", flush=True)
    import tempfile
    from pathlib import Path

    src = Path(tempfile.mkdtemp()) / "lesson.bin"
    src.write_bytes(data)
    whole, size, index = publish_hash(src)
    chunks = parse_index(index, size)
    spec = BlobSpec(whole, size, hashlib.sha256(index).hexdigest())

    def receive(store, on_bytes) -> None:  # noqa: ANN001
        dl = BlobDownloader(store, MAX_CHUNK, on_bytes=on_bytes)
        state = dl._receive(spec, _Label(), chunks, PartialState(0, 0, None), blocks(data), n)  # noqa: SLF001
        assert state.verified == n

    def engine_progress():  # noqa: ANN202 - the engine's on_bytes: a ProgressBoard update per piece
        board = ProgressBoard(time.monotonic)
        done = 0

        def on_bytes(k: int) -> None:
            nonlocal done
            done += k
            board.update(bytes_done=done)
        return on_bytes

    rows: list[tuple[str, float]] = []

    def row(name: str, seconds: float) -> None:
        rows.append((name, seconds))
        print(f"  {name}: {n / seconds / MiB:.0f} MiB/s", flush=True)

    row("raw sha256, one update", best(lambda: hashlib.sha256(data).digest(), args.repeat))

    def raw_blocks(size: int) -> None:
        h = hashlib.sha256()
        for b in blocks(data, size):
            h.update(b)
        h.digest()
    row("raw sha256, 1 MiB updates", best(lambda: raw_blocks(CHUNK_SIZE), args.repeat))
    row("raw sha256, 64 KiB updates", best(lambda: raw_blocks(64 * 1024), args.repeat))

    def raw_twice() -> None:
        h = hashlib.sha256()
        for b in blocks(data, CHUNK_SIZE):
            h.update(b)
            hashlib.sha256(b).digest()
        h.digest()
    row("raw sha256 x2 (1 MiB chunks + whole)", best(raw_twice, args.repeat))
    row("publisher: FastCDC + chunk and file hashes", best(lambda: publish_hash(src), args.repeat))
    row("verify path, CPU only (_receive, no I/O)", best(lambda: receive(_NullStore(), engine_progress()), args.repeat))

    with workdir("hashing") as work:
        services = Services.open(work / "pc", SystemClock())
        try:
            store = services.blobs

            def real_receive() -> None:
                store.drop_partial(spec.sha256)
                receive(store, engine_progress())
            t_recv = best(real_receive, max(1, args.repeat - 1))
            row("verify path, real store (write+fsync+SQLite)", t_recv)
            part = store.partial_path(spec.sha256)
            t_final = best(lambda: hash_file(part), args.repeat)
            row("final re-hash before install (hash_file)", t_final)
            rows.append(("receive + install (the two above)", t_recv + t_final))
            print(f"  receive + install: {n / (t_recv + t_final) / MiB:.0f} MiB/s", flush=True)
            # delta reuse: install the file, then read every chunk back through LocalChunks
            store.install_partial(spec.sha256, n)
            store.install_bytes(spec.index, index)
            local = LocalChunks(store, MAX_CHUNK)
            local.add_file(spec.sha256, n, spec.index)

            def reuse() -> None:
                for c in chunks:
                    assert local.read(c.digest) is not None
            row("delta reuse: LocalChunks.read (read + re-verify)", best(reuse, args.repeat))
        finally:
            services.close()
            src.unlink()

    base = min(s for _, s in rows[:3])
    print()
    print(table(["path", "MiB/s", "x raw sha256", "s per GiB"],
                [[name + (" (baseline)" if s == base and i < 3 else ""), f"{n / s / MiB:.0f}", f"{base / s:.3f}",
                  f"{s / (n / (1024 * MiB)):.2f}"] for i, (name, s) in enumerate(rows)]))
    print("\nfor scale: a 2 Mbit/s link delivers 0.24 MiB/s")


if __name__ == "__main__":
    main()
