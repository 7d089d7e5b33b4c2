"""Both command lines speak the user's language (eduteach_protocol/cli_i18n.py): Chinese one
line and the same exit code for a Chinese locale, English for LANG=C, --lang and
EDUTEACH_LANG over the locale, and Chinese that a GB18030 console prints."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from eduteach_protocol import cli_i18n

REPO = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")
LOCALE_VARS = ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "EDUTEACH_LANG", "PYTHONIOENCODING",
               "PYTHONUTF8", "EDUTEACH_HUB_HOME")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    env.update(HOME=str(tmp_path / "home"), EDUTEACH_DATA_DIR=str(tmp_path / "data"), **extra)
    return env


def _run(tmp_path: Path, program: str, *args: str, encoding: str = "utf-8", **env: str) -> tuple[int, str, str]:
    module = "eduteach_desktop" if program == "eduteach" else "eduteach_hub"
    proc = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, timeout=120,
                          env=_env(tmp_path, **env), cwd=REPO)
    out, err = proc.stdout.decode(encoding), proc.stderr.decode(encoding)
    assert "Traceback" not in out + err, err
    return proc.returncode, out, err


def _one_line(err: str, prog: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(prog + ": "), err
    return lines[0]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed when the block ends: connecting is refused


ZH = {"LANG": "zh_CN.UTF-8"}
EN = {"LANG": "C"}


@pytest.fixture(scope="module")
def hub_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hub")
    home = tmp / "home"
    code, out, err = _run(tmp, "eduteach-hub", "init", str(home), **EN)
    assert code == 0 and out.startswith(f"hub home created: {home}"), err
    return home


def test_the_catalog_is_complete_compiled_and_fits_a_gbk_console():
    proc = subprocess.run([sys.executable, "scripts/cli_translations.py", "--check"], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    from babel.messages.pofile import read_po

    with open(REPO / "resources" / "translations" / "cli" / "zh_CN.po", "rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                text.encode("gbk")  # a Windows console (code page 936) can show it


@pytest.mark.parametrize(("args", "code", "zh", "en"), [
    (["upload"], 1, "还没有在县服务器注册", "not enrolled"),
    (["enroll"], 2, "enroll 需要", "enroll needs HUB_URL CODE"),
    (["no-such-command"], 2, "无效的选择", "invalid choice"),
    (["enroll", "http://127.0.0.1:{port}/", "ABCD-EFGH"], 1, "连不上县服务器", "127.0.0.1"),
    (["enroll", "--file", "{tmp}"], 1, "没有注册文件", "no enrollment file"),
])
def test_desktop_failures_are_one_line_in_the_users_language(tmp_path, args, code, zh, en):
    args = [a.format(port=_closed_port(), tmp=tmp_path) for a in args]
    got, _out, err = _run(tmp_path, "eduteach", *args, **ZH)
    line = _one_line(err, "eduteach")
    assert got == code and zh in line, line
    got, _out, err = _run(tmp_path, "eduteach", *args, **EN)
    line = _one_line(err, "eduteach")
    assert got == code and en in line and not HAN.search(line), line


def test_desktop_status_and_help_in_chinese(tmp_path):
    code, out, _err = _run(tmp_path, "eduteach", "status", **ZH)
    assert code == 0 and "学校：" in out and "未注册" in out
    code, out, _err = _run(tmp_path, "eduteach", "--help", **ZH)
    assert code == 0 and "用法：" in out and "下载并校验课程" in out  # argparse's words and ours


@pytest.mark.parametrize(("args", "code", "zh", "en"), [
    (["school", "list", "--home", "{tmp}/nowhere"], 1, "不是县服务器主文件夹", "is not a hub home"),
    (["school", "list"], 2, "请指明县服务器所在的文件夹", "say where the hub lives"),
    (["init", "{home}"], 1, "不会覆盖", "refusing to overwrite"),
    (["publish", "{tmp}/no-lessons", "--home", "{home}"], 1, "没有发布任何内容", "nothing published"),
    (["school", "code", "4301230009", "--home", "{home}"], 1, "没有学校 4301230009", "no school 4301230009"),
    (["school", "add", "123", "--home", "{home}"], 2, "不是 10 位学校标识码", "not a 10-digit school code"),
])
def test_hub_failures_are_one_line_in_the_users_language(tmp_path, hub_home, args, code, zh, en):
    args = [a.format(tmp=tmp_path, home=hub_home) for a in args]
    got, _out, err = _run(tmp_path, "eduteach-hub", *args, **ZH)
    line = _one_line(err, "eduteach-hub")
    assert got == code and zh in line, line
    got, _out, err = _run(tmp_path, "eduteach-hub", *args, **EN)
    line = _one_line(err, "eduteach-hub")
    assert got == code and en in line, line


def test_records_import_refuses_in_chinese(tmp_path, hub_home):
    bogus = tmp_path / "not-records.etrec"
    bogus.write_bytes(b"not a record file")
    code, _out, err = _run(tmp_path, "eduteach-hub", "records", "import", str(bogus), "--home", str(hub_home), **ZH)
    assert code == 1 and "被拒绝" in err


def test_the_option_and_the_variable_beat_the_locale(tmp_path):
    _code, _out, err = _run(tmp_path, "eduteach", "--lang", "en", "enroll", **ZH)
    assert "enroll needs" in err
    _code, _out, err = _run(tmp_path, "eduteach", "enroll", EDUTEACH_LANG="zh_CN", **EN)
    assert "enroll 需要" in err
    _code, _out, err = _run(tmp_path, "eduteach-hub", "--lang", "zh_CN", "school", "list", **EN)
    assert "请指明" in err


def test_a_gb18030_console_prints_the_chinese(tmp_path):
    """What a Chinese Windows console or an old UOS/Kylin terminal does: its encoding is
    GB18030, not UTF-8 (scripts/ci_gb18030.sh runs the unit tests so)."""
    code, _out, err = _run(tmp_path, "eduteach", "upload", encoding="gb18030",
                           LANG="zh_CN.GB18030", PYTHONIOENCODING="gb18030", PYTHONUTF8="0")
    assert code == 1 and "还没有在县服务器注册" in _one_line(err, "eduteach")
    code, out, _err = _run(tmp_path, "eduteach", "status", encoding="gb18030",
                           LANG="zh_CN.GB18030", PYTHONIOENCODING="gb18030", PYTHONUTF8="0")
    assert code == 0 and "未注册" in out


@pytest.mark.parametrize(("argv", "environ", "expected"), [
    ([], {}, "en"),
    ([], {"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ([], {"LANG": "zh_TW.Big5"}, "zh_CN"),  # the one Chinese we have
    ([], {"LANG": "C.UTF-8"}, "en"),
    ([], {"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL wins over LANG
    ([], {"LANG": "C", "LC_MESSAGES": "zh_CN.GB18030"}, "zh_CN"),
    ([], {"LANG": "zh_CN.UTF-8", "LANGUAGE": "en:zh_CN"}, "en"),  # GNU LANGUAGE refines it
    ([], {"LANG": "C", "LANGUAGE": "zh_CN"}, "en"),  # ... unless the locale is C
    ([], {"LANG": "C", "EDUTEACH_LANG": "zh_CN"}, "zh_CN"),
    (["--lang", "en"], {"EDUTEACH_LANG": "zh_CN"}, "en"),
    (["--lang=zh_CN", "status"], {"LANG": "C"}, "zh_CN"),
    (["--", "--lang", "zh_CN"], {}, "en"),  # after --, an argument, not the option
])
def test_choose_language(argv, environ, expected):
    assert cli_i18n.choose_language(argv, environ) == expected


def test_windows_display_language_is_asked_only_on_windows(monkeypatch):
    monkeypatch.setattr(cli_i18n.sys, "platform", "linux")
    assert cli_i18n.windows_ui_language() is None


def test_a_sync_problem_is_told_in_a_chinese_frame(tmp_path):
    empty = tmp_path / "stick"
    empty.mkdir()
    code, _out, err = _run(tmp_path, "eduteach", "sync", "--from", str(empty), "--quiet", **ZH)
    lines = err.strip().splitlines()
    assert code == 1 and lines and all(line.startswith("eduteach sync: ") for line in lines), err
    assert "操作没有成功" in lines[0] and lines[0].endswith("[sync]")  # the detail, and its code
