"""What `eduteach` tells a technician when a command fails: one line saying what happened and
what to do, in the user's language (eduteach_protocol/cli_i18n.py; the app says the same
through ui/errors.py, keyed by the same codes)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eduteach_desktop.core.errors import EduTeachError, StoreError
from eduteach_protocol.cli_i18n import N_, _, language, render, worded

# Typed store conditions; {where} is the folder or file concerned.
_STORE_SENTENCES = {
    "disk_full": N_("the disk is full ({where}); free some space (delete old files) and try again"),
    "read_only": N_("cannot write to {where}: it is read-only; give this user write access, or check "
                    "the USB stick's write-protect switch"),
    "db_locked": N_("the lesson database is busy (another EduTeach is writing to it); wait a moment "
                    "and try again"),
    "db_corrupt": N_("the lesson database in {where} is damaged; run `eduteach doctor` for what to do"),
    "db_cantopen": N_("cannot open the lesson database in {where}; check that the folder exists and "
                      "this user may write to it"),
    "disk_io": N_("the disk failed while reading or writing {where} (a failing drive, or a USB stick "
                  "pulled out?); check it and try again"),
    "already_running": N_("another EduTeach is already using {where} (the app, or another command); "
                          "close it or wait for it to finish, then try again"),
}

# Other conditions, by code (and an enrollment's reason). The raiser's own words are shown
# (they name the server and the detail): in English as they are; in another language when the
# raiser wrote them with L_() (cli_i18n.Text: said the same, translated), with the code in
# brackets for the technician's search. Words that are not Text (a hub's answer) are replaced
# in another language by these sentences, or, for a generic code, shown in a translated frame.
_CODE_SENTENCES = {
    "network_folder": N_("the data folder is on a network drive, where the lesson database can be "
                         "damaged; choose a folder on this computer's own disk"),
    "path_too_long": N_("the data folder's path is too long; choose a folder with a shorter path"),
    "schema_too_new": N_("a newer EduTeach has changed this data folder; install that version again"),
    "secret_unreadable": N_("this PC was enrolled under another Windows account; enroll it again"),
    "not_enrolled": N_("this PC is not enrolled with a county hub yet; run `eduteach enroll` first, "
                       "or sync --from a folder"),
    "hub_unreachable": N_("the county server cannot be reached; check the network cable and the "
                          "address, then try again (records wait here safely)"),
    "hub_refused": N_("the county server did not accept this PC; enroll it again"),
    "source_unavailable": N_("the lesson source could not be reached; check the network or the USB "
                             "stick, then try again"),
    "source_refused": N_("the lesson source answered in a way EduTeach cannot use; nothing from it "
                         "was used; tell the county technician"),
    "verification": N_("a file did not pass its safety check and was not used; it will be fetched "
                       "again"),
    "lesson_unavailable": N_("a lesson file is missing or damaged; run `eduteach sync` to fetch it "
                             "again"),
    "enrollment:unreachable": N_("the county server cannot be reached; check the address and the "
                                 "network cable, then try again"),
    "enrollment:invalid_code": N_("this one-time code is not right; check it for typos and try again"),
    "enrollment:code_used": N_("this one-time code has already been used; ask the county for a new one"),
    "enrollment:code_expired": N_("this one-time code has expired; ask the county for a new one"),
    "enrollment:bad_url": N_("that is not an http(s) address; give the county server's address"),
    "enrollment:other_hub": N_("this PC already sends to another county server"),
    # what a sync reports, by problem code (eduteach_desktop/sync/engine.py)
    "cancelled": N_("cancelled; what arrived is kept and the next sync resumes"),
    "no_catalog": N_("no catalog available from any source; check the sources and try again"),
    "server_failing": N_("the source kept failing; the next sync tries it again"),
    "bad_source": N_("the source sent data that failed its signed hash; nothing from it was used"),
    "io": N_("a lesson file could not be written; check the disk and its free space"),
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
            return None if "sqlite" in exc.details else _coded(exc)
        return _store_sentence(exc, data_dir)
    if isinstance(exc, EduTeachError):
        return _coded(exc)
    return None


def _store_sentence(exc: StoreError, data_dir: Path | None) -> str:
    sentence = _STORE_SENTENCES.get(exc.code)
    if sentence is None:
        return _coded(exc)  # network folder, path too long…: their own sentences
    where = exc.details.get("path") or data_dir or _("the data folder")
    return _(sentence).format(where=where)


def _coded(exc: EduTeachError) -> str:
    """English: the raiser's words. Another language: the sentence for the error's code."""
    if language() == "en":
        return str(exc)
    if worded(exc):
        return f"{render(exc)} [{exc.code}]"
    reason = exc.details.get("reason")
    key = f"{exc.code}:{reason}" if f"{exc.code}:{reason}" in _CODE_SENTENCES else exc.code
    sentence = _CODE_SENTENCES.get(key)
    if sentence is None:
        return _("this did not work: {detail}").format(detail=exc)
    return f"{_(sentence)} [{exc.code}]"


def problem_line(problem: object, code: str, source: str, kind: str) -> str:
    """One line of a sync's report: the source, what happened, the code."""
    if language() == "en":
        verb = {"refused": " refused", "unreachable": " not checked"}.get(kind, "")
        where = f"{source}{verb}: " if source else ""
        return f"{where}{getattr(problem, 'message', problem)} [{code}]"
    where = {"refused": _("{source} refused: "), "unreachable": _("{source} not checked: ")}.get(
        kind, "{source}: ").format(source=source) if source else ""
    said = getattr(problem, "message", problem)
    sentence = _CODE_SENTENCES.get(code)
    if worded(said):
        text = render(said)
    elif sentence:
        text = _(sentence)
    else:
        text = _("this did not work: {detail}").format(detail=said)
    return f"{where}{text} [{code}]"


def log_files(data_dir: Path | None) -> list[Path]:
    return [data_dir / "logs" / "cli-errors.log"] if data_dir is not None else []
