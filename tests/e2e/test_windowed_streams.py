"""A windowed build (eduteach.exe without a console) starts with sys.stdout and sys.stderr
set to None. The launcher must give them a log file, and no CLI path may crash on them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eduteach_desktop.launcher import CONSOLE_LOG

RUN_WINDOWED = (
    "import sys\n"
    "sys.stdout = None\n"
    "sys.stderr = None\n"
    "from eduteach_desktop.launcher import main\n"
    "code = main(sys.argv[1:])\n"
    "open(sys.argv[0] + '.code', 'w', encoding='utf-8').write(str(code))\n"
)


def run_windowed(tmp_path: Path, *args: str) -> tuple[int, str]:
    data = tmp_path / "data"
    script = tmp_path / "windowed.py"
    script.write_text(RUN_WINDOWED, encoding="utf-8")
    env = {**os.environ, "EDUTEACH_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, str(script), *args], env=env, capture_output=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")  # no crash, no traceback
    assert proc.stdout == b"" and proc.stderr == b""  # nothing reached the (missing) console
    code = int((tmp_path / "windowed.py.code").read_text(encoding="utf-8"))
    log = data / "logs" / CONSOLE_LOG
    return code, log.read_text(encoding="utf-8") if log.exists() else ""


@pytest.mark.parametrize("args", [["status"], ["import-demo"], ["doctor", "--offline", "--no-probe"]])
def test_cli_commands_run_with_no_console_streams(tmp_path: Path, args: list[str]):
    code, log = run_windowed(tmp_path, *args)
    assert "Traceback" not in log
    assert log.strip(), "the command's output should be in logs/console.log"
    assert code in (0, 1, 2)


def test_sync_with_no_console_streams_does_not_ask_isatty_of_none(tmp_path: Path):
    demo = Path(__file__).resolve().parents[2] / "eduteach_desktop" / "resources" / "demo_repo"
    code, _ = run_windowed(tmp_path, "import-demo")
    assert code == 0
    code, log = run_windowed(tmp_path, "sync", "--now", "--from", str(demo))
    assert "Traceback" not in log and "isatty" not in log
    assert code == 0, log
