"""Skips for what this machine lacks (PostgreSQL, Chromium, PyInstaller, root), as opposed to
skips for another platform. tests/conftest.py counts them at the end of the run and prints
the one command that runs them, so a newcomer knows the suite was not all run."""

from __future__ import annotations

from typing import NoReturn

import pytest

MARK = "[this machine is not set up] "
# sudo: ./dev.sh test then installs PostgreSQL, Chromium and PyInstaller (scripts/ci_*.sh),
# and the network-namespace test needs root itself.
RUN_THEM = "sudo ./dev.sh test"


def skip_for_setup(reason: str) -> NoReturn:
    pytest.skip(MARK + reason)


def is_setup_skip(longrepr: object) -> bool:
    return MARK in str(longrepr)
