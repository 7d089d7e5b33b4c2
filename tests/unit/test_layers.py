"""The layer rule: only eduteach_desktop.ui imports Qt."""

from __future__ import annotations

import ast
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
    assert "Contracts: 4 kept, 0 broken" in proc.stdout


def test_core_imports_only_the_standard_library_and_the_protocol():
    """An allowlist, where the import-linter contract can only list what it forbids."""
    allowed = set(sys.stdlib_module_names) | {"__future__", "eduteach_protocol"}
    core = ROOT / "eduteach_desktop" / "core"
    outside: list[str] = []
    for path in sorted(core.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue  # relative imports stay inside core
            outside += [f"{path.name}: {name}" for name in names
                        if name.split(".")[0] not in allowed and not name.startswith("eduteach_desktop.core")]
    assert outside == []
