"""Shared helpers for the sync benchmarks (plain scripts, not tests).

The fault server runs in a child process so that its pacing threads never compete with the
code under measurement for the GIL; it binds 127.0.0.1 port 0 only.
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

KiB = 1024
MiB = 1024 * 1024


# --- the link: FaultServer in a child process -------------------------------------------------
def _serve(conn, root: str, faults: dict) -> None:  # noqa: ANN001 - multiprocessing pipe
    sys.path.insert(0, str(REPO_ROOT))
    from tests.helpers.faultserver import Faults, FaultServer

    with FaultServer(Path(root), Faults(**faults)) as srv:
        conn.send(srv.url)
        while True:
            msg = conn.recv()
            if msg == "stats":
                inner = srv._server  # noqa: SLF001 - a bench may look inside
                with inner.lock:
                    conn.send({"bytes_sent": inner.bytes_sent, "requests": inner.requests,
                               "per_path": dict(inner.per_path)})
            else:
                conn.send("bye")
                return


class ServerProcess:
    """FaultServer(root, Faults(**faults)) in a child process: .url, .stats()."""

    def __init__(self, root: Path, **faults: object):
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, str(root), faults), daemon=True)

    def __enter__(self) -> ServerProcess:
        self._proc.start()
        self.url = self._conn.recv()
        return self

    def stats(self) -> dict:
        self._conn.send("stats")
        return self._conn.recv()

    def blob_bytes(self, relpath: str) -> int:
        return self.stats()["per_path"].get("/" + relpath, 0)

    def __exit__(self, *exc: object) -> None:
        try:
            self._conn.send("stop")
            self._conn.recv()
        except (OSError, EOFError):
            pass
        self._proc.join(5)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()


# --- temp dirs, machine, tables ---------------------------------------------------------------
@contextmanager
def workdir(prefix: str, keep: bool = False):
    path = Path(tempfile.mkdtemp(prefix=f"eduteach-bench-{prefix}-"))
    try:
        yield path
    finally:
        if keep:
            print(f"(kept {path})")
        else:
            shutil.rmtree(path, ignore_errors=True)


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / MiB:.1f} GiB RAM"
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {mem}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def curl_version() -> str:
    try:
        return subprocess.run(["curl", "--version"], capture_output=True, text=True, encoding="utf-8").stdout.split("\n")[0]
    except OSError:
        return "curl not found"


def table(headers: list[str], rows: list[list[object]]) -> str:
    cells = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    def line(r: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))) + " |"
    out = [line(headers), "|" + "|".join(("-" * (w + 1) + ":") if i else ("-" * (w + 2)) for i, w in enumerate(widths)) + "|"]
    out += [line(r) for r in cells]
    return "\n".join(out)


def mib(n: float) -> str:
    return f"{n / MiB:.2f}"


def rand_bytes(seed: int, n: int) -> bytes:
    """n reproducible pseudo-random bytes (incompressible, like media)."""
    rng = __import__("random").Random(seed)
    piece = 16 * MiB
    return b"".join(rng.randbytes(min(piece, n - i)) for i in range(0, n, piece))


# --- what a sync moves, and the same bytes for curl ----------------------------------------
def blob_list(repo) -> list[tuple[str, int]]:  # noqa: ANN001 - tests.helpers.lessons.TestRepo
    """Every blob the sync must install (files and chunk indexes), once, in catalog order."""
    from eduteach_protocol.catalog import Catalog
    from eduteach_protocol.repo_layout import blob_relpath

    cat = Catalog.from_bytes(repo.writer.current_catalog_bytes())
    seen: dict[str, int] = {}
    for lesson in cat.lessons:
        for f in lesson.files:
            if f.index and f.index not in seen:
                seen[f.index] = (repo.repo / blob_relpath(f.index)).stat().st_size
            seen.setdefault(f.sha256, f.size)
    return list(seen.items())


def metadata_list(repo_dir: Path) -> list[str]:
    """The signed files a fresh PC's sync reads before the first blob, in its order:
    timestamp, the snapshot and targets it names, the catalog the targets sign. (Not the
    next-root probe, a 404, nor the app-update check beside the lessons.)"""
    import json

    meta = repo_dir / "metadata"
    ts = json.loads((meta / "timestamp.json").read_text(encoding="utf-8"))
    snap_v = ts["signed"]["meta"]["snapshot.json"]["version"]
    snap = json.loads((meta / f"{snap_v}.snapshot.json").read_text(encoding="utf-8"))
    targets_v = snap["signed"]["meta"]["targets.json"]["version"]
    targets = json.loads((meta / f"{targets_v}.targets.json").read_text(encoding="utf-8"))
    catalog = targets["signed"]["targets"]["catalog.json"]["hashes"]["sha256"]
    return ["metadata/timestamp.json", f"metadata/{snap_v}.snapshot.json",
            f"metadata/{targets_v}.targets.json", f"targets/{catalog}.catalog.json"]


def write_curl_config(cfg: Path, base_url: str, blobs: list[tuple[str, int]],
                      first: Sequence[str] = ()) -> None:
    """A curl -K file fetching the relpaths `first`, then every blob, from base_url (ending
    in "/") to /dev/null."""
    from eduteach_protocol.repo_layout import blob_relpath

    with open(cfg, "w", encoding="utf-8") as fh:
        for relpath in [*first, *(blob_relpath(sha) for sha, _ in blobs)]:
            fh.write(f'url = "{base_url}{relpath}"\noutput = "/dev/null"\n')
