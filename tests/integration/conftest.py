"""Database back ends for the hub's tests: every test that takes `db_url` runs on SQLite and
on PostgreSQL.

PostgreSQL comes from EDUTEACH_TEST_PG_URL (default: the role and database that
scripts/ci_hub_services.sh creates). Each test gets a fresh database of its own, created
with that role and dropped afterwards. If the server is unreachable the PostgreSQL variants
are skipped with the reason, except in CI (CI set), where they fail.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers.envskip import skip_for_setup
from tests.helpers.waiting import wait_until

DEFAULT_PG_URL = "postgresql+psycopg://eduteach:eduteach@127.0.0.1:5432/eduteach_test"
BACKENDS = ["sqlite", "postgresql"]


def pg_admin_url() -> str:
    return os.environ.get("EDUTEACH_TEST_PG_URL", DEFAULT_PG_URL)


_pg_problem: str | None = None
_pg_checked = False


def _pg_unavailable() -> str | None:
    global _pg_checked, _pg_problem
    if not _pg_checked:
        _pg_checked = True
        try:
            from sqlalchemy import create_engine, text

            engine = create_engine(pg_admin_url(), connect_args={"connect_timeout": 5})
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            engine.dispose()
        except Exception as exc:  # noqa: BLE001 - any failure means "no server to test on"
            _pg_problem = f"PostgreSQL at {pg_admin_url()} is unreachable ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); run scripts/ci_hub_services.sh"
    return _pg_problem


def fresh_pg_database() -> Iterator[str]:
    """Create a throw-away database; yield its URL; drop it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    problem = _pg_unavailable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem + " (CI is set: the PostgreSQL tests must run)")
        skip_for_setup(problem)
    admin = make_url(pg_admin_url())
    name = "eduteach_t_" + secrets.token_hex(6)
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(engine, name)
        engine.dispose()


def _drop_database(engine: Any, name: str) -> None:
    """FORCE ends the hub's leftover connections, but not an autovacuum worker that has just
    started on the new database (a superuser's process: "must be a member of the role whose
    process is being terminated"); that one finishes within moments, so try again."""
    from sqlalchemy import exc, text

    refused: list[Exception] = []

    def dropped() -> bool:
        try:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return True
        except (exc.ProgrammingError, exc.OperationalError) as e:
            refused[:] = [e]
            return False

    try:
        wait_until(dropped, timeout=10, what=f"DROP DATABASE {name}")
    except AssertionError:
        raise refused[0] if refused else AssertionError(f"DROP DATABASE {name} never answered") from None


def backend_url(backend: str, tmp_path: object) -> Iterator[str | None]:
    """None for SQLite (the hub's default file in its home), a fresh database URL otherwise."""
    if backend == "sqlite":
        yield None
    else:
        yield from fresh_pg_database()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[str | None]:
    yield from backend_url(request.param, tmp_path)


@pytest.fixture(scope="module", params=BACKENDS)
def module_db_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    yield from backend_url(request.param, None)
