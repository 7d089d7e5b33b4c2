"""What `eduteach` tells a technician when a command fails: one line saying what happened and
what to do (the app says the same in zh_CN through ui/errors.py, keyed by the same codes)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eduteach_desktop.core.errors import EduTeachError, StoreError

# Typed store conditions; {where} is the folder or file concerned.
_STORE_SENTENCES = {
    "disk_full": "the disk is full ({where}); free some space (delete old files) and try again",
    "read_only": "cannot write to {where}: it is read-only; give this user write access, or check "
                 "the USB stick's write-protect switch",
    "db_locked": "the lesson database is busy (another EduTeach is writing to it); wait a moment "
                 "and try again",
    "db_corrupt": "the lesson database in {where} is damaged; run `eduteach doctor` for what to do",
    "db_cantopen": "cannot open the lesson database in {where}; check that the folder exists and "
                   "this user may write to it",
    "disk_io": "the disk failed while reading or writing {where} (a failing drive, or a USB stick "
               "pulled out?); check it and try again",
    "already_running": "another EduTeach is already using {where} (the app, or another command); close it "
                       "or wait for it to finish, then try again",
}


def explain(exc: BaseException, data_dir: Path | None = None) -> str | None:
    """The one line for a failure the user can act on; None for a bug."""
    if isinstance(exc, (sqlite3.Error, OSError)) and not isinstance(exc, EduTeachError):
        from eduteach_desktop.store.db import is_bug, translate

        typed = translate(exc)
        if is_bug(typed):
            return None
        where = getattr(exc, "filename", None)
        return _store_sentence(typed, Path(where) if where else data_dir)
    if isinstance(exc, StoreError):
        if type(exc) is StoreError:
            # A bare SQLite error (our SQL, a schema mismatch) is a bug; others were worded
            # by their raiser (a folder problem, a bad setting).
            return None if "sqlite" in exc.details else str(exc)
        return _store_sentence(exc, data_dir)
    if isinstance(exc, EduTeachError):
        return str(exc)
    return None


def _store_sentence(exc: StoreError, data_dir: Path | None) -> str:
    sentence = _STORE_SENTENCES.get(exc.code)
    if sentence is None:
        return str(exc)  # network folder, path too long…: their raiser's words say what to do
    where = exc.details.get("path") or data_dir or "the data folder"
    return sentence.format(where=where)


def log_files(data_dir: Path | None) -> list[Path]:
    return [data_dir / "logs" / "cli-errors.log"] if data_dir is not None else []
