"""Both command lines speak the user's language (eduteach_protocol/cli_i18n.py): Chinese one
line and the same exit code for a Chinese locale, English for LANG=C, --lang and
EDUTEACH_LANG over the locale, and Chinese that a GB18030 console prints."""

from __future__ import annotations

import gzip
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


def test_a_sync_problem_is_told_in_chinese(tmp_path):
    """Raised deep in the sync (eduteach_desktop/sync/trust.py) as Text, said in Chinese by
    the CLI; English unchanged."""
    empty = tmp_path / "stick"
    empty.mkdir()
    for env in (ZH, EN):
        code, _out, err = _run(tmp_path, "eduteach", "sync", "--from", str(empty), "--quiet", **env)
        lines = err.strip().splitlines()
        assert code == 1 and lines and all(line.startswith("eduteach sync: ") for line in lines), err
        assert lines[0].endswith("[sync]")
        if env is ZH:
            assert HAN.search(lines[0]) and not _english(lines[0], "eduteach sync", empty, "[sync]"), lines
        else:
            assert "no trust root" in lines[0] and not HAN.search(err)


# --- messages raised below the CLI (cli_i18n.Text), said in the user's language -------------

WORD = re.compile(r"[A-Za-z][A-Za-z_'-]*")
# Names and acronyms a Chinese sentence keeps: programs, formats, standards.
KEPT = {"EduTeach", "eduteach", "TOML", "UTF-", "JSON", "U", "HTTP", "GB", "T", "Excel", "xlsx", "gzip",
        "Python", "Qt", "FFmpeg", "v", "B", "KB", "MB", "UTC", "Z"}


def _english(line: str, *names: object) -> list[str]:
    """The English words left in a line once the names it quotes (paths, codes, a field, a
    command in backquotes) are taken out: none, for a sentence said in Chinese."""
    for name in sorted(map(str, names), key=len, reverse=True):
        line = line.replace(name, " ")
    line = re.sub(r"`[^`]*`", " ", line)
    return [w for w in WORD.findall(line) if w not in KEPT]


def _both(tmp_path: Path, program: str, *args: str, stdin: bytes | None = None
          ) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """The command run in Chinese and in English (the same exit code is the caller's check)."""
    def run(env: dict[str, str]) -> tuple[int, str, str]:
        module = "eduteach_desktop" if program == "eduteach" else "eduteach_hub"
        proc = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, timeout=120,
                              env=_env(tmp_path, **env), cwd=REPO, input=stdin)
        out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
        assert "Traceback" not in out + err, err
        return proc.returncode, out, err
    return run(ZH), run(EN)


def _chinese_lines(text: str, *names: object) -> list[str]:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert lines, text
    for line in lines:
        assert HAN.search(line) and not _english(line, *names), line
    return lines


@pytest.mark.parametrize(("toml", "english", "names"), [
    ("county_code = 430123\n", "county_code: must be 6 digits", ["county_code", "(GB/T 2260)"]),
    ("colour = 1\n", "colour: unknown setting (a typo?)", ["colour"]),
    ("silent_days = 0\n", "silent_days: must be a whole number 1–365", ["silent_days"]),
    ("[required_periods]\nmusic = 2\nknitting = 1\n", "required_periods.knitting: unknown subject code",
     ["required_periods.knitting"]),
    ("county_code = = 1\n", "not valid TOML (Invalid value (at line 1, column 15))", []),
])
def test_a_bad_hub_toml_is_told_in_chinese(tmp_path, toml, english, names):
    home = tmp_path / "hub"
    home.mkdir()
    (home / "hub.toml").write_text(toml, encoding="utf-8")
    zh, en = _both(tmp_path, "eduteach-hub", "school", "list", "--home", str(home))
    assert zh[0] == en[0] == 1
    assert english in _one_line(en[2], "eduteach-hub") and not HAN.search(en[2])
    _chinese_lines(_one_line(zh[2], "eduteach-hub"), "eduteach-hub", home / "hub.toml", *names)


