"""Turn typed errors from the core into sentences a teacher can act on (translated)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from eduteach_desktop.core.errors import EduTeachError, StoreError
from eduteach_protocol.durable import FileBusyError

translate = QCoreApplication.translate
log = logging.getLogger(__name__)


def describe_error(exc: BaseException) -> str:
    """One or two plain sentences: what happened and what to do. Never a traceback."""
    code = exc.code if isinstance(exc, EduTeachError) else ""
    if code == "disk_full" or isinstance(exc, OSError) and exc.errno == 28:
        return translate(
            "Errors",
            "The computer's disk is full. Delete some old files, or ask the technician "
            "for help, then try again.",
        )
    if code == "read_only":
        return translate(
            "Errors",
            "EduTeach cannot write to its data folder (it is read-only). "
            "Ask the technician to check the folder.",
        )
    if code == "network_folder":
        return translate(
            "Errors",
            "The data folder is on a network drive, where the lesson database can be damaged. "
            "Choose a folder on this computer's own disk.",
        )
    if code == "path_too_long":
        return translate(
            "Errors",
            "The data folder's path is too long for Windows. Choose a folder with a shorter "
            "path, such as D:\\EduTeach.",
        )
    if code == "secret_unreadable":
        return translate(
            "Errors",
            "This computer was connected to the county service under another Windows account. "
            "Connect it again in Settings.",
        )
    if isinstance(exc, FileBusyError):
        return translate(
            "Errors",
            "Another program (often the antivirus) is using a lesson file. Wait a minute and "
            "try again.",
        )
    if code == "db_locked":
        return translate("Errors", "The lesson database is busy. Wait a moment and try again.")
    if code == "db_corrupt":
        return translate(
            "Errors",
            "The lesson database is damaged. Ask the technician to repair it; "
            "your lessons can be downloaded again.",
        )
    if code == "db_cantopen":
        return translate(
            "Errors",
            "EduTeach cannot open its lesson database. Ask the technician to check the data "
            "folder (run “eduteach doctor”).",
        )
    if code == "disk_io":
        return translate(
            "Errors",
            "The disk failed while EduTeach was reading or writing. If a USB stick was pulled "
            "out, put it back; otherwise ask the technician to check the disk.",
        )
    if code == "hub_unreachable":
        return translate(
            "Errors",
            "The county server cannot be reached. Check the network cable, then try again; "
            "records wait here safely.",
        )
    if code == "hub_refused":
        return hub_refused_text()
    if code == "source_refused":
        return translate(
            "Errors",
            "The lesson source answered in a way EduTeach cannot use; nothing from it was used. "
            "Tell the technician.",
        )
    if code == "already_running":
        return translate("Errors", "EduTeach is already open. Look for its window on the task bar.")
    if code == "lesson_unavailable":
        return translate(
            "Errors", "A file of this lesson is missing or damaged. Download the lesson again."
        )
    if code == "verification":
        return translate(
            "Errors",
            "A downloaded file did not pass its safety check and was not used. "
            "It will be downloaded again.",
        )
    if code == "source_unavailable":
        return translate(
            "Errors",
            "The lesson source could not be reached. Check the network cable or the "
            "USB stick, then try again.",
        )
    if code == "not_enrolled":
        return translate(
            "Errors", "This computer is not connected to the county lesson service yet."
        )
    if code in ("sync", "upload", "enrollment"):
        return (
            translate("Errors", "The transfer did not finish. It will continue next time.")
            + f"\n({exc})"
        )
    if isinstance(exc, EduTeachError) and not is_bug(exc):
        return translate("Errors", "Something went wrong: %1").replace("%1", str(exc) or exc.code)
    # A bug: its traceback goes to the log; the teacher reads one sentence, not the library's text.
    log.error("unexpected error shown to the user", exc_info=exc)
    return translate(
        "Errors",
        "Something went wrong inside EduTeach (%1). It was written to the log; please tell the "
        "technician.",
    ).replace("%1", type(exc).__name__)


def is_bug(exc: EduTeachError) -> bool:
    """A StoreError naming no condition anyone can fix (a bare SQLite error) is a bug."""
    return type(exc) is StoreError and "sqlite" in exc.details


def hub_refused_text() -> str:
    """The hub refused this PC's credential (401/403): the dialogs and the sync panel say it."""
    return translate(
        "Errors",
        "The county server did not accept this computer. Ask the technician to enroll it again.",
    )


def enrollment_error_text(exc: BaseException, offline_choice: bool = True) -> str:
    """A sentence for the reasons a hub refuses a code, or cannot be reached (the wizard
    also offers to go on offline; Settings has no such choice)."""
    reason = exc.details.get("reason") if isinstance(exc, EduTeachError) else None
    if reason == "enrolled_by_file":
        from .never_online import enroll_file_error_text

        return enroll_file_error_text(exc)
    if reason == "invalid_code":
        return translate("FirstRunWizard", "This one-time code is not right. Check it for typos "
                                           "and try again.")
    if reason == "code_used":
        return translate("FirstRunWizard", "This one-time code has already been used. Ask the "
                                           "county for a new one.")
    if reason == "code_expired":
        return translate("FirstRunWizard", "This one-time code has expired. Ask the county for "
                                           "a new one.")
    if reason == "unreachable" and offline_choice:
        return translate("FirstRunWizard", "The county lesson service cannot be reached. Check "
                                           "the address and the network cable, or choose "
                                           "Offline only.")
    if reason == "unreachable":
        return translate("Errors", "The county lesson service cannot be reached. Check the "
                                   "address and the network cable.")
    if isinstance(reason, str) and reason.startswith("http_"):
        return translate("FirstRunWizard", "Something answered at this address, but it is not "
                                           "the county lesson service. Check the address.")
    return describe_error(exc)
