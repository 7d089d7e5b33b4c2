"""Every command of both CLIs, driven into its likely failures, ends in ONE line on stderr and
a non-zero exit: never a traceback, never a library's own text.

The failures are real: a closed port on 127.0.0.1, a real HTTP server answering 401, a full
filesystem (a tiny tmpfs) and a read-only one (a tmpfs remounted read-only), and another
process holding the data dir's writer lock. Mounting needs root: without it those cases skip.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eduteach_desktop.cli.main import main as eduteach
from eduteach_hub.cli import main as eduteach_hub
from tests.helpers.envskip import skip_for_setup
from tests.helpers.refusing import closed_port, refusing_server

# Words that belong to libraries, not to a sentence for a technician.
LIBRARY_TEXT = ("Traceback", "HTTPConnectionPool", "Max retries", "ConnectionResetError", "Errno",
                "NewConnectionError", "urllib3", "sqlite3.", "OperationalError", "disk I/O error",
                "database or disk is full", "attempt to write a readonly database", "unexpected error")


def _one_line_failure(capsys: pytest.CaptureFixture[str], code: int) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code != 0, err
    assert len(lines) == 1, err
    for text in LIBRARY_TEXT:
        assert text not in err, err
    return lines[0]


# --- the environments ------------------------------------------------------------------------
@pytest.fixture
def refusing_hub() -> Iterator[str]:
    with refusing_server(401) as url:
        yield url


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the demo lessons and one waiting record (built once, copied per test)."""
    from eduteach_desktop.services import Services

    root = tmp_path_factory.mktemp("demo") / "data"
    assert eduteach(["--data-dir", str(root), "import-demo"]) == 0
    s = Services.open(root)
    try:
        lesson = s.library.installed_lessons()[0]
        s.usage.record_play(lesson, s.clock.now(), 12.0, False)
    finally:
        s.close()
    return root


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".writer.lock"))
    return dst


def _enrolled(root: Path, hub: str) -> Path:
    from eduteach_desktop.services import Services
    from eduteach_desktop.store import settings as keys

    s = Services.open(root)
    try:
        s.settings.update({keys.DEVICE_ID: "dev-1", keys.DEVICE_SECRET: "s3cret", keys.HUB_URL: hub,
                           keys.REPO_URL: hub + "repo/", keys.SCHOOL_CODE: "S1", keys.SCHOOL_NAME: "S"})
        # A record to upload: a valid one (the outbox refuses a malformed record when it is saved).
        from eduteach_protocol import records

        origin = records.Origin("dev-1", "4201000051", "420100", "0.0.0")
        with s.db.transaction() as conn:
            record = records.voiding_statement(origin, "00000000-0000-4000-8000-000000000001",
                                               s.outbox.next_seq(conn), "00000000-0000-4000-8000-000000000002",
                                               "2026-03-02T08:00:00Z")
            s.outbox.add_in(conn, "usage", record)
    finally:
        s.close()
    return root


@pytest.fixture
def mounts(tmp_path: Path) -> Iterator[list[Path]]:
    mounted: list[Path] = []
    yield mounted
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)


def _cannot(reason: str) -> None:
    # CI runs as root (.ci/run): there, a case that cannot run is a failure, not a skip.
    (pytest.fail if os.environ.get("CI") else skip_for_setup)(reason)


