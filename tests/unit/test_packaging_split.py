"""A school PC's install pulls no server package, and the county server's pulls no Qt.

How: resolve each extra's requirement graph from pyproject.toml and the metadata of the
installed distributions (importlib.metadata + packaging), markers evaluated for this
machine. It is offline and deterministic, and it checks what we declare and what the
versions we test with declare. A `pip install --dry-run --report` per extra would also
see what a fresh resolve picks today, but it needs the index at test time and its answer
changes with every upload; the graph of the tested versions is what ships.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
# The child prints in the locale's encoding unless told otherwise (GB18030 in that CI job).
# English help whatever the machine's locale (the CI also runs these under zh_CN.GB18030).
CHILD_ENV = dict(os.environ, PYTHONIOENCODING="utf-8", EDUTEACH_LANG="en")
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

# The county server's stack: none of it belongs on a classroom PC (issue 13).
HUB_ONLY = {"fastapi", "starlette", "uvicorn", "httptools", "uvloop", "sqlalchemy", "alembic",
            "argon2-cffi", "argon2-cffi-bindings", "fastcdc", "orjson", "python-multipart",
            "jinja2", "pydantic", "pydantic-core", "psycopg", "psycopg-binary", "pypdf"}
# The classroom app's GUI stack: none of it belongs on the county server.
DESKTOP_ONLY = {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6", "pypdfium2",
                "pypinyin"}


def _matches(req: Requirement, extras: set[str]) -> bool:
    if req.marker is None:
        return True
    return any(req.marker.evaluate({"extra": extra}) for extra in (extras or {""}))


def closure(extras: set[str], not_installed_ok: frozenset[str] = frozenset()) -> set[str]:
    """Canonical names of everything `pip install 'eduteach[extras]'` installs here.
    Names in not_installed_ok may be absent from this venv (then not followed further)."""
    own = canonicalize_name(PROJECT["name"])
    todo: list[tuple[Requirement, set[str]]] = []

    def add_own(wanted: set[str]) -> None:
        todo.extend((Requirement(r), set()) for r in PROJECT["dependencies"])
        for extra in wanted:
            todo.extend((Requirement(r), set()) for r in PROJECT["optional-dependencies"][extra])

    add_own(extras)
    seen_own = set(extras)
    found: set[str] = set()
    done: set[tuple[str, frozenset[str]]] = set()
    while todo:
        req, parent_extras = todo.pop()
        if not _matches(req, parent_extras):
            continue
        name = canonicalize_name(req.name)
        if name == own:  # "eduteach[hub]" inside an extra of ours
            new = set(req.extras) - seen_own
            seen_own |= new
            add_own(new)
            continue
        key = (name, frozenset(req.extras))
        if key in done:
            continue
        done.add(key)
        found.add(name)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            if name in not_installed_ok:
                continue
            pytest.fail(f"{req} is required but not installed: cannot resolve the graph")
        todo.extend((Requirement(r), set(req.extras)) for r in dist.requires or [])
    return found


def test_desktop_install_pulls_no_hub_package():
    desktop = closure({"desktop"})
    assert {"pyside6-essentials", "pyside6-addons", "requests", "tuf", "cryptography"} <= desktop
    assert not desktop & HUB_ONLY, sorted(desktop & HUB_ONLY)


def test_hub_install_pulls_no_qt():
    hub = closure({"hub"})
    assert {"fastapi", "uvicorn", "sqlalchemy", "alembic", "fastcdc", "orjson", "tuf"} <= hub
    assert not hub & DESKTOP_ONLY, sorted(hub & DESKTOP_ONLY)
    assert not closure({"postgres"}) & DESKTOP_ONLY


def test_frozen_build_extra_is_the_desktop_app():
    # PyInstaller is in the venv only after scripts/ci_packaging.sh.
    package = closure({"package"}, not_installed_ok=frozenset({"pyinstaller"}))
    assert "pyinstaller" in package and "pyside6-essentials" in package
    assert not package & HUB_ONLY, sorted(package & HUB_ONLY)


def test_the_test_extra_installs_both_programs():
    assert {"pyside6-essentials", "uvicorn", "pytest", "pytest-qt"} <= closure({"test"})


def test_pyside6_is_pinned_as_a_range_with_floor_and_ceiling():
    pins = [Requirement(r) for r in PROJECT["optional-dependencies"]["desktop"]
            if canonicalize_name(Requirement(r).name).startswith("pyside6")]
    assert len(pins) == 2
    for pin in pins:
        assert {s.operator for s in pin.specifier} == {">=", "<"}, pin
    assert pins[0].specifier == pins[1].specifier  # Essentials and Addons move together
    installed = metadata.version("PySide6-Essentials")
    assert pins[0].specifier.contains(installed, prereleases=True), installed


def _run_entry(module: str, hidden: str) -> subprocess.CompletedProcess[str]:
    # find_spec() answers "not installed" for a name whose sys.modules entry is None: this
    # is exactly what the entry points see on a PC without that extra.
    code = (f"import sys; sys.modules[{hidden!r}] = None\n"
            f"from {module} import main\nsys.exit(main(['--help']))\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", timeout=60, cwd=ROOT, env=CHILD_ENV)


@pytest.mark.parametrize(("module", "hidden", "extra"), [
    ("eduteach_hub.entry", "sqlalchemy", "hub"),
    ("eduteach_hub.entry", "uvicorn", "hub"),
    ("eduteach_desktop.launcher", "PySide6", "desktop"),
    ("eduteach_desktop.launcher", "requests", "desktop"),
])
def test_a_missing_extra_gets_one_clear_line(module, hidden, extra):
    proc = _run_entry(module, hidden)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert hidden in lines[0] and f"pip install 'eduteach[{extra}]'" in lines[0]
    assert "Traceback" not in proc.stderr and not proc.stdout


def test_with_the_extras_installed_the_entry_points_run():
    for module in ("eduteach_hub.entry", "eduteach_desktop.launcher"):
        proc = subprocess.run([sys.executable, "-c", f"import sys; from {module} import main; "
                               "sys.exit(main(['--help']))"], capture_output=True, text=True,
                              encoding="utf-8", timeout=60, cwd=ROOT, env=CHILD_ENV)
        assert proc.returncode == 0, proc.stderr
        assert "usage:" in proc.stdout