def test_a_bad_lesson_toml_is_told_in_chinese(tmp_path, hub_home):
    from tests.helpers.lessons import write_lesson

    src = tmp_path / "src"
    write_lesson(src, "music-bad-volume")
    write_lesson(src, "music-bad-kind", order=2)
    for lesson, old, new in (("music-bad-volume", 'volume = "上册"', 'volume = "中册"'),
                             ("music-bad-kind", 'kind = "audio"', 'kind = "film"')):
        toml = src / lesson / "lesson.toml"
        text = toml.read_text(encoding="utf-8")
        assert old in text
        toml.write_text(text.replace(old, new), encoding="utf-8")
    zh, en = _both(tmp_path, "eduteach-hub", "publish", str(src), "--home", str(hub_home))
    assert zh[0] == en[0] == 1
    assert "volume: must be 上册 or 下册" in en[2] and "kind: must be one of video" in en[2]
    lines = _chinese_lines(zh[2], src / "music-bad-volume" / "lesson.toml", src / "music-bad-kind" / "lesson.toml",
                           "volume", "kind", "video, audio, slides, pdf")
    assert len(lines) == 3 and "没有发布任何内容" in lines[-1]


@pytest.mark.parametrize(("content", "code"), [
    (b"not a record file", "not_gzip"),
    (gzip.compress(b"[1, 2"), "bad_json"),
    (gzip.compress(b'{"format": "something else"}'), "bad_format"),
], ids=["not-gzip", "not-json", "not-a-record-file"])
def test_a_refused_record_file_is_told_in_chinese(tmp_path, hub_home, content, code):
    bogus = tmp_path / "records.etrec"
    bogus.write_bytes(content)
    zh, en = _both(tmp_path, "eduteach-hub", "records", "import", str(bogus), "--home", str(hub_home))
    assert zh[0] == en[0] == 1
    assert f"refused ({code})" in en[2] and not HAN.search(en[2])
    (line,) = _chinese_lines(zh[2], bogus, f"（{code}）")
    assert "被拒绝" in line


def test_an_update_refusal_is_told_in_chinese(tmp_path):
    """A county offers an older version than this PC runs: refused (exit 3), said in Chinese."""
    from eduteach_desktop.services import Services
    from tests.integration.test_app_update_pc import County

    county = County(tmp_path / "county")
    county.publish_app("0.0.1")
    data = tmp_path / "data"  # _env's EDUTEACH_DATA_DIR
    services = Services.open(data)
    try:
        services.trust.install_root(county.root())
    finally:
        services.close()
    zh, en = _both(tmp_path, "eduteach", "update", "--check", "--from", str(county.repo))
    assert zh[0] == en[0] == 3
    assert "is older than the one this PC runs" in en[2] and "[update_older]" in en[2]
    note = next(line for line in zh[2].splitlines() if "[update_older]" in line)
    _chinese_lines(note, "eduteach update", county.repo, "[update_older]", "0.0.1", "0.1.0")
    _chinese_lines(zh[1], "0.1.0", "linux-x64", "linux-arm64", "windows-x64")


def test_doctor_on_a_damaged_data_dir_speaks_chinese(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "eduteach.sqlite3").write_bytes(b"\x13" * 8192)  # not a database
    zh, en = _both(tmp_path, "eduteach", "doctor", "--offline", "--no-probe")
    assert zh[0] == en[0] == 1
    assert "[FAIL] database: eduteach.sqlite3 is damaged and cannot be read" in en[1]
    lines = [line for line in zh[1].splitlines() if line.strip()]
    failing = lines.index(next(line for line in lines if line.startswith("[FAIL]")))
    # the failing check, its Fix: line and every check but the versions one (library names)
    checked = [lines[failing], lines[failing + 1], lines[-1]] + [
        line for line in lines if line.startswith(("[WARN]", "[note]"))]
    for line in checked:
        _chinese_lines(line, "[FAIL]", "[WARN]", "[note]", "eduteach.sqlite3.damaged", "eduteach.sqlite3",
                       "--data-dir", data)
    assert "数据库" in lines[failing] and "已损坏" in lines[failing]


def test_a_quarantine_reason_is_told_in_chinese(tmp_path):
    """What the outbox stores stays English (and the hub's words in it); status says it."""
    from eduteach_desktop.records.uploader import CONFLICT, INVALID
    from eduteach_desktop.services import Services

    assert _run(tmp_path, "eduteach", "import-demo", **EN)[0] == 0
    services = Services.open(tmp_path / "data")
    try:
        lesson = services.library.lessons()[0]
        ids = [services.usage.record_play(lesson, services.clock.now(), 12.0, False).record_ids[0]
               for _n in range(2)]
        services.outbox.quarantine(ids[0], CONFLICT)
        services.outbox.quarantine(ids[1], INVALID + "statement.verb is not allowed")
    finally:
        services.close()
    zh, en = _both(tmp_path, "eduteach", "status")
    assert zh[0] == en[0] == 0
    assert f"quarantined {ids[0]}: {CONFLICT}" in en[1]
    shown = [line for line in zh[1].splitlines() if ids[0] in line or ids[1] in line]
    assert len(shown) == 2
    _chinese_lines(shown[0], ids[0])
    assert "statement.verb is not allowed" in shown[1]  # the hub's own words, as they came
    _chinese_lines(shown[1], ids[1], "statement.verb is not allowed")


