"""The layer rule: only eduteach_desktop.ui imports Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cli_and_services_load_without_qt(tmp_path: Path):
    code = (
        "import sys\n"
        "import eduteach_desktop.cli.main, eduteach_desktop.services, eduteach_desktop.launcher\n"
        "import eduteach_hub.publish.publisher\n"
        "from eduteach_desktop.cli.main import main\n"
        "assert main(['--data-dir', sys.argv[1], 'status']) == 0\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'eduteach_desktop.ui')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data")],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint)], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: 3 kept, 0 broken" in proc.stdout
