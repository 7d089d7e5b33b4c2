"""Fixtures for the packaging tests: one frozen bundle and one county hub per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.hubproc import run_cli, running_hub

from .frozen import ROOT, Hub, build_bundle


@pytest.fixture(scope="session")
def frozen_bundle() -> Path:
    return build_bundle()


@pytest.fixture(scope="session")
def county_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """A real hub (subprocess on 127.0.0.1) that published the demo lessons."""
    base = tmp_path_factory.mktemp("county")
    home = base / "hub"
    init = run_cli("init", str(home), "--county", "430123")
    assert init.returncode == 0, init.stderr
    pub = run_cli("publish", str(ROOT / "resources" / "demo_lessons"), home=home)
    assert pub.returncode == 0, pub.stderr
    with running_hub(home) as url:
        yield Hub(url, home)


@pytest.fixture
def own_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """A hub of its own (no lessons), for a test that publishes app versions: version
    numbers are used once per platform, so tests sharing county_hub would see each other's."""
    home = tmp_path_factory.mktemp("own-county") / "hub"
    init = run_cli("init", str(home), "--county", "430124")
    assert init.returncode == 0, init.stderr
    with running_hub(home) as url:
        yield Hub(url, home)


@pytest.fixture(scope="session")
def usb_repo(county_hub: Hub) -> Path:
    """The hub's signed repository folder: what a technician copies onto a USB stick."""
    return county_hub.home / "repo"
