"""The filesystem layer (eduteach_protocol/durable.py) under injected faults, and under the
Windows-semantics double."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from eduteach_desktop.store.fileio import FileIO
from eduteach_protocol import durable
from tests.helpers.winsem import FakeClock, WindowsRuleError, WindowsSemantics


def _sharing_violation(path: Path) -> OSError:
    exc = PermissionError(errno.EACCES, "sharing violation", str(path))
    exc.winerror = 32  # type: ignore[attr-defined]
    return exc


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path):
    target = tmp_path / "a.json"
    durable.write_atomic(target, b"one")
    durable.write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_enospc_while_writing_keeps_the_old_file(tmp_path: Path):
    target = tmp_path / "a.json"
    durable.write_atomic(target, b"old")
    with pytest.raises(OSError) as err, durable.atomic_writer(target) as fh:
        fh.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert err.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"old"
    assert not target.with_name("a.json.tmp").exists()


def test_eio_on_fsync_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "a.json"
    durable.write_atomic(target, b"old")

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError) as err:
        durable.write_atomic(target, b"new")
    assert err.value.errno == errno.EIO
    assert target.read_bytes() == b"old"
    assert not target.with_name("a.json.tmp").exists()


def test_crash_between_write_and_replace_keeps_the_old_file_and_the_next_write_succeeds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "a.json"
    durable.write_atomic(target, b"old")

    class Crash(BaseException):
        pass

    real_replace = os.replace

    def crash(src: object, dst: object) -> None:
        raise Crash()

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(Crash):
        durable.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    # what a real power cut leaves: the synced temp file; the next write must not trip on it
    target.with_name("a.json.tmp").write_bytes(b"leftover")
    target.with_name("a.json.tmp").chmod(0o400)
    monkeypatch.setattr(os, "replace", real_replace)
    durable.write_atomic(target, b"newer")
    assert target.read_bytes() == b"newer"


def test_sharing_violations_are_retried_until_the_lock_goes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    clock = FakeClock()
    retry = durable.Retry(sleep=clock.sleep, monotonic=clock.monotonic)
    src, dst = tmp_path / "a.tmp", tmp_path / "a"
    src.write_bytes(b"x")
    real_replace = os.replace
    attempts = []

    def locked_for_two_seconds(a: object, b: object) -> None:
        attempts.append(clock.now)
        if clock.now < 2.0:
            raise _sharing_violation(dst)
        real_replace(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", locked_for_two_seconds)
    durable.replace(src, dst, retry=retry)
    assert dst.read_bytes() == b"x"
    assert len(attempts) > 2 and clock.now >= 2.0
    assert sum(clock.slept) <= retry.budget


def test_sharing_violation_retries_give_up_with_file_busy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    clock = FakeClock()
    retry = durable.Retry(sleep=clock.sleep, monotonic=clock.monotonic)
    target = tmp_path / "a"

    def always_locked(path: object) -> None:
        raise _sharing_violation(target)

    target.write_bytes(b"keep")
    monkeypatch.setattr(os, "unlink", always_locked)
    with pytest.raises(durable.FileBusyError) as err:
        durable.delete(target, retry=retry)
    assert isinstance(err.value, PermissionError)
    assert clock.now <= retry.budget  # bounded
    assert len(clock.slept) >= 4


def test_other_errors_are_not_retried(tmp_path: Path):
    clock = FakeClock()
    retry = durable.Retry(sleep=clock.sleep, monotonic=clock.monotonic)
    with pytest.raises(FileNotFoundError):
        durable.replace(tmp_path / "missing", tmp_path / "b", retry=retry)
    assert clock.slept == []


def test_append_is_durable_and_appends(tmp_path: Path):
    log = tmp_path / "list.txt"
    durable.append_durable(log, b"a\n")
    durable.append_durable(log, b"b\n")
    assert log.read_bytes() == b"a\nb\n"


def test_secret_mode_is_set_before_the_bytes_arrive(tmp_path: Path):
    target = tmp_path / "key"
    old = os.umask(0)
    try:
        durable.write_atomic(target, b"secret", mode=0o600)
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o600


def test_folder_swap_crash_at_every_step_leaves_a_complete_folder(tmp_path: Path):
    target = tmp_path / "trust"
    target.mkdir()
    (target / "root.json").write_bytes(b"old")

    class Cut(BaseException):
        pass

    for at in ("staged", "retired", "swapped"):
        staged = durable.staging_dir(target)
        durable.write_atomic(staged / "root.json", b"new")

        def cut(step: str, at: str = at) -> None:
            if step == at:
                raise Cut()

        with pytest.raises(Cut):
            durable.swap_dir(target, step=cut)
        durable.recover_dir_swap(target)  # the next start
        assert (target / "root.json").read_bytes() == (b"new" if at == "swapped" else b"old")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["trust"]
        durable.write_atomic(target / "root.json", b"old")


# --- under Windows' rules ---------------------------------------------------------------
@pytest.mark.windows_semantics
def test_the_double_refuses_what_windows_refuses(tmp_path: Path, winsem: WindowsSemantics):
    f = tmp_path / "a.bin"
    f.write_bytes(b"x")
    fd = os.open(f, os.O_RDONLY)
    try:
        with pytest.raises(OSError):
            os.fsync(fd)  # read-only handle
    finally:
        os.close(fd)
    with open(f, "rb"), pytest.raises(PermissionError):
        f.unlink()
    f.unlink()  # closed now: allowed
    with pytest.raises(WindowsRuleError):
        (tmp_path / "con.txt").write_bytes(b"")
    with pytest.raises(WindowsRuleError):
        (tmp_path / "a?b").write_bytes(b"")
    (tmp_path / "Lesson").write_bytes(b"")
    with pytest.raises(WindowsRuleError):
        (tmp_path / "lesson").write_bytes(b"")
    assert len(winsem.refused) == 5


@pytest.mark.windows_semantics
def test_fileio_fsyncs_through_a_writable_handle_under_windows_rules(tmp_path: Path, winsem: WindowsSemantics):
    io = FileIO(retry=winsem.retry())
    part = tmp_path / "blob.part"
    io.write_at(part, 0, b"chunk")
    io.fsync(part)  # the old code opened read-only here: every chunk commit failed on Windows
    io.write_file(tmp_path / "small.json", b"{}")
    io.replace(part, tmp_path / "blob")
    assert (tmp_path / "blob").read_bytes() == b"chunk"
    assert not any("fsync" in r for r in winsem.refused)


@pytest.mark.windows_semantics
def test_antivirus_holding_a_file_for_two_seconds_is_waited_out(tmp_path: Path, winsem: WindowsSemantics):
    target = tmp_path / "catalog.json"
    durable.write_atomic(target, b"old", retry=winsem.retry())
    winsem.hold(target, 2.0)
    durable.write_atomic(target, b"new", retry=winsem.retry())
    assert target.read_bytes() == b"new"
    assert 2.0 <= winsem.clock.now <= 3.0


@pytest.mark.windows_semantics
def test_antivirus_holding_too_long_gives_file_busy_and_keeps_the_old_file(tmp_path: Path,
                                                                           winsem: WindowsSemantics):
    target = tmp_path / "catalog.json"
    durable.write_atomic(target, b"old", retry=winsem.retry())
    winsem.hold(target, 60.0)
    with pytest.raises(durable.FileBusyError):
        durable.write_atomic(target, b"new", retry=winsem.retry())
    assert target.read_bytes() == b"old"


def test_durable_writes_go_only_through_the_layer():
    """HACKING.md: no os.replace/os.fsync outside eduteach_protocol/durable.py."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for package in ("eduteach_desktop", "eduteach_hub", "eduteach_protocol"):
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if rel == "eduteach_protocol/durable.py":
                continue
            text = path.read_text(encoding="utf-8")
            offenders += [f"{rel}: {call}" for call in ("os.replace(", "os.fsync(", "os.rename(")
                          if call in text]
    assert offenders == []
