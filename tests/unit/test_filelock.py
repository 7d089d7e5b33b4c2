"""The one file lock: held by another process, free, missing, and never created by a probe."""

from __future__ import annotations

import subprocess
import sys

from eduteach_desktop.store.datadir import DataDir
from eduteach_protocol import filelock
from eduteach_protocol.sizes import format_size


def test_probe_sees_another_process_holding_the_lock(tmp_path):
    dd = DataDir(tmp_path / "data")
    assert dd.writer_lock_held() is False and not dd.writer_lock.exists()  # a probe creates nothing
    dd.acquire_writer_lock()
    try:
        code = "import sys; from eduteach_protocol.filelock import held_elsewhere; from pathlib import Path; " \
               "print(held_elsewhere(Path(sys.argv[1])))"
        out = subprocess.run([sys.executable, "-c", code, str(dd.writer_lock)], capture_output=True, text=True,
                             encoding="utf-8", timeout=60, check=True).stdout.strip()
        assert out == "True"
    finally:
        dd.release_writer_lock()
    assert dd.writer_lock_held() is False


def test_a_taken_lock_refuses_a_second_taker_without_waiting(tmp_path):
    path = tmp_path / "lock"
    with open(path, "a+b") as first, open(path, "a+b") as second:
        assert filelock.lock(first.fileno(), wait=False)
        assert not filelock.lock(second.fileno(), wait=False)  # flock: per open file, even in one process
        filelock.unlock(first.fileno())
        assert filelock.lock(second.fileno(), wait=False)


def test_format_size():
    assert [format_size(n) for n in (0, 1023, 1024, 1536, 5 * 2**20, 3 * 2**30, 5000 * 2**30)] == [
        "0 B", "1023 B", "1.0 KB", "1.5 KB", "5.0 MB", "3.0 GB", "5000.0 GB"]
