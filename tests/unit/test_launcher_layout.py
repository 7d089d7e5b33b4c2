"""The launchers of the A/B layout (eduteach_desktop/update/layout.py), run for real: the
portable start script and the .deb's /usr/bin/eduteach script under /bin/sh, the Python
rule the Windows launcher uses with a real child process, and the data folder a program
in a slot finds (the portable marker and data-dir.txt live at the layout's root)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eduteach_desktop.store import datadir
from eduteach_desktop.update.layout import (
    DEB_START_SCRIPT,
    DEB_SYSTEM_APP,
    PORTABLE_START_SCRIPT,
    launch,
    program_folder,
    program_in,
    user_slots_root,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the start scripts are POSIX sh")

# A stand-in program: says which copy it is and what it was given.
PROGRAM = '#!/bin/sh\necho "{name}"; for a in "$@"; do echo "arg:$a"; done\n'


def _program(folder: Path, name: str, version: str | None = None, exe: str = "eduteach") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / exe).write_text(PROGRAM.format(name=name), encoding="utf-8")
    (folder / exe).chmod(0o755)
    if version:
        (folder / "eduteach-version.txt").write_text(version, encoding="utf-8")
    return folder / exe


def _script(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path


def _run(cmd: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # The scripts echo their arguments as bytes: a path's bytes are in the file system's
    # encoding (GB18030 under the CI's zh_CN.GB18030 run), not always UTF-8.
    return subprocess.run(cmd, capture_output=True, text=True, encoding=sys.getfilesystemencoding(),
                          errors=sys.getfilesystemencodeerrors(), env=env, timeout=60)


def test_the_portable_start_script_runs_the_slot_current_names(tmp_path: Path):
    root = tmp_path / "U盘 EduTeach"  # a stick's folder: a space and Chinese
    start = _script(root / "eduteach", PORTABLE_START_SCRIPT)
    _program(root / "slots" / "a", "slot a")
    _program(root / "slots" / "b", "slot b")
    (root / "current").write_text("b", encoding="utf-8")
    done = _run([str(start), "--data-dir", str(tmp_path / "数据 folder"), "sync"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["slot b", "arg:--data-dir", f"arg:{tmp_path / '数据 folder'}", "arg:sync"]

    # Through a symlink (a desktop entry, /usr/local/bin): it still finds its own folder.
    link = tmp_path / "bin" / "eduteach"
    link.parent.mkdir()
    link.symlink_to(start)
    assert _run([str(link)]).stdout.splitlines() == ["slot b"]

    (root / "current").write_text("../../etc", encoding="utf-8")  # never leaves slots/
    assert _run([str(start)]).stdout.splitlines() == ["slot a"]
    (root / "current").write_text("b", encoding="utf-8")
    (root / "slots" / "b" / "eduteach").unlink()  # a slot deleted by hand: the other starts
    assert _run([str(start)]).stdout.splitlines() == ["slot a"]
    (root / "slots" / "a" / "eduteach").unlink()
    gone = _run([str(start)])
    assert gone.returncode == 127 and "no program" in gone.stderr


def _deb_env(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    system = tmp_path / "opt" / "eduteach" / "app"
    start = _script(tmp_path / "opt" / "eduteach" / "eduteach", DEB_START_SCRIPT.replace(DEB_SYSTEM_APP, str(system)))
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_DATA_HOME",)}
    env["HOME"] = str(home)
    return system, start, env


def test_the_deb_start_script_prefers_the_users_newer_slot_and_falls_back_to_the_package(tmp_path: Path):
    system, start, env = _deb_env(tmp_path)
    _program(system, "package 1.0.0", "1.0.0")
    assert _run([str(start), "status"], env).stdout.splitlines() == ["package 1.0.0", "arg:status"]

    user = user_slots_root(env)
    assert user == tmp_path / "home" / ".local" / "share" / "eduteach-app"
    _program(user / "slots" / "a", "user 2.0.0", "2.0.0")
    assert _run([str(start)], env).stdout.splitlines() == ["package 1.0.0"]  # no `current` yet: on trial only
    (user / "current").write_text("a", encoding="utf-8")  # 2.0.0 proved healthy
    assert _run([str(start)], env).stdout.splitlines() == ["user 2.0.0"]

    _program(system, "package 10.0.0", "10.0.0")  # a technician installed a newer .deb
    assert _run([str(start)], env).stdout.splitlines() == ["package 10.0.0"]  # 10 > 2, not as text

    _program(user / "slots" / "b", "user 10.1.0", "10.1.0")
    (user / "current").write_text("b", encoding="utf-8")
    assert _run([str(start)], env).stdout.splitlines() == ["user 10.1.0"]

    (user / "slots" / "b" / "eduteach").unlink()
    assert _run([str(start)], env).stdout.splitlines() == ["package 10.0.0"]

    # $XDG_DATA_HOME moves the user's slots, as it moves the rest of the user's data.
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    moved = user_slots_root(env)
    _program(moved / "slots" / "a", "xdg 11.0.0", "11.0.0")
    (moved / "current").write_text("a", encoding="utf-8")
    assert _run([str(start)], env).stdout.splitlines() == ["xdg 11.0.0"]


def test_the_windows_launcher_rule_starts_the_current_slot_as_a_real_process(tmp_path: Path):
    root = tmp_path / "Program Files" / "教学点 EduTeach"
    _program(root / "slots" / "0.9.0", "0.9.0", "0.9.0", exe="eduteach.exe")
    _program(root / "slots" / "1.0.0", "1.0.0", "1.0.0", exe="eduteach.exe")
    (root / "current").write_text("0.9.0\r\n", encoding="utf-8")  # Inno Setup may end it with CRLF
    out = tmp_path / "out.txt"
    children: list[subprocess.Popen[bytes]] = []

    def spawn(args: list[str], **kwargs: object) -> None:
        with open(out, "wb") as fh:
            children.append(subprocess.Popen(args, stdout=fh, **kwargs))  # type: ignore[call-overload]

    assert launch(root, "eduteach.exe", ["--lang", "zh_CN"], spawn) == 0
    assert children[0].wait(timeout=60) == 0
    assert out.read_text(encoding="utf-8").splitlines() == ["0.9.0", "arg:--lang", "arg:zh_CN"]
    (root / "current").write_text("CON", encoding="utf-8")  # never a slot: the newest one starts
    assert program_in(root, "eduteach.exe") == root / "slots" / "1.0.0" / "eduteach.exe"
    for slot in ("0.9.0", "1.0.0"):
        (root / "slots" / slot / "eduteach.exe").unlink()
    assert launch(root, "eduteach.exe", [], spawn) == 127


def test_a_program_in_a_slot_shares_the_layouts_portable_data_and_data_dir_txt(tmp_path: Path, monkeypatch):
    root = tmp_path / "stick" / "EduTeach"
    exe = _program(root / "slots" / "b", "b")
    assert program_folder(exe.parent) == root
    assert program_folder(tmp_path / "plain") == tmp_path / "plain"
    assert program_folder(tmp_path / "slots" / "notaslot") == tmp_path / "slots" / "notaslot"
    monkeypatch.delenv(datadir.ENV_VAR, raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    (root / datadir.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert datadir.resolve_data_dir() == root / "data"  # the same data for slot a and slot b
    (root / datadir.PORTABLE_MARKER).unlink()
    (root / datadir.DATA_DIR_FILE).write_text(str(tmp_path / "D盘 数据") + "\n", encoding="utf-8")
    assert datadir.resolve_data_dir() == tmp_path / "D盘 数据"
