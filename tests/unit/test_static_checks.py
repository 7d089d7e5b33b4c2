"""Lint and types run with the tests (HACKING.md, "Set up and run"): ruff everywhere, mypy
strict outside ui/ (pyproject.toml [tool.mypy])."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_ruff_is_clean():
    proc = subprocess.run([str(BIN / "ruff"), "check", "--output-format", "concise", "."],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict_outside_the_ui_is_clean():
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "eduteach_protocol", "eduteach_hub", "eduteach_desktop/core",
         "eduteach_desktop/store", "eduteach_desktop/sync", "eduteach_desktop/records",
         "eduteach_desktop/cli", "eduteach_desktop/update", "eduteach_desktop/services.py", "eduteach_desktop/launcher.py"],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
