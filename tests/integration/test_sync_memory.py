"""Endless and gzip-bomb metadata cost a syncing PC almost nothing: `eduteach sync` runs as a
child process against a hostile server, and its peak RSS (the child's VmHWM) is compared
with the same sync against an honest server, measured in the same run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eduteach_desktop.cli.main import EXIT_OK, EXIT_REFUSED
from tests.helpers.faultserver import Faults, FaultServer
from tests.helpers.lessons import TestRepo, write_lesson
from tests.helpers.pcs import synced_data_dir

MiB = 1024 * 1024
# What reading metadata may add to the child's peak over the honest run: the caps are
# 16 KB (timestamp) and 500 KB (root); before them every read could take 64 MiB.
ALLOWED_EXTRA = 16 * MiB


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> TestRepo:
    repo = TestRepo(tmp_path_factory.mktemp("hub"))
    write_lesson(repo.src, "song-a")
    repo.publish()
    return repo


@pytest.fixture
def data(tmp_path: Path, hub: TestRepo) -> Path:
    return synced_data_dir(tmp_path / "pc", hub)


# The child writes its own VmHWM (the peak resident set of this process image) as it exits.
# ru_maxrss from wait4 cannot be used: Linux carries the parent's high-water mark into a
# child across fork and exec, so every child would report pytest's own size.
_CHILD = """
import sys
from eduteach_desktop.launcher import main
try:
    code = main(sys.argv[2:])
finally:
    with open("/proc/self/status", encoding="ascii") as status:
        hwm = next(line for line in status if line.startswith("VmHWM:")).split()[1]
    with open(sys.argv[1], "w", encoding="ascii") as out:
        out.write(hwm)
sys.exit(code)
"""


def measured_sync(data: Path, url: str, log: Path) -> tuple[int, int]:
    """(exit code, peak RSS in bytes) of `eduteach sync --from url` in a child process."""
    hwm = log.with_suffix(".hwm")
    with open(log, "wb") as out:
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, str(hwm), "--data-dir", str(data), "sync", "--from", url,
             "--retry-budget", "0"],
            stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ, EDUTEACH_LANG="en", PYTHONIOENCODING="utf-8"), timeout=300,
        )
    return proc.returncode, int(hwm.read_text(encoding="utf-8", errors="replace")) * 1024  # VmHWM is in kB


@pytest.mark.parametrize(
    "faults, words",
    [
        (Faults(endless_paths={"metadata/timestamp.json"}), "far too large"),
        (Faults(endless_paths={"metadata/2.root.json"}), "far too large"),
        (Faults(gzip_bomb_paths={"metadata/timestamp.json": 512 * MiB}), "Content-Encoding: gzip"),
        (Faults(gzip_bomb_paths={"metadata/2.root.json": 512 * MiB}), "Content-Encoding: gzip"),
    ],
    ids=["endless-timestamp", "endless-root", "gzip-bomb-timestamp", "gzip-bomb-root"],
)
def test_hostile_metadata_keeps_the_childs_peak_memory_bounded(
    data: Path, hub: TestRepo, tmp_path: Path, faults: Faults, words: str
):
    with FaultServer(hub.repo) as honest:
        code, baseline = measured_sync(data, honest.url, tmp_path / "honest.log")
    assert code == EXIT_OK, (tmp_path / "honest.log").read_text(encoding="utf-8", errors="replace")
    with FaultServer(hub.repo, faults) as hostile:
        code, peak = measured_sync(data, hostile.url, tmp_path / "hostile.log")
        sent = hostile.bytes_sent
    log = (tmp_path / "hostile.log").read_text(encoding="utf-8", errors="replace")
    print(f"peak RSS: honest {baseline / MiB:.1f} MiB, hostile {peak / MiB:.1f} MiB; server sent {sent / MiB:.1f} MiB")
    assert code == EXIT_REFUSED, log
    assert words in log and "Traceback" not in log
    assert peak - baseline < ALLOWED_EXTRA
