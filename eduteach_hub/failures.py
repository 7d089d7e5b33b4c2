"""What `eduteach-hub` tells the county technician when a command fails: one line, never a
traceback or SQLAlchemy's multi-line statement dump (eduteach_protocol/cliguard.py runs it),
in the user's language (eduteach_protocol/cli_i18n.py)."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from eduteach_hub.config import HubHomeError
from eduteach_hub.db import DatabaseError
from eduteach_protocol.cli_i18n import N_, _, render

# SQLite's primary result codes (low byte of the extended code), by meaning.
_SQLITE_SENTENCES = {
    sqlite3.SQLITE_FULL: N_("the disk holding the hub database is full; free some space and try again"),
    sqlite3.SQLITE_READONLY: N_("the hub database is read-only; give the hub's user write access to its home"),
    sqlite3.SQLITE_PERM: N_("the hub database is read-only; give the hub's user write access to its home"),
    sqlite3.SQLITE_BUSY: N_("the hub database is busy (another eduteach-hub is writing); try again in a moment"),
    sqlite3.SQLITE_LOCKED: N_("the hub database is busy (another eduteach-hub is writing); try again in a moment"),
    sqlite3.SQLITE_CORRUPT: N_("the hub database is damaged; restore it from the last backup"),
    sqlite3.SQLITE_NOTADB: N_("the hub database file is not a database; check db_url in hub.toml, or restore a backup"),
    sqlite3.SQLITE_CANTOPEN: N_("cannot open the hub database; check that its folder exists and is writable"),
    # SQLite reports a full disk during a WAL write as an I/O error, not SQLITE_FULL.
    sqlite3.SQLITE_IOERR: N_("the disk failed while reading or writing the hub database; check that it has "
                          "free space and works"),
}
_OS_SENTENCES = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the file system is read-only"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOENT: N_("no such file or folder"),
}


def explain(exc: BaseException) -> str | None:
    """The line for a failure the technician can act on; None for a bug (logged, traceback)."""
    # CliError is matched by name: it lives with the command groups (eduteach_hub/cli), which
    # import this module, and its raisers word it for the technician already.
    if isinstance(exc, (HubHomeError, DatabaseError)) or type(exc).__name__ == "CliError":
        return _("error: {problem}").format(problem=render(exc))
    if isinstance(exc, SQLAlchemyError):
        orig = getattr(exc, "orig", None)
        code = getattr(orig, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _SQLITE_SENTENCES:
            return _("error: {problem}").format(problem=_(_SQLITE_SENTENCES[code & 0xFF]))
        if isinstance(exc, OperationalError):  # PostgreSQL down, refused, wrong password…
            return _("error: cannot use the hub database (is it running, and is db_url in hub.toml right?)")
        return None
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _SQLITE_SENTENCES:
            return _("error: {problem}").format(problem=_(_SQLITE_SENTENCES[code & 0xFF]))
        return None
    if isinstance(exc, OSError):
        known = _OS_SENTENCES.get(exc.errno or 0)
        what = _(known) if known else exc.strerror or _("the operating system refused")
        where = f" ({exc.filename})" if exc.filename else ""
        return _("error: {problem}").format(problem=f"{what}{where}")
    return None


def log_files(home: object) -> list[Path]:
    """Where a bug's traceback goes: the hub home's logs folder, if there is one."""
    if isinstance(home, (str, Path)) and Path(home).is_dir():
        return [Path(home) / "logs" / "cli-errors.log"]
    return []
