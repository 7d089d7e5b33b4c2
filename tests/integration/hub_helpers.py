"""Hub set-ups shared by the hub test modules (hubproc.py has the pieces they are made of).

    with hub_with_devices(tmp_path, (SCHOOL, "柳林教学点"), db_url=db_url) as (url, home, [dev]):
        requests.post(f"{url}/xapi/statements", ..., auth=dev.auth)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from tests.integration.hubproc import (
    EnrolledDevice,
    add_admin,
    add_school,
    enroll,
    init_home,
    running_hub,
)


@contextlib.contextmanager
def hub_with_devices(
    base: Path,
    *schools: str | tuple[str, str],
    db_url: str | None = None,
    admin: bool = False,
) -> Iterator[tuple[str, Path, list[EnrolledDevice]]]:
    """A new hub home under base with these schools (a code, or a (code, name) pair), served
    on 127.0.0.1, with one device enrolled for real in each school. Yields (url, home, the
    devices in the schools' order); the home stays for inspection after the hub stops.
    admin: add add_admin's account too (before the hub starts)."""
    home = init_home(base, db_url=db_url)
    if admin:
        add_admin(home)
    codes = [
        add_school(home, school) if isinstance(school, str) else add_school(home, *school)
        for school in schools
    ]
    with running_hub(home) as url:
        yield url, home, [enroll(url, code) for code in codes]


class TwoSchoolHub:
    """A running hub with one enrolled device in each of two schools: a and b."""

    def __init__(self, url: str, home: Path, a: EnrolledDevice, b: EnrolledDevice):
        self.url, self.home, self.a, self.b = url, home, a, b
        self.statements = f"{url}/xapi/statements"
