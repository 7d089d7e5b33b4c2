"""Playwright (python) driving Debian's chromium: never `playwright install`.

The browser is /usr/bin/chromium (scripts/ci_hub_services.sh installs it). Without it the
tests are skipped with the reason, except in CI (CI set), where they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers.envskip import skip_for_setup

CHROMIUM = os.environ.get("EDUTEACH_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        reason = f"{CHROMIUM} not found; run scripts/ci_hub_services.sh (installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI is set: the browser tests must run)")
        skip_for_setup(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright python package is missing (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()