@pytest.mark.parametrize(("args", "code", "english", "names"), [
    (["code", "revoke", "ABCD-EFGH"], 1, "no such enrollment code", []),
    (["code", "revoke"], 2, "give exactly one of", ["--id", "--school", "--help"]),
    (["device", "revoke", "dev-nobody"], 1, "no device dev-nobody", ["dev-nobody"]),
    (["user", "disable", "nobody"], 1, "no user nobody", ["nobody"]),
    # ASCII arguments: scripts/ci_gb18030.sh runs this under a GB18030 locale, whose argv a
    # UTF-8 child would read differently
    (["school", "set", "4301230009", "--edition", "music=PEP"], 1, "no school 4301230009", ["4301230009"]),
    (["school", "set", "4301230009", "--edition", "music"], 2, "write [GRADE:]SUBJECT=EDITION",
     ["--edition", "'music'", "--help"]),
    (["school", "enroll-file", "4301230009", "--out", "{tmp}/x"], 1, "no school 4301230009", ["4301230009"]),
    (["import", "{tmp}/no-media", "--out", "{tmp}/out"], 1, "is not a folder", ["{tmp}/no-media"]),
])
def test_hub_commands_fail_in_chinese(tmp_path, hub_home, args, code, english, names):
    args = [a.format(tmp=tmp_path) for a in args]
    home = [] if args[0] == "import" else ["--home", str(hub_home)]
    zh, en = _both(tmp_path, "eduteach-hub", *args, *home)
    assert zh[0] == en[0] == code
    assert english in _one_line(en[2], "eduteach-hub")
    _chinese_lines(_one_line(zh[2], "eduteach-hub"), "eduteach-hub", *[n.format(tmp=tmp_path) for n in names])


def test_a_short_password_is_refused_in_chinese(tmp_path, hub_home):
    zh, en = _both(tmp_path, "eduteach-hub", "user", "add", "teacher1", "--password-stdin", "--home",
                   str(hub_home), stdin=b"short\n")
    assert zh[0] == en[0] == 1
    assert "a password needs at least 10 characters" in en[2]
    _chinese_lines(_one_line(zh[2], "eduteach-hub"), "eduteach-hub")