def _tmpfs(mounted: list[Path], point: Path, size: str) -> Path:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        _cannot("mounting a small filesystem needs root")
    point.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                          capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        _cannot(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    mounted.append(point)
    return point


def _fill(point: Path) -> None:
    """Write until the filesystem says it is full."""
    with open(point / "filler", "wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    # The last partial block may still fit a few bytes: take them too.
    for i in range(64):
        try:
            (point / f"crumb{i}").write_bytes(b"\0" * 512)
        except OSError:
            break


def _read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)


@pytest.fixture
def lock_holder() -> Iterator[object]:
    """Another process holding a data dir's writer lock, as a running app does."""
    procs: list[subprocess.Popen[str]] = []

    def hold(root: Path) -> None:
        code = ("import fcntl, sys; fh = open(sys.argv[1], 'a+b'); "
                "fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB); print('held', flush=True); "
                "sys.stdin.read()")
        proc = subprocess.Popen([sys.executable, "-c", code, str(root / ".writer.lock")],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        procs.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"

    yield hold
    for proc in procs:
        proc.communicate("", timeout=10)


# --- eduteach ---------------------------------------------------------------------------------
SERVICE_COMMANDS = [
    ["enroll", "http://127.0.0.1:9/", "ABCD-EFGH-JKLM"],
    ["sync", "--quiet"],
    ["upload"],
    ["status"],
    ["lessons"],
    ["export", "{out}"],
    ["records", "export", "{out}"],
    ["verify"],
    ["import-demo"],
]


def _argv(root: Path, command: list[str], out: Path) -> list[str]:
    return ["--data-dir", str(root), *[a.replace("{out}", str(out)) for a in command]]


@pytest.mark.parametrize("command", SERVICE_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_locked_data_dir(command, demo_dir, tmp_path, lock_holder, capsys):
    root = _copy(demo_dir, tmp_path / "data")
    lock_holder(root)
    code = eduteach(_argv(root, command, tmp_path / "out"))
    line = _one_line_failure(capsys, code)
    assert line == (f"eduteach: another EduTeach is already using {root} (the app, or another command); close it "
                    "or wait for it to finish, then try again")


def test_doctor_works_while_the_data_dir_is_locked(demo_dir, tmp_path, lock_holder, capsys):
    root = _copy(demo_dir, tmp_path / "data")
    lock_holder(root)
    eduteach(["--data-dir", str(root), "doctor", "--no-probe", "--offline"])
    out = capsys.readouterr()
    assert "EduTeach is open now" in out.out and "[ OK ] database: intact" in out.out
    assert out.err == ""


def test_no_hub(demo_dir, tmp_path, capsys):
    url = f"http://127.0.0.1:{closed_port()}/"
    expected = (f"eduteach: cannot reach the county server at {url}: nothing answers there (connection "
                "refused: is the server running?); check the network and try again")

    line = _one_line_failure(capsys, eduteach(["--data-dir", str(tmp_path / "fresh"), "enroll", url, "ABCD-EFGH-JKLM"]))
    assert line == expected

    root = _enrolled(_copy(demo_dir, tmp_path / "data"), url)
    assert _one_line_failure(capsys, eduteach(["--data-dir", str(root), "upload"])) == expected

    code = eduteach(["--data-dir", str(root), "sync", "--quiet", "--retry-budget", "0"])
    line = _one_line_failure(capsys, code)
    assert line.startswith(f"eduteach sync: {url}repo/ not checked: ") and "nothing answers there" in line


def test_hub_refuses(demo_dir, tmp_path, refusing_hub, capsys):
    line = _one_line_failure(capsys, eduteach(["--data-dir", str(tmp_path / "fresh"), "enroll",
                                               refusing_hub, "ABCD-EFGH-JKLM"]))
    assert line == "eduteach: unknown device"

    root = _enrolled(_copy(demo_dir, tmp_path / "data"), refusing_hub)
    line = _one_line_failure(capsys, eduteach(["--data-dir", str(root), "upload"]))
    assert line == (f"eduteach: the county server at {refusing_hub} refused this PC's credential "
                    "(HTTP 401); enroll this PC again with a new code")

    line = _one_line_failure(capsys, eduteach(["--data-dir", str(root), "sync", "--quiet", "--retry-budget", "0"]))
    assert line.startswith(f"eduteach sync: {refusing_hub}repo/ refused: ") and "HTTP 401" in line


def test_disk_full(demo_dir, tmp_path, mounts, capsys):
    full = _tmpfs(mounts, tmp_path / "full", "4m")
    data = _copy(demo_dir, full / "data")
    _fill(full)
    for command in (["import-demo"], ["status"]):
        fresh = full / f"fresh-{command[0]}"
        line = _one_line_failure(capsys, eduteach(["--data-dir", str(fresh), *command]))
        assert line.startswith("eduteach: the disk is full (") or line.startswith("eduteach: cannot "), line
    hub = f"http://127.0.0.1:{closed_port()}/"
    for command in (["export", str(full / "repo")], ["records", "export", str(full)]):
        source = _enrolled(_copy(demo_dir, tmp_path / command[0]), hub)
        line = _one_line_failure(capsys, eduteach(["--data-dir", str(source), *command]))
        assert "the disk is full" in line or "No space left on device" in line, line
    assert data.is_dir()


def test_read_only(demo_dir, tmp_path, mounts, capsys):
    ro = _tmpfs(mounts, tmp_path / "ro", "16m")
    data = _copy(demo_dir, ro / "data")
    _read_only(ro)
    for command in (["status"], ["lessons"], ["verify"], ["import-demo"], ["sync", "--quiet"]):
        line = _one_line_failure(capsys, eduteach(["--data-dir", str(data), *command]))
        assert line.startswith(f"eduteach: cannot write to {data}: it is read-only"), line
    line = _one_line_failure(capsys, eduteach(["--data-dir", str(ro / "fresh"), "status"]))
    assert "read-only" in line
    source = _enrolled(_copy(demo_dir, tmp_path / "writable"), f"http://127.0.0.1:{closed_port()}/")
    for command in (["export", str(ro / "repo")], ["records", "export", str(ro)]):
        line = _one_line_failure(capsys, eduteach(["--data-dir", str(source), *command]))
        assert "read-only" in line.lower(), line


def test_doctor_on_a_read_only_and_a_full_data_dir(demo_dir, tmp_path, mounts, capsys):
    ro = _tmpfs(mounts, tmp_path / "ro", "16m")
    data = _copy(demo_dir, ro / "data")
    _read_only(ro)
    code = eduteach(["--data-dir", str(data), "doctor", "--no-probe", "--offline"])
    out = capsys.readouterr()
    assert code == 1 and "Traceback" not in out.out + out.err
    assert f"[FAIL] data folder: {data} is read-only" in out.out


@pytest.mark.parametrize("argv", [["bogus"], ["sync", "--retry-budget", "soon"], ["records"], ["--lang", "fr", "status"]])
def test_bad_arguments(argv, tmp_path, capsys):
    line = _one_line_failure(capsys, eduteach(["--data-dir", str(tmp_path), *argv]))
    assert line.startswith("eduteach: ") and line.endswith("(see `eduteach --help`)")


def test_a_bug_is_one_line_and_its_traceback_goes_to_the_log(demo_dir, tmp_path, capsys, monkeypatch):
    from eduteach_desktop.cli import main as cli_main

    def broken(_s: object, _args: object) -> int:
        raise KeyError("a bug")

    monkeypatch.setitem(cli_main.COMMANDS, "status", broken)
    root = _copy(demo_dir, tmp_path / "data")
    code = eduteach(["--data-dir", str(root), "status"])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    log = root / "logs" / "cli-errors.log"
    assert f"the details are in {log}" in err
    assert "Traceback" in log.read_text(encoding="utf-8") and "KeyError: 'a bug'" in log.read_text(encoding="utf-8")


def test_the_installed_command_never_shows_a_traceback(tmp_path):
    """The real entry point, as a technician runs it."""
    url = f"http://127.0.0.1:{closed_port()}/"
    exe = Path(sys.executable).with_name("eduteach")
    done = subprocess.run([str(exe), "--data-dir", str(tmp_path / "d"), "enroll", url, "ABCD-EFGH-JKLM"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"eduteach: cannot reach the county server at {url}: nothing answers there (connection refused: "
        "is the server running?); check the network and try again"]


# --- eduteach-hub -----------------------------------------------------------------------------
def test_hub_without_a_home(tmp_path, capsys):
    line = _one_line_failure(capsys, eduteach_hub(["school", "list", "--home", str(tmp_path / "none")]))
    assert line == f"eduteach-hub: error: {tmp_path / 'none'} is not a hub home (no hub.toml); run `eduteach-hub init` first"


@pytest.mark.parametrize("argv", [["bogus"], ["school"], ["init"], ["serve", "--port", "eighty"]])
def test_hub_bad_arguments(argv, capsys):
    line = _one_line_failure(capsys, eduteach_hub(argv))
    assert line.startswith("eduteach-hub: ") and line.endswith("(see `eduteach-hub --help`)")


@pytest.fixture(scope="module")
def hub_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("hub") / "home"
    assert eduteach_hub(["init", str(home), "--county", "511322"]) == 0
    return home


def test_hub_read_only_home(hub_home, tmp_path, mounts, capsys):
    ro = _tmpfs(mounts, tmp_path / "ro", "64m")
    home = Path(shutil.copytree(hub_home, ro / "home"))
    _read_only(ro)
    line = _one_line_failure(capsys, eduteach_hub(["school", "add", "5113220001", "--name", "一小", "--home", str(home)]))
    assert "read-only" in line or "cannot open the hub database" in line, line


def test_hub_full_disk(hub_home, tmp_path, mounts, capsys):
    full = _tmpfs(mounts, tmp_path / "full", "64m")
    home = Path(shutil.copytree(hub_home, full / "home"))
    _fill(full)
    line = _one_line_failure(capsys, eduteach_hub(["school", "add", "5113220001", "--name", "一小", "--home", str(home)]))
    assert "full" in line or "free space" in line, line


def test_hub_database_locked_by_another_process(hub_home, tmp_path, capsys):
    """Another process holds the hub database's write lock past the busy timeout."""
    home = Path(shutil.copytree(hub_home, tmp_path / "home"))
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.execute('BEGIN EXCLUSIVE'); print('held', flush=True); sys.stdin.read()")
    holder = subprocess.Popen([sys.executable, "-c", code, str(home / "hub.sqlite3")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        line = _one_line_failure(capsys, eduteach_hub(["school", "add", "5113220001", "--name", "一小",
                                                       "--home", str(home)]))
    finally:
        holder.communicate("", timeout=10)
    assert "busy" in line, line


def test_hub_database_server_unreachable(hub_home, tmp_path, capsys):
    pytest.importorskip("psycopg")
    home = Path(shutil.copytree(hub_home, tmp_path / "home"))
    config = home / "hub.toml"
    url = f"postgresql+psycopg://hub:pw@127.0.0.1:{closed_port()}/eduteach"
    config.write_text(f'db_url = "{url}"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    line = _one_line_failure(capsys, eduteach_hub(["school", "list", "--home", str(home)]))
    assert line == ("eduteach-hub: error: cannot use the hub database (is it running, and is db_url in "
                    "hub.toml right?)"), line


def test_damaged_database(demo_dir, tmp_path, capsys):
    root = _copy(demo_dir, tmp_path / "data")
    for name in ("eduteach.sqlite3-wal", "eduteach.sqlite3-shm"):
        (root / name).unlink(missing_ok=True)
    (root / "eduteach.sqlite3").write_bytes(b"not a database, a teacher's essay " * 200)
    for command in (["status"], ["lessons"], ["sync", "--quiet"]):
        line = _one_line_failure(capsys, eduteach(["--data-dir", str(root), *command]))
        assert line == f"eduteach: the lesson database in {root} is damaged; run `eduteach doctor` for what to do"
    code = eduteach(["--data-dir", str(root), "doctor", "--no-probe", "--offline"])
    out = capsys.readouterr()
    assert code == 1 and "[FAIL] database: eduteach.sqlite3 is damaged and cannot be read" in out.out
    assert out.err == ""


def test_enroll_from_a_bad_or_missing_file(tmp_path, capsys):
    junk = tmp_path / "stick" / "school.etenroll"
    junk.parent.mkdir()
    junk.write_bytes(b"PK\x03\x04 not what the county made")
    line = _one_line_failure(capsys, eduteach(["--data-dir", str(tmp_path / "d"), "enroll", "--file", str(junk)]))
    assert line == ("eduteach: this is not an EduTeach enrollment file; copy the .etenroll file the county "
                    "gave you")
    line = _one_line_failure(capsys, eduteach(["--data-dir", str(tmp_path / "d"), "enroll", "--file",
                                               str(tmp_path / "empty-stick")]))
    assert line.startswith("eduteach: no enrollment file (.etenroll) in ")


def test_hub_serve_on_a_port_in_use(hub_home):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        exe = Path(sys.executable).with_name("eduteach-hub")
        done = subprocess.run([str(exe), "serve", "--home", str(hub_home), "--host", "127.0.0.1", "--port", str(port)],
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"eduteach-hub: error: cannot listen on 127.0.0.1:{port}: Address already in use"]
