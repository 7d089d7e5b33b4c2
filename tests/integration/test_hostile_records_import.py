"""Hostile record files handed to `eduteach-hub records import` from a stick: links, FIFOs,
devices, sparse giants, gzip bombs, deep JSON and escape sequences are refused with one
line each, never hang, never print a traceback, and store nothing."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from eduteach_hub.records_import import MAX_FILE_BYTES
from eduteach_protocol import record_file as records_file
from tests.integration.hubproc import init_home, run_cli, sql


def _refused_lines(stderr: str) -> list[str]:
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if "refused" in line]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_links_fifos_devices_and_giants_refused(tmp_path: Path) -> None:
    home = init_home(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    secret = tmp_path / "secret.etrec"
    secret.write_bytes(b"\x1f\x8b not a record file, but it is not on the stick")
    (stick / "link.etrec").symlink_to(secret)
    os.mkfifo(stick / "fifo.etrec")
    (stick / "zero.etrec").symlink_to("/dev/zero")
    with open(stick / "sparse.etrec", "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    (stick / "loop.etrec").symlink_to(stick / "loop.etrec")
    names = ["link", "fifo", "zero", "sparse", "loop"]
    # A timeout here is the bug (a FIFO blocks open() and read() forever).
    res = run_cli("records", "import", *(str(stick / f"{n}.etrec") for n in names),
                  str(stick / "bad\x1b[31mname.etrec"), home=home, timeout=60)
    assert res.returncode == 1
    lines = _refused_lines(res.stderr)
    assert len(lines) == len(names) + 1, res.stderr
    assert "is a link" in lines[0] and "FIFO" in lines[1] and "is a link" in lines[2]
    assert "is a link" in lines[4]
    assert f"{MAX_FILE_BYTES:,}" in lines[3]
    assert "\x1b" not in res.stderr and "\\x1b[31m" in lines[5]
    assert sql(home, "SELECT count(*) FROM statements") == (0,)


def test_bombs_and_deep_json_refused(tmp_path: Path) -> None:
    home = init_home(tmp_path)
    deep = tmp_path / "deep.etrec"
    deep.write_bytes(gzip.compress(b"[" * 200_000 + b"]" * 200_000))
    wrong_types = tmp_path / "types.etrec"
    wrong_types.write_bytes(gzip.compress(
        b'{"format":"eduteach-records","format_version":1,"device_id":1,"school_code":"x",'
        b'"created":"x","statements":[],"signature":"x"}'))
    bad_utf8 = tmp_path / "utf8.etrec"
    bad_utf8.write_bytes(gzip.compress(b'{"format":"\xff\x00"}'))
    res = run_cli("records", "import", str(deep), str(wrong_types), str(bad_utf8), home=home)
    assert res.returncode == 1
    assert len(_refused_lines(res.stderr)) == 3, res.stderr
    assert sql(home, "SELECT count(*) FROM statements") == (0,)


def test_gzip_bomb_stops_at_the_limit() -> None:
    # 64 KiB of gzip that inflates to 64 MiB: refused after limit + 1 bytes, not inflated whole.
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024))
    with pytest.raises(records_file.RecordsFileError) as exc:
        records_file.decode(bomb, limit=1024 * 1024)
    assert exc.value.code == "too_large"
