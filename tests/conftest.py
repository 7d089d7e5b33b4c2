"""Shared test setup: Qt offscreen, and every data dir inside the test's tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from eduteach_protocol import cli_i18n
from tests.helpers.envskip import RUN_THEM, is_setup_skip
from tests.helpers.winsem import WindowsSemantics

# pytest-qt's QApplication is session-scoped and may be created before any function
# fixture runs, so the platform must be chosen at import time as well.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The GUI's code must never use the database on the GUI thread (ui/threadcheck.py): in the
# test suite a slip raises store.db.WrongThreadError instead of freezing a window in class.
os.environ.setdefault("EDUTEACH_THREAD_CHECKS", "1")


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("EDUTEACH_DATA_DIR", str(tmp_path / "eduteach-data"))
    monkeypatch.delenv("EDUTEACH_LANG", raising=False)
    # The command lines' messages in English whatever this machine's locale (scripts/
    # ci_gb18030.sh runs the suite under zh_CN.GB18030): the tests read them. GNU's LANGUAGE
    # picks the messages' language only, so the locale's encoding stays under test.
    # tests/unit/test_cli_language.py sets the language it checks.
    monkeypatch.setenv("LANGUAGE", "en")
    cli_i18n.use("en")
    yield


@pytest.fixture
def winsem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WindowsSemantics:
    """Windows' file rules under tmp_path (tests/helpers/winsem.py)."""
    return WindowsSemantics(tmp_path, monkeypatch)


@pytest.fixture(autouse=True)
def _windows_semantics_marker(request: pytest.FixtureRequest) -> None:
    """A test marked windows_semantics runs under the double even if it does not ask for it."""
    if request.node.get_closest_marker("windows_semantics") is not None:
        request.getfixturevalue("winsem")


_SETUP_SKIPS = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    config.stash[_SETUP_SKIPS] = sum(1 for report in skipped if is_setup_skip(report.longrepr))


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run's last line: how much of the suite this machine could not run, and how to."""
    count = config.stash.get(_SETUP_SKIPS, 0)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if count and reporter is not None:
        reporter.write_line(
            f"{count} tests were skipped because this machine is not set up for them "
            f"(PostgreSQL, Chromium, PyInstaller or root; reasons above). To run them: {RUN_THEM}",
            yellow=True, bold=True)
