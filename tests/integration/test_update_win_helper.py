"""The detached helper that installs a downloaded version after EduTeach closed
(update/win_helper.py). Windows is where it matters (a running program's files are locked)
and no Windows machine runs these tests: its command line and creation flags are checked
as they would be passed to Windows, its waiting runs against real processes here, its
Windows-path bookkeeping (slots\\X.Y.Z, `current`, pruning) runs with a stand-in installer,
and the Windows file rules run through the winsem double (tests/helpers/winsem.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from eduteach_desktop.store.datadir import DataDir
from eduteach_desktop.update import win_helper
from eduteach_desktop.update.apply import BundleSlots, inno_setup_command
from eduteach_desktop.update.boot import Supervisor
from eduteach_desktop.update.identity import WINDOWS, AppIdentity
from eduteach_desktop.update.layout import program_in, valid_slot_name
from eduteach_desktop.update.state import StateFile
from tests.integration.test_app_update_pc import County, Pc, healthy_program


@pytest.fixture
def county(tmp_path: Path) -> County:
    return County(tmp_path)


def _idle_child() -> subprocess.Popen[bytes]:
    """A real process standing in for the running app: it lives until its stdin closes."""
    return subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)


def _deps(sup: Supervisor, **over) -> win_helper.HelperDeps:
    deps = win_helper.HelperDeps(wait=lambda pid, t: win_helper.wait_for_exit(pid, t, poll=0.05),
                                 app_open=lambda d: DataDir(d).writer_lock_held(),
                                 class_open=win_helper.class_left_open, supervisor=lambda d: sup)
    for key, value in over.items():
        setattr(deps, key, value)
    return deps


def _staged_pc(tmp_path: Path, county: County) -> tuple[Pc, Supervisor]:
    county.publish_app("2.0.0")
    pc = Pc(tmp_path, county)
    with pc.open() as s:
        s.sync([str(county.repo)])
        sup = s.updates.supervisor
    assert sup.staged() is not None
    return pc, sup


def test_the_helper_is_started_detached_with_the_exact_command_line(tmp_path: Path, monkeypatch):
    started = []

    class FakePopen:
        def __init__(self, args, **kwargs):
            started.append((args, kwargs))

    monkeypatch.setattr(subprocess, "Popen", FakePopen)
    exe = Path("C:/Program Files/EduTeach/slots/1.0.0/eduteach.exe")
    data = Path("D:/教学点 数据/EduTeach")
    win_helper.start_helper(win_helper.helper_program(exe), 4242, data, windows=True)
    (args, kwargs), = started
    assert args == [str(exe), "--apply-update-after", "4242", "--data-dir", str(data)]
    assert kwargs["creationflags"] == 0x00000008 | 0x00000200  # DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP
    assert kwargs["close_fds"] is True and kwargs["cwd"] == str(data)  # never the program folder: no lock on it
    assert kwargs["stdin"] == kwargs["stdout"] == kwargs["stderr"] == subprocess.DEVNULL
    assert "start_new_session" not in kwargs
    # On Windows the list becomes one command line: the paths with spaces and Chinese stay whole.
    line = subprocess.list2cmdline(args)
    assert '"D:/教学点 数据/EduTeach"' in line and '"C:/Program Files/EduTeach/slots/1.0.0/eduteach.exe"' in line

    started.clear()
    win_helper.start_helper(win_helper.helper_program(None, python="/usr/bin/python3"), 7, data, windows=False)
    (args, kwargs), = started
    assert args[:3] == ["/usr/bin/python3", "-m", "eduteach_desktop.update.win_helper"]
    assert kwargs["start_new_session"] is True and "creationflags" not in kwargs


def test_the_installer_command_line_keeps_awkward_paths_whole():
    cmd = inno_setup_command(Path("D:/教学点 数据/updates/staged/ab12"), Path("C:/Program Files/教学点 EduTeach"),
                             Path("D:/教学点 数据/updates/install.log"))
    assert cmd[1:7] == ["/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/SP-", "/TRIAL", "/NOCLOSEAPPLICATIONS"]
    line = subprocess.list2cmdline(cmd)
    assert '"/DIR=C:/Program Files/教学点 EduTeach"' in line and '"/LOG=D:/教学点 数据/updates/install.log"' in line


def test_waiting_follows_a_real_process_until_it_ends():
    child = _idle_child()
    assert win_helper.pid_alive(child.pid)
    # Still running: the helper gives up after its time, and says so.
    assert win_helper.wait_for_exit(child.pid, 0.3, poll=0.05) is False
    child.stdin.close()
    child.wait()
    assert not win_helper.pid_alive(child.pid)
    assert win_helper.wait_for_exit(child.pid, 5, poll=0.05) is True


def test_the_helper_installs_only_after_the_app_has_exited(tmp_path: Path, county: County):
    pc, sup = _staged_pc(tmp_path, county)
    app = _idle_child()
    outcome: list[str] = []
    helper = threading.Thread(target=lambda: outcome.append(win_helper.run(app.pid, pc.data, _deps(sup), 120)))
    helper.start()
    try:
        # The app is running: nothing may be installed yet.
        assert helper.is_alive() and StateFile(sup.folder).load().state == "staged"
        assert not (pc.install / "slots" / "b").exists()
    finally:
        app.stdin.close()
        app.wait()
    helper.join(120)
    assert outcome == [win_helper.INSTALLED]
    state = StateFile(sup.folder).load()
    assert state.state == "applied" and state.trial and state.trial["slot"] == "b"
    assert (pc.install / "slots" / "b" / "eduteach-version.txt").read_text(encoding="utf-8") == "2.0.0"
    assert BundleSlots(pc.install).current() == "a"  # `current` moves only once 2.0.0 proves healthy


def test_the_helper_starts_nothing_if_eduteach_was_opened_again(tmp_path: Path, county: County):
    pc, sup = _staged_pc(tmp_path, county)
    with pc.open():  # the teacher opened EduTeach again: it holds the data folder
        assert win_helper.run(999_999_999, pc.data, _deps(sup), 5) == win_helper.APP_REOPENED
    assert StateFile(sup.folder).load().state == "staged"


def test_the_helper_starts_nothing_if_a_class_was_left_open(tmp_path: Path, county: County):
    pc, sup = _staged_pc(tmp_path, county)
    with pc.open() as s:
        s.sessions.start("music", [1, 2])
    assert win_helper.run(999_999_999, pc.data, _deps(sup), 5) == win_helper.CLASS_OPEN
    assert StateFile(sup.folder).load().state == "staged"
    assert not (pc.install / "slots" / "b").exists()


def _windows_install(tmp_path: Path, root_name: str = "EduTeach") -> tuple[Path, AppIdentity]:
    root = tmp_path / root_name
    for version in ("0.9.0", "1.0.0"):
        slot = root / "slots" / version
        slot.mkdir(parents=True)
        (slot / "eduteach.exe").write_text(healthy_program(), encoding="utf-8")
        (slot / "eduteach.exe").chmod(0o755)
        (slot / "eduteach-version.txt").write_text(version, encoding="utf-8")
    BundleSlots(root).set_current("1.0.0")
    exe = root / "slots" / "1.0.0" / "eduteach.exe"
    return root, AppIdentity("1.0.0", "windows-x64", WINDOWS, exe.parent, exe)


def _stand_in_installer(root: Path, code: int = 0):
    """What the Inno Setup installer does with /TRIAL (eduteach.iss): the version in its own
    folder, `current` left alone. Records each command line it was given."""
    given: list[list[str]] = []

    def run(cmd, **kwargs):
        given.append(cmd)
        if code == 0:
            slot = root / "slots" / "2.0.0"
            slot.mkdir(parents=True)
            (slot / "eduteach.exe").write_text(healthy_program(), encoding="utf-8")
            (slot / "eduteach.exe").chmod(0o755)
            (slot / "eduteach-version.txt").write_text("2.0.0", encoding="utf-8")
        return subprocess.CompletedProcess(cmd, code, b"", b"")

    return run, given


@pytest.mark.parametrize("root_name", ["EduTeach", "教学点 数字课堂"])
def test_the_windows_path_installs_into_a_versioned_slot_and_keeps_the_previous(tmp_path: Path, county: County,
                                                                                 root_name: str):
    pc, staged_sup = _staged_pc(tmp_path, county)
    root, ident = _windows_install(tmp_path, root_name)
    installer, given = _stand_in_installer(root)
    sup = Supervisor(staged_sup.folder, ident, staged_sup.packages, timeout=60, run=installer)
    release = sup.staged()
    assert release is not None and release.version == "2.0.0"
    assert win_helper.run(999_999_999, pc.data, _deps(sup), 5) == win_helper.INSTALLED
    (cmd,) = given
    assert cmd[0] == str(sup.packages.path(release.sha256))
    assert f"/DIR={root}" in cmd and "/TRIAL" in cmd and f"/LOG={sup.folder / 'install.log'}" in cmd
    state = sup.states.load()
    assert state.state == "applied" and state.trial["slot"] == "2.0.0" and state.trial["previous_slot"] == "1.0.0"
    assert program_in(root, "eduteach.exe") == root / "slots" / "1.0.0" / "eduteach.exe"  # still the old one

    outcome = sup.run_trial(["--data-dir", str(pc.data), "update", "--confirm-health"])
    assert outcome is not None and outcome.healthy, sup.states.load()
    outcome.process.wait()
    assert program_in(root, "eduteach.exe") == root / "slots" / "2.0.0" / "eduteach.exe"
    # The running version and the one before it stay; older ones go.
    assert sorted(p.name for p in (root / "slots").iterdir()) == ["1.0.0", "2.0.0"]


def test_a_failing_windows_installer_is_recorded_durably(tmp_path: Path, county: County):
    pc, staged_sup = _staged_pc(tmp_path, county)
    root, ident = _windows_install(tmp_path)
    installer, _ = _stand_in_installer(root, code=2)
    sup = Supervisor(staged_sup.folder, ident, staged_sup.packages, run=installer)
    assert win_helper.run(999_999_999, pc.data, _deps(sup), 5) == win_helper.INSTALL_FAILED
    on_disk = json.loads((sup.folder / "state.json").read_text(encoding="utf-8"))
    assert on_disk["state"] == "failed" and "exit code 2" in on_disk["last_error"]
    assert program_in(root, "eduteach.exe") == root / "slots" / "1.0.0" / "eduteach.exe"


def test_the_real_detached_helper_waits_and_records_its_outcome(tmp_path: Path, county: County):
    """The helper as a real detached process (from source here, so it cannot install: it
    must say so in state.json rather than touch anything)."""
    pc, sup = _staged_pc(tmp_path, county)
    app = _idle_child()
    helper = win_helper.start_helper(win_helper.helper_program(None), app.pid, pc.data)
    try:
        assert helper.poll() is None and StateFile(sup.folder).load().state == "staged"
    finally:
        app.stdin.close()
        app.wait()
    assert helper.wait(timeout=120) == 1
    state = StateFile(sup.folder).load()
    assert state.state == "failed" and "runs from source" in (state.last_error or "")
    assert "not installed" in (pc.data / "logs" / "update-helper.log").read_text(encoding="utf-8")


@pytest.mark.windows_semantics
def test_under_windows_rules_the_running_slot_is_locked_and_the_new_one_is_not(tmp_path: Path, county: County):
    """Why the app never replaces itself: its files are open while it runs. The update goes
    into another slot, which nothing holds open, and pruning skips what is locked."""
    from eduteach_protocol import durable

    pc, sup = _staged_pc(tmp_path, county)
    running = pc.install / "slots" / "a" / "eduteach"
    with open(running, "rb"):  # the running program's file, as Windows holds it
        with pytest.raises(OSError):
            durable.write_atomic(running, b"new program")
        assert "installed" in sup.apply_staged()  # into slots/b: allowed
        assert (pc.install / "slots" / "b" / "eduteach-version.txt").read_text(encoding="utf-8") == "2.0.0"
        old = pc.install / "slots" / "0.9.0"
        old.mkdir()
        (old / "eduteach.exe").write_bytes(b"old")
        with open(old / "eduteach.exe", "rb"):
            BundleSlots(pc.install).prune({"a", "b"})  # a locked old folder stays, no error
            assert (old / "eduteach.exe").exists()
        BundleSlots(pc.install).prune({"a", "b"})
        assert not old.exists()


@pytest.mark.windows_semantics
def test_under_windows_rules_reserved_and_odd_slot_names_are_never_started(tmp_path: Path):
    root = tmp_path / "教学点 EduTeach"
    (root / "slots" / "1.0.0").mkdir(parents=True)
    (root / "slots" / "1.0.0" / "eduteach.exe").write_bytes(b"program")
    for bad in ("CON", "..", "a/../../x", "1.0.0 ", "NUL.txt", "../1.0.0"):
        assert not valid_slot_name(bad)
        (root / "current").write_text(bad, encoding="utf-8")
        assert program_in(root, "eduteach.exe") == root / "slots" / "1.0.0" / "eduteach.exe"
    with pytest.raises(OSError):
        (root / "slots" / "CON").mkdir()  # Windows itself refuses the name
