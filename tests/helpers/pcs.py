"""A teacher PC's data folder that trusts a test hub: where most sync tests start."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eduteach_desktop.services import Services
from tests.helpers.lessons import TestRepo


def open_trusting(folder: Path, hub: TestRepo) -> Services:
    """Services on `folder`, trusting `hub`'s root; the caller closes them."""
    services = Services.open(folder)
    try:
        services.trust.install_root(hub.root())
    except BaseException:
        services.close()
        raise
    return services


@contextmanager
def trusting_pc(folder: Path, hub: TestRepo) -> Iterator[Services]:
    services = open_trusting(folder, hub)
    try:
        yield services
    finally:
        services.close()


def synced_data_dir(folder: Path, hub: TestRepo) -> Path:
    """A closed data folder that trusts `hub`'s root and holds its current catalog, complete:
    for tests that run the app as a subprocess on it."""
    with trusting_pc(folder, hub) as services:
        assert services.sync([str(hub.repo)]).ok
    return folder