@pytest.mark.parametrize(("db_url", "args", "english"), [
    ("postgresql+psycopg://nobody@127.0.0.1:1/none", ["db", "upgrade"], "cannot use the hub database"),
    (None, ["repo", "refresh"], "has no signed metadata; the home is incomplete"),
])
def test_db_and_repo_fail_in_chinese(tmp_path, db_url, args, english):
    home = tmp_path / "hub"
    if db_url:  # a whole home whose database cannot be reached
        assert _run(tmp_path, "eduteach-hub", "init", str(home), **EN)[0] == 0
        config = home / "hub.toml"  # before its tables: a key after one belongs to it
        config.write_text(f'db_url = "{db_url}"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    else:  # a home with its settings and nothing else
        home.mkdir()
        (home / "hub.toml").write_text("", encoding="utf-8")
    zh, en = _both(tmp_path, "eduteach-hub", *args, "--home", str(home))
    assert zh[0] == en[0] == 1
    assert english in _one_line(en[2], "eduteach-hub")
    _chinese_lines(_one_line(zh[2], "eduteach-hub"), "eduteach-hub", home / "repo", "db_url", "hub.toml")


def test_hub_command_results_in_chinese(tmp_path, hub_home):
    for args, names in ((["code", "list"], []), (["device", "list"], []),
                        (["user", "list"], ["NAME", "--role admin"]),
                        (["repo", "status"], [hub_home / "repo", "root", "targets", "snapshot", "timestamp"]),
                        (["db", "upgrade"], [hub_home / "hub.sqlite3", "sqlite:///"])):
        zh, en = _both(tmp_path, "eduteach-hub", *args, "--home", str(hub_home))
        assert zh[0] == en[0] == 0 and not HAN.search(en[1]), en
        for line in zh[1].splitlines():
            for name in names:
                line = line.replace(str(name), " ")
            line = re.sub(r"\b[0-9a-f]{4}\b|[0-9T:+-]{25}|v\d+", " ", line)  # revisions, times, versions
            _chinese_lines(line)


def test_hub_lists_in_chinese(tmp_path):
    home = tmp_path / "hub"
    assert _run(tmp_path, "eduteach-hub", "init", str(home), **EN)[0] == 0
    code, _out, err = _run(tmp_path, "eduteach-hub", "school", "add", "4301230001", "--name", "Dapingcun",
                           "--home", str(home), **EN)
    assert code == 0, err
    zh, en = _both(tmp_path, "eduteach-hub", "code", "list", "--home", str(home))
    assert zh[0] == en[0] == 0
    assert en[1].splitlines()[0].split() == ["ID", "SCHOOL", "CREATED", "EXPIRES", "STATUS", "DEVICE"]
    assert "open" in en[1].splitlines()[1]
    header, row = zh[1].splitlines()[:2]
    _chinese_lines(header, "ID")
    assert "可用" in row and "open" not in row
    zh, en = _both(tmp_path, "eduteach-hub", "school", "list", "--home", str(home))
    assert zh[0] == en[0] == 0 and "OPEN CODES" in en[1]
    _chinese_lines(zh[1].splitlines()[0])


def test_the_importers_findings_in_chinese(tmp_path):
    # ASCII names only: scripts/ci_gb18030.sh runs this with a GB18030 file system encoding,
    # which a UTF-8 child would read differently
    media = tmp_path / "media"
    media.mkdir()
    (media / "stray.mp3").write_bytes(b"x")
    zh, en = _both(tmp_path, "eduteach-hub", "import", str(media), "--out", str(tmp_path / "out"))
    assert zh[0] == en[0] == 1
    assert "  error   stray.mp3: is not where a lesson file goes" in en[1]
    lines = _chinese_lines(zh[1] + zh[2], "stray.mp3", "小星星.mp4", tmp_path / "out" / "import-report.xlsx",
                           "--skip-bad")
    assert len(lines) == 5 and "错误" in lines[1]


def test_text_is_english_for_machines_and_chinese_when_rendered():
    """What the hub server puts in an HTTP body, a log or the database is str(error): English
    whatever language the process speaks; only render() (the CLI's boundary) translates."""
    import copy
    import json
    import pickle

    from eduteach_protocol.record_file import RecordsFileError, decode

    try:
        cli_i18n.use("zh_CN")
        with pytest.raises(RecordsFileError) as caught:
            decode(b"not gzip")
        exc = caught.value
        assert str(exc).startswith("not a gzip-compressed record file (")  # zlib's words kept
        assert json.dumps({"error": str(exc)}).startswith('{"error": "not a gzip-compressed')
        assert cli_i18n.render(exc) == "不是 gzip 压缩的记录文件"
        nested = cli_i18n.L_("cannot read {path}: {problem}", path="/媒体/a.mp3", problem=exc)
        assert str(nested) == f"cannot read /媒体/a.mp3: {exc}"
        assert cli_i18n.render(nested) == "读不了 /媒体/a.mp3：不是 gzip 压缩的记录文件"
        assert str(ValueError(nested)) == nested and cli_i18n.render(ValueError(nested)) == cli_i18n.render(nested)
        plain = cli_i18n.L_("cannot read {path}: {problem}", path="/媒体/a.mp3", problem=exc.args[0])
        for copied in (copy.deepcopy(plain), pickle.loads(pickle.dumps(plain))):  # doctor's asdict, a bundle
            assert copied == plain and cli_i18n.render(copied) == cli_i18n.render(nested)
        assert cli_i18n.render("a hub's own words") == "a hub's own words"  # never translated
    finally:
        cli_i18n.use("en")
    assert cli_i18n.render(nested) == str(nested)


def test_the_sync_progress_bar_names_every_phase_in_the_users_language():
    from eduteach_desktop.cli.main import PHASE_WORDS, phase_word
    from eduteach_desktop.sync.progress import SyncProgress

    # Every phase the sync can report: the snapshot's default and each phase= it sets.
    sources = [*(REPO / "eduteach_desktop" / "sync").glob("*.py"), REPO / "eduteach_desktop" / "services.py"]
    phases = {SyncProgress().phase} | {m for f in sources
                                       for m in re.findall(r'phase="(\w+)"', f.read_text(encoding="utf-8"))}
    assert phases and phases <= set(PHASE_WORDS), phases - set(PHASE_WORDS)
    before = cli_i18n.language()
    try:
        cli_i18n.use("zh_CN")
        assert all(HAN.search(phase_word(p)) for p in phases)
        cli_i18n.use("en")
        assert [phase_word(p) for p in sorted(phases)] == [PHASE_WORDS[p] for p in sorted(phases)]
        assert phase_word("something new") == "something new"
    finally:
        cli_i18n.use(before)
