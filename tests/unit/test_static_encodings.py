"""Text I/O names its encoding, in the code and in the tests (issue 13, item 6).

Python's default text encoding is the locale's: GBK/GB18030 on a Chinese Windows or a
zh_CN.GB18030 Linux, UTF-8 elsewhere. A file the app writes on one PC and reads on
another, or a child's output read by its parent, must not depend on it. ruff's PLW1514
(pyproject.toml, a preview rule enabled on its own) covers open(), Path.open/read_text/
write_text and tempfile; this check covers what it does not: text-mode subprocesses,
io.TextIOWrapper, os.fdopen, logging's file handlers and gzip/bz2/lzma.open in text mode. scripts/ci_gb18030.sh runs the unit tests under a GB18030
locale with UTF-8 mode off, where a miss shows as mojibake or a UnicodeError.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["eduteach_desktop", "eduteach_hub", "eduteach_protocol", "tests", "bench", "scripts",
           "installer"]
SUBPROCESS_CALLS = {"run", "Popen", "check_output", "call", "check_call"}
LOG_FILE_HANDLERS = {"FileHandler", "RotatingFileHandler", "TimedRotatingFileHandler",
                     "WatchedFileHandler"}
COMPRESSED_OPEN = {"gzip", "bz2", "lzma"}


def _python_files() -> list[Path]:
    files: list[Path] = []
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix in (".py", ".spec") and not {"build", "dist"} & set(
                    path.relative_to(ROOT).parts):
                files.append(path)
    return files


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _is_true(node: ast.expr | None) -> bool:
    # text=True, or anything not literally False/None (a variable may be True at run time)
    return node is not None and not (isinstance(node, ast.Constant) and node.value in (False, None))


def _callee(call: ast.Call) -> tuple[str, str]:
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        return owner, func.attr
    if isinstance(func, ast.Name):
        return "", func.id
    return "", ""


def problems_in(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename=name)):
        if not isinstance(node, ast.Call) or any(k.arg is None for k in node.keywords):
            continue  # **kwargs may carry the encoding
        owner, attr = _callee(node)
        has_encoding = _keyword(node, "encoding") is not None
        where = f"{name}:{node.lineno}"
        if attr in SUBPROCESS_CALLS and owner in ("subprocess", "") and not has_encoding and (
                _is_true(_keyword(node, "text")) or _is_true(_keyword(node, "universal_newlines"))):
            found.append(f"{where}: subprocess.{attr} in text mode without encoding=")
        elif attr == "TextIOWrapper" and not has_encoding and len(node.args) < 2:
            found.append(f"{where}: TextIOWrapper without encoding=")
        elif owner == "os" and attr == "fdopen" and not has_encoding:
            mode = node.args[1] if len(node.args) > 1 else _keyword(node, "mode")
            if not (isinstance(mode, ast.Constant) and "b" in str(mode.value)):
                found.append(f"{where}: os.fdopen in text mode without encoding=")
        elif attr in LOG_FILE_HANDLERS and not has_encoding:
            found.append(f"{where}: logging.{attr} without encoding=")
        elif owner in COMPRESSED_OPEN and attr == "open" and not has_encoding:
            mode = node.args[1] if len(node.args) > 1 else _keyword(node, "mode")
            if isinstance(mode, ast.Constant) and "t" in str(mode.value):
                found.append(f"{where}: {owner}.open in text mode without encoding=")
    return found


def test_the_checker_finds_what_it_should():
    bad = ("import subprocess, io, os\n"
           "subprocess.run(['x'], capture_output=True, text=True)\n"
           "subprocess.Popen(['x'], universal_newlines=True)\n"
           "subprocess.check_output(['x'], text=flag)\n"
           "io.TextIOWrapper(raw)\n"
           "os.fdopen(fd, 'w')\n"
           "logging.handlers.RotatingFileHandler(path, maxBytes=1)\n"
           "gzip.open(path, 'rt')\n")
    good = ("import subprocess, io, os\n"
            "subprocess.run(['x'], capture_output=True, text=True, encoding='utf-8')\n"
            "subprocess.run(['x'], capture_output=True)\n"
            "subprocess.run(['x'], text=False)\n"
            "subprocess.run(['x'], **opts)\n"
            "io.TextIOWrapper(raw, encoding='utf-8')\n"
            "io.TextIOWrapper(raw, 'utf-8')\n"
            "os.fdopen(fd, 'wb')\n"
            "logging.FileHandler(path, encoding='utf-8')\n"
            "gzip.open(path, 'rb')\n")
    assert len(problems_in(bad, "bad.py")) == 7
    assert problems_in(good, "good.py") == []


def test_no_text_io_without_an_encoding():
    files = _python_files()
    assert len(files) > 100  # the walk found the project
    problems = [p for path in files
                for p in problems_in(path.read_text(encoding="utf-8"),
                                     path.relative_to(ROOT).as_posix())]
    assert not problems, "\n".join(problems)
